//! Issue 9 items 1–5 and 11b: logins that hold under parallel requests on two
//! instances, the throttling scheme, sessions revoked at once, X-Forwarded-For behind
//! trusted proxies, and authentication before validation.

mod auth_first;
mod forwarded;
mod parallel;
mod revocation;
mod scheme;

use crate::helpers::*;
use actix_web::test as web_test;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// A second instance of the app on the test's database (another process in production).
pub async fn second_instance<S>(app: &TestApp<S>, extra: &[(&str, &str)]) -> impl TestService {
    let state = thidua::prepare_state(settings_for(&app.db.url, extra), false).unwrap();
    web_test::init_service(thidua::build_app(state)).await
}

/// A login sent to `service` from the client address `from`.
pub async fn login_from<S: TestService>(
    service: &S,
    username: &str,
    password: &str,
    from: &str,
) -> (u16, Value, Option<String>) {
    let peer: SocketAddr = format!("{from}:40000").parse().unwrap();
    let req = web_test::TestRequest::post()
        .uri("/api/v1/auth/token")
        .peer_addr(peer)
        .set_json(json!({"username": username, "password": password}))
        .to_request();
    let res = web_test::call_service(service, req).await;
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body: Value =
        serde_json::from_slice(&web_test::read_body(res).await).unwrap_or(Value::Null);
    (status, body, retry)
}

/// How many of `answers` had each status.
pub fn tally(answers: &[(u16, Value, Option<String>)]) -> std::collections::BTreeMap<u16, usize> {
    let mut t = std::collections::BTreeMap::new();
    for (s, _, _) in answers {
        *t.entry(*s).or_insert(0) += 1;
    }
    t
}
