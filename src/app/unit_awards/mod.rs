//! Giấy khen (`unit_certificate` in the award history): awarded by a unit's head under
//! the unit's own authority and recorded with the unit's own decision number; no
//! provincial review. Each one enters the recipient's award history under the same key a
//! nomination uses. One name in code: a unit award (`unit_awards`, `UnitAward`).

mod read;
mod record;

pub use read::{get, list, scope};
pub use record::record;

use super::Result;
use crate::app::nominations::Collective;
use crate::db::models::UnitAwardRow;
use crate::domain::award::NomineeKind;
use crate::domain::nominee::Gender;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The title when none is given.
pub const DEFAULT_TITLE: &str = "Giấy khen";

/// An individual recipient: only what the unit's decision names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
    "position": "Chuyên viên Phòng Văn hóa và Thông tin"}))]
pub struct AwardedIndividual {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    pub gender: Gender,
    #[schema(minimum = 1920, maximum = 2015)]
    pub birth_year: i32,
    #[schema(min_length = 1, max_length = 300)]
    pub position: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "recipient_kind": "individual",
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa - Xã hội"},
    "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025 của UBND xã Tháp Mười.",
    "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15"
}))]
pub struct NewUnitAward {
    /// The awarding unit; default: the caller's (only its head records).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: String,
    /// `collective` or `individual`; a household is nominated instead (`household`: 422).
    pub recipient_kind: NomineeKind,
    /// Required for a collective recipient: the awarding unit itself (`unit_id`) or one
    /// of its sub-units (`parent_id` chain), or with `team_name` a named collective inside
    /// either; never a unit outside it.
    pub collective: Option<Collective>,
    /// Required for an individual recipient.
    pub individual: Option<AwardedIndividual>,
    /// Default "Giấy khen"; e.g. "Giấy khen của Giám đốc Sở Khoa học và Công nghệ".
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 10000)]
    pub achievement: String,
    /// As in the unit's own register, e.g. "45/QĐ-STTTT" (never generated here; one
    /// decision may award several recipients).
    #[schema(min_length = 1, max_length = 50)]
    pub decision_number: String,
    /// The decision's date; not in the future, nor before 1 January of the movement's
    /// first year (`period_start_year`). Its year is the award's year.
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f70", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "unit_name": "UBND xã Tháp Mười", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "recipient_kind": "individual", "recipient_name": "Nguyễn Thị Hoa",
    "recipient_key": "person:nguyen thi hoa:1985", "collective": null,
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa - Xã hội"},
    "title": "Giấy khen",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025 của UBND xã Tháp Mười.",
    "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15", "year": 2025,
    "created_by": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e75", "created_at": "2025-12-16T02:00:00Z"
}))]
pub struct UnitAward {
    pub id: String,
    /// The awarding unit.
    pub unit_id: String,
    pub unit_name: String,
    pub movement_id: String,
    pub recipient_kind: NomineeKind,
    /// The person, the unit, or the named collective.
    pub recipient_name: String,
    /// The award history's key (`GET /award-history?nominee=`), as for a nomination.
    pub recipient_key: String,
    pub collective: Option<Collective>,
    pub individual: Option<AwardedIndividual>,
    pub title: String,
    pub achievement: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub year: i32,
    /// The user who recorded it.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl UnitAward {
    /// The award as stored, with its awarding unit's name. A stored individual without
    /// a gender or year of birth is an error, never a default.
    pub(crate) fn from_row(r: UnitAwardRow, unit_name: String) -> Result<Self> {
        let collective = match r.recipient_kind {
            NomineeKind::Collective => Some(Collective::from_columns(
                r.recipient_unit_id.as_deref(),
                &r.recipient_key,
                &r.recipient_name,
                r.women_share_percent,
            )),
            NomineeKind::Individual | NomineeKind::Household => None,
        };
        let individual = match r.recipient_kind {
            NomineeKind::Individual => Some(AwardedIndividual {
                full_name: r.recipient_name.clone(),
                gender: stored_gender(r.gender.as_deref(), &r.id)?,
                birth_year: r.birth_year.ok_or_else(|| {
                    ApiError::internal(format!("unit award {} has no birth year", r.id))
                })?,
                position: r.position.clone(),
            }),
            // A Giấy khen is never recorded for a household (`record`).
            NomineeKind::Collective | NomineeKind::Household => None,
        };
        Ok(Self {
            id: r.id,
            unit_id: r.unit_id,
            unit_name,
            movement_id: r.movement_id,
            recipient_kind: r.recipient_kind,
            recipient_name: r.recipient_name,
            recipient_key: r.recipient_key,
            collective,
            individual,
            title: r.title,
            achievement: r.achievement,
            decision_number: r.decision_number,
            decided_on: r.decided_on,
            year: r.year,
            created_by: r.created_by,
            created_at: r.created_at.and_utc(),
        })
    }
}

/// The stored gender of an individual recipient: an unknown or missing one is an error.
fn stored_gender(gender: Option<&str>, id: &str) -> Result<Gender> {
    match gender {
        Some(g) if g == Gender::Female.as_str() => Ok(Gender::Female),
        Some(g) if g == Gender::Male.as_str() => Ok(Gender::Male),
        other => Err(ApiError::internal(format!(
            "unit award {id} has no known gender ({other:?})"
        ))),
    }
}

crate::page_type!(UnitAwardPage, UnitAward);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitAwardQuery {
    /// The awarding unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: Option<String>,
    /// The year of the unit's decision.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub recipient_kind: Option<NomineeKind>,
    /// Search in recipient names, ignoring diacritics and case ("nguyen thi hoa").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
