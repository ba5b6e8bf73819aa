//! Record ids: every id the service hands out is a UUID in its hyphenated lower-case
//! form (`db::models::new_id`), so an id in a body or a query is checked as one when it
//! is read: a reference that cannot be an id is a 400/422 naming the field, not a 404
//! or an empty page, and the document can state the bound it keeps (`maxLength` 36 and
//! the pattern below).

use serde::de::{Error, Unexpected};
use serde::{Deserialize, Deserializer};

/// Characters in an id.
pub const ID_LEN: usize = 36;
/// The pattern the document states for ids (also on path parameters).
pub const ID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

const EXPECTED: &str = "an id (a UUID such as 0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d)";

/// Whether `s` has the shape of an id: 8-4-4-4-12 lower-case hex digits.
pub fn is_id(s: &str) -> bool {
    s.len() == ID_LEN
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

/// Reads a string and checks it inside the visitor, so that serde_json places the error
/// at the value (and the problem names its field), not at the end of the object.
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<String, E> {
        if is_id(s) {
            Ok(s.to_string())
        } else {
            Err(E::invalid_value(Unexpected::Str(s), &EXPECTED))
        }
    }
}

/// An id as read from a body or a query.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(IdVisitor).map(Id)
    }
}

/// `deserialize_with` for an id field.
pub fn required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Id::deserialize(d).map(|i| i.0)
}

/// `deserialize_with` for an optional id (with `#[serde(default)]`).
pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Id>::deserialize(d).map(|o| o.map(|i| i.0))
}

/// `deserialize_with` for an id a change may clear (absent: unchanged, `null`: cleared;
/// with `#[serde(default)]`).
pub fn nullable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    optional(d).map(Some)
}

/// `deserialize_with` for a list of ids.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Id>::deserialize(d).map(|v| v.into_iter().map(|i| i.0).collect())
}

/// `deserialize_with` for an optional list of ids (with `#[serde(default)]`).
pub fn optional_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Option::<Vec<Id>>::deserialize(d).map(|o| o.map(|v| v.into_iter().map(|i| i.0).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_hyphenated_uuids() {
        assert!(is_id("0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d"));
        assert!(is_id(&crate::db::models::new_id()));
        for bad in [
            "",
            "khong-co",
            "0190B6E4-7C1D-7A2B-9C3D-4E5F6A7B8C9D",
            "0190b6e47c1d7a2b9c3d4e5f6a7b8c9d",
            "0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d0",
            "0190b6e4-7c1d-7a2b-9c3d_4e5f6a7b8c9d",
            "g190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d",
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_id_names_what_was_expected() {
        #[derive(Deserialize, Debug)]
        struct T {
            #[serde(default, deserialize_with = "optional")]
            #[allow(dead_code)]
            unit_id: Option<String>,
        }
        let err = serde_json::from_str::<T>(r#"{"unit_id": "abc"}"#).unwrap_err();
        assert!(err.to_string().contains("expected an id"), "{err}");
        assert!(serde_json::from_str::<T>(r#"{}"#)
            .unwrap()
            .unit_id
            .is_none());
        assert!(serde_json::from_str::<T>(r#"{"unit_id": null}"#).is_ok());
    }
}
