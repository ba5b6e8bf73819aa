use crate::helpers::*;
use serde_json::json;

async fn create_officer<S: TestService>(app: &TestApp<S>, username: &str) -> serde_json::Value {
    let admin = app.token("admin").await;
    let unit = app.unit_id("SYT").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": username, "full_name": "Trần Thị Lan", "unit_id": unit, "roles": ["unit_officer"], "password": "mật-khẩu-rất-dài"}),
        )
        .await;
    r.assert(201);
    assert_eq!(
        r.header("location").unwrap(),
        format!("/api/v1/users/{}", r.body["id"].as_str().unwrap())
    );
    r.body.clone()
}

#[actix_web::test]
async fn admins_create_accounts_that_can_log_in() {
    let app = spawn_app().await;
    let user = create_officer(&app, "tranthilan").await;
    assert_eq!(user["roles"], json!(["unit_officer"]));
    assert_eq!(user["active"], true);
    assert!(user.get("password").is_none() && user.get("password_hash").is_none());
    let login = app.login("tranthilan", "mật-khẩu-rất-dài").await;
    login.assert(200);
    let me = app
        .get("/api/v1/me", login.body["access_token"].as_str())
        .await;
    assert_eq!(me.body["unit"]["code"], "SYT");
    // Listing, filtering by role and unit
    let admin = app.token("admin").await;
    let list = app
        .get("/api/v1/users?role=unit_officer", Some(&admin))
        .await;
    let names: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["tranthilan", "unit_officer"]);
    let list = app
        .get(
            &format!(
                "/api/v1/users?unit_id={}",
                user["unit_id"].as_str().unwrap()
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    // Duplicate usernames and weak passwords are refused
    let unit = user["unit_id"].as_str().unwrap();
    app.post("/api/v1/users", Some(&admin), json!({"username": "tranthilan", "full_name": "X", "unit_id": unit, "roles": ["auditor"], "password": "mật-khẩu-rất-dài"}))
        .await
        .assert_problem(409, "already_exists");
    let r = app
        .post("/api/v1/users", Some(&admin), json!({"username": "Có Dấu", "full_name": "", "unit_id": NO_SUCH_ID, "roles": [], "password": "ngắn"}))
        .await;
    r.assert_problem(422, "validation_failed");
    for f in ["username", "full_name", "roles", "password"] {
        assert!(r.body["errors"][f].is_array(), "{f}: {}", r.text);
    }
    app.post("/api/v1/users", Some(&admin), json!({"username": "abc", "full_name": "X", "unit_id": NO_SUCH_ID, "roles": ["auditor"], "password": "mật-khẩu-rất-dài"}))
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn a_deactivated_users_tokens_stop_working_at_once() {
    let app = spawn_app().await;
    let user = create_officer(&app, "nguoidung").await;
    let login = app.login("nguoidung", "mật-khẩu-rất-dài").await;
    let token = login.body["access_token"].as_str().unwrap().to_string();
    let refresh = login.body["refresh_token"].as_str().unwrap().to_string();
    app.get("/api/v1/me", Some(&token)).await.assert(200);
    let admin = app.token("admin").await;
    let path = format!("/api/v1/users/{}/deactivate", user["id"].as_str().unwrap());
    let r = app
        .send(Call {
            method: "POST",
            path: path.clone(),
            token: Some(admin.clone()),
            body: None,
            headers: vec![],
        })
        .await;
    r.assert_problem(428, "precondition_required");
    let r = app
        .send(Call {
            method: "POST",
            path: path.clone(),
            token: Some(admin.clone()),
            body: None,
            headers: vec![("If-Match".into(), "\"1\"".into())],
        })
        .await;
    r.assert(200);
    assert_eq!(r.body["active"], false);
    assert_eq!(r.etag(), "\"2\"");
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401, "account_inactive");
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert(401);
    app.login("nguoidung", "mật-khẩu-rất-dài")
        .await
        .assert_problem(401, "account_inactive");
    // Reactivation
    let r = app
        .patch(
            &format!("/api/v1/users/{}", user["id"].as_str().unwrap()),
            &admin,
            "\"2\"",
            json!({"active": true}),
        )
        .await;
    r.assert(200);
    app.login("nguoidung", "mật-khẩu-rất-dài").await.assert(200);
}

#[actix_web::test]
async fn role_and_password_changes_take_effect_and_are_audited() {
    let app = spawn_app().await;
    let user = create_officer(&app, "canbo").await;
    let id = user["id"].as_str().unwrap();
    let old = app.login("canbo", "mật-khẩu-rất-dài").await.body["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let admin = app.token("admin").await;
    let r = app
        .patch(
            &format!("/api/v1/users/{id}"),
            &admin,
            "\"1\"",
            json!({"roles": ["unit_head", "unit_officer"], "password": "mật-khẩu-mới-dài"}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["roles"], json!(["unit_officer", "unit_head"]));
    // A new password ends the account's sessions: the old token answers 401 at once.
    app.get("/api/v1/me", Some(&old))
        .await
        .assert_problem(401, "session_revoked");
    app.login("canbo", "mật-khẩu-rất-dài").await.assert(401);
    let new = app.login("canbo", "mật-khẩu-mới-dài").await;
    new.assert(200);
    // The roles are read from the database.
    assert_eq!(
        app.get("/api/v1/me", new.body["access_token"].as_str())
            .await
            .body["roles"],
        json!(["unit_officer", "unit_head"])
    );
    // Stale version
    app.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        "\"1\"",
        json!({"full_name": "Khác"}),
    )
    .await
    .assert_problem(412, "stale_version");
    let auditor = app.token("auditor").await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?resource_type=user&resource_id={id}"),
            Some(&auditor),
        )
        .await;
    let items = events.body["items"].as_array().unwrap();
    let update = items.iter().find(|e| e["action"] == "user.update").unwrap();
    assert_eq!(update["actor_username"], "admin");
    assert_eq!(update["changes"]["password"], "changed");
    assert!(
        !events.text.contains("argon2"),
        "no hash in the audit trail"
    );
}

#[actix_web::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let me = app.get("/api/v1/me", Some(&admin)).await;
    let id = me.body["id"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        "\"1\"",
        json!({"roles": ["auditor"]}),
    )
    .await
    .assert_problem(409, "conflict");
    let r = app
        .send(Call {
            method: "POST",
            path: format!("/api/v1/users/{id}/deactivate"),
            token: Some(admin.clone()),
            body: None,
            headers: vec![("If-Match".into(), "\"1\"".into())],
        })
        .await;
    r.assert_problem(409, "conflict");
    app.get("/api/v1/me", Some(&admin)).await.assert(200);
}
