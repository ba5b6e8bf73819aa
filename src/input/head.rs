//! The request line and the headers that are stored: a URL past the limit (414
//! `uri_too_long`), a control character in the path, the query or a stored header (422
//! `control_character`). Judged before routing, so no handler, extractor or query sees
//! them.

use super::{control_character, controls, Part};
use crate::error::{ApiError, ErrorCode};
use actix_web::dev::RequestHead;

/// Headers whose values are kept (idempotency records) or parsed into state. HTTP/1
/// lets tab and DEL through in header values; NUL never arrives.
const STORED_HEADERS: [&str; 2] = ["Idempotency-Key", "If-Match"];

/// Refuses what must not reach routing.
pub fn check(head: &RequestHead, max_url_bytes: usize) -> Result<(), ApiError> {
    let uri = &head.uri;
    let length = uri.path_and_query().map_or(0, |pq| pq.as_str().len());
    if length > max_url_bytes {
        return Err(ApiError::new(ErrorCode::UriTooLong)
            .detail(
                format!(
                    "The path and query have {length} bytes; at most {max_url_bytes} are accepted"
                ),
                format!("Đường dẫn và tham số dài {length} byte; tối đa {max_url_bytes} byte"),
            )
            .with("limit", max_url_bytes));
    }
    if let Some(c) = controls::in_url_part(uri.path()) {
        return Err(control_character(Part::Path, c));
    }
    if let Some(c) = uri.query().and_then(controls::in_url_part) {
        return Err(control_character(Part::Query, c));
    }
    for name in STORED_HEADERS {
        for value in head.headers.get_all(name) {
            let found = value.as_bytes().iter().find(|b| **b < 0x20 || **b == 0x7F);
            if let Some(b) = found {
                return Err(control_character(Part::Header(name), u32::from(*b)));
            }
        }
    }
    Ok(())
}
