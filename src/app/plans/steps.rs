//! A plan's review steps through the one pipeline (`workflow::take`).

use super::model::{Plan, Target};
use super::targets::targets_out;
use crate::app::review::{self, Review, Reviewed};
use crate::app::workflow::{Move, Step, Versioned, Workflow};
use crate::app::{Context, Result};
use crate::db::models::{MovementRow, PlanRow};
use crate::db::repo::plans as repo;
use crate::db::DbConnection;
use crate::domain::review::ReviewAction;
use crate::error::{ApiError, ErrorCode};

/// Plans as a workflow.
pub struct Plans;

/// A plan with what its steps need: its movement and its targets (a step never
/// changes the targets).
#[derive(Debug, Clone)]
pub struct PlanRecord {
    pub row: PlanRow,
    pub movement: MovementRow,
    pub targets: Vec<Target>,
}

impl Versioned for PlanRecord {
    fn bump(&mut self, at: chrono::NaiveDateTime) {
        self.row.version += 1;
        self.row.updated_at = at;
    }
}

impl Workflow for Plans {
    const RESOURCE: &'static str = "plan";
    type Record = PlanRecord;
    type View = Plan;

    fn load(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<PlanRecord> {
        let (row, movement) = super::load_visible(conn, &ctx.actor, id)?;
        let targets = targets_out(conn, &row)?;
        Ok(PlanRecord {
            row,
            movement,
            targets,
        })
    }

    fn id(record: &PlanRecord) -> &str {
        &record.row.id
    }

    fn version(record: &PlanRecord) -> i32 {
        record.row.version
    }

    fn view(_: &mut DbConnection, _: &Context, record: &PlanRecord) -> Result<Plan> {
        Ok(Plan::from_row(record.row.clone(), record.targets.clone()))
    }

    fn save(conn: &mut DbConnection, record: &PlanRecord, expected: i32) -> Result<bool> {
        Ok(repo::update(conn, &record.row, expected)?)
    }
}

fn reviewed(r: &PlanRecord) -> Reviewed<'_> {
    Reviewed {
        resource: Plans::RESOURCE,
        id: &r.row.id,
        unit_id: &r.row.unit_id,
        status: r.row.status,
        movement: &r.movement,
    }
}

impl Step<Plans> for Review {
    fn authorise(&self, conn: &mut DbConnection, ctx: &Context, r: &PlanRecord) -> Result<()> {
        Review::authorise(self, conn, ctx, &reviewed(r))
    }

    fn transition(&self, ctx: &Context, r: &PlanRecord) -> Result<Move> {
        Review::transition(self, ctx, r.row.status)
    }

    /// A plan goes to DIC with its targets (422 `targets_missing`).
    fn check(&self, _: &mut DbConnection, _: &Context, r: &PlanRecord, _: &Move) -> Result<()> {
        if self.action == ReviewAction::Submit && r.targets.is_empty() {
            return Err(ApiError::new(ErrorCode::TargetsMissing));
        }
        Ok(())
    }

    fn apply(
        &self,
        _: &mut DbConnection,
        ctx: &Context,
        mut r: PlanRecord,
        to: &Move,
    ) -> Result<PlanRecord> {
        let now = ctx.now_utc();
        r.row.status = review::status_of(to)?;
        match self.action {
            ReviewAction::Submit => {
                r.row.submitted_at = Some(now);
                r.row.return_reason = None;
            }
            ReviewAction::Accept => r.row.reviewed_at = Some(now),
            ReviewAction::Return => {
                r.row.reviewed_at = Some(now);
                r.row.return_reason = to.comment.clone();
            }
        }
        Ok(r)
    }
}
