//! Loading reports as the caller may see them, checking results, finding the plan and due date a report answers.

use super::model::*;
use crate::auth::Actor;
use crate::db::models::{
    new_id, CriterionRow, MovementRow, PlanRow, ReportRow, ResultRow, RoundRow, TargetRow,
};
use crate::db::repo::{movements, plans, reports as repo};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDate;

pub(super) fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(ReportRow, MovementRow), ApiError> {
    let report = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = crate::api::review::visible_movement(
        conn,
        actor,
        &report.movement_id,
        &report.unit_id,
        &report.status,
    )?;
    Ok((report, movement))
}

pub(super) struct PlanContext {
    pub(super) targets: Vec<TargetRow>,
    pub(super) criteria: Vec<CriterionRow>,
}

pub(super) fn plan_context(
    conn: &mut DbConnection,
    report: &ReportRow,
) -> Result<PlanContext, ApiError> {
    Ok(PlanContext {
        targets: plans::targets(conn, &report.plan_id)?,
        criteria: movements::list_criteria(conn, &report.movement_id, None, None, 10_000)?,
    })
}

pub(super) fn read_report(conn: &mut DbConnection, report: ReportRow) -> Result<Report, ApiError> {
    let ctx = plan_context(conn, &report)?;
    let results = repo::results(conn, &report.id)?;
    Ok(report_out(&ctx, report, results))
}

/// The report with its results, described from its plan's targets and criteria.
pub(super) fn report_out(ctx: &PlanContext, report: ReportRow, results: Vec<ResultRow>) -> Report {
    let results = results
        .into_iter()
        .map(|r| {
            let target = ctx.targets.iter().find(|t| t.id == r.target_id);
            let crit = ctx.criteria.iter().find(|c| c.id == r.criterion_id);
            ReportResult {
                criterion_code: crit.map(|c| c.code.clone()).unwrap_or_default(),
                criterion_title: crit.map(|c| c.title.clone()).unwrap_or_default(),
                max_score: crit.map(|c| c.max_score).unwrap_or_default(),
                target_value: target.map(|t| t.target_value).unwrap_or_default(),
                unit_of_measure: target
                    .map(|t| t.unit_of_measure.clone())
                    .unwrap_or_default(),
                id: r.id,
                target_id: r.target_id,
                criterion_id: r.criterion_id,
                achieved_value: r.achieved_value,
                self_score: r.self_score,
                assessed_score: r.assessed_score,
                evidence: r.evidence,
                evidence_url: r.evidence_url,
            }
        })
        .collect();
    Report::from_row(report, results)
}

pub(super) fn max_score_of(ctx: &PlanContext, target: &TargetRow) -> f64 {
    ctx.criteria
        .iter()
        .find(|c| c.id == target.criterion_id)
        .map(|c| c.max_score)
        .unwrap_or(0.0)
}

pub(super) fn result_rows(
    ctx: &PlanContext,
    report_id: &str,
    input: &[ResultInput],
) -> Result<Vec<ResultRow>, ApiError> {
    let mut c = Checks::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    if input.len() > 200 {
        c.fail("results", "at most 200 results", "tối đa 200 kết quả");
    }
    for (i, r) in input.iter().enumerate() {
        let Some(target) = ctx.targets.iter().find(|t| t.id == r.target_id) else {
            c.fail(
                &format!("results[{i}].target_id"),
                "not a target of the report's plan",
                "không phải chỉ tiêu của kế hoạch",
            );
            continue;
        };
        if !seen.insert(&target.id) {
            c.fail(
                &format!("results[{i}].target_id"),
                "target listed twice",
                "chỉ tiêu bị lặp",
            );
        }
        if !r.achieved_value.is_finite() {
            c.fail(
                &format!("results[{i}].achieved_value"),
                "must be a number",
                "phải là số",
            );
        }
        let max = max_score_of(ctx, target);
        if !(r.self_score.is_finite() && r.self_score >= 0.0 && r.self_score <= max) {
            c.fail(
                &format!("results[{i}].self_score"),
                format!("must be between 0 and {max}"),
                format!("phải từ 0 đến {max}"),
            );
        }
        let evidence = c.optional_text(&format!("results[{i}].evidence"), &r.evidence, 4000);
        let url = match &r.evidence_url {
            Some(u) if !u.trim().is_empty() => {
                let u = u.trim().to_string();
                if !(u.starts_with("https://") || u.starts_with("http://"))
                    || u.len() > 2000
                    || u.contains(char::is_whitespace)
                {
                    c.fail(
                        &format!("results[{i}].evidence_url"),
                        "must be an http(s) link",
                        "phải là đường dẫn http(s)",
                    );
                }
                Some(u)
            }
            _ => None,
        };
        rows.push(ResultRow {
            id: new_id(),
            report_id: report_id.to_string(),
            target_id: target.id.clone(),
            criterion_id: target.criterion_id.clone(),
            achieved_value: r.achieved_value,
            self_score: r.self_score,
            assessed_score: None,
            evidence,
            evidence_url: url,
        });
    }
    c.finish()?;
    Ok(rows)
}

/// The accepted plan a report answers, its period key and due date.
pub(super) fn resolve_period(
    conn: &mut DbConnection,
    movement: &MovementRow,
    unit_id: &str,
    body: &NewReport,
) -> Result<(PlanRow, String, NaiveDate), ApiError> {
    let accepted = |p: Option<PlanRow>| p.filter(|p| p.status == ReviewStatus::Accepted.as_str());
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
            let (round, due) =
                round_report_due(conn, movement, round_id, Some(body.kind.as_str()))?;
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
pub(super) fn current_due_on(
    conn: &mut DbConnection,
    movement: &MovementRow,
    report: &ReportRow,
) -> Result<NaiveDate, ApiError> {
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
        movement.annual_report_due_month as u32,
        movement.annual_report_due_day as u32,
    )
}

/// A round of the movement and its report deadline. When `kind` is given, the round
/// must be of that kind (checked before the deadline).
pub fn round_report_due(
    conn: &mut DbConnection,
    movement: &MovementRow,
    round_id: &str,
    kind: Option<&str>,
) -> Result<(RoundRow, NaiveDate), ApiError> {
    let round = movements::find_round(conn, &movement.id, round_id)?.ok_or_else(|| {
        ApiError::invalid(
            "round_id",
            "not a round of the movement",
            "không phải đợt của phong trào",
        )
    })?;
    if kind.is_some_and(|k| k != round.kind.as_str()) {
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
