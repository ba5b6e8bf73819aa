//! Who takes each step of a nomination's workflow: the permission a step needs depends
//! on the nomination's state, award form and units (see `step_permission`).

use super::{allows, refusals, require, MovementRoles, Permission};
use crate::auth::{Actor, Role};
use crate::domain::award::AwardForm;
use crate::domain::nomination::{self, State, Step};
use crate::error::ApiError;

/// A nomination as a step's permission sees it.
#[derive(Debug, Clone, Copy)]
pub struct NominationAt<'a> {
    pub state: State,
    pub form: AwardForm,
    /// The proposing unit.
    pub unit_id: &'a str,
    pub movement: MovementRoles<'a>,
    /// Who last submitted it (a reviewer never reviews their own sign-off).
    pub submitted_by: Option<&'a str>,
    /// Its round is one DIC proposes in (`domain::achievement::dic_may_propose`).
    pub dic_proposes: bool,
}

/// The permission a step on a nomination needs: that of the role the state machine names
/// for the step from the nomination's state; a step not possible there is checked for
/// the role it needs from the nearest state, so only those who could take it learn the
/// state (409). A return in a state with no return tells either reviewer the state: DIC
/// of the standing unit and Home Affairs of the appraising unit. The unit withdraws
/// (its officers as well as its head; in an ad hoc round DIC's officers too, for its
/// own proposals).
pub fn step_permission<'a>(actor: &Actor, step: Step, at: NominationAt<'a>) -> Permission<'a> {
    let transition = nomination::step(at.state, step, at.form);
    let role = transition.map_or(step.requirements().role, |t| t.role);
    let may_return_somewhere = step == Step::Return
        && transition.is_none()
        && allows(
            actor,
            Permission::AppraiseMovement {
                movement: at.movement,
            },
        );
    let role = if may_return_somewhere {
        Role::HomeAffairsOfficer
    } else {
        role
    };
    match (step, role) {
        (Step::Withdraw, _) => Permission::DraftNomination {
            unit_id: at.unit_id,
            dic_proposes: at.dic_proposes,
            movement: at.movement,
        },
        (_, Role::UnitHead) => Permission::SubmitUnitRecord {
            unit_id: at.unit_id,
        },
        (_, Role::HomeAffairsOfficer) => Permission::AppraiseMovement {
            movement: at.movement,
        },
        (_, Role::Chair) => Permission::Decide,
        _ => Permission::ReviewRecord {
            movement: at.movement,
            submitted_by: at.submitted_by,
        },
    }
}

/// May `actor` take `step` on the nomination (see [`step_permission`])?
pub fn may_take(actor: &Actor, step: Step, at: NominationAt<'_>) -> bool {
    allows(actor, step_permission(actor, step, at))
}

/// Does the step's permission depend on who submitted the nomination (so the caller
/// must look it up first)?
pub fn step_checks_submitter(actor: &Actor, step: Step, at: NominationAt<'_>) -> bool {
    matches!(
        step_permission(actor, step, at),
        Permission::ReviewRecord { .. }
    )
}

/// `require` for a step on a nomination, the refusal naming who takes the step.
pub fn require_step(actor: &Actor, step: Step, at: NominationAt<'_>) -> Result<(), ApiError> {
    let permission = step_permission(actor, step, at);
    require(actor, permission).map_err(|e| {
        let (en, vi) = refusals::step_refusal(step, &permission);
        e.detail(en, vi)
    })
}
