//! What DIC looks at on 11 December: who reported (report status), and the province
//! roll-up it issues for the People's Committee (`issue`: an immutable snapshot,
//! readable as JSON or CSV; the contract calls it a consolidated report).

mod csv;
mod issue;
mod rankings;

pub use csv::{csv_file_name, to_csv};
pub use issue::*;
pub use rankings::{rankings, GroupStanding, RankingView, Rankings};

use super::reports::{annual_due_on, round_report_due};
use super::{Context, Result};
use crate::auth::policy::{require, MovementRoles, Permission};
use crate::db::models::{GroupRow, MovementRow, ReportRow, UnitRow};
use crate::db::repo::{movements, organisation, reports};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// A period of reporting: a year (annual reports) or an award round (interim/final).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The reporting year (annual reports).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// The award round (interim or final reports).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
}

struct Period {
    key: String,
    year: Option<i32>,
    round_id: Option<String>,
    due_on: NaiveDate,
    label: String,
}

fn resolve_period(
    conn: &mut DbConnection,
    movement: &MovementRow,
    year: Option<i32>,
    round_id: Option<&str>,
) -> Result<Period> {
    match (year, round_id) {
        (Some(y), None) => {
            if !(2000..=2100).contains(&y) {
                return Err(ApiError::invalid(
                    "year",
                    "must be between 2000 and 2100",
                    "phải từ 2000 đến 2100",
                ));
            }
            let due_on = annual_due_on(movement, y)
                .ok_or_else(|| ApiError::internal("movement due date invalid"))?;
            Ok(Period {
                key: format!("annual:{y}"),
                year: Some(y),
                round_id: None,
                due_on,
                label: format!("Năm {y}"),
            })
        }
        (None, Some(r)) => {
            let (round, due_on) = round_report_due(conn, movement, r, None)?;
            Ok(Period {
                key: format!("round:{}", round.id),
                year: None,
                round_id: Some(round.id),
                due_on,
                label: round.title,
            })
        }
        _ => Err(ApiError::invalid(
            "year",
            "give either year or round_id",
            "cần ghi năm hoặc đợt khen thưởng",
        )),
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnitReportState {
    NotStarted,
    Draft,
    SubmittedOnTime,
    SubmittedLate,
    Returned,
    Accepted,
}

fn state_of(report: Option<&ReportRow>) -> UnitReportState {
    match report {
        None => UnitReportState::NotStarted,
        Some(r) => match r.status {
            ReviewStatus::Submitted if r.late => UnitReportState::SubmittedLate,
            ReviewStatus::Submitted => UnitReportState::SubmittedOnTime,
            ReviewStatus::Returned => UnitReportState::Returned,
            ReviewStatus::Accepted => UnitReportState::Accepted,
            ReviewStatus::Draft => UnitReportState::Draft,
        },
    }
}

#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct StatusTotals {
    pub expected: usize,
    pub not_started: usize,
    pub draft: usize,
    pub submitted_on_time: usize,
    pub submitted_late: usize,
    pub returned: usize,
    pub accepted: usize,
}

impl StatusTotals {
    fn add(&mut self, s: UnitReportState) {
        self.expected += 1;
        match s {
            UnitReportState::NotStarted => self.not_started += 1,
            UnitReportState::Draft => self.draft += 1,
            UnitReportState::SubmittedOnTime => self.submitted_on_time += 1,
            UnitReportState::SubmittedLate => self.submitted_late += 1,
            UnitReportState::Returned => self.returned += 1,
            UnitReportState::Accepted => self.accepted += 1,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitStatus {
    pub unit_id: String,
    pub code: String,
    pub name: String,
    pub state: UnitReportState,
    pub report_id: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Accepted reports keep their late mark.
    pub late: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupStatus {
    pub group_id: String,
    pub group_code: String,
    pub group_name: String,
    pub totals: StatusTotals,
    pub units: Vec<UnitStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "year": 2024, "round_id": null, "due_on": "2024-12-10",
    "totals": {"expected": 41, "not_started": 3, "draft": 2, "submitted_on_time": 20, "submitted_late": 4, "returned": 1, "accepted": 11},
    "groups": [{"group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "group_code": "CUM-2", "group_name": "Cụm thi đua số 2",
        "totals": {"expected": 3, "not_started": 0, "draft": 0, "submitted_on_time": 2, "submitted_late": 1, "returned": 0, "accepted": 0},
        "units": [{"unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười",
            "state": "submitted_late", "report_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f00", "submitted_at": "2024-12-11T01:20:00Z", "late": true}]}]
}))]
pub struct ReportStatus {
    pub movement_id: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub due_on: NaiveDate,
    pub totals: StatusTotals,
    pub groups: Vec<GroupStatus>,
}

fn movement_for_review(conn: &mut DbConnection, id: &str) -> Result<MovementRow> {
    movements::find(conn, id)?.ok_or_else(ApiError::not_found)
}

/// Member units with their group, and their reports by unit id.
type PeriodData = (Vec<(UnitRow, GroupRow)>, HashMap<String, ReportRow>);

/// Member units of a period and their reports.
fn period_data(
    conn: &mut DbConnection,
    movement: &MovementRow,
    period: &Period,
) -> Result<PeriodData> {
    let members = organisation::members_on(conn, period.due_on)?;
    let by_unit = reports::of_period(conn, &movement.id, &period.key)?
        .into_iter()
        .map(|r| (r.unit_id.clone(), r))
        .collect();
    Ok((members, by_unit))
}

/// For every member unit, grouped by bloc and cluster: not started, draft, submitted on
/// time, submitted late, returned, accepted; with totals (the movement's reviewers, the
/// Chair, admins and auditors).
pub fn report_status(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    q: PeriodQuery,
) -> Result<ReportStatus> {
    let movement = movement_for_review(conn, movement_id)?;
    require(
        &ctx.actor,
        Permission::ReadReportStatus {
            movement: MovementRoles::of(&movement),
        },
    )?;
    let period = resolve_period(conn, &movement, q.year, q.round_id.as_deref())?;
    let (members, by_unit) = period_data(conn, &movement, &period)?;
    let mut totals = StatusTotals::default();
    let mut groups: Vec<GroupStatus> = Vec::new();
    for (u, g) in members {
        let report = by_unit.get(&u.id);
        let s = state_of(report);
        totals.add(s);
        if groups.last().is_none_or(|x| x.group_id != g.id) {
            groups.push(GroupStatus {
                group_id: g.id.clone(),
                group_code: g.code.clone(),
                group_name: g.name.clone(),
                totals: StatusTotals::default(),
                units: vec![],
            });
        }
        if let Some(group) = groups.last_mut() {
            group.totals.add(s);
            group.units.push(UnitStatus {
                unit_id: u.id,
                code: u.code,
                name: u.name,
                state: s,
                report_id: report.map(|r| r.id.clone()),
                submitted_at: report.and_then(|r| r.submitted_at).map(|t| t.and_utc()),
                late: report.is_some_and(|r| r.late),
            });
        }
    }
    Ok(ReportStatus {
        movement_id: movement.id,
        year: period.year,
        round_id: period.round_id,
        due_on: period.due_on,
        totals,
        groups,
    })
}
