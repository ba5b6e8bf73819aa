//! A plan's targets: checked against the movement's criteria, and described by them.

use super::model::*;
use crate::app::Result;
use crate::db::models::{new_id, CriterionRow, PlanRow, TargetRow};
use crate::db::repo::{movements, plans as repo};
use crate::db::DbConnection;
use crate::domain::validate::Checks;

pub(super) fn criteria_of(conn: &mut DbConnection, movement_id: &str) -> Result<Vec<CriterionRow>> {
    Ok(movements::list_criteria(
        conn,
        movement_id,
        None,
        None,
        10_000,
    )?)
}

pub(super) fn targets_out(conn: &mut DbConnection, plan: &PlanRow) -> Result<Vec<Target>> {
    let criteria = criteria_of(conn, &plan.movement_id)?;
    Ok(repo::targets(conn, &plan.id)?
        .into_iter()
        .map(|t| {
            let c = criteria.iter().find(|c| c.id == t.criterion_id);
            Target {
                criterion_code: c.map(|c| c.code.clone()).unwrap_or_default(),
                criterion_title: c.map(|c| c.title.clone()).unwrap_or_default(),
                max_score: c.map(|c| c.max_score).unwrap_or_default(),
                id: t.id,
                criterion_id: t.criterion_id,
                target_value: t.target_value,
                unit_of_measure: t.unit_of_measure,
                note: t.note,
            }
        })
        .collect())
}

/// Target rows from input: criteria of the movement, each once, values ≥ 0.
pub(super) fn target_rows(
    conn: &mut DbConnection,
    plan: &PlanRow,
    input: &[TargetInput],
) -> Result<Vec<TargetRow>> {
    let criteria = criteria_of(conn, &plan.movement_id)?;
    let mut c = Checks::new();
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if input.len() > 200 {
        c.fail("targets", "at most 200 targets", "tối đa 200 chỉ tiêu");
    }
    for (i, t) in input.iter().enumerate() {
        let Some(crit) = criteria.iter().find(|k| k.id == t.criterion_id) else {
            c.fail(
                &format!("targets[{i}].criterion_id"),
                "not a criterion of the movement",
                "không phải tiêu chí của phong trào",
            );
            continue;
        };
        if !seen.insert(&crit.id) {
            c.fail(
                &format!("targets[{i}].criterion_id"),
                "criterion listed twice",
                "tiêu chí bị lặp",
            );
        }
        if !(t.target_value.is_finite() && t.target_value >= 0.0) {
            c.fail(
                &format!("targets[{i}].target_value"),
                "must be 0 or more",
                "phải lớn hơn hoặc bằng 0",
            );
        }
        let unit_of_measure = match &t.unit_of_measure {
            Some(u) => c.text(&format!("targets[{i}].unit_of_measure"), u, 100),
            None => crit.unit_of_measure.clone(),
        };
        let note = c.optional_text(&format!("targets[{i}].note"), &t.note, 2000);
        rows.push(TargetRow {
            id: new_id(),
            plan_id: plan.id.clone(),
            criterion_id: crit.id.clone(),
            target_value: t.target_value,
            unit_of_measure,
            note,
            position: i32::try_from(i).unwrap_or(i32::MAX),
        });
    }
    c.finish()?;
    Ok(rows)
}

pub(super) fn read_plan(conn: &mut DbConnection, plan: PlanRow) -> Result<Plan> {
    let targets = targets_out(conn, &plan)?;
    Ok(Plan::from_row(plan, targets))
}
