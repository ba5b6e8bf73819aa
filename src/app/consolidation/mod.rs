//! DIC's consolidation (tờ trình tổng hợp): a batch of submitted nominations of one
//! round, sent to Home Affairs under DIC's letter as a submission; all or nothing.

pub mod batch;
mod consolidate;

pub use consolidate::consolidate;

use crate::app::page::{decode_cursor, page_limit, paginate};
use crate::app::{Context, Result};
use crate::auth::policy::{allows, MovementRoles, Permission};
use crate::auth::Actor;
use crate::db::models::SubmissionRow;
use crate::db::repo::{movements, submissions as repo};
use crate::db::DbConnection;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f40", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "letter_number": "215/TTr-STTTT", "letter_date": "2025-11-20",
    "note": "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh tặng Bằng khen.",
    "sent_by": "dic_officer", "sent_at": "2025-11-20T03:00:00Z",
    "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]
}))]
pub struct Submission {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// DIC's letter number, as in its register.
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub note: String,
    /// Username of the DIC officer who sent it.
    pub sent_by: String,
    pub sent_at: DateTime<Utc>,
    pub nomination_ids: Vec<String>,
}

crate::page_type!(SubmissionPage, Submission);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "letter_number": "215/TTr-STTTT", "letter_date": "2025-11-20",
    "note": "Đề nghị Sở Nội vụ thẩm định.", "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]}))]
pub struct NewSubmission {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: String,
    #[schema(min_length = 1, max_length = 100)]
    pub letter_number: String,
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub letter_date: NaiveDate,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: String,
    /// Submitted nominations of the round; each goes to `consolidated`.
    #[schema(min_items = 1, max_items = 500)]
    #[serde(deserialize_with = "crate::domain::id::list")]
    pub nomination_ids: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionQuery {
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

impl Submission {
    fn from_row(row: SubmissionRow, sent_by: String, nomination_ids: Vec<String>) -> Self {
        Self {
            nomination_ids,
            sent_by,
            id: row.id,
            round_id: row.round_id,
            movement_id: row.movement_id,
            letter_number: row.letter_number,
            letter_date: row.letter_date,
            note: row.note,
            sent_at: row.sent_at.and_utc(),
        }
    }
}

/// The submissions with their nominations and senders, in the order given (two queries
/// whatever their number).
fn render(conn: &mut DbConnection, rows: Vec<SubmissionRow>) -> Result<Vec<Submission>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut nominations: HashMap<String, Vec<String>> = HashMap::new();
    for (submission_id, nomination_id) in repo::nominations_of(conn, &ids)? {
        nominations
            .entry(submission_id)
            .or_default()
            .push(nomination_id);
    }
    let mut senders: HashMap<String, String> = repo::senders_of(conn, &ids)?.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let noms = nominations.remove(&row.id).unwrap_or_default();
            let sender = senders.remove(&row.id).unwrap_or_default();
            Submission::from_row(row, sender, noms)
        })
        .collect())
}

/// The movements whose report status (and submissions) the caller reads.
fn readable_movements(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<String>> {
    Ok(movements::all(conn)?
        .iter()
        .filter(|m| {
            allows(
                actor,
                Permission::ReadReportStatus {
                    movement: MovementRoles::of(m),
                },
            )
        })
        .map(|m| m.id.clone())
        .collect())
}

/// Submissions of the movements the caller reviews, oldest first.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: SubmissionQuery) -> Result<SubmissionPage> {
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    let readable = readable_movements(conn, &ctx.actor)?;
    let rows = repo::list(
        conn,
        &readable,
        q.round_id.as_deref(),
        after.as_deref(),
        limit + 1,
    )?;
    let (rows, next_cursor) = paginate(rows, limit, |r| r.id.clone(), |r| r);
    Ok(SubmissionPage {
        items: render(conn, rows)?,
        next_cursor,
    })
}

/// A submission with its nominations (404 unless the caller reads its movement).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Submission> {
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
    if !allows(
        &ctx.actor,
        Permission::ReadReportStatus {
            movement: MovementRoles::of(&movement),
        },
    ) {
        return Err(ApiError::not_found());
    }
    render(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::internal("submission not rendered"))
}
