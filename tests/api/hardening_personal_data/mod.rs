//! Issue 9 item 16, personal data over HTTP: reads of nominees' personal fields outside
//! the proposing unit and every dossier download are audited in the request; the admin
//! exports everything held on one person (others 403); the retention run anonymises
//! what led to no award and leaves the public record as it was. On SQLite and, with
//! TEST_DATABASE_URL, PostgreSQL.

mod anonymised;
mod cost;
mod export;
mod reads;
mod retention;

use crate::helpers::*;
use serde_json::Value;
use thidua::db::models::NominationRow;
use thidua::db::repo::personal_data as repo;

/// The demo's awarded individual of UBND Huyện Tháp Mười (the unit of `unit_officer`).
pub const LINH: &str = "person:Đặng Thị Mỹ Linh:1988";

/// The one demo nomination of a nominee key, read straight from the database (no audit).
pub fn nomination_of<S: TestService>(app: &TestApp<S>, key: &str) -> NominationRow {
    let key = thidua::domain::nominee::canonical_key(key).unwrap();
    let mut conn = app.state.pool.get().unwrap();
    let mut rows = repo::nominations_by_key(&mut conn, &key).unwrap();
    assert_eq!(rows.len(), 1, "{key}");
    rows.pop().unwrap()
}

/// The audit events of `action` (as the auditor reads them), newest first.
pub async fn events<S: TestService>(
    app: &TestApp<S>,
    action: &str,
    resource_id: Option<&str>,
) -> Vec<Value> {
    let t = app.token("auditor").await;
    let mut path = format!("/api/v1/audit-events?limit=200&action={action}");
    if let Some(id) = resource_id {
        path.push_str(&format!("&resource_id={}", urlencoding(id)));
    }
    let r = app.get(&path, Some(&t)).await;
    r.assert(200);
    r.body["items"].as_array().unwrap().clone()
}

pub fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
