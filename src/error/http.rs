//! The error as an HTTP answer: problem+json (RFC 9457), and the problem document's
//! schema in the contract.

use super::{ApiError, ErrorCode, Lang};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Kept in the response so the `localize` middleware can re-render it in Vietnamese.
#[derive(Clone)]
pub struct LocalizableProblem(pub ApiError);

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }
    fn error_response(&self) -> HttpResponse {
        if matches!(
            self.code,
            ErrorCode::Internal | ErrorCode::DatabaseUnavailable
        ) {
            // Logged once, inside the request's span (it carries the request id).
            tracing::error!(
                code = self.code.as_str(),
                cause = self.details.internal.as_deref().unwrap_or(""),
                "request failed"
            );
        }
        self.render(Lang::En)
    }
}

/// The problem document, as the OpenAPI document shows it.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "type": "https://thidua.dongthap.gov.vn/problems/validation_failed",
    "title": "Dữ liệu không hợp lệ",
    "status": 422,
    "detail": "Dữ liệu không hợp lệ",
    "code": "validation_failed",
    "errors": {"name": ["Tên không được để trống"]}
}))]
pub struct Problem {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`, `stale_version`.
    pub code: String,
    /// Field → messages, on validation failures.
    #[schema(nullable = false)]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

impl ApiError {
    /// The response in one language (no logging: `error_response` logs once).
    pub fn render(&self, lang: Lang) -> HttpResponse {
        let mut builder = HttpResponse::build(self.code.status());
        builder.content_type("application/problem+json");
        if let Some(secs) = self.details.retry_after_seconds {
            builder.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if self.code.status() == StatusCode::UNAUTHORIZED {
            builder.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"thidua\""));
        }
        let mut response = builder.body(self.problem(lang).to_string());
        response
            .extensions_mut()
            .insert(LocalizableProblem(self.clone()));
        response
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::internal(e)
    }
}
