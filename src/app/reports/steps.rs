//! A report's review steps through the one pipeline (`workflow::take`). Accepting may
//! set DIC's scores; submitting fixes the due date and the late mark the first time.

use super::model::{AssessedScore, Report};
use super::period::current_due_on;
use super::results::{max_score_of, plan_context, report_out, PlanContext};
use crate::app::review::{self, Review, Reviewed};
use crate::app::workflow::{Move, Step, Versioned, Workflow};
use crate::app::{Context, Result};
use crate::db::models::{MovementRow, ReportRow, ResultRow};
use crate::db::repo::reports as repo;
use crate::db::DbConnection;
use crate::domain::calendar::is_late;
use crate::domain::review::ReviewAction;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// Reports as a workflow.
pub struct Reports;

/// A report with what its steps need: its movement, its plan's targets and criteria,
/// and its results.
#[derive(Debug, Clone)]
pub struct ReportRecord {
    pub row: ReportRow,
    pub movement: MovementRow,
    pub plan: PlanContext,
    pub results: Vec<ResultRow>,
}

impl Versioned for ReportRecord {
    fn bump(&mut self, at: chrono::NaiveDateTime) {
        self.row.version += 1;
        self.row.updated_at = at;
    }
}

impl Workflow for Reports {
    const RESOURCE: &'static str = "report";
    type Record = ReportRecord;
    type View = Report;

    fn load(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<ReportRecord> {
        let (row, movement) = super::load_visible(conn, &ctx.actor, id)?;
        let plan = plan_context(conn, &row)?;
        let results = repo::results(conn, &row.id)?;
        Ok(ReportRecord {
            row,
            movement,
            plan,
            results,
        })
    }

    fn id(record: &ReportRecord) -> &str {
        &record.row.id
    }

    fn version(record: &ReportRecord) -> i32 {
        record.row.version
    }

    fn view(_: &mut DbConnection, _: &Context, r: &ReportRecord) -> Result<Report> {
        Ok(report_out(&r.plan, r.row.clone(), r.results.clone()))
    }

    fn save(conn: &mut DbConnection, record: &ReportRecord, expected: i32) -> Result<bool> {
        Ok(repo::update(conn, &record.row, expected)?)
    }
}

/// A review step on a report; accepting may adjust the unit's scores.
#[derive(Debug, Clone)]
pub struct ReportReview {
    pub review: Review,
    /// DIC's scores (accept only); other results keep the unit's own score.
    pub assessed: Vec<AssessedScore>,
}

impl ReportReview {
    /// (result id, DIC's score) of every result: checked against the criteria's maxima.
    fn scores(&self, r: &ReportRecord) -> Result<Vec<(String, f64)>> {
        let mut c = Checks::new();
        let mut scores = Vec::new();
        for (i, a) in self.assessed.iter().enumerate() {
            match (
                r.results.iter().find(|x| x.target_id == a.target_id),
                r.plan.targets.iter().find(|t| t.id == a.target_id),
            ) {
                (Some(x), Some(t)) => {
                    let max = max_score_of(&r.plan, t);
                    if !(a.score.is_finite() && a.score >= 0.0 && a.score <= max) {
                        c.fail(
                            &format!("assessed_scores[{i}].score"),
                            format!("must be between 0 and {max}"),
                            format!("phải từ 0 đến {max}"),
                        );
                    }
                    scores.push((x.id.clone(), a.score));
                }
                _ => c.fail(
                    &format!("assessed_scores[{i}].target_id"),
                    "no result for this target",
                    "không có kết quả cho chỉ tiêu này",
                ),
            }
        }
        c.finish()?;
        for x in &r.results {
            if !scores.iter().any(|(id, _)| id == &x.id) {
                scores.push((x.id.clone(), x.self_score));
            }
        }
        Ok(scores)
    }
}

fn reviewed(r: &ReportRecord) -> Reviewed<'_> {
    Reviewed {
        resource: Reports::RESOURCE,
        id: &r.row.id,
        unit_id: &r.row.unit_id,
        status: r.row.status,
        movement: &r.movement,
    }
}

impl Step<Reports> for ReportReview {
    fn authorise(&self, conn: &mut DbConnection, ctx: &Context, r: &ReportRecord) -> Result<()> {
        self.review.authorise(conn, ctx, &reviewed(r))
    }

    fn transition(&self, ctx: &Context, r: &ReportRecord) -> Result<Move> {
        self.review.transition(ctx, r.row.status)
    }

    /// A report goes with a result for every target (422 `results_incomplete`); DIC's
    /// scores stay within the criteria's maxima (422).
    fn check(&self, _: &mut DbConnection, _: &Context, r: &ReportRecord, _: &Move) -> Result<()> {
        match self.review.action {
            ReviewAction::Submit => {
                let missing: Vec<String> = r
                    .plan
                    .targets
                    .iter()
                    .filter(|t| !r.results.iter().any(|x| x.target_id == t.id))
                    .map(|t| t.id.clone())
                    .collect();
                if !missing.is_empty() {
                    return Err(ApiError::new(ErrorCode::ResultsIncomplete)
                        .with("missing_target_ids", missing));
                }
                Ok(())
            }
            ReviewAction::Accept => self.scores(r).map(|_| ()),
            ReviewAction::Return => Ok(()),
        }
    }

    fn apply(
        &self,
        conn: &mut DbConnection,
        ctx: &Context,
        mut r: ReportRecord,
        to: &Move,
    ) -> Result<ReportRecord> {
        let now = ctx.now_utc();
        r.row.status = review::status_of(to)?;
        match self.review.action {
            ReviewAction::Submit => {
                r.row.submitted_at = Some(now);
                r.row.return_reason = None;
                // Lateness is judged on the first submission: a report returned for
                // corrections and sent again was still delivered when it was.
                // The deadline in force at that moment counts (an admin may have moved it
                // since the draft was made).
                if r.row.first_submitted_at.is_none() {
                    r.row.due_on = current_due_on(conn, &r.movement, &r.row)?;
                    r.row.first_submitted_at = Some(now);
                    r.row.late = is_late(ctx.now, r.row.due_on, ctx.time_zone);
                }
            }
            ReviewAction::Accept => {
                r.row.reviewed_at = Some(now);
                for (result_id, score) in self.scores(&r)? {
                    repo::set_assessed_score(conn, &result_id, score)?;
                    if let Some(x) = r.results.iter_mut().find(|x| x.id == result_id) {
                        x.assessed_score = Some(score);
                    }
                }
            }
            ReviewAction::Return => {
                r.row.reviewed_at = Some(now);
                r.row.return_reason = to.comment.clone();
            }
        }
        Ok(r)
    }
}
