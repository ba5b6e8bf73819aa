//! Reports (báo cáo): annual (due 10 December), interim and final (tied to an award
//! round), one result per target of the unit's accepted plan. Late reports are accepted
//! and marked, never refused. DIC may adjust the self-assessed scores when accepting.

mod model;
mod period;
mod results;
mod steps;

pub use model::*;
pub use period::{annual_due_on, round_report_due};
pub use results::PlanContext;
pub use steps::{ReportRecord, ReportReview, Reports};

use super::review::{self, Review};
use super::version::IfMatch;
use super::workflow::{self, History, Workflow};
use super::{audit, page, Context, Result};
use crate::auth::policy::{require, Permission};
use crate::auth::Actor;
use crate::db::models::{new_id, MovementRow, ReportRow};
use crate::db::repo::{movements, reports as repo};
use crate::db::DbConnection;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use results::{plan_context, read_report, result_rows};

/// The report and its movement, if the caller may see it (else 404).
fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(ReportRow, MovementRow)> {
    let report = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = review::visible_movement(
        conn,
        actor,
        &report.movement_id,
        &report.unit_id,
        report.status,
    )?;
    Ok((report, movement))
}

/// The reports the caller may see, oldest first, without their results.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: ReportQuery) -> Result<ReportPage> {
    let limit = page::page_limit(q.limit)?;
    let filter = repo::ReportFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: page::year_filter(q.year)?,
        round_id: q.round_id,
        kind: q.kind,
        status: q.status,
        late: q.late,
        after_id: page::decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let vis = review::caller_scope(&ctx.actor);
    let rows = repo::list(conn, &filter, &vis)?;
    let (items, next_cursor) = page::paginate(
        rows,
        limit,
        |r| r.id.clone(),
        |r| Report::from_row(r, vec![]),
    );
    Ok(ReportPage { items, next_cursor })
}

/// A report with its results.
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Report> {
    let (r, _) = load_visible(conn, &ctx.actor, id)?;
    read_report(conn, r)
}

/// Drafts a report on the unit's accepted plan: its officers and head.
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewReport) -> Result<Report> {
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    require(&ctx.actor, Permission::EditUnitRecord { unit_id: &unit_id })?;
    let movement = movements::find(conn, &input.movement_id)?.ok_or_else(ApiError::not_found)?;
    let narrative = {
        let mut c = Checks::new();
        let n = c.optional_text("narrative", &input.narrative, 50_000);
        c.finish()?;
        n
    };
    let (plan, period_key, due_on) = period::resolve_period(conn, &movement, &unit_id, &input)?;
    let t = ctx.now_utc();
    let row = ReportRow {
        id: new_id(),
        unit_id,
        movement_id: movement.id.clone(),
        plan_id: plan.id,
        kind: input.kind,
        year: input.year,
        round_id: input.round_id.clone(),
        period_key,
        narrative,
        status: ReviewStatus::Draft,
        due_on,
        first_submitted_at: None,
        submitted_at: None,
        late: false,
        reviewed_at: None,
        return_reason: None,
        version: 1,
        created_at: t,
        updated_at: t,
    };
    let plan = plan_context(conn, &row)?;
    let results = result_rows(&plan, &row.id, &input.results)?;
    repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
        e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::ReportExists),
        e => e,
    })?;
    repo::replace_results(conn, &row.id, &results)?;
    review::record_created(conn, ctx, Reports::RESOURCE, &row.id)?;
    let out = read_report(conn, row)?;
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "report.create",
        Reports::RESOURCE,
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Changes a draft or returned report (narrative, results): its officers and head, at
/// the version read.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    changes: ReportChanges,
    expected: IfMatch,
) -> Result<Report> {
    let (before, _) = load_visible(conn, &ctx.actor, id)?;
    require(
        &ctx.actor,
        Permission::EditUnitRecord {
            unit_id: &before.unit_id,
        },
    )?;
    review::require_editable(before.status)?;
    let old = read_report(conn, before.clone())?;
    let mut row = before.clone();
    if let Some(n) = &changes.narrative {
        let mut c = Checks::new();
        row.narrative = c.optional_text("narrative", n, 50_000);
        c.finish()?;
    }
    let results = match &changes.results {
        Some(r) => Some(result_rows(&plan_context(conn, &row)?, &row.id, r)?),
        None => None,
    };
    let expected = expected.check(before.version)?;
    row.version += 1;
    row.updated_at = ctx.now_utc();
    if !repo::update(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find(conn, &row.id)?.map(|r| r.version),
        ));
    }
    if let Some(r) = results {
        repo::replace_results(conn, &row.id, &r)?;
    }
    let new = read_report(conn, row)?;
    audit::audit_changed(
        conn,
        &ctx.audit_actor(),
        "report.update",
        Reports::RESOURCE,
        &new.id,
        &old,
        &new,
    )?;
    Ok(new)
}

fn step(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    review: Review,
    assessed: Vec<AssessedScore>,
    expected: IfMatch,
) -> Result<Report> {
    let step = ReportReview { review, assessed };
    workflow::take::<Reports, _>(conn, ctx, id, &step, expected)
}

/// Submits the report to DIC: the unit's head; every target needs a result. A report
/// first submitted after its due day is accepted and marked late.
pub fn submit(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<Report> {
    let review = Review {
        action: ReviewAction::Submit,
        comment,
    };
    step(conn, ctx, id, review, vec![], expected)
}

/// Accepts a submitted report, with DIC's scores where they differ from the unit's:
/// DIC of the standing unit, not its submitter. Both scores are kept.
pub fn accept(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    input: AcceptReport,
    expected: IfMatch,
) -> Result<Report> {
    let review = Review {
        action: ReviewAction::Accept,
        comment: input.comment,
    };
    step(conn, ctx, id, review, input.assessed_scores, expected)
}

/// Returns a submitted report to the unit with a reason: DIC of the standing unit.
pub fn send_back(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    reason: String,
    expected: IfMatch,
) -> Result<Report> {
    let review = Review {
        action: ReviewAction::Return,
        comment: Some(reason),
    };
    step(conn, ctx, id, review, vec![], expected)
}

/// Every step the report went through, oldest first.
pub fn history(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<History> {
    load_visible(conn, &ctx.actor, id)?;
    workflow::history(conn, Reports::RESOURCE, id)
}
