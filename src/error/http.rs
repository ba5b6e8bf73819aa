//! The error as an HTTP answer: problem+json (RFC 9457). Its schema in the contract is
//! built in `crate::openapi::problems`.

use super::{ApiError, ErrorCode, Instance, Lang};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

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

impl ApiError {
    /// The response in one language (no logging: `error_response` logs once).
    pub fn render(&self, lang: Lang) -> HttpResponse {
        self.render_at(lang, None)
    }

    /// The response in one language, naming the request it answers.
    pub fn render_at(&self, lang: Lang, at: Option<&Instance>) -> HttpResponse {
        let mut builder = HttpResponse::build(self.code.status());
        builder.content_type("application/problem+json");
        if let Some(secs) = self.details.retry_after_seconds {
            builder.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if self.code.status() == StatusCode::UNAUTHORIZED {
            builder.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"thidua\""));
        }
        let mut response = builder.body(self.problem_at(lang, at).to_string());
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
