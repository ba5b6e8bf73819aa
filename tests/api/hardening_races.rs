//! Lost races without `If-Match` over HTTP (issue 9 item 10): ten concurrent decisions
//! for one nomination, and ten concurrent consolidations of one, give one 201 and nine
//! 409 with the state that beat them — no 412, which only a caller that named a
//! version can get. (The deterministic version of the race: `rules::lost_races`.)

use crate::fixtures::nominating::{in_window, open_round, person, read, submitted};
use crate::fixtures::state_awards::approved_all;
use crate::helpers::*;
use futures_util::future::join_all;
use serde_json::{json, Value};

/// One 201; the others 409 with a code from `codes`, none 412.
fn one_wins(replies: &[Reply], codes: &[&str]) {
    let created = replies.iter().filter(|r| r.status.as_u16() == 201).count();
    let texts: Vec<&str> = replies.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(created, 1, "{texts:#?}");
    for r in replies.iter().filter(|r| r.status.as_u16() != 201) {
        r.assert(409);
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/problem+json")
        );
        assert!(codes.contains(&r.code()), "{}", r.text);
    }
}

#[actix_web::test]
async fn concurrent_decisions_for_one_nomination_give_one_201_and_409s() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_all(&app, &round, vec![person(&round, "Hồ Thị Kim Thoa", 1981)])
        .await
        .remove(0);
    let chair = app.token("chair").await;
    let calls = (0..10).map(|i| {
        let body = json!({"round_id": round, "number": format!("{}/QĐ-UBND", 900 + i),
            "signed_on": "2026-11-26", "signer": "Chủ tịch UBND Tỉnh",
            "nomination_ids": [id_of(&n)]});
        app.post("/api/v1/decisions", Some(&chair), body)
    });
    let replies = join_all(calls).await;
    one_wins(&replies, &["invalid_state", "quota_exceeded", "conflict"]);
    let now = read(&app, &chair, &n).await;
    assert_eq!(now["status"], "awarded", "{now}");
    assert_eq!(now["version"], n["version"].as_i64().unwrap() + 1);
}

#[actix_web::test]
async fn concurrent_consolidations_of_one_nomination_give_one_201_and_409s() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = submitted(&app, person(&round, "Lý Tự Trọng", 1985)).await;
    let dic = app.token("dic_officer").await;
    let calls = (0..10).map(|i| {
        let body: Value = json!({"round_id": round, "letter_number": format!("{}/TTr-STTTT", 300 + i),
            "letter_date": "2026-11-26",
            "note": "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh tặng Bằng khen.",
            "nomination_ids": [id_of(&n)]});
        app.post("/api/v1/submissions", Some(&dic), body)
    });
    let replies = join_all(calls).await;
    one_wins(&replies, &["invalid_state", "conflict"]);
    let now = read(&app, &dic, &n).await;
    assert_eq!(now["status"], "consolidated", "{now}");
    assert_eq!(now["version"], n["version"].as_i64().unwrap() + 1);
}
