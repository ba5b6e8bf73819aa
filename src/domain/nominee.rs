//! Who received an award, as one key: the award history and the duplicate rule ("one
//! achievement is rewarded once") match nominations and Giấy khen on it, so every source
//! must compute it the same way.

use super::search::normalize;

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum Gender {
        /// nữ
        Female = "female",
        /// nam
        Male = "male",
    }
}

/// The person or collective an award or nomination names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominee<'a> {
    /// A person is known by name and year of birth (no personal id number is kept).
    Person { full_name: &'a str, birth_year: i32 },
    /// A member unit, or a named collective inside it (`team`; blank means the unit).
    Collective {
        unit_id: &'a str,
        team: Option<&'a str>,
    },
}

impl Nominee<'_> {
    /// `person:<name>:<year>`, `unit:<unit id>` or `team:<unit id>:<team>`, names
    /// normalised (case, diacritics and spacing do not matter).
    pub fn key(&self) -> String {
        match *self {
            Nominee::Person {
                full_name,
                birth_year,
            } => format!("person:{}:{birth_year}", normalize(full_name)),
            Nominee::Collective { unit_id, team } => {
                match team.map(normalize).filter(|t| !t.is_empty()) {
                    Some(t) => format!("team:{unit_id}:{t}"),
                    None => format!("unit:{unit_id}"),
                }
            }
        }
    }
}

/// A key given by a client, in the form `Nominee::key` gives it: names are normalised
/// again ("person:Nguyễn Thị Hoa:1985" is "person:nguyen thi hoa:1985"); `None` when it
/// is no key at all.
pub fn canonical_key(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("person:") {
        let (name, year) = rest.rsplit_once(':')?;
        let year = year.trim();
        if !year.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let birth_year = year.parse().ok()?;
        let full_name = name.trim();
        return (!full_name.is_empty()).then(|| {
            Nominee::Person {
                full_name,
                birth_year,
            }
            .key()
        });
    }
    if let Some(unit_id) = raw.strip_prefix("unit:") {
        let ok = !unit_id.is_empty() && !unit_id.contains([':', ' ']);
        return ok.then(|| format!("unit:{unit_id}"));
    }
    if let Some(rest) = raw.strip_prefix("team:") {
        let (unit_id, team) = rest.split_once(':')?;
        let key = Nominee::Collective {
            unit_id,
            team: Some(team),
        }
        .key();
        return (!unit_id.is_empty() && !unit_id.contains(' ') && key.starts_with("team:"))
            .then_some(key);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_keyed_by_normalised_name_and_birth_year() {
        let k = Nominee::Person {
            full_name: "Nguyễn Thị Hoa",
            birth_year: 1985,
        }
        .key();
        assert_eq!(k, "person:nguyen thi hoa:1985");
        let same = Nominee::Person {
            full_name: "  NGUYEN   thi HOA ",
            birth_year: 1985,
        };
        assert_eq!(same.key(), k);
        assert_eq!(canonical_key(&k).as_deref(), Some(k.as_str()));
        assert_eq!(
            canonical_key("person:Nguyễn  Thị HOA:1985").as_deref(),
            Some(k.as_str())
        );
    }

    #[test]
    fn collectives_are_a_unit_or_a_team_inside_it() {
        let unit = Nominee::Collective {
            unit_id: "u1",
            team: None,
        };
        assert_eq!(unit.key(), "unit:u1");
        let blank = Nominee::Collective {
            unit_id: "u1",
            team: Some("  "),
        };
        assert_eq!(blank.key(), "unit:u1");
        let team = Nominee::Collective {
            unit_id: "u1",
            team: Some("Phòng Văn hóa và Thông tin"),
        };
        assert_eq!(team.key(), "team:u1:phong van hoa va thong tin");
        assert_eq!(canonical_key("unit:u1").as_deref(), Some("unit:u1"));
        assert_eq!(
            canonical_key("team:u1:Phòng Văn hóa và Thông tin"),
            Some(team.key())
        );
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in [
            "",
            "nguyen thi hoa",
            "person:nguyen thi hoa",
            "person:nguyen thi hoa:19x5",
            "person::1985",
            "unit:",
            "team:u1:",
            "team::phong",
            "unit:a b",
            "group:u1",
        ] {
            assert_eq!(canonical_key(bad), None, "{bad}");
        }
    }
}
