//! Counts for a movement's dashboard: one grouped query over its nominations, and the
//! overdue appraisals of a round.

use crate::db::schema::nominations as n;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

/// Nominations of one round with the same status, award form, nominee kind and gender.
#[derive(Debug, Clone, Queryable)]
pub struct NominationCount {
    pub round_id: String,
    pub status: String,
    pub award_form: String,
    pub nominee_kind: String,
    pub gender: Option<String>,
    pub count: i64,
}

/// The movement's nominations counted by round, status, form, kind and gender (one
/// scan of the covering index `nominations_figures_idx`).
pub fn nomination_counts(
    conn: &mut DbConnection,
    movement_id: &str,
) -> QueryResult<Vec<NominationCount>> {
    n::table
        .filter(n::movement_id.eq(movement_id))
        .group_by((
            n::round_id,
            n::status,
            n::award_form,
            n::nominee_kind,
            n::gender,
        ))
        .select((
            n::round_id,
            n::status,
            n::award_form,
            n::nominee_kind,
            n::gender,
            count_star(),
        ))
        .load(conn)
}

/// Awarded collectives of the round with at least `percent` % women (the preference of
/// the law between equally qualified candidates).
pub fn awarded_collectives_with_women(
    conn: &mut DbConnection,
    round_id: &str,
    percent: f64,
) -> QueryResult<i64> {
    n::table
        .filter(n::round_id.eq(round_id))
        .filter(n::status.eq_any(["awarded", "state_awarded"]))
        .filter(n::nominee_kind.eq("collective"))
        .filter(n::women_share_percent.ge(percent))
        .select(count_star())
        .first(conn)
}

/// Consolidated nominations of the round waiting for appraisal since before `cutoff`.
pub fn waiting_since_before(
    conn: &mut DbConnection,
    round_id: &str,
    cutoff: NaiveDateTime,
) -> QueryResult<i64> {
    n::table
        .filter(n::round_id.eq(round_id))
        .filter(n::status.eq("consolidated"))
        .filter(n::consolidated_at.lt(cutoff))
        .select(count_star())
        .first(conn)
}
