//! Use-case tests of `app::rollup`, on a fresh demo database, without HTTP: who reads
//! the report status, who issues the province roll-up and who reads it (403 / 404),
//! the period named once, and that each issue is a snapshot superseding the last.
//! (Roll-ups have no state or version to be stale: they are never changed.)

use super::review_fixtures::*;
use crate::helpers::app_db;
use thidua::app::reports;
use thidua::app::rollup::{
    self, ConsolidatedQuery, NewConsolidatedReport, PeriodQuery, UnitReportState,
};
use thidua::app::version::IfMatch;
use thidua::app::Context;

fn year(y: i32) -> PeriodQuery {
    PeriodQuery {
        year: Some(y),
        round_id: None,
    }
}

fn all_of(movement_id: &str) -> ConsolidatedQuery {
    ConsolidatedQuery {
        movement_id: Some(movement_id.into()),
        year: None,
        round_id: None,
        current: None,
        limit: None,
        cursor: None,
    }
}

#[test]
fn the_report_status_follows_the_units_report_and_only_reviewers_read_it() {
    let db = app_db();
    let (m, _) = movement_and_criteria(&db, 1);
    let head = db.ctx("unit_head");
    let unit = head.actor.unit_id.clone();
    let state_of_unit = |ctx: &Context| {
        let status = rollup::report_status(&mut db.conn(), ctx, &m, year(2025)).unwrap();
        let expected: usize = status.groups.iter().map(|g| g.totals.expected).sum();
        assert_eq!(status.totals.expected, expected);
        status
            .groups
            .into_iter()
            .flat_map(|g| g.units)
            .find(|u| u.unit_id == unit)
            .map(|u| u.state)
            .unwrap()
    };
    let dic = db.ctx("dic_officer");
    assert_eq!(state_of_unit(&dic), UnitReportState::NotStarted);
    let plan = accepted_plan(&db, 2025, 1);
    let report = draft_report(&db, &head, annual_report(&plan));
    assert_eq!(state_of_unit(&dic), UnitReportState::Draft);
    let report = db
        .tx(|conn| reports::submit(conn, &head, &report.id, None, IfMatch::Any))
        .unwrap();
    let sent = if report.late {
        UnitReportState::SubmittedLate
    } else {
        UnitReportState::SubmittedOnTime
    };
    // The Chair, Home Affairs, admins and auditors read it too.
    for who in [
        "dic_officer",
        "chair",
        "home_affairs_officer",
        "admin",
        "auditor",
    ] {
        assert_eq!(state_of_unit(&db.ctx(who)), sent, "{who}");
    }
    let mut conn = db.conn();
    for who in ["unit_head", "unit_officer"] {
        refused(
            rollup::report_status(&mut conn, &db.ctx(who), &m, year(2025)),
            "forbidden",
        );
    }
    let lapvo = unit_id(&db, "H-LAPVO");
    refused(
        rollup::report_status(
            &mut conn,
            &of_unit(db.ctx("dic_officer"), &lapvo),
            &m,
            year(2025),
        ),
        "forbidden",
    );
    refused(
        rollup::report_status(&mut conn, &dic, "no-such-movement", year(2025)),
        "not_found",
    );
    // The period is named once: a year or a round.
    let neither = PeriodQuery {
        year: None,
        round_id: None,
    };
    refused(
        rollup::report_status(&mut conn, &dic, &m, neither),
        "validation_failed",
    );
    let both = PeriodQuery {
        year: Some(2025),
        round_id: Some("r".into()),
    };
    refused(
        rollup::report_status(&mut conn, &dic, &m, both),
        "validation_failed",
    );
}

#[test]
fn dic_of_the_standing_unit_issues_snapshots_its_readers_read_them() {
    let db = app_db();
    let (m, _) = movement_and_criteria(&db, 1);
    let dic = db.ctx("dic_officer");
    let issue = |ctx: &Context| {
        db.tx(|conn| {
            rollup::issue(
                conn,
                ctx,
                NewConsolidatedReport {
                    movement_id: m.clone(),
                    year: Some(2024),
                    round_id: None,
                },
            )
        })
    };
    let first = issue(&dic).unwrap();
    assert!(first.current);
    assert_eq!(first.content.period_label, "Năm 2024");
    assert_eq!(first.content.issued_by.username, "dic_officer");
    let expected = first.content.rollup.coverage.expected;
    assert!(expected > 0 && first.content.rollup.coverage.reported > 0);
    // Only DIC of the standing unit issues.
    let lapvo = unit_id(&db, "H-LAPVO");
    for ctx in [
        db.ctx("home_affairs_officer"),
        db.ctx("chair"),
        db.ctx("admin"),
        db.ctx("unit_head"),
        of_unit(db.ctx("dic_officer"), &lapvo),
    ] {
        refused(issue(&ctx), "forbidden");
    }
    let second = issue(&dic).unwrap();
    let mut conn = db.conn();
    assert!(
        !rollup::get(&mut conn, &dic, &first.id).unwrap().current,
        "superseded"
    );
    assert!(rollup::get(&mut conn, &dic, &second.id).unwrap().current);
    // Its readers: the movement's reviewers, the Chair, admins, auditors.
    for who in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let ctx = db.ctx(who);
        assert_eq!(
            rollup::get(&mut conn, &ctx, &second.id).unwrap().id,
            second.id
        );
        let page = rollup::list(&mut conn, &ctx, all_of(&m)).unwrap();
        let ids: Vec<_> = page
            .items
            .iter()
            .map(|s| (s.id.clone(), s.current))
            .collect();
        assert_eq!(
            ids,
            [(second.id.clone(), true), (first.id.clone(), false)],
            "{who}"
        );
    }
    // Nobody else: 404 and empty lists.
    for ctx in [
        db.ctx("unit_head"),
        db.ctx("unit_officer"),
        of_unit(db.ctx("dic_officer"), &lapvo),
    ] {
        refused(rollup::get(&mut conn, &ctx, &second.id), "not_found");
        assert!(rollup::list(&mut conn, &ctx, all_of(&m))
            .unwrap()
            .items
            .is_empty());
    }
    let current = ConsolidatedQuery {
        current: Some(true),
        ..all_of(&m)
    };
    assert_eq!(
        rollup::list(&mut conn, &dic, current).unwrap().items.len(),
        1
    );
    let csv = rollup::to_csv(&second.content);
    assert!(csv.starts_with('\u{feff}') && csv.lines().count() == expected + 1);
}
