//! The nominee an award-history query names: a key, a person, or a collective.

use crate::domain::nominee::{canonical_key, Nominee};
use crate::domain::validate::Checks;
use crate::error::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

/// Name the nominee one way: a key, a person, or a collective.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardHistoryQuery {
    /// A nominee key as nominations and Giấy khen carry it: `person:<name>:<birth year>`,
    /// `unit:<unit id>`, `team:<unit id>:<team name>` or a household's
    /// `household:<head's name>:<commune>` (names need not be normalised).
    #[param(max_length = 600, example = "person:nguyen thi hoa:1985")]
    pub nominee: Option<String>,
    /// A person's full name (with `birth_year`); diacritics and case do not matter.
    #[param(max_length = 200, example = "Nguyễn Thị Hoa")]
    pub name: Option<String>,
    #[param(minimum = 1900, maximum = 2100, example = 1985)]
    pub birth_year: Option<i32>,
    /// A collective: the unit itself, or with `team_name` a named collective inside it.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[param(max_length = 300, example = "Phòng Văn hóa và Thông tin")]
    pub team_name: Option<String>,
}

pub(super) fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The key the query names, or 422: none, more than one way, or a part missing.
pub fn key_of(q: &AwardHistoryQuery) -> Result<String, ApiError> {
    let (nominee, name, unit, team) = (
        given(&q.nominee),
        given(&q.name),
        given(&q.unit_id),
        given(&q.team_name),
    );
    let mut c = Checks::new();
    let ways = [
        nominee.is_some(),
        name.is_some() || q.birth_year.is_some(),
        unit.is_some(),
    ];
    match ways.iter().filter(|w| **w).count() {
        0 => c.fail(
            "nominee",
            "name the nominee: `nominee`, `name` with `birth_year`, or `unit_id`",
            "cần ghi đối tượng: `nominee`, `name` kèm `birth_year`, hoặc `unit_id`",
        ),
        1 => {}
        _ => c.fail(
            "nominee",
            "name the nominee one way only: `nominee`, `name` with `birth_year`, or `unit_id`",
            "chỉ ghi đối tượng theo một cách: `nominee`, `name` kèm `birth_year`, hoặc `unit_id`",
        ),
    }
    if team.is_some() && unit.is_none() {
        c.fail(
            "unit_id",
            "`team_name` needs the unit it belongs to",
            "`team_name` cần kèm đơn vị (`unit_id`)",
        );
    }
    let mut key = String::new();
    if let Some(raw) = nominee {
        if raw.chars().count() > 600 {
            c.fail("nominee", "at most 600 characters", "tối đa 600 ký tự");
        } else {
            match canonical_key(raw) {
                Some(k) => key = k,
                None => c.fail(
                    "nominee",
                    "not a nominee key (`person:<name>:<birth year>`, `unit:<id>`, `team:<id>:<team>` or `household:<head>:<commune>`)",
                    "không phải mã đối tượng (`person:<tên>:<năm sinh>`, `unit:<mã>`, `team:<mã>:<tập thể>` hoặc `household:<chủ hộ>:<xã>`)",
                ),
            }
        }
    }
    if name.is_some() || q.birth_year.is_some() {
        match (name, q.birth_year) {
            (Some(full_name), Some(birth_year)) => {
                let full_name = c.text("name", full_name, 200);
                c.range_i32("birth_year", birth_year, 1900, 2100);
                key = Nominee::Person {
                    full_name: &full_name,
                    birth_year,
                }
                .key();
            }
            (None, _) => c.fail(
                "name",
                "needed with `birth_year`",
                "cần ghi kèm `birth_year`",
            ),
            (_, None) => c.fail(
                "birth_year",
                "a person is known by name and year of birth",
                "cá nhân được xác định theo họ tên và năm sinh",
            ),
        }
    }
    if let Some(unit_id) = unit {
        let team = team.map(|t| c.text("team_name", t, 300));
        key = Nominee::Collective {
            unit_id,
            team: team.as_deref(),
        }
        .key();
    }
    c.finish()?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> AwardHistoryQuery {
        AwardHistoryQuery::default()
    }

    fn fields(e: ApiError) -> Vec<String> {
        e.details.errors.keys().cloned().collect()
    }

    #[test]
    fn a_person_a_key_and_a_collective_give_the_same_keys_as_nominations() {
        let person = AwardHistoryQuery {
            name: Some("  Nguyễn THỊ Hoa ".into()),
            birth_year: Some(1985),
            ..q()
        };
        assert_eq!(key_of(&person).unwrap(), "person:nguyen thi hoa:1985");
        let raw = AwardHistoryQuery {
            nominee: Some("person:Nguyen Thi Hoa:1985".into()),
            ..q()
        };
        assert_eq!(key_of(&raw).unwrap(), "person:nguyen thi hoa:1985");
        let unit = AwardHistoryQuery {
            unit_id: Some("u1".into()),
            ..q()
        };
        assert_eq!(key_of(&unit).unwrap(), "unit:u1");
        let team = AwardHistoryQuery {
            unit_id: Some("u1".into()),
            team_name: Some("Phòng Văn hóa và Thông tin".into()),
            ..q()
        };
        assert_eq!(key_of(&team).unwrap(), "team:u1:phong van hoa va thong tin");
    }

    #[test]
    fn none_two_or_half_a_nominee_is_refused() {
        assert_eq!(fields(key_of(&q()).unwrap_err()), ["nominee"]);
        let blank = AwardHistoryQuery {
            nominee: Some("  ".into()),
            ..q()
        };
        assert_eq!(fields(key_of(&blank).unwrap_err()), ["nominee"]);
        let two = AwardHistoryQuery {
            nominee: Some("unit:u1".into()),
            unit_id: Some("u1".into()),
            ..q()
        };
        assert_eq!(fields(key_of(&two).unwrap_err()), ["nominee"]);
        let no_year = AwardHistoryQuery {
            name: Some("Nguyễn Thị Hoa".into()),
            ..q()
        };
        assert_eq!(fields(key_of(&no_year).unwrap_err()), ["birth_year"]);
        let no_unit = AwardHistoryQuery {
            name: Some("Nguyễn Thị Hoa".into()),
            birth_year: Some(1985),
            team_name: Some("Phòng Văn hóa và Thông tin".into()),
            ..q()
        };
        assert_eq!(fields(key_of(&no_unit).unwrap_err()), ["unit_id"]);
        let bad = AwardHistoryQuery {
            nominee: Some("Nguyễn Thị Hoa".into()),
            ..q()
        };
        assert_eq!(fields(key_of(&bad).unwrap_err()), ["nominee"]);
    }
}
