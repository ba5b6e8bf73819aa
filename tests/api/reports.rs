//! Reports (báo cáo): on an accepted plan only, one per unit and period, results checked
//! against the plan's targets and the criteria's maxima, submission only when complete,
//! lateness judged at midnight in Vietnam (and kept through a return), DIC's adjusted
//! scores next to the unit's own, the workflow's roles, units, states and versions, and
//! two simultaneous submits of which exactly one wins.
//!
//! Demo reports may exist for 2022–2024: these tests report on 2025, and use fresh units
//! wherever a unit must start without plans.

use crate::fixtures::nominating::round_id;
use crate::fixtures::plans::{
    accepted_plan, act, annual_plan, at, criterion, draft_plan, fresh_unit, group_id, history, ids,
    movement_id, new_user, period_plan, plan_path, sorted, step, submit_plan, tag, targets,
};
use crate::helpers::*;
use serde_json::{json, Value};

/// The three targets of the test plans: KH-01 (max 10), YT-01 (max 8), NN-02 (max 6).
const TARGETS: [(&str, f64); 3] = [("KH-01", 90.0), ("YT-01", 3.0), ("NN-02", 40.0)];

fn target_ids(plan: &Value) -> Vec<String> {
    plan["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

/// One result per target id: (achieved, self score).
fn results(plan: &Value, values: &[(f64, f64)]) -> Value {
    let ids = target_ids(plan);
    Value::Array(
        values
            .iter()
            .enumerate()
            .map(|(i, (achieved, score))| {
                json!({"target_id": ids[i], "achieved_value": achieved, "self_score": score,
                    "evidence": format!("Báo cáo số {}/BC-UBND", 200 + i)})
            })
            .collect(),
    )
}

fn full_results(plan: &Value) -> Value {
    results(plan, &[(92.5, 9.0), (3.0, 7.0), (35.0, 5.0)])
}

fn annual_report(movement_id: &str, year: i32, results: Value) -> Value {
    json!({"movement_id": movement_id, "kind": "annual", "year": year,
        "narrative": format!("Năm {year}, đơn vị đã triển khai 100% hồ sơ một cửa điện tử."),
        "results": results})
}

fn round_report(movement_id: &str, kind: &str, round_id: &str) -> Value {
    json!({"movement_id": movement_id, "kind": kind, "round_id": round_id,
        "narrative": "Sơ kết, tổng kết phong trào thi đua chuyển đổi số."})
}

fn report_path(report: &Value) -> String {
    format!("/api/v1/reports/{}", report["id"].as_str().unwrap())
}

async fn draft_report<S: TestService>(app: &TestApp<S>, token: &str, body: Value) -> Value {
    let r = app.post("/api/v1/reports", Some(token), body).await;
    r.assert(201);
    r.body.clone()
}

/// H-THAPMUOI's accepted 2025 plan with the three targets.
async fn thapmuoi_plan_2025<S: TestService>(app: &TestApp<S>) -> Value {
    let m = movement_id(app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let t = targets(app, &TARGETS).await;
    accepted_plan(app, &officer, &head, annual_plan(&m, 2025, t)).await
}

/// A fresh unit's accepted plan (annual for `year`, or the period plan) and its token.
async fn fresh_plan<S: TestService>(
    app: &TestApp<S>,
    code: &str,
    group: Option<&str>,
    year: Option<i32>,
) -> (String, String, Value) {
    let m = movement_id(app).await;
    let (unit, tok) = fresh_unit(app, code, group).await;
    let t = targets(app, &TARGETS).await;
    let body = match year {
        Some(y) => annual_plan(&m, y, t),
        None => period_plan(&m, t),
    };
    let plan = accepted_plan(app, &tok, &tok, body).await;
    (unit, tok, plan)
}

fn result_of<'a>(report: &'a Value, target_id: &str) -> &'a Value {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["target_id"] == target_id)
        .unwrap_or_else(|| panic!("no result for {target_id}: {report}"))
}

#[actix_web::test]
async fn an_annual_report_is_reviewed_and_accepted_with_both_scores_kept() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let tid = target_ids(&plan);

    app.state.clock.set(at(2025, 11, 20, 2, 0, 0));
    let mut body = annual_report(&m, 2025, full_results(&plan));
    body["results"][0]["evidence_url"] = json!("https://dongthap.gov.vn/bao-cao/215");
    let r = app.post("/api/v1/reports", Some(&officer), body).await;
    r.assert(201);
    let path = report_path(&r.body);
    assert_eq!(r.header("location").as_deref(), Some(path.as_str()));
    assert_eq!(r.etag(), "\"1\"");
    let rep = &r.body;
    assert_eq!(rep["unit_id"], unit.as_str());
    assert_eq!(rep["movement_id"], m.as_str());
    assert_eq!(rep["plan_id"], plan["id"]);
    assert_eq!(rep["kind"], "annual");
    assert_eq!(rep["year"], 2025);
    assert!(rep["round_id"].is_null());
    assert_eq!(rep["status"], "draft");
    assert_eq!(rep["due_on"], "2025-12-10", "10 December of the year");
    assert_eq!(rep["late"], false);
    assert!(rep["submitted_at"].is_null() && rep["first_submitted_at"].is_null());
    assert_eq!(
        rep["narrative"],
        "Năm 2025, đơn vị đã triển khai 100% hồ sơ một cửa điện tử."
    );
    let res = rep["results"].as_array().unwrap();
    assert_eq!(res.len(), 3);
    let kh01 = criterion(&app, "KH-01").await;
    let first = result_of(rep, &tid[0]);
    assert_eq!(first["criterion_id"], kh01["id"]);
    assert_eq!(first["criterion_code"], "KH-01");
    assert_eq!(first["criterion_title"], kh01["title"]);
    assert_eq!(first["max_score"], 10.0);
    assert_eq!(first["target_value"], 90.0);
    assert_eq!(first["unit_of_measure"], "%");
    assert_eq!(first["achieved_value"], 92.5);
    assert_eq!(first["self_score"], 9.0);
    assert!(first["assessed_score"].is_null());
    assert_eq!(first["evidence"], "Báo cáo số 200/BC-UBND");
    assert_eq!(first["evidence_url"], "https://dongthap.gov.vn/bao-cao/215");
    assert_eq!(result_of(rep, &tid[1])["max_score"], 8.0);
    assert_eq!(result_of(rep, &tid[2])["max_score"], 6.0);
    let read = app.get(&path, Some(&officer)).await;
    read.assert(200);
    assert_eq!(read.etag(), "\"1\"");
    assert_eq!(read.body, r.body);

    // Submitted on time by the head.
    app.state.clock.set(at(2025, 12, 5, 3, 0, 0));
    let r = act(&app, &head, &path, "submit", "\"1\"", None).await;
    r.assert(200);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["late"], false);
    assert_eq!(r.body["submitted_at"], "2025-12-05T03:00:00Z");
    assert_eq!(r.body["first_submitted_at"], "2025-12-05T03:00:00Z");

    // Returned by DIC, corrected by the officer, resubmitted after the due date.
    app.state.clock.set(at(2025, 12, 8, 2, 0, 0));
    let reason = "Chỉ tiêu YT-01 chưa có minh chứng.";
    let r = act(
        &app,
        &dic,
        &path,
        "return",
        "\"2\"",
        Some(json!({"reason": reason})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "returned");
    assert_eq!(r.body["return_reason"], reason);
    assert_eq!(r.body["reviewed_at"], "2025-12-08T02:00:00Z");
    let mut fixed = full_results(&plan);
    fixed[1]["evidence"] = json!("Quyết định số 12/QĐ-SYT");
    fixed[1]["self_score"] = json!(7.5);
    let r = app
        .patch(
            &path,
            &officer,
            "\"3\"",
            json!({"results": fixed, "narrative": "Bổ sung minh chứng YT-01."}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"4\"");
    assert_eq!(r.body["status"], "returned");
    assert_eq!(r.body["narrative"], "Bổ sung minh chứng YT-01.");
    assert_eq!(
        result_of(&r.body, &tid[1])["evidence"],
        "Quyết định số 12/QĐ-SYT"
    );
    app.state.clock.set(at(2025, 12, 15, 1, 0, 0));
    let r = act(&app, &head, &path, "submit", "\"4\"", None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    assert!(r.body["return_reason"].is_null());
    assert_eq!(r.body["submitted_at"], "2025-12-15T01:00:00Z");
    assert_eq!(r.body["first_submitted_at"], "2025-12-05T03:00:00Z");
    assert_eq!(
        r.body["late"], false,
        "lateness is that of the first submission"
    );

    // DIC's adjusted score: within the criterion's maximum, on a target with a result.
    let r = act(
        &app,
        &dic,
        &path,
        "accept",
        "\"5\"",
        Some(json!({"assessed_scores": [{"target_id": tid[1], "score": 8.5}]})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["assessed_scores[0].score"].is_array(),
        "{}",
        r.text
    );
    let r = act(
        &app,
        &dic,
        &path,
        "accept",
        "\"5\"",
        Some(json!({"assessed_scores": [{"target_id": tid[1], "score": -1.0}]})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    let r = act(
        &app,
        &dic,
        &path,
        "accept",
        "\"5\"",
        Some(json!({"assessed_scores": [{"target_id": "no-such-target", "score": 1.0}]})),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["assessed_scores[0].target_id"].is_array(),
        "{}",
        r.text
    );
    let still = app.get(&path, Some(&dic)).await;
    assert_eq!(still.etag(), "\"5\"");
    assert_eq!(still.body["status"], "submitted");
    assert!(result_of(&still.body, &tid[1])["assessed_score"].is_null());

    app.state.clock.set(at(2025, 12, 18, 9, 0, 0));
    let r = act(
        &app,
        &dic,
        &path,
        "accept",
        "\"5\"",
        Some(
            json!({"comment": "Điều chỉnh điểm YT-01 theo số liệu Sở Y tế.",
            "assessed_scores": [{"target_id": tid[1], "score": 6.5}]}),
        ),
    )
    .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"6\"");
    assert_eq!(r.body["status"], "accepted");
    assert_eq!(r.body["reviewed_at"], "2025-12-18T09:00:00Z");
    for (target, own, assessed) in [
        (&tid[0], 9.0, 9.0),
        (&tid[1], 7.5, 6.5),
        (&tid[2], 5.0, 5.0),
    ] {
        let x = result_of(&r.body, target);
        assert_eq!(x["self_score"], own, "{x}");
        assert_eq!(x["assessed_score"], assessed, "{x}");
    }
    // Read back, the unit sees both scores too.
    let seen = app.get(&path, Some(&officer)).await;
    assert_eq!(result_of(&seen.body, &tid[1])["self_score"], 7.5);
    assert_eq!(result_of(&seen.body, &tid[1])["assessed_score"], 6.5);

    let expected = vec![
        step(
            "create",
            "",
            "draft",
            "unit_officer",
            "unit_officer",
            Value::Null,
        ),
        step(
            "submit",
            "draft",
            "submitted",
            "unit_head",
            "unit_head",
            Value::Null,
        ),
        step(
            "return",
            "submitted",
            "returned",
            "dic_officer",
            "dic_officer",
            json!(reason),
        ),
        step(
            "submit",
            "returned",
            "submitted",
            "unit_head",
            "unit_head",
            Value::Null,
        ),
        step(
            "accept",
            "submitted",
            "accepted",
            "dic_officer",
            "dic_officer",
            json!("Điều chỉnh điểm YT-01 theo số liệu Sở Y tế."),
        ),
    ];
    assert_eq!(history(&app, &officer, &path).await, expected);
    assert_eq!(history(&app, &dic, &path).await, expected);

    // Accepted is final.
    let r = app
        .patch(&path, &officer, "\"6\"", json!({"narrative": "Khác"}))
        .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "accepted");
    for (tok, action) in [(&head, "submit"), (&dic, "accept")] {
        let r = act(&app, tok, &path, action, "\"6\"", None).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "accepted");
    }
    let r = act(
        &app,
        &dic,
        &path,
        "return",
        "\"6\"",
        Some(json!({"reason": "Xem lại"})),
    )
    .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "accepted");
}

#[actix_web::test]
async fn a_report_needs_an_accepted_plan() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let (_unit, tok) = fresh_unit(&app, "BC-MOI", None).await;
    let dic = app.token("dic_officer").await;
    let body = annual_report(&m, 2025, json!([]));
    app.post("/api/v1/reports", Some(&tok), body.clone())
        .await
        .assert_problem(409, "no_accepted_plan");
    // Drafted, submitted, returned: still no accepted plan.
    let t = targets(&app, &TARGETS).await;
    let plan = draft_plan(&app, &tok, annual_plan(&m, 2025, t.clone())).await;
    app.post("/api/v1/reports", Some(&tok), body.clone())
        .await
        .assert_problem(409, "no_accepted_plan");
    let plan = submit_plan(&app, &tok, &plan).await;
    app.post("/api/v1/reports", Some(&tok), body.clone())
        .await
        .assert_problem(409, "no_accepted_plan");
    act(
        &app,
        &dic,
        &plan_path(&plan),
        "return",
        &tag(&plan),
        Some(json!({"reason": "Bổ sung"})),
    )
    .await
    .assert(200);
    app.post("/api/v1/reports", Some(&tok), body.clone())
        .await
        .assert_problem(409, "no_accepted_plan");
    let plan = app.get(&plan_path(&plan), Some(&tok)).await.body;
    let plan = submit_plan(&app, &tok, &plan).await;
    let plan = crate::fixtures::plans::accept_plan(&app, &plan).await;
    let r = app.post("/api/v1/reports", Some(&tok), body).await;
    r.assert(201);
    assert_eq!(r.body["plan_id"], plan["id"]);
    assert_eq!(r.body["results"], json!([]), "a draft may start empty");

    // Without an annual plan for the year, the accepted period plan is the basis.
    app.post(
        "/api/v1/reports",
        Some(&tok),
        annual_report(&m, 2024, json!([])),
    )
    .await
    .assert_problem(409, "no_accepted_plan");
    let period = accepted_plan(&app, &tok, &tok, period_plan(&m, t.clone())).await;
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok),
            annual_report(&m, 2024, json!([])),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["plan_id"], period["id"]);
    assert_eq!(r.body["due_on"], "2024-12-10");

    // The year: inside the period, and an annual report names no round.
    for year in [2020, 2026] {
        let r = app
            .post(
                "/api/v1/reports",
                Some(&tok),
                annual_report(&m, year, json!([])),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"]["year"].is_array(), "{}", r.text);
    }
    let mut no_year = annual_report(&m, 2025, json!([]));
    no_year.as_object_mut().unwrap().remove("year");
    let r = app.post("/api/v1/reports", Some(&tok), no_year).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["year"].is_array(), "{}", r.text);
    let sk = round_id(&app, "SK-2022-2023").await;
    let mut with_round = annual_report(&m, 2023, json!([]));
    with_round["round_id"] = json!(sk);
    app.post("/api/v1/reports", Some(&tok), with_round)
        .await
        .assert_problem(422, "validation_failed");
    app.post(
        "/api/v1/reports",
        Some(&tok),
        annual_report(NO_SUCH_ID, 2025, json!([])),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn results_are_checked_against_the_plan_and_the_criteria() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    // A target of another unit's plan.
    let (_, other_tok) = fresh_unit(&app, "BC-KHAC", None).await;
    let t = targets(&app, &TARGETS).await;
    let other_plan = draft_plan(&app, &other_tok, annual_plan(&m, 2025, t)).await;
    let foreign = target_ids(&other_plan)[0].clone();

    let bad_results = |edit: &dyn Fn(&mut Value)| {
        let mut r = full_results(&plan);
        edit(&mut r);
        r
    };
    let cases: Vec<(Value, &str)> = vec![
        // KH-01's maximum is 10.
        (
            bad_results(&|r| r[0]["self_score"] = json!(10.5)),
            "results[0].self_score",
        ),
        // NN-02's maximum is 6.
        (
            bad_results(&|r| r[2]["self_score"] = json!(6.01)),
            "results[2].self_score",
        ),
        (
            bad_results(&|r| r[1]["self_score"] = json!(-0.5)),
            "results[1].self_score",
        ),
        (
            bad_results(&|r| r[0]["target_id"] = json!(foreign)),
            "results[0].target_id",
        ),
        (
            bad_results(&|r| r[0]["target_id"] = json!("no-such-target")),
            "results[0].target_id",
        ),
        (
            bad_results(&|r| r[1]["target_id"] = r[0]["target_id"].clone()),
            "results[1].target_id",
        ),
        (
            bad_results(&|r| r[0]["evidence_url"] = json!("ftp://dongthap.gov.vn/x")),
            "results[0].evidence_url",
        ),
    ];
    for (res, field) in &cases {
        let r = app
            .post(
                "/api/v1/reports",
                Some(&officer),
                annual_report(&m, 2025, res.clone()),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    let auditor = app.token("auditor").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let list = app
        .get(
            &format!("/api/v1/reports?unit_id={unit}&year=2025"),
            Some(&auditor),
        )
        .await;
    assert_eq!(ids(&list), Vec::<String>::new(), "nothing was created");

    // Scores exactly at the maxima and zero are fine.
    let edge = results(&plan, &[(100.0, 10.0), (0.0, 0.0), (60.0, 6.0)]);
    let rep = draft_report(&app, &officer, annual_report(&m, 2025, edge)).await;
    let path = report_path(&rep);
    assert_eq!(result_of(&rep, &target_ids(&plan)[0])["self_score"], 10.0);
    // The same checks on a change, which then changes nothing.
    for (res, field) in &cases {
        let r = app
            .patch(&path, &officer, "\"1\"", json!({"results": res}))
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    let still = app.get(&path, Some(&officer)).await;
    assert_eq!(still.etag(), "\"1\"");
    assert_eq!(still.body, rep);
}

#[actix_web::test]
async fn a_report_is_submitted_only_with_a_result_for_every_target() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let tid = target_ids(&plan);
    let two = results(&plan, &[(92.5, 9.0), (3.0, 7.0)]);
    let rep = draft_report(&app, &officer, annual_report(&m, 2025, two)).await;
    let path = report_path(&rep);
    let r = act(&app, &head, &path, "submit", "\"1\"", None).await;
    r.assert_problem(422, "results_incomplete");
    assert_eq!(r.body["missing_target_ids"], json!([tid[2]]), "{}", r.text);
    app.patch(&path, &officer, "\"1\"", json!({"results": []}))
        .await
        .assert(200);
    let r = act(&app, &head, &path, "submit", "\"2\"", None).await;
    r.assert_problem(422, "results_incomplete");
    let mut missing: Vec<String> = r.body["missing_target_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    missing.sort();
    let mut all = tid.clone();
    all.sort();
    assert_eq!(missing, all);
    let still = app.get(&path, Some(&head)).await;
    assert_eq!(still.body["status"], "draft");
    assert!(still.body["first_submitted_at"].is_null());
    app.patch(
        &path,
        &officer,
        "\"2\"",
        json!({"results": full_results(&plan)}),
    )
    .await
    .assert(200);
    let r = act(&app, &head, &path, "submit", "\"3\"", None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
}

#[actix_web::test]
async fn lateness_turns_at_midnight_of_10_december_in_vietnam() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let on_time = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    let (_, other_tok, other_plan) = fresh_plan(&app, "BC-TRE", None, Some(2025)).await;
    let late = draft_report(
        &app,
        &other_tok,
        annual_report(&m, 2025, full_results(&other_plan)),
    )
    .await;
    assert_eq!(on_time["due_on"], "2025-12-10");
    assert_eq!(late["due_on"], "2025-12-10");

    // 23:59:59 on 10 December in Vietnam.
    app.state.clock.set(at(2025, 12, 10, 16, 59, 59));
    let r = act(&app, &head, &report_path(&on_time), "submit", "\"1\"", None).await;
    r.assert(200);
    assert_eq!(r.body["late"], false, "{}", r.text);
    assert_eq!(r.body["submitted_at"], "2025-12-10T16:59:59Z");
    // 00:00:00 on 11 December in Vietnam: late, and accepted all the same.
    app.state.clock.set(at(2025, 12, 10, 17, 0, 0));
    let r = act(
        &app,
        &other_tok,
        &report_path(&late),
        "submit",
        "\"1\"",
        None,
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["late"], true, "{}", r.text);
    assert_eq!(r.body["first_submitted_at"], "2025-12-10T17:00:00Z");

    // DIC filters by lateness.
    let page = app
        .get("/api/v1/reports?year=2025&late=true", Some(&dic))
        .await;
    assert_eq!(ids(&page), sorted(&[&late]));
    let page = app
        .get("/api/v1/reports?year=2025&late=false", Some(&dic))
        .await;
    assert_eq!(ids(&page), sorted(&[&on_time]));

    // Returned and resubmitted, each keeps the lateness of its first submission.
    for (tok, rep, was_late) in [(&head, &on_time, false), (&other_tok, &late, true)] {
        let path = report_path(rep);
        app.state.clock.set(at(2025, 12, 12, 2, 0, 0));
        act(
            &app,
            &dic,
            &path,
            "return",
            "\"2\"",
            Some(json!({"reason": "Bổ sung minh chứng"})),
        )
        .await
        .assert(200);
        app.state.clock.set(at(2025, 12, 20, 2, 0, 0));
        let r = act(&app, tok, &path, "submit", "\"3\"", None).await;
        r.assert(200);
        assert_eq!(r.body["late"], was_late, "{}", r.text);
        assert_eq!(r.body["submitted_at"], "2025-12-20T02:00:00Z");
        assert_ne!(r.body["first_submitted_at"], "2025-12-20T02:00:00Z");
        let r = act(&app, &dic, &path, "accept", "\"4\"", None).await;
        r.assert(200);
        assert_eq!(r.body["status"], "accepted");
        assert_eq!(r.body["late"], was_late);
    }
}

#[actix_web::test]
async fn a_unit_has_one_report_per_year_and_per_round() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let first = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    for tok in [&officer, &head] {
        app.post(
            "/api/v1/reports",
            Some(tok),
            annual_report(&m, 2025, json!([])),
        )
        .await
        .assert_problem(409, "report_exists");
    }
    let (_, tok, _) = fresh_plan(&app, "BC-DOT", None, None).await;
    let sk = round_id(&app, "SK-2022-2023").await;
    draft_report(&app, &tok, round_report(&m, "interim", &sk)).await;
    app.post(
        "/api/v1/reports",
        Some(&tok),
        round_report(&m, "interim", &sk),
    )
    .await
    .assert_problem(409, "report_exists");
    // The first report is untouched.
    let still = app.get(&report_path(&first), Some(&officer)).await;
    assert_eq!(still.etag(), "\"1\"");
    assert_eq!(still.body["results"].as_array().unwrap().len(), 3);
}

#[actix_web::test]
async fn interim_and_final_reports_answer_their_round() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let sk = round_id(&app, "SK-2022-2023").await;
    let tk = round_id(&app, "TK-2022-2025").await;

    // An accepted 2025 plan is no basis for the 2022–2023 interim report…
    let (_, tok, annual) = fresh_plan(&app, "BC-SK", None, Some(2025)).await;
    app.post(
        "/api/v1/reports",
        Some(&tok),
        round_report(&m, "interim", &sk),
    )
    .await
    .assert_problem(409, "no_accepted_plan");
    // …but it is one for the 2022–2025 final report.
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok),
            round_report(&m, "final", &tk),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["plan_id"], annual["id"]);
    assert_eq!(r.body["due_on"], "2025-11-15");
    // The accepted period plan answers the interim round.
    let t = targets(&app, &TARGETS).await;
    let period = accepted_plan(&app, &tok, &tok, period_plan(&m, t)).await;
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok),
            round_report(&m, "interim", &sk),
        )
        .await;
    r.assert(201);
    let interim = r.body.clone();
    assert_eq!(interim["kind"], "interim");
    assert_eq!(interim["round_id"], sk.as_str());
    assert!(interim["year"].is_null());
    assert_eq!(interim["plan_id"], period["id"]);
    assert_eq!(
        interim["due_on"], "2023-11-15",
        "the round's report deadline"
    );

    // So does an accepted annual plan of the round's last year.
    let (_, tok2023, plan2023) = fresh_plan(&app, "BC-2023", None, Some(2023)).await;
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok2023),
            round_report(&m, "interim", &sk),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["plan_id"], plan2023["id"]);

    // The round must be the movement's, of the report's kind; no year with it.
    let (_, tok3, _) = fresh_plan(&app, "BC-LOI", None, None).await;
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok3),
            round_report(&m, "final", &sk),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["kind"].is_array(), "{}", r.text);
    let r = app
        .post(
            "/api/v1/reports",
            Some(&tok3),
            round_report(&m, "interim", "no-such-round"),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["round_id"].is_array(), "{}", r.text);
    let mut with_year = round_report(&m, "interim", &sk);
    with_year["year"] = json!(2023);
    let r = app.post("/api/v1/reports", Some(&tok3), with_year).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["round_id"].is_array(), "{}", r.text);
    let mut no_round = round_report(&m, "interim", &sk);
    no_round.as_object_mut().unwrap().remove("round_id");
    app.post("/api/v1/reports", Some(&tok3), no_round)
        .await
        .assert_problem(422, "validation_failed");

    // Lateness against the round's deadline, 15 November 2023 in Vietnam.
    let path = report_path(&interim);
    app.patch(
        &path,
        &tok,
        "\"1\"",
        json!({"results": full_results(&period)}),
    )
    .await
    .assert(200);
    app.state.clock.set(at(2023, 11, 15, 16, 30, 0));
    let r = act(&app, &tok, &path, "submit", "\"2\"", None).await;
    r.assert(200);
    assert_eq!(r.body["late"], false);
    let fin = app
        .get(&format!("/api/v1/reports?round_id={tk}"), Some(&tok))
        .await;
    let fin = fin.body["items"][0].clone();
    app.patch(
        &report_path(&fin),
        &tok,
        "\"1\"",
        json!({"results": full_results(&annual)}),
    )
    .await
    .assert(200);
    app.state.clock.set(at(2025, 11, 15, 17, 0, 0));
    let r = act(&app, &tok, &report_path(&fin), "submit", "\"2\"", None).await;
    r.assert(200);
    assert_eq!(r.body["late"], true);
    // Filters by round and kind (as the auditor).
    let auditor = app.token("auditor").await;
    let page = app
        .get(
            &format!("/api/v1/reports?round_id={sk}&kind=interim"),
            Some(&auditor),
        )
        .await;
    let got = ids(&page);
    assert!(got.contains(&interim["id"].as_str().unwrap().to_string()));
    assert!(!got.contains(&fin["id"].as_str().unwrap().to_string()));
    let page = app
        .get(
            &format!("/api/v1/reports?round_id={tk}&kind=final&late=true"),
            Some(&auditor),
        )
        .await;
    assert_eq!(ids(&page), sorted(&[&fin]));
}

#[actix_web::test]
async fn each_report_step_is_refused_to_the_wrong_roles_and_other_units() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let caolanh = app.unit_id("H-CAOLANH").await;
    let other_head = new_user(
        &app,
        "head.caolanh",
        &caolanh,
        &["unit_officer", "unit_head"],
    )
    .await;
    let syt = app.unit_id("SYT").await;
    let other_dic = new_user(&app, "dic.syt", &syt, &["dic_officer"]).await;
    let body = annual_report(&m, 2025, full_results(&plan));

    // Only the unit's officers and head draft its reports.
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        let mut b = body.clone();
        b["unit_id"] = json!(unit);
        app.post("/api/v1/reports", Some(&tok), b)
            .await
            .assert_problem(403, "forbidden");
    }
    let mut b = body.clone();
    b["unit_id"] = json!(unit);
    app.post("/api/v1/reports", Some(&other_head), b)
        .await
        .assert_problem(403, "forbidden");
    app.post("/api/v1/reports", None, body.clone())
        .await
        .assert(401);

    let rep = draft_report(&app, &officer, body).await;
    let path = report_path(&rep);
    let hist = format!("{path}/history");
    // A draft: invisible outside the unit (but to the auditor, who writes nothing).
    for tok in [&other_head, &dic, &other_dic] {
        app.get(&path, Some(tok))
            .await
            .assert_problem(404, "not_found");
        app.get(&hist, Some(tok))
            .await
            .assert_problem(404, "not_found");
        app.patch(&path, tok, "\"1\"", json!({"narrative": "Khác"}))
            .await
            .assert_problem(404, "not_found");
        for action in ["submit", "accept"] {
            act(&app, tok, &path, action, "\"1\"", None)
                .await
                .assert_problem(404, "not_found");
        }
    }
    let auditor = app.token("auditor").await;
    app.get(&path, Some(&auditor)).await.assert(200);
    app.patch(&path, &auditor, "\"1\"", json!({"narrative": "Khác"}))
        .await
        .assert_problem(403, "forbidden");
    act(&app, &auditor, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    // The officer drafts; only the head signs off.
    act(&app, &officer, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    let r = act(&app, &head, &path, "submit", "\"1\"", None).await;
    r.assert(200);

    // Submitted: reviewers of the movement see it, the other unit and another unit's
    // DIC still do not.
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        app.get(&path, Some(&tok)).await.assert(200);
        app.get(&hist, Some(&tok)).await.assert(200);
    }
    for tok in [&other_head, &other_dic] {
        app.get(&path, Some(tok))
            .await
            .assert_problem(404, "not_found");
        act(&app, tok, &path, "accept", "\"2\"", None)
            .await
            .assert_problem(404, "not_found");
        act(
            &app,
            tok,
            &path,
            "return",
            "\"2\"",
            Some(json!({"reason": "x"})),
        )
        .await
        .assert_problem(404, "not_found");
    }
    // Only DIC of the standing unit accepts or returns.
    for role in [
        "unit_officer",
        "unit_head",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        act(&app, &tok, &path, "accept", "\"2\"", None)
            .await
            .assert_problem(403, "forbidden");
        act(
            &app,
            &tok,
            &path,
            "return",
            "\"2\"",
            Some(json!({"reason": "Không có thẩm quyền"})),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    // DIC does not edit or sign off the unit's report.
    app.patch(&path, &dic, "\"2\"", json!({"narrative": "Khác"}))
        .await
        .assert_problem(403, "forbidden");
    act(&app, &dic, &path, "submit", "\"2\"", None)
        .await
        .assert_problem(403, "forbidden");
    let still = app.get(&path, Some(&dic)).await;
    assert_eq!(still.etag(), "\"2\"");
    assert_eq!(still.body["status"], "submitted");
    let steps: Vec<String> = history(&app, &dic, &path)
        .await
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(steps, ["create", "submit"]);
    act(&app, &dic, &path, "accept", "\"2\"", None)
        .await
        .assert(200);
}

#[actix_web::test]
async fn report_steps_check_the_state_the_version_and_the_reason() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let rep = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    let path = report_path(&rep);

    // No If-Match: 428.
    let r = app
        .send(Call {
            method: "PATCH",
            path: path.clone(),
            token: Some(officer.clone()),
            body: Some(json!({"narrative": "Khác"})),
            headers: vec![],
        })
        .await;
    r.assert_problem(428, "precondition_required");
    for (tok, action) in [(&head, "submit"), (&dic, "accept")] {
        let r = app
            .send(Call {
                method: "POST",
                path: format!("{path}/{action}"),
                token: Some(tok.clone()),
                body: None,
                headers: vec![],
            })
            .await;
        r.assert_problem(428, "precondition_required");
    }
    // A stale version: 412.
    app.patch(&path, &officer, "\"1\"", json!({"narrative": "Bản sửa 1"}))
        .await
        .assert(200);
    app.patch(&path, &head, "\"1\"", json!({"narrative": "Bản sửa 2"}))
        .await
        .assert_problem(412, "stale_version");
    act(&app, &head, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(412, "stale_version");
    let read = app.get(&path, Some(&head)).await;
    assert_eq!(read.body["narrative"], "Bản sửa 1");
    assert_eq!(read.body["status"], "draft");
    assert!(read.body["first_submitted_at"].is_null());

    act(&app, &head, &path, "submit", "\"2\"", None)
        .await
        .assert(200);
    // Submitted: not submitted again, not edited.
    let r = act(&app, &head, &path, "submit", "\"3\"", None).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    let r = app
        .patch(&path, &officer, "\"3\"", json!({"narrative": "Khác"}))
        .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    // Returning needs a reason; a stale accept is refused.
    for body in [json!({}), json!({"reason": " "})] {
        act(&app, &dic, &path, "return", "\"3\"", Some(body))
            .await
            .assert_problem(422, "validation_failed");
    }
    act(&app, &dic, &path, "accept", "\"2\"", None)
        .await
        .assert_problem(412, "stale_version");
    act(
        &app,
        &dic,
        &path,
        "return",
        "\"3\"",
        Some(json!({"reason": "Bổ sung"})),
    )
    .await
    .assert(200);
    // Returned: DIC can neither accept nor return it again until resubmitted.
    for action in ["accept", "return"] {
        let r = act(
            &app,
            &dic,
            &path,
            action,
            "\"4\"",
            (action == "return").then(|| json!({"reason": "Lại"})),
        )
        .await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "returned");
    }

    // A draft is neither accepted nor returned: a DIC officer who also heads the
    // standing unit sees their own unit's draft, and the state refuses.
    let stttt = app.unit_id("STTTT").await;
    let both = new_user(
        &app,
        "dic.head",
        &stttt,
        &["dic_officer", "unit_officer", "unit_head"],
    )
    .await;
    let t = targets(&app, &TARGETS).await;
    let own_plan = accepted_plan(&app, &both, &both, annual_plan(&m, 2025, t)).await;
    let own = draft_report(
        &app,
        &both,
        annual_report(&m, 2025, full_results(&own_plan)),
    )
    .await;
    for action in ["accept", "return"] {
        let r = act(
            &app,
            &both,
            &report_path(&own),
            action,
            "\"1\"",
            (action == "return").then(|| json!({"reason": "x"})),
        )
        .await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "draft");
    }
}

#[actix_web::test]
async fn report_lists_show_each_caller_what_they_may_see_and_filter() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let auditor = app.token("auditor").await;
    let plan = thapmuoi_plan_2025(&app).await;
    // H-THAPMUOI (cluster 2): a 2025 draft. A fresh unit in cluster 1: a submitted one.
    let a = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    let (fresh, tok, fplan) = fresh_plan(&app, "BC-CUM1", Some("CUM-1"), Some(2025)).await;
    let b = draft_report(&app, &tok, annual_report(&m, 2025, full_results(&fplan))).await;
    app.state.clock.set(at(2025, 12, 1, 2, 0, 0));
    act(&app, &tok, &report_path(&b), "submit", "\"1\"", None)
        .await
        .assert(200);
    let q = |tok: &str, query: &str| {
        let (app, tok, query) = (&app, tok.to_string(), query.to_string());
        async move {
            let r = app
                .get(&format!("/api/v1/reports?{query}"), Some(&tok))
                .await;
            r.assert(200);
            ids(&r)
        }
    };
    let none: Vec<String> = vec![];
    assert_eq!(q(&officer, "year=2025").await, sorted(&[&a]));
    assert_eq!(q(&head, "year=2025").await, sorted(&[&a]));
    assert_eq!(q(&tok, "year=2025").await, sorted(&[&b]));
    assert_eq!(q(&dic, "year=2025").await, sorted(&[&b]), "no drafts");
    let ha = app.token("home_affairs_officer").await;
    assert_eq!(q(&ha, "year=2025").await, sorted(&[&b]));
    assert_eq!(q(&auditor, "year=2025").await, sorted(&[&a, &b]));
    // Filters.
    let thapmuoi = app.unit_id("H-THAPMUOI").await;
    assert_eq!(
        q(&auditor, &format!("year=2025&unit_id={thapmuoi}")).await,
        sorted(&[&a])
    );
    assert_eq!(
        q(&auditor, &format!("unit_id={fresh}")).await,
        sorted(&[&b])
    );
    assert_eq!(
        q(&auditor, "year=2025&status=submitted").await,
        sorted(&[&b])
    );
    assert_eq!(q(&auditor, "year=2025&status=draft").await, sorted(&[&a]));
    assert_eq!(q(&auditor, "year=2025&kind=interim").await, none);
    assert_eq!(
        q(&auditor, &format!("year=2025&kind=annual&movement_id={m}")).await,
        sorted(&[&a, &b])
    );
    assert_eq!(
        q(&auditor, &format!("year=2025&movement_id={NO_SUCH_ID}")).await,
        none
    );
    let cum1 = group_id(&app, "CUM-1").await;
    let cum2 = group_id(&app, "CUM-2").await;
    assert_eq!(
        q(&auditor, &format!("year=2025&group_id={cum1}")).await,
        sorted(&[&b])
    );
    assert_eq!(
        q(&auditor, &format!("year=2025&group_id={cum2}")).await,
        sorted(&[&a])
    );
    assert_eq!(
        q(&auditor, "year=2025&late=false&status=submitted").await,
        sorted(&[&b])
    );
    let r = app
        .get("/api/v1/reports?year=2025&limit=1", Some(&auditor))
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        r.body["items"][0]["results"],
        json!([]),
        "lists carry no results"
    );
    assert!(r.body["next_cursor"].is_string());
    app.get("/api/v1/reports?kind=monthly", Some(&auditor))
        .await
        .assert_problem(400, "invalid_query");
}

#[actix_web::test]
async fn of_two_simultaneous_submits_exactly_one_wins() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let rep = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    let path = report_path(&rep);
    let call = || Call {
        method: "POST",
        path: format!("{path}/submit"),
        token: Some(head.clone()),
        body: None,
        headers: vec![("If-Match".into(), "\"1\"".into())],
    };
    let (x, y) = futures_util::future::join(app.send(call()), app.send(call())).await;
    let mut codes = [x.status.as_u16(), y.status.as_u16()];
    codes.sort();
    assert_eq!(codes[0], 200, "one wins: {} / {}", x.text, y.text);
    assert!(
        codes[1] == 409 || codes[1] == 412,
        "the other is refused as a conflict: {} / {}",
        x.text,
        y.text
    );
    let loser = if x.status == 200 { &y } else { &x };
    assert!(
        ["stale_version", "invalid_state"].contains(&loser.code()),
        "{}",
        loser.text
    );
    let read = app.get(&path, Some(&dic)).await;
    assert_eq!(read.etag(), "\"2\"");
    assert_eq!(read.body["status"], "submitted");
    let submits = history(&app, &dic, &path)
        .await
        .into_iter()
        .filter(|s| s.0 == "submit")
        .count();
    assert_eq!(submits, 1, "exactly one submit step");
}

#[actix_web::test]
async fn the_annual_due_date_is_the_movements_own() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let before = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    assert_eq!(before["due_on"], "2025-12-10");
    // The admin moves the annual deadline of this movement to 5 December.
    let admin = app.token("admin").await;
    let path = format!("/api/v1/movements/{m}");
    let etag = app.get(&path, Some(&admin)).await.etag();
    let r = app
        .patch(
            &path,
            &admin,
            &etag,
            json!({"annual_report_due_month": 12, "annual_report_due_day": 5}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["annual_report_due_day"], 5);
    // A report drafted from now on is due then, and late from midnight after it.
    let (_, tok, fplan) = fresh_plan(&app, "BC-HAN", None, Some(2025)).await;
    let rep = draft_report(&app, &tok, annual_report(&m, 2025, full_results(&fplan))).await;
    assert_eq!(rep["due_on"], "2025-12-05");
    app.state.clock.set(at(2025, 12, 5, 17, 0, 0));
    let r = act(&app, &tok, &report_path(&rep), "submit", "\"1\"", None).await;
    r.assert(200);
    assert_eq!(r.body["late"], true);
}

#[actix_web::test]
async fn a_draft_made_before_the_deadline_moved_is_judged_by_the_deadline_in_force() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let draft = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    assert_eq!(draft["due_on"], "2025-12-10");
    let admin = app.token("admin").await;
    let path = format!("/api/v1/movements/{m}");
    let etag = app.get(&path, Some(&admin)).await.etag();
    app.patch(&path, &admin, &etag, json!({"annual_report_due_day": 5}))
        .await
        .assert(200);
    // 09:00 on 7 December in Vietnam: after the new deadline.
    app.state.clock.set(at(2025, 12, 7, 2, 0, 0));
    let r = act(&app, &head, &report_path(&draft), "submit", "\"1\"", None).await;
    r.assert(200);
    assert_eq!(r.body["due_on"], "2025-12-05");
    assert_eq!(r.body["late"], true);
    // 29 February is not a deadline every year.
    let etag = app.get(&path, Some(&admin)).await.etag();
    app.patch(
        &path,
        &admin,
        &etag,
        json!({"annual_report_due_month": 2, "annual_report_due_day": 29}),
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn an_unreadable_accept_body_is_refused_not_ignored() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let plan = thapmuoi_plan_2025(&app).await;
    let draft = draft_report(&app, &officer, annual_report(&m, 2025, full_results(&plan))).await;
    act(&app, &head, &report_path(&draft), "submit", "\"1\"", None)
        .await
        .assert(200);
    let target = target_ids(&plan)[0].clone();
    // A score sent as text, and an unknown field: both 422, and the report stays submitted.
    for body in [
        json!({"assessed_scores": [{"target_id": target, "score": "6.5"}]}),
        json!({"comment": "Đạt", "scores": []}),
    ] {
        let r = act(
            &app,
            &dic,
            &report_path(&draft),
            "accept",
            "\"2\"",
            Some(body),
        )
        .await;
        r.assert_problem(422, "validation_failed");
    }
    let now = app.get(&report_path(&draft), Some(&dic)).await;
    assert_eq!(now.body["status"], "submitted");
    // A score above the criterion's maximum for a criterion in use cannot be made possible
    // by lowering the maximum: the criterion's maximum is fixed once plans use it.
    let crit = criterion(&app, "YT-01").await;
    let cpath = format!(
        "/api/v1/movements/{m}/criteria/{}",
        crit["id"].as_str().unwrap()
    );
    let admin = app.token("admin").await;
    let etag = app.get(&cpath, Some(&admin)).await.etag();
    app.patch(&cpath, &admin, &etag, json!({"max_score": 1.0}))
        .await
        .assert_problem(409, "in_use");
    app.patch(&cpath, &admin, &etag, json!({"field_code": "other"}))
        .await
        .assert_problem(409, "in_use");
}

#[actix_web::test]
async fn a_report_step_sent_again_with_its_idempotency_key_is_taken_once() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let plan = thapmuoi_plan_2025(&app).await;
    let head = app.token("unit_head").await;
    let report = draft_report(&app, &head, annual_report(&m, 2025, full_results(&plan))).await;
    let path = report_path(&report);
    let send = |token: String,
                action: &'static str,
                if_match: &'static str,
                key: &'static str,
                body: Option<Value>| {
        let path = path.clone();
        let app = &app;
        async move {
            app.send(Call {
                method: "POST",
                path: format!("{path}/{action}"),
                token: Some(token),
                body,
                headers: vec![
                    ("If-Match".into(), if_match.into()),
                    ("Idempotency-Key".into(), key.into()),
                ],
            })
            .await
        }
    };
    let first = send(head.clone(), "submit", "\"1\"", "send-2025", None).await;
    first.assert(200);
    let again = send(head.clone(), "submit", "\"1\"", "send-2025", None).await;
    again.assert(200);
    assert_eq!(again.body, first.body);
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    let dic = app.token("dic_officer").await;
    let target = target_ids(&plan)[0].clone();
    let body = json!({"assessed_scores": [{"target_id": target, "score": 8.5}]});
    let accepted = send(
        dic.clone(),
        "accept",
        "\"2\"",
        "accept-2025",
        Some(body.clone()),
    )
    .await;
    accepted.assert(200);
    assert_eq!(result_of(&accepted.body, &target)["assessed_score"], 8.5);
    let replayed = send(dic.clone(), "accept", "\"2\"", "accept-2025", Some(body)).await;
    replayed.assert(200);
    assert_eq!(replayed.body, accepted.body);
    assert_eq!(replayed.etag(), "\"3\"");
    let steps = history(&app, &dic, &path).await;
    let actions: Vec<&str> = steps.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(actions, ["create", "submit", "accept"]);
    let other = json!({"assessed_scores": [{"target_id": target, "score": 1.0}]});
    send(dic, "accept", "\"2\"", "accept-2025", Some(other))
        .await
        .assert_problem(422, "idempotency_key_reused");
}
