//! Use-case tests of `app::decisions` and `app::quota` (the Chair's decision awarding
//! approved provincial-merit nominations within the round's quota), on a fresh demo
//! database, without HTTP.

use super::batches::*;
use crate::helpers::app_db;
use thidua::app::decisions::decide;
use thidua::db::repo::decisions as decision_repo;

#[test]
fn the_chair_awards_an_approved_nomination_and_takes_its_place() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    let used = quota(&mut conn, &round.id, "provincial_merit", "collective").awarded;
    let out = db
        .tx(|conn| decide(conn, &chair, decision(&round, "501/QĐ-UBND", &[&row])))
        .unwrap();
    assert_eq!(out.number, "501/QĐ-UBND");
    assert_eq!(out.year, 2026);
    assert_eq!(out.awardees.len(), 1);
    assert_eq!(out.awardees[0].nomination_id, row.id);
    assert_eq!(out.awardees[0].nominee_kind.as_str(), "collective");
    let after = reload(&mut conn, &row);
    assert_eq!(
        (after.status.as_str(), after.version),
        ("awarded", row.version + 1)
    );
    assert_eq!(
        last_step(&mut conn, &row.id),
        (
            "award".into(),
            "approved".into(),
            "awarded".into(),
            "chair".into(),
            Some("501/QĐ-UBND".into())
        )
    );
    let q = quota(&mut conn, &round.id, "provincial_merit", "collective");
    assert_eq!(q.awarded, used + 1);
    let read = thidua::app::decisions::get(&mut conn, &chair, &out.id).unwrap();
    assert_eq!(read.awardees[0].nomination_id, row.id);
}

#[test]
fn only_the_chair_decides() {
    let db = app_db();
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    for user in [
        "dic_officer",
        "home_affairs_officer",
        "unit_head",
        "admin",
        "auditor",
    ] {
        let ctx = db.ctx(user);
        let e = db
            .tx(|conn| decide(conn, &ctx, decision(&round, "502/QĐ-UBND", &[&row])))
            .unwrap_err();
        assert_eq!(e.code.as_str(), "forbidden", "{user}");
    }
    assert_eq!(reload(&mut conn, &row).status.to_string(), "approved");
}

#[test]
fn only_approved_provincial_merit_nominations_of_the_round_are_awarded() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let interim = round(&mut conn, INTERIM);
    let consolidated = nomination(&mut conn, INTERIM, "BHXH", "consolidated");
    let posted = nomination(&mut conn, INTERIM, "SGDDT", "posted_for_comment");
    let e = db
        .tx(|conn| {
            decide(
                conn,
                &chair,
                decision(&interim, "503/QĐ-UBND", &[&consolidated, &posted]),
            )
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    let refused = e.details.extra["nominations"].as_array().unwrap().clone();
    assert_eq!(refused.len(), 2);
    for r in &refused {
        if r["id"] == consolidated.id.as_str() {
            assert_eq!(r["current_state"], "consolidated");
            assert_eq!(r["award_form"], "provincial_merit");
        } else {
            assert_eq!(r["current_state"], "posted_for_comment");
            assert_eq!(r["award_form"], "state_award");
        }
    }
    // An approved nomination of another round.
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let final_round = round(&mut conn, FINAL);
    let e = db
        .tx(|conn| decide(conn, &chair, decision(&final_round, "504/QĐ-UBND", &[&row])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(
        e.details.extra["nominations"][0]["current_state"],
        "approved"
    );
}

#[test]
fn a_flagged_nominee_is_never_awarded() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let flagged = nomination(&mut conn, INTERIM, "SGDDT", "approved");
    assert!(!flagged.clean_record);
    let consolidated = nomination(&mut conn, INTERIM, "BHXH", "consolidated");
    // Named before any other refusal of the batch.
    let e = db
        .tx(|conn| {
            decide(
                conn,
                &chair,
                decision(&round, "505/QĐ-UBND", &[&consolidated, &flagged]),
            )
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "nominee_flagged");
    assert_eq!(e.details.extra["nomination_id"], flagged.id.as_str());
    assert_eq!(reload(&mut conn, &flagged).status.to_string(), "approved");
}

#[test]
fn a_decision_past_the_quota_awards_nobody() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    let used = quota(&mut conn, &round.id, "provincial_merit", "collective").awarded;
    set_quota(&mut conn, &round.id, "collective", Some(used));
    let e = db
        .tx(|conn| decide(conn, &chair, decision(&round, "506/QĐ-UBND", &[&row])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "quota_exceeded");
    let x = &e.details.extra;
    assert_eq!(x["quota"], used);
    assert_eq!(x["used"], used);
    assert_eq!(x["requested"], 1);
    assert_eq!(x["award_form"], "provincial_merit");
    assert_eq!(x["nominee_kind"], "collective");
    assert_eq!(reload(&mut conn, &row).status.to_string(), "approved");
    assert_eq!(
        quota(&mut conn, &round.id, "provincial_merit", "collective").awarded,
        used
    );
    // One more place: the same decision is recorded.
    set_quota(&mut conn, &round.id, "collective", Some(used + 1));
    db.tx(|conn| decide(conn, &chair, decision(&round, "506/QĐ-UBND", &[&row])))
        .unwrap();
    assert_eq!(
        quota(&mut conn, &round.id, "provincial_merit", "collective").awarded,
        used + 1
    );
}

#[test]
fn a_state_award_quota_binds_only_where_the_round_sets_one() {
    use thidua::app::quota::{take, take_where_set};
    use thidua::domain::award::{AwardForm, NomineeKind};
    let db = app_db();
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    // No maximum: every place is given.
    take_where_set(
        &mut conn,
        &round.id,
        AwardForm::StateAward,
        NomineeKind::Individual,
        50,
    )
    .unwrap();
    let used = quota(&mut conn, &round.id, "provincial_merit", "individual").awarded;
    set_quota(&mut conn, &round.id, "individual", Some(used));
    let e = take(
        &mut conn,
        &round.id,
        AwardForm::ProvincialMerit,
        NomineeKind::Individual,
        1,
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "quota_exceeded");
    assert_eq!(e.details.extra["requested"], 1);
}

#[test]
fn a_register_number_is_recorded_once_a_year() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    let demo = decision_repo::list(&mut conn, None, None, 1)
        .unwrap()
        .remove(0);
    let mut body = decision(&round, &demo.number, &[&row]);
    body.signed_on = demo.signed_on;
    let e = db.tx(|conn| decide(conn, &chair, body)).unwrap_err();
    assert_eq!(e.code.as_str(), "already_exists");
    assert_eq!(reload(&mut conn, &row).status.to_string(), "approved");
}

#[test]
fn a_decision_is_all_or_nothing() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    let consolidated = nomination(&mut conn, INTERIM, "BHXH", "consolidated");
    let used = quota(&mut conn, &round.id, "provincial_merit", "collective").awarded;
    let e = db
        .tx(|conn| {
            decide(
                conn,
                &chair,
                decision(&round, "507/QĐ-UBND", &[&row, &consolidated]),
            )
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(e.details.extra["nominations"].as_array().unwrap().len(), 1);
    assert_eq!(reload(&mut conn, &row).status.to_string(), "approved");
    assert_eq!(
        quota(&mut conn, &round.id, "provincial_merit", "collective").awarded,
        used
    );
}

#[test]
fn a_database_failure_is_no_refusal() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    let e = db
        .tx(|conn| {
            diesel::RunQueryDsl::execute(
                diesel::sql_query("ALTER TABLE nominations RENAME TO nominations_gone"),
                conn,
            )?;
            decide(conn, &chair, decision(&round, "508/QĐ-UBND", &[&row]))
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "internal_error");
    assert_eq!(reload(&mut conn, &row).status.to_string(), "approved");
}
