//! What the deadlines list reads besides the waiting records: a unit's plan and report
//! statuses, the rounds of some movements, and units' names — each in one statement, so
//! a request costs a fixed number of them whatever the number of items.

use crate::db::schema::{award_rounds as r, plans as p, reports as rp, units as u};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use chrono::NaiveDate;
use diesel::prelude::*;

/// A plan or report of a unit, as the deadlines list needs it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct PeriodRecord {
    pub id: String,
    pub movement_id: String,
    pub period_key: String,
    pub status: ReviewStatus,
}

/// A round, as the deadlines list needs it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct RoundLimits {
    pub id: String,
    pub movement_id: String,
    pub title: String,
    pub report_due_on: Option<NaiveDate>,
    pub appraisal_working_days: i32,
}

/// The unit's plans of the movements for the periods.
pub fn unit_plans(
    conn: &mut DbConnection,
    unit_id: &str,
    movement_ids: &[String],
    period_keys: &[String],
) -> QueryResult<Vec<PeriodRecord>> {
    p::table
        .filter(p::unit_id.eq(unit_id))
        .filter(p::movement_id.eq_any(movement_ids))
        .filter(p::period_key.eq_any(period_keys))
        .select((p::id, p::movement_id, p::period_key, p::status))
        .load(conn)
}

/// Every report of the unit.
pub fn unit_reports(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<PeriodRecord>> {
    rp::table
        .filter(rp::unit_id.eq(unit_id))
        .select((rp::id, rp::movement_id, rp::period_key, rp::status))
        .load(conn)
}

/// The rounds of the movements, by code (as each movement lists them).
pub fn rounds_of(
    conn: &mut DbConnection,
    movement_ids: &[String],
) -> QueryResult<Vec<RoundLimits>> {
    r::table
        .filter(r::movement_id.eq_any(movement_ids))
        .order((r::code.asc(), r::id.asc()))
        .select((
            r::id,
            r::movement_id,
            r::title,
            r::report_due_on,
            r::appraisal_working_days,
        ))
        .load(conn)
}

/// (id, name) of the units.
pub fn unit_names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    u::table
        .filter(u::id.eq_any(ids))
        .select((u::id, u::name))
        .load(conn)
}
