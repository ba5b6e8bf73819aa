//! The province roll-up (báo cáo tổng hợp; the contract's "consolidated report"):
//! issued by DIC as an immutable snapshot, read as JSON or as CSV.

use super::{movement_for_review, period_data, resolve_period, Period, PeriodData};
use crate::app::{audit, page, Context, Result};
use crate::auth::policy::{allows, require, MovementRoles, Permission};
use crate::db::models::{new_id, MovementRow, RollupRow};
use crate::db::repo::{movements, reports};
use crate::db::DbConnection;
use crate::domain::rollup::{self, CriterionInput, ReportInput, ResultInput, Rollup, UnitInput};
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Issuer {
    pub id: String,
    pub username: String,
    pub full_name: String,
}

/// The snapshot as issued.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsolidatedContent {
    pub movement_id: String,
    pub movement_title: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    /// "Năm 2024" or the round's title.
    pub period_label: String,
    pub due_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Issuer,
    /// Field code → name, for the field totals.
    pub field_names: HashMap<String, String>,
    #[serde(flatten)]
    pub rollup: Rollup,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsolidatedReport {
    pub id: String,
    /// The newest issued for its movement and period.
    pub current: bool,
    #[serde(flatten)]
    pub content: ConsolidatedContent,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsolidatedSummary {
    pub id: String,
    pub movement_id: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub period_label: String,
    pub current: bool,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Issuer,
    pub coverage: rollup::Coverage,
}

crate::page_type!(ConsolidatedPage, ConsolidatedSummary);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "year": 2024}))]
pub struct NewConsolidatedReport {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsolidatedQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// Only the current (newest) ones.
    pub current: Option<bool>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

fn content_of(row: &RollupRow) -> Result<ConsolidatedContent> {
    serde_json::from_str(&row.content).map_err(ApiError::internal)
}

/// A field of a movement as stored (code and name).
#[derive(Deserialize)]
struct FieldName {
    code: String,
    name: String,
}

/// The movement's fields, in its order (agriculture, health, education, other).
fn fields_of(movement: &MovementRow) -> Result<Vec<FieldName>> {
    serde_json::from_str(&movement.fields).map_err(ApiError::internal)
}

/// The roll-up of a period's reports, from one read of each table: what an issued
/// report holds and what the live rankings show (one algorithm, `domain::rollup`).
pub(super) fn roll_up(
    conn: &mut DbConnection,
    movement: &MovementRow,
    period: &Period,
    (members, by_unit): PeriodData,
) -> Result<Rollup> {
    let criteria = movements::list_criteria(conn, &movement.id, None, None, 10_000)?;
    let mut results: HashMap<String, Vec<ResultInput>> = HashMap::new();
    for (report_id, criterion_id, target, achieved, assessed) in
        reports::results_of_period(conn, &movement.id, &period.key)?
    {
        results.entry(report_id).or_default().push(ResultInput {
            criterion_id,
            target_value: target,
            achieved_value: achieved,
            assessed_score: assessed,
        });
    }
    let units: Vec<UnitInput> = members
        .iter()
        .map(|(u, g)| UnitInput {
            id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            group_id: Some(g.id.clone()),
            group_code: g.code.clone(),
            group_name: g.name.clone(),
            women_share_percent: u.women_share_percent,
        })
        .collect();
    let report_inputs: Vec<ReportInput> = by_unit
        .values()
        .map(|r| ReportInput {
            unit_id: r.unit_id.clone(),
            status: r.status,
            late: r.late,
            results: results.remove(&r.id).unwrap_or_default(),
        })
        .collect();
    let criteria_inputs: Vec<CriterionInput> = criteria
        .iter()
        .map(|c| CriterionInput {
            id: c.id.clone(),
            code: c.code.clone(),
            title: c.title.clone(),
            field_code: c.field_code.clone(),
            unit_of_measure: c.unit_of_measure.clone(),
            max_score: c.max_score,
        })
        .collect();
    Ok(rollup::roll_up(&units, &criteria_inputs, &report_inputs))
}

/// Issues the roll-up for a year or round: DIC of the standing unit. It is a snapshot:
/// later changes to reports do not alter it; issuing again keeps the earlier one and
/// marks the new one current.
pub fn issue(
    conn: &mut DbConnection,
    ctx: &Context,
    input: NewConsolidatedReport,
) -> Result<ConsolidatedReport> {
    let actor = &ctx.actor;
    let movement = movement_for_review(conn, &input.movement_id)?;
    require(
        actor,
        Permission::ReviewMovement {
            movement: MovementRoles::of(&movement),
        },
    )?;
    // One issue at a time per movement: the old current one is superseded, not doubled.
    movements::lock(conn, &movement.id)?;
    let period = resolve_period(conn, &movement, input.year, input.round_id.as_deref())?;
    let data = period_data(conn, &movement, &period)?;
    let mut rollup = roll_up(conn, &movement, &period, data)?;
    let fields = fields_of(&movement)?;
    // Fields in the movement's order (agriculture, health, education, other).
    rollup.fields.sort_by_key(|f| {
        fields
            .iter()
            .position(|x| x.code == f.field_code)
            .unwrap_or(usize::MAX)
    });
    let content = ConsolidatedContent {
        movement_id: movement.id.clone(),
        movement_title: movement.title.clone(),
        year: period.year,
        round_id: period.round_id.clone(),
        period_label: period.label.clone(),
        due_on: period.due_on,
        issued_at: ctx.now,
        issued_by: Issuer {
            id: actor.user_id.clone(),
            username: actor.username.clone(),
            full_name: actor.full_name.clone(),
        },
        field_names: fields.into_iter().map(|f| (f.code, f.name)).collect(),
        rollup,
    };
    let row = RollupRow {
        id: new_id(),
        movement_id: movement.id.clone(),
        period_key: period.key.clone(),
        year: period.year,
        round_id: period.round_id.clone(),
        is_current: true,
        issued_at: ctx.now_utc(),
        issued_by: actor.user_id.clone(),
        content: serde_json::to_string(&content).map_err(ApiError::internal)?,
    };
    reports::insert_rollup(conn, &row)?;
    let out = ConsolidatedReport {
        id: row.id.clone(),
        current: true,
        content,
    };
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "consolidated_report.issue",
        "consolidated_report",
        &row.id,
        &serde_json::json!({
            "movement_id": row.movement_id, "period": row.period_key, "coverage": out.content.rollup.coverage,
        }),
    )?;
    Ok(out)
}

/// The issued roll-ups of the movements the caller reviews (DIC, Home Affairs, the
/// Chair, admins, auditors), newest first: they name who is late or missing, and every
/// unit's score.
pub fn list(
    conn: &mut DbConnection,
    ctx: &Context,
    q: ConsolidatedQuery,
) -> Result<ConsolidatedPage> {
    let limit = page::page_limit(q.limit)?;
    let filter = reports::RollupFilter {
        movement_id: q.movement_id,
        year: page::year_filter(q.year)?,
        round_id: q.round_id,
        current: q.current,
        before_id: page::decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let readable = crate::app::review::report_readable_movements(conn, &ctx.actor)?;
    let rows = reports::list_rollups(conn, &filter, &readable)?;
    let (items, next_cursor) = page::paginate(
        rows,
        limit,
        |r| r.id.clone(),
        |row| {
            let c = content_of(&row)?;
            Ok(ConsolidatedSummary {
                id: row.id,
                movement_id: row.movement_id,
                year: row.year,
                round_id: row.round_id,
                period_label: c.period_label,
                current: row.is_current,
                issued_at: row.issued_at.and_utc(),
                issued_by: c.issued_by,
                coverage: c.rollup.coverage,
            })
        },
    );
    let items = items.into_iter().collect::<Result<Vec<_>>>()?;
    Ok(ConsolidatedPage { items, next_cursor })
}

/// An issued roll-up: the reviewers of its movement, the Chair, admins, auditors (404
/// for anyone else).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<ConsolidatedReport> {
    let row = reports::find_rollup(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movement_for_review(conn, &row.movement_id)?;
    if !allows(
        &ctx.actor,
        Permission::ReadReportStatus {
            movement: MovementRoles::of(&movement),
        },
    ) {
        return Err(ApiError::not_found());
    }
    Ok(ConsolidatedReport {
        current: row.is_current,
        content: content_of(&row)?,
        id: row.id,
    })
}
