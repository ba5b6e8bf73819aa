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
pub mod exemplary_models;
pub mod files;
pub mod groups;
pub mod json_errors;
pub mod movements;
pub mod nominations;
pub mod ops;
pub mod personal_data;
pub mod plans;
pub mod public;
pub mod public_csv;
pub mod reports;
pub mod rollup;
pub mod rounds;
pub mod submissions;
pub mod unit_awards;
pub mod units;
pub mod users;

use crate::error::{ApiError, ErrorCode};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

pub use crate::app::double_option;

pub use crate::app::page::*;
pub use caller::{exec, exec_anonymous, exec_once, exec_tx, respond, Caller};

pub use crate::app::version::IfMatch;

/// The longest `If-Match` the document allows (`maxLength` of the parameter).
pub const IF_MATCH_MAX_LEN: usize = 24;

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
    // The document bounds the header at 24 characters (`W/"` + 20 digits + `"`): a
    // longer one is no ETag of ours, however many leading zeros it has.
    let tag = Some(tag)
        .filter(|t| t.len() <= IF_MATCH_MAX_LEN)
        .unwrap_or("");
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    tag.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .map(|t| IfMatch::Version(t.parse::<i64>().unwrap_or(i64::MAX)))
        .ok_or_else(|| {
            // An ETag is quoted (RFC 9110 §8.8.3): `If-Match: 7` is no ETag.
            ApiError::new(ErrorCode::InvalidHeader)
                .detail(
                    "The If-Match header is malformed: send the ETag as read, with its quotes, like If-Match: \"7\", or *",
                    "Tiêu đề If-Match không đúng định dạng: hãy gửi ETag như đã đọc, có dấu ngoặc kép, ví dụ If-Match: \"7\", hoặc *",
                )
                .with("header", "If-Match")
        })
}

pub fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// 200 with the body and its ETag.
pub fn ok_versioned<T: Serialize>(body: &T, version: i32) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(version)).json(body)
}

pub use crate::app::audit::{audit_changed, audit_created};

pub use caller::idempotency_key;

/// An optional JSON body: absent (no bytes) or `null` is `None`; present but unreadable is the
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
        // A JSON `null` is no body too (the document's optional bodies admit it).
        let fut = web::Json::<Option<T>>::from_request(req, payload);
        Box::pin(async move { Ok(OptionalJson(fut.await?.into_inner())) })
    }
}

/// The same problem+json for bodies, queries and paths actix cannot read.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, req| {
            use actix_web::error::JsonPayloadError as J;
            let e = match &err {
                J::OverflowKnownLength { .. } | J::Overflow { .. } => {
                    ApiError::new(ErrorCode::PayloadTooLarge)
                }
                J::ContentType => ApiError::new(ErrorCode::UnsupportedMediaType).detail(
                    "Send Content-Type: application/json",
                    "Hãy gửi Content-Type: application/json",
                ),
                J::Deserialize(de) if de.is_data() => {
                    use actix_web::HttpMessage;
                    let body = req
                        .extensions()
                        .get::<crate::input::body::BodyCopy>()
                        .map(|c| c.bytes());
                    json_errors::data_error(de, body.as_deref()).detail(
                        "A field does not fit its type: see errors",
                        "Có trường không đúng kiểu: xem errors",
                    )
                }
                J::Payload(p) => crate::input::body::problem(p).unwrap_or_else(|| malformed(&err)),
                other => malformed(other),
            };
            e.into()
        })
}

fn malformed(err: &actix_web::error::JsonPayloadError) -> ApiError {
    ApiError::new(ErrorCode::MalformedRequest).detail(
        err.to_string(),
        format!("Nội dung không phải JSON hợp lệ ({err})"),
    )
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        let text = err.to_string();
        let message = text
            .strip_prefix("Query deserialize error: ")
            .unwrap_or(&text);
        let (en, vi) = json_errors::humane(message);
        ApiError::new(ErrorCode::InvalidQuery).detail(en, vi).into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| {
        ApiError::new(ErrorCode::InvalidPath)
            .detail(err.to_string(), err.to_string())
            .into()
    })
}
