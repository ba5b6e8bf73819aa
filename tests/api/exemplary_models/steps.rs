//! Submitting, returning, recognising and retiring a model; who may take each step;
//! one decision number per issuer and year.

use super::*;
use crate::fixtures::plans::{fresh_unit, history, new_user};

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
