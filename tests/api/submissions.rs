//! DIC's submissions (tờ trình tổng hợp) and Home Affairs' appraisal: consolidating a
//! batch of submitted nominations of one round (all or nothing, DIC of the standing unit
//! only, idempotent with a key), who reads submissions, approving, rejecting and
//! returning a consolidated nomination, the duplicate rule after a rejection, and the
//! appraisal deadline in working days from consolidation.
//!
//! The demo's nominations, submission and decision are in the interim round SK-2022-2023
//! (closed); the final round TK-2022-2025 is open (window 2025-10-01…2026-12-31) and
//! holds only other units' drafts. The clock is fixed inside the open window (Thursday
//! 26 November 2026).

use crate::fixtures::consolidation::{appraise, consolidate, consolidated, status_of};
use crate::fixtures::nominating::{
    collective, create, in_window, open_round, path_of, person, read, round_id, submitted,
};
use crate::fixtures::plans::{act, at, history, ids, tag};
use crate::helpers::*;
use serde_json::{json, Value};

pub(crate) fn batch(round: &str, letter: &str, nominations: &[&Value]) -> Value {
    json!({"round_id": round, "letter_number": letter, "letter_date": "2026-11-26",
        "note": "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh tặng Bằng khen.",
        "nomination_ids": nominations.iter().map(|n| id_of(n)).collect::<Vec<_>>()})
}

async fn submissions_seen_by<S: TestService>(app: &TestApp<S>, user: &str) -> Vec<String> {
    let t = app.token(user).await;
    // The open round's (the demo's interim round has its own submission).
    let round = open_round(app).await;
    let r = app
        .get(&format!("/api/v1/submissions?round_id={round}"), Some(&t))
        .await;
    r.assert(200);
    ids(&r)
}

#[actix_web::test]
async fn dic_consolidates_submitted_nominations_into_a_submission() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let a = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let b = submitted(
        &app,
        collective(&round, &unit, Some("Phòng Văn hóa và Thông tin")),
    )
    .await;
    let dic = app.token("dic_officer").await;

    let r = app
        .post(
            "/api/v1/submissions",
            Some(&dic),
            batch(&round, "215/TTr-STTTT", &[&a, &b]),
        )
        .await;
    r.assert(201);
    let s = r.body.clone();
    let sid = id_of(&s);
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("/api/v1/submissions/{sid}").as_str())
    );
    assert_eq!(s["letter_number"], "215/TTr-STTTT");
    assert_eq!(s["letter_date"], "2026-11-26");
    assert_eq!(s["round_id"], round.as_str());
    assert_eq!(s["sent_by"], "dic_officer");
    let mut expected = vec![id_of(&a), id_of(&b)];
    expected.sort();
    let mut got: Vec<String> = s["nomination_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    got.sort();
    assert_eq!(got, expected);

    // Each nomination is consolidated, in the submission, with its day and a history step.
    for n in [&a, &b] {
        let now = read(&app, &dic, n).await;
        assert_eq!(now["status"], "consolidated", "{now}");
        assert_eq!(now["submission_id"], sid.as_str());
        assert!(now["consolidated_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-26")));
        assert_eq!(now["version"], n["version"].as_i64().unwrap() + 1);
        let h = history(&app, &dic, &path_of(n)).await;
        let last = h.last().unwrap();
        assert_eq!(
            (
                last.0.as_str(),
                last.1.as_str(),
                last.2.as_str(),
                last.3.as_str(),
                last.4.as_str()
            ),
            (
                "consolidate",
                "submitted",
                "consolidated",
                "dic_officer",
                "dic_officer"
            )
        );
        // The unit sees its nomination moved on too.
        let officer = app.token("unit_officer").await;
        assert_eq!(read(&app, &officer, n).await["status"], "consolidated");
    }

    // Read back by id, and listed (also filtered by round).
    let r = app
        .get(&format!("/api/v1/submissions/{sid}"), Some(&dic))
        .await;
    r.assert(200);
    assert_eq!(r.body["letter_number"], "215/TTr-STTTT");
    assert_eq!(r.body["nomination_ids"].as_array().unwrap().len(), 2);
    let r = app
        .get(&format!("/api/v1/submissions?round_id={round}"), Some(&dic))
        .await;
    r.assert(200);
    assert_eq!(ids(&r), vec![sid.clone()]);

    // A consolidated nomination cannot be consolidated again, nor withdrawn by the unit.
    let again = app
        .post(
            "/api/v1/submissions",
            Some(&dic),
            batch(&round, "216/TTr-STTTT", &[&a]),
        )
        .await;
    again.assert_problem(409, "invalid_state");
    let head = app.token("unit_head").await;
    let now = read(&app, &head, &a).await;
    act(&app, &head, &path_of(&a), "withdraw", &tag(&now), None)
        .await
        .assert_problem(409, "invalid_state");
    // … nor returned by DIC any more (Home Affairs returns it during appraisal).
    act(
        &app,
        &dic,
        &path_of(&a),
        "return",
        &tag(&now),
        Some(json!({"reason": "Bổ sung."})),
    )
    .await
    .assert_problem(403, "forbidden");
    assert_eq!(submissions_seen_by(&app, "dic_officer").await, vec![sid]);
}

/// The refused batch names the offending nomination; nothing changes.
async fn refused_batch<S: TestService>(app: &TestApp<S>, round: &str, good: &Value, bad: &Value) {
    let dic = app.token("dic_officer").await;
    let r = app
        .post(
            "/api/v1/submissions",
            Some(&dic),
            batch(round, "217/TTr-STTTT", &[good, bad]),
        )
        .await;
    r.assert_problem(409, "invalid_state");
    let listed: Vec<String> = r.body["nominations"]
        .as_array()
        .unwrap_or_else(|| panic!("no nominations: {}", r.text))
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, vec![id_of(bad)], "{}", r.text);
    let now = read(app, &dic, good).await;
    assert_eq!(now["status"], "submitted", "{now}");
    assert!(now["submission_id"].is_null(), "{now}");
    assert!(now["consolidated_at"].is_null(), "{now}");
    assert_eq!(now["version"], good["version"]);
    assert!(submissions_seen_by(app, "dic_officer").await.is_empty());
    assert!(submissions_seen_by(app, "home_affairs_officer")
        .await
        .is_empty());
    let h = history(app, &dic, &path_of(good)).await;
    assert_eq!(h.last().unwrap().0, "submit");
}

#[actix_web::test]
async fn consolidation_is_all_or_nothing() {
    let app = spawn_app().await;
    // A submitted nomination of the closed interim round, made while its window was open.
    app.state.clock.set(at(2023, 10, 15, 3, 0, 0));
    let interim = round_id(&app, "SK-2022-2023").await;
    let old = submitted(&app, person(&interim, "Phạm Văn Đông", 1970)).await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let good = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;

    // A draft (invisible to DIC).
    let draft = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    refused_batch(&app, &round, &good, &draft).await;

    // A withdrawn one (submitted, then withdrawn by the unit).
    let w = submitted(&app, person(&round, "Lê Thị Cúc", 1990)).await;
    let r = act(&app, &head, &path_of(&w), "withdraw", &tag(&w), None).await;
    r.assert(200);
    let w = r.body.clone();
    refused_batch(&app, &round, &good, &w).await;

    // Another round's submitted nomination.
    refused_batch(&app, &round, &good, &old).await;
    assert_eq!(status_of(&app, &old).await, "submitted");

    // Alone, the good one goes through.
    let s = consolidate(&app, &round, &[&good]).await;
    assert_eq!(s["nomination_ids"], json!([id_of(&good)]));
}

#[actix_web::test]
async fn a_batch_must_name_distinct_nominations() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let dic = app.token("dic_officer").await;
    for ids in [json!([]), json!([id_of(&n), id_of(&n)])] {
        let r = app
            .post(
                "/api/v1/submissions",
                Some(&dic),
                json!({"round_id": round, "letter_number": "215/TTr-STTTT",
                    "letter_date": "2026-11-26", "nomination_ids": ids}),
            )
            .await;
        r.assert_problem(422, "validation_failed");
    }
    let r = app
        .post(
            "/api/v1/submissions",
            Some(&dic),
            json!({"round_id": round, "letter_number": "  ",
                "letter_date": "2026-11-26", "nomination_ids": [id_of(&n)]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(status_of(&app, &n).await, "submitted");
    assert!(submissions_seen_by(&app, "dic_officer").await.is_empty());
}

#[actix_web::test]
async fn only_dic_of_the_standing_unit_consolidates() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    for user in [
        "unit_head",
        "unit_officer",
        "home_affairs_officer",
        "chair",
        "auditor",
    ] {
        let t = app.token(user).await;
        let r = app
            .post(
                "/api/v1/submissions",
                Some(&t),
                batch(&round, "215/TTr-STTTT", &[&n]),
            )
            .await;
        r.assert_problem(403, "forbidden");
    }
    let r = app
        .post(
            "/api/v1/submissions",
            None,
            batch(&round, "215/TTr-STTTT", &[&n]),
        )
        .await;
    r.assert(401);
    assert_eq!(status_of(&app, &n).await, "submitted");
    assert!(submissions_seen_by(&app, "dic_officer").await.is_empty());
}

#[actix_web::test]
async fn submissions_are_read_by_reviewers_and_not_by_units() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let s = consolidate(&app, &round, &[&n]).await;
    let sid = id_of(&s);
    for user in ["dic_officer", "home_affairs_officer", "chair", "auditor"] {
        assert_eq!(
            submissions_seen_by(&app, user).await,
            vec![sid.clone()],
            "{user}"
        );
        let t = app.token(user).await;
        let r = app
            .get(&format!("/api/v1/submissions/{sid}"), Some(&t))
            .await;
        r.assert(200);
        assert_eq!(r.body["nomination_ids"], json!([id_of(&n)]), "{user}");
    }
    for user in ["unit_head", "unit_officer"] {
        assert!(submissions_seen_by(&app, user).await.is_empty(), "{user}");
        let t = app.token(user).await;
        app.get(&format!("/api/v1/submissions/{sid}"), Some(&t))
            .await
            .assert_problem(404, "not_found");
    }
    let dic = app.token("dic_officer").await;
    app.get("/api/v1/submissions/no-such-submission", Some(&dic))
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/submissions", None).await.assert(401);
}

#[actix_web::test]
async fn consolidating_is_idempotent_with_a_key() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let a = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let b = submitted(&app, person(&round, "Trần Văn Bình", 1979)).await;
    let dic = app.token("dic_officer").await;
    let send = |body: Value| Call {
        method: "POST",
        path: "/api/v1/submissions".into(),
        token: Some(dic.clone()),
        body: Some(body),
        headers: vec![("Idempotency-Key".into(), "tt-215-2026-11-26-0001".into())],
    };
    let first = app
        .send(send(batch(&round, "215/TTr-STTTT", &[&a, &b])))
        .await;
    first.assert(201);
    let retry = app
        .send(send(batch(&round, "215/TTr-STTTT", &[&a, &b])))
        .await;
    retry.assert(201);
    assert_eq!(retry.body["id"], first.body["id"]);
    assert_eq!(retry.header("location"), first.header("location"));
    assert_eq!(retry.body["nomination_ids"], first.body["nomination_ids"]);
    assert_eq!(
        submissions_seen_by(&app, "dic_officer").await,
        vec![id_of(&first.body)]
    );
    // Consolidated once: one step in each history.
    let h = history(&app, &dic, &path_of(&a)).await;
    assert_eq!(h.iter().filter(|e| e.0 == "consolidate").count(), 1);
    // The same key with another body is refused.
    let other = app.send(send(batch(&round, "999/TTr-STTTT", &[&a]))).await;
    assert_eq!(other.status.as_u16(), 422, "{}", other.text);
}

#[actix_web::test]
async fn home_affairs_approves_or_rejects_a_consolidated_nomination_with_an_opinion() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    let a = consolidated(&app, &round, "Nguyễn Thị Hoa").await;
    let b = consolidated(&app, &round, "Trần Văn Bình").await;

    app.state.clock.set(at(2026, 12, 3, 2, 0, 0));
    let r = appraise(
        &app,
        &ha,
        &a,
        "approve",
        "Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen.",
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "approved");
    assert_eq!(r.body["appraisal"]["verdict"], "approve");
    assert_eq!(
        r.body["appraisal"]["opinion"],
        "Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen."
    );
    assert!(r.body["appraisal"]["appraised_at"]
        .as_str()
        .is_some_and(|t| t.starts_with("2026-12-03")));
    assert_eq!(r.etag(), tag(&r.body));
    let h = history(&app, &ha, &path_of(&a)).await;
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.0.as_str(),
            last.1.as_str(),
            last.2.as_str(),
            last.3.as_str(),
            last.4.as_str()
        ),
        (
            "approve",
            "consolidated",
            "approved",
            "home_affairs_officer",
            "home_affairs_officer"
        )
    );
    assert_eq!(
        last.5,
        json!("Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen.")
    );

    let r = appraise(
        &app,
        &ha,
        &b,
        "reject",
        "Thành tích chưa đạt tiêu chuẩn theo Điều 39 Nghị định 98/2023/NĐ-CP.",
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "rejected");
    assert_eq!(r.body["appraisal"]["verdict"], "reject");
    let h = history(&app, &ha, &path_of(&b)).await;
    assert_eq!(h.last().unwrap().0, "reject");

    // Appraised once: a second appraisal, or a return, finds the wrong state.
    for (n, state) in [(&a, "approved"), (&b, "rejected")] {
        let now = read(&app, &ha, n).await;
        let r = appraise(&app, &ha, &now, "approve", "Lại.").await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], state);
        // Returning it is refused too. (The handler checks the role of the nearest
        // `return`, DIC's, so Home Affairs gets 403 here rather than 409.)
        let r = act(
            &app,
            &ha,
            &path_of(n),
            "return",
            &tag(&now),
            Some(json!({"reason": "Bổ sung."})),
        )
        .await;
        assert!(
            matches!(r.status.as_u16(), 403 | 409),
            "{state}: {}",
            r.text
        );
        let r = act(
            &app,
            &app.token("dic_officer").await,
            &path_of(n),
            "return",
            &tag(&now),
            Some(json!({"reason": "Bổ sung."})),
        )
        .await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], state);
        assert_eq!(read(&app, &ha, n).await["status"], state);
    }
    // The unit sees the outcome with the opinion.
    let officer = app.token("unit_officer").await;
    let seen = read(&app, &officer, &b).await;
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["appraisal"]["verdict"], "reject");
}

#[actix_web::test]
async fn appraisal_needs_an_opinion_home_affairs_and_a_consolidated_nomination() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    let n = consolidated(&app, &round, "Nguyễn Thị Hoa").await;

    for opinion in ["", "   "] {
        let r = appraise(&app, &ha, &n, "approve", opinion).await;
        r.assert_problem(422, "validation_failed");
    }
    // A verdict outside the two is refused as a body error.
    let r = appraise(&app, &ha, &n, "maybe", "Xem xét.").await;
    assert!(r.status.is_client_error(), "{}", r.text);
    for user in [
        "dic_officer",
        "chair",
        "unit_head",
        "unit_officer",
        "auditor",
    ] {
        let t = app.token(user).await;
        let r = appraise(&app, &t, &n, "approve", "Đạt.").await;
        assert!(
            r.status.as_u16() == 403 || (r.status.as_u16() == 404 && user == "auditor"),
            "{user}: {}",
            r.text
        );
        if user != "auditor" {
            r.assert_problem(403, "forbidden");
        }
    }
    // Without If-Match, or with a stale one.
    app.post(
        &format!("{}/appraise", path_of(&n)),
        Some(&ha),
        json!({"verdict": "approve", "opinion": "Đạt."}),
    )
    .await
    .assert(428);
    act(
        &app,
        &ha,
        &path_of(&n),
        "appraise",
        "\"1\"",
        Some(json!({"verdict": "approve", "opinion": "Đạt."})),
    )
    .await
    .assert_problem(412, "stale_version");
    assert_eq!(status_of(&app, &n).await, "consolidated");

    // A submitted (not yet consolidated) nomination is not appraised.
    let s = submitted(&app, person(&round, "Trần Văn Bình", 1979)).await;
    let r = appraise(&app, &ha, &s, "approve", "Đạt.").await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    assert_eq!(status_of(&app, &s).await, "submitted");
}

#[actix_web::test]
async fn home_affairs_returns_a_consolidated_nomination_to_the_unit() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    let dic = app.token("dic_officer").await;
    let head = app.token("unit_head").await;
    let n = consolidated(&app, &round, "Nguyễn Thị Hoa").await;
    let path = path_of(&n);
    let reason = json!({"reason": "Bổ sung xác nhận của cơ quan thuế về việc chấp hành nghĩa vụ."});

    // DIC has sent the batch: it can no longer return the nomination.
    act(&app, &dic, &path, "return", &tag(&n), Some(reason.clone()))
        .await
        .assert_problem(403, "forbidden");
    // A reason is needed.
    act(
        &app,
        &ha,
        &path,
        "return",
        &tag(&n),
        Some(json!({"reason": ""})),
    )
    .await
    .assert_problem(422, "validation_failed");
    let r = act(&app, &ha, &path, "return", &tag(&n), Some(reason.clone())).await;
    r.assert(200);
    assert_eq!(r.body["status"], "returned");
    assert_eq!(r.body["return_reason"], reason["reason"]);
    let h = history(&app, &ha, &path).await;
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.0.as_str(),
            last.1.as_str(),
            last.2.as_str(),
            last.4.as_str()
        ),
        ("return", "consolidated", "returned", "home_affairs_officer")
    );
    assert_eq!(last.5, reason["reason"]);

    // No longer waiting for appraisal.
    let returned = r.body.clone();
    appraise(&app, &ha, &returned, "approve", "Đạt.")
        .await
        .assert_problem(409, "invalid_state");

    // The unit resubmits; DIC consolidates it again in a new submission.
    let r = act(&app, &head, &path, "submit", &tag(&returned), None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    let s2 = consolidate(&app, &round, &[&r.body]).await;
    assert_eq!(s2["nomination_ids"], json!([id_of(&n)]));
    // The first batch still says what it carried.
    let first = n["submission_id"].as_str().unwrap();
    let s1 = app
        .get(&format!("/api/v1/submissions/{first}"), Some(&dic))
        .await;
    s1.assert(200);
    assert_eq!(s1.body["nomination_ids"], json!([id_of(&n)]));
    let again = read(&app, &ha, &n).await;
    assert_eq!(again["status"], "consolidated");
    assert_eq!(again["submission_id"], s2["id"]);
    let r = appraise(&app, &ha, &again, "approve", "Đạt.").await;
    r.assert(200);
    assert_eq!(r.body["status"], "approved");
}

#[actix_web::test]
async fn a_rejected_nominee_may_be_nominated_again_in_the_round() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    let officer = app.token("unit_officer").await;
    let a = consolidated(&app, &round, "Nguyễn Thị Hoa").await;
    let b = consolidated(&app, &round, "Trần Văn Bình").await;

    // While consolidated, and once approved, the nominee is held.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Nguyễn Thị Hoa", 1984),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    appraise(&app, &ha, &b, "approve", "Đạt.").await.assert(200);
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Trần Văn Bình", 1984),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");

    // Rejected: the nominee is free again.
    appraise(&app, &ha, &a, "reject", "Chưa đạt tiêu chuẩn.")
        .await
        .assert(200);
    let again = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1984)).await;
    assert_eq!(again["status"], "draft");
    assert_ne!(again["id"], a["id"]);
}

async fn appraisal_items<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Vec<Value> {
    let r = app
        .get(&format!("/api/v1/deadlines{query}"), Some(token))
        .await;
    r.assert(200);
    // But for the demo's interim round (closed in 2023; one nomination there still waits
    // for appraisal, long overdue).
    let auditor = app.token("auditor").await;
    let interim = round_id(app, "SK-2022-2023").await;
    let demo = app
        .get(
            &format!("/api/v1/nominations?round_id={interim}&limit=200"),
            Some(&auditor),
        )
        .await;
    demo.assert(200);
    let demo = ids(&demo);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["resource_type"] == "nomination")
        .filter(|i| !demo.iter().any(|d| i["resource_id"] == d.as_str()))
        .cloned()
        .collect()
}

#[actix_web::test]
async fn a_consolidated_nomination_is_due_for_appraisal_in_25_working_days() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    // Consolidated on Thursday 26 November 2026 (10:00 in Đồng Tháp).
    let n = consolidated(&app, &round, "Nguyễn Thị Hoa").await;
    let nid = id_of(&n);

    // 25 working days after 26 November, weekends skipped (no holiday in between):
    // 27 Nov (1), 30 Nov–4 Dec (2–6), 7–11 (7–11), 14–18 (12–16), 21–25 (17–21),
    // 28–31 Dec (22–25) → Thursday 31 December 2026.
    let items = appraisal_items(&app, &ha, "?days=60").await;
    assert_eq!(items.len(), 1, "{items:?}");
    let i = &items[0];
    assert_eq!(i["kind"], "appraisal_due");
    assert_eq!(i["resource_id"], nid.as_str());
    assert_eq!(i["due_on"], "2026-12-31");
    assert_eq!(i["days_left"], 35);
    assert_eq!(i["working_days_waiting"], 0);

    // Two weeks later, inside the default look-ahead: 10 working days waited.
    app.state.clock.set(at(2026, 12, 10, 3, 0, 0));
    let items = appraisal_items(&app, &ha, "").await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "appraisal_due");
    assert_eq!(items[0]["due_on"], "2026-12-31");
    assert_eq!(items[0]["days_left"], 21);
    assert_eq!(items[0]["working_days_waiting"], 10);

    // On the due day it is still due; the day after, overdue.
    app.state.clock.set(at(2026, 12, 31, 3, 0, 0));
    let items = appraisal_items(&app, &ha, "").await;
    assert_eq!(items[0]["kind"], "appraisal_due");
    assert_eq!(items[0]["days_left"], 0);
    app.state.clock.set(at(2027, 1, 1, 3, 0, 0));
    let items = appraisal_items(&app, &ha, "").await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["kind"], "appraisal_overdue");
    assert_eq!(items[0]["due_on"], "2026-12-31");
    assert_eq!(items[0]["days_left"], -1);
    assert_eq!(items[0]["working_days_waiting"], 26);

    // Other roles are not asked to appraise it.
    for user in ["dic_officer", "chair", "unit_head"] {
        let t = app.token(user).await;
        assert!(appraisal_items(&app, &t, "").await.is_empty(), "{user}");
    }

    // Appraised: no longer listed.
    let now = read(&app, &ha, &n).await;
    appraise(&app, &ha, &now, "approve", "Đạt.")
        .await
        .assert(200);
    assert!(appraisal_items(&app, &ha, "").await.is_empty());
}

#[actix_web::test]
async fn the_appraisal_deadline_skips_public_holidays() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;
    let admin = app.token("admin").await;
    // A holiday on Thursday 24 December 2026 pushes the due day one working day on,
    // past New Year's Eve to Friday 1 January 2027 (not a demo holiday).
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2026-12-24", "name": "Nghỉ bù (kiểm thử)"}),
    )
    .await
    .assert(201);
    let n = consolidated(&app, &round, "Nguyễn Thị Hoa").await;
    let items = appraisal_items(&app, &ha, "?days=60").await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["resource_id"], n["id"]);
    assert_eq!(items[0]["kind"], "appraisal_due");
    assert_eq!(items[0]["due_on"], "2027-01-01");
}
