//! What plans and reports share: the step bodies, who may see a unit's record, who may
//! take a review step, the state checks (409 `invalid_state` naming the current state)
//! and the move each step makes, for `workflow::take`.

use super::workflow::{self, Move};
use super::{Context, Result};
use crate::auth::policy::{allows, list_scope, require, MovementRoles, Permission, Visibility};
use crate::auth::{Actor, Role};
use crate::db::models::MovementRow;
use crate::db::repo::movements;
use crate::db::DbConnection;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::error::{ApiError, ErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "Đã rà soát, đề nghị Sở Khoa học và Công nghệ xem xét."}))]
pub struct StepComment {
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Chỉ tiêu NN-02 chưa có số liệu năm trước để đối chiếu; đề nghị bổ sung."}))]
pub struct ReturnReason {
    /// Why it goes back to the unit (mandatory).
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

fn status_vi(s: ReviewStatus) -> &'static str {
    match s {
        ReviewStatus::Draft => "bản nháp",
        ReviewStatus::Submitted => "đã gửi",
        ReviewStatus::Accepted => "đã chấp nhận",
        ReviewStatus::Returned => "bị trả lại",
    }
}

fn action_vi(a: ReviewAction) -> &'static str {
    match a {
        ReviewAction::Submit => "gửi",
        ReviewAction::Accept => "chấp nhận",
        ReviewAction::Return => "trả lại",
    }
}

/// The state after `action`, or 409 `invalid_state` with the current state.
pub fn next_status(current: ReviewStatus, action: ReviewAction) -> Result<ReviewStatus> {
    current.after(action).ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidState)
            .detail(
                format!("Cannot {} while {}", action.as_str(), current.as_str()),
                format!(
                    "Không thể {} hồ sơ đang ở trạng thái {}",
                    action_vi(action),
                    status_vi(current)
                ),
            )
            .with("current_state", current.as_str())
    })
}

/// 409 `invalid_state` unless the record may still be edited.
pub fn require_editable(current: ReviewStatus) -> Result<()> {
    if current.editable() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::InvalidState)
        .detail(
            format!("A {} record can no longer be changed", current.as_str()),
            format!(
                "Hồ sơ đang ở trạng thái {} không thể sửa",
                status_vi(current)
            ),
        )
        .with("current_state", current.as_str()))
}

/// The role a step is taken in, for the history (`None`: a creation).
pub fn acting_role(actor: &Actor, action: Option<ReviewAction>) -> &'static str {
    let preferred: &[Role] = match action {
        Some(ReviewAction::Submit) => &[Role::UnitHead],
        Some(ReviewAction::Accept | ReviewAction::Return) => &[Role::DicOfficer],
        None => &[Role::UnitOfficer, Role::UnitHead],
    };
    preferred
        .iter()
        .find(|r| actor.has(**r))
        .or(actor.roles.first())
        .map(|r| r.as_str())
        .unwrap_or("")
}

/// A step's comment (`comment`), or a return's reason (`reason`, required).
pub fn checked_comment(comment: Option<&str>, required: bool) -> Result<Option<String>> {
    workflow::checked_text(
        comment,
        required,
        if required { "reason" } else { "comment" },
    )
}

/// What the caller's lists of plans and reports may hold (policy::list_scope).
pub fn caller_scope(actor: &Actor) -> Visibility {
    list_scope(actor)
}

/// The movements whose roll-ups and submissions the caller reads (ReadReportStatus:
/// they name who is late or missing, and every unit's score).
pub fn report_readable_movements(conn: &mut DbConnection, actor: &Actor) -> Result<Vec<String>> {
    Ok(movements::all(conn)?
        .iter()
        .filter(|m| {
            allows(
                actor,
                Permission::ReadReportStatus {
                    movement: MovementRoles::of(m),
                },
            )
        })
        .map(|m| m.id.clone())
        .collect())
}

/// The movement of a unit's plan or report, if the caller may see the record (else 404).
pub fn visible_movement(
    conn: &mut DbConnection,
    actor: &Actor,
    movement_id: &str,
    unit_id: &str,
    status: ReviewStatus,
) -> Result<MovementRow> {
    let movement = movements::find(conn, movement_id)?.ok_or_else(ApiError::not_found)?;
    let perm = Permission::ReadUnitRecord {
        unit_id,
        draft: status == ReviewStatus::Draft,
        movement: MovementRoles::of(&movement),
    };
    if !allows(actor, perm) {
        return Err(ApiError::not_found());
    }
    Ok(movement)
}

/// A unit's plan or report as a review step sees it.
pub struct Reviewed<'a> {
    /// `plan` or `report`.
    pub resource: &'static str,
    pub id: &'a str,
    pub unit_id: &'a str,
    pub status: ReviewStatus,
    pub movement: &'a MovementRow,
}

/// One review step on a plan or a report: submit, accept, or return with a reason.
#[derive(Debug, Clone)]
pub struct Review {
    pub action: ReviewAction,
    /// The comment, or the reason of a return.
    pub comment: Option<String>,
}

impl Review {
    /// Who may take it: the unit's head submits; the movement's reviewers accept or
    /// return, never the one who submitted it (403 `forbidden`).
    pub fn authorise(&self, conn: &mut DbConnection, ctx: &Context, r: &Reviewed) -> Result<()> {
        match self.action {
            ReviewAction::Submit => require(
                &ctx.actor,
                Permission::SubmitUnitRecord { unit_id: r.unit_id },
            ),
            ReviewAction::Accept | ReviewAction::Return => {
                let submitter = workflow::last_submitter(conn, r.resource, r.id)?;
                require(
                    &ctx.actor,
                    Permission::ReviewRecord {
                        movement: MovementRoles::of(r.movement),
                        submitted_by: submitter.as_deref(),
                    },
                )
            }
        }
    }

    /// Where it leads from `status` (409 `invalid_state`), with its comment checked.
    pub fn transition(&self, ctx: &Context, status: ReviewStatus) -> Result<Move> {
        let to = next_status(status, self.action)?;
        let comment =
            checked_comment(self.comment.as_deref(), self.action == ReviewAction::Return)?;
        Ok(Move {
            action: self.action.as_str(),
            from: status.as_str(),
            to: to.as_str(),
            acted_as: acting_role(&ctx.actor, Some(self.action)),
            comment,
        })
    }
}

/// The state a step's move leads to.
pub fn status_of(to: &Move) -> Result<ReviewStatus> {
    ReviewStatus::parse(to.to).ok_or_else(|| ApiError::internal("unknown review status"))
}

/// Records the creation of a unit's plan or report in its history.
pub fn record_created(
    conn: &mut DbConnection,
    ctx: &Context,
    resource: &str,
    id: &str,
) -> Result<()> {
    workflow::record(
        conn,
        ctx,
        resource,
        id,
        &Move {
            action: "create",
            from: "",
            to: ReviewStatus::Draft.as_str(),
            acted_as: acting_role(&ctx.actor, None),
            comment: None,
        },
    )
}
