//! HTTP handlers, one file per resource area, and what they share: running database work
//! off the async threads, list pages and cursors, versions and `If-Match`, idempotent
//! creation, and problem+json for unreadable bodies, queries and paths.

pub mod audit;
pub mod auth;
pub mod award_history;
pub mod caller;
pub mod criteria;
pub mod dashboard;
pub mod deadlines;
pub mod decisions;
pub mod groups;
pub mod movements;
pub mod nominations;
pub mod ops;
pub mod plans;
pub mod public;
pub mod reports;
pub mod review;
pub mod rollup;
pub mod rounds;
pub mod submissions;
pub mod unit_awards;
pub mod units;
pub mod users;

use crate::auth::LegacyCaller;
use crate::db::models::{now, IdempotencyRow};
use crate::db::repo::{audit as audit_repo, idempotency};
use crate::db::{DbConnection, DbPool};
use crate::error::{ApiError, ErrorCode};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Runs database work on the blocking pool with a pooled connection.
pub async fn run<T, F>(pool: &DbPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
}

/// Runs database work in one transaction: a refused request changes nothing.
pub async fn transaction<T, F>(pool: &DbPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| {
        conn.transaction(|conn| {
            crate::db::take_write_lock(conn)?;
            f(conn)
        })
    })
    .await
}

pub use crate::app::double_option;

pub use crate::app::page::*;
pub use caller::{exec, exec_anonymous, exec_once, exec_tx, respond, Caller};

pub use crate::app::version::IfMatch;

/// The `If-Match` precondition: 428 when missing, 400 when it is no ETag of ours.
pub fn if_match(req: &HttpRequest) -> Result<IfMatch, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .filter(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::PreconditionRequired).detail(
                "Send If-Match with the ETag you read",
                "Hãy gửi If-Match với ETag đã đọc",
            )
        })?
        .to_str()
        .unwrap_or("");
    if value.trim() == "*" {
        return Ok(IfMatch::Any);
    }
    let tag = value.trim();
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    tag.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .map(|t| IfMatch::Version(t.parse::<i64>().unwrap_or(i64::MAX)))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::MalformedRequest).detail(
                "If-Match must be an ETag read from this service, like \"3\", or *",
                "If-Match phải là ETag đọc từ hệ thống, ví dụ \"3\", hoặc *",
            )
        })
}

pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// 200 with the body and its ETag.
pub fn ok_versioned<T: Serialize>(body: &T, version: i32) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(version)).json(body)
}

/// The audit actor of a caller (legacy handlers; use cases take `Context::audit_actor`).
pub fn audit_actor(caller: &LegacyCaller) -> audit_repo::AuditActor {
    audit_repo::AuditActor {
        user_id: Some(caller.actor.user_id.clone()),
        username: Some(caller.actor.username.clone()),
        roles: crate::auth::Role::join(&caller.actor.roles),
        request_id: caller.request_id.clone(),
    }
}

pub use crate::app::audit::{audit_changed, audit_created};

/// The first answer of a create (201) or of a workflow step (200), kept for retries with
/// the same `Idempotency-Key`.
pub struct Created {
    pub body: serde_json::Value,
    pub location: String,
    pub version: Option<i32>,
    pub status: StatusCode,
}

impl Created {
    pub fn new<T: Serialize>(
        body: &T,
        location: String,
        version: Option<i32>,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            body: serde_json::to_value(body).map_err(ApiError::internal)?,
            location,
            version,
            status: StatusCode::CREATED,
        })
    }

    /// The answer of a step on an existing resource: 200 with its new version.
    pub fn stepped<T: Serialize>(body: &T, version: i32) -> Result<Self, ApiError> {
        Ok(Self {
            body: serde_json::to_value(body).map_err(ApiError::internal)?,
            location: String::new(),
            version: Some(version),
            status: StatusCode::OK,
        })
    }

    pub fn respond(self, replayed: bool) -> HttpResponse {
        let mut b = HttpResponse::build(self.status);
        if !self.location.is_empty() {
            b.insert_header((header::LOCATION, self.location));
        }
        if let Some(v) = self.version {
            b.insert_header(etag(v));
        }
        if replayed {
            b.insert_header(("Idempotency-Replayed", "true"));
        }
        b.json(self.body)
    }
}

pub use caller::idempotency_key;

/// Runs a create in one transaction, honouring `Idempotency-Key`: a repeat with the same
/// key and the same request returns the first answer; the same key with another request
/// is refused (422 `idempotency_key_reused`).
pub async fn create_idempotent<F>(
    pool: &DbPool,
    req: &HttpRequest,
    caller: &LegacyCaller,
    request_body: &impl Serialize,
    create: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<Created, ApiError> + Send + 'static,
{
    let key = idempotency_key(req)?;
    let user_id = caller.actor.user_id.clone();
    let mut hasher = Sha256::new();
    hasher.update(req.method().as_str());
    hasher.update(req.path());
    hasher.update(serde_json::to_vec(request_body).map_err(ApiError::internal)?);
    let fingerprint = hex::encode(hasher.finalize());
    let (created, replayed) = transaction(pool, move |conn| {
        if let Some(key) = &key {
            // Claim the key first: a concurrent request with the same key (another
            // instance) waits on it until this one ends, then replays its answer instead
            // of running the request a second time.
            let claimed = idempotency::claim(
                conn,
                &IdempotencyRow {
                    user_id: user_id.clone(),
                    idempotency_key: key.clone(),
                    request_fingerprint: fingerprint.clone(),
                    response_status: 0,
                    response_body: String::new(),
                    response_location: None,
                    created_at: now(),
                },
            )?;
            if !claimed {
                let stored = idempotency::find(conn, &user_id, key)?
                    .ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
                if stored.request_fingerprint != fingerprint {
                    return Err(ApiError::new(ErrorCode::IdempotencyKeyReused));
                }
                let body =
                    serde_json::from_str(&stored.response_body).map_err(ApiError::internal)?;
                let version = body_version(&body);
                return Ok((
                    Created {
                        body,
                        location: stored.response_location.unwrap_or_default(),
                        version,
                        status: StatusCode::from_u16(stored.response_status as u16)
                            .unwrap_or(StatusCode::CREATED),
                    },
                    true,
                ));
            }
        }
        let created = create(conn)?;
        if let Some(key) = key {
            idempotency::complete(
                conn,
                &user_id,
                &key,
                i32::from(created.status.as_u16()),
                &created.body.to_string(),
                Some(&created.location),
            )?;
        }
        Ok((created, false))
    })
    .await?;
    Ok(created.respond(replayed))
}

fn body_version(body: &serde_json::Value) -> Option<i32> {
    body.get("version")
        .and_then(|v| v.as_i64())
        .and_then(|v| i32::try_from(v).ok())
}

/// An optional JSON body: absent (no bytes) is `None`; present but unreadable is the
/// same 400/415/422 as a required body (actix's `Option<Json<T>>` would drop the error
/// and run the step without it).
pub struct OptionalJson<T>(pub Option<T>);

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for OptionalJson<T> {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let headers = req.headers();
        let empty = match headers.get(header::CONTENT_LENGTH) {
            Some(len) => len.to_str().ok().and_then(|l| l.trim().parse::<u64>().ok()) == Some(0),
            None => !headers.contains_key(header::TRANSFER_ENCODING),
        };
        if empty {
            return Box::pin(async { Ok(OptionalJson(None)) });
        }
        let fut = web::Json::<T>::from_request(req, payload);
        Box::pin(async move { Ok(OptionalJson(Some(fut.await?.into_inner()))) })
    }
}

/// The same problem+json for bodies, queries and paths actix cannot read.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req| {
            use actix_web::error::JsonPayloadError as J;
            let e = match &err {
                J::OverflowKnownLength { .. } | J::Overflow { .. } => {
                    ApiError::new(ErrorCode::PayloadTooLarge)
                }
                J::ContentType => ApiError::new(ErrorCode::UnsupportedMediaType).detail(
                    "Send Content-Type: application/json",
                    "Hãy gửi Content-Type: application/json",
                ),
                J::Deserialize(de) if de.is_data() => ApiError::validation().detail(
                    de.to_string(),
                    format!("Dữ liệu không đúng kiểu hoặc có trường lạ ({de})"),
                ),
                other => ApiError::new(ErrorCode::MalformedRequest).detail(
                    other.to_string(),
                    format!("Nội dung không phải JSON hợp lệ ({other})"),
                ),
            };
            e.into()
        })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        ApiError::new(ErrorCode::InvalidQuery)
            .detail(err.to_string(), err.to_string())
            .into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| {
        ApiError::new(ErrorCode::InvalidPath)
            .detail(err.to_string(), err.to_string())
            .into()
    })
}
