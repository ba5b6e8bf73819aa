//! Item 1: attempts are counted with the check, so parallel requests on two instances
//! never get more than the limit verified, and racing first failures never answer 409.

use super::*;
use futures_util::future::join_all;

/// Enough patience that the verification gate never refuses here (item 2 has its own
/// test): these tests count verifications, not slots.
const PATIENT: (&str, &str) = ("THIDUA_LOGIN_VERIFY_WAIT_MS", "60000");

#[actix_web::test]
async fn parallel_wrong_passwords_on_two_instances_verify_at_most_the_pair_limit() {
    let app = spawn_app_with(&[PATIENT]).await;
    let other = second_instance(&app, &[PATIENT]).await;
    let calls = (0..30).map(|i| {
        let app = &app;
        let other = &other;
        async move {
            if i % 2 == 0 {
                login_from(&app.service, "chair", "đoán-mò", "203.0.113.5").await
            } else {
                login_from(other, "chair", "đoán-mò", "203.0.113.5").await
            }
        }
    });
    let answers = join_all(calls).await;
    let t = tally(&answers);
    // The pair limit is 5: exactly five were verified (401), the rest refused unverified.
    assert_eq!(t.get(&401), Some(&5), "{t:?}");
    assert_eq!(t.get(&429), Some(&25), "{t:?}");
    for (s, body, retry) in &answers {
        if *s == 429 {
            assert_eq!(body["code"], "rate_limited");
            assert!(retry.is_some());
        } else {
            assert_eq!(body["code"], "invalid_credentials");
        }
    }
}

#[actix_web::test]
async fn parallel_unknown_usernames_from_one_address_verify_at_most_the_address_limit() {
    let app = spawn_app_with(&[PATIENT]).await;
    let other = second_instance(&app, &[PATIENT]).await;
    let calls = (0..80).map(|i| {
        let app = &app;
        let other = &other;
        async move {
            let name = format!("khong-co-ai-{i}");
            if i % 2 == 0 {
                login_from(&app.service, &name, "đoán-mò", "198.51.100.20").await
            } else {
                login_from(other, &name, "đoán-mò", "198.51.100.20").await
            }
        }
    });
    let t = tally(&join_all(calls).await);
    assert_eq!(t.get(&401), Some(&30), "{t:?}");
    assert_eq!(t.get(&429), Some(&50), "{t:?}");
}

#[actix_web::test]
async fn racing_first_failures_never_answer_409() {
    let app = spawn_app_with(&[PATIENT]).await;
    let other = second_instance(&app, &[PATIENT]).await;
    for round in 0..8 {
        let name = format!("lan-dau-{round}");
        let from = format!("192.0.2.{}", 10 + round);
        let (a, b) = futures_util::future::join(
            login_from(&app.service, &name, "sai", &from),
            login_from(&other, &name, "sai", &from),
        )
        .await;
        assert_eq!((a.0, b.0), (401, 401), "{:?} {:?}", a.1, b.1);
    }
}

#[test]
fn racing_threads_count_each_attempt_once_and_never_exceed_the_limit() {
    use thidua::db::repo::security;
    let db = fresh_database();
    let target = thidua::db::DatabaseTarget::parse(&db.url).unwrap();
    let pool = thidua::db::build_pool(&target, 8, std::time::Duration::from_secs(30)).unwrap();
    let now = thidua::db::models::now();
    let passed = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                let mut conn = pool.get().unwrap();
                for _ in 0..10 {
                    security::throttle_counter(&mut conn, "pair:dua|10.1.1.1", now, 900).unwrap();
                    if security::claim_below(&mut conn, "pair:dua|10.1.1.1", 25)
                        .unwrap()
                        .is_some()
                    {
                        passed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                }
            });
        }
    });
    assert_eq!(passed.into_inner(), 25);
    let mut conn = pool.get().unwrap();
    let row = security::throttle_counter(&mut conn, "pair:dua|10.1.1.1", now, 900).unwrap();
    assert_eq!(row.failures, 25);
}
