//! Refresh tokens: each works once; using one again revokes every token of its login.

use super::{actor_for, issue_pair, TokenResponse};
use crate::app::{in_transaction, Result};
use crate::auth::tokens::{refresh_token_hash, TokenService};
use crate::db::models::now;
use crate::db::repo::{audit, security, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};

/// What a refresh came to.
#[derive(Debug, Clone)]
pub enum Refreshed {
    /// A new pair; the old refresh token is spent.
    Issued(TokenResponse),
    /// The token was used before: its login (`family`) must be revoked, in a
    /// transaction of its own ([`revoke_reused`]) that the refusal does not roll back.
    Reused { family: String },
}

/// Exchanges a refresh token for a new pair (call in a transaction).
pub fn refresh(
    conn: &mut DbConnection,
    tokens: &TokenService,
    refresh_token: &str,
    request_id: Option<String>,
) -> Result<Refreshed> {
    let hash = refresh_token_hash(refresh_token.trim());
    let invalid = || ApiError::new(ErrorCode::RefreshTokenInvalid);
    let t = now();
    let row = security::find_refresh_token(conn, &hash)?.ok_or_else(invalid)?;
    if row.revoked_at.is_some() && row.used_at.is_none() {
        return Err(invalid());
    }
    if row.used_at.is_some() || !security::consume_refresh_token(conn, &row.id, t)? {
        return Ok(Refreshed::Reused {
            family: row.family_id,
        });
    }
    if row.expires_at <= t {
        return Err(invalid());
    }
    let user = users::find(conn, &row.user_id)?
        .filter(|u| u.active)
        .ok_or_else(|| ApiError::new(ErrorCode::AccountInactive))?;
    let pair = issue_pair(conn, tokens, &user.id, row.family_id)?;
    audit::record(
        conn,
        &actor_for(&user, request_id),
        "auth.refresh",
        "user",
        &user.id,
        &serde_json::json!({}),
    )?;
    Ok(Refreshed::Issued(pair))
}

/// Revokes every token of a login whose refresh token was used twice, and audits it;
/// answers 401 `refresh_token_reused` once that is committed (it never succeeds).
pub fn revoke_reused(conn: &mut DbConnection, family: &str) -> Result<std::convert::Infallible> {
    in_transaction(conn, |conn| {
        security::revoke_family(conn, family, now())?;
        audit::record(
            conn,
            &audit::AuditActor::default(),
            "auth.refresh_reused",
            "token_family",
            family,
            &serde_json::json!({"revoked": true}),
        )?;
        Ok(())
    })?;
    Err(ApiError::new(ErrorCode::RefreshTokenReused))
}

/// Logs out: revokes the refresh token and every token rotated from the same login.
/// Unknown tokens are accepted silently (logging out twice is fine). Call in a
/// transaction.
pub fn logout(
    conn: &mut DbConnection,
    refresh_token: &str,
    request_id: Option<String>,
) -> Result<()> {
    let hash = refresh_token_hash(refresh_token.trim());
    let Some(row) = security::find_refresh_token(conn, &hash)? else {
        return Ok(());
    };
    if security::revoke_family(conn, &row.family_id, now())? > 0 {
        let actor = match users::find(conn, &row.user_id)? {
            Some(u) => actor_for(&u, request_id),
            None => audit::AuditActor::default(),
        };
        audit::record(
            conn,
            &actor,
            "auth.logout",
            "user",
            &row.user_id,
            &serde_json::json!({}),
        )?;
    }
    Ok(())
}
