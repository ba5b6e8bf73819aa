//! The steps on one nomination, on the one pipeline of `app::workflow`: who may take
//! each (`auth::policy::step_permission`), where it leads (`domain::nomination::step`),
//! what it needs (the window, a complete dossier, a clean record), then what it changes
//! (and the outcome after appraisal).

use super::case::{NominationCase, Nominations};
use super::model::Nomination;
use super::outcome::{apply_outcome, blank_outcome};
use super::rules::{dossier_incomplete, invalid_state, nominee_flagged, require_open};
use crate::app::version::IfMatch;
use crate::app::workflow::{self, checked_text, Move, Step as PipelineStep};
use crate::app::{Context, Result};
use crate::auth::policy::{require_step, step_checks_submitter, NominationAt};
use crate::db::DbConnection;
use crate::domain::nomination::{self as machine, State, Step};
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::Serialize;

/// What a step carries besides its comment or reason.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StepDetail {
    /// The central level's decision (state awards).
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    /// DIC's submission that consolidates the nomination (`Consolidate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<String>,
}

/// One step on a nomination: `app::workflow::take::<Nominations, NominationStep>`.
#[derive(Debug, Clone, Serialize)]
pub struct NominationStep {
    pub step: Step,
    /// The comment, reason or opinion (for `Consolidate`, DIC's letter number; for
    /// `Award`, the decision's number), checked by the step.
    pub comment: Option<String>,
    pub detail: StepDetail,
}

impl NominationStep {
    pub fn new(step: Step, comment: Option<String>) -> Self {
        Self {
            step,
            comment,
            detail: StepDetail::default(),
        }
    }

    /// What a retry with the same `Idempotency-Key` must repeat.
    pub fn fingerprint(&self) -> serde_json::Value {
        serde_json::json!({
            "step": format!("{:?}", self.step),
            "comment": self.comment,
            "detail": self.detail,
        })
    }
}

/// Takes a step on the nomination `id` (the whole pipeline, in the caller's transaction).
pub fn take(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    step: &NominationStep,
    expected: IfMatch,
) -> Result<Nomination> {
    workflow::take::<Nominations, NominationStep>(conn, ctx, id, step, expected)
}

impl PipelineStep<Nominations> for NominationStep {
    fn authorise(
        &self,
        conn: &mut DbConnection,
        ctx: &Context,
        case: &NominationCase,
    ) -> Result<()> {
        let mut at = NominationAt {
            state: case.row.status,
            form: case.row.award_form,
            unit_id: &case.row.unit_id,
            movement: case.movement_roles(),
            submitted_by: None,
            dic_proposes: crate::domain::achievement::dic_may_propose(case.round.kind),
        };
        let submitter = match &case.submitted_by {
            Some(known) => known.clone(),
            None if step_checks_submitter(&ctx.actor, self.step, at) => {
                workflow::last_submitter(conn, "nomination", &case.row.id)?
            }
            None => None,
        };
        at.submitted_by = submitter.as_deref();
        require_step(&ctx.actor, self.step, at)
    }

    fn transition(&self, ctx: &Context, case: &NominationCase) -> Result<Move> {
        let from = case.row.status;
        let t = machine::step(from, self.step, case.row.award_form)
            .ok_or_else(|| invalid_state(from))?;
        let field = self.step.text_field(t.reason_required);
        let comment = checked_text(self.comment.as_deref(), t.reason_required, field)?;
        Ok(Move {
            action: self.step.action(),
            from: from.as_str(),
            to: t.to.as_str(),
            acted_as: if self.step == Step::Withdraw {
                // An officer may withdraw as well as the head: the role they hold.
                crate::app::review::acting_role(&ctx.actor, None)
            } else {
                t.role.as_str()
            },
            comment,
        })
    }

    fn check(
        &self,
        _conn: &mut DbConnection,
        ctx: &Context,
        case: &NominationCase,
        _to: &Move,
    ) -> Result<()> {
        let needs = self.step.requirements();
        if needs.open_window {
            require_open(&case.round, ctx.today)?;
        }
        if needs.complete_dossier && !case.dossier.missing.is_empty() {
            return Err(dossier_incomplete(&case.dossier.missing));
        }
        // No award while under discipline, investigation or complaint.
        if !case.row.clean_record && self.step.refused_when_flagged() {
            return Err(nominee_flagged(&case.row));
        }
        Ok(())
    }

    fn apply(
        &self,
        conn: &mut DbConnection,
        ctx: &Context,
        mut case: NominationCase,
        to: &Move,
    ) -> Result<NominationCase> {
        let now = ctx.now_utc();
        case.row.status = to.to.parse::<State>().map_err(ApiError::internal)?;
        match self.step {
            Step::Submit => {
                case.row.submitted_at = Some(now);
                case.row.return_reason = None;
            }
            Step::Return => case.row.return_reason = to.comment.clone(),
            Step::Approve | Step::Reject => {
                case.row.appraisal_verdict = self.step.verdict();
                case.row.appraisal_opinion = to.comment.clone();
                case.row.appraised_at = Some(now);
            }
            Step::Consolidate => {
                case.row.submission_id = self.detail.submission_id.clone();
                case.row.consolidated_at = Some(now);
            }
            Step::CloseNotAwarded
            | Step::PostForComment
            | Step::Forward
            | Step::RecordStateAwarded
            | Step::RecordStateDeclined => {
                let before = case.outcome.clone();
                let mut outcome = before
                    .clone()
                    .unwrap_or_else(|| blank_outcome(&case.row.id));
                apply_outcome(conn, ctx, self, &case, &mut outcome, to)?;
                if before.as_ref() != Some(&outcome) && outcome != blank_outcome(&case.row.id) {
                    case.outcome = Some(outcome);
                    case.outcome_changed = true;
                }
            }
            Step::Withdraw | Step::Award => {}
        }
        Ok(case)
    }
}
