//! What plans and reports share: the step bodies, the history entries, the state check
//! (409 `invalid_state` naming the current state) and the recording of each step.

use crate::auth::policy::{allows, require, Permission};
use crate::auth::{Actor, Role};
use crate::db::models::{MovementRow, WorkflowEventRow};
use crate::db::repo::audit::AuditActor;
use crate::db::repo::{movements, workflow};
use crate::db::DbConnection;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "Đã rà soát, đề nghị Sở Thông tin và Truyền thông xem xét."}))]
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

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ec0", "action": "return", "from_status": "submitted", "to_status": "returned",
    "actor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e71", "actor_username": "dic_officer", "actor_role": "dic_officer",
    "comment": "Đề nghị bổ sung số liệu chỉ tiêu NN-02.", "occurred_at": "2026-12-11T02:30:00Z"
}))]
pub struct HistoryEntry {
    pub id: String,
    /// `create`, `submit`, `accept`, `return`
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub actor_id: String,
    pub actor_username: String,
    /// The role the step was taken in.
    pub actor_role: String,
    pub comment: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

impl From<WorkflowEventRow> for HistoryEntry {
    fn from(r: WorkflowEventRow) -> Self {
        Self {
            id: r.id,
            action: r.action,
            from_status: r.from_status,
            to_status: r.to_status,
            actor_id: r.actor_id,
            actor_username: r.actor_username,
            actor_role: r.actor_role,
            comment: r.comment,
            occurred_at: r.occurred_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct History {
    pub items: Vec<HistoryEntry>,
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
pub fn next_status(current: ReviewStatus, action: ReviewAction) -> Result<ReviewStatus, ApiError> {
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
pub fn require_editable(current: ReviewStatus) -> Result<(), ApiError> {
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

/// The role a step is taken in, for the history.
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

pub fn checked_comment(comment: Option<&str>, required: bool) -> Result<Option<String>, ApiError> {
    checked_text(
        comment,
        required,
        if required { "reason" } else { "comment" },
    )
}

/// A step's free text, named as the request names it (`reason`, `comment`, `opinion`).
pub fn checked_text(
    comment: Option<&str>,
    required: bool,
    field: &str,
) -> Result<Option<String>, ApiError> {
    let mut c = Checks::new();
    let text = match comment {
        Some(t) if required => Some(c.text(field, t, 2000)),
        Some(t) => Some(c.optional_text(field, t, 2000)).filter(|s| !s.is_empty()),
        None if required => {
            c.fail(field, "a reason is required", "cần nêu lý do");
            None
        }
        None => None,
    };
    c.finish()?;
    Ok(text)
}

#[allow(clippy::too_many_arguments)]
pub fn record_step(
    conn: &mut DbConnection,
    resource_type: &str,
    resource_id: &str,
    action: &str,
    from: &str,
    to: &str,
    actor: &Actor,
    role: &str,
    comment: Option<&str>,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    workflow::record(
        conn,
        &workflow::Step {
            resource_type,
            resource_id,
            action,
            from_status: from,
            to_status: to,
            actor_id: &actor.user_id,
            actor_username: &actor.username,
            actor_role: role,
            comment,
            at,
        },
    )?;
    Ok(())
}

pub fn history(
    conn: &mut DbConnection,
    resource_type: &str,
    id: &str,
) -> Result<History, ApiError> {
    Ok(History {
        items: workflow::history(conn, resource_type, id)?
            .into_iter()
            .map(HistoryEntry::from)
            .collect(),
    })
}

/// Who last submitted the record.
pub fn last_submitter(
    conn: &mut DbConnection,
    resource_type: &str,
    id: &str,
) -> Result<Option<String>, ApiError> {
    Ok(workflow::history(conn, resource_type, id)?
        .into_iter()
        .rev()
        .find(|e| e.action == ReviewAction::Submit.as_str())
        .map(|e| e.actor_id))
}

/// What the caller's lists of plans and reports may hold (policy::list_scope over every
/// movement).
pub fn caller_scope(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<crate::auth::policy::Visibility, ApiError> {
    let all = crate::db::repo::movements::all(conn)?;
    Ok(crate::auth::policy::list_scope(
        actor,
        all.iter()
            .map(|m| (m.id.as_str(), crate::api::plans::movement_roles(m))),
    ))
}

/// The movements whose roll-ups and submissions the caller reads (ReadReportStatus:
/// they name who is late or missing, and every unit's score).
pub fn report_readable_movements(
    conn: &mut DbConnection,
    actor: &Actor,
) -> Result<Vec<String>, ApiError> {
    use crate::auth::policy::{allows, Permission};
    Ok(crate::db::repo::movements::all(conn)?
        .iter()
        .filter(|m| {
            allows(
                actor,
                Permission::ReadReportStatus {
                    movement: crate::api::plans::movement_roles(m),
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
    status: &str,
) -> Result<MovementRow, ApiError> {
    let movement = movements::find(conn, movement_id)?.ok_or_else(ApiError::not_found)?;
    let perm = Permission::ReadUnitRecord {
        unit_id,
        draft: status == ReviewStatus::Draft.as_str(),
        movement: crate::api::plans::movement_roles(&movement),
    };
    if !allows(actor, perm) {
        return Err(ApiError::not_found());
    }
    Ok(movement)
}

/// Who may take a step: the unit submits; the movement's reviewers accept or return.
pub fn authorise_step(
    conn: &mut DbConnection,
    actor: &Actor,
    action: ReviewAction,
    resource_type: &str,
    id: &str,
    unit_id: &str,
    movement: &MovementRow,
) -> Result<(), ApiError> {
    match action {
        ReviewAction::Submit => require(actor, Permission::SubmitUnitRecord { unit_id }),
        ReviewAction::Accept | ReviewAction::Return => {
            let submitter = last_submitter(conn, resource_type, id)?;
            require(
                actor,
                Permission::ReviewRecord {
                    movement: crate::api::plans::movement_roles(movement),
                    submitted_by: submitter.as_deref(),
                },
            )
        }
    }
}

/// Records a step taken: its history entry, then its audit entry (`{type}.{action}`).
#[allow(clippy::too_many_arguments)]
pub fn finish_step<T: Serialize>(
    conn: &mut DbConnection,
    audit: &AuditActor,
    actor: &Actor,
    resource_type: &str,
    action: ReviewAction,
    (from, to): (ReviewStatus, ReviewStatus),
    comment: Option<&str>,
    at: NaiveDateTime,
    (id, old, new): (&str, &T, &T),
) -> Result<(), ApiError> {
    let role = acting_role(actor, Some(action));
    record_step(
        conn,
        resource_type,
        id,
        action.as_str(),
        from.as_str(),
        to.as_str(),
        actor,
        role,
        comment,
        at,
    )?;
    crate::api::audit_changed(
        conn,
        audit,
        &format!("{resource_type}.{}", action.as_str()),
        resource_type,
        id,
        old,
        new,
    )
}
