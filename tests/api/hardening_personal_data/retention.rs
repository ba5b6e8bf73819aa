//! Issue 9 item 16, the retention run as a use case (what the CLI and `serve` call): each
//! kind of nomination that led to no award is anonymised once its last step is older
//! than the period — withdrawn, returned and not resubmitted, rejected, closed without
//! award, declined centrally — and nothing else; a dry run changes nothing; a second
//! run finds nothing; the CLI runs the same use case.

use crate::helpers::*;
use std::collections::HashMap;
use thidua::app::personal_data::{anonymise, AnonymisationRun, RetentionRun};
use thidua::db::models::NominationRow;
use thidua::db::repo::personal_data as repo;
use thidua::domain::nomination::State;
use thidua::domain::personal_data::{Ground, ANONYMISED};

fn run(
    db: &AppDb,
    now: chrono::DateTime<chrono::Utc>,
    days: i64,
    dry_run: bool,
) -> AnonymisationRun {
    let mut conn = db.conn();
    anonymise(&mut conn, &RetentionRun::new(now, days, dry_run, "test")).unwrap()
}

fn all_nominations(db: &AppDb) -> HashMap<String, NominationRow> {
    use diesel::prelude::*;
    use thidua::db::schema::nominations as n;
    let mut conn = db.conn();
    n::table
        .load::<NominationRow>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect()
}

fn ten_years_on() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() + chrono::Duration::days(3650)
}

#[test]
fn nothing_is_anonymised_before_the_retention_period_ends() {
    let db = app_db();
    let before = all_nominations(&db);
    // A century of retention: every demo step is more recent than that.
    let out = run(&db, chrono::Utc::now(), 36_500, false);
    assert!(out.nominations.is_empty(), "{:?}", out.nominations);
    let after = all_nominations(&db);
    for (id, row) in &before {
        assert_eq!(after[id].version, row.version);
        assert_eq!(after[id].nominee_name, row.nominee_name);
    }
}

#[test]
fn each_kind_without_award_is_anonymised_and_nothing_else() {
    let db = app_db();
    let before = all_nominations(&db);
    let dry = run(&db, ten_years_on(), 730, true);
    assert!(dry.dry_run);
    // The dry run changes nothing.
    for (id, row) in all_nominations(&db) {
        assert_eq!(row.version, before[&id].version, "{id}");
    }
    let out = run(&db, ten_years_on(), 730, false);
    let done: HashMap<&str, Ground> = out
        .nominations
        .iter()
        .map(|n| (n.nomination_id.as_str(), n.ground))
        .collect();
    let planned: Vec<&str> = dry
        .nominations
        .iter()
        .map(|n| n.nomination_id.as_str())
        .collect();
    let mut actual: Vec<&str> = done.keys().copied().collect();
    actual.sort();
    let mut planned_sorted = planned.clone();
    planned_sorted.sort();
    assert_eq!(
        actual, planned_sorted,
        "the dry run lists what the run does"
    );
    assert_eq!(out.skipped, 0);

    let after = all_nominations(&db);
    let mut seen: Vec<State> = Vec::new();
    for (id, old) in &before {
        let new = &after[id];
        let due = matches!(
            old.status,
            State::Withdrawn
                | State::Returned
                | State::Rejected
                | State::NotAwarded
                | State::StateDeclined
        );
        assert_eq!(
            done.contains_key(id.as_str()),
            due,
            "{:?} {}",
            old.status,
            old.nominee_name
        );
        if !due {
            // Awarded, in play or draft: untouched.
            assert_eq!(new.version, old.version, "{}", old.nominee_name);
            assert_eq!(new.nominee_name, old.nominee_name);
            continue;
        }
        seen.push(old.status);
        assert_eq!(new.status, old.status, "the state stays");
        assert_eq!(new.version, old.version + 1);
        let expected = match old.status {
            State::Withdrawn => Ground::Withdrawn,
            State::Returned => Ground::ReturnedAbandoned,
            _ => Ground::NotAwarded,
        };
        assert_eq!(done[id.as_str()], expected);
        if old.birth_year.is_some() {
            assert_eq!(new.nominee_name, ANONYMISED);
            assert_eq!(new.position, ANONYMISED);
            assert_eq!(new.achievement_summary, ANONYMISED);
            assert_eq!(new.birth_year, old.birth_year.map(|y| y - y % 10));
            assert_eq!(new.gender, old.gender);
            assert_eq!(new.nominee_key, format!("anonymised:{id}"));
            for text in [&new.return_reason, &new.appraisal_opinion]
                .into_iter()
                .flatten()
            {
                assert!(!text.contains(&old.nominee_name));
            }
        } else {
            // A collective names no person: its name stays, its files go.
            assert_eq!(new.nominee_name, old.nominee_name);
        }
        let mut conn = db.conn();
        for doc in thidua::db::repo::dossier::documents(&mut conn, id, true).unwrap() {
            let row = thidua::db::repo::dossier::document(&mut conn, id, &doc.id)
                .unwrap()
                .unwrap();
            assert!(
                row.content.is_empty(),
                "file {} kept its content",
                doc.file_name
            );
        }
        let marker = repo::markers_of(&mut conn, std::slice::from_ref(id)).unwrap();
        assert_eq!(marker.len(), 1);
        assert_eq!(marker[0].retention_days, 730);
    }
    for s in [
        State::Withdrawn,
        State::Returned,
        State::Rejected,
        State::NotAwarded,
        State::StateDeclined,
    ] {
        assert!(seen.contains(&s), "the demo has a {s:?} nomination");
    }

    // Idempotent: a second run finds nothing and changes nothing.
    let again = run(&db, ten_years_on(), 730, false);
    assert!(again.nominations.is_empty());
    for (id, row) in all_nominations(&db) {
        assert_eq!(row.version, after[&id].version);
    }
}

#[test]
fn a_returned_nomination_resubmitted_meanwhile_is_left_alone() {
    // The run claims each row on its version and state: a change in between wins.
    let db = app_db();
    let returned = all_nominations(&db)
        .into_values()
        .find(|r| r.status == State::Returned)
        .unwrap();
    let mut moved = returned.clone();
    moved.version += 1;
    {
        let mut conn = db.conn();
        assert!(
            thidua::db::repo::nominations::update(&mut conn, &moved, returned.version).unwrap()
        );
        // The stale claim fails, as a second instance's would.
        assert!(
            !repo::overwrite_nominee(&mut conn, &returned, returned.version, State::Returned)
                .unwrap()
        );
    }
}

#[test]
fn a_returned_nomination_whose_round_is_still_open_is_not_abandoned() {
    // Until its round's window closes the unit may still correct and resubmit it.
    use diesel::prelude::*;
    use thidua::db::schema::award_rounds as r;
    let db = app_db();
    let returned = all_nominations(&db)
        .into_values()
        .find(|r| r.status == State::Returned)
        .unwrap();
    {
        let mut conn = db.conn();
        diesel::update(r::table.filter(r::id.eq(&returned.round_id)))
            .set(r::nomination_closes_on.eq(chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()))
            .execute(&mut conn)
            .unwrap();
    }
    let out = run(&db, ten_years_on(), 730, false);
    assert!(
        !out.nominations.is_empty(),
        "the round's other kinds are still due"
    );
    assert!(
        out.nominations
            .iter()
            .all(|a| a.nomination_id != returned.id),
        "{:?}",
        out.nominations
    );
    assert_eq!(
        all_nominations(&db)[&returned.id].nominee_name,
        returned.nominee_name
    );
}

#[test]
fn the_cli_runs_the_same_use_case() {
    let db = fresh_database();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("THIDUA_DATABASE_URL", &db.url)
        .env("THIDUA_JWT_SECRET", SECRET)
        .env("THIDUA_LOG", "error")
        .env("THIDUA_PERSONAL_DATA_RETENTION_DAYS", "30")
        .args(["personal-data", "anonymise", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["dry_run"], true);
    // The demo's history is years old: with 30 days, every kind is due.
    assert!(
        report["nominations"].as_array().unwrap().len() >= 5,
        "{report}"
    );
}

#[test]
fn two_instances_running_at_once_anonymise_each_nomination_once() {
    let db = app_db();
    let due = run(&db, ten_years_on(), 730, true).nominations.len();
    assert!(due >= 5);
    let now = ten_years_on();
    let results: Vec<AnonymisationRun> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let pool = db.pool.clone();
                s.spawn(move || {
                    let mut conn = pool.get().unwrap();
                    let mut r = RetentionRun::new(now, 730, false, &format!("instance-{i}"));
                    // Small batches, so the two interleave.
                    r.batch_size = 2;
                    anonymise(&mut conn, &r).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let total: usize = results.iter().map(|r| r.nominations.len()).sum();
    assert_eq!(total, due, "each due nomination once, by one of the two");
    let mut ids: Vec<&str> = results
        .iter()
        .flat_map(|r| r.nominations.iter().map(|n| n.nomination_id.as_str()))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), due);
    let mut conn = db.conn();
    let owned: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    assert_eq!(repo::markers_of(&mut conn, &owned).unwrap().len(), due);
}
