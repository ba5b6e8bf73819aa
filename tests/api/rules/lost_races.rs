//! Lost races without `If-Match` (issue 9 item 10): a decision or a consolidation that
//! loads a nomination, then finds it moved by another request when it saves, answers
//! 409 with the nomination's current state — never 412, which only a caller that named
//! a version can get.
//!
//! The first request is held open in its transaction while the second runs into it:
//! on PostgreSQL until the second waits on a lock the first holds (it has loaded the
//! nomination by then), so the second's conditional update is the one that loses; on
//! SQLite writers queue for the database lock before they load, and the second sees
//! the first's result at once. Either way the answer is the same.

use super::batches::*;
use crate::helpers::{app_db, AppDb};
use diesel::connection::Connection;
use diesel::RunQueryDsl;
use thidua::app::consolidation::consolidate;
use thidua::app::decisions::decide;
use thidua::db::DbConnection;
use thidua::error::ApiError;

/// Runs `first` in a transaction, and `second` in another from a thread, committing the
/// first only once the second waits on it (PostgreSQL); the second's result.
fn race<T, U: Send>(
    db: &AppDb,
    first: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
    second: impl FnOnce(&mut DbConnection) -> Result<U, ApiError> + Send,
) -> Result<U, ApiError> {
    let mut conn = db.conn();
    std::thread::scope(|s| {
        let handle = conn
            .transaction(|c1| {
                thidua::db::take_write_lock(c1)?;
                first(c1)?;
                let handle = s.spawn(|| {
                    let mut c2 = db.conn();
                    thidua::app::in_transaction(&mut c2, second)
                });
                if matches!(**c1, DbConnection::Postgresql(_)) {
                    wait_for_a_blocked_request(c1);
                }
                Ok::<_, ApiError>(handle)
            })
            .unwrap();
        handle.join().unwrap()
    })
}

/// Polls until another session of this database waits on a lock (a liveness cap, not a
/// timing assertion: the test fails only if the second request never gets there).
fn wait_for_a_blocked_request(conn: &mut DbConnection) {
    #[derive(diesel::QueryableByName)]
    struct Waiting {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    for _ in 0..3000 {
        // pg_stat_activity is a snapshot per transaction: take a fresh one each time.
        diesel::sql_query("SELECT pg_stat_clear_snapshot()")
            .execute(conn)
            .unwrap();
        let w: Waiting = diesel::sql_query(
            "SELECT count(*) AS n FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .get_result(conn)
        .unwrap();
        if w.n > 0 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the second request never waited on the first");
}

#[test]
fn a_decision_losing_the_race_for_a_nomination_answers_409_with_its_state() {
    let db = app_db();
    let chair = db.ctx("chair");
    let mut conn = db.conn();
    let row = approved(
        &mut conn,
        &db.ctx("dic_officer"),
        &db.ctx("home_affairs_officer"),
    );
    let round = round(&mut conn, INTERIM);
    // Room for both in the quota: the nomination is what they race for.
    set_quota(&mut conn, &round.id, "collective", None);
    drop(conn);
    let e = race(
        &db,
        |c| decide(c, &chair, decision(&round, "601/QĐ-UBND", &[&row])),
        |c| decide(c, &chair, decision(&round, "602/QĐ-UBND", &[&row])),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state", "{e:?}");
    assert_eq!(e.code.status().as_u16(), 409);
    let extra = &e.details.extra;
    let state = extra.get("current_state").cloned().or_else(|| {
        extra
            .get("nominations")
            .map(|n| n[0]["current_state"].clone())
    });
    assert_eq!(state, Some(serde_json::json!("awarded")), "{e:?}");
    let mut conn = db.conn();
    let after = reload(&mut conn, &row);
    assert_eq!(
        (after.status.as_str(), after.version),
        ("awarded", row.version + 1)
    );
    assert_eq!(
        last_step(&mut conn, &row.id).4.as_deref(),
        Some("601/QĐ-UBND")
    );
}

#[test]
fn a_consolidation_losing_the_race_for_a_nomination_answers_409_with_its_state() {
    let db = app_db();
    let dic = db.ctx("dic_officer");
    let mut conn = db.conn();
    let round = round(&mut conn, INTERIM);
    let row = nomination(&mut conn, INTERIM, "SCT", "submitted");
    let before = submissions(&mut conn);
    drop(conn);
    let e = race(
        &db,
        |c| consolidate(c, &dic, letter(&round, &[&row])),
        |c| consolidate(c, &dic, letter(&round, &[&row])),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state", "{e:?}");
    let extra = &e.details.extra;
    let state = extra.get("current_state").cloned().or_else(|| {
        extra
            .get("nominations")
            .map(|n| n[0]["current_state"].clone())
    });
    assert_eq!(state, Some(serde_json::json!("consolidated")), "{e:?}");
    if let Some(id) = extra.get("nomination_id") {
        assert_eq!(id, &serde_json::json!(row.id));
    }
    let mut conn = db.conn();
    assert_eq!(submissions(&mut conn), before + 1);
    assert_eq!(reload(&mut conn, &row).version, row.version + 1);
}
