//! A household's award (its quota, the award history, open data, the dashboard), no
//! Giấy khen for one, its head's personal data exported and anonymised, and the demo's.

use super::*;

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
