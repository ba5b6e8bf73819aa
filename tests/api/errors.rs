use crate::helpers::*;
use serde_json::json;

#[actix_web::test]
async fn unknown_routes_and_wrong_methods_are_problems() {
    let app = spawn_app().await;
    app.get("/api/v1/nothing-here", None)
        .await
        .assert_problem(404, "route_not_found");
    let r = app
        .send(Call {
            method: "PUT",
            path: "/api/v1/units".into(),
            token: None,
            body: None,
            headers: vec![],
        })
        .await;
    r.assert_problem(405, "method_not_allowed");
    assert_eq!(r.header("allow").as_deref(), Some("GET, POST"));
    let r = app
        .send(Call {
            method: "DELETE",
            path: "/api/v1/units/abc".into(),
            token: None,
            body: None,
            headers: vec![],
        })
        .await;
    r.assert_problem(405, "method_not_allowed");
    assert_eq!(r.header("allow").as_deref(), Some("GET, PATCH"));
}

#[actix_web::test]
async fn unreadable_bodies_queries_and_types_are_problems() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    // malformed JSON
    let req = actix_web::test::TestRequest::post()
        .uri("/api/v1/groups")
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header(("Content-Type", "application/json"))
        .set_payload("{\"code\": ")
        .to_request();
    let res = actix_web::test::call_service(&app.service, req).await;
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = actix_web::test::read_body_json(res).await;
    assert_eq!(body["code"], "malformed_request");
    // wrong media type
    let req = actix_web::test::TestRequest::post()
        .uri("/api/v1/groups")
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header(("Content-Type", "text/plain"))
        .set_payload("code=KHOI-X")
        .to_request();
    let res = actix_web::test::call_service(&app.service, req).await;
    assert_eq!(res.status(), 415);
    // wrong JSON types: 422 validation
    app.post(
        "/api/v1/groups",
        Some(&t),
        json!({"code": 5, "name": "Khối", "kind": "bloc"}),
    )
    .await
    .assert_problem(422, "validation_failed");
    // unknown fields are refused, not ignored
    app.post(
        "/api/v1/groups",
        Some(&t),
        json!({"code": "K1", "name": "Khối", "kind": "bloc", "colour": "red"}),
    )
    .await
    .assert_problem(422, "validation_failed");
    // bad query values
    app.get("/api/v1/units?limit=abc", Some(&t))
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/units?limit=0", Some(&t))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/units?limit=201", Some(&t))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/units?kind=castle", Some(&t))
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/units?cursor=not-ours!", Some(&t))
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn field_errors_list_every_field_and_speak_vietnamese_when_asked() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/groups",
            Some(&t),
            json!({"code": "có dấu", "name": "  ", "kind": "bloc"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["code"].is_array());
    assert_eq!(r.body["errors"]["name"][0], "must not be empty");
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/groups".into(),
            token: Some(t.clone()),
            body: Some(json!({"code": "có dấu", "name": "  ", "kind": "bloc"})),
            headers: vec![("Accept-Language".into(), "vi-VN,vi;q=0.9,en;q=0.5".into())],
        })
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.body["title"], "Dữ liệu không hợp lệ");
    assert_eq!(r.body["errors"]["name"][0], "không được để trống");
    assert_eq!(r.header("content-language").as_deref(), Some("vi"));
    assert!(r.header("x-request-id").is_some());
    let r = app
        .send(Call {
            method: "GET",
            path: "/api/v1/units".into(),
            token: None,
            body: None,
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    r.assert_problem(401, "unauthenticated");
    assert_eq!(r.body["title"], "Cần đăng nhập");
}

#[actix_web::test]
async fn a_database_that_cannot_be_reached_answers_503() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    // Take every connection of the pool and hold them: the next request times out
    // waiting for one, which is what an unreachable database looks like to a handler.
    let held: Vec<_> = (0..4).map(|_| app.state.pool.get().unwrap()).collect();
    let r = app.get("/health/ready", None).await;
    drop(held);
    r.assert_problem(503, "database_unavailable");
    assert!(r.header("retry-after").is_some());
    assert!(
        !r.text.contains("timed out"),
        "no internals leak: {}",
        r.text
    );
    app.get("/api/v1/units", Some(&t)).await.assert(200);
}

#[actix_web::test]
async fn if_match_takes_our_etags_or_a_star_and_nothing_else() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let groups = app.get("/api/v1/groups?limit=1", Some(&t)).await;
    let path = format!(
        "/api/v1/groups/{}",
        groups.body["items"][0]["id"].as_str().unwrap()
    );
    app.patch(&path, &t, "\"abc\"", json!({"description": "x"}))
        .await
        .assert_problem(400, "invalid_header");
    app.patch(&path, &t, "7", json!({"description": "x"}))
        .await
        .assert_problem(400, "invalid_header");
    app.patch(
        &path,
        &t,
        "\"99999999999999999999\"",
        json!({"description": "x"}),
    )
    .await
    .assert_problem(412, "stale_version");
    // A bad body is reported as such, whatever the precondition.
    app.patch(&path, &t, "\"9\"", json!({"name": ""}))
        .await
        .assert_problem(422, "validation_failed");
    let r = app
        .patch(&path, &t, "W/\"1\"", json!({"description": "Khối thi đua"}))
        .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"2\"");
    let r = app
        .patch(
            &path,
            &t,
            "*",
            json!({"description": "Khối thi đua các Sở"}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"3\"");
}
