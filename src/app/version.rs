//! Optimistic concurrency: every mutable record has a `version`; a change names the
//! version it read (`If-Match`) and is refused when another change came first.

use super::Result;
use crate::error::ApiError;

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
            IfMatch::Version(_) => Err(ApiError::stale()),
        }
    }
}
