//! Households (hộ gia đình, issue 12 item 3; plan II.2.b) as a third nominee kind: the
//! head of household, the commune and the members; the one-nominee-per-round rule on the
//! head and commune (diacritics and case do not matter); the award history and the
//! quotas per nominee kind; personal data as for a person (another unit's draft is 404,
//! reviewers' reads are audited, nothing but the head's name and commune is public);
//! and the dashboard's and open data's figures. A Giấy khen is not recorded for one.
//!
//! The clock is fixed inside the final round's window (Thursday 26 November 2026).

use crate::fixtures::consolidation::{appraise, consolidate};
use crate::fixtures::nominating::{
    create, in_window, open_round, path_of, person, read, submitted,
};
use crate::fixtures::plans::{act, fresh_unit, movement_id, tag};
use crate::hardening_personal_data::events;
use crate::helpers::*;
use serde_json::{json, Value};

fn household(round: &str, head: &str, commune: &str, members: i32) -> Value {
    json!({"round_id": round, "award_form": "provincial_merit", "nominee_kind": "household",
        "household": {"head_full_name": head, "commune": commune, "members_count": members},
        "achievement_summary": "Hộ tiên phong bán nông sản trên sàn thương mại điện tử, hướng dẫn 40 hộ trong ấp làm theo.",
        "clean_record": true})
}

#[actix_web::test]
async fn a_household_is_nominated_by_its_head_commune_and_members() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let n = create(
        &app,
        &officer,
        household(&round, " Nguyễn Văn Bảy ", "Xã Mỹ An", 5),
    )
    .await;
    assert_eq!(n["nominee_kind"], "household");
    assert_eq!(n["nominee_name"], "Nguyễn Văn Bảy");
    assert_eq!(
        n["household"],
        json!({"head_full_name": "Nguyễn Văn Bảy", "commune": "Xã Mỹ An", "members_count": 5})
    );
    assert!(
        n["individual"].is_null() && n["collective"].is_null(),
        "{n}"
    );
    assert_eq!(n["achievement_type"], "routine");
    assert_eq!(n["award_history"], json!([]));
    // Found by name without diacritics, and by kind.
    let r = app
        .get(
            "/api/v1/nominations?q=nguyen%20van%20bay&nominee_kind=household",
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.text);
    // Changed as a household, with If-Match.
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"household":
            {"head_full_name": "Nguyễn Văn Bảy", "commune": "Xã Mỹ An", "members_count": 6}}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["household"]["members_count"], 6);
    // An individual's part on a household is refused.
    let n = r.body.clone();
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"individual": {"full_name": "A", "gender": "male",
            "birth_year": 1970, "position": "Nông dân", "workplace": "Xã Mỹ An"}}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["household"].is_array(), "{}", r.text);
}

#[actix_web::test]
async fn a_household_needs_its_part_and_sane_figures() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let mut without = household(&round, "Lê Văn Thiếu", "Xã Mỹ An", 4);
    without.as_object_mut().unwrap().remove("household");
    let mut both = household(&round, "Lê Văn Thừa", "Xã Mỹ An", 4);
    both["individual"] = json!({"full_name": "Lê Văn Thừa", "gender": "male", "birth_year": 1970,
        "position": "Nông dân", "workplace": "Xã Mỹ An"});
    for (body, field) in [
        (without, "household"),
        (both, "household"),
        (
            household(&round, "Lê Văn Không", "Xã Mỹ An", 0),
            "household.members_count",
        ),
        (
            household(&round, "Lê Văn Nhiều", "Xã Mỹ An", 101),
            "household.members_count",
        ),
        (
            household(&round, "   ", "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
        (household(&round, "Lê Văn Xã", "", 4), "household.commune"),
        (
            household(&round, &"A".repeat(201), "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
        (
            household(&round, "Lê Văn \u{202e}Ngược", "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
    ] {
        let r = app.post("/api/v1/nominations", Some(&officer), body).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    // A household's part on an individual nomination is refused too.
    let mut person_with_household = person(&round, "Lê Thị Cá Nhân", 1980);
    person_with_household["household"] =
        json!({"head_full_name": "Lê Thị Cá Nhân", "commune": "Xã Mỹ An", "members_count": 3});
    let r = app
        .post("/api/v1/nominations", Some(&officer), person_with_household)
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["individual"].is_array(), "{}", r.text);
    // No other personal data is taken (an id number is an unknown field).
    let mut extra = household(&round, "Lê Văn Thêm", "Xã Mỹ An", 4);
    extra["household"]["id_number"] = json!("087123456789");
    let r = app.post("/api/v1/nominations", Some(&officer), extra).await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["household.id_number"].is_array(),
        "{}",
        r.text
    );
}

#[actix_web::test]
async fn the_same_household_is_nominated_once_per_round() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let first = create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
    )
    .await;
    // Same head and commune, spelt otherwise: the same household.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            household(&round, "TRAN VAN MOT", "xã Truong Xuân", 3),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert_eq!(r.body["nomination_id"], first["id"]);
    // Another unit learns that it is taken, not which draft holds it.
    let (_, other) = fresh_unit(&app, "HGD-KHAC", Some("CUM-2")).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&other),
            household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert!(r.body.get("nomination_id").is_none(), "{}", r.text);
    // A namesake in another commune is another household.
    create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Hưng Thạnh", 4),
    )
    .await;
    // Once withdrawn, the household may be nominated again.
    act(
        &app,
        &officer,
        &path_of(&first),
        "withdraw",
        &tag(&first),
        Some(json!({"comment": "Bổ sung hồ sơ sau."})),
    )
    .await
    .assert(200);
    create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
    )
    .await;
}

#[actix_web::test]
async fn a_households_data_is_read_by_the_unit_and_its_reviewers_only_and_audited() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let draft = create(
        &app,
        &officer,
        household(&round, "Phan Văn Riêng", "Xã Mỹ An", 3),
    )
    .await;
    // Another unit's users, and reviewers before it is submitted, do not see the draft.
    let (_, other) = fresh_unit(&app, "HGD-XEM", Some("CUM-2")).await;
    app.get(&path_of(&draft), Some(&other)).await.assert(404);
    app.get(&path_of(&draft), Some(&app.token("dic_officer").await))
        .await
        .assert(404);
    let n = submitted(&app, household(&round, "Phan Văn Xét", "Xã Mỹ An", 3)).await;
    app.get(&path_of(&n), Some(&other)).await.assert(404);
    let dic = app.token("dic_officer").await;
    let seen = read(&app, &dic, &n).await;
    assert_eq!(seen["household"]["head_full_name"], "Phan Văn Xét");
    let reads = events(&app, "nomination.read", Some(&id_of(&n))).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(
        reads[0]["changes"]["fields"],
        json!(["nominee_name", "household", "achievement_summary"])
    );
    // Its own unit reads it without an audit event.
    read(&app, &officer, &n).await;
    assert_eq!(
        events(&app, "nomination.read", Some(&id_of(&n)))
            .await
            .len(),
        1
    );
}

#[actix_web::test]
async fn households_are_awarded_within_their_own_quota_and_kept_in_the_award_history() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let admin = app.token("admin").await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/rounds/{round}");
    let r = app.get(&path, Some(&admin)).await;
    let r = app
        .patch(
            &path,
            &admin,
            &r.etag(),
            json!({"quotas": [
            {"award_form": "provincial_merit", "nominee_kind": "household", "max_awards": 1}]}),
        )
        .await;
    r.assert(200);
    let a = submitted(&app, household(&round, "Đặng Văn An", "Xã Mỹ An", 5)).await;
    let b = submitted(&app, household(&round, "Đặng Văn Bình", "Xã Mỹ An", 4)).await;
    consolidate(&app, &round, &[&a, &b]).await;
    let ha = app.token("home_affairs_officer").await;
    let mut approved = Vec::new();
    for n in [&a, &b] {
        let now = read(&app, &ha, n).await;
        let r = appraise(
            &app,
            &ha,
            &now,
            "approve",
            "Hộ gia đình tiêu biểu, hồ sơ đầy đủ.",
        )
        .await;
        r.assert(200);
        approved.push(r.body.clone());
    }
    let chair = app.token("chair").await;
    let decision = |number: &str, noms: &[&Value]| {
        json!({"round_id": round, "number": number, "signed_on": "2026-11-26",
            "signer": "Chủ tịch UBND Tỉnh",
            "nomination_ids": noms.iter().map(|n| id_of(n)).collect::<Vec<_>>()})
    };
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            decision("2200/QĐ-UBND", &[&approved[0], &approved[1]]),
        )
        .await;
    r.assert_problem(409, "quota_exceeded");
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            decision("2200/QĐ-UBND", &[&approved[0]]),
        )
        .await;
    r.assert(201);
    let q = app.get(&path, Some(&admin)).await;
    let used = q.body["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["nominee_kind"] == "household" && q["award_form"] == "provincial_merit")
        .unwrap()
        .clone();
    assert_eq!(used["awarded"], 1, "{used}");
    // The award history holds it under the household's key, however it is spelt.
    let officer = app.token("unit_officer").await;
    let r = app
        .get(
            "/api/v1/award-history?nominee=household:dang%20van%20an:XA%20MY%20AN",
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["nominee_key"], "household:dang van an:xa my an");
    assert_eq!(
        r.body["items"][0]["source"], "provincial_merit",
        "{}",
        r.text
    );
    assert_eq!(r.body["items"][0]["decision_number"], "2200/QĐ-UBND");
    // Public: the head's name and the commune, nothing more.
    let r = app
        .get(&format!("/api/v1/public/awards?round_id={round}"), None)
        .await;
    r.assert(200);
    let award = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nomination_id"] == approved[0]["id"])
        .unwrap()
        .clone();
    assert_eq!(award["nominee_kind"], "household");
    assert_eq!(award["nominee_name"], "Đặng Văn An");
    assert_eq!(award["workplace"], "Xã Mỹ An");
    assert!(award.get("household").is_none() && award.get("members_count").is_none());
    let csv = app.get("/api/v1/public/awards.csv", None).await;
    csv.assert(200);
    assert!(
        csv.text.contains("household,Đặng Văn An,Xã Mỹ An"),
        "{}",
        csv.text
    );
    // The dashboard counts households apart.
    let dic = app.token("dic_officer").await;
    let r = app
        .get(&format!("/api/v1/movements/{m}/dashboard"), Some(&dic))
        .await;
    r.assert(200);
    let figures = r.body["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["round_id"] == round)
        .unwrap()
        .clone();
    assert_eq!(figures["awardees"]["households"], 1, "{figures}");
    assert!(
        figures["by_nominee_kind"]["household"].as_i64().unwrap() >= 2,
        "{figures}"
    );
}

#[actix_web::test]
async fn a_giay_khen_is_not_recorded_for_a_household() {
    let app = spawn_app().await;
    in_window(&app);
    let head = app.token("unit_head").await;
    let m = movement_id(&app).await;
    let r = app
        .post("/api/v1/unit-awards", Some(&head), json!({"movement_id": m, "recipient_kind": "household",
            "achievement": "Hộ tiêu biểu.", "decision_number": "12/QĐ-UBND", "decided_on": "2026-11-20"}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["recipient_kind"].is_array(), "{}", r.text);
}

#[actix_web::test]
async fn the_demo_has_household_nominees() {
    let app = spawn_app().await;
    // DIC proposed one in the demo's ad hoc round.
    let dic = app.token("dic_officer").await;
    let r = app
        .get(
            "/api/v1/nominations?nominee_kind=household&limit=200",
            Some(&dic),
        )
        .await;
    r.assert(200);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", r.text);
    assert_eq!(items[0]["achievement_type"], "ad_hoc");
    let n = read(&app, &dic, &items[0]).await;
    assert!(n["household"]["members_count"].as_i64().unwrap() > 0, "{n}");
}

#[actix_web::test]
async fn a_household_heads_data_is_exported_to_the_admin_only() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(
        &app,
        &officer,
        household(&round, "Hồ Văn Xuất", "Xã Mỹ An", 2),
    )
    .await;
    let query = "/api/v1/personal-data?nominee=household:H%E1%BB%93%20V%C4%83n%20Xu%E1%BA%A5t:x%C3%A3%20m%E1%BB%B9%20an";
    let admin = app.token("admin").await;
    let r = app.get(query, Some(&admin)).await;
    r.assert(200);
    assert_eq!(r.body["nominee_key"], "household:ho van xuat:xa my an");
    assert_eq!(
        r.body["nominations"][0]["nomination"]["id"], n["id"],
        "{}",
        r.text
    );
    for user in ["unit_officer", "dic_officer", "auditor"] {
        app.get(query, Some(&app.token(user).await))
            .await
            .assert_problem(403, "forbidden");
    }
    // A collective's key names no person.
    let unit = app.unit_id("H-THAPMUOI").await;
    app.get(
        &format!("/api/v1/personal-data?nominee=unit:{unit}"),
        Some(&admin),
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn a_withdrawn_households_head_is_anonymised_after_retention() {
    use thidua::app::personal_data::{anonymise, RetentionRun};
    use thidua::domain::personal_data::ANONYMISED;
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(
        &app,
        &officer,
        household(&round, "Mai Văn Quên", "Xã Mỹ An", 3),
    )
    .await;
    act(
        &app,
        &officer,
        &path_of(&n),
        "withdraw",
        &tag(&n),
        Some(json!({"comment": "Không đủ điều kiện."})),
    )
    .await
    .assert(200);
    let later = chrono::Utc::now() + chrono::Duration::days(3650);
    let report = {
        let mut conn = app.state.pool.get().unwrap();
        anonymise(&mut conn, &RetentionRun::new(later, 730, false, "test")).unwrap()
    };
    assert!(report
        .nominations
        .iter()
        .any(|x| x.nomination_id == id_of(&n)));
    let after = read(&app, &app.token("auditor").await, &n).await;
    assert_eq!(after["nominee_name"], ANONYMISED);
    assert_eq!(after["household"]["head_full_name"], ANONYMISED);
    // The commune and the size stay: the figures by place still hold.
    assert_eq!(after["household"]["commune"], "Xã Mỹ An");
    assert_eq!(after["household"]["members_count"], 3);
}
