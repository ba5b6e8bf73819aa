//! Login, token refresh (rotating, reuse-detecting), logout, and the current user.

use super::{exec, exec_anonymous, Caller};
use crate::api::caller::request_id_of;
use crate::app::in_transaction;
use crate::app::sessions::{self as uc, LoginLimits, Refreshed};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

pub use uc::{LoginRequest, Me, RefreshRequest, TokenResponse, UnitRef};

/// The client's address: the peer's, or behind `hops` trusted proxies the right-most
/// `X-Forwarded-For` entry that they did not add (entries left of it are the client's
/// own writing).
pub fn client_address(req: &HttpRequest, hops: usize) -> String {
    let peer = req.peer_addr().map(|a| address_key(a.ip()));
    let forwarded = (hops > 0)
        .then(|| {
            let entries: Vec<&str> = req
                .headers()
                .get_all("x-forwarded-for")
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .collect();
            // Fewer entries than proxies: the nearest proxies added them all.
            entries.get(entries.len().saturating_sub(hops)).copied()
        })
        .flatten()
        .and_then(address_only);
    forwarded.or(peer).unwrap_or_else(|| "unknown".into())
}

/// An entry's address without its port (`1.2.3.4:5`, `[::1]:5`); None when it is not
/// an address (then the peer's is used: made-up text must not mint fresh keys).
fn address_only(entry: &str) -> Option<String> {
    use std::net::{IpAddr, SocketAddr};
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|sa| sa.ip()))
        .ok()
        .map(address_key)
}

/// The throttle's key of an address: IPv4 as is, IPv6 by its /64 (one subscriber
/// holds a whole /64, so single addresses would give an attacker 2^64 fresh keys).
fn address_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Log in with username and password
///
/// Answers an access token (a short-lived JWT to send as `Authorization: Bearer …`) and a
/// refresh token for `POST /auth/refresh`. Attempts are limited per (username, address) pair,
/// per address and, with a growing delay, per username: 429 with `Retry-After`. Password checks
/// run a bounded number at once: 503 `login_busy` with `Retry-After` past a short wait.
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "auth",
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong username or password (`invalid_credentials`), or a deactivated account (`account_inactive`)"),
        (status = 429, description = "Too many failed attempts (`rate_limited`)", headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "Too many logins at once (`login_busy`), or the database is unavailable (`database_unavailable`)", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/token")]
pub async fn issue_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let username = uc::check_login(&body)?;
    let address = client_address(&req, state.settings.trusted_proxy_hops);
    let request_id = request_id_of(&req);
    let limits = LoginLimits::of(&state.settings);
    let attempt = exec_anonymous(&state, move |conn| {
        uc::begin_login(conn, &limits, &username, &address)
    })
    .await?;
    // The password is verified with no pooled connection held, a bounded number at once;
    // a login refused for want of a slot gives back what it counted.
    let slot = match state.logins.enter().await {
        Ok(slot) => slot,
        Err(busy) => {
            exec_anonymous(&state, move |conn| uc::abandon_login(conn, &attempt)).await?;
            return Err(busy);
        }
    };
    let (attempt, verified) = web::block(move || {
        let verified = attempt.verify(&body.password);
        drop(slot);
        (attempt, verified)
    })
    .await?;
    let tokens = state.tokens.clone();
    let pair = exec_anonymous(&state, move |conn| {
        uc::finish_login(conn, &tokens, attempt, verified, request_id)
    })
    .await?;
    Ok(no_store(&pair))
}

/// Tokens are never cached.
fn no_store(pair: &TokenResponse) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(pair)
}

/// Exchange a refresh token for a new token pair
///
/// A refresh token works once: using it again revokes every token of its login
/// (`refresh_token_reused`), so keep only the newest pair.
///
/// Who may call: anyone holding a refresh token (no access token needed).
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
    let request_id = request_id_of(&req);
    let tokens = state.tokens.clone();
    let outcome = exec_anonymous(&state, move |conn| {
        in_transaction(conn, |conn| {
            uc::refresh(conn, &tokens, &body.refresh_token, request_id)
        })
    })
    .await?;
    match outcome {
        Refreshed::Issued(pair) => Ok(no_store(&pair)),
        Refreshed::Reused { family } => {
            let never =
                exec_anonymous(&state, move |conn| uc::revoke_reused(conn, &family)).await?;
            match never {}
        }
    }
}

/// Log out: revoke the refresh token and its login
///
/// Revokes the refresh token and every token rotated from the same login. Unknown tokens are
/// accepted silently, so logging out twice is fine.
///
/// Who may call: anyone holding a refresh token.
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
    let request_id = request_id_of(&req);
    exec_anonymous(&state, move |conn| {
        in_transaction(conn, |conn| {
            uc::logout(conn, &body.refresh_token, request_id)
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Read the signed-in user
///
/// The caller's account: name, unit and roles; what a client needs to decide which actions to
/// offer.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "auth", responses((status = 200, description = "The current user", body = Me)))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let me = exec(&state, caller, uc::me).await?;
    Ok(HttpResponse::Ok().json(me))
}
