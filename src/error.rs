//! Every error the API can answer, typed once and mapped to RFC 9457 problem+json here.
//! The English text is the default; `Accept-Language: vi` gets the Vietnamese one
//! (the `localize` middleware re-renders the problem kept in the response extensions).

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The stable, machine-readable error codes. Clients switch on these, so a code never
/// changes meaning; new ones may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    MalformedRequest,
    InvalidQuery,
    InvalidPath,
    Unauthenticated,
    InvalidToken,
    InvalidCredentials,
    AccountInactive,
    RefreshTokenInvalid,
    RefreshTokenReused,
    Forbidden,
    NotFound,
    RouteNotFound,
    MethodNotAllowed,
    Conflict,
    AlreadyExists,
    InUse,
    IdempotencyKeyReused,
    InvalidState,
    PlanExists,
    ReportExists,
    NoAcceptedPlan,
    TargetsMissing,
    ResultsIncomplete,
    RoundClosed,
    DuplicateNomination,
    DuplicateAward,
    DossierIncomplete,
    QuotaExceeded,
    NomineeFlagged,
    CommentWindowOpen,
    StaleVersion,
    PreconditionRequired,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotAcceptable,
    ValidationFailed,
    RateLimited,
    DatabaseUnavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MalformedRequest => "malformed_request",
            Self::InvalidQuery => "invalid_query",
            Self::InvalidPath => "invalid_path",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidToken => "invalid_token",
            Self::InvalidCredentials => "invalid_credentials",
            Self::AccountInactive => "account_inactive",
            Self::RefreshTokenInvalid => "refresh_token_invalid",
            Self::RefreshTokenReused => "refresh_token_reused",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::RouteNotFound => "route_not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict => "conflict",
            Self::AlreadyExists => "already_exists",
            Self::InUse => "in_use",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::InvalidState => "invalid_state",
            Self::PlanExists => "plan_exists",
            Self::ReportExists => "report_exists",
            Self::NoAcceptedPlan => "no_accepted_plan",
            Self::TargetsMissing => "targets_missing",
            Self::ResultsIncomplete => "results_incomplete",
            Self::RoundClosed => "round_closed",
            Self::DuplicateNomination => "duplicate_nomination",
            Self::DuplicateAward => "duplicate_award",
            Self::DossierIncomplete => "dossier_incomplete",
            Self::QuotaExceeded => "quota_exceeded",
            Self::NomineeFlagged => "nominee_flagged",
            Self::CommentWindowOpen => "comment_window_open",
            Self::StaleVersion => "stale_version",
            Self::PreconditionRequired => "precondition_required",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::NotAcceptable => "not_acceptable",
            Self::ValidationFailed => "validation_failed",
            Self::RateLimited => "rate_limited",
            Self::DatabaseUnavailable => "database_unavailable",
            Self::Internal => "internal_error",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Self::MalformedRequest | Self::InvalidQuery | Self::InvalidPath => {
                StatusCode::BAD_REQUEST
            }
            Self::Unauthenticated
            | Self::InvalidToken
            | Self::InvalidCredentials
            | Self::AccountInactive
            | Self::RefreshTokenInvalid
            | Self::RefreshTokenReused => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound | Self::RouteNotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::Conflict
            | Self::AlreadyExists
            | Self::InUse
            | Self::InvalidState
            | Self::PlanExists
            | Self::ReportExists
            | Self::NoAcceptedPlan
            | Self::RoundClosed
            | Self::DuplicateNomination
            | Self::DuplicateAward
            | Self::QuotaExceeded
            | Self::NomineeFlagged
            | Self::CommentWindowOpen => StatusCode::CONFLICT,
            Self::TargetsMissing | Self::ResultsIncomplete | Self::DossierIncomplete => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::StaleVersion => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::DatabaseUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// (English, Vietnamese) title.
    pub fn titles(self) -> (&'static str, &'static str) {
        match self {
            Self::MalformedRequest => (
                "The request body could not be read",
                "Không đọc được nội dung yêu cầu",
            ),
            Self::InvalidQuery => (
                "The query string is invalid",
                "Tham số truy vấn không hợp lệ",
            ),
            Self::InvalidPath => ("The path is invalid", "Đường dẫn không hợp lệ"),
            Self::Unauthenticated => ("Authentication is required", "Cần đăng nhập"),
            Self::InvalidToken => (
                "The access token is invalid or expired",
                "Mã truy cập không hợp lệ hoặc đã hết hạn",
            ),
            Self::InvalidCredentials => (
                "Wrong username or password",
                "Sai tên đăng nhập hoặc mật khẩu",
            ),
            Self::AccountInactive => ("The account is deactivated", "Tài khoản đã bị vô hiệu hóa"),
            Self::RefreshTokenInvalid => (
                "The refresh token is invalid or expired",
                "Mã làm mới không hợp lệ hoặc đã hết hạn",
            ),
            Self::RefreshTokenReused => (
                "The refresh token was already used; the session is revoked",
                "Mã làm mới đã được dùng; phiên đăng nhập đã bị thu hồi",
            ),
            Self::Forbidden => (
                "You are not allowed to do this",
                "Bạn không có quyền thực hiện thao tác này",
            ),
            Self::NotFound => ("Not found", "Không tìm thấy"),
            Self::RouteNotFound => ("No such endpoint", "Không có địa chỉ này"),
            Self::MethodNotAllowed => ("Method not allowed", "Phương thức không được hỗ trợ"),
            Self::Conflict => (
                "The request conflicts with the current state",
                "Yêu cầu mâu thuẫn với trạng thái hiện tại",
            ),
            Self::AlreadyExists => (
                "A record with this key already exists",
                "Bản ghi với mã này đã tồn tại",
            ),
            Self::InUse => (
                "The record is still referenced",
                "Bản ghi đang được sử dụng",
            ),
            Self::IdempotencyKeyReused => (
                "The Idempotency-Key was used for a different request",
                "Idempotency-Key đã được dùng cho một yêu cầu khác",
            ),
            Self::InvalidState => (
                "This step is not possible in the record's current state",
                "Không thể thực hiện bước này ở trạng thái hiện tại của hồ sơ",
            ),
            Self::PlanExists => (
                "The unit already has this plan",
                "Đơn vị đã có kế hoạch này",
            ),
            Self::ReportExists => (
                "The unit already has this report",
                "Đơn vị đã có báo cáo này",
            ),
            Self::NoAcceptedPlan => (
                "The unit has no accepted plan to report on",
                "Đơn vị chưa có kế hoạch được chấp nhận để báo cáo",
            ),
            Self::TargetsMissing => (
                "A plan needs at least one target",
                "Kế hoạch cần có ít nhất một chỉ tiêu",
            ),
            Self::ResultsIncomplete => (
                "Every target needs a result before submitting",
                "Cần nhập kết quả cho mọi chỉ tiêu trước khi gửi",
            ),
            Self::RoundClosed => (
                "The round's nomination window is not open",
                "Đợt khen thưởng không trong thời gian nhận hồ sơ",
            ),
            Self::DuplicateNomination => (
                "This nominee is already nominated in the round",
                "Đối tượng này đã được đề nghị khen thưởng trong đợt",
            ),
            Self::DuplicateAward => (
                "The unit already awarded this recipient for the movement in that year",
                "Đơn vị đã khen thưởng đối tượng này trong phong trào và năm đó",
            ),
            Self::DossierIncomplete => (
                "The dossier lacks required documents",
                "Hồ sơ còn thiếu tài liệu bắt buộc",
            ),
            Self::QuotaExceeded => (
                "The decision would exceed the round's quota",
                "Quyết định vượt số lượng khen thưởng của đợt",
            ),
            Self::NomineeFlagged => (
                "A nominee under discipline, investigation or complaint cannot be awarded",
                "Không khen thưởng đối tượng đang bị kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết",
            ),
            Self::CommentWindowOpen => (
                "The public comment window has not ended",
                "Chưa hết thời gian lấy ý kiến công khai",
            ),
            Self::StaleVersion => (
                "The record was changed by someone else",
                "Bản ghi đã được người khác thay đổi",
            ),
            Self::PreconditionRequired => ("If-Match is required", "Cần gửi tiêu đề If-Match"),
            Self::PayloadTooLarge => ("The request body is too large", "Nội dung yêu cầu quá lớn"),
            Self::UnsupportedMediaType => {
                ("Unsupported media type", "Kiểu nội dung không được hỗ trợ")
            }
            Self::NotAcceptable => ("No acceptable representation", "Không có định dạng phù hợp"),
            Self::ValidationFailed => ("The request is not valid", "Dữ liệu không hợp lệ"),
            Self::RateLimited => (
                "Too many attempts; try again later",
                "Quá nhiều lần thử; vui lòng thử lại sau",
            ),
            Self::DatabaseUnavailable => (
                "The database is unavailable",
                "Cơ sở dữ liệu tạm thời không truy cập được",
            ),
            Self::Internal => ("Internal error", "Lỗi hệ thống"),
        }
    }
}

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
    pub fn stale() -> Self {
        Self::new(ErrorCode::StaleVersion)
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.details.retry_after_seconds = Some(seconds);
        self
    }

    /// The problem document in one language.
    pub fn problem(&self, lang: Lang) -> Value {
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

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::internal(e)
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

pub type ApiResult<T> = Result<T, ApiError>;
