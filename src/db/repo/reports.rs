//! Reports, their results, and the province's roll-ups (table `consolidated_reports`).

use crate::auth::policy::{Reviewed, Visibility};
use crate::db::models::{ReportRow, ResultRow, RollupRow};
use crate::db::repo::movements;
use crate::db::schema::{
    consolidated_reports as cr, plan_targets as t, report_results as rr, reports as r, units as u,
};
use crate::db::DbConnection;
use crate::domain::review::{ReportKind, ReviewStatus};
use diesel::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub movement_id: Option<String>,
    pub unit_id: Option<String>,
    pub group_id: Option<String>,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub kind: Option<ReportKind>,
    pub status: Option<ReviewStatus>,
    pub late: Option<bool>,
    pub after_id: Option<String>,
    pub limit: i64,
}

pub fn list(
    conn: &mut DbConnection,
    f: &ReportFilter,
    vis: &Visibility,
) -> QueryResult<Vec<ReportRow>> {
    let mut q = r::table.into_boxed();
    if let Visibility::Scoped { unit_id, reviewed } = vis {
        let own = r::unit_id.eq(unit_id.as_str());
        let sent = r::status.ne(ReviewStatus::Draft);
        q = match reviewed {
            Reviewed::Nothing => q.filter(own),
            Reviewed::Every => q.filter(own.or(sent)),
            Reviewed::ActingUnit {
                standing,
                appraising,
            } => q.filter(
                own.or(sent.and(r::movement_id.eq_any(movements::acting_unit_ids(
                    standing.as_deref(),
                    appraising.as_deref(),
                )))),
            ),
        };
    }
    if let Some(v) = &f.movement_id {
        q = q.filter(r::movement_id.eq(v.clone()));
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(r::unit_id.eq(v.clone()));
    }
    if let Some(g) = &f.group_id {
        let members = u::table.filter(u::group_id.eq(g.clone())).select(u::id);
        q = q.filter(r::unit_id.eq_any(members));
    }
    if let Some(v) = f.year {
        q = q.filter(r::year.eq(v));
    }
    if let Some(v) = &f.round_id {
        q = q.filter(r::round_id.eq(v.clone()));
    }
    if let Some(v) = f.kind {
        q = q.filter(r::kind.eq(v));
    }
    if let Some(v) = f.status {
        q = q.filter(r::status.eq(v));
    }
    if let Some(v) = f.late {
        q = q.filter(r::late.eq(v));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(r::id.gt(v.clone()));
    }
    q.order(r::id.asc()).limit(f.limit).load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ReportRow>> {
    r::table.find(id).first(conn).optional()
}

pub fn insert(conn: &mut DbConnection, row: &ReportRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(
    conn: &mut DbConnection,
    row: &ReportRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        r::table
            .filter(r::id.eq(&row.id))
            .filter(r::version.eq(expected_version)),
    )
    .set((
        r::narrative.eq(&row.narrative),
        r::status.eq(&row.status),
        r::first_submitted_at.eq(row.first_submitted_at),
        r::submitted_at.eq(row.submitted_at),
        r::late.eq(row.late),
        r::reviewed_at.eq(row.reviewed_at),
        r::return_reason.eq(&row.return_reason),
        r::version.eq(row.version),
        r::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn results(conn: &mut DbConnection, report_id: &str) -> QueryResult<Vec<ResultRow>> {
    rr::table
        .filter(rr::report_id.eq(report_id))
        .order(rr::id.asc())
        .load(conn)
}

pub fn replace_results(
    conn: &mut DbConnection,
    report_id: &str,
    rows: &[ResultRow],
) -> QueryResult<()> {
    diesel::delete(rr::table.filter(rr::report_id.eq(report_id))).execute(conn)?;
    for row in rows {
        diesel::insert_into(rr::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn set_assessed_score(conn: &mut DbConnection, result_id: &str, score: f64) -> QueryResult<()> {
    diesel::update(rr::table.find(result_id))
        .set(rr::assessed_score.eq(Some(score)))
        .execute(conn)
        .map(|_| ())
}

/// Every report of a movement for one period (`annual:2023`, `round:<id>`).
pub fn of_period(
    conn: &mut DbConnection,
    movement_id: &str,
    period_key: &str,
) -> QueryResult<Vec<ReportRow>> {
    r::table
        .filter(r::movement_id.eq(movement_id))
        .filter(r::period_key.eq(period_key))
        .load(conn)
}

/// (report id, criterion id, target value, achieved value, assessed score) of every
/// result of a period's reports, in one query.
pub type PeriodResult = (String, String, f64, f64, Option<f64>);

pub fn results_of_period(
    conn: &mut DbConnection,
    movement_id: &str,
    period_key: &str,
) -> QueryResult<Vec<PeriodResult>> {
    let report_ids = r::table
        .filter(r::movement_id.eq(movement_id.to_string()))
        .filter(r::period_key.eq(period_key.to_string()))
        .select(r::id);
    rr::table
        .inner_join(t::table)
        .filter(rr::report_id.eq_any(report_ids))
        .select((
            rr::report_id,
            rr::criterion_id,
            t::target_value,
            rr::achieved_value,
            rr::assessed_score,
        ))
        .load(conn)
}

/// Reports submitted and not yet reviewed, oldest first.
pub fn waiting_for_review(
    conn: &mut DbConnection,
    movement_ids: &[String],
) -> QueryResult<Vec<ReportRow>> {
    r::table
        .filter(r::status.eq(ReviewStatus::Submitted))
        .filter(r::movement_id.eq_any(movement_ids.to_vec()))
        .order(r::submitted_at.asc())
        .load(conn)
}

pub fn of_unit(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<ReportRow>> {
    r::table.filter(r::unit_id.eq(unit_id)).load(conn)
}

pub fn insert_rollup(conn: &mut DbConnection, row: &RollupRow) -> QueryResult<()> {
    // The newest is the current one; earlier ones stay, marked as superseded.
    diesel::update(
        cr::table
            .filter(cr::movement_id.eq(&row.movement_id))
            .filter(cr::period_key.eq(&row.period_key))
            .filter(cr::is_current.eq(true)),
    )
    .set(cr::is_current.eq(false))
    .execute(conn)?;
    diesel::insert_into(cr::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_rollup(conn: &mut DbConnection, id: &str) -> QueryResult<Option<RollupRow>> {
    cr::table.find(id).first(conn).optional()
}

#[derive(Debug, Clone, Default)]
pub struct RollupFilter {
    pub movement_id: Option<String>,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub current: Option<bool>,
    pub before_id: Option<String>,
    pub limit: i64,
}

/// Newest first.
pub fn list_rollups(
    conn: &mut DbConnection,
    f: &RollupFilter,
    movement_ids: &[String],
) -> QueryResult<Vec<RollupRow>> {
    let mut q = cr::table
        .filter(cr::movement_id.eq_any(movement_ids.to_vec()))
        .into_boxed();
    if let Some(v) = &f.movement_id {
        q = q.filter(cr::movement_id.eq(v.clone()));
    }
    if let Some(v) = f.year {
        q = q.filter(cr::year.eq(v));
    }
    if let Some(v) = &f.round_id {
        q = q.filter(cr::round_id.eq(v.clone()));
    }
    if let Some(v) = f.current {
        q = q.filter(cr::is_current.eq(v));
    }
    if let Some(v) = &f.before_id {
        q = q.filter(cr::id.lt(v.clone()));
    }
    q.order(cr::id.desc()).limit(f.limit).load(conn)
}
