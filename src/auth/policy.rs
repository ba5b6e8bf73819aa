//! Every authorisation decision of the service, in one place. Handlers name the
//! permission they need; this module says yes (Ok) or no (403). Records a caller may
//! not even see are answered 404 by the handler before it gets here.

use super::{Actor, Role};
use crate::error::ApiError;

/// What a caller asks to do.
#[derive(Debug, Clone, Copy)]
pub enum Permission<'a> {
    /// Groups, units, movements, criteria, rounds: any signed-in user.
    ReadOrganisation,
    /// Create or change groups, units, movements, rounds.
    ManageOrganisation,
    /// Define a movement's criteria: admin, or DIC of the movement's standing unit.
    ManageCriteria { standing_unit_id: &'a str },
    /// List and read user accounts.
    ReadUsers,
    /// Create, change, deactivate user accounts.
    ManageUsers,
    /// The audit trail.
    ReadAudit,
}

pub fn allows(actor: &Actor, permission: Permission<'_>) -> bool {
    use Permission::*;
    match permission {
        ReadOrganisation => !actor.roles.is_empty(),
        ManageOrganisation | ManageUsers => actor.has(Role::Admin),
        ManageCriteria { standing_unit_id } => {
            actor.has(Role::Admin)
                || (actor.has(Role::DicOfficer) && actor.unit_id == standing_unit_id)
        }
        ReadUsers | ReadAudit => actor.has(Role::Admin) || actor.has(Role::Auditor),
    }
}

pub fn require(actor: &Actor, permission: Permission<'_>) -> Result<(), ApiError> {
    if allows(actor, permission) {
        Ok(())
    } else {
        tracing::info!(user = %actor.username, ?permission, "refused by policy");
        Err(ApiError::forbidden())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, unit: &str) -> Actor {
        Actor {
            user_id: "u".into(),
            username: "x".into(),
            full_name: "X".into(),
            unit_id: unit.into(),
            roles: vec![role],
        }
    }

    #[test]
    fn only_admins_manage_the_organisation_and_users() {
        for role in Role::ALL {
            let a = actor(role, "STTTT");
            assert_eq!(
                allows(&a, Permission::ManageOrganisation),
                role == Role::Admin
            );
            assert_eq!(allows(&a, Permission::ManageUsers), role == Role::Admin);
            assert!(allows(&a, Permission::ReadOrganisation));
        }
    }

    #[test]
    fn criteria_belong_to_the_standing_unit_dic() {
        let p = Permission::ManageCriteria {
            standing_unit_id: "stttt",
        };
        assert!(allows(&actor(Role::DicOfficer, "stttt"), p));
        assert!(!allows(&actor(Role::DicOfficer, "other"), p));
        assert!(!allows(&actor(Role::UnitHead, "stttt"), p));
        assert!(allows(&actor(Role::Admin, "vp"), p));
    }

    #[test]
    fn the_audit_trail_is_for_auditors_and_admins() {
        for role in Role::ALL {
            assert_eq!(
                allows(&actor(role, "u"), Permission::ReadAudit),
                matches!(role, Role::Admin | Role::Auditor)
            );
        }
    }
}
