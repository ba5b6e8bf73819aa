//! Item 11b: authentication before validation. A request whose token, user or session
//! is not good answers 401 even when its body, query or path is bad too.

use super::*;

async fn bad_requests<S: TestService>(app: &TestApp<S>, token: Option<&str>) -> Vec<Reply> {
    let token = token.map(str::to_string);
    let mut out = Vec::new();
    // A body the extractor refuses (unknown field) and one that is not JSON.
    out.push(
        app.send(Call {
            method: "POST",
            path: "/api/v1/units".into(),
            token: token.clone(),
            body: Some(json!({"khong_co_truong_nay": 1})),
            headers: vec![],
        })
        .await,
    );
    out.push(
        app.send(Call {
            method: "POST",
            path: "/api/v1/groups".into(),
            token: token.clone(),
            body: Some(json!("không phải đối tượng")),
            headers: vec![],
        })
        .await,
    );
    // A query and a path that do not parse.
    out.push(app.get("/api/v1/units?limit=nhieu", token.as_deref()).await);
    out.push(
        app.send(Call {
            method: "DELETE",
            path: "/api/v1/holidays/khong-phai-ngay".into(),
            token: token.clone(),
            body: None,
            headers: vec![],
        })
        .await,
    );
    out
}

#[actix_web::test]
async fn bad_input_with_a_good_token_is_still_a_validation_answer() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    for r in bad_requests(&app, Some(&admin)).await {
        let s = r.status.as_u16();
        assert!(matches!(s, 400 | 422), "{s} {}", r.text);
    }
}

#[actix_web::test]
async fn bad_input_with_no_token_or_a_forged_one_answers_401() {
    let app = spawn_app().await;
    for r in bad_requests(&app, None).await {
        r.assert_problem(401, "unauthenticated");
    }
    for r in bad_requests(&app, Some("eyJhbGciOiJIUzI1NiJ9.e30.sai")).await {
        r.assert_problem(401, "invalid_token");
    }
}

#[actix_web::test]
async fn bad_input_with_a_deactivated_users_token_answers_401() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let other_admin = app.login("admin", DEMO_PASSWORD).await;
    other_admin.assert(200);
    let me = app.get("/api/v1/me", Some(&admin)).await;
    // Deactivate the auditor, then use the auditor's token.
    let auditor = app.token("auditor").await;
    let list = app.get("/api/v1/users?role=auditor", Some(&admin)).await;
    let id = id_of(&list.body["items"][0]);
    app.send(Call {
        method: "POST",
        path: format!("/api/v1/users/{id}/deactivate"),
        token: Some(admin.clone()),
        body: None,
        headers: vec![("If-Match".into(), "\"1\"".into())],
    })
    .await
    .assert(200);
    for r in bad_requests(&app, Some(&auditor)).await {
        r.assert_problem(401, "account_inactive");
    }
    // In Vietnamese too.
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/units".into(),
            token: Some(auditor),
            body: Some(json!({"khong_co_truong_nay": 1})),
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    r.assert_problem(401, "account_inactive");
    assert_eq!(r.body["title"], "Tài khoản đã bị vô hiệu hóa");
    assert_eq!(me.status, 200);
}

#[actix_web::test]
async fn bad_input_with_a_revoked_sessions_token_answers_401() {
    let app = spawn_app().await;
    let login = app.login("admin", DEMO_PASSWORD).await;
    let access = login.body["access_token"].as_str().unwrap().to_string();
    let refresh = login.body["refresh_token"].as_str().unwrap().to_string();
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert(204);
    for r in bad_requests(&app, Some(&access)).await {
        r.assert_problem(401, "session_revoked");
    }
}
