//! A unit's own deadlines: plans to submit or to write, reports due or overdue.

use super::{rounds_by_movement, Deadline, DeadlineKind, Window};
use crate::app::Result;
use crate::db::models::MovementRow;
use crate::db::repo::{deadlines as repo, plans};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use chrono::{Datelike, NaiveDate};

/// The period key of a movement's period plan (an accepted one is enough to report on).
const PERIOD_PLAN: &str = "period";

/// Appends the unit's deadlines to `out`: its plans still to submit, the annual plan it
/// has not written for this year, and the reports due within the window or overdue (an
/// unsent report stays on the list for a year after its due day, across New Year).
pub(super) fn deadlines(
    conn: &mut DbConnection,
    unit_id: &str,
    all: &[MovementRow],
    w: Window,
    out: &mut Vec<Deadline>,
) -> Result<()> {
    for p in plans::unsubmitted_of_unit(conn, unit_id)? {
        out.push(Deadline {
            kind: DeadlineKind::PlanNotSubmitted,
            resource_type: "plan".into(),
            resource_id: Some(p.id.clone()),
            movement_id: p.movement_id.clone(),
            unit_id: unit_id.into(),
            title: p.title.clone(),
            due_on: None,
            days_left: None,
            working_days_waiting: None,
        });
    }
    let year = w.today.year();
    let current: Vec<&MovementRow> = all
        .iter()
        .filter(|m| m.period_start_year <= year && year - 1 <= m.period_end_year)
        .collect();
    if current.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = current.iter().map(|m| m.id.clone()).collect();
    let annual_key = format!("annual:{year}");
    let unit_plans = repo::unit_plans(
        conn,
        unit_id,
        &ids,
        &[annual_key.clone(), PERIOD_PLAN.to_string()],
    )?;
    let unit_reports = repo::unit_reports(conn, unit_id)?;
    let rounds = rounds_by_movement(conn, ids)?;
    let oldest = w.today - chrono::Duration::days(366);
    for m in current {
        let in_period = |y: i32| m.period_start_year <= y && y <= m.period_end_year;
        let plan = |key: &str| {
            unit_plans
                .iter()
                .find(|p| p.movement_id == m.id && p.period_key == key)
        };
        if in_period(year)
            && plan(&annual_key).is_none()
            && plan(PERIOD_PLAN).is_none_or(|p| p.status != ReviewStatus::Accepted)
        {
            out.push(Deadline {
                kind: DeadlineKind::PlanMissing,
                resource_type: "plan".into(),
                resource_id: None,
                movement_id: m.id.clone(),
                unit_id: unit_id.into(),
                title: format!("Kế hoạch năm {year}: {}", m.title),
                due_on: None,
                days_left: None,
                working_days_waiting: None,
            });
        }
        // Reports due: the annual reports of this year and last, and the rounds' reports.
        let mut due: Vec<(String, String, NaiveDate)> = Vec::new();
        for y in [year - 1, year].into_iter().filter(|y| in_period(*y)) {
            if let Some(d) = crate::app::reports::annual_due_on(m, y) {
                due.push((
                    format!("annual:{y}"),
                    format!("Báo cáo năm {y}: {}", m.title),
                    d,
                ));
            }
        }
        for r in rounds.get(&m.id).into_iter().flatten() {
            if let Some(d) = r.report_due_on {
                due.push((format!("round:{}", r.id), format!("Báo cáo {}", r.title), d));
            }
        }
        for (key, title, due_on) in due {
            let report = unit_reports
                .iter()
                .find(|r| r.movement_id == m.id && r.period_key == key);
            let submitted = report.is_some_and(|r| {
                matches!(r.status, ReviewStatus::Submitted | ReviewStatus::Accepted)
            });
            // Older misses stay on the report status, not on this list.
            if submitted || due_on > w.horizon || due_on < oldest {
                continue;
            }
            out.push(Deadline {
                kind: if due_on < w.today {
                    DeadlineKind::ReportOverdue
                } else {
                    DeadlineKind::ReportDue
                },
                resource_type: "report".into(),
                resource_id: report.map(|r| r.id.clone()),
                movement_id: m.id.clone(),
                unit_id: unit_id.into(),
                title,
                due_on: Some(due_on),
                days_left: Some((due_on - w.today).num_days()),
                working_days_waiting: None,
            });
        }
    }
    Ok(())
}
