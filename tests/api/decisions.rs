//! The Chair's decisions (Quyết định khen thưởng): awarding approved provincial-merit
//! nominations within the round's quota per nominee kind (reached exactly, exceeded, and
//! raced for by two app instances on one database), the flagged nominee, the states and
//! forms that cannot be awarded, the register number (unique per issuer and year), who
//! may decide, idempotent retries, and the published decisions and awardees.
//!
//! The final round TK-2022-2025 is open (window 2025-10-01…2026-12-31); the clock is
//! fixed inside it (Thursday 26 November 2026). The individual quota is lowered first so
//! that few nominations reach it.

use crate::fixtures::consolidation::{appraise, consolidate, consolidated, status_of};
use crate::fixtures::nominating::{
    collective, create, in_window, open_round, path_of, person, read, submitted,
};
use crate::fixtures::plans::{at, history, movement_id};
use crate::helpers::*;
use actix_web::test;
use serde_json::{json, Value};

const SIGNER: &str = "Chủ tịch UBND Tỉnh";

fn decision(round: &str, number: &str, signed_on: &str, noms: &[&Value]) -> Value {
    json!({"round_id": round, "number": number, "signed_on": signed_on, "signer": SIGNER,
        "nomination_ids": noms.iter().map(|n| id_of(n)).collect::<Vec<_>>()})
}

async fn decide<S: TestService>(app: &TestApp<S>, user: &str, body: Value) -> Reply {
    let t = app.token(user).await;
    app.post("/api/v1/decisions", Some(&t), body).await
}

/// Submits, consolidates (one batch) and approves the nominations: as read afterwards.
async fn approved_all<S: TestService>(
    app: &TestApp<S>,
    round: &str,
    bodies: Vec<Value>,
) -> Vec<Value> {
    let mut subs = Vec::new();
    for b in bodies {
        subs.push(submitted(app, b).await);
    }
    let refs: Vec<&Value> = subs.iter().collect();
    consolidate(app, round, &refs).await;
    let ha = app.token("home_affairs_officer").await;
    let mut out = Vec::new();
    for n in &subs {
        let now = read(app, &ha, n).await;
        let r = appraise(
            app,
            &ha,
            &now,
            "approve",
            "Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen.",
        )
        .await;
        r.assert(200);
        assert_eq!(r.body["status"], "approved", "{}", r.text);
        out.push(r.body.clone());
    }
    out
}

async fn approved<S: TestService>(app: &TestApp<S>, round: &str, body: Value) -> Value {
    approved_all(app, round, vec![body]).await.remove(0)
}

fn people(round: &str, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| person(round, n, 1975 + i as i32))
        .collect()
}

async fn round_path<S: TestService>(app: &TestApp<S>, round: &str) -> String {
    let m = movement_id(app).await;
    format!("/api/v1/movements/{m}/rounds/{round}")
}

/// Lowers the open round's individual provincial-merit quota.
async fn set_individual_quota<S: TestService>(app: &TestApp<S>, round: &str, max: i32) {
    let admin = app.token("admin").await;
    let path = round_path(app, round).await;
    let r = app.get(&path, Some(&admin)).await;
    r.assert(200);
    let r = app
        .patch(
            &path,
            &admin,
            &r.etag(),
            json!({"quotas": [{"award_form": "provincial_merit", "nominee_kind": "individual",
                "max_awards": max}]}),
        )
        .await;
    r.assert(200);
    assert_eq!(quota_in(&r.body, "individual").0, Some(max as i64));
}

fn quota_in(round: &Value, kind: &str) -> (Option<i64>, i64) {
    let q = round["quotas"]
        .as_array()
        .unwrap_or_else(|| panic!("no quotas: {round}"))
        .iter()
        .find(|q| q["award_form"] == "provincial_merit" && q["nominee_kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} quota: {round}"));
    (q["max_awards"].as_i64(), q["awarded"].as_i64().unwrap())
}

/// (max, awarded) of the open round's provincial-merit quota for `kind`.
async fn quota<S: TestService>(app: &TestApp<S>, round: &str, kind: &str) -> (Option<i64>, i64) {
    let admin = app.token("admin").await;
    let r = app.get(&round_path(app, round).await, Some(&admin)).await;
    r.assert(200);
    quota_in(&r.body, kind)
}

async fn decisions_of<S: TestService>(app: &TestApp<S>, round: &str) -> Vec<Value> {
    let chair = app.token("chair").await;
    let r = app
        .get(&format!("/api/v1/decisions?round_id={round}"), Some(&chair))
        .await;
    r.assert(200);
    r.body["items"].as_array().unwrap().clone()
}

fn awardee_ids(d: &Value) -> Vec<String> {
    let mut v: Vec<String> = d["awardees"]
        .as_array()
        .unwrap_or_else(|| panic!("no awardees: {d}"))
        .iter()
        .map(|a| a["nomination_id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn sorted_ids(noms: &[&Value]) -> Vec<String> {
    let mut v: Vec<String> = noms.iter().map(|n| id_of(n)).collect();
    v.sort();
    v
}

/// The nomination is still approved, at the version it had, with no award step.
async fn still_approved<S: TestService>(app: &TestApp<S>, n: &Value) {
    let dic = app.token("dic_officer").await;
    let now = read(app, &dic, n).await;
    assert_eq!(now["status"], "approved", "{now}");
    assert_eq!(now["version"], n["version"], "{now}");
    let h = history(app, &dic, &path_of(n)).await;
    assert!(h.iter().all(|e| e.0 != "award"), "{h:?}");
}

#[actix_web::test]
async fn the_chair_awards_an_individual_and_a_collective() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let before_ind = quota(&app, &round, "individual").await;
    let before_col = quota(&app, &round, "collective").await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            person(&round, "Nguyễn Thị Hoa", 1985),
            collective(&round, &unit, Some("Phòng Văn hóa và Thông tin")),
        ],
    )
    .await;
    let (a, b) = (&noms[0], &noms[1]);

    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[a, b]),
    )
    .await;
    r.assert(201);
    let d = r.body.clone();
    let did = id_of(&d);
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("/api/v1/decisions/{did}").as_str())
    );
    assert_eq!(d["number"], "2150/QĐ-UBND");
    assert_eq!(d["year"], 2026);
    assert_eq!(d["signed_on"], "2026-11-26");
    assert_eq!(d["signer"], SIGNER);
    assert_eq!(d["round_id"], round.as_str());
    assert_eq!(awardee_ids(&d), sorted_ids(&[a, b]));
    let awardees = d["awardees"].as_array().unwrap();
    let hoa = awardees
        .iter()
        .find(|x| x["nomination_id"] == a["id"])
        .unwrap();
    assert_eq!(hoa["nominee_kind"], "individual");
    assert_eq!(hoa["nominee_name"], "Nguyễn Thị Hoa");
    assert_eq!(hoa["workplace"], "UBND Huyện Tháp Mười");
    let team = awardees
        .iter()
        .find(|x| x["nomination_id"] == b["id"])
        .unwrap();
    assert_eq!(team["nominee_kind"], "collective");
    assert_eq!(team["nominee_name"], b["nominee_name"]);
    assert!(!team["workplace"].as_str().unwrap().is_empty(), "{team}");

    // Each nomination is awarded, one version on, with the award step naming the decision.
    let dic = app.token("dic_officer").await;
    for n in [a, b] {
        let now = read(&app, &dic, n).await;
        assert_eq!(now["status"], "awarded", "{now}");
        assert_eq!(now["version"], n["version"].as_i64().unwrap() + 1);
        let h = history(&app, &dic, &path_of(n)).await;
        let last = h.last().unwrap();
        assert_eq!(
            (
                last.0.as_str(),
                last.1.as_str(),
                last.2.as_str(),
                last.3.as_str(),
                last.4.as_str()
            ),
            ("award", "approved", "awarded", "chair", "chair")
        );
        assert_eq!(last.5, "2150/QĐ-UBND", "{h:?}");
        // The proposing unit sees it too.
        let officer = app.token("unit_officer").await;
        assert_eq!(read(&app, &officer, n).await["status"], "awarded");
    }

    // The quota counts the places taken, per nominee kind.
    let ind = quota(&app, &round, "individual").await;
    let col = quota(&app, &round, "collective").await;
    assert_eq!(ind, (before_ind.0, before_ind.1 + 1));
    assert_eq!(col, (before_col.0, before_col.1 + 1));

    // Read back, and listed.
    let chair = app.token("chair").await;
    let r = app
        .get(&format!("/api/v1/decisions/{did}"), Some(&chair))
        .await;
    r.assert(200);
    assert_eq!(r.body["number"], "2150/QĐ-UBND");
    assert_eq!(awardee_ids(&r.body), sorted_ids(&[a, b]));
    let listed = decisions_of(&app, &round).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], did.as_str());

    // An awarded nomination is not awarded again.
    let r = decide(
        &app,
        "chair",
        decision(&round, "2151/QĐ-UBND", "2026-11-26", &[a]),
    )
    .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(quota(&app, &round, "individual").await, ind);
}

#[actix_web::test]
async fn the_quota_is_reached_exactly_then_refused() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    set_individual_quota(&app, &round, 2).await;
    let noms = approved_all(
        &app,
        &round,
        people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc"]),
    )
    .await;
    let (a, b, c) = (&noms[0], &noms[1], &noms[2]);

    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[a, b]),
    )
    .await;
    r.assert(201);
    assert_eq!(quota(&app, &round, "individual").await, (Some(2), 2));

    let r = decide(
        &app,
        "chair",
        decision(&round, "2151/QĐ-UBND", "2026-11-26", &[c]),
    )
    .await;
    r.assert_problem(409, "quota_exceeded");
    assert_eq!(r.body["quota"], 2, "{}", r.text);
    assert_eq!(r.body["used"], 2, "{}", r.text);
    assert_eq!(r.body["requested"], 1, "{}", r.text);
    assert_eq!(r.body["nominee_kind"], "individual", "{}", r.text);
    assert_eq!(r.body["award_form"], "provincial_merit", "{}", r.text);

    // Nothing changed: c is still approved, the count stays, no second decision.
    still_approved(&app, c).await;
    assert_eq!(quota(&app, &round, "individual").await, (Some(2), 2));
    assert_eq!(decisions_of(&app, &round).await.len(), 1);
    // The refused number was not taken: raising the quota lets it through.
    set_individual_quota(&app, &round, 3).await;
    decide(
        &app,
        "chair",
        decision(&round, "2151/QĐ-UBND", "2026-11-26", &[c]),
    )
    .await
    .assert(201);
    assert_eq!(quota(&app, &round, "individual").await, (Some(3), 3));
}

#[actix_web::test]
async fn a_decision_over_the_quota_awards_nobody() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    set_individual_quota(&app, &round, 2).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let mut bodies = people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc"]);
    bodies.push(collective(
        &round,
        &unit,
        Some("Phòng Văn hóa và Thông tin"),
    ));
    let noms = approved_all(&app, &round, bodies).await;
    let col_before = quota(&app, &round, "collective").await;
    let all: Vec<&Value> = noms.iter().collect();

    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &all),
    )
    .await;
    r.assert_problem(409, "quota_exceeded");
    assert_eq!(r.body["quota"], 2, "{}", r.text);
    assert_eq!(r.body["used"], 0, "{}", r.text);
    assert_eq!(r.body["requested"], 3, "{}", r.text);
    assert_eq!(r.body["nominee_kind"], "individual", "{}", r.text);

    // No award at all, not even the collective, whose quota had room.
    for n in &noms {
        still_approved(&app, n).await;
    }
    assert_eq!(quota(&app, &round, "individual").await, (Some(2), 0));
    assert_eq!(quota(&app, &round, "collective").await, col_before);
    assert!(decisions_of(&app, &round).await.is_empty());

    // Two of them fit, under the same number.
    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[&noms[0], &noms[1]]),
    )
    .await;
    r.assert(201);
    assert_eq!(quota(&app, &round, "individual").await, (Some(2), 2));
}

#[actix_web::test]
async fn two_decisions_racing_for_the_last_place_on_two_instances_one_wins() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    set_individual_quota(&app, &round, 1).await;
    let noms = approved_all(
        &app,
        &round,
        people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình"]),
    )
    .await;
    let (a, b) = (&noms[0], &noms[1]);

    // A second instance of the service on the same database.
    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    second.clock.set(at(2026, 11, 26, 3, 0, 0));
    let other = test::init_service(thidua::build_app(second)).await;
    let chair = app.token("chair").await;
    let req = test::TestRequest::post()
        .uri("/api/v1/decisions")
        .insert_header(("Authorization", format!("Bearer {chair}")))
        .set_json(decision(&round, "2151/QĐ-UBND", "2026-11-26", &[b]))
        .to_request();

    let (first, res) = futures_util::future::join(
        app.post(
            "/api/v1/decisions",
            Some(&chair),
            decision(&round, "2150/QĐ-UBND", "2026-11-26", &[a]),
        ),
        test::call_service(&other, req),
    )
    .await;
    let status = res.status().as_u16();
    let bytes = test::read_body(res).await;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);

    let mut statuses = [first.status.as_u16(), status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {}", first.text, text);
    let (loser, loser_text) = if status == 409 {
        (&body, &text)
    } else {
        (&first.body, &first.text)
    };
    assert_eq!(loser["code"], "quota_exceeded", "{loser_text}");
    assert_eq!(loser["quota"], 1, "{loser_text}");
    assert_eq!(loser["used"], 1, "{loser_text}");
    assert_eq!(loser["requested"], 1, "{loser_text}");

    // Exactly one place taken, one nomination awarded, one decision.
    assert_eq!(quota(&app, &round, "individual").await, (Some(1), 1));
    let mut states = vec![status_of(&app, a).await, status_of(&app, b).await];
    states.sort();
    assert_eq!(states, vec!["approved", "awarded"]);
    let listed = decisions_of(&app, &round).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["awardees"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_flagged_nominee_cannot_be_awarded() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let mut flagged = person(&round, "Phạm Văn Đông", 1970);
    flagged["clean_record"] = json!(false);
    let noms = approved_all(
        &app,
        &round,
        vec![flagged, person(&round, "Nguyễn Thị Hoa", 1985)],
    )
    .await;
    let (f, good) = (&noms[0], &noms[1]);
    assert_eq!(f["clean_record"], false);
    let before = quota(&app, &round, "individual").await;

    for ids in [vec![f], vec![good, f]] {
        let r = decide(
            &app,
            "chair",
            decision(&round, "2150/QĐ-UBND", "2026-11-26", &ids),
        )
        .await;
        r.assert_problem(409, "nominee_flagged");
        assert_eq!(r.body["nomination_id"], f["id"], "{}", r.text);
    }
    still_approved(&app, f).await;
    still_approved(&app, good).await;
    assert_eq!(quota(&app, &round, "individual").await, before);
    assert!(decisions_of(&app, &round).await.is_empty());
}

#[actix_web::test]
async fn only_approved_provincial_merit_nominations_are_awarded() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let good = approved(&app, &round, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let mut state = person(&round, "Võ Thị Sáu", 1968);
    state["award_form"] = json!("state_award");
    let state = approved(&app, &round, state).await;
    let sub = submitted(&app, person(&round, "Trần Văn Bình", 1979)).await;
    let cons = consolidated(&app, &round, "Lê Thị Cúc").await;
    let draft = create(&app, &officer, person(&round, "Đặng Văn Em", 1990)).await;
    let ha = app.token("home_affairs_officer").await;
    let rejected = consolidated(&app, &round, "Huỳnh Văn Phúc").await;
    appraise(
        &app,
        &ha,
        &rejected,
        "reject",
        "Thành tích chưa đạt tiêu chuẩn.",
    )
    .await
    .assert(200);
    let before = quota(&app, &round, "individual").await;

    for (bad, state_now) in [
        (&sub, "submitted"),
        (&cons, "consolidated"),
        (&state, "approved"),
        (&rejected, "rejected"),
    ] {
        for ids in [vec![bad], vec![&good, bad]] {
            let r = decide(
                &app,
                "chair",
                decision(&round, "2150/QĐ-UBND", "2026-11-26", &ids),
            )
            .await;
            r.assert_problem(409, "invalid_state");
            let listed = r.body["nominations"]
                .as_array()
                .unwrap_or_else(|| panic!("no nominations: {}", r.text));
            assert_eq!(listed.len(), 1, "{}", r.text);
            assert_eq!(listed[0]["id"], bad["id"], "{}", r.text);
            assert_eq!(listed[0]["current_state"], state_now, "{}", r.text);
        }
        assert_eq!(status_of(&app, bad).await, state_now);
    }
    // A draft is not even visible to the Chair.
    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[&draft]),
    )
    .await;
    r.assert_problem(409, "invalid_state");
    still_approved(&app, &good).await;
    assert_eq!(quota(&app, &round, "individual").await, before);
    assert!(decisions_of(&app, &round).await.is_empty());
}

#[actix_web::test]
async fn a_decision_number_is_unique_per_year() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let noms = approved_all(
        &app,
        &round,
        people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình"]),
    )
    .await;
    let (a, b) = (&noms[0], &noms[1]);
    decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[a]),
    )
    .await
    .assert(201);
    let after_first = quota(&app, &round, "individual").await;

    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[b]),
    )
    .await;
    r.assert_problem(409, "already_exists");
    still_approved(&app, b).await;
    assert_eq!(quota(&app, &round, "individual").await, after_first);
    assert_eq!(decisions_of(&app, &round).await.len(), 1);

    // The register starts again each year: the same number in 2027 is another decision
    // (signed on a day that has come).
    app.state.clock.set(at(2027, 1, 5, 3, 0, 0));
    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2027-01-05", &[b]),
    )
    .await;
    r.assert(201);
    assert_eq!(r.body["year"], 2027);
    assert_eq!(r.body["number"], "2150/QĐ-UBND");
    assert_eq!(status_of(&app, b).await, "awarded");
    assert_eq!(decisions_of(&app, &round).await.len(), 2);
}

#[actix_web::test]
async fn only_the_chair_decides() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved(&app, &round, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let before = quota(&app, &round, "individual").await;
    for user in [
        "admin",
        "dic_officer",
        "home_affairs_officer",
        "unit_head",
        "unit_officer",
        "auditor",
    ] {
        let r = decide(
            &app,
            user,
            decision(&round, "2150/QĐ-UBND", "2026-11-26", &[&n]),
        )
        .await;
        r.assert_problem(403, "forbidden");
    }
    app.post(
        "/api/v1/decisions",
        None,
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[&n]),
    )
    .await
    .assert(401);
    still_approved(&app, &n).await;
    assert_eq!(quota(&app, &round, "individual").await, before);
    assert!(decisions_of(&app, &round).await.is_empty());
}

#[actix_web::test]
async fn a_decision_is_idempotent_with_a_key() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved(&app, &round, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let before = quota(&app, &round, "individual").await;
    let chair = app.token("chair").await;
    let send = |body: Value| Call {
        method: "POST",
        path: "/api/v1/decisions".into(),
        token: Some(chair.clone()),
        body: Some(body),
        headers: vec![("Idempotency-Key".into(), "qd-2150-2026-11-26-0001".into())],
    };
    let body = decision(&round, "2150/QĐ-UBND", "2026-11-26", &[&n]);
    let first = app.send(send(body.clone())).await;
    first.assert(201);
    let retry = app.send(send(body)).await;
    retry.assert(201);
    assert_eq!(retry.body["id"], first.body["id"]);
    assert_eq!(retry.header("location"), first.header("location"));
    assert_eq!(awardee_ids(&retry.body), awardee_ids(&first.body));

    // One decision, one place taken, one award step.
    assert_eq!(decisions_of(&app, &round).await.len(), 1);
    assert_eq!(
        quota(&app, &round, "individual").await,
        (before.0, before.1 + 1)
    );
    let dic = app.token("dic_officer").await;
    let h = history(&app, &dic, &path_of(&n)).await;
    assert_eq!(h.iter().filter(|e| e.0 == "award").count(), 1);
    // The same key with another body is refused.
    let other = app
        .send(send(decision(&round, "2999/QĐ-UBND", "2026-11-26", &[&n])))
        .await;
    assert_eq!(other.status.as_u16(), 422, "{}", other.text);
}

#[actix_web::test]
async fn decisions_and_awardees_are_published_without_a_token() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let noms = approved_all(
        &app,
        &round,
        people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình"]),
    )
    .await;
    let (won, waiting) = (&noms[0], &noms[1]);
    let draft = create(&app, &officer, person(&round, "Lê Thị Cúc", 1990)).await;
    let sub = submitted(&app, person(&round, "Đặng Văn Em", 1991)).await;
    let r = decide(
        &app,
        "chair",
        decision(&round, "2150/QĐ-UBND", "2026-11-26", &[won]),
    )
    .await;
    r.assert(201);
    let did = id_of(&r.body);

    // Decisions: the new one, with its awardee only.
    let r = app
        .get(&format!("/api/v1/public/decisions?round_id={round}"), None)
        .await;
    r.assert(200);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", r.text);
    assert_eq!(items[0]["id"], did.as_str());
    assert_eq!(items[0]["number"], "2150/QĐ-UBND");
    assert_eq!(items[0]["signed_on"], "2026-11-26");
    assert_eq!(awardee_ids(&items[0]), vec![id_of(won)]);
    let a = &items[0]["awardees"][0];
    assert_eq!(a["nominee_name"], "Nguyễn Thị Hoa");
    assert_eq!(a["workplace"], "UBND Huyện Tháp Mười");
    let r = app.get("/api/v1/public/decisions?limit=200", None).await;
    r.assert(200);
    assert!(r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == did.as_str()));

    // Awards: the awardee with the decision's number; never the others.
    let r = app
        .get(&format!("/api/v1/public/awards?round_id={round}"), None)
        .await;
    r.assert(200);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", r.text);
    let aw = &items[0];
    assert_eq!(aw["nomination_id"], won["id"]);
    assert_eq!(aw["round_id"], round.as_str());
    assert_eq!(aw["award_form"], "provincial_merit");
    assert_eq!(aw["nominee_kind"], "individual");
    assert_eq!(aw["nominee_name"], "Nguyễn Thị Hoa");
    assert_eq!(aw["workplace"], "UBND Huyện Tháp Mười");
    assert_eq!(aw["decision_number"], "2150/QĐ-UBND");
    assert_eq!(aw["signed_on"], "2026-11-26");
    // No personal data beyond what is published.
    assert!(
        aw.get("individual").is_none() && aw.get("birth_year").is_none(),
        "{aw}"
    );
    let r = app.get("/api/v1/public/awards?limit=200", None).await;
    r.assert(200);
    let all: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["nomination_id"].as_str().unwrap())
        .collect();
    assert!(all.contains(&id_of(won).as_str()));
    for n in [waiting, &draft, &sub] {
        assert!(!all.contains(&id_of(n).as_str()), "{n}");
        assert!(
            !r.text.contains(n["nominee_name"].as_str().unwrap()),
            "{}",
            r.text
        );
    }
}

#[actix_web::test]
async fn the_same_number_sent_at_once_on_two_instances_is_recorded_once() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let noms = approved_all(
        &app,
        &round,
        people(&round, &["Nguyễn Thị Hoa", "Trần Văn Bình"]),
    )
    .await;
    let (a, b) = (&noms[0], &noms[1]);
    let before = quota(&app, &round, "individual").await;

    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    second.clock.set(at(2026, 11, 26, 3, 0, 0));
    let other = test::init_service(thidua::build_app(second)).await;
    let chair = app.token("chair").await;
    let req = test::TestRequest::post()
        .uri("/api/v1/decisions")
        .insert_header(("Authorization", format!("Bearer {chair}")))
        .set_json(decision(&round, "2150/QĐ-UBND", "2026-11-26", &[b]))
        .to_request();
    let (first, res) = futures_util::future::join(
        app.post(
            "/api/v1/decisions",
            Some(&chair),
            decision(&round, "2150/QĐ-UBND", "2026-11-26", &[a]),
        ),
        test::call_service(&other, req),
    )
    .await;
    let status = res.status().as_u16();
    let bytes = test::read_body(res).await;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);

    let mut statuses = [first.status.as_u16(), status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {}", first.text, text);
    let (loser, loser_text) = if status == 409 {
        (&body, &text)
    } else {
        (&first.body, &first.text)
    };
    assert_eq!(loser["code"], "already_exists", "{loser_text}");
    // Only the winner's place is taken.
    assert_eq!(
        quota(&app, &round, "individual").await,
        (before.0, before.1 + 1)
    );
    let mut states = vec![status_of(&app, a).await, status_of(&app, b).await];
    states.sort();
    assert_eq!(states, vec!["approved", "awarded"]);
    assert_eq!(decisions_of(&app, &round).await.len(), 1);
}
