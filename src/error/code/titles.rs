//! Each code's title in English and Vietnamese (a title names the kind of problem; the
//! `detail` says what happened).

use super::ErrorCode;

impl ErrorCode {
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
