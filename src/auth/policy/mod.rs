//! Every authorisation decision of the service, in one place. Handlers name the
//! permission they need; this module says yes (Ok) or no (403). Records a caller may
//! not even see are answered 404 by the handler before it gets here.

use super::{Actor, Role};
use crate::db::models::MovementRow;
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
    /// See one plan or report of a unit: the unit's own users always; reviewers of the
    /// movement once it is submitted; auditors always. Refused = 404.
    ReadUnitRecord {
        unit_id: &'a str,
        draft: bool,
        movement: MovementRoles<'a>,
    },
    /// Draft or change a unit's plan or report: its officers and head.
    EditUnitRecord { unit_id: &'a str },
    /// Draft or change a nomination, its dossier, or withdraw it: the proposing unit's
    /// officers and head; in a round DIC may propose in (`dic_proposes`: an ad hoc
    /// round, plan V.1) also a DIC officer of the movement's standing unit, for a
    /// nomination that unit proposes.
    DraftNomination {
        unit_id: &'a str,
        dic_proposes: bool,
        movement: MovementRoles<'a>,
    },
    /// Sign off (submit) a unit's plan or report: its head.
    SubmitUnitRecord { unit_id: &'a str },
    /// Accept or return plans and reports, issue the consolidated report: DIC of the
    /// movement's standing unit.
    ReviewMovement { movement: MovementRoles<'a> },
    /// Accept or return one plan or report: DIC of the standing unit, but never the
    /// person who submitted it (a DIC officer who is also their unit's head does not
    /// review their own sign-off).
    ReviewRecord {
        movement: MovementRoles<'a>,
        submitted_by: Option<&'a str>,
    },
    /// Appraise (and return during appraisal) a consolidated nomination: Home Affairs of
    /// the movement's appraising unit.
    AppraiseMovement { movement: MovementRoles<'a> },
    /// Who reported, who is late: the movement's reviewers and the province's leaders.
    ReadReportStatus { movement: MovementRoles<'a> },
    /// A movement's figures (nominations, quotas, overdue appraisals): the same readers.
    ReadDashboard { movement: MovementRoles<'a> },
    /// A movement's live rankings (issue 12 item 4): its reviewers and the province's
    /// leaders (every group), and a unit's officers and head (their own unit's groups
    /// only, see `ranking_scope`).
    ReadRankings { movement: MovementRoles<'a> },
    /// Public holidays (working-day limits).
    ManageHolidays,
    /// Issue the decisions that award provincial merit: the Chair of the People's Committee.
    Decide,
    /// Record a Giấy khen under a unit's own authority: that unit's head only (no
    /// provincial review; the head signs the unit's decision).
    RecordUnitAward { unit_id: &'a str },
    /// Read one Giấy khen: the awarding unit's users; the reviewers of the award's
    /// movement (its standing unit's DIC, its appraising unit's Home Affairs); the Chair,
    /// admins and auditors. Refused = 404.
    ReadUnitAward {
        unit_id: &'a str,
        movement: MovementRoles<'a>,
    },
    /// The award history of a nominee: any signed-in user. Units check it before they
    /// nominate and reviewers on each nomination. Bằng khen and state awards (public
    /// anyway) are shown to all; a Giấy khen only to those who may read it
    /// (`ReadUnitAward`), so another unit's Giấy khen stays with its readers.
    ReadAwardHistory,
    // Issue 9 item 16 (personal data).
    /// Export everything held on one person, and read any dossier file for it: admins
    /// only (the controller's answer to a data subject's request, Law 91/2025/QH15).
    ExportPersonalData,
}

/// The units that act for a movement (set per movement: the organisation changes).
#[derive(Debug, Clone, Copy)]
pub struct MovementRoles<'a> {
    pub standing_unit_id: &'a str,
    pub appraising_unit_id: &'a str,
}

impl<'a> MovementRoles<'a> {
    /// The acting units of a movement as it is stored.
    pub fn of(m: &'a MovementRow) -> Self {
        MovementRoles {
            standing_unit_id: &m.standing_unit_id,
            appraising_unit_id: &m.appraising_unit_id,
        }
    }
}

/// Which records a caller may list: everything, or their unit's plus the non-drafts of
/// the movements they review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    All,
    Scoped { unit_id: String, reviewed: Reviewed },
}

/// The movements whose submitted records a caller reviews, as a rule on the movements'
/// acting units: the repositories apply it inside the list's own statement, so no list
/// of movements is read first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reviewed {
    Nothing,
    Every,
    /// Those whose standing unit is `standing` (DIC) or whose appraising unit is
    /// `appraising` (Home Affairs).
    ActingUnit {
        standing: Option<String>,
        appraising: Option<String>,
    },
}

impl Reviewed {
    pub fn includes(&self, m: MovementRoles<'_>) -> bool {
        match self {
            Reviewed::Nothing => false,
            Reviewed::Every => true,
            Reviewed::ActingUnit {
                standing,
                appraising,
            } => {
                standing.as_deref() == Some(m.standing_unit_id)
                    || appraising.as_deref() == Some(m.appraising_unit_id)
            }
        }
    }
}

/// Reviewers of a movement see its submitted records: its standing unit's DIC, its
/// appraising unit's Home Affairs officers, the Chair, admins and auditors.
pub fn reviewed_movements(actor: &Actor) -> Reviewed {
    if actor.has(Role::Admin) || actor.has(Role::Chair) || actor.has(Role::Auditor) {
        return Reviewed::Every;
    }
    let standing = actor.has(Role::DicOfficer).then(|| actor.unit_id.clone());
    let appraising = actor
        .has(Role::HomeAffairsOfficer)
        .then(|| actor.unit_id.clone());
    if standing.is_none() && appraising.is_none() {
        Reviewed::Nothing
    } else {
        Reviewed::ActingUnit {
            standing,
            appraising,
        }
    }
}

/// Whether `actor` reviews the movement (`reviewed_movements`).
pub fn reviews_movement(actor: &Actor, m: MovementRoles<'_>) -> bool {
    reviewed_movements(actor).includes(m)
}

/// Who reads every unit's Giấy khen, whatever the movement: admins, auditors and the
/// Chair. DIC and Home Affairs officers read those of the movements they review
/// (`reviews_movement`), as they check nominations against the award history.
pub fn reads_all_unit_awards(actor: &Actor) -> bool {
    actor.has(Role::Admin) || actor.has(Role::Auditor) || actor.has(Role::Chair)
}

/// Which Giấy khen a caller's lists may contain: every unit's for those who read them
/// all (`reads_all_unit_awards`), else `list_scope`'s (their own unit's plus those of
/// the movements they review).
pub fn unit_award_scope(actor: &Actor) -> Visibility {
    if reads_all_unit_awards(actor) {
        Visibility::All
    } else {
        list_scope(actor)
    }
}

/// What a caller's lists may contain.
pub fn list_scope(actor: &Actor) -> Visibility {
    if actor.has(Role::Auditor) {
        return Visibility::All;
    }
    Visibility::Scoped {
        unit_id: actor.unit_id.clone(),
        reviewed: reviewed_movements(actor),
    }
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
        ReadUnitRecord {
            unit_id,
            draft,
            movement,
        } => {
            actor.unit_id == unit_id
                || actor.has(Role::Auditor)
                || (!draft && reviews_movement(actor, movement))
        }
        EditUnitRecord { unit_id } => {
            (actor.has(Role::UnitOfficer) || actor.has(Role::UnitHead)) && actor.unit_id == unit_id
        }
        DraftNomination {
            unit_id,
            dic_proposes,
            movement,
        } => {
            allows(actor, EditUnitRecord { unit_id })
                || (dic_proposes
                    && actor.has(Role::DicOfficer)
                    && actor.unit_id == unit_id
                    && unit_id == movement.standing_unit_id)
        }
        SubmitUnitRecord { unit_id } => actor.has(Role::UnitHead) && actor.unit_id == unit_id,
        ReviewMovement { movement } => {
            actor.has(Role::DicOfficer) && actor.unit_id == movement.standing_unit_id
        }
        ReviewRecord {
            movement,
            submitted_by,
        } => {
            allows(actor, ReviewMovement { movement })
                && submitted_by != Some(actor.user_id.as_str())
        }
        AppraiseMovement { movement } => {
            actor.has(Role::HomeAffairsOfficer) && actor.unit_id == movement.appraising_unit_id
        }
        ReadReportStatus { movement } | ReadDashboard { movement } => {
            reviews_movement(actor, movement)
        }
        ReadRankings { movement } => {
            reviews_movement(actor, movement)
                || actor.has(Role::UnitOfficer)
                || actor.has(Role::UnitHead)
        }
        ManageHolidays => actor.has(Role::Admin),
        Decide => actor.has(Role::Chair),
        RecordUnitAward { unit_id } => actor.has(Role::UnitHead) && actor.unit_id == unit_id,
        ReadUnitAward { unit_id, movement } => {
            actor.unit_id == unit_id
                || reads_all_unit_awards(actor)
                || reviews_movement(actor, movement)
        }
        ReadAwardHistory => !actor.roles.is_empty(),
        ExportPersonalData => actor.has(Role::Admin),
    }
}

/// How much of a movement's live rankings a caller reads, once `ReadRankings` allows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankingScope {
    /// Every bloc and cluster, every unit's report state: the movement's reviewers, the
    /// Chair, admins and auditors (the readers of the issued roll-up, which holds the
    /// same ranking).
    Every,
    /// Only the blocs and clusters `unit_id` belongs to. The members of a bloc or cluster
    /// sign one emulation covenant and are scored against each other, so each sees where
    /// it stands among them (the same figures the cluster's year-end meeting reads out);
    /// other groups' scores stay with the reviewers. Another unit's draft is that unit's
    /// own: it shows as `not_started`, as if nothing were written.
    OwnGroups { unit_id: String },
}

/// The scope of a caller allowed `ReadRankings` (see `RankingScope`).
pub fn ranking_scope(actor: &Actor, movement: MovementRoles<'_>) -> RankingScope {
    if reviews_movement(actor, movement) {
        RankingScope::Every
    } else {
        RankingScope::OwnGroups {
            unit_id: actor.unit_id.clone(),
        }
    }
}

pub fn require(actor: &Actor, permission: Permission<'_>) -> Result<(), ApiError> {
    if allows(actor, permission) {
        Ok(())
    } else {
        tracing::info!(user = %actor.username, ?permission, "refused by policy");
        let (en, vi) = refusals::refusal(&permission);
        Err(ApiError::forbidden().detail(en, vi))
    }
}

/// Whether reading a nomination's personal fields is audited (issue 9 item 16): when
/// the reader is outside the proposing unit.
pub fn reads_as_outsider(actor: &Actor, proposing_unit_id: &str) -> bool {
    actor.unit_id != proposing_unit_id
}

/// Whether the caller's deadlines include their unit's own plans and reports: its
/// officers and its head.
pub fn owes_unit_deadlines(actor: &Actor) -> bool {
    actor.has(Role::UnitOfficer) || actor.has(Role::UnitHead)
}

/// Whether the submitted plans and reports of a movement wait on the caller's review in
/// their deadlines: the DIC officers who review the movement.
pub fn review_deadlines_of(actor: &Actor, movement: MovementRoles<'_>) -> bool {
    actor.has(Role::DicOfficer) && allows(actor, Permission::ReviewMovement { movement })
}

pub mod exemplary_models;
mod refusals;
mod steps;

pub use steps::{may_take, require_step, step_checks_submitter, step_permission, NominationAt};

#[cfg(test)]
mod tests;
