//! Dates and times in bodies and queries, bounded as the document states them: a date is
//! `YYYY-MM-DD` (10 characters), a time RFC 3339 of at most 35 characters (nanoseconds
//! and an offset fit). chrono alone would also read a six-digit year or a fraction of any
//! length, which the stated `maxLength` refuses.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{Error, Unexpected};
use serde::{Deserialize, Deserializer};

/// Characters in a date.
pub const DATE_LEN: usize = 10;
/// The most characters of a time.
pub const TIME_MAX_LEN: usize = 35;

/// Checks inside the visitor, so that serde_json places the error at the value.
struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date as YYYY-MM-DD")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<NaiveDate, E> {
        // Exactly `DDDD-DD-DD`: chrono alone also reads " 2026-1-4" or a signed year.
        let shaped = s.len() == DATE_LEN
            && s.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        let parsed = shaped
            .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .flatten();
        parsed.ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }
}

struct TimeVisitor;

impl serde::de::Visitor<'_> for TimeVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a time as RFC 3339 (2026-12-04T08:30:00Z), at most 35 characters")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<DateTime<Utc>, E> {
        let parsed = (s.len() <= TIME_MAX_LEN)
            .then(|| DateTime::parse_from_rfc3339(s).ok())
            .flatten();
        parsed
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }
}

struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DateVisitor).map(Day)
    }
}

struct Time(DateTime<Utc>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TimeVisitor).map(Time)
    }
}

/// `deserialize_with` for a date field.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    Day::deserialize(d).map(|x| x.0)
}

/// `deserialize_with` for an optional date (with `#[serde(default)]`).
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Day>::deserialize(d).map(|o| o.map(|x| x.0))
}

/// `deserialize_with` for a date a change may clear (with `#[serde(default)]`).
pub fn nullable_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<NaiveDate>>, D::Error> {
    optional_date(d).map(Some)
}

/// `deserialize_with` for an optional time (with `#[serde(default)]`).
pub fn optional_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<Time>::deserialize(d).map(|o| o.map(|x| x.0))
}

/// A date in a path segment (`/holidays/{day}`).
#[derive(Debug, Clone, Copy)]
pub struct PathDate(pub NaiveDate);

impl<'de> Deserialize<'de> for PathDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        date(d).map(PathDate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "optional_date")]
        day: Option<NaiveDate>,
        #[serde(default, deserialize_with = "optional_time")]
        at: Option<DateTime<Utc>>,
    }

    fn read(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn dates_are_ten_characters() {
        let t = read(r#"{"day": "2026-12-04"}"#).unwrap();
        assert_eq!(t.day, NaiveDate::from_ymd_opt(2026, 12, 4));
        for bad in [
            "+12026-12-04",
            "2026-12-4",
            "2026-13-01",
            "04/12/2026",
            "2026-12-04 ",
        ] {
            assert!(read(&format!(r#"{{"day": "{bad}"}}"#)).is_err(), "{bad}");
        }
        assert!(read(r#"{"day": null}"#).unwrap().day.is_none());
    }

    #[test]
    fn times_are_rfc_3339_within_35_characters() {
        let t = read(r#"{"at": "2026-12-04T08:30:00.123456789+07:00"}"#).unwrap();
        assert_eq!(
            t.at.unwrap().to_rfc3339(),
            "2026-12-04T01:30:00.123456789+00:00"
        );
        assert!(read(r#"{"at": "2026-12-04T08:30:00.1234567890123+07:00"}"#).is_err());
        assert!(read(r#"{"at": "2026-12-04"}"#).is_err());
    }
}
