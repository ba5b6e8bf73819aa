//! Proposing and changing a model: checked against its movement, by its unit only,
//! idempotent, at the version read; the history and the audit trail.

use super::*;
use crate::fixtures::plans::{fresh_unit, history, step as hstep};

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
