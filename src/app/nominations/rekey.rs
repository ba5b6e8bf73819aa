//! Rekeying: the nominee keys stored before a change of the key function (issue 9 item
//! 8 added NFKC and dropping invisible characters) are computed again from the stored
//! names. SQL cannot compute them, so a migration cannot: `thidua rekey` does, once after
//! an upgrade (idempotent; the keys of names in plain text do not change).
//!
//! Two records that now share a key where only one may hold it — two nominations of one
//! round still in play, two Giấy khen of one unit, movement and year — are the look-alike
//! duplicates the old key let in: the later one keeps its old key and is reported, for a
//! person to withdraw or correct.

use crate::app::Result;
use crate::db::repo::nominee_keys as repo;
use crate::db::DbConnection;
use crate::domain::nominee::recomputed_key;
use std::collections::HashMap;

/// What a rekey changed, or would change (`apply: false`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RekeyReport {
    pub nominations_rekeyed: usize,
    pub unit_awards_rekeyed: usize,
    /// `(resource, id, id of the record already holding the new key)`, left as they were.
    pub conflicts: Vec<(&'static str, String, String)>,
}

/// Computes every stored key again and, with `apply`, writes those that changed (call
/// it inside a transaction: all or nothing).
pub fn rekey(conn: &mut DbConnection, apply: bool) -> Result<RekeyReport> {
    let mut report = RekeyReport::default();

    let rows = repo::nominations(conn)?;
    // The keys held per round by nominations still in play, as they will be.
    let mut held: HashMap<(String, String), String> = rows
        .iter()
        .filter(|r| r.status.holds_the_nominee())
        .map(|r| ((r.round_id.clone(), r.nominee_key.clone()), r.id.clone()))
        .collect();
    for r in &rows {
        let Some(key) = recomputed_key(
            &r.nominee_key,
            &r.nominee_name,
            r.birth_year,
            r.nominee_unit_id.as_deref(),
        ) else {
            continue;
        };
        if key == r.nominee_key {
            continue;
        }
        if r.status.holds_the_nominee() {
            let new = (r.round_id.clone(), key.clone());
            if let Some(other) = held.get(&new) {
                report
                    .conflicts
                    .push(("nomination", r.id.clone(), other.clone()));
                continue;
            }
            held.remove(&(r.round_id.clone(), r.nominee_key.clone()));
            held.insert(new, r.id.clone());
        }
        if apply {
            repo::set_nomination_key(conn, &r.id, &key)?;
        }
        report.nominations_rekeyed += 1;
    }

    let rows = repo::unit_awards(conn)?;
    let slot = |unit: &str, movement: &str, year: i32, key: &str| {
        (
            unit.to_string(),
            movement.to_string(),
            year,
            key.to_string(),
        )
    };
    let mut held: HashMap<(String, String, i32, String), String> = rows
        .iter()
        .map(|r| {
            (
                slot(&r.unit_id, &r.movement_id, r.year, &r.recipient_key),
                r.id.clone(),
            )
        })
        .collect();
    for r in &rows {
        let Some(key) = recomputed_key(
            &r.recipient_key,
            &r.recipient_name,
            r.birth_year,
            r.recipient_unit_id.as_deref(),
        ) else {
            continue;
        };
        if key == r.recipient_key {
            continue;
        }
        let new = slot(&r.unit_id, &r.movement_id, r.year, &key);
        if let Some(other) = held.get(&new) {
            report
                .conflicts
                .push(("unit_award", r.id.clone(), other.clone()));
            continue;
        }
        held.remove(&slot(&r.unit_id, &r.movement_id, r.year, &r.recipient_key));
        held.insert(new, r.id.clone());
        if apply {
            repo::set_unit_award_key(conn, &r.id, &key)?;
        }
        report.unit_awards_rekeyed += 1;
    }
    Ok(report)
}
