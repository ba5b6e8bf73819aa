//! Who calls: the user a verified token names, as the database says now (a deactivated
//! user, a changed role or an ended session takes effect at once, not when the token
//! expires).

use super::{Context, Result};
use crate::auth::tokens::{Subject, Verified};
use crate::auth::Actor;
use crate::db::repo::users as user_repo;
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};

/// The active user behind `subject`: 401 `invalid_token` when there is none,
/// `account_inactive` when deactivated.
pub fn actor(conn: &mut DbConnection, subject: &Subject) -> Result<Actor> {
    let user = user_repo::find_for_subject(conn, subject)?
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidToken))?;
    actor_of(user)
}

fn actor_of(user: crate::db::models::UserRow) -> Result<Actor> {
    if !user.active {
        return Err(ApiError::new(ErrorCode::AccountInactive));
    }
    Ok(Actor {
        roles: user.roles.to_vec(),
        user_id: user.id,
        username: user.username,
        full_name: user.full_name,
        unit_id: user.unit_id,
    })
}

/// The active user behind a verified token whose session, if it has one, is live:
/// 401 `session_revoked` after logout, a password change, deactivation or a reused
/// refresh token. The identity provider's tokens carry no session and are not checked.
pub fn signed_in(conn: &mut DbConnection, token: &Verified) -> Result<Actor> {
    let (user, live) =
        user_repo::find_with_session(conn, &token.subject, token.session.as_deref())?
            .ok_or_else(|| ApiError::new(ErrorCode::InvalidToken))?;
    let actor = actor_of(user)?;
    if !live {
        return Err(ApiError::new(ErrorCode::SessionRevoked));
    }
    Ok(actor)
}

/// The context of a request with `token`, read on the connection the use case runs on
/// (one pool checkout per request).
pub fn context(
    conn: &mut DbConnection,
    token: &Verified,
    now: chrono::DateTime<chrono::Utc>,
    time_zone: chrono_tz::Tz,
    request_id: Option<String>,
) -> Result<Context> {
    Ok(Context::new(
        signed_in(conn, token)?,
        now,
        time_zone,
        request_id,
    ))
}
