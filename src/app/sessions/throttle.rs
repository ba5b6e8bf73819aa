//! Login throttling (README "Logins and sessions"): every attempt is counted before its
//! password is verified, in conditional statements, so no more than the limits are ever
//! verified in a window on any number of instances.
//!
//! - the (username, address) pair: a hard limit, then 429 for that pair until its window
//!   ends;
//! - the address: a limit on attempts from it, except for usernames that logged in from
//!   it before (a department behind one NAT keeps working);
//! - the username: past a higher threshold, a growing delay between attempts (1 s, 2 s,
//!   4 s … up to a maximum) rather than a lock; a pair known from an earlier login, or an
//!   address with no failures in the window, is not held by it, so the owner still logs
//!   in while the username is attacked from elsewhere.

use crate::app::Result;
use crate::db::models::LoginThrottleRow;
use crate::db::repo::security;
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};
use chrono::{Duration, NaiveDateTime};

/// The limits of the scheme (settings `THIDUA_LOGIN_…`).
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub window_seconds: i64,
    /// Failures of one (username, address) pair per window, then 429.
    pub max_failures_per_pair: i32,
    /// Failures of a username before its growing delay starts.
    pub max_failures_per_user: i32,
    /// Attempts from one address per window, known pairs aside.
    pub max_failures_per_address: i32,
    pub max_delay_seconds: i64,
    pub known_address_days: i64,
}

impl LoginLimits {
    pub fn of(settings: &crate::config::Settings) -> Self {
        Self {
            window_seconds: settings.login_window_seconds,
            max_failures_per_pair: settings.login_max_failures_per_pair,
            max_failures_per_user: settings.login_max_failures_per_user,
            max_failures_per_address: settings.login_max_failures_per_address,
            max_delay_seconds: settings.login_max_delay_seconds,
            known_address_days: settings.login_known_address_days,
        }
    }
}

/// The delay a username gets after its `failures`-th failure: none below the threshold,
/// then 1 s doubling up to `max_seconds`.
pub fn user_delay(failures: i32, threshold: i32, max_seconds: i64) -> Option<i64> {
    if failures < threshold {
        return None;
    }
    let doublings = u32::try_from(failures - threshold).unwrap_or(0).min(40);
    Some((1i64 << doublings).min(max_seconds))
}

/// The keys an admitted attempt counted against, given back if it succeeds.
#[derive(Debug, Clone)]
pub struct Admission {
    pair_key: String,
    counted: Vec<String>,
    known_key: String,
}

fn key_part(s: &str) -> String {
    s.to_lowercase()
}

fn refused(conn: &mut DbConnection, counted: &[String], wait: Duration) -> Result<Admission> {
    for key in counted {
        security::release_claim(conn, key)?;
    }
    let secs = u64::try_from(wait.num_seconds().max(1)).unwrap_or(1);
    Err(ApiError::new(ErrorCode::RateLimited).retry_after(secs))
}

fn window_end(row: &LoginThrottleRow, window_seconds: i64, now: NaiveDateTime) -> Duration {
    row.window_started_at + Duration::seconds(window_seconds) - now
}

/// Counts a login attempt of `username` from `address`, or refuses it (429 with
/// Retry-After) when a limit holds. Runs outside a transaction: each step is one
/// conditional statement, and a refusal gives back what was counted before it.
pub fn admit(
    conn: &mut DbConnection,
    limits: &LoginLimits,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<Admission> {
    let (user, addr) = (key_part(username), key_part(address));
    let pair_key = format!("pair:{user}|{addr}");
    let user_key = format!("user:{user}");
    let addr_key = format!("addr:{addr}");
    let known_key = format!("known:{user}|{addr}");
    let window = limits.window_seconds;
    let mut counted = Vec::new();

    let pair = security::throttle_counter(conn, &pair_key, now, window)?;
    if security::claim_below(conn, &pair_key, limits.max_failures_per_pair)?.is_none() {
        return refused(conn, &counted, window_end(&pair, window, now));
    }
    counted.push(pair_key.clone());

    let known = security::marker_set_at(conn, &known_key)?
        .is_some_and(|at| at > now - Duration::days(limits.known_address_days));
    let address_row = security::throttle_counter(conn, &addr_key, now, window)?;
    let address_count = if known {
        security::claim_always(conn, &addr_key)?
    } else {
        security::claim_below(conn, &addr_key, limits.max_failures_per_address)?
    };
    let Some(address_count) = address_count else {
        return refused(conn, &counted, window_end(&address_row, window, now));
    };
    counted.push(addr_key);
    // The first attempt of the window from this address (exactly one of racing ones).
    let exempt = known || address_count == 1;

    // Compare and set: racing attempts each count once, and only one per delay passes.
    for _ in 0..100 {
        let row = security::throttle_counter(conn, &user_key, now, window)?;
        let held = row.locked_until.filter(|until| *until > now);
        if let (Some(until), false) = (held, exempt) {
            return refused(conn, &counted, until - now);
        }
        let next = user_delay(
            row.failures + 1,
            limits.max_failures_per_user,
            limits.max_delay_seconds,
        )
        .map(|d| now + Duration::seconds(d));
        if security::claim_after(conn, &row, next.max(held))? {
            counted.push(user_key);
            return Ok(Admission {
                pair_key,
                counted,
                known_key,
            });
        }
    }
    refused(conn, &counted, Duration::seconds(1))
}

/// A login succeeded: its pair starts afresh and becomes known, and its own attempt is
/// given back to the address and the username (other addresses' failures stay).
pub fn succeeded(conn: &mut DbConnection, a: &Admission, now: NaiveDateTime) -> Result<()> {
    for key in a.counted.iter().filter(|k| **k != a.pair_key) {
        security::release_claim(conn, key)?;
    }
    security::clear_throttle(conn, &a.pair_key)?;
    security::set_marker(conn, &a.known_key, now)?;
    Ok(())
}

/// An attempt that was never verified: everything it counted is given back.
pub fn abandoned(conn: &mut DbConnection, a: &Admission) -> Result<()> {
    for key in &a.counted {
        security::release_claim(conn, key)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_username_delay_grows_and_is_capped() {
        assert_eq!(user_delay(19, 20, 300), None);
        assert_eq!(user_delay(20, 20, 300), Some(1));
        assert_eq!(user_delay(21, 20, 300), Some(2));
        assert_eq!(user_delay(24, 20, 300), Some(16));
        assert_eq!(user_delay(29, 20, 300), Some(300));
        assert_eq!(user_delay(1000, 20, 300), Some(300));
    }
}
