//! The Chair's decisions (Quyết định khen thưởng): a number from the People's
//! Committee's register (unique per issuer and year, never generated), the signing date
//! and signer, and the approved provincial-merit nominations it awards — never past the
//! round's quota for each nominee kind, even when two decisions arrive at once.

mod decide;

pub use decide::decide;

use crate::app::page::{decode_cursor, page_limit, paginate};
use crate::app::{Context, Result};
use crate::db::models::{DecisionRow, NominationRow};
use crate::db::repo::decisions as repo;
use crate::db::DbConnection;
use crate::domain::award::NomineeKind;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "nominee_kind": "individual",
    "nominee_name": "Nguyễn Thị Hoa", "workplace": "UBND Huyện Tháp Mười"}))]
pub struct Awardee {
    pub nomination_id: String,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    /// The individual's workplace, or the collective's unit.
    pub workplace: String,
}

impl Awardee {
    fn from_row(r: NominationRow) -> Self {
        Self {
            nominee_kind: r.nominee_kind,
            nomination_id: r.id,
            nominee_name: r.nominee_name,
            workplace: r.workplace,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f50", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "number": "123/QĐ-UBND", "year": 2025,
    "signed_on": "2025-12-20", "signer": "Chủ tịch UBND Tỉnh", "awardees": [], "created_at": "2025-12-20T08:00:00Z"
}))]
pub struct Decision {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// As in the People's Committee's register, e.g. "123/QĐ-UBND".
    pub number: String,
    pub year: i32,
    pub signed_on: NaiveDate,
    pub signer: String,
    pub awardees: Vec<Awardee>,
    pub created_at: DateTime<Utc>,
}

crate::page_type!(DecisionPage, Decision);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "number": "123/QĐ-UBND", "signed_on": "2025-12-20",
    "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]}))]
pub struct NewDecision {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: String,
    /// The number in the register (never generated here).
    #[schema(min_length = 1, max_length = 50)]
    pub number: String,
    /// Not after today (province time), not before its nominations' appraisal.
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub signed_on: NaiveDate,
    #[schema(min_length = 1, max_length = 200)]
    pub signer: String,
    /// Approved provincial-merit nominations of the round.
    #[schema(min_items = 1, max_items = 500)]
    #[serde(deserialize_with = "crate::domain::id::list")]
    pub nomination_ids: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

impl Decision {
    fn from_row(row: DecisionRow, awardees: Vec<Awardee>) -> Self {
        Self {
            awardees,
            id: row.id,
            round_id: row.round_id,
            movement_id: row.movement_id,
            number: row.number,
            year: row.year,
            signed_on: row.signed_on,
            signer: row.signer,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// The decisions with their awardees, in the order given (one query for the awardees of
/// them all).
fn render(conn: &mut DbConnection, rows: Vec<DecisionRow>) -> Result<Vec<Decision>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut awardees: HashMap<String, Vec<Awardee>> = HashMap::new();
    for (decision_id, nomination) in repo::nominations_of(conn, &ids)? {
        awardees
            .entry(decision_id)
            .or_default()
            .push(Awardee::from_row(nomination));
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let list = awardees.remove(&row.id).unwrap_or_default();
            Decision::from_row(row, list)
        })
        .collect())
}

/// One page of decisions, newest first: for any signed-in user, and for anyone on the
/// public pages (commendation is public).
pub fn page(conn: &mut DbConnection, q: DecisionQuery) -> Result<DecisionPage> {
    let limit = page_limit(q.limit)?;
    let before = decode_cursor(q.cursor.as_deref())?;
    let rows = repo::list(conn, q.round_id.as_deref(), before.as_deref(), limit + 1)?;
    let (rows, next_cursor) = paginate(rows, limit, |r| r.id.clone(), |r| r);
    let items = render(conn, rows)?;
    Ok(DecisionPage { items, next_cursor })
}

/// Decisions, newest first (any signed-in user; they are public anyway).
pub fn list(conn: &mut DbConnection, _ctx: &Context, q: DecisionQuery) -> Result<DecisionPage> {
    page(conn, q)
}

/// A decision with its awardees.
pub fn get(conn: &mut DbConnection, _ctx: &Context, id: &str) -> Result<Decision> {
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    render(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::internal("decision not rendered"))
}
