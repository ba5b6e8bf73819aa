//! What is due and overdue for the caller (their unit's plans and reports; DIC's
//! reviews, counted in working days), and the public holidays those days skip.
//!
//! The data created here is for 2025 and the clock is fixed; the demo's history of
//! earlier years may add items, so items are found by what they are about.

use crate::fixtures::rollup::{
    accepted_plan, demo_movement, draft_plan, draft_report, head_of, set_clock, step,
};
use crate::helpers::*;
use serde_json::{json, Value};

async fn deadlines<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Value {
    let r = app
        .get(&format!("/api/v1/deadlines{query}"), Some(token))
        .await;
    r.assert(200);
    r.body.clone()
}

fn items(d: &Value) -> &Vec<Value> {
    d["items"].as_array().unwrap()
}

/// The item about a record.
fn about<'a>(d: &'a Value, resource_id: &str) -> Option<&'a Value> {
    items(d).iter().find(|i| i["resource_id"] == resource_id)
}

/// The item of the 2025 annual report of the demo movement.
fn annual_2025<'a>(d: &'a Value, movement_id: &str) -> Option<&'a Value> {
    items(d).iter().find(|i| {
        i["resource_type"] == "report"
            && i["movement_id"] == movement_id
            && i["due_on"] == "2025-12-10"
            && matches!(i["kind"].as_str(), Some("report_due" | "report_overdue"))
    })
}

async fn delete<S: TestService>(app: &TestApp<S>, path: &str, token: &str) -> Reply {
    app.send(Call {
        method: "DELETE",
        path: path.into(),
        token: Some(token.into()),
        body: None,
        headers: vec![],
    })
    .await
}

/// Overdue first, then by due date.
fn check_order(d: &Value) {
    let dated: Vec<(&str, &str)> = items(d)
        .iter()
        .filter(|i| !i["due_on"].is_null())
        .map(|i| (i["kind"].as_str().unwrap(), i["due_on"].as_str().unwrap()))
        .collect();
    assert!(
        dated.windows(2).all(|w| w[0].1 <= w[1].1),
        "not by due date: {dated:?}"
    );
    let first_due = dated
        .iter()
        .position(|(k, _)| !k.ends_with("_overdue"))
        .unwrap_or(dated.len());
    assert!(
        dated[first_due..]
            .iter()
            .all(|(k, _)| !k.ends_with("_overdue")),
        "overdue after due: {dated:?}"
    );
}

#[actix_web::test]
async fn the_annual_report_is_due_until_the_end_of_10_december_vietnam_time() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let head = app.token("unit_head").await;
    let officer = app.token("unit_officer").await;
    let tm = app.unit_id("H-THAPMUOI").await;
    // 10:00 on Wednesday 26 November 2025 in Vietnam.
    set_clock(&app, "2025-11-26T03:00:00Z");
    let d = deadlines(&app, &head, "").await;
    assert_eq!(d["today"], "2025-11-26");
    let item = annual_2025(&d, &m.id).expect("the 2025 report is due");
    assert_eq!(item["kind"], "report_due");
    assert_eq!(item["days_left"], 14);
    assert_eq!(item["resource_id"], Value::Null);
    assert_eq!(item["unit_id"], tm.as_str());
    assert_eq!(item["working_days_waiting"], Value::Null);
    assert!(item["title"].as_str().unwrap().contains("2025"));
    // No 2025 plan yet.
    assert!(items(&d).iter().any(|i| i["kind"] == "plan_missing"
        && i["movement_id"] == m.id.as_str()
        && i["resource_id"].is_null()));
    check_order(&d);
    // The unit's officer sees the same.
    let d = deadlines(&app, &officer, "").await;
    assert_eq!(annual_2025(&d, &m.id).unwrap()["kind"], "report_due");

    // With a report drafted, the item points at it.
    let plan = accepted_plan(&app, &m, &head, &[("KH-01", 90.0)]).await;
    let report = draft_report(&app, &m, &head, &plan, &[("KH-01", 95.0, 9.0)]).await;
    let d = deadlines(&app, &head, "").await;
    assert!(!items(&d)
        .iter()
        .any(|i| i["kind"] == "plan_missing" && i["movement_id"] == m.id.as_str()));
    let item = annual_2025(&d, &m.id).unwrap();
    assert_eq!(item["resource_id"], report["id"]);

    // 23:59:59 on 10 December in Vietnam: due today.
    set_clock(&app, "2025-12-10T16:59:59Z");
    let d = deadlines(&app, &head, "").await;
    assert_eq!(d["today"], "2025-12-10");
    let item = annual_2025(&d, &m.id).unwrap();
    assert_eq!(
        (item["kind"].clone(), item["days_left"].clone()),
        (json!("report_due"), json!(0))
    );
    // Midnight in Vietnam (17:00 UTC): overdue.
    set_clock(&app, "2025-12-10T17:00:00Z");
    let d = deadlines(&app, &head, "").await;
    assert_eq!(d["today"], "2025-12-11");
    let item = annual_2025(&d, &m.id).unwrap();
    assert_eq!(
        (item["kind"].clone(), item["days_left"].clone()),
        (json!("report_overdue"), json!(-1))
    );
    assert_eq!(item["resource_id"], report["id"]);
    check_order(&d);
    // Some days later it is still overdue, by more days.
    set_clock(&app, "2025-12-15T03:00:00Z");
    let d = deadlines(&app, &head, "").await;
    assert_eq!(annual_2025(&d, &m.id).unwrap()["days_left"], -5);
    // Submitted (late): off the list.
    let r = step(&app, "reports", &id_of(&report), "submit", &head, None).await;
    r.assert(200);
    assert_eq!(r.body["late"], true);
    let d = deadlines(&app, &head, "").await;
    assert!(annual_2025(&d, &m.id).is_none(), "{d}");
    assert!(about(&d, &id_of(&report)).is_none());
    // A unit's list never holds reviews.
    assert!(!items(&d)
        .iter()
        .any(|i| i["kind"].as_str().unwrap().starts_with("review_")));
}

#[actix_web::test]
async fn a_draft_or_returned_plan_is_not_submitted_and_only_its_unit_sees_it() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    set_clock(&app, "2025-11-26T03:00:00Z");
    let plan = draft_plan(&app, &m, &officer, &[("YT-01", 100.0)]).await;
    let id = id_of(&plan);

    let d = deadlines(&app, &officer, "").await;
    let item = about(&d, &id).expect("the draft plan is listed");
    assert_eq!(item["kind"], "plan_not_submitted");
    assert_eq!(item["resource_type"], "plan");
    assert_eq!(item["title"], plan["title"]);
    assert_eq!(item["unit_id"], plan["unit_id"]);
    assert_eq!(item["due_on"], Value::Null);
    // The plan exists: it is no longer missing.
    assert!(!items(&d)
        .iter()
        .any(|i| i["kind"] == "plan_missing" && i["movement_id"] == m.id.as_str()));
    assert_eq!(
        about(&deadlines(&app, &head, "").await, &id).unwrap()["kind"],
        "plan_not_submitted"
    );
    // Another unit's head does not see it, and misses its own plan.
    let other = head_of(&app, "TP-CAOLANH").await;
    let d = deadlines(&app, &other, "").await;
    assert!(about(&d, &id).is_none());
    assert!(items(&d)
        .iter()
        .any(|i| i["kind"] == "plan_missing" && i["movement_id"] == m.id.as_str()));

    // Submitted: off the unit's list, on DIC's.
    step(&app, "plans", &id, "submit", &head, None)
        .await
        .assert(200);
    assert!(about(&deadlines(&app, &officer, "").await, &id).is_none());
    let review = deadlines(&app, &dic, "").await;
    let item = about(&review, &id).expect("DIC reviews the plan");
    assert_eq!(item["kind"], "review_due");
    assert_eq!(item["resource_type"], "plan");
    // Returned: back on the unit's list.
    step(
        &app,
        "plans",
        &id,
        "return",
        &dic,
        Some(json!({"reason": "Bổ sung chỉ tiêu lĩnh vực giáo dục"})),
    )
    .await
    .assert(200);
    let d = deadlines(&app, &officer, "").await;
    assert_eq!(about(&d, &id).unwrap()["kind"], "plan_not_submitted");
    assert!(about(&deadlines(&app, &dic, "").await, &id).is_none());
}

#[actix_web::test]
async fn reviews_are_due_after_10_working_days_without_weekends_and_holidays() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let admin = app.token("admin").await;
    let movement = app.movement().await;
    assert_eq!(movement["review_working_days"], 10);

    // A plan submitted on Thursday 20 November: 10 working days after it is Thursday
    // 4 December (21, 24–28 November, 1–4 December).
    set_clock(&app, "2025-11-20T03:00:00Z");
    let plan = draft_plan(&app, &m, &head, &[("KH-01", 90.0)]).await;
    step(&app, "plans", &id_of(&plan), "submit", &head, None)
        .await
        .assert(200);
    let d = deadlines(&app, &dic, "").await;
    let item = about(&d, &id_of(&plan)).unwrap();
    assert_eq!(item["kind"], "review_due");
    assert_eq!(item["due_on"], "2025-12-04");
    assert_eq!(item["days_left"], 14);
    assert_eq!(item["working_days_waiting"], 0);
    assert_eq!(item["movement_id"], m.id.as_str());
    let plan = step(&app, "plans", &id_of(&plan), "accept", &dic, None).await;
    plan.assert(200);
    assert!(about(&deadlines(&app, &dic, "").await, &id_of(&plan.body)).is_none());

    // A report submitted on Wednesday 26 November (10:00 in Vietnam): due Wednesday
    // 10 December (27, 28 November, 1–5 and 8–10 December).
    set_clock(&app, "2025-11-26T03:00:00Z");
    let report = draft_report(&app, &m, &head, &plan.body, &[("KH-01", 92.0, 9.0)]).await;
    let id = id_of(&report);
    step(&app, "reports", &id, "submit", &head, None)
        .await
        .assert(200);
    let d = deadlines(&app, &dic, "").await;
    let item = about(&d, &id).unwrap();
    assert_eq!(item["kind"], "review_due");
    assert_eq!(item["resource_type"], "report");
    assert_eq!(item["unit_id"], report["unit_id"]);
    assert_eq!(item["due_on"], "2025-12-10");
    assert_eq!(item["days_left"], 14);
    assert_eq!(item["working_days_waiting"], 0);
    // Monday 1 December: 3 working days waited (27, 28 November, 1 December).
    set_clock(&app, "2025-12-01T03:00:00Z");
    let item = about(&deadlines(&app, &dic, "").await, &id)
        .unwrap()
        .clone();
    assert_eq!(item["kind"], "review_due");
    assert_eq!(item["working_days_waiting"], 3);
    assert_eq!(item["days_left"], 9);
    // Thursday 11 December: 11 working days waited, one more than allowed.
    set_clock(&app, "2025-12-11T03:00:00Z");
    let d = deadlines(&app, &dic, "").await;
    let item = about(&d, &id).unwrap();
    assert_eq!(item["kind"], "review_overdue");
    assert_eq!(item["due_on"], "2025-12-10");
    assert_eq!(item["days_left"], -1);
    assert_eq!(item["working_days_waiting"], 11);
    check_order(&d);

    // Wednesday 3 December becomes a holiday: the limit moves one working day, to
    // Thursday 11 December, and only 10 working days have passed.
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2025-12-03", "name": "Ngày nghỉ bù"}),
    )
    .await
    .assert(201);
    let item = about(&deadlines(&app, &dic, "").await, &id)
        .unwrap()
        .clone();
    assert_eq!(item["kind"], "review_due");
    assert_eq!(item["due_on"], "2025-12-11");
    assert_eq!(item["days_left"], 0);
    assert_eq!(item["working_days_waiting"], 10);
    // Monday 15 December: 27, 28 Nov, 1, 2, 4, 5, 8–12, 15 Dec = 12 working days.
    set_clock(&app, "2025-12-15T03:00:00Z");
    let item = about(&deadlines(&app, &dic, "").await, &id)
        .unwrap()
        .clone();
    assert_eq!(item["kind"], "review_overdue");
    assert_eq!(item["due_on"], "2025-12-11");
    assert_eq!(item["days_left"], -4);
    assert_eq!(item["working_days_waiting"], 12);

    // Only DIC of the standing unit reviews: Home Affairs, the Chair and the unit see
    // no review items.
    for who in ["home_affairs_officer", "chair", "auditor", "unit_head"] {
        let t = app.token(who).await;
        let d = deadlines(&app, &t, "").await;
        assert!(about(&d, &id).is_none(), "{who}");
        assert!(
            !items(&d)
                .iter()
                .any(|i| i["kind"].as_str().unwrap().starts_with("review_")),
            "{who}"
        );
    }
    // Accepted: off the list.
    step(&app, "reports", &id, "accept", &dic, None)
        .await
        .assert(200);
    assert!(about(&deadlines(&app, &dic, "").await, &id).is_none());
}

#[actix_web::test]
async fn the_look_ahead_is_0_to_366_days() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let head = app.token("unit_head").await;
    set_clock(&app, "2025-11-26T03:00:00Z");
    // The 2025 report is due in 14 days: outside a 13-day look-ahead, inside 14.
    let d = deadlines(&app, &head, "?days=13").await;
    assert!(annual_2025(&d, &m.id).is_none());
    let d = deadlines(&app, &head, "?days=14").await;
    assert_eq!(annual_2025(&d, &m.id).unwrap()["days_left"], 14);
    // Overdue items do not depend on the look-ahead: the final round's report was due
    // on 15 November.
    let d = deadlines(&app, &head, "?days=0").await;
    assert!(annual_2025(&d, &m.id).is_none());
    let overdue = items(&d)
        .iter()
        .find(|i| i["kind"] == "report_overdue" && i["due_on"] == "2025-11-15")
        .expect("the final round's report is overdue");
    assert_eq!(overdue["days_left"], -11);
    assert!(deadlines(&app, &head, "?days=366").await["items"].is_array());

    for q in ["?days=367", "?days=-1"] {
        let r = app.get(&format!("/api/v1/deadlines{q}"), Some(&head)).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"]["days"].is_array(), "{}", r.text);
    }
    app.get("/api/v1/deadlines?days=soon", Some(&head))
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/deadlines", None).await.assert(401);
}

#[actix_web::test]
async fn holidays_are_listed_by_year_and_managed_by_admins() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let officer = app.token("unit_officer").await;

    let r = app
        .post(
            "/api/v1/holidays",
            Some(&admin),
            json!({"day": "2025-12-03", "name": "  Ngày nghỉ bù chuyển đổi số  "}),
        )
        .await;
    r.assert(201);
    assert_eq!(r.header("location").unwrap(), "/api/v1/holidays/2025-12-03");
    assert_eq!(
        r.body,
        json!({"day": "2025-12-03", "name": "Ngày nghỉ bù chuyển đổi số"})
    );
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2026-12-04", "name": "Ngày nghỉ thử nghiệm"}),
    )
    .await
    .assert(201);

    // A day that is already a holiday
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2025-12-03", "name": "Lần nữa"}),
    )
    .await
    .assert_problem(409, "already_exists");
    // Only admins
    for who in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "unit_head",
        "auditor",
    ] {
        let t = app.token(who).await;
        app.post(
            "/api/v1/holidays",
            Some(&t),
            json!({"day": "2025-12-05", "name": "Không được"}),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    app.post(
        "/api/v1/holidays",
        None,
        json!({"day": "2025-12-05", "name": "Không được"}),
    )
    .await
    .assert(401);
    let r = app
        .post(
            "/api/v1/holidays",
            Some(&admin),
            json!({"day": "2025-12-05", "name": "   "}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["name"].is_array(), "{}", r.text);

    // Any signed-in user reads them, by year and in order.
    let days = |r: &Reply| -> Vec<String> {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["day"].as_str().unwrap().to_string())
            .collect()
    };
    let y2025 = app.get("/api/v1/holidays?year=2025", Some(&officer)).await;
    y2025.assert(200);
    let d2025 = days(&y2025);
    assert!(d2025.contains(&"2025-12-03".to_string()));
    assert!(!d2025.contains(&"2025-12-05".to_string()));
    assert!(d2025.iter().all(|d| d.starts_with("2025-")), "{d2025:?}");
    assert!(d2025.windows(2).all(|w| w[0] < w[1]), "{d2025:?}");
    let ours = y2025.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["day"] == "2025-12-03")
        .unwrap();
    assert_eq!(ours["name"], "Ngày nghỉ bù chuyển đổi số");
    let d2026 = days(&app.get("/api/v1/holidays?year=2026", Some(&officer)).await);
    assert!(d2026.contains(&"2026-12-04".to_string()));
    assert!(d2026.iter().all(|d| d.starts_with("2026-")), "{d2026:?}");
    let all = days(&app.get("/api/v1/holidays", Some(&officer)).await);
    assert!(all.contains(&"2025-12-03".to_string()) && all.contains(&"2026-12-04".to_string()));
    assert_eq!(all.len(), {
        let mut u = all.clone();
        u.dedup();
        u.len()
    });
    app.get("/api/v1/holidays?year=1999", Some(&officer))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/holidays", None).await.assert(401);

    // Audited
    let auditor = app.token("auditor").await;
    let events = app
        .get(
            "/api/v1/audit-events?resource_type=holiday&resource_id=2025-12-03",
            Some(&auditor),
        )
        .await;
    events.assert(200);
    let e = events.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "holiday.create")
        .unwrap_or_else(|| panic!("no holiday.create in {}", events.text));
    assert_eq!(e["actor_username"], "admin");
}

#[actix_web::test]
async fn a_holiday_is_deleted_once_and_only_by_an_admin() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2025-12-03", "name": "Ngày nghỉ bù"}),
    )
    .await
    .assert(201);
    let dic = app.token("dic_officer").await;
    delete(&app, "/api/v1/holidays/2025-12-03", &dic)
        .await
        .assert_problem(403, "forbidden");
    let r = delete(&app, "/api/v1/holidays/2025-12-03", &admin).await;
    r.assert(204);
    assert!(r.text.is_empty());
    delete(&app, "/api/v1/holidays/2025-12-03", &admin)
        .await
        .assert_problem(404, "not_found");
    let listed = app.get("/api/v1/holidays?year=2025", Some(&admin)).await;
    assert!(!listed.text.contains("2025-12-03"));
    // Once deleted, the day can be added again.
    app.post(
        "/api/v1/holidays",
        Some(&admin),
        json!({"day": "2025-12-03", "name": "Ngày nghỉ bù"}),
    )
    .await
    .assert(201);
    delete(&app, "/api/v1/holidays/not-a-day", &admin)
        .await
        .assert_problem(400, "invalid_path");
    let auditor = app.token("auditor").await;
    let events = app
        .get(
            "/api/v1/audit-events?resource_type=holiday&resource_id=2025-12-03",
            Some(&auditor),
        )
        .await;
    assert!(events.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "holiday.delete" && e["actor_username"] == "admin"));
}

#[actix_web::test]
async fn an_unsent_report_stays_overdue_after_new_year() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let head = app.token("unit_head").await;
    // 2 January 2026: the movement's period (2021–2025) is over, the 2025 report was
    // never sent.
    set_clock(&app, "2026-01-02T03:00:00Z");
    let d = deadlines(&app, &head, "").await;
    let item = annual_2025(&d, &m.id).expect("the 2025 report is still listed");
    assert_eq!(item["kind"], "report_overdue");
    assert_eq!(item["days_left"], -23);
    // Overdue items come first; undated ones (plans to write) last.
    let kinds: Vec<&str> = items(&d)
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    let first_undated = items(&d)
        .iter()
        .position(|i| i["due_on"].is_null())
        .unwrap_or(kinds.len());
    assert!(items(&d)[..first_undated]
        .iter()
        .all(|i| !i["due_on"].is_null()));
    assert!(items(&d)[first_undated..]
        .iter()
        .all(|i| i["due_on"].is_null()));
    assert_eq!(kinds[0], "report_overdue");
}
