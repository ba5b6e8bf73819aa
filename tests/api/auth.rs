use crate::helpers::*;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

const IDP_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIOfWkJ61kqFRGLUxhHmwftrC4mN6UfeRO+Dj4tNUbbjW\n-----END PRIVATE KEY-----\n";
const IDP_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAIz1wPtcyj2C8nRohGi3z3Tafq43ahd5OCbYrs2d1aJw=\n-----END PUBLIC KEY-----\n";

fn hs256(claims: serde_json::Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[actix_web::test]
async fn every_demo_account_logs_in_and_sees_itself() {
    let app = spawn_app().await;
    for role in ROLES {
        let r = app.login(role, DEMO_PASSWORD).await;
        r.assert(200);
        assert_eq!(r.body["token_type"], "Bearer");
        assert_eq!(r.body["expires_in"], 900);
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
        let t = r.body["access_token"].as_str().unwrap();
        let me = app.get("/api/v1/me", Some(t)).await;
        me.assert(200);
        assert_eq!(me.body["username"], role);
        assert_eq!(me.body["roles"], json!([role]));
        let unit = me.body["unit"]["code"].as_str().unwrap();
        match role {
            "dic_officer" => assert_eq!(unit, "STTTT"),
            "home_affairs_officer" => assert_eq!(unit, "SNV"),
            "unit_officer" | "unit_head" => assert_eq!(unit, "H-THAPMUOI"),
            _ => {}
        }
    }
}

#[actix_web::test]
async fn unknown_users_and_wrong_passwords_get_the_same_answer() {
    let app = spawn_app().await;
    let a = app.login("admin", "sai-mật-khẩu").await;
    let b = app.login("khong-co-ai", "sai-mật-khẩu").await;
    a.assert_problem(401, "invalid_credentials");
    b.assert_problem(401, "invalid_credentials");
    assert_eq!(a.body["detail"], b.body["detail"]);
    app.post(
        "/api/v1/auth/token",
        None,
        json!({"username": "", "password": "x"}),
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn failed_logins_are_limited_per_username() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.login("chair", "đoán-mò")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let r = app.login("chair", DEMO_PASSWORD).await;
    r.assert_problem(429, "rate_limited");
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 900, "{wait}");
    // Other users are not locked out by it.
    app.login("auditor", DEMO_PASSWORD).await.assert(200);
    // The limit lives in the database: another instance on the same database agrees.
    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    let other = actix_web::test::init_service(thidua::build_app(second)).await;
    let req = actix_web::test::TestRequest::post()
        .uri("/api/v1/auth/token")
        .set_json(json!({"username": "chair", "password": DEMO_PASSWORD}))
        .to_request();
    assert_eq!(
        actix_web::test::call_service(&other, req).await.status(),
        429
    );
}

#[actix_web::test]
async fn failed_logins_are_limited_per_client_address() {
    let app = spawn_app_with(&[("THIDUA_LOGIN_MAX_FAILURES_PER_ADDRESS", "3")]).await;
    for user in ["admin", "chair", "auditor"] {
        app.login(user, "đoán-mò").await.assert(401);
    }
    app.login("unit_head", DEMO_PASSWORD)
        .await
        .assert_problem(429, "rate_limited");
}

#[actix_web::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_login() {
    let app = spawn_app().await;
    let first = app.login("unit_head", DEMO_PASSWORD).await;
    let r1 = first.body["refresh_token"].as_str().unwrap().to_string();
    let second = app
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await;
    second.assert(200);
    let r2 = second.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    app.get("/api/v1/me", second.body["access_token"].as_str())
        .await
        .assert(200);
    // Someone replays the spent token: refused, and the whole family is revoked.
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": r1}))
        .await
        .assert_problem(401, "refresh_token_reused");
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": r2}))
        .await
        .assert_problem(401, "refresh_token_invalid");
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": "không-phải-token"}),
    )
    .await
    .assert_problem(401, "refresh_token_invalid");
    // The reuse is on the audit trail.
    let audit = app
        .get(
            "/api/v1/audit-events?action=auth.refresh_reused",
            Some(&app.token("auditor").await),
        )
        .await;
    audit.assert(200);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let login = app.login("unit_officer", DEMO_PASSWORD).await;
    let refresh = login.body["refresh_token"].as_str().unwrap();
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert(204);
    app.post(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert_problem(401, "refresh_token_invalid");
    app.post(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": refresh}),
    )
    .await
    .assert(204);
}

#[actix_web::test]
async fn forged_expired_and_misaddressed_tokens_get_401() {
    let app = spawn_app().await;
    let me = app.get("/api/v1/me", Some(&app.token("admin").await)).await;
    let id = me.body["id"].as_str().unwrap().to_string();
    let good =
        json!({"sub": id, "iss": "thidua", "aud": "thidua-api", "exp": now() + 300, "iat": now()});
    app.get("/api/v1/me", Some(&hs256(good.clone(), SECRET)))
        .await
        .assert(200);
    let mut cases = vec![
        (
            "wrong key",
            hs256(good.clone(), "another-secret-that-is-long-enough-0000"),
        ),
        (
            "expired",
            hs256(
                json!({"sub": id, "iss": "thidua", "aud": "thidua-api", "exp": now() - 120, "iat": now() - 1000}),
                SECRET,
            ),
        ),
        (
            "wrong audience",
            hs256(
                json!({"sub": id, "iss": "thidua", "aud": "other-api", "exp": now() + 300}),
                SECRET,
            ),
        ),
        (
            "wrong issuer",
            hs256(
                json!({"sub": id, "iss": "someone", "aud": "thidua-api", "exp": now() + 300}),
                SECRET,
            ),
        ),
        (
            "no exp",
            hs256(
                json!({"sub": id, "iss": "thidua", "aud": "thidua-api"}),
                SECRET,
            ),
        ),
        (
            "unknown user",
            hs256(
                json!({"sub": "nobody", "iss": "thidua", "aud": "thidua-api", "exp": now() + 300}),
                SECRET,
            ),
        ),
        ("garbage", "not.a.token".to_string()),
    ];
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    cases.push((
        "alg none",
        format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(&good.to_string())
        ),
    ));
    for (what, token) in cases {
        let r = app.get("/api/v1/me", Some(&token)).await;
        r.assert_problem(401, "invalid_token");
        assert!(
            r.header("www-authenticate").unwrap().starts_with("Bearer"),
            "{what}"
        );
    }
    app.get("/api/v1/me", None)
        .await
        .assert_problem(401, "unauthenticated");
    let r = app
        .send(Call {
            method: "GET",
            path: "/api/v1/me".into(),
            token: None,
            body: None,
            headers: vec![("Authorization".into(), "Basic YWRtaW46eA==".into())],
        })
        .await;
    r.assert_problem(401, "invalid_token");
}

#[actix_web::test]
async fn tokens_of_the_provinces_identity_provider_are_accepted_when_configured() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("idp.pem");
    std::fs::write(&key_file, IDP_PUBLIC).unwrap();
    let key_path = key_file.to_string_lossy().to_string();
    let app = spawn_app_with(&[
        ("THIDUA_IDP_PUBLIC_KEY_FILE", key_path.as_str()),
        ("THIDUA_IDP_ALGORITHM", "EdDSA"),
        ("THIDUA_IDP_ISSUER", "https://sso.dongthap.gov.vn"),
        ("THIDUA_IDP_AUDIENCE", "thidua"),
    ])
    .await;
    let key = EncodingKey::from_ed_pem(IDP_PRIVATE.as_bytes()).unwrap();
    let sign = |claims: serde_json::Value| {
        jsonwebtoken::encode(&Header::new(Algorithm::EdDSA), &claims, &key).unwrap()
    };
    let ok = sign(
        json!({"preferred_username": "unit_head", "iss": "https://sso.dongthap.gov.vn", "aud": "thidua", "exp": now() + 300}),
    );
    let me = app.get("/api/v1/me", Some(&ok)).await;
    me.assert(200);
    assert_eq!(me.body["username"], "unit_head");
    for bad in [
        sign(
            json!({"preferred_username": "unit_head", "iss": "https://evil.example", "aud": "thidua", "exp": now() + 300}),
        ),
        sign(
            json!({"preferred_username": "unit_head", "iss": "https://sso.dongthap.gov.vn", "aud": "other", "exp": now() + 300}),
        ),
        sign(
            json!({"preferred_username": "nobody", "iss": "https://sso.dongthap.gov.vn", "aud": "thidua", "exp": now() + 300}),
        ),
        sign(json!({"iss": "https://sso.dongthap.gov.vn", "aud": "thidua", "exp": now() + 300})),
    ] {
        app.get("/api/v1/me", Some(&bad))
            .await
            .assert_problem(401, "invalid_token");
    }
}
