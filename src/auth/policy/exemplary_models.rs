//! Who may see and act on exemplary models and their replications (issue 12 item 1).
//! The actions reuse the unit-record and review permissions (so a refusal says the same
//! as for plans and reports); what is new is who sees a model in which state.

use super::{allows, MovementRoles, Permission};
use crate::auth::{Actor, Role};
use crate::db::repo::exemplary_models::ModelScope;
use crate::domain::exemplary_model::{ModelAction, ModelStatus};

/// A model as the policy sees it.
#[derive(Debug, Clone, Copy)]
pub struct ModelAt<'a> {
    pub status: ModelStatus,
    /// The proposing unit.
    pub unit_id: &'a str,
    pub movement: MovementRoles<'a>,
    /// Who last submitted it (DIC never recognises or returns its own sign-off).
    pub submitted_by: Option<&'a str>,
}

/// Whether `actor` sees the model: the proposing unit's users always; DIC of the
/// movement's standing unit once sent (submitted and after); auditors always; every
/// signed-in user once recognised (retired ones stay readable). Refused = 404.
pub fn may_read_model(actor: &Actor, at: ModelAt<'_>) -> bool {
    actor.unit_id == at.unit_id
        || actor.has(Role::Auditor)
        || (at.status.public() && !actor.roles.is_empty())
        || (at.status.sent() && reviews_models_of(actor, at.movement))
}

/// DIC of the movement's standing unit: reviews its models and replications.
fn reviews_models_of(actor: &Actor, movement: MovementRoles<'_>) -> bool {
    allows(actor, Permission::ReviewMovement { movement })
}

/// What a caller's model lists hold: everything for auditors; else their unit's, the
/// recognised ones, and for a DIC officer the sent models of the movements their unit
/// stands for.
pub fn model_scope(actor: &Actor) -> ModelScope {
    if actor.has(Role::Auditor) {
        return ModelScope::All;
    }
    ModelScope::Scoped {
        unit_id: actor.unit_id.clone(),
        standing: actor.has(Role::DicOfficer).then(|| actor.unit_id.clone()),
    }
}

/// Propose a model for a unit, change it, add or remove its evidence files: the unit's
/// officers and head.
pub fn edit_model(unit_id: &str) -> Permission<'_> {
    Permission::EditUnitRecord { unit_id }
}

/// The permission a step on a model needs: the unit's head submits; DIC of the
/// movement's standing unit recognises or returns (never the one who submitted it) and
/// retires.
pub fn model_step<'a>(action: ModelAction, at: ModelAt<'a>) -> Permission<'a> {
    match action {
        ModelAction::Submit => Permission::SubmitUnitRecord {
            unit_id: at.unit_id,
        },
        ModelAction::Recognize | ModelAction::Return => Permission::ReviewRecord {
            movement: at.movement,
            submitted_by: at.submitted_by,
        },
        ModelAction::Retire => Permission::ReviewMovement {
            movement: at.movement,
        },
    }
}

/// Register a replication for a unit: its officers and head (that it is another unit
/// than the model's is a rule of the input, 422).
pub fn replicate_model(unit_id: &str) -> Permission<'_> {
    Permission::EditUnitRecord { unit_id }
}

/// Confirm a replication: DIC of the model's movement's standing unit.
pub fn confirm_replication(movement: MovementRoles<'_>) -> Permission<'_> {
    Permission::ReviewMovement { movement }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Actor;

    fn actor(unit: &str, roles: &[Role]) -> Actor {
        Actor {
            user_id: format!("u-{unit}"),
            username: format!("user-{unit}"),
            full_name: String::new(),
            unit_id: unit.into(),
            roles: roles.to_vec(),
        }
    }

    fn at(status: ModelStatus) -> ModelAt<'static> {
        ModelAt {
            status,
            unit_id: "unit",
            movement: MovementRoles {
                standing_unit_id: "dic",
                appraising_unit_id: "snv",
            },
            submitted_by: Some("u-unit"),
        }
    }

    #[test]
    fn a_draft_is_the_units_own_a_sent_model_dics_a_recognised_one_everyones() {
        let own = actor("unit", &[Role::UnitOfficer]);
        let dic = actor("dic", &[Role::DicOfficer]);
        let other = actor("other", &[Role::UnitHead]);
        let home = actor("snv", &[Role::HomeAffairsOfficer]);
        let auditor = actor("ttt", &[Role::Auditor]);
        for s in ModelStatus::ALL {
            assert!(may_read_model(&own, at(s)));
            assert!(may_read_model(&auditor, at(s)));
            assert_eq!(may_read_model(&dic, at(s)), s != ModelStatus::Draft, "{s}");
            assert_eq!(may_read_model(&other, at(s)), s.public(), "{s}");
            assert_eq!(may_read_model(&home, at(s)), s.public(), "{s}");
        }
    }

    #[test]
    fn steps_go_to_the_head_and_to_dic_of_the_standing_unit() {
        let head = actor("unit", &[Role::UnitHead]);
        let officer = actor("unit", &[Role::UnitOfficer]);
        let dic = actor("dic", &[Role::DicOfficer]);
        let other_dic = actor("elsewhere", &[Role::DicOfficer]);
        let sub = at(ModelStatus::Submitted);
        assert!(allows(&head, model_step(ModelAction::Submit, sub)));
        assert!(!allows(&officer, model_step(ModelAction::Submit, sub)));
        for a in [
            ModelAction::Recognize,
            ModelAction::Return,
            ModelAction::Retire,
        ] {
            assert!(allows(&dic, model_step(a, sub)), "{a}");
            assert!(!allows(&other_dic, model_step(a, sub)), "{a}");
            assert!(!allows(&head, model_step(a, sub)), "{a}");
        }
        // A DIC officer who submitted it does not recognise it.
        let own_sign_off = ModelAt {
            submitted_by: Some("u-dic"),
            ..sub
        };
        assert!(!allows(
            &dic,
            model_step(ModelAction::Recognize, own_sign_off)
        ));
        assert!(allows(&officer, edit_model("unit")));
        assert!(!allows(&dic, edit_model("unit")));
        assert!(allows(&dic, confirm_replication(sub.movement)));
        assert!(!allows(&head, confirm_replication(sub.movement)));
    }
}
