//! Issue 9 item 16: what auditing reads costs a list page. Ignored by default (it times,
//! and asserts no time): `cargo test --test api personal_data_cost -- --ignored
//! --nocapture` prints the medians of a page of 50 individual nominations read by the
//! auditor (an outsider: one audit event per request), and of the audit insert alone,
//! interleaved so both see the same load.

use crate::fixtures::*;
use std::time::{Duration, Instant};
use thidua::app::nominations::{self, NominationQuery};
use thidua::app::personal_data::audit_page_read;
use thidua::domain::award::AwardForm;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn personal_data_cost_of_auditing_a_list_page() {
    let db = app_db_in_window();
    for i in 0..50 {
        drafted(
            &db,
            new_person(
                &db,
                &format!("Nguyễn Văn Thử {i}"),
                AwardForm::ProvincialMerit,
            ),
        );
    }
    let auditor = db.ctx("auditor");
    let query = || NominationQuery {
        round_id: Some(round_id(&db, OPEN_ROUND)),
        unit_id: None,
        status: None,
        award_form: None,
        nominee_kind: Some(thidua::domain::award::NomineeKind::Individual),
        achievement_type: None,
        q: None,
        limit: Some(50),
        cursor: None,
    };
    let mut conn = db.conn();
    let count = |conn: &mut thidua::db::DbConnection| {
        thidua::db::repo::audit::list(
            conn,
            &thidua::db::repo::audit::AuditFilter {
                resource_type: None,
                resource_id: None,
                actor_id: None,
                action: Some("nomination.list".into()),
                from: None,
                to: None,
                before_id: None,
                limit: 100_000,
            },
        )
        .unwrap()
        .len()
    };
    let before = count(&mut conn);
    let rounds = 200;
    let (mut page, mut insert) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        let p = nominations::list(&mut conn, &auditor, query()).unwrap();
        page.push(t.elapsed());
        assert_eq!(p.items.len(), 50);
        let t = Instant::now();
        audit_page_read(&mut conn, &auditor, &p.items).unwrap();
        insert.push(t.elapsed());
    }
    // One event per listed page, and one per insert alone.
    assert_eq!(count(&mut conn) - before, 2 * rounds);
    let (page, insert) = (median(page), median(insert));
    println!(
        "list page of 50 individuals (with its audit event): median {:?}; the audit insert alone: median {:?} ({:.0} % of the page)",
        page,
        insert,
        100.0 * insert.as_secs_f64() / page.as_secs_f64()
    );
}
