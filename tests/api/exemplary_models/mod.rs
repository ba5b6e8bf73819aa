//! Issue 12 item 1, exemplary models (`/exemplary-models`): proposed by a unit's officers
//! and head, submitted by its head, recognised by DIC of the movement's standing unit with
//! its own decision (one number per issuer and year) or returned with a reason, retired
//! with a reason; evidence files checked and stored as a dossier's; replications by other
//! units confirmed by DIC; who sees what (a unit its drafts, DIC what was sent to it,
//! everyone the recognised ones, 404 otherwise); open data as JSON and CSV; nominations
//! citing recognised models. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
//!
//! The demo unit H-THAPMUOI holds the `unit_officer` and `unit_head` accounts; DIC
//! (`dic_officer`) is the demo movement's standing unit. The clock is fixed on Thursday
//! 26 November 2026.

mod citations;
mod files;
mod open_data;
mod replications;
mod steps;
mod visibility;
mod workflow;

use crate::fixtures::plans::{act, at, movement_id, tag};
use crate::helpers::*;
use serde_json::{json, Value};

pub const PATH: &str = "/api/v1/exemplary-models";

/// Fixes the clock on 26 November 2026.
pub fn fix_clock<S: TestService>(app: &TestApp<S>) {
    app.state.clock.set(at(2026, 11, 26, 3, 0, 0));
}

pub fn model_body(movement: &str, title: &str) -> Value {
    json!({"movement_id": movement, "title": title, "field_code": "agriculture",
        "content_item": "d",
        "description": "Số hóa toàn bộ vùng trồng lúa, sen và cây ăn trái trên bản đồ số dùng chung.",
        "results": "Nông dân tra cứu mã vùng trồng và lịch thời vụ trên điện thoại.",
        "figures": [{"indicator": "Diện tích vùng trồng được số hóa", "value": 1250.0, "unit_of_measure": "ha"}],
        "responsible_unit": "UBND xã Mỹ Hòa", "started_year": 2023})
}

pub fn path_of(m: &Value) -> String {
    format!("{PATH}/{}", m["id"].as_str().unwrap())
}

/// A draft proposed by `unit_officer`.
pub async fn proposed<S: TestService>(app: &TestApp<S>, title: &str) -> Value {
    let officer = app.token("unit_officer").await;
    let movement = movement_id(app).await;
    let r = app
        .post(PATH, Some(&officer), model_body(&movement, title))
        .await;
    r.assert(201);
    r.body.clone()
}

pub async fn step<S: TestService>(
    app: &TestApp<S>,
    token: &str,
    m: &Value,
    action: &str,
    body: Option<Value>,
) -> Reply {
    act(app, token, &path_of(m), action, &tag(m), body).await
}

/// Proposed by `unit_officer`, submitted by `unit_head`.
pub async fn submitted<S: TestService>(app: &TestApp<S>, title: &str) -> Value {
    let m = proposed(app, title).await;
    let head = app.token("unit_head").await;
    let r = step(app, &head, &m, "submit", None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    r.body.clone()
}

pub fn decision(number: &str, date: &str) -> Value {
    json!({"decision_number": number, "decision_date": date,
        "comment": "Mô hình có khả năng nhân rộng."})
}

/// Submitted and recognised by DIC with decision `number` of 20 November 2026.
pub async fn recognized<S: TestService>(app: &TestApp<S>, title: &str, number: &str) -> Value {
    let m = submitted(app, title).await;
    let dic = app.token("dic_officer").await;
    let r = step(
        app,
        &dic,
        &m,
        "recognize",
        Some(decision(number, "2026-11-20")),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "recognized");
    r.body.clone()
}

pub async fn read<S: TestService>(app: &TestApp<S>, token: &str, m: &Value) -> Reply {
    app.get(&path_of(m), Some(token)).await
}

/// The ids of a list's page (sorted).
pub async fn listed<S: TestService>(
    app: &TestApp<S>,
    token: Option<&str>,
    path: &str,
) -> Vec<String> {
    let r = app.get(path, token).await;
    r.assert(200);
    crate::fixtures::plans::ids(&r)
}

pub fn id(m: &Value) -> String {
    m["id"].as_str().unwrap().to_string()
}
