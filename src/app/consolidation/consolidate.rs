//! DIC consolidates submitted nominations of one round into a submission.

use super::batch::{checked_ids, stored, visible};
use super::{NewSubmission, Submission};
use crate::app::workflow::{record, Move};
use crate::app::{audit, Context, Result};
use crate::auth::policy::{allows, require, MovementRoles, Permission};
use crate::db::models::{new_id, SubmissionRow};
use crate::db::repo::{movements, nominations, submissions, workflow as history};
use crate::db::DbConnection;
use crate::domain::nomination::{self as workflow, AwardForm, State, Step};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use serde_json::json;
use std::collections::HashMap;

/// Consolidates submitted nominations of one round into a submission to Home Affairs
/// (DIC of the movement's standing unit). All or nothing: one nomination that is not a
/// submitted one of the round refuses the whole batch (409 `invalid_state`, with
/// `nominations`); one the caller submitted themselves, 403.
pub fn consolidate(
    conn: &mut DbConnection,
    ctx: &Context,
    input: NewSubmission,
) -> Result<Submission> {
    let actor = &ctx.actor;
    let round =
        movements::find_round_by_id(conn, &input.round_id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?;
    let roles = MovementRoles::of(&movement);
    require(actor, Permission::ReviewMovement { movement: roles })?;
    let mut c = Checks::new();
    let letter_number = c.text("letter_number", &input.letter_number, 100);
    let note = c.optional_text("note", &input.note, 4000);
    let ids = checked_ids(&mut c, &input.nomination_ids);
    c.finish()?;

    let mut found = visible(conn, actor, &ids)?;
    let submitters: HashMap<String, String> = history::last_submitters(conn, "nomination", &ids)?
        .into_iter()
        .collect();
    let mut refused = Vec::new();
    let mut rows = Vec::new();
    for id in &ids {
        let Some(row) = found.remove(id) else {
            refused.push(json!({"id": id, "current_state": null}));
            continue;
        };
        let from: State = stored(&row.status)?;
        let form: AwardForm = stored(&row.award_form)?;
        if row.round_id != round.id || workflow::step(from, Step::Consolidate, form).is_none() {
            refused.push(json!({"id": id, "current_state": from.as_str()}));
        } else {
            rows.push(row);
        }
    }
    // Never one's own sign-off, wherever it is in the batch.
    for row in &rows {
        let perm = Permission::ReviewRecord {
            movement: roles,
            submitted_by: submitters.get(&row.id).map(String::as_str),
        };
        if !allows(actor, perm) {
            return Err(ApiError::forbidden());
        }
    }
    if !refused.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidState)
            .detail(
                "Only submitted nominations of the round can be consolidated",
                "Chỉ tổng hợp được hồ sơ đã gửi của đợt khen thưởng này",
            )
            .with("nominations", refused));
    }

    let now = ctx.now_utc();
    let submission = SubmissionRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: movement.id.clone(),
        letter_number,
        letter_date: input.letter_date,
        note,
        sent_by: actor.user_id.clone(),
        sent_at: now,
    };
    submissions::insert(conn, &submission)?;
    let to = Move {
        action: "consolidate",
        from: State::Submitted.as_str(),
        to: State::Consolidated.as_str(),
        acted_as: "dic_officer",
        comment: Some(submission.letter_number.clone()),
    };
    for before in rows {
        let mut row = before.clone();
        row.status = State::Consolidated.as_str().into();
        row.submission_id = Some(submission.id.clone());
        row.consolidated_at = Some(now);
        row.version += 1;
        row.updated_at = now;
        if !nominations::update(conn, &row, before.version)? {
            return Err(ApiError::stale());
        }
        record(conn, ctx, "nomination", &row.id, &to)?;
    }
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
