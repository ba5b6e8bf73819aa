//! Records waiting on the caller: consolidated nominations for Home Affairs' appraisal,
//! submitted plans and reports for DIC's review, each against its working-day limit.

use super::{calendar, rounds_by_movement, Deadline, DeadlineKind, Window};
use crate::app::{Context, Result};
use crate::auth::policy::{allows, review_deadlines_of, MovementRoles, Permission};
use crate::db::models::MovementRow;
use crate::db::repo::{deadlines as repo, nominations, plans, reports};
use crate::db::DbConnection;
use crate::domain::calendar::{local_day, Calendar};
use chrono::NaiveDate;
use std::collections::HashMap;

const REVIEW: (DeadlineKind, DeadlineKind) = (DeadlineKind::ReviewDue, DeadlineKind::ReviewOverdue);
const APPRAISAL: (DeadlineKind, DeadlineKind) =
    (DeadlineKind::AppraisalDue, DeadlineKind::AppraisalOverdue);

/// A record waiting since `start` for at most `limit_days` working days.
struct Waiting<'a> {
    kinds: (DeadlineKind, DeadlineKind),
    resource_type: &'static str,
    id: &'a str,
    movement_id: &'a str,
    unit_id: &'a str,
    /// The title before the unit's name ("{what} — {unit}").
    what: String,
    start: NaiveDate,
    limit_days: i32,
}

impl Waiting<'_> {
    /// Due or overdue, or None when due after the horizon; titled without the unit.
    fn item(self, cal: &Calendar, w: Window) -> Option<Deadline> {
        let due_on = cal.add_working_days(self.start, u32::try_from(self.limit_days).unwrap_or(0));
        if due_on > w.horizon {
            return None;
        }
        let (due_kind, overdue_kind) = self.kinds;
        Some(Deadline {
            kind: if due_on < w.today {
                overdue_kind
            } else {
                due_kind
            },
            resource_type: self.resource_type.into(),
            resource_id: Some(self.id.into()),
            movement_id: self.movement_id.into(),
            unit_id: self.unit_id.into(),
            title: self.what,
            due_on: Some(due_on),
            days_left: Some((due_on - w.today).num_days()),
            working_days_waiting: Some(cal.working_days_between(self.start, w.today)),
        })
    }
}

/// The appraisals, then the plan reviews, then the report reviews waiting on the caller
/// and due within the window (or overdue), titled with the proposing unit's name.
pub(super) fn deadlines(
    conn: &mut DbConnection,
    ctx: &Context,
    all: &[(&MovementRow, MovementRoles<'_>)],
    w: Window,
) -> Result<Vec<Deadline>> {
    let actor = &ctx.actor;
    let appraised: Vec<String> = all
        .iter()
        .filter(|(_, roles)| allows(actor, Permission::AppraiseMovement { movement: *roles }))
        .map(|(m, _)| m.id.clone())
        .collect();
    let reviewed: Vec<&MovementRow> = all
        .iter()
        .filter(|(_, roles)| review_deadlines_of(actor, *roles))
        .map(|(m, _)| *m)
        .collect();
    if appraised.is_empty() && reviewed.is_empty() {
        return Ok(Vec::new());
    }
    // One calendar for both lists.
    let cal = calendar(
        conn,
        w.today - chrono::Duration::days(400),
        w.horizon + chrono::Duration::days(400),
    )?;
    let tz = ctx.time_zone;
    let mut items = Vec::new();
    if !appraised.is_empty() {
        let waiting = nominations::waiting_for_appraisal(conn, &appraised)?;
        let rounds = rounds_by_movement(conn, appraised)?;
        for n in &waiting {
            let round = rounds
                .get(&n.movement_id)
                .and_then(|rs| rs.iter().find(|r| r.id == n.round_id));
            let (Some(round), Some(since)) = (round, n.consolidated_at) else {
                continue;
            };
            // Counted in working days from consolidation: the dossier is complete then.
            items.extend(
                Waiting {
                    kinds: APPRAISAL,
                    resource_type: "nomination",
                    id: &n.id,
                    movement_id: &n.movement_id,
                    unit_id: &n.unit_id,
                    what: format!("Thẩm định: {}", n.nominee_name),
                    start: local_day(since.and_utc(), tz),
                    limit_days: round.appraisal_working_days,
                }
                .item(&cal, w),
            );
        }
    }
    if !reviewed.is_empty() {
        let ids: Vec<String> = reviewed.iter().map(|m| m.id.clone()).collect();
        let movement = |id: &str| reviewed.iter().find(|m| m.id == id);
        for p in plans::waiting_for_review(conn, &ids)? {
            let (Some(m), Some(submitted)) = (movement(&p.movement_id), p.submitted_at) else {
                continue;
            };
            items.extend(
                Waiting {
                    kinds: REVIEW,
                    resource_type: "plan",
                    id: &p.id,
                    movement_id: &m.id,
                    unit_id: &p.unit_id,
                    what: p.title.clone(),
                    start: local_day(submitted.and_utc(), tz),
                    limit_days: m.review_working_days,
                }
                .item(&cal, w),
            );
        }
        for r in reports::waiting_for_review(conn, &ids)? {
            let (Some(m), Some(submitted)) = (movement(&r.movement_id), r.submitted_at) else {
                continue;
            };
            let what = match (r.kind.as_str(), r.year) {
                ("annual", Some(y)) => format!("Báo cáo năm {y}"),
                ("interim", _) => "Báo cáo sơ kết".to_string(),
                _ => "Báo cáo tổng kết".to_string(),
            };
            items.extend(
                Waiting {
                    kinds: REVIEW,
                    resource_type: "report",
                    id: &r.id,
                    movement_id: &m.id,
                    unit_id: &r.unit_id,
                    what,
                    start: local_day(submitted.and_utc(), tz),
                    limit_days: m.review_working_days,
                }
                .item(&cal, w),
            );
        }
    }
    name_units(conn, &mut items)?;
    Ok(items)
}

/// Appends the unit's name to each title, reading every name in one statement.
fn name_units(conn: &mut DbConnection, items: &mut [Deadline]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<String> = items.iter().map(|d| d.unit_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let names: HashMap<String, String> = repo::unit_names(conn, &ids)?.into_iter().collect();
    for d in items {
        let name = names
            .get(&d.unit_id)
            .map(String::as_str)
            .unwrap_or_default();
        d.title = format!("{} — {name}", d.title);
    }
    Ok(())
}
