//! A report's results: checked against its plan's targets and the criteria, and
//! described by them.

use super::model::*;
use crate::app::Result;
use crate::db::models::{new_id, CriterionRow, ReportRow, ResultRow, TargetRow};
use crate::db::repo::{movements, plans, reports as repo};
use crate::db::DbConnection;
use crate::domain::validate::Checks;

/// The targets of the report's plan and the criteria of its movement.
#[derive(Debug, Clone)]
pub struct PlanContext {
    pub targets: Vec<TargetRow>,
    pub criteria: Vec<CriterionRow>,
}

pub(super) fn plan_context(conn: &mut DbConnection, report: &ReportRow) -> Result<PlanContext> {
    Ok(PlanContext {
        targets: plans::targets(conn, &report.plan_id)?,
        criteria: movements::list_criteria(conn, &report.movement_id, None, None, 10_000)?,
    })
}

pub(super) fn read_report(conn: &mut DbConnection, report: ReportRow) -> Result<Report> {
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
) -> Result<Vec<ResultRow>> {
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
