//! Sessions: login (throttled, the password verified outside any pooled connection),
//! rotating refresh tokens with reuse detection, logout, and who is signed in.

mod login;
mod refresh;
pub mod throttle;

pub use login::{abandon_login, begin_login, check_login, finish_login, LoginAttempt};
pub use refresh::{logout, refresh, revoke_reused, Refreshed};
pub use throttle::LoginLimits;

use crate::app::{Context, Result};
use crate::auth::tokens::{new_refresh_token, refresh_token_hash, TokenService};
use crate::auth::Role;
use crate::db::models::{new_id, now, RefreshTokenRow, UserRow};
use crate::db::repo::{audit, organisation, security};
use crate::db::DbConnection;
use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "unit_head", "password": "mật-khẩu-của-bạn"}))]
pub struct LoginRequest {
    #[schema(min_length = 1, max_length = 100)]
    pub username: String,
    #[schema(min_length = 1, max_length = 1000, format = Password)]
    pub password: String,
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"refresh_token": "q1X0c2Fh…"}))]
pub struct RefreshRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…", "token_type": "Bearer", "expires_in": 900,
    "refresh_token": "q1X0c2Fh…", "refresh_expires_in": 1209600
}))]
pub struct TokenResponse {
    /// JWT for `Authorization: Bearer …`
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque; exchange at `/auth/refresh` for a new pair. Each is good once.
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitRef {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e70", "username": "unit_head", "full_name": "Nguyễn Văn Bình",
    "unit": {"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười"},
    "roles": ["unit_head"]
}))]
pub struct Me {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub unit: UnitRef,
    pub roles: Vec<Role>,
}

/// A new access token and a refresh token of the login `family_id`. Tokens carry the
/// system time (their expiry is checked against it), not the service's clock.
fn issue_pair(
    conn: &mut DbConnection,
    tokens: &TokenService,
    user_id: &str,
    family_id: String,
) -> Result<TokenResponse> {
    let t = now();
    let refresh = new_refresh_token();
    // The family id is the session id the access token carries (checked per request).
    let access_token = tokens.issue_access(user_id, &family_id, t.and_utc().timestamp())?;
    security::insert_refresh_token(
        conn,
        &RefreshTokenRow {
            id: new_id(),
            user_id: user_id.to_string(),
            family_id,
            token_hash: refresh_token_hash(&refresh),
            issued_at: t,
            expires_at: t + chrono::Duration::seconds(tokens.refresh_ttl_seconds),
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: tokens.access_ttl_seconds,
        refresh_token: refresh,
        refresh_expires_in: tokens.refresh_ttl_seconds,
    })
}

/// The user as the audit trail names them, for the session steps (no `Context`: no one
/// is signed in yet).
fn actor_for(user: &UserRow, request_id: Option<String>) -> audit::AuditActor {
    audit::AuditActor {
        user_id: Some(user.id.clone()),
        username: Some(user.username.clone()),
        roles: user.roles.as_str().to_string(),
        request_id,
    }
}

/// The signed-in user: name, unit and roles.
pub fn me(conn: &mut DbConnection, ctx: &Context) -> Result<Me> {
    let actor = &ctx.actor;
    let unit = organisation::find_unit(conn, &actor.unit_id)?
        .ok_or_else(|| ApiError::internal("user's unit missing"))?;
    Ok(Me {
        id: actor.user_id.clone(),
        username: actor.username.clone(),
        full_name: actor.full_name.clone(),
        unit: UnitRef {
            id: unit.id,
            code: unit.code,
            name: unit.name,
        },
        roles: actor.roles.clone(),
    })
}
