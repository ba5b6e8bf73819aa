//! Use-case tests of `app::consolidation` (DIC's batch of submitted nominations into a
//! submission to Home Affairs), on a fresh demo database, without HTTP.

use super::batches::*;
use crate::helpers::app_db;
use thidua::app::consolidation::consolidate;
use thidua::app::workflow::{record, Move};

#[test]
fn dic_consolidates_a_submitted_nomination_of_the_round() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let out = db
        .tx(|conn| consolidate(conn, &dic, letter(&round, &[&row])))
        .unwrap();
    assert_eq!(out.nomination_ids, vec![row.id.clone()]);
    assert_eq!(out.sent_by, "dic_officer");
    assert_eq!(out.letter_number, "301/TTr-STTTT");
    let after = reload(&mut conn, &row);
    assert_eq!(after.status.to_string(), "consolidated");
    assert_eq!(after.submission_id.as_deref(), Some(out.id.as_str()));
    assert_eq!(
        after
            .consolidated_at
            .map(|t| t.and_utc().timestamp_micros()),
        Some(db.now.timestamp_micros())
    );
    assert_eq!(after.version, row.version + 1);
    let step = last_step(&mut conn, &row.id);
    assert_eq!(
        step,
        (
            "consolidate".into(),
            "submitted".into(),
            "consolidated".into(),
            "dic_officer".into(),
            Some("301/TTr-STTTT".into())
        )
    );
    let read = thidua::app::consolidation::get(&mut conn, &dic, &out.id).unwrap();
    assert_eq!(read.nomination_ids, out.nomination_ids);
    assert_eq!(read.sent_by, "dic_officer");
}

#[test]
fn only_dic_consolidates() {
    let db = app_db();
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    for user in [
        "unit_head",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let ctx = db.ctx(user);
        let e = db
            .tx(|conn| consolidate(conn, &ctx, letter(&round, &[&row])))
            .unwrap_err();
        assert_eq!(e.code.as_str(), "forbidden", "{user}");
    }
    assert_eq!(reload(&mut conn, &row).status.to_string(), "submitted");
}

#[test]
fn dic_of_another_unit_than_the_movements_standing_one_does_not_consolidate() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    move_standing_unit(&mut conn, "SKHCN");
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let e = db
        .tx(|conn| consolidate(conn, &dic, letter(&round, &[&row])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "forbidden");
}

#[test]
fn dic_never_consolidates_its_own_sign_off() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let own = Move {
        action: "submit",
        from: "draft",
        to: "submitted",
        acted_as: "unit_head",
        comment: None,
    };
    record(&mut conn, &dic, "nomination", &row.id, &own).unwrap();
    let e = db
        .tx(|conn| consolidate(conn, &dic, letter(&round, &[&row])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "forbidden");
}

#[test]
fn only_submitted_nominations_of_the_round_are_consolidated() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let interim = round(&mut conn, INTERIM);
    let consolidated = nomination(&mut conn, INTERIM, "BHXH", "consolidated");
    let e = db
        .tx(|conn| consolidate(conn, &dic, letter(&interim, &[&consolidated])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(
        e.details.extra["nominations"],
        serde_json::json!([{"id": consolidated.id, "current_state": "consolidated"}])
    );
    // A submitted nomination of another round: refused, its state shown.
    let final_round = round(&mut conn, FINAL);
    let submitted = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let e = db
        .tx(|conn| consolidate(conn, &dic, letter(&final_round, &[&submitted])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(
        e.details.extra["nominations"][0]["current_state"],
        "submitted"
    );
    // One that does not exist: no state to show.
    let mut body = letter(&interim, &[]);
    body.nomination_ids = vec!["01936f4e-0000-7000-8000-000000000000".into()];
    let e = db.tx(|conn| consolidate(conn, &dic, body)).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(
        e.details.extra["nominations"][0]["current_state"],
        serde_json::Value::Null
    );
}

#[test]
fn a_batch_is_all_or_nothing() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let submitted = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let consolidated = nomination(&mut conn, INTERIM, "BHXH", "consolidated");
    let before = submissions(&mut conn);
    let e = db
        .tx(|conn| consolidate(conn, &dic, letter(&round, &[&submitted, &consolidated])))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(e.details.extra["nominations"].as_array().unwrap().len(), 1);
    let after = reload(&mut conn, &submitted);
    assert_eq!(
        (after.status.as_str(), after.version),
        ("submitted", submitted.version)
    );
    assert_eq!(submissions(&mut conn), before);
}

#[test]
fn a_batch_names_one_to_500_distinct_nominations() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    for ids in [vec![], vec![row.id.clone(), row.id.clone()]] {
        let mut body = letter(&round, &[]);
        body.nomination_ids = ids;
        let e = db.tx(|conn| consolidate(conn, &dic, body)).unwrap_err();
        assert_eq!(e.code.as_str(), "validation_failed");
    }
}

#[test]
fn a_database_failure_is_no_refusal() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    // The nominations cannot be read (rolled back with the use case).
    let e = db
        .tx(|conn| {
            diesel::RunQueryDsl::execute(
                diesel::sql_query("ALTER TABLE nominations RENAME TO nominations_gone"),
                conn,
            )?;
            consolidate(conn, &dic, letter(&round, &[&row]))
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "internal_error");
    assert_eq!(reload(&mut conn, &row).status.to_string(), "submitted");
}
