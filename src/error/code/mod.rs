//! The stable, machine-readable error codes, their HTTP status and their titles.

use actix_web::http::StatusCode;

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
    // Issue 9 item 16 (personal data): a dossier file whose content was erased.
    PersonalDataErased,
    // Issue 9 item 9: a file that starts as a PDF, DOCX, JPEG or PNG but is not one.
    InvalidFile,
    // Issue 9 items 2 and 4 (logins and sessions).
    SessionRevoked,
    LoginBusy,
    // Issue 9 items 6 and 11 (hostile input, edge answers).
    ControlCharacter,
    UriTooLong,
    RequestTimeout,
    // Issue 11 item 11: a header we read (If-Match) is not in its form.
    InvalidHeader,
    // Issue 12 item 6: a parent unit that would make a unit its own ancestor.
    UnitCycle,
}

impl ErrorCode {
    /// Every code, in declaration order: the contract's `Problem.code` enum is built from
    /// it (the test below fails when a variant is left out).
    pub const ALL: &'static [ErrorCode] = &[
        Self::MalformedRequest,
        Self::InvalidQuery,
        Self::InvalidPath,
        Self::Unauthenticated,
        Self::InvalidToken,
        Self::InvalidCredentials,
        Self::AccountInactive,
        Self::RefreshTokenInvalid,
        Self::RefreshTokenReused,
        Self::Forbidden,
        Self::NotFound,
        Self::RouteNotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::AlreadyExists,
        Self::InUse,
        Self::IdempotencyKeyReused,
        Self::InvalidState,
        Self::PlanExists,
        Self::ReportExists,
        Self::NoAcceptedPlan,
        Self::TargetsMissing,
        Self::ResultsIncomplete,
        Self::RoundClosed,
        Self::DuplicateNomination,
        Self::DuplicateAward,
        Self::DossierIncomplete,
        Self::QuotaExceeded,
        Self::NomineeFlagged,
        Self::CommentWindowOpen,
        Self::StaleVersion,
        Self::PreconditionRequired,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::NotAcceptable,
        Self::ValidationFailed,
        Self::RateLimited,
        Self::DatabaseUnavailable,
        Self::Internal,
        Self::PersonalDataErased,
        Self::InvalidFile,
        Self::SessionRevoked,
        Self::LoginBusy,
        Self::ControlCharacter,
        Self::UriTooLong,
        Self::RequestTimeout,
        Self::InvalidHeader,
        Self::UnitCycle,
    ];

    /// The code named `s`, if there is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }

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
            Self::PersonalDataErased => "personal_data_erased",
            // Issue 9 item 9.
            Self::InvalidFile => "invalid_file",
            Self::SessionRevoked => "session_revoked",
            Self::LoginBusy => "login_busy",
            // Issue 9 items 6 and 11.
            Self::ControlCharacter => "control_character",
            Self::UriTooLong => "uri_too_long",
            Self::RequestTimeout => "request_timeout",
            Self::InvalidHeader => "invalid_header",
            Self::UnitCycle => "unit_cycle",
        }
    }

    /// A refusal for the record's state (a conflict, 409), as the app may ask without
    /// knowing HTTP: a batch names which of its records it was.
    pub fn is_conflict(self) -> bool {
        self.status() == StatusCode::CONFLICT
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
            Self::PersonalDataErased => StatusCode::GONE,
            // Issue 9 item 9.
            Self::InvalidFile => StatusCode::UNPROCESSABLE_ENTITY,
            Self::SessionRevoked => StatusCode::UNAUTHORIZED,
            Self::LoginBusy => StatusCode::SERVICE_UNAVAILABLE,
            // Issue 9 items 6 and 11.
            // 422, not 400: the request is well-formed (schema-valid strings), its
            // content is refused.
            Self::ControlCharacter => StatusCode::UNPROCESSABLE_ENTITY,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::InvalidHeader => StatusCode::BAD_REQUEST,
            Self::UnitCycle => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

mod titles;

#[cfg(test)]
mod tests;
