//! The policy, decision by decision.

use super::*;
use crate::domain::award::AwardForm;
use crate::domain::nomination::{State, Step};

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
fn drafts_stay_with_their_unit_until_submitted() {
    let m = MovementRoles {
        standing_unit_id: "stttt",
        appraising_unit_id: "snv",
    };
    let read = |a: &Actor, draft| {
        allows(
            a,
            Permission::ReadUnitRecord {
                unit_id: "tm",
                draft,
                movement: m,
            },
        )
    };
    assert!(read(&actor(Role::UnitOfficer, "tm"), true));
    assert!(!read(&actor(Role::UnitOfficer, "other"), false));
    assert!(!read(&actor(Role::DicOfficer, "stttt"), true));
    assert!(read(&actor(Role::DicOfficer, "stttt"), false));
    assert!(!read(&actor(Role::DicOfficer, "other"), false));
    assert!(read(&actor(Role::HomeAffairsOfficer, "snv"), false));
    assert!(read(&actor(Role::Auditor, "ttt"), true));
    assert!(allows(
        &actor(Role::UnitHead, "tm"),
        Permission::SubmitUnitRecord { unit_id: "tm" }
    ));
    assert!(!allows(
        &actor(Role::UnitOfficer, "tm"),
        Permission::SubmitUnitRecord { unit_id: "tm" }
    ));
    assert!(!allows(
        &actor(Role::UnitHead, "x"),
        Permission::SubmitUnitRecord { unit_id: "tm" }
    ));
    assert!(allows(
        &actor(Role::DicOfficer, "stttt"),
        Permission::ReviewMovement { movement: m }
    ));
    assert!(!allows(
        &actor(Role::HomeAffairsOfficer, "snv"),
        Permission::ReviewMovement { movement: m }
    ));
}

#[test]
fn giay_khen_is_recorded_by_its_head_read_by_its_unit_and_the_movements_reviewers() {
    let m = MovementRoles {
        standing_unit_id: "stttt",
        appraising_unit_id: "snv",
    };
    let record = Permission::RecordUnitAward { unit_id: "tm" };
    let read = Permission::ReadUnitAward {
        unit_id: "tm",
        movement: m,
    };
    for role in Role::ALL {
        let own = actor(role, "tm");
        let other = actor(role, "lv");
        assert_eq!(allows(&own, record), role == Role::UnitHead, "{role:?}");
        assert!(!allows(&other, record), "{role:?} of another unit");
        assert!(allows(&own, read), "{role:?} of the unit");
        // Of an unrelated unit: only those who read every unit's.
        let all = matches!(role, Role::Admin | Role::Auditor | Role::Chair);
        assert_eq!(allows(&other, read), all, "{role:?} of another unit");
        assert_eq!(unit_award_scope(&other) == Visibility::All, all, "{role:?}");
        if let Visibility::Scoped { unit_id, reviewed } = unit_award_scope(&other) {
            assert_eq!(unit_id, "lv");
            assert!(!reviewed.includes(m), "{role:?} of another unit");
        }
        assert!(allows(&other, Permission::ReadAwardHistory), "{role:?}");
    }
    // DIC of the standing unit and Home Affairs of the appraising unit read the
    // movement's Giấy khen; each in the other's unit, or in a third one, does not.
    for (role, unit, reads) in [
        (Role::DicOfficer, "stttt", true),
        (Role::HomeAffairsOfficer, "snv", true),
        (Role::DicOfficer, "snv", false),
        (Role::HomeAffairsOfficer, "stttt", false),
        (Role::DicOfficer, "skhcn", false),
        (Role::UnitHead, "stttt", false),
    ] {
        let a = actor(role, unit);
        assert_eq!(allows(&a, read), reads, "{role:?} of {unit}");
        let Visibility::Scoped { unit_id, reviewed } = unit_award_scope(&a) else {
            panic!("{role:?} of {unit} lists only what it may");
        };
        assert_eq!(unit_id, unit);
        assert_eq!(reviewed.includes(m), reads, "{role:?} of {unit}");
    }
    let nobody = Actor {
        roles: vec![],
        ..actor(Role::UnitHead, "tm")
    };
    assert!(!allows(&nobody, Permission::ReadAwardHistory));
    assert!(!allows(&nobody, record));
}

#[test]
fn nomination_steps_go_to_the_role_of_the_moment() {
    let m = MovementRoles {
        standing_unit_id: "stttt",
        appraising_unit_id: "snv",
    };
    let at = |state| NominationAt {
        state,
        form: AwardForm::ProvincialMerit,
        unit_id: "tm",
        movement: m,
        submitted_by: Some("u"),
        dic_proposes: false,
    };
    let head = actor(Role::UnitHead, "tm");
    let officer = actor(Role::UnitOfficer, "tm");
    let dic = actor(Role::DicOfficer, "stttt");
    let ha = actor(Role::HomeAffairsOfficer, "snv");
    assert!(may_take(&head, Step::Submit, at(State::Draft)));
    assert!(!may_take(&officer, Step::Submit, at(State::Draft)));
    assert!(may_take(&officer, Step::Withdraw, at(State::Submitted)));
    // DIC returns a submitted nomination, never their own sign-off.
    let other_dic = Actor {
        user_id: "v".into(),
        ..dic.clone()
    };
    assert!(may_take(&other_dic, Step::Return, at(State::Submitted)));
    assert!(!may_take(&dic, Step::Return, at(State::Submitted)));
    assert!(!may_take(&ha, Step::Return, at(State::Submitted)));
    assert!(may_take(&ha, Step::Return, at(State::Consolidated)));
    // A return where none is possible: either reviewer learns the state.
    assert!(may_take(&ha, Step::Return, at(State::Approved)));
    assert!(may_take(&other_dic, Step::Return, at(State::Approved)));
    assert!(!may_take(&head, Step::Return, at(State::Approved)));
    assert!(may_take(&ha, Step::Approve, at(State::Consolidated)));
    assert!(!may_take(&dic, Step::Approve, at(State::Consolidated)));
    assert!(may_take(
        &actor(Role::Chair, "ubnd"),
        Step::Award,
        at(State::Approved)
    ));
    assert!(step_checks_submitter(
        &dic,
        Step::Consolidate,
        at(State::Submitted)
    ));
    assert!(!step_checks_submitter(
        &head,
        Step::Submit,
        at(State::Draft)
    ));
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

// Issue 9 item 16 (personal data).
#[test]
fn only_admins_export_personal_data() {
    for role in Role::ALL {
        let a = actor(role, "vp");
        assert_eq!(
            allows(&a, Permission::ExportPersonalData),
            role == Role::Admin,
            "{role:?}"
        );
    }
}

#[test]
fn personal_fields_read_outside_the_proposing_unit_are_audited() {
    assert!(!reads_as_outsider(&actor(Role::UnitOfficer, "tm"), "tm"));
    assert!(!reads_as_outsider(&actor(Role::UnitHead, "tm"), "tm"));
    assert!(reads_as_outsider(&actor(Role::DicOfficer, "stttt"), "tm"));
    assert!(reads_as_outsider(&actor(Role::Auditor, "tt"), "tm"));
    assert!(reads_as_outsider(&actor(Role::Admin, "vp"), "tm"));
}

#[test]
fn rankings_are_read_whole_by_reviewers_and_by_group_by_member_units() {
    let m = MovementRoles {
        standing_unit_id: "stttt",
        appraising_unit_id: "snv",
    };
    let p = Permission::ReadRankings { movement: m };
    for role in Role::ALL {
        let a = actor(role, "tm");
        let expected = matches!(
            role,
            Role::Admin | Role::Chair | Role::Auditor | Role::UnitOfficer | Role::UnitHead
        );
        assert_eq!(allows(&a, p), expected, "{role:?}");
    }
    assert!(allows(&actor(Role::DicOfficer, "stttt"), p));
    assert!(!allows(&actor(Role::DicOfficer, "other"), p));
    assert!(allows(&actor(Role::HomeAffairsOfficer, "snv"), p));
    assert_eq!(
        ranking_scope(&actor(Role::DicOfficer, "stttt"), m),
        RankingScope::Every
    );
    assert_eq!(
        ranking_scope(&actor(Role::Auditor, "ttt"), m),
        RankingScope::Every
    );
    assert_eq!(
        ranking_scope(&actor(Role::UnitHead, "tm"), m),
        RankingScope::OwnGroups {
            unit_id: "tm".into()
        }
    );
}

#[test]
fn dic_drafts_ad_hoc_nominations_of_its_own_standing_unit_only() {
    let m = MovementRoles {
        standing_unit_id: "stttt",
        appraising_unit_id: "snv",
    };
    let draft = |unit_id, dic_proposes| Permission::DraftNomination {
        unit_id,
        dic_proposes,
        movement: m,
    };
    let dic = actor(Role::DicOfficer, "stttt");
    assert!(allows(&dic, draft("stttt", true)));
    // Not outside an ad hoc round, not for another unit, not for another movement's DIC.
    assert!(!allows(&dic, draft("stttt", false)));
    assert!(!allows(&dic, draft("tm", true)));
    assert!(!allows(
        &actor(Role::DicOfficer, "other"),
        draft("other", true)
    ));
    assert!(!allows(
        &actor(Role::HomeAffairsOfficer, "snv"),
        draft("snv", true)
    ));
    // The units draft their own, whatever the round.
    assert!(allows(&actor(Role::UnitOfficer, "tm"), draft("tm", false)));
    assert!(allows(&actor(Role::UnitHead, "tm"), draft("tm", true)));
    assert!(!allows(
        &actor(Role::UnitOfficer, "tm"),
        draft("stttt", true)
    ));
}
