//! Plans (kế hoạch): a unit's annual or period plan for a movement with its targets
//! (chỉ tiêu), drafted by the unit, signed off by its head, reviewed by DIC.

mod model;
mod steps;
mod targets;

pub use model::*;
pub use steps::{PlanRecord, Plans};

use super::review::{self, Review};
use super::version::IfMatch;
use super::workflow::{self, History, Workflow};
use super::{audit, page, Context, Result};
use crate::auth::policy::{require, Permission};
use crate::auth::Actor;
use crate::db::models::{new_id, MovementRow, PlanRow};
use crate::db::repo::{movements, plans as repo};
use crate::db::DbConnection;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use targets::{read_plan, target_rows};

/// The plan and its movement, if the caller may see it (else 404).
fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(PlanRow, MovementRow)> {
    let plan = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement =
        review::visible_movement(conn, actor, &plan.movement_id, &plan.unit_id, plan.status)?;
    Ok((plan, movement))
}

/// The plans the caller may see (their unit's, and the submitted ones of the movements
/// they review), oldest first, without their targets.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: PlanQuery) -> Result<PlanPage> {
    let limit = page::page_limit(q.limit)?;
    let filter = repo::PlanFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: page::year_filter(q.year)?,
        kind: q.kind,
        status: q.status,
        after_id: page::decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let vis = review::caller_scope(&ctx.actor);
    let rows = repo::list(conn, &filter, &vis)?;
    let (items, next_cursor) =
        page::paginate(rows, limit, |r| r.id.clone(), |r| Plan::from_row(r, vec![]));
    Ok(PlanPage { items, next_cursor })
}

/// A plan with its targets.
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Plan> {
    let (plan, _) = load_visible(conn, &ctx.actor, id)?;
    read_plan(conn, plan)
}

/// The period a new plan covers (`annual:2024` or `period`), checked against the
/// movement's period.
fn period_key(c: &mut Checks, movement: &MovementRow, input: &NewPlan) -> String {
    match (input.kind, input.year) {
        (PlanKind::Annual, Some(y)) => {
            if y < movement.period_start_year || y > movement.period_end_year {
                c.fail(
                    "year",
                    format!(
                        "outside the movement's period {}–{}",
                        movement.period_start_year, movement.period_end_year
                    ),
                    format!(
                        "nằm ngoài giai đoạn {}–{} của phong trào",
                        movement.period_start_year, movement.period_end_year
                    ),
                );
            }
            format!("annual:{y}")
        }
        (PlanKind::Annual, None) => {
            c.fail(
                "year",
                "an annual plan needs its year",
                "kế hoạch năm cần ghi năm",
            );
            String::new()
        }
        (PlanKind::Period, Some(_)) => {
            c.fail(
                "year",
                "a period plan covers the movement's period: no year",
                "kế hoạch giai đoạn không ghi năm",
            );
            String::new()
        }
        (PlanKind::Period, None) => "period".to_string(),
    }
}

/// Drafts a plan for the caller's unit (or `unit_id`): its officers and head.
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewPlan) -> Result<Plan> {
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    require(&ctx.actor, Permission::EditUnitRecord { unit_id: &unit_id })?;
    let movement = movements::find(conn, &input.movement_id)?.ok_or_else(ApiError::not_found)?;
    let mut c = Checks::new();
    let title = c.text("title", &input.title, 500);
    let description = c.optional_text("description", &input.description, 10_000);
    let period_key = period_key(&mut c, &movement, &input);
    c.finish()?;
    if repo::find_by_period(conn, &unit_id, &movement.id, &period_key)?.is_some() {
        return Err(ApiError::new(ErrorCode::PlanExists).with("period", period_key));
    }
    let t = ctx.now_utc();
    let row = PlanRow {
        id: new_id(),
        unit_id,
        movement_id: movement.id.clone(),
        kind: input.kind,
        year: input.year,
        period_key,
        title,
        description,
        status: ReviewStatus::Draft,
        submitted_at: None,
        reviewed_at: None,
        return_reason: None,
        version: 1,
        created_at: t,
        updated_at: t,
    };
    let targets = target_rows(conn, &row, &input.targets)?;
    repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
        e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::PlanExists),
        e => e,
    })?;
    repo::replace_targets(conn, &row.id, &targets)?;
    review::record_created(conn, ctx, Plans::RESOURCE, &row.id)?;
    let out = read_plan(conn, row)?;
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "plan.create",
        Plans::RESOURCE,
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Changes a draft or returned plan: its officers and head, at the version read.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    changes: PlanChanges,
    expected: IfMatch,
) -> Result<Plan> {
    let (before, _) = load_visible(conn, &ctx.actor, id)?;
    require(
        &ctx.actor,
        Permission::EditUnitRecord {
            unit_id: &before.unit_id,
        },
    )?;
    review::require_editable(before.status)?;
    let old = read_plan(conn, before.clone())?;
    let mut row = before.clone();
    let mut c = Checks::new();
    if let Some(t) = &changes.title {
        row.title = c.text("title", t, 500);
    }
    if let Some(d) = &changes.description {
        row.description = c.optional_text("description", d, 10_000);
    }
    c.finish()?;
    let targets = match &changes.targets {
        Some(t) => Some(target_rows(conn, &row, t)?),
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
    if let Some(t) = targets {
        repo::replace_targets(conn, &row.id, &t)?;
    }
    let new = read_plan(conn, row)?;
    audit::audit_changed(
        conn,
        &ctx.audit_actor(),
        "plan.update",
        Plans::RESOURCE,
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
    action: ReviewAction,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<Plan> {
    workflow::take::<Plans, _>(conn, ctx, id, &Review { action, comment }, expected)
}

/// Submits the plan to DIC: the unit's head; it must have targets.
pub fn submit(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<Plan> {
    step(conn, ctx, id, ReviewAction::Submit, comment, expected)
}

/// Accepts a submitted plan: DIC of the movement's standing unit, not its submitter.
pub fn accept(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<Plan> {
    step(conn, ctx, id, ReviewAction::Accept, comment, expected)
}

/// Returns a submitted plan to the unit with a reason: DIC of the standing unit.
pub fn send_back(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    reason: String,
    expected: IfMatch,
) -> Result<Plan> {
    step(conn, ctx, id, ReviewAction::Return, Some(reason), expected)
}

/// Every step the plan went through, oldest first.
pub fn history(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<History> {
    load_visible(conn, &ctx.actor, id)?;
    workflow::history(conn, Plans::RESOURCE, id)
}
