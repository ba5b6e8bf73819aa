//! The caller of a request and the runners every handler calls a use case through.
//!
//! [`Caller`] verifies the bearer token and nothing more; the user it names is read by
//! the runner on the same pooled connection as the use case (one checkout per request).
//! [`exec`] reads, [`exec_tx`] writes in one transaction, [`exec_once`] writes in one
//! transaction honouring `Idempotency-Key`.

use crate::app::idempotency::{self, Answer, Key};
use crate::app::{self, Context};
use crate::auth::tokens::{Subject, Verified};
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::future::{ready, Ready};

/// A request with a valid access token: whom it names, its session and the request id.
#[derive(Debug, Clone)]
pub struct Caller {
    pub subject: Subject,
    pub session: Option<String>,
    pub request_id: Option<String>,
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready((|| {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal("application state missing"))?;
            let Verified { subject, session } = state.tokens.verify(&bearer_token(req)?)?;
            // A signed token earns a rate budget of its own (the limiter keeps it).
            req.extensions_mut()
                .insert(crate::middleware::rate_limit::TokenVerified);
            Ok(Caller {
                subject,
                session,
                request_id: request_id_of(req),
            })
        })())
    }
}

/// Runs a use case as the caller, on one pooled connection, off the async threads.
pub async fn exec<T, F>(state: &web::Data<AppState>, caller: Caller, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection, &Context) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = state.pool.clone();
    let now = state.clock.now();
    let time_zone = state.settings.time_zone;
    let span = tracing::Span::current();
    web::block(move || {
        let mut conn = pool.get()?;
        let token = Verified {
            subject: caller.subject,
            session: caller.session,
        };
        let ctx = app::identity::context(&mut conn, &token, now, time_zone, caller.request_id)?;
        span.record("user", ctx.actor.username.as_str());
        f(&mut conn, &ctx)
    })
    .await?
}

/// Runs a use case that acts for no signed-in caller (login, refresh, public data,
/// readiness) on one pooled connection, off the async threads.
pub async fn exec_anonymous<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
}

/// Runs a use case that writes, in one transaction: a refused request changes nothing.
pub async fn exec_tx<T, F>(state: &web::Data<AppState>, caller: Caller, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection, &Context) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    exec(state, caller, move |conn, ctx| {
        app::in_transaction(conn, |conn| f(conn, ctx))
    })
    .await
}

/// The `Idempotency-Key` header, if any (1…200 visible ASCII characters).
pub fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(v) = req.headers().get("Idempotency-Key") else {
        return Ok(None);
    };
    let s = v.to_str().unwrap_or("").trim().to_string();
    if s.is_empty() || s.len() > 200 || !s.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::invalid(
            "Idempotency-Key",
            "1 to 200 visible ASCII characters",
            "từ 1 đến 200 ký tự ASCII hiển thị",
        ));
    }
    Ok(Some(s))
}

/// The key of a retryable request: the header, with a fingerprint of the method, the
/// path and the input, so the same key with another request is refused.
fn retry_key(req: &HttpRequest, input: &impl Serialize) -> Result<Option<Key>, ApiError> {
    let Some(key) = idempotency_key(req)? else {
        return Ok(None);
    };
    let mut hasher = Sha256::new();
    hasher.update(req.method().as_str());
    hasher.update(crate::middleware::routed_path(req));
    hasher.update(serde_json::to_vec(input).map_err(ApiError::internal)?);
    Ok(Some(Key {
        key,
        fingerprint: hex::encode(hasher.finalize()),
    }))
}

/// Runs a create or a step in one transaction, honouring `Idempotency-Key`: a repeat
/// with the same key and request gets the first answer (`Idempotency-Replayed: true`).
/// `input` is what the request asked (its body and, for steps, the step).
pub async fn exec_once<F>(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    caller: Caller,
    input: &impl Serialize,
    f: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConnection, &Context) -> Result<Answer, ApiError> + Send + 'static,
{
    let key = retry_key(req, input)?;
    let (answer, replayed) = exec_tx(state, caller, move |conn, ctx| {
        idempotency::once(conn, &ctx.actor.user_id, key.as_ref(), |conn| f(conn, ctx))
    })
    .await?;
    Ok(respond(answer, replayed))
}

/// The HTTP answer of a create or a step.
pub fn respond(answer: Answer, replayed: bool) -> HttpResponse {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut b = HttpResponse::build(status);
    if !answer.location.is_empty() {
        b.insert_header((header::LOCATION, answer.location));
    }
    if let Some(v) = answer.version {
        b.insert_header(super::etag(v));
    }
    if replayed {
        b.insert_header(("Idempotency-Replayed", "true"));
    }
    b.json(answer.body)
}

pub fn request_id_of(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
}

pub fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    bearer_of(req.headers().get(actix_web::http::header::AUTHORIZATION))
}

/// The token of an `Authorization: Bearer …` value: 401 `unauthenticated` without one.
pub fn bearer_of(value: Option<&header::HeaderValue>) -> Result<String, ApiError> {
    let value = value.ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let text = value
        .to_str()
        .map_err(|_| ApiError::new(ErrorCode::InvalidToken))?;
    let (scheme, token) = text
        .split_once(' ')
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidToken))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidToken));
    }
    Ok(token.trim().to_string())
}

/// Whether a path's operations need a signed-in caller: everything under `/api/v1`
/// except public data and the session endpoints (the OpenAPI document marks the same
/// ones `security: []`).
pub fn needs_caller(path: &str) -> bool {
    path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/public/")
        && !matches!(
            path.trim_end_matches('/'),
            "/api/v1/auth/token" | "/api/v1/auth/refresh" | "/api/v1/auth/logout"
        )
}

/// Authentication of a request whose input was refused before its handler ran
/// (authentication before validation): the token, its user and its session, checked on
/// a pooled connection off the async threads. Ok when the caller is signed in.
pub async fn authenticate(
    state: &web::Data<AppState>,
    authorization: Option<&header::HeaderValue>,
) -> Result<(), ApiError> {
    let token = state.tokens.verify(&bearer_of(authorization)?)?;
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        app::identity::signed_in(&mut conn, &token).map(|_| ())
    })
    .await?
}
