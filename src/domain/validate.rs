//! Input checks shared by the resources, with messages in both languages.

use crate::error::ApiError;
use unicode_normalization::UnicodeNormalization;

/// Collects field errors; `finish` answers 422 with all of them at once.
#[derive(Default)]
pub struct Checks {
    error: Option<ApiError>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn fail(&mut self, field: &str, en: impl Into<String>, vi: impl Into<String>) {
        let e = self.error.take().unwrap_or_else(ApiError::validation);
        self.error = Some(e.field(field, en, vi));
    }

    /// Trimmed, NFC text of 1..=max characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        let v: String = value.trim().nfc().collect();
        if v.is_empty() {
            self.fail(field, "must not be empty", "không được để trống");
        } else if v.chars().count() > max {
            self.fail(
                field,
                format!("at most {max} characters"),
                format!("tối đa {max} ký tự"),
            );
        } else if v
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        {
            self.fail(
                field,
                "must not contain control characters",
                "không được chứa ký tự điều khiển",
            );
        }
        v
    }

    /// Like `text` but may be empty.
    pub fn optional_text(&mut self, field: &str, value: &str, max: usize) -> String {
        if value.trim().is_empty() {
            return String::new();
        }
        self.text(field, value, max)
    }

    /// An upper-case code: letters, digits, `-`, `_`, `.`, 1..=max.
    pub fn code(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim().to_string();
        let ok = !v.is_empty()
            && v.len() <= max
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !ok {
            self.fail(
                field,
                format!("1 to {max} characters: letters, digits, '-', '_' or '.'"),
                format!("từ 1 đến {max} ký tự: chữ, số, '-', '_' hoặc '.'"),
            );
        }
        v
    }

    pub fn range_i32(&mut self, field: &str, value: i32, min: i32, max: i32) {
        if value < min || value > max {
            self.fail(
                field,
                format!("must be between {min} and {max}"),
                format!("phải trong khoảng {min} đến {max}"),
            );
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_field_error() {
        let mut c = Checks::new();
        assert_eq!(c.text("name", "  Sở Y tế ", 50), "Sở Y tế");
        c.text("title", "   ", 10);
        c.code("code", "có dấu", 10);
        c.range_i32("year", 1800, 2000, 2100);
        let e = c.finish().unwrap_err();
        assert_eq!(
            e.details.errors.keys().cloned().collect::<Vec<_>>(),
            ["code", "title", "year"]
        );
    }
}
