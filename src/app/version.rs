//! Optimistic concurrency: every mutable record has a `version`; a change names the
//! version it read (`If-Match`) and is refused when another change came first.

use super::Result;
use crate::error::{ApiError, ErrorCode};

/// What `If-Match` asks for: a version, or `*` (any current version, RFC 9110).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// Any number of digits; one beyond the versions we issue just never matches.
    Version(i64),
    Any,
}

impl IfMatch {
    /// The version an update may overwrite: the one read, if it is still current.
    pub fn check(self, current: i32) -> Result<i32> {
        match self {
            IfMatch::Any => Ok(current),
            IfMatch::Version(v) if v == i64::from(current) => Ok(current),
            IfMatch::Version(_) => Err(ApiError::stale(current)),
        }
    }
}

/// 409 `conflict`: another request changed the record while this one ran, and the
/// caller named no version to hold it to. Carries the record's current state and
/// version, to read again and retry.
pub fn conflict(current_state: &str, current_version: i32) -> ApiError {
    ApiError::new(ErrorCode::Conflict)
        .detail(
            "Another request changed the record while this one ran; read it again and retry",
            "Một yêu cầu khác đã thay đổi hồ sơ trong lúc xử lý; hãy đọc lại và thử lại",
        )
        .with("current_state", current_state)
        .with("current_version", current_version)
}

/// A conditional update that lost to another request: 412 with the version the winner
/// left (read again, after it committed), or 404 when the winner deleted the record.
pub fn lost(current_version: Option<i32>) -> ApiError {
    current_version.map_or_else(ApiError::not_found, ApiError::stale)
}
