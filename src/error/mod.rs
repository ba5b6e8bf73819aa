//! Every error the API can answer, typed once and mapped to RFC 9457 problem+json here.
//! The English text is the default; `Accept-Language: vi` gets the Vietnamese one
//! (the `localize` middleware re-renders the problem kept in the response extensions).

mod code;
mod http;

pub use code::ErrorCode;
pub use http::LocalizableProblem;

use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Vi,
}

impl Lang {
    /// The first language of `Accept-Language` that we speak; English otherwise.
    pub fn from_accept_language(value: Option<&str>) -> Self {
        let Some(value) = value else { return Self::En };
        for part in value.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag == "vi" || tag.starts_with("vi-") {
                return Self::Vi;
            }
            if tag == "en" || tag.starts_with("en-") {
                return Self::En;
            }
        }
        Self::En
    }
}

/// A text in both languages.
#[derive(Debug, Clone)]
pub struct Text {
    pub en: String,
    pub vi: String,
}

impl Text {
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            vi: vi.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

/// Where a problem happened: the request's path and id.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    pub path: String,
    pub request_id: Option<String>,
}

/// An error answer. The details sit behind a box: `Result<T, ApiError>` stays small.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{code:?}: {}", details.detail.as_ref().map(|d| d.en.as_str()).unwrap_or(""))]
pub struct ApiError {
    pub code: ErrorCode,
    pub details: Box<Details>,
}

#[derive(Debug, Clone, Default)]
pub struct Details {
    pub detail: Option<Text>,
    /// field → messages (validation)
    pub errors: BTreeMap<String, Vec<Text>>,
    /// extra members of the problem (e.g. `current_state`, `quota`)
    pub extra: Map<String, Value>,
    pub retry_after_seconds: Option<u64>,
    /// Internal cause, logged for 500s, never sent.
    pub internal: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            details: Box::default(),
        }
    }

    pub fn detail(mut self, en: impl Into<String>, vi: impl Into<String>) -> Self {
        self.details.detail = Some(Text::new(en, vi));
        self
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.extra.insert(key.to_string(), value.into());
        self
    }

    pub fn field(mut self, field: &str, en: impl Into<String>, vi: impl Into<String>) -> Self {
        self.details
            .errors
            .entry(field.to_string())
            .or_default()
            .push(Text::new(en, vi));
        self
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }
    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }
    pub fn validation() -> Self {
        Self::new(ErrorCode::ValidationFailed)
    }
    /// A single-field validation error.
    pub fn invalid(field: &str, en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self::validation().field(field, en, vi)
    }
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(ErrorCode::Internal);
        e.details.internal = Some(cause.to_string());
        e
    }
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        let mut e = Self::new(ErrorCode::DatabaseUnavailable);
        e.details.internal = Some(cause.to_string());
        e.details.retry_after_seconds = Some(5);
        e
    }
    /// 412 `stale_version`, with the version and ETag now current: a client can decide
    /// to re-read or to retry against them without another request (issue 11 item 11).
    pub fn stale(current_version: i32) -> Self {
        Self::new(ErrorCode::StaleVersion)
            .detail(
                format!("The record is now at version {current_version} (ETag \"{current_version}\"); read it again, then retry with If-Match: \"{current_version}\""),
                format!("Bản ghi hiện ở phiên bản {current_version} (ETag \"{current_version}\"); hãy đọc lại rồi gửi lại với If-Match: \"{current_version}\""),
            )
            .with("current_version", current_version)
            .with("current_etag", format!("\"{current_version}\""))
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.details.retry_after_seconds = Some(seconds);
        self
    }

    /// The problem document in one language.
    pub fn problem(&self, lang: Lang) -> Value {
        self.problem_at(lang, None)
    }

    /// The problem document, with `instance` (the request path, RFC 9457) and
    /// `request_id` (the `X-Request-Id` value) when the request is known.
    pub fn problem_at(&self, lang: Lang, at: Option<&Instance>) -> Value {
        let (en, vi) = self.code.titles();
        let title = match lang {
            Lang::En => en,
            Lang::Vi => vi,
        };
        let status = self.code.status();
        let mut body = Map::new();
        body.insert(
            "type".into(),
            Value::String(format!(
                "https://thidua.dongthap.gov.vn/problems/{}",
                self.code.as_str()
            )),
        );
        body.insert("title".into(), Value::String(title.into()));
        body.insert("status".into(), Value::from(status.as_u16()));
        let detail = self
            .details
            .detail
            .as_ref()
            .map(|d| d.get(lang).to_string())
            .unwrap_or_else(|| title.to_string());
        body.insert("detail".into(), Value::String(detail));
        body.insert("code".into(), Value::String(self.code.as_str().into()));
        if let Some(at) = at {
            body.insert("instance".into(), Value::String(at.path.clone()));
            if let Some(id) = &at.request_id {
                body.insert("request_id".into(), Value::String(id.clone()));
            }
        }
        if !self.details.errors.is_empty() {
            let errors: Map<String, Value> = self
                .details
                .errors
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        Value::Array(
                            v.iter()
                                .map(|t| Value::String(t.get(lang).into()))
                                .collect(),
                        ),
                    )
                })
                .collect();
            body.insert("errors".into(), Value::Object(errors));
        }
        for (k, v) in &self.details.extra {
            body.insert(k.clone(), v.clone());
        }
        Value::Object(body)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match e {
            E::NotFound => Self::not_found(),
            E::DatabaseError(K::UniqueViolation, info) => Self::new(ErrorCode::AlreadyExists)
                .detail(info.message().to_string(), "Bản ghi với mã này đã tồn tại")
                .with_internal_detail_hidden(),
            E::DatabaseError(K::ForeignKeyViolation, _) => Self::new(ErrorCode::InUse),
            E::DatabaseError(K::ClosedConnection, info) => Self::unavailable(info.message()),
            E::DatabaseError(K::SerializationFailure, _) => Self::new(ErrorCode::Conflict).detail(
                "Concurrent change; retry the request",
                "Có thay đổi đồng thời; vui lòng thử lại",
            ),
            other => {
                let text = other.to_string();
                // SQLite says "database is locked" after the busy timeout.
                if text.contains("database is locked") {
                    Self::unavailable(text)
                } else {
                    Self::internal(text)
                }
            }
        }
    }
}

impl ApiError {
    /// Database messages can name tables and columns: keep them out of the answer.
    fn with_internal_detail_hidden(mut self) -> Self {
        if let Some(d) = self.details.detail.take() {
            self.details.internal = Some(d.en);
        }
        self
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(e: r2d2::Error) -> Self {
        Self::unavailable(e)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
