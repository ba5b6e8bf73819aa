//! The period a report answers: its accepted plan, its key and its due date.

use super::model::*;
use crate::app::Result;
use crate::db::models::{MovementRow, PlanRow, ReportRow, RoundRow};
use crate::db::repo::{movements, plans};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDate;

/// The accepted plan a report answers, its period key and due date.
pub fn resolve_period(
    conn: &mut DbConnection,
    movement: &MovementRow,
    unit_id: &str,
    body: &NewReport,
) -> Result<(PlanRow, String, NaiveDate)> {
    let accepted = |p: Option<PlanRow>| p.filter(|p| p.status == ReviewStatus::Accepted);
    match body.kind {
        ReportKind::Annual => {
            let mut c = Checks::new();
            let year = match (body.year, &body.round_id) {
                (Some(y), None) => {
                    if y < movement.period_start_year || y > movement.period_end_year {
                        c.fail(
                            "year",
                            "outside the movement's period",
                            "nằm ngoài giai đoạn của phong trào",
                        );
                    }
                    y
                }
                _ => {
                    c.fail(
                        "year",
                        "an annual report needs its year and no round",
                        "báo cáo năm cần ghi năm, không ghi đợt",
                    );
                    0
                }
            };
            c.finish()?;
            let due = annual_due_on(movement, year)
                .ok_or_else(|| ApiError::internal("movement due date invalid"))?;
            let plan = accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                &format!("annual:{year}"),
            )?)
            .or(accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                "period",
            )?))
            .ok_or_else(|| ApiError::new(ErrorCode::NoAcceptedPlan))?;
            Ok((plan, format!("annual:{year}"), due))
        }
        ReportKind::Interim | ReportKind::Final => {
            let Some(round_id) = body.round_id.as_deref().filter(|_| body.year.is_none()) else {
                return Err(ApiError::invalid(
                    "round_id",
                    "an interim or final report names its award round and no year",
                    "báo cáo sơ kết, tổng kết cần ghi đợt khen thưởng, không ghi năm",
                ));
            };
            let (round, due) = round_report_due(conn, movement, round_id, Some(body.kind))?;
            let plan = accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                "period",
            )?)
            .or(accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                &format!("annual:{}", round.period_end_year),
            )?))
            .ok_or_else(|| ApiError::new(ErrorCode::NoAcceptedPlan))?;
            Ok((plan, format!("round:{}", round.id), due))
        }
    }
}

/// The report's due date as the movement or round sets it now.
pub fn current_due_on(
    conn: &mut DbConnection,
    movement: &MovementRow,
    report: &ReportRow,
) -> Result<NaiveDate> {
    match (&report.round_id, report.year) {
        (Some(round_id), _) => Ok(movements::find_round(conn, &movement.id, round_id)?
            .and_then(|r| r.report_due_on)
            .unwrap_or(report.due_on)),
        (None, Some(year)) => Ok(annual_due_on(movement, year).unwrap_or(report.due_on)),
        (None, None) => Ok(report.due_on),
    }
}

/// The annual report's due day of a year (10 December unless the movement says else).
pub fn annual_due_on(movement: &MovementRow, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        year,
        u32::try_from(movement.annual_report_due_month).ok()?,
        u32::try_from(movement.annual_report_due_day).ok()?,
    )
}

/// A round of the movement and its report deadline. When `kind` is given, the round
/// must be of that kind (checked before the deadline).
pub fn round_report_due(
    conn: &mut DbConnection,
    movement: &MovementRow,
    round_id: &str,
    kind: Option<ReportKind>,
) -> Result<(RoundRow, NaiveDate)> {
    let round = movements::find_round(conn, &movement.id, round_id)?.ok_or_else(|| {
        ApiError::invalid(
            "round_id",
            "not a round of the movement",
            "không phải đợt của phong trào",
        )
    })?;
    if kind.is_some_and(|k| k.as_str() != round.kind.as_str()) {
        return Err(ApiError::invalid(
            "kind",
            format!("the round is {}", round.kind),
            format!("đợt này là {}", round.kind),
        ));
    }
    let due = round.report_due_on.ok_or_else(|| {
        ApiError::invalid(
            "round_id",
            "the round has no report deadline",
            "đợt khen thưởng chưa có hạn báo cáo",
        )
    })?;
    Ok((round, due))
}
