//! Proposing, changing, submitting, returning, recognising and retiring a model; who may
//! take each step; who sees it in which state; the history and the audit trail.

use super::*;
use crate::fixtures::plans::{fresh_unit, history, new_user, step as hstep};

#[actix_web::test]
async fn a_unit_proposes_a_draft_with_its_movements_field_and_content_item() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let movement = movement_id(&app).await;
    let r = app
        .post(
            PATH,
            Some(&officer),
            model_body(&movement, "Bản đồ số nông nghiệp xã Mỹ Hòa"),
        )
        .await;
    r.assert(201);
    let m = r.body.clone();
    assert_eq!(m["status"], "draft");
    assert_eq!(m["version"], 1);
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.header("location"), Some(path_of(&m)));
    assert_eq!(m["unit_id"], app.unit_id("H-THAPMUOI").await);
    assert_eq!(m["unit_name"], "UBND Huyện Tháp Mười");
    assert_eq!(m["responsible_unit"], "UBND xã Mỹ Hòa");
    assert_eq!(m["figures"][0]["unit_of_measure"], "ha");
    assert!(m["recognition"].is_null());

    // Without a responsible unit, the proposing unit runs it.
    let mut body = model_body(&movement, "Sổ tay điện tử");
    body.as_object_mut().unwrap().remove("responsible_unit");
    let r = app.post(PATH, Some(&officer), body).await;
    r.assert(201);
    assert_eq!(r.body["responsible_unit"], "UBND Huyện Tháp Mười");

    let h = history(&app, &officer, &path_of(&m)).await;
    assert_eq!(
        h,
        vec![hstep(
            "create",
            "",
            "draft",
            "unit_officer",
            "unit_officer",
            Value::Null
        )]
    );
    let admin = app.token("admin").await;
    let audit = app
        .get(
            &format!(
                "/api/v1/audit-events?resource_type=exemplary_model&resource_id={}",
                id(&m)
            ),
            Some(&admin),
        )
        .await;
    audit.assert(200);
    assert_eq!(audit.body["items"][0]["action"], "exemplary_model.create");
}

#[actix_web::test]
async fn a_proposal_is_checked_against_the_movement() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let movement = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let mine = format!("{PATH}?unit_id={unit}&limit=200");
    let before = listed(&app, Some(&officer), &mine).await;
    let mut body = model_body(&movement, "  ");
    body["field_code"] = json!("fisheries");
    body["content_item"] = json!("z");
    body["started_year"] = json!(2027);
    body["figures"] = json!([{"indicator": "", "value": 1.0}]);
    let r = app.post(PATH, Some(&officer), body).await;
    r.assert_problem(422, "validation_failed");
    for field in [
        "title",
        "field_code",
        "content_item",
        "started_year",
        "figures[0].indicator",
    ] {
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    let mut body = model_body(&movement, "Mô hình");
    body["movement_id"] = json!("01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80");
    let r = app.post(PATH, Some(&officer), body).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["movement_id"].is_array());
    // Nothing was stored.
    assert_eq!(listed(&app, Some(&officer), &mine).await, before);
}

#[actix_web::test]
async fn only_the_units_officers_and_head_propose_for_it() {
    let app = spawn_app().await;
    fix_clock(&app);
    let movement = movement_id(&app).await;
    for user in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(user).await;
        let r = app
            .post(PATH, Some(&t), model_body(&movement, "Mô hình"))
            .await;
        r.assert_problem(403, "forbidden");
    }
    // A unit's officer proposes for no other unit.
    let officer = app.token("unit_officer").await;
    let mut body = model_body(&movement, "Mô hình");
    body["unit_id"] = json!(app.unit_id("H-CAOLANH").await);
    app.post(PATH, Some(&officer), body)
        .await
        .assert_problem(403, "forbidden");
    // No token: 401.
    app.post(PATH, None, model_body(&movement, "Mô hình"))
        .await
        .assert_problem(401, "unauthenticated");
}

#[actix_web::test]
async fn a_retried_proposal_with_its_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let movement = movement_id(&app).await;
    let call = |body: Value| Call {
        method: "POST",
        path: PATH.into(),
        token: Some(officer.clone()),
        body: Some(body),
        headers: vec![("Idempotency-Key".into(), "mo-hinh-2026-11-26".into())],
    };
    let first = app.send(call(model_body(&movement, "Bản đồ số"))).await;
    first.assert(201);
    let again = app.send(call(model_body(&movement, "Bản đồ số"))).await;
    again.assert(201);
    assert_eq!(first.body["id"], again.body["id"]);
    let other = app.send(call(model_body(&movement, "Mô hình khác"))).await;
    other.assert_problem(422, "idempotency_key_reused");
}

#[actix_web::test]
async fn a_draft_is_changed_at_the_version_read_and_only_by_its_unit() {
    let app = spawn_app().await;
    fix_clock(&app);
    let m = proposed(&app, "Bản đồ số").await;
    let head = app.token("unit_head").await;
    let changes = json!({"title": "Bản đồ số nông nghiệp xã Mỹ Hòa", "field_code": "other",
        "figures": [{"indicator": "Hộ dân sử dụng", "value": 2300.0, "unit_of_measure": "hộ"}]});
    let r = app
        .patch(&path_of(&m), &head, &tag(&m), changes.clone())
        .await;
    r.assert(200);
    assert_eq!(r.body["version"], 2);
    assert_eq!(r.body["field_code"], "other");
    assert_eq!(r.body["figures"][0]["indicator"], "Hộ dân sử dụng");
    // The version read before is stale now; none at all is 428.
    app.patch(&path_of(&m), &head, &tag(&m), changes.clone())
        .await
        .assert_problem(412, "stale_version");
    let no_match = app
        .send(Call {
            method: "PATCH",
            path: path_of(&m),
            token: Some(head.clone()),
            body: Some(changes.clone()),
            headers: vec![],
        })
        .await;
    no_match.assert_problem(428, "precondition_required");
    let bad = app
        .patch(&path_of(&m), &head, "\"2\"", json!({"content_item": "k"}))
        .await;
    bad.assert_problem(422, "validation_failed");
    // Another unit and DIC do not even see a draft.
    let (_, other) = fresh_unit(&app, "X-MOHINH", None).await;
    app.patch(&path_of(&m), &other, "\"2\"", changes.clone())
        .await
        .assert_problem(404, "not_found");
    let dic = app.token("dic_officer").await;
    app.patch(&path_of(&m), &dic, "\"2\"", changes)
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn the_head_submits_dic_returns_with_a_reason_and_recognises_with_its_decision() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let m = proposed(&app, "Bệnh án điện tử").await;
    // The officer drafts; only the head signs off.
    step(&app, &officer, &m, "submit", None)
        .await
        .assert_problem(403, "forbidden");
    // A draft is not DIC's yet: 404.
    step(
        &app,
        &dic,
        &m,
        "recognize",
        Some(decision("85/QĐ-STTTT", "2026-11-20")),
    )
    .await
    .assert_problem(404, "not_found");
    let r = step(&app, &head, &m, "submit", None).await;
    r.assert(200);
    let m = r.body.clone();
    assert_eq!(m["status"], "submitted");
    // Submitted: no longer editable, no longer submittable.
    app.patch(&path_of(&m), &officer, &tag(&m), json!({"title": "Khác"}))
        .await
        .assert_problem(409, "invalid_state");
    step(&app, &head, &m, "submit", None)
        .await
        .assert_problem(409, "invalid_state");
    // The unit does not review its own model.
    step(
        &app,
        &head,
        &m,
        "return",
        Some(json!({"reason": "Tự trả lại"})),
    )
    .await
    .assert_problem(403, "forbidden");
    // A return needs its reason.
    step(&app, &dic, &m, "return", Some(json!({"reason": "  "})))
        .await
        .assert_problem(422, "validation_failed");
    let r = step(
        &app,
        &dic,
        &m,
        "return",
        Some(json!({"reason": "Bổ sung số liệu kết quả năm 2025."})),
    )
    .await;
    r.assert(200);
    let m = r.body.clone();
    assert_eq!(m["status"], "returned");
    assert_eq!(m["return_reason"], "Bổ sung số liệu kết quả năm 2025.");
    let r = app
        .patch(
            &path_of(&m),
            &officer,
            &tag(&m),
            json!({"results": "Đã số hóa 100% hồ sơ bệnh án."}),
        )
        .await;
    r.assert(200);
    let r = step(&app, &head, &r.body, "submit", None).await;
    r.assert(200);
    let m = r.body.clone();
    assert!(m["return_reason"].is_null());
    // Recognition: a date after today or before the movement's period, or no number, is 422.
    for (number, date) in [
        ("86/QĐ-STTTT", "2026-11-27"),
        ("86/QĐ-STTTT", "2020-12-31"),
        (" ", "2026-11-20"),
    ] {
        step(&app, &dic, &m, "recognize", Some(decision(number, date)))
            .await
            .assert_problem(422, "validation_failed");
    }
    let r = step(
        &app,
        &dic,
        &m,
        "recognize",
        Some(decision("85/QĐ-STTTT", "2026-11-20")),
    )
    .await;
    r.assert(200);
    let m = r.body.clone();
    assert_eq!(m["status"], "recognized");
    assert_eq!(m["recognition"]["number"], "85/QĐ-STTTT");
    assert_eq!(m["recognition"]["date"], "2026-11-20");
    assert_eq!(
        m["recognition"]["issuer_unit_id"],
        app.unit_id("STTTT").await
    );
    let h = history(&app, &officer, &path_of(&m)).await;
    let actions: Vec<_> = h
        .iter()
        .map(|e| (e.0.as_str(), e.2.as_str(), e.4.as_str()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("create", "draft", "unit_officer"),
            ("submit", "submitted", "unit_head"),
            ("return", "returned", "dic_officer"),
            ("submit", "submitted", "unit_head"),
            ("recognize", "recognized", "dic_officer"),
        ]
    );
    // Recognised once: not again, nor returned.
    step(
        &app,
        &dic,
        &m,
        "recognize",
        Some(decision("87/QĐ-STTTT", "2026-11-20")),
    )
    .await
    .assert_problem(409, "invalid_state");
    step(&app, &dic, &m, "return", Some(json!({"reason": "Trả lại"})))
        .await
        .assert_problem(409, "invalid_state");
}

#[actix_web::test]
async fn one_decision_number_per_issuer_and_year() {
    let app = spawn_app().await;
    fix_clock(&app);
    let dic = app.token("dic_officer").await;
    recognized(&app, "Bản đồ số", "90/QĐ-STTTT").await;
    let second = submitted(&app, "Bệnh án điện tử").await;
    let r = step(
        &app,
        &dic,
        &second,
        "recognize",
        Some(decision("90/QĐ-STTTT", "2026-11-21")),
    )
    .await;
    r.assert_problem(409, "already_exists");
    // Refused: nothing changed.
    let now = read(&app, &dic, &second).await;
    assert_eq!(now.body["status"], "submitted");
    assert_eq!(now.body["version"], second["version"]);
    // The same number in another year is another decision.
    let r = step(
        &app,
        &dic,
        &second,
        "recognize",
        Some(decision("90/QĐ-STTTT", "2025-06-02")),
    )
    .await;
    r.assert(200);
}

#[actix_web::test]
async fn only_dic_of_the_standing_unit_recognises_and_never_its_own_sign_off() {
    let app = spawn_app().await;
    fix_clock(&app);
    let m = submitted(&app, "Chương trình STEM").await;
    // DIC of another unit: the model is not sent to it, so hidden.
    let (elsewhere, _) = fresh_unit(&app, "X-DIC", None).await;
    let other_dic = new_user(&app, "dic.khac", &elsewhere, &["dic_officer"]).await;
    step(
        &app,
        &other_dic,
        &m,
        "recognize",
        Some(decision("1/QĐ", "2026-11-20")),
    )
    .await
    .assert_problem(404, "not_found");
    for user in ["home_affairs_officer", "chair", "admin"] {
        let t = app.token(user).await;
        step(
            &app,
            &t,
            &m,
            "recognize",
            Some(decision("1/QĐ", "2026-11-20")),
        )
        .await
        .assert_problem(404, "not_found");
    }
    // The auditor sees it but writes nothing.
    let auditor = app.token("auditor").await;
    step(
        &app,
        &auditor,
        &m,
        "recognize",
        Some(decision("1/QĐ", "2026-11-20")),
    )
    .await
    .assert_problem(403, "forbidden");
    // A DIC officer who is also the head of the standing unit and submitted its own model.
    let stttt = app.unit_id("STTTT").await;
    let both = new_user(
        &app,
        "truong.stttt",
        &stttt,
        &["unit_officer", "unit_head", "dic_officer"],
    )
    .await;
    let movement = movement_id(&app).await;
    let r = app
        .post(PATH, Some(&both), model_body(&movement, "Cổng dữ liệu mở"))
        .await;
    r.assert(201);
    let own = step(&app, &both, &r.body, "submit", None).await;
    own.assert(200);
    step(
        &app,
        &both,
        &own.body,
        "recognize",
        Some(decision("2/QĐ", "2026-11-20")),
    )
    .await
    .assert_problem(403, "forbidden");
    let dic = app.token("dic_officer").await;
    step(
        &app,
        &dic,
        &own.body,
        "recognize",
        Some(decision("2/QĐ", "2026-11-20")),
    )
    .await
    .assert(200);
}

#[actix_web::test]
async fn a_recognised_model_is_retired_by_dic_with_a_reason() {
    let app = spawn_app().await;
    fix_clock(&app);
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let sub = submitted(&app, "Bản đồ số").await;
    step(&app, &dic, &sub, "retire", Some(json!({"reason": "Lý do"})))
        .await
        .assert_problem(409, "invalid_state");
    let m = {
        let r = step(
            &app,
            &dic,
            &sub,
            "recognize",
            Some(decision("91/QĐ-STTTT", "2026-11-20")),
        )
        .await;
        r.assert(200);
        r.body.clone()
    };
    step(&app, &head, &m, "retire", Some(json!({"reason": "Lý do"})))
        .await
        .assert_problem(403, "forbidden");
    step(&app, &dic, &m, "retire", Some(json!({"reason": ""})))
        .await
        .assert_problem(422, "validation_failed");
    let r = step(
        &app,
        &dic,
        &m,
        "retire",
        Some(json!({"reason": "Đã được thay bằng bản đồ số dùng chung của tỉnh."})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "retired");
    assert_eq!(
        r.body["retire_reason"],
        "Đã được thay bằng bản đồ số dùng chung của tỉnh."
    );
    assert!(r.body["retired_at"].is_string());
    step(
        &app,
        &dic,
        &r.body,
        "retire",
        Some(json!({"reason": "Lần nữa"})),
    )
    .await
    .assert_problem(409, "invalid_state");
    // Still readable by all, as a record.
    let (_, other) = fresh_unit(&app, "X-DOC", None).await;
    read(&app, &other, &r.body).await.assert(200);
}

#[actix_web::test]
async fn a_unit_sees_its_drafts_dic_what_was_sent_others_the_recognised_ones() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let dic = app.token("dic_officer").await;
    let auditor = app.token("auditor").await;
    let (_, other) = fresh_unit(&app, "X-XEM", None).await;
    let ha = app.token("home_affairs_officer").await;
    let draft = proposed(&app, "Nháp").await;
    let sent = submitted(&app, "Đã gửi").await;
    let known = recognized(&app, "Đã công nhận", "92/QĐ-STTTT").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let list = format!("{PATH}?unit_id={unit}&limit=200");
    let all = {
        let mut v = vec![id(&draft), id(&sent), id(&known)];
        v.sort();
        v
    };
    let mine: Vec<String> = listed(&app, Some(&officer), &list)
        .await
        .into_iter()
        .filter(|i| all.contains(i))
        .collect();
    assert_eq!(mine, all);
    let ours =
        |v: Vec<String>| -> Vec<String> { v.into_iter().filter(|i| all.contains(i)).collect() };
    let mut dic_sees = vec![id(&sent), id(&known)];
    dic_sees.sort();
    assert_eq!(ours(listed(&app, Some(&dic), &list).await), dic_sees);
    assert_eq!(
        ours(listed(&app, Some(&other), &list).await),
        vec![id(&known)]
    );
    assert_eq!(ours(listed(&app, Some(&ha), &list).await), vec![id(&known)]);
    assert_eq!(ours(listed(&app, Some(&auditor), &list).await), all);
    // One by one, and their history and files: hidden is 404.
    for (who, m, status) in [
        (&dic, &draft, 404),
        (&other, &draft, 404),
        (&other, &sent, 404),
        (&ha, &sent, 404),
        (&dic, &sent, 200),
        (&other, &known, 200),
        (&auditor, &draft, 200),
    ] {
        read(&app, who, m).await.assert(status);
        app.get(&format!("{}/history", path_of(m)), Some(who))
            .await
            .assert(status);
        app.get(&format!("{}/documents", path_of(m)), Some(who))
            .await
            .assert(status);
        app.get(&format!("{}/replications", path_of(m)), Some(who))
            .await
            .assert(status);
    }
    app.get(
        &format!("{PATH}/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80"),
        Some(&officer),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn lists_filter_by_movement_field_unit_status_year_and_text_without_diacritics() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let movement = movement_id(&app).await;
    let mut body = model_body(&movement, "Chương trình giáo dục STEM Trường THCS Mỹ Hòa");
    body["field_code"] = json!("education");
    body["started_year"] = json!(2021);
    let r = app.post(PATH, Some(&officer), body).await;
    r.assert(201);
    let stem = id(&r.body);
    let map = id(&proposed(&app, "Bản đồ số nông nghiệp").await);
    let unit = app.unit_id("H-THAPMUOI").await;
    let q = |s: &str| format!("{PATH}?unit_id={unit}&{s}");
    assert_eq!(
        listed(&app, Some(&officer), &q("q=truong%20thcs%20my%20hoa")).await,
        vec![stem.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("q=BAN%20DO%20SO")).await,
        vec![map.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("field=education")).await,
        vec![stem.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("year=2021")).await,
        vec![stem.clone()]
    );
    let drafts = listed(&app, Some(&officer), &q("status=draft")).await;
    assert!(drafts.contains(&stem) && drafts.contains(&map));
    assert!(listed(
        &app,
        Some(&officer),
        &q("status=recognized&q=ban%20do%20so")
    )
    .await
    .is_empty());
    assert_eq!(
        listed(
            &app,
            Some(&officer),
            &format!("{PATH}?movement_id={movement}&unit_id={unit}&field=education")
        )
        .await,
        vec![stem.clone()]
    );
    // Pages: one at a time, the cursor continues.
    let first = app.get(&q("status=draft&limit=1"), Some(&officer)).await;
    first.assert(200);
    assert_eq!(first.body["items"].as_array().unwrap().len(), 1);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let second = app
        .get(
            &q(&format!("status=draft&limit=1&cursor={cursor}")),
            Some(&officer),
        )
        .await;
    second.assert(200);
    assert_ne!(first.body["items"][0]["id"], second.body["items"][0]["id"]);
    app.get(&q("year=1999"), Some(&officer))
        .await
        .assert_problem(422, "validation_failed");
    app.get(&q("limit=0"), Some(&officer))
        .await
        .assert_problem(422, "validation_failed");
}
