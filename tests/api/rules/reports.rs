//! Use-case tests of `app::reports`, on a fresh demo database, without HTTP: a report
//! answers an accepted plan, goes with a result for every target, is reviewed by DIC of
//! the standing unit (never by its own submitter) with scores within the criteria's
//! maxima; wrong role 403, another unit's record 404, wrong state 409, stale 412.

use super::review_fixtures::*;
use crate::helpers::app_db;
use thidua::app::plans;
use thidua::app::reports::{self, AcceptReport, AssessedScore, ReportChanges};
use thidua::app::version::IfMatch;
use thidua::auth::Role;
use thidua::domain::review::ReviewStatus;

fn accept_input(scores: &[(&str, f64)]) -> AcceptReport {
    AcceptReport {
        comment: None,
        assessed_scores: scores
            .iter()
            .map(|(t, s)| AssessedScore {
                target_id: (*t).into(),
                score: *s,
            })
            .collect(),
    }
}

#[test]
fn a_report_on_the_accepted_plan_is_submitted_and_accepted_with_both_scores_kept() {
    let db = app_db();
    let plan = accepted_plan(&db, 2025, 2);
    let report = draft_report(&db, &db.ctx("unit_officer"), annual_report(&plan));
    assert_eq!(
        (report.status, report.version, report.results.len()),
        (ReviewStatus::Draft, 1, 2)
    );
    assert_eq!(report.plan_id, plan.id);
    assert_eq!(report.due_on.to_string(), "2025-12-10");
    let head = db.ctx("unit_head");
    let report = db
        .tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Version(1)))
        .unwrap();
    assert_eq!(
        (report.status, report.version),
        (ReviewStatus::Submitted, 2)
    );
    assert_eq!(report.late, head.today > report.due_on);
    assert_eq!(report.first_submitted_at, report.submitted_at);
    let target = plan.targets[0].id.clone();
    let dic = db.ctx("dic_officer");
    let report = db
        .tx(|conn| {
            reports::accept(
                conn,
                &dic,
                &report.id,
                accept_input(&[(&target, 4.5)]),
                IfMatch::Version(2),
            )
        })
        .unwrap();
    assert_eq!((report.status, report.version), (ReviewStatus::Accepted, 3));
    let scores: Vec<_> = report
        .results
        .iter()
        .map(|r| (r.target_id == target, r.self_score, r.assessed_score))
        .collect();
    assert!(scores.contains(&(true, 5.0, Some(4.5))), "{scores:?}");
    assert!(scores.contains(&(false, 5.0, Some(5.0))), "{scores:?}");
    // As read again.
    let mut conn = db.conn();
    let read = reports::get(&mut conn, &head, &report.id).unwrap();
    assert_eq!(
        read.results
            .iter()
            .filter_map(|r| r.assessed_score)
            .sum::<f64>(),
        9.5
    );
    let roles: Vec<_> = reports::history(&mut conn, &dic, &report.id)
        .unwrap()
        .items
        .into_iter()
        .map(|e| (e.action, e.actor_role))
        .collect();
    assert_eq!(
        roles,
        [
            ("create".to_string(), "unit_officer".to_string()),
            ("submit".into(), "unit_head".into()),
            ("accept".into(), "dic_officer".into()),
        ]
    );
}

#[test]
fn a_report_needs_an_accepted_plan_and_a_result_for_every_target() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 2);
    let head = db.ctx("unit_head");
    let plan = submitted_plan(&db, &head, annual_plan(&m, 2025, &c));
    refused(
        db.tx(|conn| reports::create(conn, &head, annual_report(&plan))),
        "no_accepted_plan",
    );
    let plan = db
        .tx(|conn| plans::accept(conn, &db.ctx("dic_officer"), &plan.id, None, IfMatch::Any))
        .unwrap();
    let mut input = annual_report(&plan);
    input.results.truncate(1);
    let report = draft_report(&db, &head, input);
    let e = refused(
        db.tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Any)),
        "results_incomplete",
    );
    assert_eq!(
        e.details.extra["missing_target_ids"],
        serde_json::json!([plan.targets[1].id])
    );
    // A second annual report of the same year is refused.
    refused(
        db.tx(|conn| reports::create(conn, &head, annual_report(&plan))),
        "report_exists",
    );
}

#[test]
fn each_step_is_refused_to_the_wrong_role_and_to_other_units() {
    let db = app_db();
    let plan = accepted_plan(&db, 2025, 1);
    let officer = db.ctx("unit_officer");
    let report = draft_report(&db, &officer, annual_report(&plan));
    let lapvo = unit_id(&db, "H-LAPVO");
    let other_head = of_unit(db.ctx("unit_head"), &lapvo);
    let mut conn = db.conn();
    refused(
        reports::get(&mut conn, &other_head, &report.id),
        "not_found",
    );
    refused(
        reports::get(&mut conn, &db.ctx("dic_officer"), &report.id),
        "not_found",
    );
    drop(conn);
    refused(
        db.tx(|conn| reports::submit(conn, &officer, &report.id, None, IfMatch::Any)),
        "forbidden",
    );
    refused(
        db.tx(|conn| reports::submit(conn, &other_head, &report.id, None, IfMatch::Any)),
        "not_found",
    );
    let report = db
        .tx(|conn| reports::submit(conn, &db.ctx("unit_head"), &report.id, None, IfMatch::Any))
        .unwrap();
    for who in ["unit_head", "home_affairs_officer", "chair", "auditor"] {
        refused(
            db.tx(|conn| {
                reports::accept(
                    conn,
                    &db.ctx(who),
                    &report.id,
                    accept_input(&[]),
                    IfMatch::Any,
                )
            }),
            "forbidden",
        );
    }
    let other_dic = of_unit(db.ctx("dic_officer"), &lapvo);
    refused(
        db.tx(|conn| {
            reports::send_back(
                conn,
                &other_dic,
                &report.id,
                "Bổ sung.".into(),
                IfMatch::Any,
            )
        }),
        "not_found",
    );
    let mut conn = db.conn();
    assert_eq!(
        reports::get(&mut conn, &officer, &report.id)
            .unwrap()
            .version,
        2
    );
}

#[test]
fn steps_check_the_state_the_version_and_the_scores() {
    let db = app_db();
    let plan = accepted_plan(&db, 2025, 1);
    let head = db.ctx("unit_head");
    let dic = db.ctx("dic_officer");
    let report = draft_report(&db, &head, annual_report(&plan));
    refused(
        db.tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Version(7))),
        "stale_version",
    );
    let report = db
        .tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Any))
        .unwrap();
    let e = refused(
        db.tx(|conn| {
            let changes = ReportChanges {
                narrative: Some("Sửa".into()),
                results: None,
            };
            reports::update(conn, &head, &report.id, changes, IfMatch::Any)
        }),
        "invalid_state",
    );
    assert_eq!(e.details.extra["current_state"], "submitted");
    let target = plan.targets[0].id.clone();
    // Above the criterion's maximum, or a target without a result: 422, before the version.
    for scores in [
        vec![(target.as_str(), 1000.0)],
        vec![("no-such-target", 1.0)],
    ] {
        refused(
            db.tx(|conn| {
                reports::accept(
                    conn,
                    &dic,
                    &report.id,
                    accept_input(&scores),
                    IfMatch::Version(1),
                )
            }),
            "validation_failed",
        );
    }
    refused(
        db.tx(|conn| {
            reports::accept(
                conn,
                &dic,
                &report.id,
                accept_input(&[]),
                IfMatch::Version(1),
            )
        }),
        "stale_version",
    );
    let report = db
        .tx(|conn| {
            reports::send_back(
                conn,
                &dic,
                &report.id,
                "Bổ sung minh chứng.".into(),
                IfMatch::Version(2),
            )
        })
        .unwrap();
    assert_eq!((report.status, report.version), (ReviewStatus::Returned, 3));
    let e = refused(
        db.tx(|conn| reports::accept(conn, &dic, &report.id, accept_input(&[]), IfMatch::Any)),
        "invalid_state",
    );
    assert_eq!(e.details.extra["current_state"], "returned");
    // Sent again, the late mark of the first submission stays.
    let again = db
        .tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Any))
        .unwrap();
    assert_eq!(again.first_submitted_at, report.first_submitted_at);
    assert_eq!(again.late, report.late);
}

#[test]
fn a_reviewer_never_accepts_or_returns_their_own_sign_off() {
    let db = app_db();
    let (m, c) = movement_and_criteria(&db, 1);
    let standing = unit_id(&db, "STTTT");
    let both = of_unit(
        with_roles(db.ctx("dic_officer"), &[Role::UnitHead, Role::DicOfficer]),
        &standing,
    );
    let other = of_unit(with_roles(db.ctx("admin"), &[Role::DicOfficer]), &standing);
    let plan = submitted_plan(&db, &both, annual_plan(&m, 2025, &c));
    let plan = db
        .tx(|conn| plans::accept(conn, &other, &plan.id, None, IfMatch::Any))
        .unwrap();
    let report = submitted_report(&db, &both, annual_report(&plan));
    refused(
        db.tx(|conn| reports::accept(conn, &both, &report.id, accept_input(&[]), IfMatch::Any)),
        "forbidden",
    );
    refused(
        db.tx(|conn| reports::send_back(conn, &both, &report.id, "Tự trả.".into(), IfMatch::Any)),
        "forbidden",
    );
    let report = db
        .tx(|conn| reports::accept(conn, &other, &report.id, accept_input(&[]), IfMatch::Any))
        .unwrap();
    assert_eq!(report.status, ReviewStatus::Accepted);
}
