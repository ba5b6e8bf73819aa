//! DIC consolidates submitted nominations of one round into a submission.

use super::batch::{authorise_all, checked_ids, take_each, visible};
use super::{NewSubmission, Submission};
use crate::app::nominations::{NominationStep, StepDetail};
use crate::app::{audit, Context, Result};
use crate::auth::policy::{require, MovementRoles, Permission};
use crate::db::models::{new_id, SubmissionRow};
use crate::db::repo::{movements, submissions};
use crate::db::DbConnection;
use crate::domain::nomination::{self as workflow, Step};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use serde_json::json;

/// Consolidates submitted nominations of one round into a submission to Home Affairs
/// (DIC of the movement's standing unit). All or nothing: one nomination that is not a
/// submitted one of the round refuses the whole batch (409 `invalid_state`, with
/// `nominations`); one the caller may not consolidate (their own sign-off), 403. Each
/// nomination moves to `consolidated` on the step pipeline.
pub fn consolidate(
    conn: &mut DbConnection,
    ctx: &Context,
    input: NewSubmission,
) -> Result<Submission> {
    let actor = &ctx.actor;
    let round =
        movements::find_round_by_id(conn, &input.round_id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?;
    require(
        actor,
        Permission::ReviewMovement {
            movement: MovementRoles::of(&movement),
        },
    )?;
    let mut c = Checks::new();
    let letter_number = c.text("letter_number", &input.letter_number, 100);
    let note = c.optional_text("note", &input.note, 4000);
    let ids = checked_ids(&mut c, &input.nomination_ids);
    c.finish()?;

    let submission = SubmissionRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: movement.id.clone(),
        letter_number,
        letter_date: input.letter_date,
        note,
        sent_by: actor.user_id.clone(),
        sent_at: ctx.now_utc(),
    };
    let step = NominationStep {
        step: Step::Consolidate,
        comment: Some(submission.letter_number.clone()),
        detail: StepDetail {
            submission_id: Some(submission.id.clone()),
            ..StepDetail::default()
        },
    };
    let mut found = visible(conn, ctx, &ids)?;
    let mut refused = Vec::new();
    let mut cases = Vec::new();
    for id in &ids {
        let Some(case) = found.remove(id) else {
            refused.push(json!({"id": id, "current_state": null}));
            continue;
        };
        let (from, form) = (case.row.status, case.row.award_form);
        if case.row.round_id != round.id || workflow::step(from, Step::Consolidate, form).is_none()
        {
            refused.push(json!({"id": id, "current_state": from.as_str()}));
        } else {
            cases.push(case);
        }
    }
    // Never one's own sign-off, wherever it is in the batch.
    authorise_all(conn, ctx, &cases, &step)?;
    if !refused.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidState)
            .detail(
                "Only submitted nominations of the round can be consolidated",
                "Chỉ tổng hợp được hồ sơ đã gửi của đợt khen thưởng này",
            )
            .with("nominations", refused));
    }

    submissions::insert(conn, &submission)?;
    take_each(conn, ctx, cases, &step)?;
    submissions::add_nominations(conn, &submission.id, &ids)?;
    let out = Submission::from_row(submission, actor.username.clone(), ids);
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "submission.create",
        "submission",
        &out.id,
        &out,
    )?;
    Ok(out)
}
