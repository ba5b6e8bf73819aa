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

/// A list in which each value appears at most once (roles, required documents): refused
/// while it is read, so serde places the error at the list and the problem names it.
struct DistinctVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: serde::Deserialize<'de> + PartialEq> serde::de::Visitor<'de> for DistinctVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list with each value at most once")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out: Vec<T> = Vec::new();
        while let Some(v) = seq.next_element::<T>()? {
            if out.contains(&v) {
                return Err(serde::de::Error::custom(DUPLICATE_IN_LIST));
            }
            out.push(v);
        }
        Ok(out)
    }
}

/// The message of a repeated value in a list (`api::json_errors` puts it in words).
pub const DUPLICATE_IN_LIST: &str = "a value appears twice in the list";

/// `deserialize_with` for a list of distinct values.
pub fn distinct<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + PartialEq,
{
    d.deserialize_seq(DistinctVisitor(std::marker::PhantomData))
}

/// `deserialize_with` for an optional list of distinct values (with `#[serde(default)]`).
pub fn optional_distinct<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + PartialEq,
{
    struct Distinct<T>(Vec<T>);
    impl<'de, T: serde::Deserialize<'de> + PartialEq> serde::Deserialize<'de> for Distinct<T> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            distinct(d).map(Distinct)
        }
    }
    <Option<Distinct<T>> as serde::Deserialize>::deserialize(d).map(|o| o.map(|x| x.0))
}

#[cfg(test)]
mod distinct_tests {
    use super::*;
    use crate::domain::role::Role;

    #[derive(serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "optional_distinct")]
        roles: Option<Vec<Role>>,
    }

    #[test]
    fn a_repeated_value_is_refused() {
        let ok: T = serde_json::from_str(r#"{"roles": ["admin", "auditor"]}"#).unwrap();
        assert_eq!(ok.roles.map(|r| r.len()), Some(2));
        let err = serde_json::from_str::<T>(r#"{"roles": ["admin", "admin"]}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains(DUPLICATE_IN_LIST), "{err}");
        assert!(serde_json::from_str::<T>(r#"{"roles": null}"#)
            .unwrap()
            .roles
            .is_none());
    }

    #[test]
    fn the_stated_bounds_are_the_vocabularies() {
        // The `max_items` the document states on roles and required documents.
        assert_eq!(Role::ALL.len(), 7);
        assert_eq!(crate::domain::award::DocumentKind::ALL.len(), 7);
    }
}
