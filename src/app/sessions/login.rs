//! Login in two halves around the password check, so that argon2 runs with no pooled
//! connection held: [`begin_login`] reads the throttle and the account, the caller
//! verifies the password off the async threads ([`LoginAttempt::verify`]), and
//! [`finish_login`] records the outcome on a connection taken again.

use super::{actor_for, issue_pair, LoginRequest, TokenResponse};
use crate::app::{in_transaction, Result};
use crate::auth::password;
use crate::auth::tokens::TokenService;
use crate::db::models::{new_id, now, UserRow};
use crate::db::repo::{audit, security, users};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDateTime;

/// Failed logins allowed per window, per username and per client address.
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub window_seconds: i64,
    pub max_failures_per_user: i32,
    pub max_failures_per_address: i32,
}

impl LoginLimits {
    pub fn of(settings: &crate::config::Settings) -> Self {
        Self {
            window_seconds: settings.login_window_seconds,
            max_failures_per_user: settings.login_max_failures_per_user,
            max_failures_per_address: settings.login_max_failures_per_address,
        }
    }
}

/// A login between its two halves: the account (if any) and the throttle keys.
#[derive(Debug, Clone)]
pub struct LoginAttempt {
    user: Option<UserRow>,
    user_key: String,
    addr_key: String,
    at: NaiveDateTime,
}

impl LoginAttempt {
    /// Verifies the password (argon2: slow on purpose; hold no connection). An unknown
    /// username costs the same time as a wrong password.
    pub fn verify(&self, pw: &str) -> bool {
        match &self.user {
            Some(u) => password::verify(pw, &u.password_hash),
            None => {
                password::verify_dummy(pw);
                false
            }
        }
    }
}

/// Checks the form of a login: the username (trimmed) and the password.
pub fn check_login(input: &LoginRequest) -> Result<String> {
    let mut c = Checks::new();
    let username = c.text("username", &input.username, 100);
    if input.password.is_empty() || input.password.len() > 1000 {
        c.fail("password", "1 to 1000 characters", "từ 1 đến 1000 ký tự");
    }
    c.finish()?;
    Ok(username)
}

/// The first half: refused (429 with Retry-After) while the username or the address is
/// locked out; otherwise the account named, if there is one.
pub fn begin_login(conn: &mut DbConnection, username: &str, address: &str) -> Result<LoginAttempt> {
    let user_key = format!("user:{}", username.to_lowercase());
    let addr_key = format!("addr:{address}");
    let t = now();
    for key in [&user_key, &addr_key] {
        if let Some(row) = security::find_throttle(conn, key)? {
            if let Some(until) = row.locked_until.filter(|u| *u > t) {
                let wait = u64::try_from((until - t).num_seconds().max(1)).unwrap_or(1);
                return Err(ApiError::new(ErrorCode::RateLimited).retry_after(wait));
            }
        }
    }
    Ok(LoginAttempt {
        user: users::find_by_username(conn, username)?,
        user_key,
        addr_key,
        at: t,
    })
}

/// The second half: a failure counts against the username and the address (401
/// `invalid_credentials`); a deactivated account is refused; a success clears the
/// username's counter, issues a token pair of a new login and is audited.
pub fn finish_login(
    conn: &mut DbConnection,
    tokens: &TokenService,
    limits: LoginLimits,
    attempt: LoginAttempt,
    verified: bool,
    request_id: Option<String>,
) -> Result<TokenResponse> {
    let LoginAttempt {
        user,
        user_key,
        addr_key,
        at,
    } = attempt;
    let Some(user) = user.filter(|_| verified) else {
        in_transaction(conn, |conn| {
            security::record_login_failure(
                conn,
                &user_key,
                at,
                limits.window_seconds,
                limits.max_failures_per_user,
            )?;
            security::record_login_failure(
                conn,
                &addr_key,
                at,
                limits.window_seconds,
                limits.max_failures_per_address,
            )?;
            Ok(())
        })?;
        return Err(ApiError::new(ErrorCode::InvalidCredentials));
    };
    if !user.active {
        return Err(ApiError::new(ErrorCode::AccountInactive));
    }
    in_transaction(conn, |conn| {
        security::clear_throttle(conn, &user_key)?;
        let pair = issue_pair(conn, tokens, &user.id, new_id())?;
        audit::record(
            conn,
            &actor_for(&user, request_id),
            "auth.login",
            "user",
            &user.id,
            &serde_json::json!({}),
        )?;
        Ok(pair)
    })
}
