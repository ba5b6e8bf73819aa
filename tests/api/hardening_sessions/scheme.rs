//! Item 3: nobody can lock the owner out. Pairs are limited tightly; the username gets
//! a growing delay, which a known pair or an address with no failures does not wait
//! for; an address's limit spares the usernames that logged in from it before. An
//! unknown user and a wrong password get the same answer.

use super::*;

#[actix_web::test]
async fn the_owner_still_logs_in_while_the_username_is_attacked_from_elsewhere() {
    // The username's delay starts at the first failure, so a short attack reaches it.
    let app = spawn_app_with(&[("THIDUA_LOGIN_MAX_FAILURES_PER_USER", "1")]).await;
    let s = &app.service;
    // The owner's usual address, known from an earlier login.
    assert_eq!(
        login_from(s, "chair", DEMO_PASSWORD, "192.0.2.10").await.0,
        200
    );
    // An attack from ten addresses: each first attempt is verified (and fails).
    for i in 0..10 {
        let (status, body, _) = login_from(s, "chair", "đoán-mò", &format!("198.51.100.{i}")).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("invalid_credentials"))
        );
    }
    // The username now waits a growing delay (2^9 s, capped at 300 s): the attacker's
    // next try is refused unverified, with the wait in Retry-After.
    let (status, body, retry) = login_from(s, "chair", "đoán-mò", "198.51.100.3").await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate_limited")));
    let wait: u64 = retry.unwrap().parse().unwrap();
    assert!(wait > 200 && wait <= 300, "{wait}");
    // The owner from the known address, and from an address with no failures, gets in.
    assert_eq!(
        login_from(s, "chair", DEMO_PASSWORD, "192.0.2.10").await.0,
        200
    );
    assert_eq!(
        login_from(s, "chair", DEMO_PASSWORD, "192.0.2.77").await.0,
        200
    );
    // Other users are not touched by it.
    assert_eq!(
        login_from(s, "auditor", DEMO_PASSWORD, "198.51.100.3")
            .await
            .0,
        200
    );
}

#[actix_web::test]
async fn a_pair_is_limited_tightly_and_the_right_password_elsewhere_still_works() {
    let app = spawn_app().await;
    let s = &app.service;
    for _ in 0..5 {
        assert_eq!(
            login_from(s, "unit_head", "đoán-mò", "203.0.113.1").await.0,
            401
        );
    }
    // The pair is locked, even for the right password…
    let (status, _, retry) = login_from(s, "unit_head", DEMO_PASSWORD, "203.0.113.1").await;
    assert_eq!(status, 429);
    let wait: u64 = retry.unwrap().parse().unwrap();
    assert!(wait > 0 && wait <= 900, "{wait}");
    // …but not the username: the owner elsewhere logs in.
    assert_eq!(
        login_from(s, "unit_head", DEMO_PASSWORD, "203.0.113.2")
            .await
            .0,
        200
    );
}

#[actix_web::test]
async fn an_address_limit_spares_the_users_who_logged_in_from_it_before() {
    let app = spawn_app_with(&[("THIDUA_LOGIN_MAX_FAILURES_PER_ADDRESS", "3")]).await;
    let s = &app.service;
    let nat = "203.0.113.50"; // a department behind one NAT
    assert_eq!(login_from(s, "unit_head", DEMO_PASSWORD, nat).await.0, 200);
    for user in ["admin", "khong-co-ai", "chair"] {
        assert_eq!(login_from(s, user, "đoán-mò", nat).await.0, 401);
    }
    // The address is spent for usernames it has not logged in before…
    let (status, body, _) = login_from(s, "nguoi-la", "đoán-mò", nat).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate_limited")));
    // …while a colleague who logged in from it before keeps working.
    assert_eq!(login_from(s, "unit_head", DEMO_PASSWORD, nat).await.0, 200);
}

#[actix_web::test]
async fn an_unknown_user_is_throttled_and_answered_as_a_wrong_password() {
    let app = spawn_app().await;
    let s = &app.service;
    let mut answers = Vec::new();
    for user in ["admin", "khong-co-ai"] {
        for _ in 0..6 {
            answers.push((user, login_from(s, user, "đoán-mò", "203.0.113.60").await));
        }
    }
    for user in ["admin", "khong-co-ai"] {
        let seen: Vec<(u16, Value)> = answers
            .iter()
            .filter(|(u, _)| *u == user)
            .map(|(_, (s, b, _))| (*s, b["code"].clone()))
            .collect();
        assert_eq!(seen[..5], vec![(401, json!("invalid_credentials")); 5][..]);
        assert_eq!(seen[5], (429, json!("rate_limited")));
    }
}

#[actix_web::test]
async fn a_busy_verification_gate_answers_503_with_retry_after() {
    // One slot and no wait: a slot taken by a slow verification refuses the next login.
    let app = spawn_app_with(&[
        ("THIDUA_LOGIN_VERIFY_CONCURRENCY", "1"),
        ("THIDUA_LOGIN_VERIFY_WAIT_MS", "0"),
    ])
    .await;
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let gate = app.state.logins.clone();
    let held = actix_web::rt::spawn(async move {
        gate.run(move || {
            let _ = wait.recv();
        })
        .await
    });
    // Let the spawned task take the slot.
    while app.state.logins.free_slots() > 0 {
        actix_web::rt::task::yield_now().await;
    }
    let r = app.login("auditor", DEMO_PASSWORD).await;
    r.assert_problem(503, "login_busy");
    assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    release.send(()).unwrap();
    held.await.unwrap().unwrap();
    // A refused login counted nothing against the throttle: the slot free, it works.
    app.login("auditor", DEMO_PASSWORD).await.assert(200);
}
