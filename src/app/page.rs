//! List pages: the page size, opaque cursors (the sort key of the last item), and the
//! common filters' limits.

use crate::domain::invisible::is_refused_control as refused;
use crate::error::ApiError;
use base64::Engine;

pub const DEFAULT_PAGE_SIZE: i64 = 50;
pub const MAX_PAGE_SIZE: i64 = 200;
/// The longest cursor accepted: a sort key of 500 four-byte characters plus an id,
/// base64url-encoded, stays below it (the contract states the same bound).
pub const MAX_CURSOR_LEN: usize = 4096;

/// The page size asked for: default 50, 1…200.
pub fn page_limit(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::invalid(
            "limit",
            "must be between 1 and 200",
            "phải từ 1 đến 200",
        )),
    }
}

/// A year filter: 2000…2100.
pub fn year_filter(year: Option<i32>) -> Result<Option<i32>, ApiError> {
    match year {
        Some(y) if !(2000..=2100).contains(&y) => Err(ApiError::invalid(
            "year",
            format!("{y} is outside 2000…2100"),
            format!("{y} nằm ngoài 2000…2100"),
        )),
        other => Ok(other),
    }
}

/// A text filter of at most `max` characters; blank means none.
pub fn text_filter(
    name: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if v.chars().count() > max => Err(ApiError::invalid(
            name,
            format!("at most {max} characters"),
            format!("tối đa {max} ký tự"),
        )),
        Some(v) if v.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// Cursors are opaque to clients: the sort key of the last item, base64url-encoded.
pub fn encode_cursor(key: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.as_bytes())
}

pub fn decode_cursor(cursor: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(c) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    Some(c)
        .filter(|c| c.len() <= MAX_CURSOR_LEN)
        .and_then(|c| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(c.as_bytes())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        // No key we issue holds a control character (PostgreSQL refuses NUL in text).
        .filter(|s| !s.is_empty() && !s.chars().any(|c| refused(u32::from(c), true)))
        .map(Some)
        .ok_or_else(|| {
            ApiError::invalid(
                "cursor",
                "is not a cursor this service issued",
                "không phải con trỏ trang hợp lệ",
            )
        })
}

/// Cuts a `limit + 1` fetch to a page and its next cursor.
pub fn paginate<R, T>(
    mut rows: Vec<R>,
    limit: i64,
    key: impl Fn(&R) -> String,
    map: impl Fn(R) -> T,
) -> (Vec<T>, Option<String>) {
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if has_more {
        rows.last().map(|r| encode_cursor(&key(r)))
    } else {
        None
    };
    (rows.into_iter().map(map).collect(), next)
}

/// Declares the `{ items, next_cursor }` page type of a resource.
#[macro_export]
macro_rules! page_type {
    ($name:ident, $item:ty) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            pub next_cursor: Option<String>,
        }
    };
}
