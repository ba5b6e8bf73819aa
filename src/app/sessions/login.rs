//! Login in two halves around the password check, so that argon2 runs with no pooled
//! connection held: [`begin_login`] counts the attempt and reads the account, the caller
//! verifies the password off the async threads ([`LoginAttempt::verify`]), and
//! [`finish_login`] records the outcome on a connection taken again.

use super::throttle::{self, Admission, LoginLimits};
use super::{actor_for, issue_pair, LoginRequest, TokenResponse};
use crate::app::{in_transaction, Result};
use crate::auth::password;
use crate::auth::tokens::TokenService;
use crate::db::models::{new_id, now, UserRow};
use crate::db::repo::{audit, users};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// A login between its two halves: the account (if any) and what the attempt counted.
#[derive(Debug, Clone)]
pub struct LoginAttempt {
    user: Option<UserRow>,
    admission: Admission,
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

/// The first half: the attempt is counted against the throttle (README "Logins and
/// sessions"), or refused with 429 and Retry-After; then the account named, if any.
pub fn begin_login(
    conn: &mut DbConnection,
    limits: &LoginLimits,
    username: &str,
    address: &str,
) -> Result<LoginAttempt> {
    let admission = throttle::admit(conn, limits, username, address, now())?;
    Ok(LoginAttempt {
        user: users::find_by_username(conn, username)?,
        admission,
    })
}

/// A login that will not be verified (no verification slot): what it counted is given
/// back.
pub fn abandon_login(conn: &mut DbConnection, attempt: &LoginAttempt) -> Result<()> {
    throttle::abandoned(conn, &attempt.admission)
}

/// The second half: a failure stays counted (401 `invalid_credentials`); a deactivated
/// account is refused; a success gives its attempt back, issues a token pair of a new
/// login (session) and is audited.
pub fn finish_login(
    conn: &mut DbConnection,
    tokens: &TokenService,
    attempt: LoginAttempt,
    verified: bool,
    request_id: Option<String>,
) -> Result<TokenResponse> {
    let LoginAttempt { user, admission } = attempt;
    let Some(user) = user.filter(|_| verified) else {
        return Err(ApiError::new(ErrorCode::InvalidCredentials));
    };
    if !user.active {
        return Err(ApiError::new(ErrorCode::AccountInactive));
    }
    in_transaction(conn, |conn| {
        throttle::succeeded(conn, &admission, now())?;
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
