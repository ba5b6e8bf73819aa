//! Hostile input stopped before any handler (issue 9 items 6 and 11): control
//! characters in paths, queries, stored headers and JSON bodies (PostgreSQL refuses NUL
//! in text, so one reaching a query was a 500), URLs past the configured length, and
//! request bodies that trickle in.
//!
//! [`controls`] classifies and scans (pure); [`head`] judges the request line and the
//! headers; [`body`] wraps the request body in a scanner and a deadline, whose errors
//! the extractors' error handlers turn into problems with [`body::problem`].

pub mod body;
pub mod controls;
pub mod head;

use crate::error::{ApiError, ErrorCode};

/// Where a control character was found, as the problem names it (`in`, `name`).
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    Path,
    Query,
    Header(&'a str),
    Body,
    /// A field of a multipart form (its value, or the file's name).
    Form(&'a str),
}

/// 422 `control_character`: the same answer wherever the character was, naming where
/// and which (`U+0000`).
pub fn control_character(part: Part<'_>, code_point: u32) -> ApiError {
    let c = controls::name(code_point);
    let (place, en, vi, name) = match part {
        Part::Path => (
            "path",
            "The path".to_string(),
            "Đường dẫn".to_string(),
            None,
        ),
        Part::Query => (
            "query",
            "The query string".to_string(),
            "Tham số truy vấn".to_string(),
            None,
        ),
        Part::Header(h) => (
            "header",
            format!("The header {h}"),
            format!("Tiêu đề {h}"),
            Some(h),
        ),
        Part::Body => (
            "body",
            "The body".to_string(),
            "Nội dung yêu cầu".to_string(),
            None,
        ),
        Part::Form(f) => (
            "form",
            format!("The form field {f}"),
            format!("Trường {f} của biểu mẫu"),
            Some(f),
        ),
    };
    let e = ApiError::new(ErrorCode::ControlCharacter)
        .detail(
            format!("{en} holds the control character {c}; control characters are refused (text fields may hold tab, line feed and carriage return)"),
            format!("{vi} chứa ký tự điều khiển {c}; không chấp nhận ký tự điều khiển (trường văn bản được phép có tab, xuống dòng)"),
        )
        .with("in", place)
        .with("code_point", c);
    match name {
        Some(n) => e.with("name", n),
        None => e,
    }
}
