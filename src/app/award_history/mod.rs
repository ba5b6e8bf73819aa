//! Award history: every award a person (name + year of birth) or collective received in
//! the service, from all sources — Giấy khen recorded by units, the Chair's Bằng khen, and
//! state awards granted by the central level. "One achievement is rewarded once": units
//! check it before nominating, reviewers on each nomination. Bằng khen and state awards
//! are public and shown to every caller; a Giấy khen only to those who may read it
//! (`GET /unit-awards/{id}`'s rule), so the history leaks no other unit's Giấy khen.

mod key;

pub use key::{key_of, AwardHistoryQuery};

use crate::app::{Context, Result};
use crate::auth::policy::{allows, require, MovementRoles, Permission};
use crate::auth::Actor;
use crate::db::repo::{organisation, unit_awards as repo};
use crate::db::DbConnection;
pub use crate::domain::award_source::AwardSource;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The title of a provincial-merit award.
pub const PROVINCIAL_MERIT_TITLE: &str = "Bằng khen của Chủ tịch UBND Tỉnh";
/// The title of a state award (which one the central level granted is in its decision).
pub const STATE_AWARD_TITLE: &str = "Khen thưởng cấp Nhà nước";
/// The title of an "exemplary model recognised" entry, before the model's title.
pub const EXEMPLARY_MODEL_TITLE: &str = "Mô hình tiêu biểu được công nhận";

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
    /// The model (`/exemplary-models/{id}`), for an exemplary model recognised.
    #[schema(max_length = 36)]
    pub exemplary_model_id: Option<String>,
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

/// The awards of the nominee the query names that the caller may see, oldest first: any
/// signed-in user (403 for an account without a role); 422 when the query names no
/// nominee, names it more than one way, misses a part, or names no such unit.
pub fn read(conn: &mut DbConnection, ctx: &Context, q: AwardHistoryQuery) -> Result<AwardHistory> {
    require(&ctx.actor, Permission::ReadAwardHistory)?;
    let key = key_of(&q)?;
    if let Some(unit_id) = key::given(&q.unit_id) {
        if organisation::find_unit(conn, unit_id)?.is_none() {
            return Err(ApiError::invalid(
                "unit_id",
                "no such unit",
                "không có đơn vị này",
            ));
        }
    }
    let items = for_key(conn, &ctx.actor, &key)?;
    Ok(AwardHistory {
        nominee_key: key,
        items,
    })
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
    let mut items = Vec::new();
    for h in repo::history_by_key(conn, key)? {
        let source = match h.source.as_str() {
            "unit_certificate" => AwardSource::UnitCertificate,
            "provincial_merit" => AwardSource::ProvincialMerit,
            "state_award" => AwardSource::StateAward,
            other => return Err(ApiError::internal(format!("award history source {other}"))),
        };
        if source == AwardSource::UnitCertificate {
            let readable = allows(
                actor,
                Permission::ReadUnitAward {
                    unit_id: h.issuer_unit_id.as_deref().unwrap_or(""),
                    movement: MovementRoles {
                        standing_unit_id: h.standing_unit_id.as_deref().unwrap_or(""),
                        appraising_unit_id: h.appraising_unit_id.as_deref().unwrap_or(""),
                    },
                },
            );
            if !readable {
                continue;
            }
        }
        let (unit_award_id, nomination_id) = match source {
            AwardSource::UnitCertificate => (Some(h.record_id), None),
            _ => (None, Some(h.record_id)),
        };
        items.push(AwardRecord {
            source,
            title: match source {
                AwardSource::UnitCertificate => h.title.unwrap_or_default(),
                AwardSource::StateAward => STATE_AWARD_TITLE.into(),
                AwardSource::ProvincialMerit => PROVINCIAL_MERIT_TITLE.into(),
                AwardSource::ExemplaryModel => String::new(),
            },
            nominee_name: h.nominee_name,
            decision_number: h.decision_number,
            decided_on: h.decided_on,
            issuer_unit_id: h.issuer_unit_id,
            issuer_name: h.issuer_name,
            movement_id: h.movement_id,
            round_id: h.round_id,
            unit_award_id,
            nomination_id,
            exemplary_model_id: None,
        });
    }
    if let Some(unit_id) = key.strip_prefix("unit:") {
        items.extend(recognised_models(conn, unit_id)?);
    }
    items.sort_by(|a, b| {
        let order = |r: &AwardRecord| {
            (
                r.decided_on.is_none(),
                r.decided_on,
                r.source,
                r.unit_award_id
                    .clone()
                    .or_else(|| r.nomination_id.clone())
                    .or_else(|| r.exemplary_model_id.clone()),
            )
        };
        order(a).cmp(&order(b))
    });
    Ok(items)
}

/// "Exemplary model recognised" entries of a unit: each of its models DIC recognised
/// (public, so shown to every caller), under DIC's decision.
fn recognised_models(conn: &mut DbConnection, unit_id: &str) -> Result<Vec<AwardRecord>> {
    let models = crate::app::exemplary_models::recognitions_of_unit(conn, unit_id)?;
    if models.is_empty() {
        return Ok(Vec::new());
    }
    let unit_name = organisation::find_unit(conn, unit_id)?
        .map(|u| u.name)
        .unwrap_or_default();
    let mut issuers: std::collections::HashMap<String, String> = Default::default();
    let mut out = Vec::with_capacity(models.len());
    for m in models {
        let issuer_name = match &m.decision_issuer_unit_id {
            Some(id) => match issuers.get(id) {
                Some(name) => Some(name.clone()),
                None => {
                    let name = organisation::find_unit(conn, id)?
                        .map(|u| u.name)
                        .unwrap_or_default();
                    issuers.insert(id.clone(), name.clone());
                    Some(name)
                }
            },
            None => None,
        };
        out.push(AwardRecord {
            source: AwardSource::ExemplaryModel,
            title: format!("{EXEMPLARY_MODEL_TITLE}: {}", m.title),
            nominee_name: unit_name.clone(),
            decision_number: m.decision_number,
            decided_on: m.decision_date,
            issuer_unit_id: m.decision_issuer_unit_id,
            issuer_name,
            movement_id: m.movement_id,
            round_id: None,
            unit_award_id: None,
            nomination_id: None,
            exemplary_model_id: Some(m.id),
        });
    }
    Ok(out)
}
