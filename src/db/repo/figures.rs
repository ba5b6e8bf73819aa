//! Counts for a movement's dashboard: one grouped query over its nominations, the
//! awarded collectives with many women, and the consolidation times of the nominations
//! waiting for appraisal — each one statement for the whole movement.

use crate::db::schema::nominations as n;
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::domain::nomination::State;
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

/// Nominations of one round with the same status, award form, nominee kind and gender.
#[derive(Debug, Clone, Queryable)]
pub struct NominationCount {
    pub round_id: String,
    pub status: State,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
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

/// (round, count) of the movement's awarded collectives with at least `percent` % women
/// (the preference of the law between equally qualified candidates); rounds without
/// one are absent.
pub fn awarded_collectives_with_women(
    conn: &mut DbConnection,
    movement_id: &str,
    percent: f64,
) -> QueryResult<Vec<(String, i64)>> {
    n::table
        .filter(n::movement_id.eq(movement_id))
        .filter(n::status.eq_any([State::Awarded, State::StateAwarded]))
        .filter(n::nominee_kind.eq(NomineeKind::Collective))
        .filter(n::women_share_percent.ge(percent))
        .group_by(n::round_id)
        .select((n::round_id, count_star()))
        .load(conn)
}

/// (round, consolidated at) of the movement's nominations waiting for appraisal.
pub fn waiting_for_appraisal(
    conn: &mut DbConnection,
    movement_id: &str,
) -> QueryResult<Vec<(String, Option<NaiveDateTime>)>> {
    n::table
        .filter(n::movement_id.eq(movement_id))
        .filter(n::status.eq(State::Consolidated))
        .select((n::round_id, n::consolidated_at))
        .load(conn)
}
