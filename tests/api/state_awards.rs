//! The Chair's steps after appraisal: state-level awards (khen thưởng cấp Nhà nước)
//! posted for public comment, forwarded to the central level once the window has ended
//! and decided there (awarded with the central decision's number, or declined); closing
//! an approved or posted nomination without an award, with a reason; who may take these
//! steps and in which states; versions (If-Match) and retries (Idempotency-Key); and the
//! public list of postings.
//!
//! The final round TK-2022-2025 is open (window 2025-10-01…2026-12-31). The clock starts
//! on Thursday 26 November 2026 at 10:00 in the province (03:00 UTC); no holiday falls in
//! the next ten working days, so a window posted that day closes on Thursday 10 December.

use crate::fixtures::consolidation::{appraise, consolidate};
use crate::fixtures::nominating::{
    create, in_window, open_round, path_of, person, read, submitted,
};
use crate::fixtures::plans::{act, at, fresh_unit, history, movement_id, step, tag};
use crate::fixtures::state_awards::*;
use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const POSTED: &str = "Đăng trên Cổng Thông tin điện tử tỉnh từ ngày 26/11/2026.";
const LETTER: &str = "Tờ trình số 512/TTr-UBND đề nghị Chủ tịch nước khen thưởng.";
const MEDAL: &str = "Chủ tịch nước tặng Huân chương Lao động hạng Ba.";

/// An individual proposed for a state-level award.
pub(crate) fn state_person(round: &str, name: &str, female: bool, birth_year: i32) -> Value {
    json!({"round_id": round, "award_form": "state_award", "nominee_kind": "individual",
        "individual": {"full_name": name, "gender": if female { "female" } else { "male" },
            "birth_year": birth_year, "position": "Trưởng phòng Văn hóa và Thông tin",
            "workplace": "UBND Huyện Tháp Mười"},
        "achievement_summary": "Chủ trì xây dựng nền tảng dữ liệu số cấp huyện, dẫn đầu tỉnh giai đoạn 2022–2025.",
        "clean_record": true})
}

/// A team of `unit` proposed for a state-level award.
pub(crate) fn state_team(round: &str, unit: &str, team: &str, women: f64) -> Value {
    json!({"round_id": round, "award_form": "state_award", "nominee_kind": "collective",
        "collective": {"unit_id": unit, "team_name": team, "women_share_percent": women},
        "achievement_summary": "Tập thể dẫn đầu tỉnh về dịch vụ công trực tuyến toàn trình giai đoạn 2022–2025.",
        "clean_record": true})
}

pub(crate) async fn approved_one<S: TestService>(
    app: &TestApp<S>,
    round: &str,
    body: Value,
) -> Value {
    approved_all(app, round, vec![body]).await.remove(0)
}

/// Approved, posted for comment on the current day and forwarded once the clock is
/// moved to Friday 11 December 2026.
pub(crate) async fn forwarded<S: TestService>(app: &TestApp<S>, n: &Value) -> Value {
    let n = chair_ok(app, n, "post-for-comment", None, "posted_for_comment").await;
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    chair_ok(app, &n, "forward", None, "forwarded_to_central").await
}

/// The nomination as the Chair reads it now.
async fn now_of<S: TestService>(app: &TestApp<S>, n: &Value) -> Value {
    let chair = app.token("chair").await;
    read(app, &chair, n).await
}

/// The nomination has not moved: same status and version as `n`.
async fn unchanged<S: TestService>(app: &TestApp<S>, n: &Value) {
    let now = now_of(app, n).await;
    assert_eq!(now["status"], n["status"], "{now}");
    assert_eq!(now["version"], n["version"], "{now}");
}

/// The round's published awards.
async fn public_awards<S: TestService>(app: &TestApp<S>, round: &str) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/public/awards?round_id={round}&limit=200"),
            None,
        )
        .await;
    r.assert(200);
    r.body["items"].as_array().unwrap().clone()
}

fn published<'a>(awards: &'a [Value], n: &Value) -> Option<&'a Value> {
    awards.iter().find(|a| a["nomination_id"] == n["id"])
}

async fn postings<S: TestService>(app: &TestApp<S>, query: &str) -> Reply {
    let r = app
        .get(&format!("/api/v1/public/comment-postings?{query}"), None)
        .await;
    r.assert(200);
    r
}

fn posting_ids(r: &Reply) -> Vec<String> {
    r.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {}", r.text))
        .iter()
        .map(|p| p["nomination_id"].as_str().unwrap().to_string())
        .collect()
}

/// A unit's name: the workplace published for its collectives.
async fn unit_name<S: TestService>(app: &TestApp<S>, unit: &str) -> Value {
    let admin = app.token("admin").await;
    let r = app
        .get(&format!("/api/v1/units/{unit}"), Some(&admin))
        .await;
    r.assert(200);
    assert!(r.body["name"].as_str().is_some_and(|n| !n.is_empty()));
    r.body["name"].clone()
}

/// The first step of every nomination: drafted by the unit officer.
fn created() -> (String, String, String, String, String, Value) {
    step(
        "create",
        "",
        "draft",
        "unit_officer",
        "unit_officer",
        Value::Null,
    )
}

fn last_step(
    h: &[(String, String, String, String, String, Value)],
) -> (String, String, String, String, String, Value) {
    h.last().expect("a history").clone()
}

#[actix_web::test]
async fn an_individual_is_posted_for_comment_forwarded_and_awarded_by_the_state() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_one(
        &app,
        &round,
        state_person(&round, "Phạm Thị Thu Trang", true, 1979),
    )
    .await;
    assert_eq!(n["award_form"], "state_award");
    assert!(n["outcome"].is_null(), "{n}");

    // Posted today for 10 working days: Thursday 26 November to Thursday 10 December.
    let n = chair_ok(
        &app,
        &n,
        "post-for-comment",
        Some(json!({"comment": POSTED})),
        "posted_for_comment",
    )
    .await;
    assert_eq!(n["outcome"]["comment_opens_on"], "2026-11-26");
    assert_eq!(n["outcome"]["comment_closes_on"], "2026-12-10");
    assert!(n["outcome"]["forwarded_at"].is_null(), "{n}");
    assert!(n["outcome"]["not_awarded_reason"].is_null(), "{n}");

    // Not forwarded while comments are taken, up to the last second of 10 December in
    // the province (16:59:59 UTC).
    for t in [
        at(2026, 11, 26, 3, 0, 0),
        at(2026, 12, 4, 3, 0, 0),
        at(2026, 12, 10, 3, 0, 0),
        at(2026, 12, 10, 16, 59, 59),
    ] {
        app.state.clock.set(t);
        let r = step_as(&app, "chair", &n, "forward", None).await;
        r.assert_problem(409, "comment_window_open");
        assert_eq!(r.body["closes_on"], "2026-12-10", "{}", r.text);
    }
    unchanged(&app, &n).await;

    // From midnight (province time) it is forwarded; the window stays recorded.
    app.state.clock.set(at(2026, 12, 10, 17, 0, 0));
    let n = chair_ok(
        &app,
        &n,
        "forward",
        Some(json!({"comment": LETTER})),
        "forwarded_to_central",
    )
    .await;
    assert!(
        n["outcome"]["forwarded_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-12-10T17:00:00")),
        "{n}"
    );
    assert_eq!(n["outcome"]["comment_opens_on"], "2026-11-26");
    assert_eq!(n["outcome"]["comment_closes_on"], "2026-12-10");
    assert!(n["outcome"]["central_decision_number"].is_null(), "{n}");

    // An award needs the central decision's number and date, not in the future
    // (today is 11 December in the province).
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(json!({"outcome": "state_awarded"})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["decision_number"].is_array(), "{}", r.text);
    assert!(r.body["errors"]["decided_on"].is_array(), "{}", r.text);
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(json!({"outcome": "state_awarded", "decision_number": "   ", "decided_on": "2026-12-11"})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["decision_number"].is_array(), "{}", r.text);
    assert!(r.body["errors"].get("decided_on").is_none(), "{}", r.text);
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(awarded_by("1234/QĐ-CTN", "2026-12-12")),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["decided_on"].is_array(), "{}", r.text);
    assert!(
        r.body["errors"].get("decision_number").is_none(),
        "{}",
        r.text
    );
    // An outcome the service does not know.
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(json!({"outcome": "pending", "decision_number": "1", "decided_on": "2026-12-10"})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    unchanged(&app, &n).await;

    let mut body = awarded_by("1234/QĐ-CTN", "2026-12-11");
    body["comment"] = json!(MEDAL);
    let n = chair_ok(&app, &n, "central-outcome", Some(body), "state_awarded").await;
    assert_eq!(n["outcome"]["central_decision_number"], "1234/QĐ-CTN");
    assert_eq!(n["outcome"]["central_decided_on"], "2026-12-11");

    // Everyone concerned reads the same outcome.
    for user in ["chair", "unit_officer", "dic_officer", "auditor"] {
        let t = app.token(user).await;
        let seen = read(&app, &t, &n).await;
        assert_eq!(seen["status"], "state_awarded", "{user}");
        assert_eq!(seen["outcome"], n["outcome"], "{user}");
    }

    // Every step, in order, by whom and in which role.
    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(&n)).await;
    assert_eq!(
        h,
        vec![
            created(),
            step(
                "submit",
                "draft",
                "submitted",
                "unit_head",
                "unit_head",
                Value::Null
            ),
            step(
                "consolidate",
                "submitted",
                "consolidated",
                "dic_officer",
                "dic_officer",
                json!("215/TTr-STTTT")
            ),
            step(
                "approve",
                "consolidated",
                "approved",
                "home_affairs_officer",
                "home_affairs_officer",
                json!(OPINION)
            ),
            step(
                "post_for_comment",
                "approved",
                "posted_for_comment",
                "chair",
                "chair",
                json!(POSTED)
            ),
            step(
                "forward",
                "posted_for_comment",
                "forwarded_to_central",
                "chair",
                "chair",
                json!(LETTER)
            ),
            step(
                "state_awarded",
                "forwarded_to_central",
                "state_awarded",
                "chair",
                "chair",
                json!(MEDAL)
            ),
        ]
    );

    // Published with the central decision, and nothing personal beyond it.
    let awards = public_awards(&app, &round).await;
    let aw = published(&awards, &n).unwrap_or_else(|| panic!("not published: {awards:?}"));
    assert_eq!(aw["round_id"], round.as_str());
    assert_eq!(aw["award_form"], "state_award");
    assert_eq!(aw["nominee_kind"], "individual");
    assert_eq!(aw["nominee_name"], "Phạm Thị Thu Trang");
    assert_eq!(aw["workplace"], "UBND Huyện Tháp Mười");
    assert_eq!(aw["decision_number"], "1234/QĐ-CTN");
    assert_eq!(aw["signed_on"], "2026-12-11");
    let keys: BTreeSet<&str> = aw.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    for k in ["birth_year", "gender", "individual", "position", "dossier"] {
        assert!(!keys.contains(k), "{k} published: {aw}");
    }

    // A final state: no step leads out of it.
    for (action, body) in [
        ("close", Some(json!({"reason": "Lại."}))),
        ("forward", None),
        (
            "central-outcome",
            Some(awarded_by("1235/QĐ-CTN", "2026-12-11")),
        ),
    ] {
        let r = step_as(&app, "chair", &n, action, body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "state_awarded", "{action}");
    }
}

#[actix_web::test]
async fn a_collectives_window_follows_the_rounds_working_days_and_skips_holidays() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let admin = app.token("admin").await;
    let unit = app.unit_id("H-THAPMUOI").await;

    // The round takes comments for 7 working days; Monday 7 December is a holiday.
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/rounds/{round}");
    let r = app.get(&path, Some(&admin)).await;
    r.assert(200);
    assert_eq!(r.body["comment_working_days"], 10);
    app.patch(&path, &admin, &r.etag(), json!({"comment_working_days": 7}))
        .await
        .assert(200);
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2026-12-07", "name": "Ngày nghỉ bù"}),
    )
    .await
    .assert(201);

    let n = approved_one(
        &app,
        &round,
        state_team(&round, &unit, "Tổ công nghệ số cộng đồng xã Mỹ An", 75.0),
    )
    .await;
    assert_eq!(n["nominee_kind"], "collective");
    let n = chair_ok(&app, &n, "post-for-comment", None, "posted_for_comment").await;
    // 27 and 30 November, 1–4 December, (7th off), 8 December: the 7th working day.
    assert_eq!(n["outcome"]["comment_opens_on"], "2026-11-26");
    assert_eq!(n["outcome"]["comment_closes_on"], "2026-12-08");

    app.state.clock.set(at(2026, 12, 8, 9, 0, 0));
    let r = step_as(&app, "chair", &n, "forward", None).await;
    r.assert_problem(409, "comment_window_open");
    assert_eq!(r.body["closes_on"], "2026-12-08");

    app.state.clock.set(at(2026, 12, 9, 2, 0, 0));
    let n = chair_ok(&app, &n, "forward", None, "forwarded_to_central").await;
    let n = chair_ok(
        &app,
        &n,
        "central-outcome",
        Some(awarded_by("88/QĐ-TTg", "2026-12-09")),
        "state_awarded",
    )
    .await;
    assert_eq!(n["outcome"]["central_decision_number"], "88/QĐ-TTg");

    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(&n)).await;
    let chair_steps: Vec<_> = h.iter().filter(|e| e.4 == "chair").cloned().collect();
    assert_eq!(
        chair_steps,
        vec![
            step(
                "post_for_comment",
                "approved",
                "posted_for_comment",
                "chair",
                "chair",
                Value::Null
            ),
            step(
                "forward",
                "posted_for_comment",
                "forwarded_to_central",
                "chair",
                "chair",
                Value::Null
            ),
            step(
                "state_awarded",
                "forwarded_to_central",
                "state_awarded",
                "chair",
                "chair",
                Value::Null
            ),
        ]
    );

    let awards = public_awards(&app, &round).await;
    let aw = published(&awards, &n).unwrap_or_else(|| panic!("not published: {awards:?}"));
    assert_eq!(aw["award_form"], "state_award");
    assert_eq!(aw["nominee_kind"], "collective");
    assert_eq!(aw["nominee_name"], "Tổ công nghệ số cộng đồng xã Mỹ An");
    assert_eq!(aw["workplace"], unit_name(&app, &unit).await);
    assert_eq!(aw["decision_number"], "88/QĐ-TTg");
    assert_eq!(aw["signed_on"], "2026-12-09");
}

#[actix_web::test]
async fn the_central_level_may_decline_and_nothing_is_published() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_one(
        &app,
        &round,
        state_person(&round, "Lê Văn Thành", false, 1972),
    )
    .await;
    let n = forwarded(&app, &n).await;
    let declined = "Hội đồng Thi đua – Khen thưởng Trung ương chưa xét do thiếu thành tích cấp Bộ.";
    let n = chair_ok(
        &app,
        &n,
        "central-outcome",
        Some(json!({"outcome": "state_declined", "comment": declined})),
        "state_declined",
    )
    .await;
    assert!(n["outcome"]["central_decision_number"].is_null(), "{n}");
    assert!(n["outcome"]["central_decided_on"].is_null(), "{n}");
    assert_eq!(n["outcome"]["comment_closes_on"], "2026-12-10");

    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(&n)).await;
    assert_eq!(
        last_step(&h),
        step(
            "state_declined",
            "forwarded_to_central",
            "state_declined",
            "chair",
            "chair",
            json!(declined)
        )
    );
    assert_eq!(h.len(), 7, "{h:?}");
    assert!(published(&public_awards(&app, &round).await, &n).is_none());
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(awarded_by("1/QĐ-CTN", "2026-12-11")),
    )
    .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "state_declined");
}

#[actix_web::test]
async fn the_chair_closes_an_approved_or_posted_nomination_with_a_reason() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            person(&round, "Trần Thị Mỹ Linh", 1986),
            state_person(&round, "Đỗ Văn Hậu", false, 1970),
            state_person(&round, "Ngô Thị Kim Yến", true, 1982),
        ],
    )
    .await;
    let (merit, state, posted) = (&noms[0], &noms[1], &noms[2]);

    // A reason is mandatory.
    for body in [
        json!({"reason": ""}),
        json!({"reason": "   "}),
        json!({}),
        json!({"reason": "Có khiếu nại.", "extra": 1}),
    ] {
        let r = step_as(&app, "chair", merit, "close", Some(body.clone())).await;
        r.assert_problem(422, "validation_failed");
    }
    let r = step_as(&app, "chair", merit, "close", Some(json!({"reason": " "}))).await;
    assert!(r.body["errors"]["reason"].is_array(), "{}", r.text);
    unchanged(&app, merit).await;

    // A provincial-merit nomination closed from approved.
    let reason = "Đã được tặng Bằng khen cho cùng thành tích tại Quyết định 3012/QĐ-UBND.";
    let closed = chair_ok(
        &app,
        merit,
        "close",
        Some(json!({"reason": reason})),
        "not_awarded",
    )
    .await;
    assert_eq!(closed["outcome"]["not_awarded_reason"], reason);
    assert!(closed["outcome"]["comment_opens_on"].is_null(), "{closed}");
    let seen = read(&app, &officer, merit).await;
    assert_eq!(seen["status"], "not_awarded");
    assert_eq!(seen["outcome"]["not_awarded_reason"], reason);
    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(merit)).await;
    assert_eq!(
        last_step(&h),
        step(
            "close",
            "approved",
            "not_awarded",
            "chair",
            "chair",
            json!(reason)
        )
    );

    // A state award closed from approved.
    let reason2 = "Cá nhân đang trong thời gian xem xét kỷ luật.";
    let closed2 = chair_ok(
        &app,
        state,
        "close",
        Some(json!({"reason": reason2})),
        "not_awarded",
    )
    .await;
    assert_eq!(closed2["outcome"]["not_awarded_reason"], reason2);

    // A state award closed during its public comment: the window stays recorded.
    let p = chair_ok(&app, posted, "post-for-comment", None, "posted_for_comment").await;
    app.state.clock.set(at(2026, 12, 2, 3, 0, 0));
    let reason3 = "Có đơn khiếu nại trong thời gian lấy ý kiến công khai chưa được giải quyết.";
    let closed3 = chair_ok(
        &app,
        &p,
        "close",
        Some(json!({"reason": reason3})),
        "not_awarded",
    )
    .await;
    assert_eq!(closed3["outcome"]["not_awarded_reason"], reason3);
    assert_eq!(closed3["outcome"]["comment_opens_on"], "2026-11-26");
    assert_eq!(closed3["outcome"]["comment_closes_on"], "2026-12-10");
    let h = history(&app, &chair, &path_of(&p)).await;
    assert_eq!(
        last_step(&h),
        step(
            "close",
            "posted_for_comment",
            "not_awarded",
            "chair",
            "chair",
            json!(reason3)
        )
    );

    // A nominee closed during its comment window leaves the public list at once.
    let postings = app
        .get(
            &format!("/api/v1/public/comment-postings?round_id={round}"),
            None,
        )
        .await;
    postings.assert(200);
    let listed: Vec<&str> = postings.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["nomination_id"].as_str().unwrap())
        .collect();
    assert!(
        !listed.contains(&closed3["id"].as_str().unwrap()),
        "{listed:?}"
    );

    // Closed is final and unpublished.
    let awards = public_awards(&app, &round).await;
    for n in [&closed, &closed2, &closed3] {
        assert!(published(&awards, n).is_none(), "{n}");
        for (action, body) in [
            ("close", Some(json!({"reason": "Lại."}))),
            ("post-for-comment", None),
            ("forward", None),
        ] {
            let r = step_as(&app, "chair", n, action, body).await;
            r.assert_problem(409, "invalid_state");
            assert_eq!(r.body["current_state"], "not_awarded");
        }
    }

    // A nominee closed without award may be nominated again in the round.
    let again = create(&app, &officer, person(&round, "Trần Thị Mỹ Linh", 1986)).await;
    assert_eq!(again["status"], "draft");
}

/// Each role but the Chair gets 403 for the step, anonymous 401, a user of another unit
/// 404; the nomination does not move.
async fn refused_to_others<S: TestService>(
    app: &TestApp<S>,
    stranger: &str,
    n: Value,
    action: &'static str,
    body: Option<Value>,
) {
    for user in [
        "unit_officer",
        "unit_head",
        "dic_officer",
        "home_affairs_officer",
        "admin",
        "auditor",
    ] {
        let r = step_as(app, user, &n, action, body.clone()).await;
        r.assert_problem(403, "forbidden");
        assert!(r.body.get("current_state").is_none(), "{user}: {}", r.text);
    }
    let r = app
        .send(Call {
            method: "POST",
            path: format!("{}/{action}", path_of(&n)),
            token: None,
            body: body.clone(),
            headers: vec![("If-Match".into(), tag(&n))],
        })
        .await;
    r.assert_problem(401, "unauthenticated");
    let r = act(app, stranger, &path_of(&n), action, &tag(&n), body).await;
    r.assert_problem(404, "not_found");
    unchanged(app, &n).await;
}

#[actix_web::test]
async fn every_chair_step_is_refused_to_every_other_role() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let (_, stranger) = fresh_unit(&app, "XA-MYAN", None).await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            person(&round, "Trần Thị Mỹ Linh", 1986),
            state_person(&round, "Đỗ Văn Hậu", false, 1970),
        ],
    )
    .await;
    let (merit, state) = (&noms[0], &noms[1]);

    let close = || Some(json!({"reason": "Không đủ điều kiện."}));
    let outcome = || Some(awarded_by("1234/QĐ-CTN", "2026-12-11"));
    let check = |n: Value, action: &'static str, body: Option<Value>| {
        refused_to_others(&app, &stranger, n, action, body)
    };
    check(merit.clone(), "close", close()).await;
    check(state.clone(), "close", close()).await;
    check(state.clone(), "post-for-comment", None).await;
    let posted = chair_ok(&app, state, "post-for-comment", None, "posted_for_comment").await;
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    check(posted.clone(), "forward", None).await;
    check(posted.clone(), "close", close()).await;
    let fwd = chair_ok(&app, &posted, "forward", None, "forwarded_to_central").await;
    check(fwd.clone(), "central-outcome", outcome()).await;
    check(
        fwd.clone(),
        "central-outcome",
        Some(json!({"outcome": "state_declined"})),
    )
    .await;

    // None of the refused calls left a step: only the Chair's own.
    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(state)).await;
    let actions: Vec<&str> = h.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create",
            "submit",
            "consolidate",
            "approve",
            "post_for_comment",
            "forward"
        ]
    );
    assert!(
        h[4..].iter().all(|e| e.3 == "chair" && e.4 == "chair"),
        "{h:?}"
    );
    let h = history(&app, &chair, &path_of(merit)).await;
    assert_eq!(h.len(), 4, "{h:?}");

    // The Chair does not see a draft (never submitted): 404, not 403 or 409.
    let officer = app.token("unit_officer").await;
    let draft = create(&app, &officer, person(&round, "Lâm Văn Tú", 1990)).await;
    for (action, body) in [
        ("close", close()),
        ("post-for-comment", None),
        ("forward", None),
        ("central-outcome", outcome()),
    ] {
        let r = step_as(&app, "chair", &draft, action, body).await;
        r.assert_problem(404, "not_found");
    }
    // Nor a nomination that does not exist.
    let ghost = json!({"id": "01936f4e-6a1b-7c3d-9e2f-000000000000", "version": 1});
    step_as(&app, "chair", &ghost, "close", close())
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn a_chair_step_in_the_wrong_state_is_a_conflict_naming_the_state() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let ha = app.token("home_affairs_officer").await;

    let submitted_one = submitted(&app, person(&round, "Nguyễn Văn Sang", 1980)).await;
    let to_reject = submitted(&app, person(&round, "Lý Thị Diệu", 1981)).await;
    let waiting = submitted(&app, state_person(&round, "Trương Văn Đạt", false, 1978)).await;
    consolidate(&app, &round, &[&to_reject, &waiting]).await;
    let consolidated_one = read(&app, &ha, &waiting).await;
    let now = read(&app, &ha, &to_reject).await;
    let r = appraise(&app, &ha, &now, "reject", "Thành tích chưa đạt tiêu chuẩn.").await;
    r.assert(200);
    let rejected = r.body.clone();

    let noms = approved_all(
        &app,
        &round,
        vec![
            person(&round, "Trần Thị Mỹ Linh", 1986),
            state_person(&round, "Đỗ Văn Hậu", false, 1970),
            state_person(&round, "Ngô Thị Kim Yến", true, 1982),
            state_person(&round, "Hồ Văn Kiệt", false, 1975),
        ],
    )
    .await;
    let merit = noms[0].clone();
    let state_approved = noms[1].clone();
    let posted = chair_ok(
        &app,
        &noms[2],
        "post-for-comment",
        None,
        "posted_for_comment",
    )
    .await;
    let p4 = chair_ok(
        &app,
        &noms[3],
        "post-for-comment",
        None,
        "posted_for_comment",
    )
    .await;
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    let fwd = chair_ok(&app, &p4, "forward", None, "forwarded_to_central").await;

    let close = json!({"reason": "Không đủ điều kiện."});
    let outcome = awarded_by("1234/QĐ-CTN", "2026-12-11");
    let cases: Vec<(&Value, &str, &str, Option<Value>)> = vec![
        (&submitted_one, "submitted", "close", Some(close.clone())),
        (&submitted_one, "submitted", "post-for-comment", None),
        (&submitted_one, "submitted", "forward", None),
        (
            &submitted_one,
            "submitted",
            "central-outcome",
            Some(outcome.clone()),
        ),
        (
            &consolidated_one,
            "consolidated",
            "close",
            Some(close.clone()),
        ),
        (&consolidated_one, "consolidated", "post-for-comment", None),
        (&consolidated_one, "consolidated", "forward", None),
        (
            &consolidated_one,
            "consolidated",
            "central-outcome",
            Some(outcome.clone()),
        ),
        (&rejected, "rejected", "close", Some(close.clone())),
        (&rejected, "rejected", "post-for-comment", None),
        (&rejected, "rejected", "forward", None),
        (
            &rejected,
            "rejected",
            "central-outcome",
            Some(outcome.clone()),
        ),
        // Bằng khen are not posted for comment nor forwarded.
        (&merit, "approved", "post-for-comment", None),
        (&merit, "approved", "forward", None),
        (&merit, "approved", "central-outcome", Some(outcome.clone())),
        (&state_approved, "approved", "forward", None),
        (
            &state_approved,
            "approved",
            "central-outcome",
            Some(outcome.clone()),
        ),
        (&posted, "posted_for_comment", "post-for-comment", None),
        (
            &posted,
            "posted_for_comment",
            "central-outcome",
            Some(outcome.clone()),
        ),
        (
            &posted,
            "posted_for_comment",
            "central-outcome",
            Some(json!({"outcome": "state_declined"})),
        ),
        (&fwd, "forwarded_to_central", "close", Some(close.clone())),
        (&fwd, "forwarded_to_central", "post-for-comment", None),
        (&fwd, "forwarded_to_central", "forward", None),
    ];
    for (n, state, action, body) in cases {
        let r = step_as(&app, "chair", n, action, body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], state, "{action}: {}", r.text);
        unchanged(&app, n).await;
    }
    // A withdrawn nomination: the same, as seen by the Chair once it had been submitted.
    let head = app.token("unit_head").await;
    let w = act(
        &app,
        &head,
        &path_of(&submitted_one),
        "withdraw",
        &tag(&submitted_one),
        None,
    )
    .await;
    w.assert(200);
    let w = w.body.clone();
    assert_eq!(w["status"], "withdrawn");
    let r = step_as(&app, "chair", &w, "close", Some(close)).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "withdrawn");
}

#[actix_web::test]
async fn chair_steps_need_the_current_version() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let chair = app.token("chair").await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            person(&round, "Trần Thị Mỹ Linh", 1986),
            state_person(&round, "Đỗ Văn Hậu", false, 1970),
        ],
    )
    .await;
    let (merit, state) = (&noms[0], &noms[1]);
    // Version 1 is the draft's: long gone.
    let stale = "\"1\"".to_string();

    let no_match = |n: &Value, action: &str, body: Option<Value>| Call {
        method: "POST",
        path: format!("{}/{action}", path_of(n)),
        token: Some(chair.clone()),
        body,
        headers: vec![],
    };
    let close = json!({"reason": "Không đủ điều kiện."});
    // Without If-Match: 428, whatever the state.
    for (n, action, body) in [
        (merit, "close", Some(close.clone())),
        (state, "post-for-comment", None),
        (state, "forward", None),
        (
            state,
            "central-outcome",
            Some(awarded_by("1/QĐ-CTN", "2026-11-26")),
        ),
    ] {
        let r = app.send(no_match(n, action, body)).await;
        r.assert_problem(428, "precondition_required");
    }
    // A stale version: 412, nothing changes.
    let r = act(
        &app,
        &chair,
        &path_of(merit),
        "close",
        &stale,
        Some(close.clone()),
    )
    .await;
    r.assert_problem(412, "stale_version");
    let r = act(
        &app,
        &chair,
        &path_of(state),
        "post-for-comment",
        &stale,
        None,
    )
    .await;
    r.assert_problem(412, "stale_version");
    unchanged(&app, merit).await;
    unchanged(&app, state).await;

    let posted = chair_ok(&app, state, "post-for-comment", None, "posted_for_comment").await;
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    // The version before posting is stale now.
    let r = act(&app, &chair, &path_of(state), "forward", &tag(state), None).await;
    r.assert_problem(412, "stale_version");
    let r = act(
        &app,
        &chair,
        &path_of(state),
        "close",
        &tag(state),
        Some(close.clone()),
    )
    .await;
    r.assert_problem(412, "stale_version");
    unchanged(&app, &posted).await;
    let fwd = chair_ok(&app, &posted, "forward", None, "forwarded_to_central").await;
    let r = act(
        &app,
        &chair,
        &path_of(&fwd),
        "central-outcome",
        &tag(&posted),
        Some(awarded_by("1/QĐ-CTN", "2026-12-11")),
    )
    .await;
    r.assert_problem(412, "stale_version");
    unchanged(&app, &fwd).await;
    let h = history(&app, &chair, &path_of(&fwd)).await;
    assert_eq!(h.len(), 6, "{h:?}");
}

/// POST `{nomination}/{action}` with If-Match and an Idempotency-Key.
async fn keyed<S: TestService>(
    app: &TestApp<S>,
    user: &str,
    n: &Value,
    action: &str,
    key: &str,
    body: Option<Value>,
) -> Reply {
    let t = app.token(user).await;
    app.send(Call {
        method: "POST",
        path: format!("{}/{action}", path_of(n)),
        token: Some(t),
        body,
        headers: vec![
            ("If-Match".into(), tag(n)),
            ("Idempotency-Key".into(), key.into()),
        ],
    })
    .await
}

#[actix_web::test]
async fn submitting_and_closing_are_idempotent_with_a_key() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Trần Thị Mỹ Linh", 1986)).await;
    let n = crate::fixtures::nominating::complete_dossier(&app, &officer, &n).await;

    // The head submits; the answer is lost; the app sends the same request again.
    let first = keyed(&app, "unit_head", &n, "submit", "nop-ho-so-0001", None).await;
    first.assert(200);
    assert_eq!(first.body["status"], "submitted");
    assert!(first.header("idempotency-replayed").is_none());
    let retry = keyed(&app, "unit_head", &n, "submit", "nop-ho-so-0001", None).await;
    retry.assert(200);
    assert_eq!(
        retry.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.etag(), first.etag());
    // Without the key the same request finds the nomination submitted already.
    let r = act(
        &app,
        &app.token("unit_head").await,
        &path_of(&n),
        "submit",
        &tag(&n),
        None,
    )
    .await;
    r.assert_problem(409, "invalid_state");
    // The same key with another body is refused.
    let r = keyed(
        &app,
        "unit_head",
        &n,
        "submit",
        "nop-ho-so-0001",
        Some(json!({"comment": "Gửi lại."})),
    )
    .await;
    r.assert_problem(422, "idempotency_key_reused");
    let head = app.token("unit_head").await;
    let h = history(&app, &head, &path_of(&n)).await;
    assert_eq!(
        h,
        vec![
            created(),
            step(
                "submit",
                "draft",
                "submitted",
                "unit_head",
                "unit_head",
                Value::Null
            )
        ]
    );
    let sub = read(&app, &head, &n).await;
    assert_eq!(sub["version"], first.body["version"]);

    // Through appraisal, then the Chair closes it with a key, twice.
    consolidate(&app, &round, &[&sub]).await;
    let ha = app.token("home_affairs_officer").await;
    let now = read(&app, &ha, &sub).await;
    let r = appraise(&app, &ha, &now, "approve", OPINION).await;
    r.assert(200);
    let approved = r.body.clone();
    let reason = json!({"reason": "Đã được khen thưởng cho cùng thành tích."});
    let first = keyed(
        &app,
        "chair",
        &approved,
        "close",
        "dong-0001",
        Some(reason.clone()),
    )
    .await;
    first.assert(200);
    assert_eq!(first.body["status"], "not_awarded");
    let retry = keyed(
        &app,
        "chair",
        &approved,
        "close",
        "dong-0001",
        Some(reason.clone()),
    )
    .await;
    retry.assert(200);
    assert_eq!(
        retry.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(retry.body, first.body);
    assert_eq!(
        retry.body["outcome"]["not_awarded_reason"],
        "Đã được khen thưởng cho cùng thành tích."
    );
    let r = keyed(
        &app,
        "chair",
        &approved,
        "close",
        "dong-0001",
        Some(json!({"reason": "Lý do khác."})),
    )
    .await;
    r.assert_problem(422, "idempotency_key_reused");
    // A key is the caller's own: the same key used by someone else is a new request.
    let r = keyed(
        &app,
        "home_affairs_officer",
        &approved,
        "close",
        "dong-0001",
        Some(reason),
    )
    .await;
    r.assert_problem(403, "forbidden");
    let chair = app.token("chair").await;
    let h = history(&app, &chair, &path_of(&n)).await;
    assert_eq!(h.iter().filter(|e| e.0 == "close").count(), 1, "{h:?}");
    let closed = read(&app, &chair, &n).await;
    assert_eq!(closed["status"], "not_awarded");
    assert_eq!(closed["version"], first.body["version"]);
}

#[actix_web::test]
async fn state_award_nominees_are_posted_publicly_with_their_window() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            state_person(&round, "Võ Thị Ngọc Hân", true, 1979),
            state_person(&round, "Huỳnh Văn Phúc", false, 1968),
            state_team(
                &round,
                &unit,
                "Tổ chuyển đổi số cộng đồng thị trấn Mỹ An",
                80.0,
            ),
            person(&round, "Trần Thị Mỹ Linh", 1986),
        ],
    )
    .await;
    let (a, b, c, merit) = (&noms[0], &noms[1], &noms[2], &noms[3]);
    // Approved is not posted yet: the round has no posting.
    let r = postings(&app, &format!("round_id={round}")).await;
    assert!(posting_ids(&r).is_empty(), "{}", r.text);
    assert!(r.body["next_cursor"].is_null());

    // A on Thursday 26 November (closes 10 December), B and C on Friday 27 (close 11).
    let a = chair_ok(&app, a, "post-for-comment", None, "posted_for_comment").await;
    app.state.clock.set(at(2026, 11, 27, 3, 0, 0));
    let b = chair_ok(&app, b, "post-for-comment", None, "posted_for_comment").await;
    let c = chair_ok(&app, c, "post-for-comment", None, "posted_for_comment").await;
    assert_eq!(b["outcome"]["comment_closes_on"], "2026-12-11");
    assert_eq!(c["outcome"]["comment_closes_on"], "2026-12-11");

    // Latest window first, then by id.
    let mut bc = [id_of(&b), id_of(&c)];
    bc.sort();
    let expected = vec![bc[0].clone(), bc[1].clone(), id_of(&a)];
    let r = postings(&app, &format!("round_id={round}")).await;
    assert_eq!(posting_ids(&r), expected, "{}", r.text);
    assert!(r.body["next_cursor"].is_null());
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    let items = r.body["items"].as_array().unwrap();
    let pa = items
        .iter()
        .find(|p| p["nomination_id"] == a["id"])
        .unwrap();
    assert_eq!(
        pa,
        &json!({"nomination_id": a["id"], "round_id": round, "movement_id": a["movement_id"],
            "nominee_kind": "individual", "nominee_name": "Võ Thị Ngọc Hân",
            "position": "Trưởng phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười",
            "achievement_summary": a["achievement_summary"],
            "opens_on": "2026-11-26", "closes_on": "2026-12-10", "open": true})
    );
    let pc = items
        .iter()
        .find(|p| p["nomination_id"] == c["id"])
        .unwrap();
    assert_eq!(pc["nominee_kind"], "collective");
    assert_eq!(
        pc["nominee_name"],
        "Tổ chuyển đổi số cộng đồng thị trấn Mỹ An"
    );
    assert_eq!(pc["position"], "");
    assert_eq!(pc["workplace"], unit_name(&app, &unit).await);
    assert_eq!(pc["opens_on"], "2026-11-27");
    assert_eq!(pc["closes_on"], "2026-12-11");
    // No personal data beyond the posting: every item has exactly the published fields.
    let fields: BTreeSet<&str> = [
        "nomination_id",
        "round_id",
        "movement_id",
        "nominee_kind",
        "nominee_name",
        "position",
        "workplace",
        "achievement_summary",
        "opens_on",
        "closes_on",
        "open",
    ]
    .into();
    for p in items {
        let keys: BTreeSet<&str> = p.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, fields, "{p}");
    }
    assert!(
        !r.text.contains("female") && !r.text.contains("birth"),
        "{}",
        r.text
    );
    assert!(
        !r.text.contains("Trần Thị Mỹ Linh"),
        "a Bằng khen is not posted"
    );
    assert!(!posting_ids(&r).contains(&id_of(merit)));

    // Pages: one at a time, then two.
    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    for i in 0..3 {
        let q = match &cursor {
            Some(c) => format!("round_id={round}&limit=1&cursor={c}"),
            None => format!("round_id={round}&limit=1"),
        };
        let r = postings(&app, &q).await;
        assert_eq!(posting_ids(&r).len(), 1, "{}", r.text);
        seen.extend(posting_ids(&r));
        cursor = r.body["next_cursor"].as_str().map(str::to_string);
        assert_eq!(cursor.is_some(), i < 2, "page {i}: {}", r.text);
    }
    assert_eq!(seen, expected);
    let r = postings(&app, &format!("round_id={round}&limit=2")).await;
    assert_eq!(posting_ids(&r), expected[..2].to_vec());
    let next = r.body["next_cursor"].as_str().unwrap().to_string();
    let r = postings(&app, &format!("round_id={round}&limit=2&cursor={next}")).await;
    assert_eq!(posting_ids(&r), expected[2..].to_vec());
    assert!(r.body["next_cursor"].is_null());
    // Across all rounds the newest windows come first too (the demo's are older).
    let r = postings(&app, "limit=3").await;
    assert_eq!(posting_ids(&r), expected);
    // Bad paging input.
    for q in ["limit=0", "limit=201", "cursor=%25%25", "cursor=YWJj"] {
        let r = app
            .get(&format!("/api/v1/public/comment-postings?{q}"), None)
            .await;
        r.assert_problem(422, "validation_failed");
    }

    // On Friday 11 December, A's window has ended; B and C are open until that night.
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    let r = postings(&app, &format!("round_id={round}&open=true")).await;
    assert_eq!(posting_ids(&r), expected[..2].to_vec());
    assert!(r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["open"] == true));
    let r = postings(&app, "open=true&limit=200").await;
    let all = posting_ids(&r);
    assert!(
        all.contains(&bc[0]) && all.contains(&bc[1]) && !all.contains(&id_of(&a)),
        "{}",
        r.text
    );
    assert!(
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["open"] == true),
        "{}",
        r.text
    );
    // open=false: the others (here the one whose window has ended).
    let r = postings(&app, &format!("round_id={round}&open=false")).await;
    assert_eq!(posting_ids(&r), expected[2..].to_vec());
    assert_eq!(r.body["items"][0]["open"], false);

    // A forwarded nominee keeps its posting, closed.
    let fwd = chair_ok(&app, &a, "forward", None, "forwarded_to_central").await;
    let r = postings(&app, &format!("round_id={round}")).await;
    assert_eq!(posting_ids(&r), expected);
    let p = &r.body["items"][2];
    assert_eq!(p["nomination_id"], fwd["id"]);
    assert_eq!(p["open"], false);

    // After 11 December nothing of the round is open.
    app.state.clock.set(at(2026, 12, 14, 3, 0, 0));
    let r = postings(&app, &format!("round_id={round}&open=true")).await;
    assert!(posting_ids(&r).is_empty(), "{}", r.text);
    // Another round, or an unknown one, has none of these.
    let r = postings(&app, "round_id=01936f4e-6a1b-7c3d-9e2f-000000000000").await;
    assert!(posting_ids(&r).is_empty(), "{}", r.text);
}

#[actix_web::test]
async fn a_flagged_nominee_is_not_posted_for_a_state_award_but_may_be_closed() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let mut body = state_person(&round, "Trương Văn Hậu", false, 1970);
    body["clean_record"] = json!(false);
    let n = approved_one(&app, &round, body).await;
    let r = step_as(&app, "chair", &n, "post-for-comment", None).await;
    r.assert_problem(409, "nominee_flagged");
    assert_eq!(r.body["nomination_id"], n["id"]);
    unchanged(&app, &n).await;
    assert!(
        posting_ids(&postings(&app, &format!("round_id={round}")).await)
            .iter()
            .all(|id| id != n["id"].as_str().unwrap())
    );
    let closed = chair_ok(
        &app,
        &n,
        "close",
        Some(json!({"reason": "Đang bị xem xét kỷ luật."})),
        "not_awarded",
    )
    .await;
    assert_eq!(
        closed["outcome"]["not_awarded_reason"],
        "Đang bị xem xét kỷ luật."
    );
}

#[actix_web::test]
async fn forwarding_takes_a_place_of_a_state_award_quota_when_the_round_sets_one() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let admin = app.token("admin").await;
    let r = app
        .post(
            &format!("/api/v1/movements/{m}/rounds"),
            Some(&admin),
            json!({"code": "NN-2026", "kind": "final", "title": "Đề nghị khen thưởng cấp Nhà nước 2026",
                "period_start_year": 2026, "period_end_year": 2026,
                "nomination_opens_on": "2026-10-01", "nomination_closes_on": "2026-12-31",
                "quotas": [{"award_form": "state_award", "nominee_kind": "individual", "max_awards": 1}]}),
        )
        .await;
    r.assert(201);
    let round = id_of(&r.body);
    let noms = approved_all(
        &app,
        &round,
        vec![
            state_person(&round, "Huỳnh Thị Ngọc Hân", true, 1978),
            state_person(&round, "Đoàn Văn Phúc", false, 1971),
        ],
    )
    .await;
    let first = chair_ok(
        &app,
        &noms[0],
        "post-for-comment",
        None,
        "posted_for_comment",
    )
    .await;
    let second = chair_ok(
        &app,
        &noms[1],
        "post-for-comment",
        None,
        "posted_for_comment",
    )
    .await;
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    chair_ok(&app, &first, "forward", None, "forwarded_to_central").await;
    let r = step_as(&app, "chair", &second, "forward", None).await;
    r.assert_problem(409, "quota_exceeded");
    assert_eq!(r.body["quota"], 1);
    assert_eq!(r.body["used"], 1);
    assert_eq!(r.body["requested"], 1);
    unchanged(&app, &second).await;
}

#[actix_web::test]
async fn the_central_decision_cannot_predate_forwarding() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_one(
        &app,
        &round,
        state_person(&round, "Mai Thị Thanh Tâm", true, 1982),
    )
    .await;
    let n = forwarded(&app, &n).await;
    // Forwarded on 11 December 2026: a decision of the 10th is refused, of the 11th taken.
    let r = step_as(
        &app,
        "chair",
        &n,
        "central-outcome",
        Some(awarded_by("77/QĐ-CTN", "2026-12-10")),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.text.contains("decided_on"), "{}", r.text);
    unchanged(&app, &n).await;
    chair_ok(
        &app,
        &n,
        "central-outcome",
        Some(awarded_by("77/QĐ-CTN", "2026-12-11")),
        "state_awarded",
    )
    .await;
}

#[actix_web::test]
async fn closed_postings_are_listed_apart_and_declined_ones_leave_the_list() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let noms = approved_all(
        &app,
        &round,
        vec![
            state_person(&round, "Lâm Thị Bích Ngọc", true, 1980),
            state_person(&round, "Tạ Văn Hùng", false, 1968),
        ],
    )
    .await;
    let declined = forwarded(&app, &noms[1]).await;
    let open = chair_ok(
        &app,
        &noms[0],
        "post-for-comment",
        None,
        "posted_for_comment",
    )
    .await;
    // Now 11 December: the first was posted today, the second's window has ended.
    let ids = |r: &Reply| posting_ids(r);
    let id = |n: &Value| n["id"].as_str().unwrap().to_string();
    let now_open = postings(&app, &format!("round_id={round}&open=true")).await;
    assert_eq!(ids(&now_open), vec![id(&open)]);
    let closed = postings(&app, &format!("round_id={round}&open=false")).await;
    assert_eq!(ids(&closed), vec![id(&declined)]);
    chair_ok(
        &app,
        &declined,
        "central-outcome",
        Some(json!({"outcome": "state_declined"})),
        "state_declined",
    )
    .await;
    let all = postings(&app, &format!("round_id={round}")).await;
    assert_eq!(ids(&all), vec![id(&open)]);
}

#[actix_web::test]
async fn two_chair_steps_racing_on_two_instances_one_wins() {
    use actix_web::test;
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_one(
        &app,
        &round,
        state_person(&round, "Châu Thị Kim Loan", true, 1976),
    )
    .await;
    // A second instance of the service on the same database.
    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    second.clock.set(at(2026, 11, 26, 3, 0, 0));
    let other = test::init_service(thidua::build_app(second)).await;
    let chair = app.token("chair").await;
    let req = test::TestRequest::post()
        .uri(&format!("{}/close", path_of(&n)))
        .insert_header(("Authorization", format!("Bearer {chair}")))
        .insert_header(("If-Match", tag(&n)))
        .set_json(json!({"reason": "Không đủ điều kiện đề nghị cấp Nhà nước."}))
        .to_request();
    let (first, res) = futures_util::future::join(
        act(
            &app,
            &chair,
            &path_of(&n),
            "post-for-comment",
            &tag(&n),
            None,
        ),
        test::call_service(&other, req),
    )
    .await;
    let status = res.status().as_u16();
    let text = String::from_utf8_lossy(&test::read_body(res).await).to_string();
    let mut statuses = [first.status.as_u16(), status];
    statuses.sort();
    // The loser is refused: its version is stale (412), or, where the winner committed
    // before the loser read, its state no longer allows the step (409).
    assert_eq!(statuses[0], 200, "{} / {text}", first.text);
    assert!(
        statuses[1] == 409 || statuses[1] == 412,
        "{} / {text}",
        first.text
    );
    // One step taken: one version on, one history row after approval.
    let now = now_of(&app, &n).await;
    assert_eq!(
        now["version"].as_i64().unwrap(),
        n["version"].as_i64().unwrap() + 1
    );
    let expected = if first.status.as_u16() == 200 {
        "posted_for_comment"
    } else {
        "not_awarded"
    };
    assert_eq!(now["status"], expected, "{now}");
    let h = history(&app, &chair, &path_of(&n)).await;
    let after_approval: Vec<_> = h.iter().skip_while(|e| e.0 != "approve").skip(1).collect();
    assert_eq!(after_approval.len(), 1, "{h:?}");
}

#[actix_web::test]
async fn the_same_retry_key_on_two_instances_at_once_runs_the_step_once() {
    use actix_web::test;
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_one(
        &app,
        &round,
        state_person(&round, "Quách Thị Diễm My", true, 1984),
    )
    .await;
    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    second.clock.set(at(2026, 11, 26, 3, 0, 0));
    let other = test::init_service(thidua::build_app(second)).await;
    let chair = app.token("chair").await;
    let body = json!({"reason": "Không đủ điều kiện đề nghị cấp Nhà nước."});
    let key = "dong-ho-so-quach-thi-diem-my";
    let req = test::TestRequest::post()
        .uri(&format!("{}/close", path_of(&n)))
        .insert_header(("Authorization", format!("Bearer {chair}")))
        .insert_header(("If-Match", tag(&n)))
        .insert_header(("Idempotency-Key", key))
        .set_json(body.clone())
        .to_request();
    let (first, res) = futures_util::future::join(
        app.send(Call {
            method: "POST",
            path: format!("{}/close", path_of(&n)),
            token: Some(chair.clone()),
            body: Some(body.clone()),
            headers: vec![
                ("If-Match".into(), tag(&n)),
                ("Idempotency-Key".into(), key.into()),
            ],
        }),
        test::call_service(&other, req),
    )
    .await;
    let replayed_other = res.headers().get("idempotency-replayed").is_some();
    let status = res.status().as_u16();
    let bytes = test::read_body(res).await;
    let other_body: Value = serde_json::from_slice(&bytes).unwrap();
    // Both answer 200 with the same nomination; exactly one of them is the replay.
    assert_eq!(
        (first.status.as_u16(), status),
        (200, 200),
        "{} / {other_body}",
        first.text
    );
    assert_eq!(first.body, other_body);
    assert_eq!(
        [
            first.header("idempotency-replayed").is_some(),
            replayed_other
        ]
        .iter()
        .filter(|r| **r)
        .count(),
        1
    );
    let h = history(&app, &chair, &path_of(&n)).await;
    assert_eq!(h.iter().filter(|e| e.0 == "close").count(), 1, "{h:?}");
}
