//! What a decision and a consolidation share: the batch of nominations they act on,
//! checked and loaded together (a fixed number of queries whatever its size), then
//! each moved on the one step pipeline (`app::workflow::take_loaded`).

use crate::app::nominations::{load_visible_many, NominationCase, NominationStep, Nominations};
use crate::app::version::IfMatch;
use crate::app::workflow::{take_loaded, Step as PipelineStep};
use crate::app::{Context, Result};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use std::collections::HashMap;

/// The batch's ids, sorted: 1 to 500, no repeat (422 `validation_failed` otherwise,
/// reported with the request's other fields).
pub fn checked_ids(c: &mut Checks, given: &[String]) -> Vec<String> {
    let mut ids = given.to_vec();
    ids.sort();
    ids.dedup();
    if ids.is_empty() || ids.len() > 500 || ids.len() != given.len() {
        c.fail(
            "nomination_ids",
            "1 to 500 distinct nominations",
            "từ 1 đến 500 hồ sơ, không trùng",
        );
    }
    ids
}

/// The nominations of `ids` the caller may see, by id, with what their steps need
/// (`app::nominations::load_visible_many`: a fixed number of queries). One the caller
/// may not see is left out, as one that does not exist.
pub fn visible(
    conn: &mut DbConnection,
    ctx: &Context,
    ids: &[String],
) -> Result<HashMap<String, NominationCase>> {
    Ok(load_visible_many(conn, ctx, ids)?
        .into_iter()
        .map(|case| (case.row.id.clone(), case))
        .collect())
}

/// May the caller take `step` on every nomination of the batch (403 `forbidden` for
/// the first that it may not, wherever it is in the batch)?
pub fn authorise_all(
    conn: &mut DbConnection,
    ctx: &Context,
    cases: &[NominationCase],
    step: &NominationStep,
) -> Result<()> {
    cases
        .iter()
        .try_for_each(|case| PipelineStep::<Nominations>::authorise(step, conn, ctx, case))
}

/// Takes `step` on each nomination of the batch, as loaded: the whole pipeline (its
/// conditional update on the version loaded, history, audit) for each.
pub fn take_each(
    conn: &mut DbConnection,
    ctx: &Context,
    cases: Vec<NominationCase>,
    step: &NominationStep,
) -> Result<()> {
    for case in cases {
        let id = case.row.id.clone();
        // No version is named: a race lost to another request is a 409 (with the
        // current state); the batch names which of its nominations it was.
        take_loaded::<Nominations, NominationStep>(conn, ctx, case, step, IfMatch::Any).map_err(
            |e| {
                if e.code.is_conflict() {
                    e.with("nomination_id", id)
                } else {
                    e
                }
            },
        )?;
    }
    Ok(())
}
