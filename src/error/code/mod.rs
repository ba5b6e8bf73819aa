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
            Self::PersonalDataErased => (
                "The file's content was erased when the nominee's personal data was anonymised",
                "Nội dung tệp đã bị xóa khi ẩn danh dữ liệu cá nhân của đối tượng",
            ),
            // Issue 9 item 9.
            Self::InvalidFile => (
                "The file is not a well-formed document of its type",
                "Tệp không đúng cấu trúc của loại tệp đó",
            ),
            Self::SessionRevoked => (
                "The session has ended (logout, password change, deactivation or a reused refresh token); log in again",
                "Phiên đăng nhập đã kết thúc (đăng xuất, đổi mật khẩu, vô hiệu hóa hoặc mã làm mới bị dùng lại); vui lòng đăng nhập lại",
            ),
            Self::LoginBusy => (
                "Too many logins at once; try again in a moment",
                "Quá nhiều lượt đăng nhập cùng lúc; vui lòng thử lại sau giây lát",
            ),
            // Issue 9 items 6 and 11.
            Self::ControlCharacter => (
                "The request holds a control character",
                "Yêu cầu chứa ký tự điều khiển",
            ),
            Self::UriTooLong => ("The URL is too long", "Đường dẫn quá dài"),
            Self::RequestTimeout => (
                "The request body did not arrive in time",
                "Nội dung yêu cầu không đến kịp thời hạn",
            ),
            Self::InvalidHeader => (
                "A request header is malformed",
                "Tiêu đề (header) của yêu cầu không đúng định dạng",
            ),
            Self::UnitCycle => (
                "A unit cannot be its own parent or ancestor",
                "Đơn vị không thể là đơn vị cấp trên của chính nó",
            ),
        }
    }
}

#[cfg(test)]
mod tests;
