//! Item 4: the access token carries its session; logout, a password change,
//! deactivation and refresh-token reuse stop it at once (401), not at its expiry.

use super::*;

async fn signed_in<S: TestService>(
    app: &TestApp<S>,
    username: &str,
    password: &str,
) -> (String, String) {
    let r = app.login(username, password).await;
    r.assert(200);
    (
        r.body["access_token"].as_str().unwrap().to_string(),
        r.body["refresh_token"].as_str().unwrap().to_string(),
    )
}

async fn new_officer<S: TestService>(app: &TestApp<S>, username: &str) -> String {
    let admin = app.token("admin").await;
    let unit = app.unit_id("SYT").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": username, "full_name": "Lê Thị Hồng", "unit_id": unit, "roles": ["unit_officer"], "password": "mật-khẩu-rất-dài"}),
        )
        .await;
    r.assert(201);
    id_of(&r.body)
}

#[actix_web::test]
async fn logout_ends_the_access_token_at_once_and_leaves_other_sessions() {
    let app = spawn_app().await;
    let (access, refresh) = signed_in(&app, "unit_head", DEMO_PASSWORD).await;
    let (other_access, _) = signed_in(&app, "unit_head", DEMO_PASSWORD).await;
    app.get("/api/v1/me", Some(&access)).await.assert(200);
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert(204);
    app.get("/api/v1/me", Some(&access))
        .await
        .assert_problem(401, "session_revoked");
    // Another login of the same user is another session.
    app.get("/api/v1/me", Some(&other_access)).await.assert(200);
}

#[actix_web::test]
async fn a_password_change_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let id = new_officer(&app, "lethihong").await;
    let (access, _) = signed_in(&app, "lethihong", "mật-khẩu-rất-dài").await;
    let admin = app.token("admin").await;
    app.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        "\"1\"",
        json!({"password": "mật-khẩu-mới-rất-dài"}),
    )
    .await
    .assert(200);
    app.get("/api/v1/me", Some(&access))
        .await
        .assert_problem(401, "session_revoked");
    let (fresh, _) = signed_in(&app, "lethihong", "mật-khẩu-mới-rất-dài").await;
    app.get("/api/v1/me", Some(&fresh)).await.assert(200);
}

#[actix_web::test]
async fn deactivation_ends_the_access_token_at_once_and_reactivation_does_not_revive_it() {
    let app = spawn_app().await;
    let id = new_officer(&app, "lethihong").await;
    let (access, _) = signed_in(&app, "lethihong", "mật-khẩu-rất-dài").await;
    let admin = app.token("admin").await;
    app.send(Call {
        method: "POST",
        path: format!("/api/v1/users/{id}/deactivate"),
        token: Some(admin.clone()),
        body: None,
        headers: vec![("If-Match".into(), "\"1\"".into())],
    })
    .await
    .assert(200);
    app.get("/api/v1/me", Some(&access))
        .await
        .assert_problem(401, "account_inactive");
    app.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        "\"2\"",
        json!({"active": true}),
    )
    .await
    .assert(200);
    // The session ended with the deactivation: the old token stays refused.
    app.get("/api/v1/me", Some(&access))
        .await
        .assert_problem(401, "session_revoked");
}

#[actix_web::test]
async fn refresh_token_reuse_ends_every_access_token_of_the_login() {
    let app = spawn_app().await;
    let (first_access, r1) = signed_in(&app, "dic_officer", DEMO_PASSWORD).await;
    let rotated = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    rotated.assert(200);
    let second_access = rotated.body["access_token"].as_str().unwrap().to_string();
    app.get("/api/v1/me", Some(&first_access)).await.assert(200);
    app.get("/api/v1/me", Some(&second_access))
        .await
        .assert(200);
    // A thief replays the spent refresh token: the whole login ends.
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await
        .assert_problem(401, "refresh_token_reused");
    for access in [&first_access, &second_access] {
        app.get("/api/v1/me", Some(access))
            .await
            .assert_problem(401, "session_revoked");
    }
    // Even on another instance: the check is in the database.
    let other = second_instance(&app, &[]).await;
    let req = web_test::TestRequest::get()
        .uri("/api/v1/me")
        .insert_header(("Authorization", format!("Bearer {second_access}")))
        .to_request();
    assert_eq!(web_test::call_service(&other, req).await.status(), 401);
}
