//! Issue 11 defect 10: the per-instance API rate limit and its RateLimit headers.

use crate::helpers::*;
use serde_json::json;

/// `"default";r=<n>;t=<n>` → (r, t).
fn parse_state(value: &str) -> (u64, u64) {
    let rest = value
        .strip_prefix("\"default\";r=")
        .unwrap_or_else(|| panic!("RateLimit syntax: {value}"));
    let (r, t) = rest
        .split_once(";t=")
        .unwrap_or_else(|| panic!("RateLimit syntax: {value}"));
    (r.parse().unwrap(), t.parse().unwrap())
}

fn from(address: &str) -> Vec<(String, String)> {
    vec![("X-Forwarded-For".into(), address.into())]
}

async fn get_with<S: TestService>(
    app: &TestApp<S>,
    path: &str,
    token: Option<&str>,
    headers: Vec<(String, String)>,
) -> Reply {
    app.send(Call {
        method: "GET",
        path: path.into(),
        token: token.map(str::to_string),
        body: None,
        headers,
    })
    .await
}

async fn group_count<S: TestService>(app: &TestApp<S>, token: &str) -> usize {
    let r = app.get("/api/v1/groups?limit=200", Some(token)).await;
    r.assert(200);
    r.body["items"].as_array().unwrap().len()
}

#[actix_web::test]
async fn every_api_answer_states_its_limit_and_what_is_left() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    for _ in 0..3 {
        let r = app.get("/api/v1/groups", Some(&t)).await;
        r.assert(200);
        assert_eq!(
            r.header("ratelimit-policy").as_deref(),
            Some("\"default\";q=1200;w=60")
        );
        let (remaining, reset) = parse_state(&r.header("ratelimit").unwrap());
        assert!((1..=60).contains(&reset), "t={reset}");
        // A request every 50 ms refills: a slow machine may get some back between calls.
        assert!((1190..=1199).contains(&remaining), "r={remaining}");
    }
    // Errors too: a 404, a 422 and a 401 carry them.
    let missing = app.get("/api/v1/nominations/khong-co", Some(&t)).await;
    assert_eq!(missing.status.as_u16(), 404);
    assert!(missing.header("ratelimit").is_some());
    let invalid = app
        .post(
            "/api/v1/groups",
            Some(&t),
            json!({"code": 5, "name": "Khối", "kind": "bloc"}),
        )
        .await;
    invalid.assert(422);
    assert!(invalid.header("ratelimit").is_some());
    let unknown_route = app.get("/api/v1/khong-co-duong-nay", Some(&t)).await;
    assert_eq!(unknown_route.status.as_u16(), 404);
    assert!(unknown_route.header("ratelimit").is_some());
    let no_token = app.get("/api/v1/groups", None).await;
    no_token.assert(401);
    // Without a token the caller is its address, with the anonymous limit.
    assert_eq!(
        no_token.header("ratelimit-policy").as_deref(),
        Some("\"default\";q=600;w=60")
    );
    let public = app.get("/api/v1/public/movements", None).await;
    public.assert(200);
    assert!(public.header("ratelimit").is_some());
}

#[actix_web::test]
async fn each_request_spends_one_of_what_is_left() {
    // 12 a minute: one comes back every 5 s, far more than these requests take.
    let app = spawn_app_with(&[("THIDUA_RATE_LIMIT_PER_MINUTE", "12")]).await;
    let t = app.token("admin").await;
    let mut left = Vec::new();
    for path in [
        "/api/v1/groups",
        "/api/v1/groups",
        "/api/v1/nominations/khong-co",
    ] {
        let r = app.get(path, Some(&t)).await;
        left.push(parse_state(&r.header("ratelimit").unwrap()).0);
    }
    assert_eq!(left, [11, 10, 9]);
}

#[actix_web::test]
async fn past_the_limit_answers_429_before_the_handler() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_PER_MINUTE", "3"),
        (
            "THIDUA_CORS_ORIGINS",
            "https://thiduakhenthuong.dongthap.gov.vn",
        ),
    ])
    .await;
    let t = app.token("admin").await;
    let other = app.token("dic_officer").await;
    let before = group_count(&app, &other).await;
    for _ in 0..3 {
        app.get("/api/v1/groups", Some(&t)).await.assert(200);
    }
    let create = json!({"code": "KHOI-XA-PHUONG", "name": "Khối xã, phường", "kind": "bloc"});
    let refused = app
        .send(Call {
            method: "POST",
            path: "/api/v1/groups".into(),
            token: Some(t.clone()),
            body: Some(create.clone()),
            headers: vec![
                (
                    "Origin".into(),
                    "https://thiduakhenthuong.dongthap.gov.vn".into(),
                ),
                ("Accept-Language".into(), "vi".into()),
            ],
        })
        .await;
    refused.assert_problem(429, "rate_limited");
    assert_eq!(refused.header("content-language").as_deref(), Some("vi"));
    assert!(refused.body["detail"]
        .as_str()
        .unwrap()
        .contains("Quá 3 yêu cầu"));
    let retry: u64 = refused.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "Retry-After {retry}");
    assert_eq!(
        refused.header("ratelimit-policy").as_deref(),
        Some("\"default\";q=3;w=60")
    );
    let (remaining, reset) = parse_state(&refused.header("ratelimit").unwrap());
    assert_eq!(remaining, 0);
    assert!(reset >= retry);
    assert!(refused.header("x-request-id").is_some());
    // A browser may read the figures.
    let exposed = refused
        .header("access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase();
    for h in ["ratelimit", "ratelimit-policy", "retry-after"] {
        assert!(exposed.split(',').any(|e| e.trim() == h), "{exposed}");
    }
    // The handler did not run: nothing was created.
    assert_eq!(group_count(&app, &other).await, before);
    let m = app.get("/metrics", None).await;
    assert!(m.text.contains("thidua_rate_limited_total 1"), "{}", m.text);
}

#[actix_web::test]
async fn two_tokens_have_separate_budgets() {
    let app = spawn_app_with(&[("THIDUA_RATE_LIMIT_PER_MINUTE", "2")]).await;
    let a = app.token("admin").await;
    let b = app.token("auditor").await;
    for _ in 0..2 {
        app.get("/api/v1/me", Some(&a)).await.assert(200);
    }
    app.get("/api/v1/me", Some(&a))
        .await
        .assert_problem(429, "rate_limited");
    let r = app.get("/api/v1/me", Some(&b)).await;
    r.assert(200);
    assert_eq!(parse_state(&r.header("ratelimit").unwrap()).0, 1);
}

#[actix_web::test]
async fn anonymous_callers_are_their_address_behind_trusted_proxies() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "2"),
        ("THIDUA_TRUSTED_PROXY_HOPS", "1"),
    ])
    .await;
    let path = "/api/v1/public/movements";
    for left in [1, 0] {
        let r = get_with(&app, path, None, from("203.0.113.10")).await;
        r.assert(200);
        assert_eq!(parse_state(&r.header("ratelimit").unwrap()).0, left);
    }
    get_with(&app, path, None, from("203.0.113.10"))
        .await
        .assert_problem(429, "rate_limited");
    // What the client writes left of the proxy's entry changes nothing; nor does a
    // made-up token on a path that reads none.
    get_with(&app, path, None, from("198.51.100.77, 203.0.113.10"))
        .await
        .assert_problem(429, "rate_limited");
    get_with(&app, path, Some("tu-dat-ra"), from("203.0.113.10"))
        .await
        .assert_problem(429, "rate_limited");
    // Another address has its own budget.
    get_with(&app, path, None, from("203.0.113.11"))
        .await
        .assert(200);
}

#[actix_web::test]
async fn made_up_tokens_spend_their_address_budget() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "2"),
        ("THIDUA_TRUSTED_PROXY_HOPS", "1"),
    ])
    .await;
    for i in 0..2 {
        let r = get_with(
            &app,
            "/api/v1/groups",
            Some(&format!("gia-{i}")),
            from("192.0.2.9"),
        )
        .await;
        r.assert(401);
    }
    let r = get_with(&app, "/api/v1/groups", Some("gia-3"), from("192.0.2.9")).await;
    r.assert_problem(429, "rate_limited");
    assert_eq!(
        r.header("ratelimit-policy").as_deref(),
        Some("\"default\";q=2;w=60")
    );
    // The bogus tokens were not kept.
    assert_eq!(app.state.rate_limit.as_ref().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_zero_limit_disables_it_and_its_headers() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_PER_MINUTE", "0"),
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "1"),
    ])
    .await;
    assert!(app.state.rate_limit.is_none());
    let t = app.token("admin").await;
    for _ in 0..3 {
        let r = app.get("/api/v1/groups", Some(&t)).await;
        r.assert(200);
        assert!(r.header("ratelimit").is_none());
        assert!(r.header("ratelimit-policy").is_none());
        let p = app.get("/api/v1/public/movements", None).await;
        p.assert(200);
        assert!(p.header("ratelimit").is_none());
    }
}

#[actix_web::test]
async fn operations_endpoints_are_not_limited() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_PER_MINUTE", "1"),
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "1"),
    ])
    .await;
    for _ in 0..3 {
        for path in ["/health/live", "/health/ready", "/metrics", "/openapi.json"] {
            let r = app.get(path, None).await;
            r.assert(200);
            assert!(r.header("ratelimit").is_none(), "{path}");
        }
    }
    app.get("/api/v1/public/movements", None).await.assert(200);
    app.get("/api/v1/public/movements", None)
        .await
        .assert_problem(429, "rate_limited");
}

#[actix_web::test]
async fn encoded_prefixes_and_unverified_tokens_do_not_escape_the_limit() {
    let app = spawn_app_with(&[
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "3"),
        ("THIDUA_TRUSTED_PROXY_HOPS", "1"),
    ])
    .await;
    // `/api/%761` routes as `/api/v1`: the limiter judges the routed path.
    let r = get_with(&app, "/api/%761/groups", None, from("192.0.2.20")).await;
    r.assert(401);
    assert_eq!(
        r.header("ratelimit-policy").as_deref(),
        Some("\"default\";q=3;w=60")
    );
    // Made-up tokens on paths no handler verifies a token on (an unknown route, a 405)
    // are never kept: their address pays.
    let r = get_with(&app, "/api/v1/khong-co", Some("gia-1"), from("192.0.2.20")).await;
    assert_eq!(r.status.as_u16(), 404);
    let r = app
        .send(Call {
            method: "PUT",
            path: "/api/v1/groups".into(),
            token: Some("gia-2".into()),
            body: None,
            headers: from("192.0.2.20"),
        })
        .await;
    assert_eq!(r.status.as_u16(), 405);
    let r = get_with(&app, "/api/%761/groups", Some("gia-3"), from("192.0.2.20")).await;
    r.assert_problem(429, "rate_limited");
    assert_eq!(app.state.rate_limit.as_ref().unwrap().len(), 1);
    // A real token from the same address is refused too while the address is spent
    // (a new token cannot be told from a made-up one before it is verified) …
    let t = app.token("admin").await;
    get_with(&app, "/api/v1/groups", Some(&t), from("192.0.2.20"))
        .await
        .assert_problem(429, "rate_limited");
    // … and from another address it is verified, kept, and its address refunded.
    get_with(&app, "/api/v1/groups", Some(&t), from("192.0.2.21"))
        .await
        .assert(200);
    for _ in 0..3 {
        get_with(&app, "/api/v1/groups", Some(&t), from("192.0.2.21"))
            .await
            .assert(200);
    }
}

#[actix_web::test]
async fn an_encoded_prefix_meets_the_same_accept_rules() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let r = app
        .send(Call {
            method: "GET",
            path: "/api/%761/groups".into(),
            token: Some(t),
            body: None,
            headers: vec![("Accept".into(), "text/csv".into())],
        })
        .await;
    r.assert_problem(406, "not_acceptable");
}

#[actix_web::test]
async fn one_token_is_one_caller_however_its_header_is_spelled() {
    let app = spawn_app_with(&[("THIDUA_RATE_LIMIT_PER_MINUTE", "12")]).await;
    let t = app.token("admin").await;
    let mut left = Vec::new();
    for spelling in [
        format!("Bearer {t}"),
        format!("bearer  {t}"),
        format!("BEARER {t} "),
    ] {
        let r = get_with(
            &app,
            "/api/v1/groups",
            None,
            vec![("Authorization".into(), spelling)],
        )
        .await;
        r.assert(200);
        left.push(parse_state(&r.header("ratelimit").unwrap()).0);
    }
    assert_eq!(left, [11, 10, 9]);
}

#[actix_web::test]
async fn a_csv_route_is_judged_as_the_router_picks_it() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    // `{id}.csv` is its own operation: JSON is not what it answers.
    let r = app
        .send(Call {
            method: "GET",
            path: format!("/api/v1/consolidated-reports/{NO_SUCH_ID}.csv"),
            token: Some(t),
            body: None,
            headers: vec![("Accept".into(), "application/json".into())],
        })
        .await;
    r.assert_problem(406, "not_acceptable");
}
