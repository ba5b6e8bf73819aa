//! A model's steps through the one pipeline (`workflow::take`): the unit's head submits;
//! DIC of the movement's standing unit recognises it with its own decision (number and
//! date as given, one number per issuer and year) or returns it with a reason, and may
//! later retire a recognised model with a reason.

use super::model::{ExemplaryModel, RecognizeInput};
use super::visible;
use crate::app::version::IfMatch;
use crate::app::workflow::{self, Move, Step, Versioned, Workflow};
use crate::app::{Context, Result};
use crate::auth::policy::exemplary_models::{model_step, ModelAt};
use crate::auth::policy::{require, MovementRoles};
use crate::auth::Role;
use crate::db::models::{ModelRow, MovementRow};
use crate::db::repo::exemplary_models as repo;
use crate::db::DbConnection;
use crate::domain::exemplary_model::{ModelAction, ModelStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Exemplary models as a workflow.
pub struct Models;

/// A model with what its steps need: its unit's name and its movement.
#[derive(Debug, Clone)]
pub struct ModelRecord {
    pub row: ModelRow,
    pub unit_name: String,
    pub movement: MovementRow,
}

impl Versioned for ModelRecord {
    fn bump(&mut self, at: chrono::NaiveDateTime) {
        self.row.version += 1;
        self.row.updated_at = at;
    }
}

impl Workflow for Models {
    const RESOURCE: &'static str = super::RESOURCE;
    type Record = ModelRecord;
    type View = ExemplaryModel;

    fn load(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<ModelRecord> {
        let (row, unit_name, movement) = visible(conn, ctx, id)?;
        Ok(ModelRecord {
            row,
            unit_name,
            movement,
        })
    }

    fn id(record: &ModelRecord) -> &str {
        &record.row.id
    }

    fn version(record: &ModelRecord) -> i32 {
        record.row.version
    }

    fn view(_: &mut DbConnection, _: &Context, r: &ModelRecord) -> Result<ExemplaryModel> {
        ExemplaryModel::from_row(r.row.clone(), r.unit_name.clone())
    }

    fn save(conn: &mut DbConnection, record: &ModelRecord, expected: i32) -> Result<bool> {
        Ok(repo::update(conn, &record.row, expected)?)
    }
}

/// The decision a recognition records, checked.
#[derive(Debug, Clone)]
struct Decision {
    number: String,
    date: NaiveDate,
}

/// One step on a model.
#[derive(Debug, Clone)]
struct ModelStep {
    action: ModelAction,
    /// The comment, or the reason of a return or a retirement.
    comment: Option<String>,
    decision: Option<Decision>,
}

fn status_vi(s: ModelStatus) -> &'static str {
    match s {
        ModelStatus::Draft => "bản nháp",
        ModelStatus::Submitted => "đã gửi",
        ModelStatus::Returned => "bị trả lại",
        ModelStatus::Recognized => "đã công nhận",
        ModelStatus::Retired => "đã thôi công nhận",
    }
}

fn action_vi(a: ModelAction) -> &'static str {
    match a {
        ModelAction::Submit => "gửi",
        ModelAction::Recognize => "công nhận",
        ModelAction::Return => "trả lại",
        ModelAction::Retire => "thôi công nhận",
    }
}

impl Step<Models> for ModelStep {
    /// The unit's head submits; DIC of the standing unit recognises or returns (never
    /// its own sign-off) and retires (403 `forbidden`).
    fn authorise(&self, conn: &mut DbConnection, ctx: &Context, r: &ModelRecord) -> Result<()> {
        let submitted_by = match self.action {
            ModelAction::Recognize | ModelAction::Return => {
                workflow::last_submitter(conn, Models::RESOURCE, &r.row.id)?
            }
            ModelAction::Submit | ModelAction::Retire => None,
        };
        let at = ModelAt {
            status: r.row.status,
            unit_id: &r.row.unit_id,
            movement: MovementRoles::of(&r.movement),
            submitted_by: submitted_by.as_deref(),
        };
        require(&ctx.actor, model_step(self.action, at))
    }

    fn transition(&self, ctx: &Context, r: &ModelRecord) -> Result<Move> {
        let from = r.row.status;
        let to = from.after(self.action).ok_or_else(|| {
            ApiError::new(ErrorCode::InvalidState)
                .detail(
                    format!("Cannot {} a model while {}", self.action, from),
                    format!(
                        "Không thể {} mô hình đang ở trạng thái {}",
                        action_vi(self.action),
                        status_vi(from)
                    ),
                )
                .with("current_state", from.as_str())
        })?;
        let required = matches!(self.action, ModelAction::Return | ModelAction::Retire);
        let comment = workflow::checked_text(
            self.comment.as_deref(),
            required,
            if required { "reason" } else { "comment" },
        )?;
        let role = match self.action {
            ModelAction::Submit => Role::UnitHead,
            _ => Role::DicOfficer,
        };
        let acted_as = if ctx.actor.has(role) {
            role.as_str()
        } else {
            ctx.actor.roles.first().map_or("", |r| r.as_str())
        };
        Ok(Move {
            action: self.action.as_str(),
            from: from.as_str(),
            to: to.as_str(),
            acted_as,
            comment,
        })
    }

    /// A recognition's decision: not in the future nor before the movement's period,
    /// its number new in the issuer's register for its year (409 `already_exists`).
    fn check(
        &self,
        conn: &mut DbConnection,
        ctx: &Context,
        r: &ModelRecord,
        _: &Move,
    ) -> Result<()> {
        let Some(d) = &self.decision else {
            return Ok(());
        };
        let mut c = Checks::new();
        c.text("decision_number", &d.number, 50);
        if d.date > ctx.today {
            c.fail(
                "decision_date",
                format!("must not be after today ({})", ctx.today),
                format!(
                    "không được sau ngày hôm nay ({})",
                    ctx.today.format("%d/%m/%Y")
                ),
            );
        }
        if d.date.year() < r.movement.period_start_year {
            c.fail(
                "decision_date",
                format!(
                    "must not be before the movement's period (1 January {})",
                    r.movement.period_start_year
                ),
                format!(
                    "không được trước thời gian của phong trào (01/01/{})",
                    r.movement.period_start_year
                ),
            );
        }
        c.finish()?;
        if repo::find_by_decision(conn, &ctx.actor.unit_id, d.date.year(), &d.number)?.is_some() {
            return Err(duplicate_number(&d.number, d.date.year()));
        }
        Ok(())
    }

    fn apply(
        &self,
        _: &mut DbConnection,
        ctx: &Context,
        mut r: ModelRecord,
        to: &Move,
    ) -> Result<ModelRecord> {
        let now = ctx.now_utc();
        r.row.status =
            ModelStatus::parse(to.to).ok_or_else(|| ApiError::internal("unknown model status"))?;
        match self.action {
            ModelAction::Submit => {
                r.row.submitted_at = Some(now);
                r.row.return_reason = None;
            }
            ModelAction::Return => r.row.return_reason = to.comment.clone(),
            ModelAction::Recognize => {
                let d = self
                    .decision
                    .as_ref()
                    .ok_or_else(|| ApiError::internal("a recognition without its decision"))?;
                r.row.decision_issuer_unit_id = Some(ctx.actor.unit_id.clone());
                r.row.decision_number = Some(d.number.clone());
                r.row.decision_date = Some(d.date);
                r.row.decision_year = Some(d.date.year());
                r.row.recognized_at = Some(now);
            }
            ModelAction::Retire => {
                r.row.retired_at = Some(now);
                r.row.retire_reason = to.comment.clone();
            }
        }
        Ok(r)
    }
}

/// 409 `already_exists`: the number is in the issuer's register for that year.
fn duplicate_number(number: &str, year: i32) -> ApiError {
    ApiError::new(ErrorCode::AlreadyExists).detail(
        format!("Decision {number} of {year} already recognised a model"),
        format!("Quyết định số {number} năm {year} đã được dùng để công nhận một mô hình"),
    )
}

fn take(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    step: ModelStep,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    let number = step
        .decision
        .as_ref()
        .map(|d| (d.number.clone(), d.date.year()));
    workflow::take::<Models, _>(conn, ctx, id, &step, expected).map_err(|e| match number {
        // Two recognitions under one number at once: the unique index decides.
        Some((n, y)) if e.code == ErrorCode::AlreadyExists => duplicate_number(&n, y),
        _ => e,
    })
}

/// Submits the model to DIC: the unit's head.
pub fn submit(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    let step = ModelStep {
        action: ModelAction::Submit,
        comment,
        decision: None,
    };
    take(conn, ctx, id, step, expected)
}

/// Recognises a submitted model by DIC's decision: DIC of the movement's standing unit,
/// not its submitter; 422 for a bad number or date, 409 `already_exists` for a number
/// already used that year by the same issuer.
pub fn recognize(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    input: RecognizeInput,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    // Checked with the step's rules (`check`), after the caller may see and take it.
    let number: String = input.decision_number.trim().nfc().collect();
    let step = ModelStep {
        action: ModelAction::Recognize,
        comment: input.comment,
        decision: Some(Decision {
            number,
            date: input.decision_date,
        }),
    };
    take(conn, ctx, id, step, expected)
}

/// Returns a submitted model to its unit with a reason: DIC of the standing unit.
pub fn send_back(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    reason: String,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    let step = ModelStep {
        action: ModelAction::Return,
        comment: Some(reason),
        decision: None,
    };
    take(conn, ctx, id, step, expected)
}

/// Retires a recognised model with a reason: DIC of the standing unit.
pub fn retire(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    reason: String,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    let step = ModelStep {
        action: ModelAction::Retire,
        comment: Some(reason),
        decision: None,
    };
    take(conn, ctx, id, step, expected)
}
