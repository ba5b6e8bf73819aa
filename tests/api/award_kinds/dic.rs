//! DIC proposing ad hoc nominations directly (plan V.1), and an ad hoc nomination's way
//! to the Chair's decision: its short appraisal limit and no quota.

use super::*;

#[actix_web::test]
async fn dic_proposes_an_ad_hoc_nomination_in_its_own_name_and_its_head_submits_it() {
    let app = spawn_app().await;
    in_window(&app);
    let dic = app.token("dic_officer").await;
    let stttt = app.unit_id("STTTT").await;
    let ad_hoc = id_of(&new_round(&app, "DX-THU", "ad_hoc", json!({})).await);
    let body = person(&ad_hoc, "Lê Minh Tâm", 1991);
    let n = create(&app, &dic, body.clone()).await;
    assert_eq!(n["unit_id"], stttt, "the proposing unit is DIC's");
    assert_eq!(n["achievement_type"], "ad_hoc");
    let events = history(&app, &dic, &path_of(&n)).await;
    assert_eq!(events[0].0, "create");
    assert_eq!(events[0].4, "dic_officer", "{events:?}");
    // DIC's officer prepares the dossier and changes the draft as a unit's officer would.
    for k in ["proposal_letter", "achievement_summary"] {
        upload(&app, &dic, &n, k, &format!("{k}.pdf"), PDF)
            .await
            .assert(201);
    }
    let n = read(&app, &dic, &n).await;
    let r = app
        .patch(&path_of(&n), &dic, &tag(&n), json!({"achievement_summary": "Ngăn chặn kịp thời cuộc tấn công mã độc vào Cổng dịch vụ công."}))
        .await;
    r.assert(200);
    let n = r.body.clone();
    // Another unit neither sees nor changes DIC's draft.
    let officer = app.token("unit_officer").await;
    app.get(&path_of(&n), Some(&officer)).await.assert(404);
    // The rest of the workflow is unchanged: the proposing unit's head signs off.
    act(&app, &dic, &path_of(&n), "submit", &tag(&n), None)
        .await
        .assert_problem(403, "forbidden");
    let head = new_user(&app, "truong.stttt", &stttt, &["unit_head"]).await;
    let r = act(&app, &head, &path_of(&n), "submit", &tag(&n), None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    // DIC may withdraw its own ad hoc proposal before consolidation.
    let other = create(&app, &dic, person(&ad_hoc, "Đỗ Thị Rút", 1993)).await;
    act(
        &app,
        &dic,
        &path_of(&other),
        "withdraw",
        &tag(&other),
        Some(json!({"comment": "Trùng thành tích."})),
    )
    .await
    .assert(200);
}

#[actix_web::test]
async fn only_the_standing_units_dic_proposes_and_only_in_an_ad_hoc_round() {
    let app = spawn_app().await;
    in_window(&app);
    let dic = app.token("dic_officer").await;
    let fin = open_round(&app).await;
    let ad_hoc = id_of(&new_round(&app, "DX-THU", "ad_hoc", json!({})).await);
    let before = nominations_of(&app, &app.token("auditor").await, "limit=200").await;
    // Not in a final (or thematic) round.
    app.post(
        "/api/v1/nominations",
        Some(&dic),
        person(&fin, "Lê Minh Tâm", 1991),
    )
    .await
    .assert_problem(403, "forbidden");
    let thematic = id_of(&new_round(&app, "CD-2026", "thematic", json!({})).await);
    app.post(
        "/api/v1/nominations",
        Some(&dic),
        person(&thematic, "Lê Minh Tâm", 1991),
    )
    .await
    .assert_problem(403, "forbidden");
    // Not in another unit's name.
    let tm = app.unit_id("H-THAPMUOI").await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&dic),
            with(person(&ad_hoc, "Lê Minh Tâm", 1991), "unit_id", json!(tm)),
        )
        .await;
    r.assert_problem(403, "forbidden");
    // Not a DIC officer of another unit, nor Home Affairs, the Chair or an auditor.
    let snv = app.unit_id("SNV").await;
    let elsewhere = new_user(&app, "dic.snv", &snv, &["dic_officer"]).await;
    for token in [
        elsewhere,
        app.token("home_affairs_officer").await,
        app.token("chair").await,
        app.token("auditor").await,
    ] {
        app.post(
            "/api/v1/nominations",
            Some(&token),
            person(&ad_hoc, "Lê Minh Tâm", 1991),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    // A round that does not exist is 404.
    app.post(
        "/api/v1/nominations",
        Some(&dic),
        person("01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e99", "Lê Minh Tâm", 1991),
    )
    .await
    .assert(404);
    assert_eq!(
        nominations_of(&app, &app.token("auditor").await, "limit=200").await,
        before,
        "a refused request changes nothing"
    );
    // The units still propose in an ad hoc round, and a closed one refuses them.
    let officer = app.token("unit_officer").await;
    create(&app, &officer, person(&ad_hoc, "Nguyễn Thị Kịp Thời", 1987)).await;
    let later = id_of(
        &new_round(
            &app,
            "DX-THU-2027",
            "ad_hoc",
            json!({"nomination_opens_on": "2027-01-01", "nomination_closes_on": "2027-12-31",
                "period_start_year": 2027, "period_end_year": 2027}),
        )
        .await,
    );
    app.post(
        "/api/v1/nominations",
        Some(&dic),
        person(&later, "Lê Minh Tâm", 1991),
    )
    .await
    .assert_problem(409, "round_closed");
}

#[actix_web::test]
async fn the_demo_has_an_ad_hoc_round_with_dics_nomination() {
    let app = spawn_app().await;
    let dic = app.token("dic_officer").await;
    let m = movement_id(&app).await;
    let r = app
        .get(
            &format!("/api/v1/movements/{m}/rounds?kind=ad_hoc"),
            Some(&dic),
        )
        .await;
    r.assert(200);
    let round = r.body["items"][0].clone();
    assert_eq!(round["appraisal_working_days"], 10, "{}", r.text);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={}&limit=200", id_of(&round)),
            Some(&dic),
        )
        .await;
    r.assert(200);
    let stttt = app.unit_id("STTTT").await;
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{}", r.text);
    assert!(
        items
            .iter()
            .all(|n| n["unit_id"] == stttt && n["achievement_type"] == "ad_hoc"),
        "{}",
        r.text
    );
}

/// The deadline items of one nomination, as `token` reads `/deadlines`.
async fn deadline_of<S: TestService>(app: &TestApp<S>, token: &str, id: &str) -> Vec<Value> {
    let r = app.get("/api/v1/deadlines?days=60", Some(token)).await;
    r.assert(200);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["resource_id"] == id)
        .cloned()
        .collect()
}

#[actix_web::test]
async fn an_ad_hoc_nomination_is_appraised_within_its_short_limit_and_awarded_without_quota() {
    let app = spawn_app().await;
    in_window(&app);
    let dic = app.token("dic_officer").await;
    let stttt = app.unit_id("STTTT").await;
    let round = new_round(&app, "DX-THU", "ad_hoc", json!({})).await;
    let rid = id_of(&round);
    let n = create(&app, &dic, person(&rid, "Lê Minh Tâm", 1991)).await;
    for k in ["proposal_letter", "achievement_summary"] {
        upload(&app, &dic, &n, k, &format!("{k}.pdf"), PDF)
            .await
            .assert(201);
    }
    let n = read(&app, &dic, &n).await;
    let head = new_user(&app, "truong.stttt", &stttt, &["unit_head"]).await;
    act(&app, &head, &path_of(&n), "submit", &tag(&n), None)
        .await
        .assert(200);
    // DIC consolidates it (the head signed it off, not the DIC officer).
    crate::fixtures::consolidation::consolidate(&app, &rid, &[&n]).await;
    // 10 working days from Thursday 26 November 2026: 27 Nov (1), 30 Nov–4 Dec (2–6),
    // 7–10 Dec (7–10) → Thursday 10 December.
    let ha = app.token("home_affairs_officer").await;
    let items = deadline_of(&app, &ha, &id_of(&n)).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "appraisal_due");
    assert_eq!(items[0]["due_on"], "2026-12-10");
    app.state
        .clock
        .set(crate::fixtures::plans::at(2026, 12, 11, 3, 0, 0));
    let items = deadline_of(&app, &ha, &id_of(&n)).await;
    assert_eq!(items[0]["kind"], "appraisal_overdue", "{items:?}");
    // Approved, then awarded by the Chair: the round has no quota.
    let now = read(&app, &ha, &n).await;
    let r = crate::fixtures::consolidation::appraise(
        &app,
        &ha,
        &now,
        "approve",
        "Thành tích đột xuất, đề nghị khen thưởng kịp thời.",
    )
    .await;
    r.assert(200);
    let chair = app.token("chair").await;
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            json!({"round_id": rid, "number": "2301/QĐ-UBND", "signed_on": "2026-12-11",
                "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": [id_of(&n)]}),
        )
        .await;
    r.assert(201);
    let awarded = read(&app, &dic, &n).await;
    assert_eq!(awarded["status"], "awarded");
    assert_eq!(awarded["achievement_type"], "ad_hoc");
}
