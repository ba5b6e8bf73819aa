//! Plans and their targets.

use crate::db::models::{PlanRow, TargetRow};
use crate::db::schema::{plan_targets as t, plans as p, units as u};
use crate::db::DbConnection;
use crate::domain::review::{PlanKind, ReviewStatus};
use diesel::prelude::*;

use crate::auth::policy::{Reviewed, Visibility};
use crate::db::repo::movements;

#[derive(Debug, Clone, Default)]
pub struct PlanFilter {
    pub movement_id: Option<String>,
    pub unit_id: Option<String>,
    pub group_id: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<PlanKind>,
    pub status: Option<ReviewStatus>,
    pub after_id: Option<String>,
    pub limit: i64,
}

pub fn list(
    conn: &mut DbConnection,
    f: &PlanFilter,
    vis: &Visibility,
) -> QueryResult<Vec<PlanRow>> {
    let mut q = p::table.into_boxed();
    if let Visibility::Scoped { unit_id, reviewed } = vis {
        let own = p::unit_id.eq(unit_id.as_str());
        let sent = p::status.ne(ReviewStatus::Draft);
        q = match reviewed {
            Reviewed::Nothing => q.filter(own),
            Reviewed::Every => q.filter(own.or(sent)),
            Reviewed::ActingUnit {
                standing,
                appraising,
            } => q.filter(
                own.or(sent.and(p::movement_id.eq_any(movements::acting_unit_ids(
                    standing.as_deref(),
                    appraising.as_deref(),
                )))),
            ),
        };
    }
    if let Some(v) = &f.movement_id {
        q = q.filter(p::movement_id.eq(v.clone()));
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(p::unit_id.eq(v.clone()));
    }
    if let Some(g) = &f.group_id {
        let members = u::table.filter(u::group_id.eq(g.clone())).select(u::id);
        q = q.filter(p::unit_id.eq_any(members));
    }
    if let Some(v) = f.year {
        q = q.filter(p::year.eq(v));
    }
    if let Some(v) = f.kind {
        q = q.filter(p::kind.eq(v));
    }
    if let Some(v) = f.status {
        q = q.filter(p::status.eq(v));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(p::id.gt(v.clone()));
    }
    q.order(p::id.asc()).limit(f.limit).load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<PlanRow>> {
    p::table.find(id).first(conn).optional()
}

pub fn find_by_period(
    conn: &mut DbConnection,
    unit_id: &str,
    movement_id: &str,
    period_key: &str,
) -> QueryResult<Option<PlanRow>> {
    p::table
        .filter(p::unit_id.eq(unit_id))
        .filter(p::movement_id.eq(movement_id))
        .filter(p::period_key.eq(period_key))
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &PlanRow) -> QueryResult<()> {
    diesel::insert_into(p::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Writes content and state when the stored version is still `expected_version`.
pub fn update(conn: &mut DbConnection, row: &PlanRow, expected_version: i32) -> QueryResult<bool> {
    let n = diesel::update(
        p::table
            .filter(p::id.eq(&row.id))
            .filter(p::version.eq(expected_version)),
    )
    .set((
        p::title.eq(&row.title),
        p::description.eq(&row.description),
        p::status.eq(&row.status),
        p::submitted_at.eq(row.submitted_at),
        p::reviewed_at.eq(row.reviewed_at),
        p::return_reason.eq(&row.return_reason),
        p::version.eq(row.version),
        p::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn targets(conn: &mut DbConnection, plan_id: &str) -> QueryResult<Vec<TargetRow>> {
    t::table
        .filter(t::plan_id.eq(plan_id))
        .order(t::position.asc())
        .load(conn)
}

pub fn replace_targets(
    conn: &mut DbConnection,
    plan_id: &str,
    rows: &[TargetRow],
) -> QueryResult<()> {
    diesel::delete(t::table.filter(t::plan_id.eq(plan_id))).execute(conn)?;
    for r in rows {
        diesel::insert_into(t::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// Plans submitted and not yet reviewed, oldest first.
pub fn waiting_for_review(
    conn: &mut DbConnection,
    movement_ids: &[String],
) -> QueryResult<Vec<PlanRow>> {
    p::table
        .filter(p::status.eq(ReviewStatus::Submitted))
        .filter(p::movement_id.eq_any(movement_ids.to_vec()))
        .order(p::submitted_at.asc())
        .load(conn)
}

/// A unit's plans still to submit (draft or returned).
pub fn unsubmitted_of_unit(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<PlanRow>> {
    p::table
        .filter(p::unit_id.eq(unit_id))
        .filter(p::status.eq_any([ReviewStatus::Draft, ReviewStatus::Returned]))
        .order(p::id.asc())
        .load(conn)
}
