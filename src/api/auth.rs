//! Login, token refresh (rotating, reuse-detecting), logout, and the current user.

use super::{run, transaction};
use crate::auth::tokens::{new_refresh_token, refresh_token_hash};
use crate::auth::{password, LegacyCaller, Role};
use crate::db::models::{new_id, now, RefreshTokenRow};
use crate::db::repo::{audit, organisation, security, users};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use diesel::Connection;
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

#[derive(Serialize, ToSchema)]
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

#[derive(Serialize, ToSchema)]
pub struct UnitRef {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
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

fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    let info = req.connection_info();
    let addr = if trust_forwarded_for {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    addr.map(|a| {
        a.rsplit_once(':')
            .filter(|_| !a.starts_with('[') && a.matches(':').count() == 1)
            .map(|(h, _)| h)
            .unwrap_or(a)
            .to_string()
    })
    .unwrap_or_else(|| "unknown".into())
}

fn issue_pair(
    state: &AppState,
    conn: &mut DbConnection,
    user_id: &str,
    family_id: String,
) -> Result<TokenResponse, ApiError> {
    let t = now();
    let refresh = new_refresh_token();
    security::insert_refresh_token(
        conn,
        &RefreshTokenRow {
            id: new_id(),
            user_id: user_id.to_string(),
            family_id,
            token_hash: refresh_token_hash(&refresh),
            issued_at: t,
            expires_at: t + chrono::Duration::seconds(state.tokens.refresh_ttl_seconds),
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(TokenResponse {
        access_token: state
            .tokens
            .issue_access(user_id, t.and_utc().timestamp())?,
        token_type: "Bearer".into(),
        expires_in: state.tokens.access_ttl_seconds,
        refresh_token: refresh,
        refresh_expires_in: state.tokens.refresh_ttl_seconds,
    })
}

fn actor_for(user: &crate::db::models::UserRow, request_id: Option<String>) -> audit::AuditActor {
    audit::AuditActor {
        user_id: Some(user.id.clone()),
        username: Some(user.username.clone()),
        roles: user.roles.clone(),
        request_id,
    }
}

/// Log in with username and password: an access token and a refresh token.
/// Failed logins are limited per username and per client address (429 with Retry-After).
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong username or password (`invalid_credentials`), or a deactivated account"),
        (status = 429, description = "Too many failed attempts (`rate_limited`)", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/token")]
pub async fn issue_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let mut c = Checks::new();
    let username = c.text("username", &body.username, 100);
    if body.password.is_empty() || body.password.len() > 1000 {
        c.fail("password", "1 to 1000 characters", "từ 1 đến 1000 ký tự");
    }
    c.finish()?;
    let address = client_address(&req, state.settings.trust_forwarded_for);
    let request_id = crate::auth::request_id_of(&req);
    let st = state.clone();
    let out = run(&state.pool, move |conn| {
        let s = &st.settings;
        let user_key = format!("user:{}", username.to_lowercase());
        let addr_key = format!("addr:{address}");
        let t = now();
        for key in [&user_key, &addr_key] {
            if let Some(row) = security::find_throttle(conn, key)? {
                if let Some(until) = row.locked_until.filter(|u| *u > t) {
                    return Err(ApiError::new(ErrorCode::RateLimited)
                        .retry_after((until - t).num_seconds().max(1) as u64));
                }
            }
        }
        let user = users::find_by_username(conn, &username)?;
        let ok = match &user {
            Some(u) => password::verify(&body.password, &u.password_hash),
            None => {
                password::verify_dummy(&body.password);
                false
            }
        };
        let Some(user) = user.filter(|_| ok) else {
            conn.transaction(|conn| {
                security::record_login_failure(
                    conn,
                    &user_key,
                    t,
                    s.login_window_seconds,
                    s.login_max_failures_per_user,
                )?;
                security::record_login_failure(
                    conn,
                    &addr_key,
                    t,
                    s.login_window_seconds,
                    s.login_max_failures_per_address,
                )?;
                Ok::<_, ApiError>(())
            })?;
            return Err(ApiError::new(ErrorCode::InvalidCredentials));
        };
        if !user.active {
            return Err(ApiError::new(ErrorCode::AccountInactive));
        }
        conn.transaction(|conn| {
            security::clear_throttle(conn, &user_key)?;
            let pair = issue_pair(&st, conn, &user.id, new_id())?;
            audit::record(
                conn,
                &actor_for(&user, request_id),
                "auth.login",
                "user",
                &user.id,
                &serde_json::json!({}),
            )?;
            Ok::<TokenResponse, ApiError>(pair)
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(out))
}

enum RefreshOutcome {
    Issued(TokenResponse),
    Reused(String),
}

/// Exchange a refresh token for a new pair. A refresh token works once: using it again
/// revokes every token of its login (`refresh_token_reused`).
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new pair; the old refresh token is spent", body = TokenResponse),
        (status = 401, description = "Unknown, expired or revoked (`refresh_token_invalid`), or reused (`refresh_token_reused`)"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = refresh_token_hash(body.refresh_token.trim());
    let request_id = crate::auth::request_id_of(&req);
    let st = state.clone();
    let outcome = transaction(&state.pool, move |conn| {
        let invalid = || ApiError::new(ErrorCode::RefreshTokenInvalid);
        let t = now();
        let row = security::find_refresh_token(conn, &hash)?.ok_or_else(invalid)?;
        if row.revoked_at.is_some() && row.used_at.is_none() {
            return Err(invalid());
        }
        if row.used_at.is_some() || !security::consume_refresh_token(conn, &row.id, t)? {
            return Ok(RefreshOutcome::Reused(row.family_id));
        }
        if row.expires_at <= t {
            return Err(invalid());
        }
        let user = users::find(conn, &row.user_id)?
            .filter(|u| u.active)
            .ok_or_else(|| ApiError::new(ErrorCode::AccountInactive))?;
        let pair = issue_pair(&st, conn, &user.id, row.family_id)?;
        audit::record(
            conn,
            &actor_for(&user, request_id),
            "auth.refresh",
            "user",
            &user.id,
            &serde_json::json!({}),
        )?;
        Ok(RefreshOutcome::Issued(pair))
    })
    .await?;
    match outcome {
        RefreshOutcome::Issued(pair) => Ok(HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .json(pair)),
        RefreshOutcome::Reused(family) => {
            // Committed on its own: the refusal must not roll the revocation back.
            transaction(&state.pool, move |conn| {
                security::revoke_family(conn, &family, now())?;
                audit::record(
                    conn,
                    &audit::AuditActor::default(),
                    "auth.refresh_reused",
                    "token_family",
                    &family,
                    &serde_json::json!({"revoked": true}),
                )?;
                Ok(())
            })
            .await?;
            Err(ApiError::new(ErrorCode::RefreshTokenReused))
        }
    }
}

/// Log out: revokes the refresh token and every token rotated from the same login.
/// Unknown tokens are accepted silently (logging out twice is fine).
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = RefreshRequest,
    responses((status = 204, description = "Logged out"))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = refresh_token_hash(body.refresh_token.trim());
    let request_id = crate::auth::request_id_of(&req);
    transaction(&state.pool, move |conn| {
        if let Some(row) = security::find_refresh_token(conn, &hash)? {
            let n = security::revoke_family(conn, &row.family_id, now())?;
            if n > 0 {
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
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user: name, unit and roles.
#[utoipa::path(tag = "auth", responses((status = 200, description = "The current user", body = Me)))]
#[get("/me")]
pub async fn get_me(
    state: web::Data<AppState>,
    caller: LegacyCaller,
) -> Result<HttpResponse, ApiError> {
    let actor = caller.actor;
    let unit_id = actor.unit_id.clone();
    let unit = run(&state.pool, move |conn| {
        Ok(organisation::find_unit(conn, &unit_id)?)
    })
    .await?
    .ok_or_else(|| ApiError::internal("user's unit missing"))?;
    Ok(HttpResponse::Ok().json(Me {
        id: actor.user_id,
        username: actor.username,
        full_name: actor.full_name,
        unit: UnitRef {
            id: unit.id,
            code: unit.code,
            name: unit.name,
        },
        roles: actor.roles,
    }))
}
