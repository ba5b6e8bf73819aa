//! The bucket maths and the limiter's keys, on a clock driven by hand.

use super::gcra::{decide, Quota, SECOND};
use super::*;

fn quota(limit: u64) -> Quota {
    Quota::per_window(limit, 60).unwrap()
}

/// Requests at `now` until one is refused; the verdicts and the final TAT.
fn burst(limit: u64, now: u64) -> (Vec<Verdict>, u64) {
    let q = quota(limit);
    let mut tat = 0;
    let mut out = Vec::new();
    loop {
        let (v, next) = decide(tat, now, &q);
        out.push(v);
        tat = next;
        if !v.allowed {
            return (out, tat);
        }
    }
}

#[test]
fn a_zero_limit_is_no_quota() {
    assert!(Quota::per_window(0, 60).is_none());
    assert!(RateLimiter::new(0, 600, 1000).is_none());
}

#[test]
fn a_full_bucket_lets_the_whole_limit_through_then_refuses() {
    let (verdicts, _) = burst(60, 1000 * SECOND);
    assert_eq!(verdicts.len(), 61);
    let remaining: Vec<u64> = verdicts.iter().map(|v| v.remaining).collect();
    assert_eq!(remaining[..3], [59, 58, 57]);
    assert_eq!(remaining[59], 0);
    assert!(verdicts[..60].iter().all(|v| v.allowed));
    let refused = verdicts[60];
    assert!(!refused.allowed);
    // One request per second refills: the next is a second away, the whole limit 60.
    assert_eq!(refused.retry_after_seconds, 1);
    assert_eq!(refused.reset_seconds, 60);
    assert_eq!(verdicts[0].reset_seconds, 1);
    assert_eq!(verdicts[0].retry_after_seconds, 0);
}

#[test]
fn a_refused_request_costs_nothing_and_waiting_retry_after_passes() {
    let q = quota(60);
    let now = 5 * SECOND;
    let (verdicts, tat) = burst(60, now);
    let refused = verdicts[verdicts.len() - 1];
    // Refused again a little later: the TAT did not move.
    let (again, same) = decide(tat, now + SECOND / 2, &q);
    assert!(!again.allowed);
    assert_eq!(same, tat);
    let (after, _) = decide(tat, now + refused.retry_after_seconds * SECOND, &q);
    assert!(after.allowed);
    assert_eq!(after.remaining, 0);
}

#[test]
fn the_bucket_refills_smoothly() {
    let q = quota(1200); // one request per 50 ms
    let now = 10 * SECOND;
    let (_, tat) = burst(1200, now);
    // Three seconds later 60 requests are back, not the whole limit.
    let (v, _) = decide(tat, now + 3 * SECOND, &q);
    assert!(v.allowed);
    assert_eq!(v.remaining, 59);
    assert_eq!(v.reset_seconds, 58); // 57.05 s, rounded up
                                     // A minute later the bucket is full: as good as never seen.
    let (v, _) = decide(tat, now + 60 * SECOND, &q);
    assert_eq!(v.remaining, 1199);
}

#[test]
fn odd_limits_round_towards_the_caller() {
    // 7 per minute: 8.57 s per request; the burst is still 7.
    let (verdicts, _) = burst(7, 0);
    assert_eq!(verdicts.len(), 8);
    assert_eq!(verdicts[6].remaining, 0);
    assert_eq!(verdicts[7].retry_after_seconds, 9);
}

#[test]
fn tokens_and_addresses_have_their_own_budgets() {
    let limiter = RateLimiter::new(3, 2, 1000).unwrap();
    let now = SECOND;
    let addr = || "203.0.113.7".to_string();
    for left in [2, 1, 0] {
        let c = limiter.check_token(b"Bearer aaa", addr, now);
        assert!(c.verdict.allowed);
        assert_eq!(c.verdict.remaining, left);
        // Verified: the address gets the first request's up-front charge back.
        limiter.settle(&c, true, 200, "203.0.113.7", now);
    }
    assert!(
        !limiter
            .check_token(b"Bearer aaa", addr, now)
            .verdict
            .allowed
    );
    // Another token, and the address itself, are untouched.
    let bbb = limiter.check_token(b"Bearer bbb", addr, now);
    assert_eq!(bbb.verdict.remaining, 2);
    limiter.settle(&bbb, true, 200, "203.0.113.7", now);
    assert_eq!(
        limiter.check_address("203.0.113.7", now).verdict.remaining,
        1
    );
    assert_eq!(
        limiter.check_address("203.0.113.8", now).verdict.remaining,
        1
    );
}

#[test]
fn refused_tokens_are_forgotten_and_charged_to_their_address() {
    let limiter = RateLimiter::new(100, 2, 1000).unwrap();
    let now = SECOND;
    let addr = || "198.51.100.4".to_string();
    for i in 0..2 {
        let bogus = format!("Bearer made-up-{i}");
        let c = limiter.check_token(bogus.as_bytes(), addr, now);
        assert!(c.verdict.allowed && c.new);
        // Never verified (a 404 as well as a 401): forgotten, the address keeps the charge.
        let status = if i == 0 { 401 } else { 404 };
        limiter.settle(&c, false, status, "198.51.100.4", now);
    }
    assert_eq!(limiter.len(), 1, "only the address is kept");
    // The address is out of budget: a third made-up token is refused with its figures.
    let c = limiter.check_token(b"Bearer made-up-3", addr, now);
    assert!(!c.verdict.allowed);
    assert_eq!(c.verdict.limit, 2);
    assert_eq!(limiter.policy(&c), "\"default\";q=2;w=60");
    // A token already known goes on with its own budget.
    let other = || "192.0.2.1".to_string();
    let known = limiter.check_token(b"Bearer good", other, now);
    assert!(known.verdict.allowed);
    limiter.settle(&known, true, 200, "192.0.2.1", now);
    assert!(
        limiter
            .check_token(b"Bearer good", addr, now)
            .verdict
            .allowed
    );
}

#[test]
fn fresh_tokens_at_once_cannot_outrun_their_address() {
    // Many new tokens in flight before any is answered: each is charged up front.
    let limiter = RateLimiter::new(100, 3, 1000).unwrap();
    let now = SECOND;
    let addr = || "198.51.100.9".to_string();
    let charges: Vec<Charge> = (0..10)
        .map(|i| limiter.check_token(format!("Bearer new-{i}").as_bytes(), addr, now))
        .collect();
    let allowed = charges.iter().filter(|c| c.verdict.allowed).count();
    assert_eq!(allowed, 3);
    // A known token refused 401 later (expired) is forgotten and its address pays.
    let limiter = RateLimiter::new(100, 3, 1000).unwrap();
    let c = limiter.check_token(b"Bearer real", addr, now);
    limiter.settle(&c, true, 200, "198.51.100.9", now);
    // Verified: the up-front charge came back, this check is the first to count.
    assert_eq!(
        limiter.check_address("198.51.100.9", now).verdict.remaining,
        2
    );
    let c = limiter.check_token(b"Bearer real", addr, now);
    assert!(!c.new);
    limiter.settle(&c, true, 401, "198.51.100.9", now);
    assert_eq!(
        limiter.check_address("198.51.100.9", now).verdict.remaining,
        0
    );
    assert!(limiter.check_token(b"Bearer real", addr, now).new);
}

#[test]
fn a_new_token_is_refused_when_its_address_sits_in_a_full_shard() {
    // One key per shard: the address cannot be stored, so it shares the overflow bucket,
    // which still runs out.
    let limiter = RateLimiter::new(100, 2, 16).unwrap();
    let now = SECOND;
    for i in 0..200 {
        limiter.check_address(&format!("10.9.{}.{}", i / 256, i % 256), now);
    }
    let refused = (0..50)
        .map(|i| {
            let a = format!("172.16.0.{i}");
            limiter.check_token(format!("Bearer t-{i}").as_bytes(), || a, now)
        })
        .filter(|c| !c.verdict.allowed)
        .count();
    assert!(
        refused > 0,
        "made-up tokens from unstored addresses were never refused"
    );
}

#[test]
fn memory_is_bounded_and_stale_keys_are_swept() {
    // 16 shards of 2 keys.
    let limiter = RateLimiter::new(10, 10, 32).unwrap();
    let now = SECOND;
    for i in 0..1000 {
        limiter.check_address(&format!("10.0.{}.{}", i / 256, i % 256), now);
    }
    assert!(limiter.len() <= 32, "{}", limiter.len());
    // New callers past the cap share an overflow bucket: it runs out.
    let refused = (0..1000)
        .map(|i| limiter.check_address(&format!("10.1.{}.{}", i / 256, i % 256), now))
        .filter(|c| !c.verdict.allowed)
        .count();
    assert!(refused > 500, "{refused}");
    // A minute on, every bucket is full again and the next new key sweeps its shard.
    let later = now + 61 * SECOND;
    for i in 0..64 {
        assert!(
            limiter
                .check_address(&format!("10.2.0.{i}"), later)
                .verdict
                .allowed
        );
    }
    assert!(limiter.len() <= 32);
}

#[test]
fn headers_use_the_structured_field_syntax() {
    let limiter = RateLimiter::new(1200, 600, 1000).unwrap();
    let c = limiter.check_token(b"Bearer x", || "127.0.0.1".into(), 0);
    limiter.settle(&c, true, 200, "127.0.0.1", 0);
    assert_eq!(limiter.policy(&c), "\"default\";q=1200;w=60");
    assert_eq!(state_header(&c.verdict), "\"default\";r=1199;t=1");
    let a = limiter.check_address("127.0.0.1", 0);
    assert_eq!(limiter.policy(&a), "\"default\";q=600;w=60");
    assert_eq!(state_header(&a.verdict), "\"default\";r=599;t=1");
}
