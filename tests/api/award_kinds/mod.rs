//! Award kinds (issue 12 item 2): thematic and ad hoc rounds (an ad hoc round's short
//! appraisal limit, no quota by default), the achievement type every nomination carries
//! (defaulted from its round's kind, refused where the kind does not take it, on creation,
//! change and a change of the round's kind), and DIC proposing ad hoc nominations directly
//! (plan V.1) — its own standing unit's DIC only, in an ad hoc round only, the rest of the
//! workflow unchanged (DIC's head submits).
//!
//! The clock is fixed inside the final round's window (Thursday 26 November 2026); the
//! ad hoc and thematic rounds are opened by the test around it.

use crate::fixtures::nominating::{
    create, in_window, open_round, path_of, person, read, upload, PDF,
};
use crate::fixtures::plans::{act, history, ids, movement_id, new_user, tag};
use crate::helpers::*;
use serde_json::{json, Value};

/// Opens a round of `kind` (by the admin) whose window holds the test's clock.
async fn new_round<S: TestService>(
    app: &TestApp<S>,
    code: &str,
    kind: &str,
    extra: Value,
) -> Value {
    let m = movement_id(app).await;
    let admin = app.token("admin").await;
    let mut body = json!({"code": code, "kind": kind,
        "title": format!("Khen thưởng {kind} chuyển đổi số năm 2026"),
        "period_start_year": 2026, "period_end_year": 2026,
        "nomination_opens_on": "2026-11-01", "nomination_closes_on": "2026-12-31",
        "required_documents": ["proposal_letter", "achievement_summary"]});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = app
        .post(&format!("/api/v1/movements/{m}/rounds"), Some(&admin), body)
        .await;
    r.assert(201);
    r.body.clone()
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

async fn nominations_of<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Vec<String> {
    let r = app
        .get(&format!("/api/v1/nominations?{query}"), Some(token))
        .await;
    r.assert(200);
    ids(&r)
}

#[actix_web::test]
async fn an_ad_hoc_round_is_appraised_sooner_and_has_no_quota_unless_given() {
    let app = spawn_app().await;
    in_window(&app);
    let ad_hoc = new_round(&app, "DX-THU", "ad_hoc", json!({})).await;
    assert_eq!(ad_hoc["kind"], "ad_hoc");
    assert_eq!(ad_hoc["appraisal_working_days"], 10);
    let quotas = ad_hoc["quotas"].as_array().unwrap();
    // Every award form and nominee kind, households included, none fixed.
    assert_eq!(quotas.len(), 6, "{ad_hoc}");
    assert!(quotas.iter().all(|q| q["max_awards"].is_null()), "{ad_hoc}");
    let thematic = new_round(&app, "CD-2026", "thematic", json!({})).await;
    assert_eq!(thematic["appraisal_working_days"], 25);
    // Configurable per round, quotas optional.
    let own = new_round(
        &app,
        "DX-THU-B",
        "ad_hoc",
        json!({"appraisal_working_days": 5, "quotas": [
            {"award_form": "provincial_merit", "nominee_kind": "household", "max_awards": 3}]}),
    )
    .await;
    assert_eq!(own["appraisal_working_days"], 5);
    let household = own["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["nominee_kind"] == "household" && q["award_form"] == "provincial_merit")
        .unwrap()
        .clone();
    assert_eq!(household["max_awards"], 3);
    // The rounds list filters by the new kinds.
    let m = movement_id(&app).await;
    let t = app.token("unit_officer").await;
    let r = app
        .get(
            &format!("/api/v1/movements/{m}/rounds?kind=ad_hoc"),
            Some(&t),
        )
        .await;
    r.assert(200);
    let mut codes: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    codes.sort();
    assert!(
        codes.contains(&"DX-THU") && codes.contains(&"DX-THU-B"),
        "{codes:?}"
    );
    assert!(!codes.contains(&"CD-2026"));
    // Only admins open rounds.
    let dic = app.token("dic_officer").await;
    app.post(
        &format!("/api/v1/movements/{m}/rounds"),
        Some(&dic),
        json!({"code": "DX-X", "kind": "ad_hoc", "title": "x", "period_start_year": 2026,
            "period_end_year": 2026, "nomination_opens_on": "2026-11-01",
            "nomination_closes_on": "2026-12-31"}),
    )
    .await
    .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn a_nomination_takes_its_achievement_type_from_the_round_unless_given() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let fin = open_round(&app).await;
    let ad_hoc = id_of(&new_round(&app, "DX-THU", "ad_hoc", json!({})).await);
    let thematic = id_of(&new_round(&app, "CD-2026", "thematic", json!({})).await);
    let routine = create(&app, &officer, person(&fin, "Nguyễn Thị Thường", 1980)).await;
    assert_eq!(routine["achievement_type"], "routine");
    let sudden = create(&app, &officer, person(&ad_hoc, "Trần Văn Kịp", 1988)).await;
    assert_eq!(sudden["achievement_type"], "ad_hoc");
    let theme = create(&app, &officer, person(&thematic, "Lê Thị Đề", 1990)).await;
    assert_eq!(theme["achievement_type"], "thematic");
    let long = create(
        &app,
        &officer,
        with(
            person(&fin, "Phạm Văn Lâu", 1965),
            "achievement_type",
            json!("long_service"),
        ),
    )
    .await;
    assert_eq!(long["achievement_type"], "long_service");
    // Read back, listed, and filtered.
    assert_eq!(
        read(&app, &officer, &sudden).await["achievement_type"],
        "ad_hoc"
    );
    let listed = nominations_of(&app, &officer, "achievement_type=ad_hoc&limit=200").await;
    assert_eq!(listed, [id_of(&sudden)]);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={fin}&limit=200"),
            Some(&officer),
        )
        .await;
    let item = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == long["id"])
        .unwrap()
        .clone();
    assert_eq!(item["achievement_type"], "long_service");
    app.get(
        "/api/v1/nominations?achievement_type=sudden",
        Some(&officer),
    )
    .await
    .assert(400);
}

#[actix_web::test]
async fn an_achievement_type_the_round_kind_does_not_take_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let fin = open_round(&app).await;
    let ad_hoc = id_of(&new_round(&app, "DX-THU", "ad_hoc", json!({})).await);
    let thematic = id_of(&new_round(&app, "CD-2026", "thematic", json!({})).await);
    let before = nominations_of(&app, &officer, "limit=200").await;
    for (round, a) in [
        (&fin, "ad_hoc"),
        (&ad_hoc, "routine"),
        (&ad_hoc, "long_service"),
        (&thematic, "routine"),
        (&thematic, "ad_hoc"),
    ] {
        let body = with(
            person(round, "Võ Thị Sai", 1985),
            "achievement_type",
            json!(a),
        );
        let r = app.post("/api/v1/nominations", Some(&officer), body).await;
        r.assert_problem(422, "validation_failed");
        assert!(
            r.body["errors"]["achievement_type"].is_array(),
            "{a}: {}",
            r.text
        );
    }
    assert_eq!(nominations_of(&app, &officer, "limit=200").await, before);
    // A change must fit too; a refused change changes nothing.
    let n = create(&app, &officer, person(&fin, "Võ Thị Đúng", 1985)).await;
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"achievement_type": "ad_hoc"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let same = read(&app, &officer, &n).await;
    assert_eq!(same["achievement_type"], "routine");
    assert_eq!(same["version"], n["version"]);
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"achievement_type": "foreign_affairs"}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["achievement_type"], "foreign_affairs");
    // Stale If-Match on such a change is 412.
    app.patch(
        &path_of(&n),
        &officer,
        &tag(&n),
        json!({"achievement_type": "routine"}),
    )
    .await
    .assert_problem(412, "stale_version");
}

#[actix_web::test]
async fn a_round_kind_changes_only_when_its_nominations_in_play_fit_it() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let admin = app.token("admin").await;
    let round = new_round(&app, "CD-2026", "thematic", json!({})).await;
    let n = create(
        &app,
        &officer,
        person(&id_of(&round), "Huỳnh Văn Chủ Đề", 1982),
    )
    .await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/rounds/{}", id_of(&round));
    let r = app
        .patch(&path, &admin, &tag(&round), json!({"kind": "ad_hoc"}))
        .await;
    r.assert_problem(409, "conflict");
    assert_eq!(r.body["reason"], "achievement_type_mismatch", "{}", r.text);
    assert_eq!(r.body["achievement_types"], json!(["thematic"]));
    let same = app.get(&path, Some(&admin)).await;
    assert_eq!(same.body["kind"], "thematic");
    assert_eq!(same.body["version"], round["version"]);
    // Once the nomination is withdrawn, nothing in play holds the round to its kind.
    act(
        &app,
        &officer,
        &path_of(&n),
        "withdraw",
        &tag(&n),
        Some(json!({"comment": "Đổi sang đợt đột xuất."})),
    )
    .await
    .assert(200);
    let r = app
        .patch(&path, &admin, &tag(&round), json!({"kind": "ad_hoc"}))
        .await;
    r.assert(200);
    assert_eq!(r.body["kind"], "ad_hoc");
}

mod dic;
