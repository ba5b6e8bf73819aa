//! Who received an award, as one key: the award history and the duplicate rule ("one
//! achievement is rewarded once") match nominations and Giấy khen on it, so every source
//! must compute it the same way.

use super::invisible::{bidi_control, without_ignorables};
use super::search::normalize;
use super::validate::Checks;
use unicode_normalization::UnicodeNormalization;

/// A name as keys and searches compare it: NFKC (a fullwidth "Ｎ" is "N"), without
/// default-ignorable characters (zero-width space, soft hyphen, joiners: they do not
/// show), then folded as search folds (case, marks, `đ`, spacing). So every spelling
/// that looks the same gives the same key.
pub fn fold_name(text: &str) -> String {
    let compat: String = text.nfkc().collect();
    normalize(&without_ignorables(&compat))
}

/// A nominee's name or other text as it is stored: checked as `Checks::text` does
/// (trimmed NFC, 1..=max characters), refused with a bidi control (they make a name
/// read otherwise than it is stored), and without invisible characters (a soft hyphen
/// or zero-width space would make the stored name differ from the one shown).
pub fn name_text(c: &mut Checks, field: &str, value: &str, max: usize) -> String {
    if let Some(b) = bidi_control(value) {
        c.fail(
            field,
            format!(
                "must not contain a bidirectional control character (U+{:04X})",
                u32::from(b)
            ),
            format!(
                "không được chứa ký tự điều khiển hướng viết (U+{:04X})",
                u32::from(b)
            ),
        );
    }
    c.text(field, &without_ignorables(value), max)
}

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
    /// A household (hộ gia đình) is known by its head's name and its commune.
    Household {
        head_full_name: &'a str,
        commune: &'a str,
    },
}

impl Nominee<'_> {
    /// `person:<name>:<year>`, `unit:<unit id>`, `team:<unit id>:<team>` or
    /// `household:<head's name>:<commune>`, names
    /// folded by [`fold_name`] (case, diacritics, spacing, compatibility forms and
    /// invisible characters do not matter).
    pub fn key(&self) -> String {
        match *self {
            Nominee::Person {
                full_name,
                birth_year,
            } => format!("person:{}:{birth_year}", fold_name(full_name)),
            Nominee::Collective { unit_id, team } => {
                match team.map(fold_name).filter(|t| !t.is_empty()) {
                    Some(t) => format!("team:{unit_id}:{t}"),
                    None => format!("unit:{unit_id}"),
                }
            }
            Nominee::Household {
                head_full_name,
                commune,
            } => format!(
                "household:{}:{}",
                fold_name(head_full_name),
                fold_name(commune)
            ),
        }
    }
}

/// The key a stored record should have, from its stored name: `person:` and `team:`
/// keys are computed again (the name is the person's, or the team's); a `unit:` key
/// names no text and stays, and so does a `household:` key (households came with the
/// current key function: there is no older key to replace). `None` when the record lacks what its key needs.
pub fn recomputed_key(
    stored_key: &str,
    name: &str,
    birth_year: Option<i32>,
    unit_id: Option<&str>,
) -> Option<String> {
    if stored_key.starts_with("person:") {
        Some(
            Nominee::Person {
                full_name: name,
                birth_year: birth_year?,
            }
            .key(),
        )
    } else if stored_key.starts_with("team:") {
        Some(
            Nominee::Collective {
                unit_id: unit_id?,
                team: Some(name),
            }
            .key(),
        )
    } else {
        Some(stored_key.to_string())
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
    if let Some(rest) = raw.strip_prefix("household:") {
        let (head_full_name, commune) = rest.split_once(':')?;
        let ok = !fold_name(head_full_name).is_empty() && !fold_name(commune).is_empty();
        return ok.then(|| {
            Nominee::Household {
                head_full_name,
                commune,
            }
            .key()
        });
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
    fn look_alike_spellings_are_one_person() {
        let key = |name: &str| {
            Nominee::Person {
                full_name: name,
                birth_year: 1985,
            }
            .key()
        };
        let k = key("Nguyễn Thị Hoà");
        assert_eq!(k, "person:nguyen thi hoa:1985");
        for look_alike in [
            "Nguyễn \u{200b}Thị Hoà",
            "Nguyễn Th\u{00ad}ị Hoà",
            "\u{ff2e}guyễn Thị Hoà",
            "Nguyễn\u{3000}Thị\u{00a0}Hoà",
            "\u{feff}Nguyễn Thị Ho\u{2060}à",
            "Nguye\u{0302}\u{0303}n Thị Hoà",
        ] {
            assert_eq!(key(look_alike), k, "{look_alike:?}");
        }
        assert_eq!(
            canonical_key("person:\u{ff2e}guyễn Th\u{00ad}ị Hoà:1985").as_deref(),
            Some(k.as_str())
        );
        let team = Nominee::Collective {
            unit_id: "u1",
            team: Some("Phòng\u{200b} Văn hóa"),
        };
        assert_eq!(team.key(), "team:u1:phong van hoa");
    }

    #[test]
    fn stored_names_lose_invisibles_and_refuse_bidi_controls() {
        let mut c = Checks::new();
        assert_eq!(
            name_text(&mut c, "full_name", " Nguyễn Th\u{00ad}ị\u{200b} Hoà ", 200),
            "Nguyễn Thị Hoà"
        );
        assert!(c.finish().is_ok());
        let mut c = Checks::new();
        name_text(&mut c, "full_name", "Nguyễn \u{202e}aoH ịhT", 200);
        let e = c.finish().unwrap_err();
        assert!(e.details.errors.contains_key("full_name"));
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
    fn households_are_keyed_by_head_and_commune() {
        let k = Nominee::Household {
            head_full_name: "Nguyễn Văn Bảy",
            commune: "Xã Mỹ An",
        }
        .key();
        assert_eq!(k, "household:nguyen van bay:xa my an");
        assert_eq!(
            canonical_key("household:NGUYỄN  Văn Bảy:xã Mỹ An").as_deref(),
            Some(k.as_str())
        );
        assert_eq!(
            recomputed_key(&k, "x", None, None).as_deref(),
            Some(k.as_str())
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
            "household:nguyen van bay",
            "household::xa my an",
            "household:nguyen van bay: ",
        ] {
            assert_eq!(canonical_key(bad), None, "{bad}");
        }
    }
}
