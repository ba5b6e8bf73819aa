//! Award history: every award a person (name + year of birth) or collective received in
//! the service, from all sources — Giấy khen recorded by units, the Chair's Bằng khen, and
//! state awards granted by the central level. "One achievement is rewarded once": units
//! check it before nominating, reviewers on each nomination. Bằng khen and state awards
//! are public and shown to every caller; a Giấy khen only to those who may read it
//! (`GET /unit-awards/{id}`'s rule), so the history leaks no other unit's Giấy khen.

use crate::api::run;
use crate::auth::policy::{allows, require, MovementRoles, Permission};
use crate::auth::{Actor, LegacyCaller};
use crate::db::repo::{organisation, unit_awards as repo};
use crate::db::DbConnection;
use crate::domain::nominee::{canonical_key, Nominee};
use crate::domain::validate::Checks;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The title of a provincial-merit award.
pub const PROVINCIAL_MERIT_TITLE: &str = "Bằng khen của Chủ tịch UBND Tỉnh";
/// The title of a state award (which one the central level granted is in its decision).
pub const STATE_AWARD_TITLE: &str = "Khen thưởng cấp Nhà nước";

/// Where an award comes from (the award forms of DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AwardSource {
    /// Giấy khen of a unit's head (`/unit-awards`)
    UnitCertificate,
    /// Bằng khen of the Chair, by a decision (`/decisions`)
    ProvincialMerit,
    /// State award granted by the central level on the Chair's proposal
    StateAward,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[schema(example = json!({
    "source": "provincial_merit", "title": "Bằng khen của Chủ tịch UBND Tỉnh", "nominee_name": "Nguyễn Thị Hoa",
    "decision_number": "2150/QĐ-UBND", "decided_on": "2025-12-20",
    "issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e10", "issuer_name": "Văn phòng UBND Tỉnh",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "unit_award_id": null, "nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"
}))]
pub struct AwardRecord {
    pub source: AwardSource,
    /// "Giấy khen" (or the unit's own title), "Bằng khen của Chủ tịch UBND Tỉnh", or
    /// "Khen thưởng cấp Nhà nước".
    pub title: String,
    /// The name as that award wrote it.
    pub nominee_name: String,
    /// The decision's number in its issuer's register; null only for a state award whose
    /// central decision is not recorded yet.
    pub decision_number: Option<String>,
    /// The decision's date; null as `decision_number`.
    pub decided_on: Option<NaiveDate>,
    /// The unit whose decision it is (the awarding unit, or the People's Committee);
    /// null for a state award (the central level).
    pub issuer_unit_id: Option<String>,
    pub issuer_name: Option<String>,
    pub movement_id: String,
    /// The award round (nominations only).
    pub round_id: Option<String>,
    /// The Giấy khen (`/unit-awards/{id}`), for a unit certificate.
    pub unit_award_id: Option<String>,
    /// The nomination, for a Bằng khen or a state award.
    pub nomination_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "nominee_key": "person:nguyen thi hoa:1985",
    "items": [
        {"source": "unit_certificate", "title": "Giấy khen", "nominee_name": "Nguyễn Thị Hoa",
            "decision_number": "45/QĐ-UBND", "decided_on": "2023-12-15",
            "issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "issuer_name": "UBND Huyện Tháp Mười",
            "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "round_id": null,
            "unit_award_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f70", "nomination_id": null},
        {"source": "provincial_merit", "title": "Bằng khen của Chủ tịch UBND Tỉnh", "nominee_name": "Nguyễn Thị Hoa",
            "decision_number": "2150/QĐ-UBND", "decided_on": "2025-12-20",
            "issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e10", "issuer_name": "Văn phòng UBND Tỉnh",
            "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
            "unit_award_id": null, "nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"}
    ]
}))]
pub struct AwardHistory {
    /// The key every source records the nominee under.
    pub nominee_key: String,
    /// Oldest decision first.
    pub items: Vec<AwardRecord>,
}

/// Name the nominee one way: a key, a person, or a collective.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardHistoryQuery {
    /// A nominee key as nominations and Giấy khen carry it: `person:<name>:<birth year>`,
    /// `unit:<unit id>` or `team:<unit id>:<team name>` (names need not be normalised).
    #[param(max_length = 600, example = "person:nguyen thi hoa:1985")]
    pub nominee: Option<String>,
    /// A person's full name (with `birth_year`); diacritics and case do not matter.
    #[param(max_length = 200, example = "Nguyễn Thị Hoa")]
    pub name: Option<String>,
    #[param(minimum = 1900, maximum = 2100, example = 1985)]
    pub birth_year: Option<i32>,
    /// A collective: the unit itself, or with `team_name` a named collective inside it.
    pub unit_id: Option<String>,
    #[param(max_length = 300, example = "Phòng Văn hóa và Thông tin")]
    pub team_name: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
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
                    "not a nominee key (`person:<name>:<birth year>`, `unit:<id>` or `team:<id>:<team>`)",
                    "không phải mã đối tượng (`person:<tên>:<năm sinh>`, `unit:<mã>` hoặc `team:<mã>:<tập thể>`)",
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

/// Every award recorded under `key` that `actor` may see, oldest decision first (those
/// without a recorded date last): all Bằng khen and state awards, and the Giấy khen the
/// actor may read (their unit's, those of the movements they review; all for the Chair,
/// admins and auditors). Used by this endpoint and shown on each nomination.
pub fn for_key(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &str,
) -> Result<Vec<AwardRecord>, ApiError> {
    let mut items: Vec<AwardRecord> = repo::unit_awards_by_key(conn, key)?
        .into_iter()
        .filter(|(r, _, standing_unit_id, appraising_unit_id)| {
            allows(
                actor,
                Permission::ReadUnitAward {
                    unit_id: &r.unit_id,
                    movement: MovementRoles {
                        standing_unit_id,
                        appraising_unit_id,
                    },
                },
            )
        })
        .map(|(r, unit_name, _, _)| AwardRecord {
            source: AwardSource::UnitCertificate,
            title: r.title,
            nominee_name: r.recipient_name,
            decision_number: Some(r.decision_number),
            decided_on: Some(r.decided_on),
            issuer_unit_id: Some(r.unit_id),
            issuer_name: Some(unit_name),
            movement_id: r.movement_id,
            round_id: None,
            unit_award_id: Some(r.id),
            nomination_id: None,
        })
        .collect();
    let nominations = repo::provincial_merit_by_key(conn, key)?
        .into_iter()
        .map(|n| (AwardSource::ProvincialMerit, n))
        .chain(
            repo::state_awards_by_key(conn, key)?
                .into_iter()
                .map(|n| (AwardSource::StateAward, n)),
        );
    for (source, n) in nominations {
        items.push(AwardRecord {
            source,
            title: match source {
                AwardSource::StateAward => STATE_AWARD_TITLE,
                _ => PROVINCIAL_MERIT_TITLE,
            }
            .into(),
            nominee_name: n.nominee_name,
            decision_number: n.decision_number,
            decided_on: n.decided_on,
            issuer_unit_id: n.issuer_unit_id,
            issuer_name: n.issuer_name,
            movement_id: n.movement_id,
            round_id: Some(n.round_id),
            unit_award_id: None,
            nomination_id: Some(n.nomination_id),
        });
    }
    items.sort_by(|a, b| {
        let order = |r: &AwardRecord| {
            (
                r.decided_on.is_none(),
                r.decided_on,
                r.source,
                r.unit_award_id.clone().or_else(|| r.nomination_id.clone()),
            )
        };
        order(a).cmp(&order(b))
    });
    Ok(items)
}

/// Every award a person or collective received in the service, from all sources, oldest
/// first. Name the nominee by its key (`nominee`), as a person (`name` + `birth_year`),
/// or as a collective (`unit_id`, optionally `team_name`): the same key either way. Any
/// signed-in user: units check it before nominating, reviewers on each nomination. The
/// Chair's Bằng khen and state awards are listed for everyone; a Giấy khen only for
/// those who may read it: the awarding unit's users, the reviewers of its movement (the
/// standing unit's DIC, the appraising unit's Home Affairs), the Chair, admins and
/// auditors.
#[utoipa::path(
    tag = "awards",
    params(AwardHistoryQuery),
    responses(
        (status = 200, description = "The nominee's key and the awards the caller may see, oldest first", body = AwardHistory),
        (status = 403, description = "The account holds no role"),
        (status = 422, description = "No nominee, more than one way of naming it, a part missing (`birth_year` without `name`, `team_name` without `unit_id`), a malformed key, or no such unit (`validation_failed`)"),
    )
)]
#[get("/award-history")]
pub async fn get_award_history(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<AwardHistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadAwardHistory)?;
    let q = query.into_inner();
    let key = key_of(&q)?;
    let unit_id = given(&q.unit_id).map(str::to_string);
    let out = run(&state.pool, move |conn| {
        if let Some(unit_id) = unit_id {
            if organisation::find_unit(conn, &unit_id)?.is_none() {
                return Err(ApiError::invalid(
                    "unit_id",
                    "no such unit",
                    "không có đơn vị này",
                ));
            }
        }
        let items = for_key(conn, &caller.actor, &key)?;
        Ok(AwardHistory {
            nominee_key: key,
            items,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
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
