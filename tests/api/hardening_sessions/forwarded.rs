//! Item 5: behind trusted proxies the client address is the right-most
//! `X-Forwarded-For` entry they did not add; what the client writes left of it changes
//! nothing.

use super::*;
use thidua::api::auth::client_address;

fn request(xff: &[&str]) -> actix_web::HttpRequest {
    let mut req = web_test::TestRequest::default().peer_addr("10.0.0.2:5000".parse().unwrap());
    for v in xff {
        req = req.append_header(("X-Forwarded-For", *v));
    }
    req.to_http_request()
}

#[test]
fn the_right_most_untrusted_entry_is_the_client() {
    // No trusted proxy: the peer, whatever the header says.
    assert_eq!(client_address(&request(&["1.1.1.1"]), 0), "10.0.0.2");
    // One proxy appended the address that connected to it.
    assert_eq!(
        client_address(&request(&["6.6.6.6, 203.0.113.9"]), 1),
        "203.0.113.9"
    );
    // Two proxies: the outer one's entry, not the inner one's, nor the client's writing.
    assert_eq!(
        client_address(&request(&["6.6.6.6, 198.51.100.7", "10.0.0.9"]), 2),
        "198.51.100.7"
    );
    // Ports and IPv6 forms are keyed as the address alone.
    assert_eq!(
        client_address(&request(&["203.0.113.9:4711"]), 1),
        "203.0.113.9"
    );
    // IPv6 by its /64: one subscriber's whole prefix is one key.
    assert_eq!(
        client_address(&request(&["[2001:db8::1]:4711"]), 1),
        "2001:db8:0:0::/64"
    );
    assert_eq!(
        client_address(&request(&["2001:db8::ffff:1234:5678:9abc"]), 1),
        "2001:db8:0:0::/64"
    );
    // Text that is no address mints no key of its own: the peer's is used.
    assert_eq!(client_address(&request(&["x1"]), 1), "10.0.0.2");
    assert_eq!(client_address(&request(&["6.6.6.6, x2"]), 1), "10.0.0.2");
    // No header behind a proxy: the peer.
    assert_eq!(client_address(&request(&[]), 1), "10.0.0.2");
}

async fn spoofed<S: TestService>(app: &TestApp<S>, spoof: &str, real: &str) -> Reply {
    app.send(Call {
        method: "POST",
        path: "/api/v1/auth/token".into(),
        token: None,
        body: Some(json!({"username": "chair", "password": "đoán-mò"})),
        headers: vec![("X-Forwarded-For".into(), format!("{spoof}, {real}"))],
    })
    .await
}

#[actix_web::test]
async fn a_client_writing_x_forwarded_for_is_still_limited() {
    // The old setting keeps its meaning: one trusted proxy.
    let app = spawn_app_with(&[("THIDUA_TRUST_FORWARDED_FOR", "true")]).await;
    for i in 0..5 {
        spoofed(&app, &format!("10.9.9.{i}"), "203.0.113.9")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    spoofed(&app, "10.9.9.99", "203.0.113.9")
        .await
        .assert_problem(429, "rate_limited");
    // Another real client is its own pair.
    spoofed(&app, "10.9.9.99", "203.0.113.10")
        .await
        .assert_problem(401, "invalid_credentials");
}

#[actix_web::test]
async fn two_trusted_hops_take_the_outer_proxys_entry() {
    let app = spawn_app_with(&[("THIDUA_TRUSTED_PROXY_HOPS", "2")]).await;
    for i in 0..5 {
        spoofed(&app, &format!("10.9.9.{i}, 198.51.100.7"), "10.0.0.9")
            .await
            .assert(401);
    }
    spoofed(&app, "1.2.3.4, 198.51.100.7", "10.0.0.9")
        .await
        .assert_problem(429, "rate_limited");
}
