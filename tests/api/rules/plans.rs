//! Use-case tests of `app::plans`, on a fresh demo database, without HTTP: who may
//! draft, submit and review (wrong role 403, another unit's record 404), the states
//! each step starts from (409 with the current state), versions (412), and that a
//! reviewer never reviews their own sign-off.

use super::review_fixtures::*;
use crate::helpers::app_db;
use thidua::app::plans::{self, PlanChanges, PlanKind, PlanQuery};
use thidua::app::version::IfMatch;
use thidua::auth::Role;
use thidua::domain::review::ReviewStatus;

fn changes(title: &str) -> PlanChanges {
    PlanChanges {
        title: Some(title.into()),
        description: None,
        targets: None,
    }
}

#[test]
fn the_unit_drafts_its_head_submits_and_dic_accepts_each_step_in_the_history() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 2);
    let officer = db.ctx("unit_officer");
    let plan = draft_plan(&db, &officer, annual_plan(&m, 2025, &c));
    assert_eq!(
        (plan.status, plan.version, plan.targets.len()),
        (ReviewStatus::Draft, 1, 2)
    );
    assert_eq!(plan.unit_id, officer.actor.unit_id);
    let head = db.ctx("unit_head");
    let plan = db
        .tx(|conn| {
            plans::submit(
                conn,
                &head,
                &plan.id,
                Some("Kính gửi Sở.".into()),
                IfMatch::Version(1),
            )
        })
        .unwrap();
    assert_eq!((plan.status, plan.version), (ReviewStatus::Submitted, 2));
    assert!(plan.submitted_at.is_some());
    assert_eq!(plan.targets.len(), 2, "a step keeps the targets");
    let dic = db.ctx("dic_officer");
    let plan = db
        .tx(|conn| plans::accept(conn, &dic, &plan.id, None, IfMatch::Version(2)))
        .unwrap();
    assert_eq!((plan.status, plan.version), (ReviewStatus::Accepted, 3));
    let mut conn = db.conn();
    let history = plans::history(&mut conn, &dic, &plan.id).unwrap();
    let steps: Vec<_> = history
        .items
        .iter()
        .map(|e| {
            (
                e.action.as_str(),
                e.to_status.as_str(),
                e.actor_role.as_str(),
                e.comment.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("create", "draft", "unit_officer", None),
            ("submit", "submitted", "unit_head", Some("Kính gửi Sở.")),
            ("accept", "accepted", "dic_officer", None),
        ]
    );
    assert_eq!(plans::get(&mut conn, &head, &plan.id).unwrap().version, 3);
}

#[test]
fn each_step_is_refused_to_the_wrong_role() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    let head = db.ctx("unit_head");
    let demo_unit = head.actor.unit_id.clone();
    // Only the unit's officers and head draft: not DIC, even naming the unit.
    let mut input = annual_plan(&m, 2025, &c);
    input.unit_id = Some(demo_unit.clone());
    refused(
        db.tx(|conn| plans::create(conn, &db.ctx("dic_officer"), input)),
        "forbidden",
    );
    let plan = draft_plan(&db, &db.ctx("unit_officer"), annual_plan(&m, 2025, &c));
    // Only the head submits.
    refused(
        db.tx(|conn| plans::submit(conn, &db.ctx("unit_officer"), &plan.id, None, IfMatch::Any)),
        "forbidden",
    );
    let plan = db
        .tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any))
        .unwrap();
    // Only DIC of the standing unit reviews: not the unit, not Home Affairs, not the Chair.
    for who in ["unit_head", "home_affairs_officer", "chair"] {
        refused(
            db.tx(|conn| plans::accept(conn, &db.ctx(who), &plan.id, None, IfMatch::Any)),
            "forbidden",
        );
        refused(
            db.tx(|conn| {
                plans::send_back(
                    conn,
                    &db.ctx(who),
                    &plan.id,
                    "Bổ sung.".into(),
                    IfMatch::Any,
                )
            }),
            "forbidden",
        );
    }
    let mut conn = db.conn();
    assert_eq!(
        plans::get(&mut conn, &head, &plan.id).unwrap().version,
        2,
        "nothing changed"
    );
}

#[test]
fn another_units_draft_is_invisible_and_its_records_are_not_ours_to_change() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    let plan = draft_plan(&db, &db.ctx("unit_officer"), annual_plan(&m, 2025, &c));
    let lapvo = unit_id(&db, "H-LAPVO");
    let other_head = of_unit(db.ctx("unit_head"), &lapvo);
    let mut conn = db.conn();
    refused(plans::get(&mut conn, &other_head, &plan.id), "not_found");
    refused(
        plans::history(&mut conn, &other_head, &plan.id).map(|_| ()),
        "not_found",
    );
    // DIC sees no draft.
    refused(
        plans::get(&mut conn, &db.ctx("dic_officer"), &plan.id),
        "not_found",
    );
    drop(conn);
    refused(
        db.tx(|conn| plans::update(conn, &other_head, &plan.id, changes("Khác"), IfMatch::Any)),
        "not_found",
    );
    refused(
        db.tx(|conn| plans::submit(conn, &other_head, &plan.id, None, IfMatch::Any)),
        "not_found",
    );
    // The head of another unit drafts only for their own unit.
    let mut input = annual_plan(&m, 2025, &c);
    input.unit_id = Some(db.ctx("unit_head").actor.unit_id);
    refused(
        db.tx(|conn| plans::create(conn, &other_head, input)),
        "forbidden",
    );
    // Submitted, it is seen by DIC of the standing unit, not by DIC elsewhere.
    let plan = db
        .tx(|conn| plans::submit(conn, &db.ctx("unit_head"), &plan.id, None, IfMatch::Any))
        .unwrap();
    let other_dic = of_unit(db.ctx("dic_officer"), &lapvo);
    let mut conn = db.conn();
    assert_eq!(
        plans::get(&mut conn, &db.ctx("dic_officer"), &plan.id)
            .unwrap()
            .id,
        plan.id
    );
    refused(plans::get(&mut conn, &other_dic, &plan.id), "not_found");
    drop(conn);
    refused(
        db.tx(|conn| plans::accept(conn, &other_dic, &plan.id, None, IfMatch::Any)),
        "not_found",
    );
    // Lists follow the same rule.
    let q = || PlanQuery {
        movement_id: None,
        unit_id: None,
        group_id: None,
        year: Some(2025),
        kind: Some(PlanKind::Annual),
        status: None,
        limit: None,
        cursor: None,
    };
    let listed = |ctx: &thidua::app::Context| {
        plans::list(&mut db.conn(), ctx, q())
            .unwrap()
            .items
            .into_iter()
            .any(|p| p.id == plan.id)
    };
    assert!(listed(&db.ctx("dic_officer")));
    assert!(listed(&db.ctx("unit_officer")));
    assert!(!listed(&other_head));
    assert!(!listed(&other_dic));
}

#[test]
fn a_step_from_the_wrong_state_names_the_current_state() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    let head = db.ctx("unit_head");
    let dic = db.ctx("dic_officer");
    let plan = draft_plan(&db, &head, annual_plan(&m, 2025, &c));
    let e = refused(
        db.tx(|conn| plans::accept(conn, &dic, &plan.id, None, IfMatch::Any)),
        "not_found",
    );
    drop(e); // a draft is not even visible to DIC
    let plan = db
        .tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any))
        .unwrap();
    let e = refused(
        db.tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any)),
        "invalid_state",
    );
    assert_eq!(e.details.extra["current_state"], "submitted");
    let e = refused(
        db.tx(|conn| plans::update(conn, &head, &plan.id, changes("Khác"), IfMatch::Any)),
        "invalid_state",
    );
    assert_eq!(e.details.extra["current_state"], "submitted");
    let plan = db
        .tx(|conn| plans::accept(conn, &dic, &plan.id, None, IfMatch::Any))
        .unwrap();
    for e in [
        refused(
            db.tx(|conn| plans::accept(conn, &dic, &plan.id, None, IfMatch::Any)),
            "invalid_state",
        ),
        refused(
            db.tx(|conn| plans::send_back(conn, &dic, &plan.id, "Bổ sung.".into(), IfMatch::Any)),
            "invalid_state",
        ),
        refused(
            db.tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any)),
            "invalid_state",
        ),
    ] {
        assert_eq!(e.details.extra["current_state"], "accepted");
    }
}

#[test]
fn changes_and_steps_need_the_current_version() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    let head = db.ctx("unit_head");
    let plan = draft_plan(&db, &head, annual_plan(&m, 2025, &c));
    let plan = db
        .tx(|conn| {
            plans::update(
                conn,
                &head,
                &plan.id,
                changes("Kế hoạch sửa đổi"),
                IfMatch::Version(1),
            )
        })
        .unwrap();
    assert_eq!((plan.version, plan.title.as_str()), (2, "Kế hoạch sửa đổi"));
    refused(
        db.tx(|conn| plans::update(conn, &head, &plan.id, changes("Cũ"), IfMatch::Version(1))),
        "stale_version",
    );
    refused(
        db.tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Version(1))),
        "stale_version",
    );
    let plan = db
        .tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Version(2)))
        .unwrap();
    refused(
        db.tx(|conn| {
            plans::accept(
                conn,
                &db.ctx("dic_officer"),
                &plan.id,
                None,
                IfMatch::Version(2),
            )
        }),
        "stale_version",
    );
    let mut conn = db.conn();
    let history = plans::history(&mut conn, &head, &plan.id).unwrap();
    assert_eq!(history.items.len(), 2, "a refused step records nothing");
}

#[test]
fn a_plan_goes_with_targets_and_comes_back_with_a_reason() {
    let db = app_db();
    let (m, _) = movement_and_criteria(&db, 1);
    let head = db.ctx("unit_head");
    let plan = draft_plan(&db, &head, annual_plan(&m, 2025, &[]));
    refused(
        db.tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any)),
        "targets_missing",
    );
    let (_, c) = movement_and_criteria(&db, 1);
    let with_targets = PlanChanges {
        title: None,
        description: None,
        targets: Some(annual_plan(&m, 2025, &c).targets),
    };
    db.tx(|conn| plans::update(conn, &head, &plan.id, with_targets, IfMatch::Any))
        .unwrap();
    let plan = db
        .tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any))
        .unwrap();
    let dic = db.ctx("dic_officer");
    refused(
        db.tx(|conn| plans::send_back(conn, &dic, &plan.id, "  ".into(), IfMatch::Any)),
        "validation_failed",
    );
    let plan = db
        .tx(|conn| {
            plans::send_back(
                conn,
                &dic,
                &plan.id,
                "Bổ sung chỉ tiêu.".into(),
                IfMatch::Any,
            )
        })
        .unwrap();
    assert_eq!(plan.status, ReviewStatus::Returned);
    assert_eq!(plan.return_reason.as_deref(), Some("Bổ sung chỉ tiêu."));
    // Returned, it is editable and submitted again.
    let plan = db
        .tx(|conn| plans::update(conn, &head, &plan.id, changes("Lần 2"), IfMatch::Any))
        .unwrap();
    let plan = db
        .tx(|conn| plans::submit(conn, &head, &plan.id, None, IfMatch::Any))
        .unwrap();
    assert_eq!(
        (plan.status, plan.return_reason),
        (ReviewStatus::Submitted, None)
    );
}

#[test]
fn a_reviewer_never_accepts_or_returns_their_own_sign_off() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    // A DIC officer who is also the head of the standing unit signs its own plan off.
    let standing = unit_id(&db, "STTTT");
    let both = of_unit(
        with_roles(db.ctx("dic_officer"), &[Role::UnitHead, Role::DicOfficer]),
        &standing,
    );
    let plan = submitted_plan(&db, &both, annual_plan(&m, 2025, &c));
    refused(
        db.tx(|conn| plans::accept(conn, &both, &plan.id, None, IfMatch::Any)),
        "forbidden",
    );
    refused(
        db.tx(|conn| plans::send_back(conn, &both, &plan.id, "Tự trả.".into(), IfMatch::Any)),
        "forbidden",
    );
    // Another DIC officer of the standing unit may.
    let other = of_unit(with_roles(db.ctx("admin"), &[Role::DicOfficer]), &standing);
    let plan = db
        .tx(|conn| plans::accept(conn, &other, &plan.id, None, IfMatch::Any))
        .unwrap();
    assert_eq!(plan.status, ReviewStatus::Accepted);
}
