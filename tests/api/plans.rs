//! Plans (kế hoạch): drafting and its checks, the review workflow draft → submitted →
//! returned → submitted → accepted with its history, who may take each step (wrong role
//! 403, another unit's record 404), wrong states (409 with the current state), versions
//! (If-Match) and what each caller's lists show.
//!
//! Demo plans may exist for 2022–2024: these tests use 2025, and fresh units for
//! period plans and whatever must start from nothing. The helpers here are shared with
//! `reports.rs`.

use crate::fixtures::plans::*;
use crate::helpers::*;
use serde_json::{json, Value};

#[actix_web::test]
async fn a_plan_is_drafted_submitted_returned_corrected_resubmitted_and_accepted() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let kh01 = criterion(&app, "KH-01").await;
    let yt01 = criterion(&app, "YT-01").await;
    let gd01 = criterion(&app, "GD-01").await;

    // The unit officer drafts.
    app.state.clock.set(at(2025, 1, 15, 2, 0, 0));
    let body = json!({"movement_id": m, "kind": "annual", "year": 2025,
    "title": "Kế hoạch thi đua chuyển đổi số năm 2025 của UBND Huyện Tháp Mười",
    "description": "Triển khai các chỉ tiêu chuyển đổi số trọng tâm năm 2025.",
    "targets": [
        {"criterion_id": kh01["id"], "target_value": 90.0, "note": "Hồ sơ một cửa điện tử"},
        {"criterion_id": yt01["id"], "target_value": 3.0, "unit_of_measure": "bệnh viện"}
    ]});
    let r = app.post("/api/v1/plans", Some(&officer), body).await;
    r.assert(201);
    let id = r.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/plans/{id}");
    assert_eq!(r.header("location").as_deref(), Some(path.as_str()));
    assert_eq!(r.etag(), "\"1\"");
    let p = &r.body;
    assert_eq!(p["unit_id"], unit.as_str(), "the caller's unit by default");
    assert_eq!(p["movement_id"], m.as_str());
    assert_eq!(p["kind"], "annual");
    assert_eq!(p["year"], 2025);
    assert_eq!(p["status"], "draft");
    assert_eq!(p["version"], 1);
    assert!(p["submitted_at"].is_null() && p["reviewed_at"].is_null());
    assert!(p["return_reason"].is_null());
    assert_eq!(p["created_at"], "2025-01-15T02:00:00Z");
    let t = p["targets"].as_array().unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0]["criterion_id"], kh01["id"]);
    assert_eq!(t[0]["criterion_code"], "KH-01");
    assert_eq!(t[0]["criterion_title"], kh01["title"]);
    assert_eq!(t[0]["max_score"], 10.0);
    assert_eq!(t[0]["target_value"], 90.0);
    assert_eq!(
        t[0]["unit_of_measure"], "%",
        "the criterion's unit of measure by default"
    );
    assert_eq!(t[0]["note"], "Hồ sơ một cửa điện tử");
    assert_eq!(t[1]["criterion_code"], "YT-01");
    assert_eq!(t[1]["max_score"], 8.0);
    assert_eq!(t[1]["unit_of_measure"], "bệnh viện");
    assert_eq!(t[1]["note"], "");
    let read = app.get(&path, Some(&officer)).await;
    read.assert(200);
    assert_eq!(read.etag(), "\"1\"");
    assert_eq!(read.body, r.body);

    // The head submits, with a comment.
    app.state.clock.set(at(2025, 2, 3, 3, 0, 0));
    let r = act(
        &app,
        &head,
        &path,
        "submit",
        "\"1\"",
        Some(json!({"comment": "Kính trình Sở Thông tin và Truyền thông xem xét."})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["submitted_at"], "2025-02-03T03:00:00Z");
    assert_eq!(r.body["targets"].as_array().unwrap().len(), 2);

    // DIC returns it with a reason; the unit reads the reason.
    app.state.clock.set(at(2025, 2, 10, 8, 30, 0));
    let reason = "Đề nghị bổ sung chỉ tiêu lĩnh vực giáo dục.";
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
    assert_eq!(r.etag(), "\"3\"");
    assert_eq!(r.body["status"], "returned");
    assert_eq!(r.body["return_reason"], reason);
    assert_eq!(r.body["reviewed_at"], "2025-02-10T08:30:00Z");
    let seen = app.get(&path, Some(&officer)).await;
    assert_eq!(seen.body["status"], "returned");
    assert_eq!(seen.body["return_reason"], reason);

    // The officer corrects it: the targets are replaced.
    app.state.clock.set(at(2025, 2, 12, 1, 0, 0));
    let r = app
        .patch(
            &path,
            &officer,
            "\"3\"",
            json!({"description": "Bổ sung chỉ tiêu giáo dục theo góp ý của Sở.",
            "targets": [
                {"criterion_id": kh01["id"], "target_value": 95.0},
                {"criterion_id": yt01["id"], "target_value": 3.0},
                {"criterion_id": gd01["id"], "target_value": 80.0, "note": "Trường THCS"}
            ]}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"4\"");
    assert_eq!(r.body["status"], "returned", "editing does not submit");
    assert_eq!(
        r.body["description"],
        "Bổ sung chỉ tiêu giáo dục theo góp ý của Sở."
    );
    assert_eq!(
        r.body["title"],
        "Kế hoạch thi đua chuyển đổi số năm 2025 của UBND Huyện Tháp Mười"
    );
    assert_eq!(r.body["updated_at"], "2025-02-12T01:00:00Z");
    let codes: Vec<&str> = r.body["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["criterion_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["KH-01", "YT-01", "GD-01"]);
    assert_eq!(r.body["targets"][0]["target_value"], 95.0);

    // The head resubmits; the reason is cleared.
    app.state.clock.set(at(2025, 2, 13, 2, 0, 0));
    let r = act(&app, &head, &path, "submit", "\"4\"", None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    assert!(r.body["return_reason"].is_null(), "{}", r.text);
    assert_eq!(r.body["submitted_at"], "2025-02-13T02:00:00Z");

    // DIC accepts.
    app.state.clock.set(at(2025, 2, 20, 9, 0, 0));
    let r = act(
        &app,
        &dic,
        &path,
        "accept",
        "\"5\"",
        Some(json!({"comment": "Thống nhất kế hoạch."})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"6\"");
    assert_eq!(r.body["status"], "accepted");
    assert_eq!(r.body["reviewed_at"], "2025-02-20T09:00:00Z");
    assert_eq!(r.body["targets"].as_array().unwrap().len(), 3);

    // Every step, by whom, in which role, from → to, why; the unit and DIC read it.
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
            json!("Kính trình Sở Thông tin và Truyền thông xem xét."),
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
            json!("Thống nhất kế hoạch."),
        ),
    ];
    assert_eq!(history(&app, &officer, &path).await, expected);
    assert_eq!(history(&app, &dic, &path).await, expected);
    let h = app.get(&format!("{path}/history"), Some(&dic)).await;
    let when: Vec<&str> = h.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["occurred_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        when,
        [
            "2025-01-15T02:00:00Z",
            "2025-02-03T03:00:00Z",
            "2025-02-10T08:30:00Z",
            "2025-02-13T02:00:00Z",
            "2025-02-20T09:00:00Z"
        ]
    );
    let head_id = app.get("/api/v1/me", Some(&head)).await.body["id"].clone();
    assert_eq!(h.body["items"][1]["actor_id"], head_id);
}

#[actix_web::test]
async fn a_unit_has_one_annual_plan_per_year_and_one_period_plan() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;
    let first = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    // A second annual plan for 2025, by anyone of the unit, in any state of the first.
    let r = app
        .post(
            "/api/v1/plans",
            Some(&head),
            annual_plan(&m, 2025, t.clone()),
        )
        .await;
    r.assert_problem(409, "plan_exists");
    let first = submit_plan(&app, &head, &first).await;
    let first = accept_plan(&app, &first).await;
    app.post(
        "/api/v1/plans",
        Some(&officer),
        annual_plan(&m, 2025, t.clone()),
    )
    .await
    .assert_problem(409, "plan_exists");
    // Another unit plans the same year.
    let (other, other_token) = fresh_unit(&app, "PLAN-KHAC", None).await;
    let p = draft_plan(&app, &other_token, annual_plan(&m, 2025, t.clone())).await;
    assert_eq!(p["unit_id"], other.as_str());
    // …and its other years, and one period plan.
    let p2021 = draft_plan(&app, &other_token, annual_plan(&m, 2021, t.clone())).await;
    assert_eq!(p2021["year"], 2021);
    let period = draft_plan(&app, &other_token, period_plan(&m, t.clone())).await;
    assert_eq!(period["kind"], "period");
    assert!(period["year"].is_null());
    app.post(
        "/api/v1/plans",
        Some(&other_token),
        period_plan(&m, t.clone()),
    )
    .await
    .assert_problem(409, "plan_exists");
    // A period plan names no year.
    let mut with_year = period_plan(&m, t.clone());
    with_year["year"] = json!(2025);
    let r = app
        .post("/api/v1/plans", Some(&other_token), with_year)
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["year"].is_array(), "{}", r.text);
    // The first plan is untouched.
    let still = app.get(&plan_path(&first), Some(&officer)).await;
    assert_eq!(still.body["status"], "accepted");
    assert_eq!(still.etag(), "\"3\"");
    let auditor = app.token("auditor").await;
    let list = app
        .get(&format!("/api/v1/plans?unit_id={other}"), Some(&auditor))
        .await;
    assert_eq!(
        ids(&list),
        sorted(&[&p, &p2021, &period]),
        "nothing more was created"
    );
}

#[actix_web::test]
async fn a_plans_year_and_targets_are_checked() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let kh01 = criterion(&app, "KH-01").await;
    let good = targets(&app, &[("KH-01", 90.0)]).await;

    // The year: inside the movement's period 2021–2025, required for an annual plan.
    for year in [2020, 2026] {
        let r = app
            .post(
                "/api/v1/plans",
                Some(&officer),
                annual_plan(&m, year, good.clone()),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"]["year"].is_array(), "{year}: {}", r.text);
    }
    let mut no_year = annual_plan(&m, 2025, good.clone());
    no_year.as_object_mut().unwrap().remove("year");
    let r = app.post("/api/v1/plans", Some(&officer), no_year).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["year"].is_array(), "{}", r.text);
    let mut no_title = annual_plan(&m, 2025, good.clone());
    no_title["title"] = json!("   ");
    let r = app.post("/api/v1/plans", Some(&officer), no_title).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["title"].is_array(), "{}", r.text);

    // Targets: criteria of this movement, each once, values ≥ 0.
    let admin = app.token("admin").await;
    let dic = app.token("dic_officer").await;
    let stttt = app.unit_id("STTTT").await;
    let snv = app.unit_id("SNV").await;
    let other = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            json!({"code": "NTM-2026-2030", "title": "Phong trào thi đua xây dựng xã nông thôn mới",
                "theme": "Thi đua xây dựng nông thôn mới nâng cao, kiểu mẫu",
                "period_start_year": 2026, "period_end_year": 2030,
                "legal_basis": "Luật Thi đua, Khen thưởng năm 2022",
                "plan_document": "Kế hoạch số 01/KH-UBND năm 2026",
                "standing_unit_id": stttt, "appraising_unit_id": snv,
                "fields": [{"code": "other", "name": "Các lĩnh vực còn lại"}],
                "content_items": [{"code": "a", "text": "Tuyên truyền, phổ biến"}]}),
        )
        .await;
    other.assert(201);
    let other_id = other.body["id"].as_str().unwrap();
    let foreign = app
        .post(
            &format!("/api/v1/movements/{other_id}/criteria"),
            Some(&dic),
            json!({"code": "KH-01", "title": "Tỷ lệ hồ sơ trực tuyến toàn trình",
                "field_code": "other", "unit_of_measure": "%", "max_score": 10.0}),
        )
        .await;
    foreign.assert(201);
    let cases = [
        (
            json!([{"criterion_id": "no-such-criterion", "target_value": 1.0}]),
            "targets[0].criterion_id",
        ),
        (
            json!([{"criterion_id": foreign.body["id"], "target_value": 1.0}]),
            "targets[0].criterion_id",
        ),
        (
            json!([{"criterion_id": kh01["id"], "target_value": 1.0},
                   {"criterion_id": kh01["id"], "target_value": 2.0}]),
            "targets[1].criterion_id",
        ),
        (
            json!([{"criterion_id": kh01["id"], "target_value": -1.0}]),
            "targets[0].target_value",
        ),
    ];
    for (bad, field) in &cases {
        let r = app
            .post(
                "/api/v1/plans",
                Some(&officer),
                annual_plan(&m, 2025, bad.clone()),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    // A movement that does not exist.
    app.post(
        "/api/v1/plans",
        Some(&officer),
        annual_plan(NO_SUCH_ID, 2025, good.clone()),
    )
    .await
    .assert_problem(404, "not_found");
    let list = app
        .get(
            &format!("/api/v1/plans?year=2025&movement_id={m}"),
            Some(&officer),
        )
        .await;
    assert_eq!(ids(&list), Vec::<String>::new(), "nothing was created");

    // The same checks on a change; a refused change changes nothing.
    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, good.clone())).await;
    let path = plan_path(&plan);
    for (bad, field) in &cases {
        let r = app
            .patch(&path, &officer, "\"1\"", json!({"targets": bad}))
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    let r = app
        .patch(&path, &officer, "\"1\"", json!({"title": ""}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["title"].is_array(), "{}", r.text);
    let still = app.get(&path, Some(&officer)).await;
    assert_eq!(still.etag(), "\"1\"");
    assert_eq!(still.body, plan);
}

#[actix_web::test]
async fn a_plan_without_targets_cannot_be_submitted() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, json!([]))).await;
    assert_eq!(plan["targets"], json!([]));
    let path = plan_path(&plan);
    act(&app, &head, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(422, "targets_missing");
    let still = app.get(&path, Some(&head)).await;
    assert_eq!(still.body["status"], "draft");
    assert_eq!(still.etag(), "\"1\"");
    // With targets it goes.
    let t = targets(&app, &[("NN-02", 40.0)]).await;
    app.patch(&path, &officer, "\"1\"", json!({"targets": t}))
        .await
        .assert(200);
    let r = act(&app, &head, &path, "submit", "\"2\"", None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    // Emptying the targets of a returned plan blocks the resubmission again.
    let dic = app.token("dic_officer").await;
    act(
        &app,
        &dic,
        &path,
        "return",
        "\"3\"",
        Some(json!({"reason": "Chỉ tiêu chưa phù hợp"})),
    )
    .await
    .assert(200);
    app.patch(&path, &officer, "\"4\"", json!({"targets": []}))
        .await
        .assert(200);
    act(&app, &head, &path, "submit", "\"5\"", None)
        .await
        .assert_problem(422, "targets_missing");
}

#[actix_web::test]
async fn each_plan_step_is_refused_to_the_wrong_roles() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;

    // Only the unit's officers and head draft: nobody else, for their unit or this one.
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        app.post(
            "/api/v1/plans",
            Some(&tok),
            annual_plan(&m, 2025, t.clone()),
        )
        .await
        .assert_problem(403, "forbidden");
        let mut body = annual_plan(&m, 2025, t.clone());
        body["unit_id"] = json!(unit);
        app.post("/api/v1/plans", Some(&tok), body)
            .await
            .assert_problem(403, "forbidden");
    }
    app.post("/api/v1/plans", None, annual_plan(&m, 2025, t.clone()))
        .await
        .assert(401);

    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    let path = plan_path(&plan);
    // A draft: the auditor sees it and changes nothing; reviewers do not even see it.
    let auditor = app.token("auditor").await;
    app.get(&path, Some(&auditor)).await.assert(200);
    app.patch(&path, &auditor, "\"1\"", json!({"title": "Khác"}))
        .await
        .assert_problem(403, "forbidden");
    act(&app, &auditor, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    for role in ["dic_officer", "home_affairs_officer", "chair", "admin"] {
        let tok = app.token(role).await;
        app.get(&path, Some(&tok))
            .await
            .assert_problem(404, "not_found");
        app.patch(&path, &tok, "\"1\"", json!({"title": "Khác"}))
            .await
            .assert_problem(404, "not_found");
        act(&app, &tok, &path, "submit", "\"1\"", None)
            .await
            .assert_problem(404, "not_found");
    }
    // The officer drafts but does not sign off.
    act(&app, &officer, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    // The head may also edit.
    app.patch(
        &path,
        &head,
        "\"1\"",
        json!({"title": "Kế hoạch năm 2025 (bản sửa)"}),
    )
    .await
    .assert(200);
    let submitted = submit_plan(&app, &head, &app.get(&path, Some(&head)).await.body).await;
    assert_eq!(submitted["version"], 3);

    // Submitted: only DIC of the standing unit accepts or returns.
    for role in [
        "unit_officer",
        "unit_head",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        act(&app, &tok, &path, "accept", "\"3\"", None)
            .await
            .assert_problem(403, "forbidden");
        act(
            &app,
            &tok,
            &path,
            "return",
            "\"3\"",
            Some(json!({"reason": "Không có thẩm quyền"})),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    // DIC neither edits nor signs off a unit's plan (the role is checked before the
    // state).
    let dic = app.token("dic_officer").await;
    app.patch(&path, &dic, "\"3\"", json!({"title": "Khác"}))
        .await
        .assert_problem(403, "forbidden");
    act(&app, &dic, &path, "submit", "\"3\"", None)
        .await
        .assert_problem(403, "forbidden");
    // None of that left a trace.
    let still = app.get(&path, Some(&dic)).await;
    assert_eq!(still.body["status"], "submitted");
    assert_eq!(still.etag(), "\"3\"");
    let steps: Vec<String> = history(&app, &dic, &path)
        .await
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(steps, ["create", "submit"]);
    act(&app, &dic, &path, "accept", "\"3\"", None)
        .await
        .assert(200);
}

#[actix_web::test]
async fn another_units_draft_is_invisible_and_reviewers_see_it_once_submitted() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let caolanh = app.unit_id("H-CAOLANH").await;
    let other_head = new_user(&app, "head.caolanh", &caolanh, &["unit_head"]).await;
    let other_officer = new_user(&app, "officer.caolanh", &caolanh, &["unit_officer"]).await;
    // DIC and Home Affairs officers of units that do not act for this movement.
    let syt = app.unit_id("SYT").await;
    let other_dic = new_user(&app, "dic.syt", &syt, &["dic_officer"]).await;
    let other_ha = new_user(&app, "noivu.syt", &syt, &["home_affairs_officer"]).await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;

    // No drafting for another unit.
    let mut body = annual_plan(&m, 2025, t.clone());
    body["unit_id"] = json!(unit);
    for tok in [&other_head, &other_officer] {
        app.post("/api/v1/plans", Some(tok), body.clone())
            .await
            .assert_problem(403, "forbidden");
    }

    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    let path = plan_path(&plan);
    let hist = format!("{path}/history");
    for tok in [&other_head, &other_officer, &dic, &other_dic] {
        app.get(&path, Some(tok))
            .await
            .assert_problem(404, "not_found");
        app.get(&hist, Some(tok))
            .await
            .assert_problem(404, "not_found");
        app.patch(&path, tok, "\"1\"", json!({"title": "Khác"}))
            .await
            .assert_problem(404, "not_found");
        for action in ["submit", "accept"] {
            act(&app, tok, &path, action, "\"1\"", None)
                .await
                .assert_problem(404, "not_found");
        }
        act(
            &app,
            tok,
            &path,
            "return",
            "\"1\"",
            Some(json!({"reason": "x"})),
        )
        .await
        .assert_problem(404, "not_found");
    }
    app.get(&path, None).await.assert(401);
    // The 404 does not tell an existing draft from a missing plan.
    let missing = app.get("/api/v1/plans/no-such-plan", Some(&dic)).await;
    missing.assert_problem(404, "not_found");

    submit_plan(&app, &head, &plan).await;
    // Reviewers of the movement now see it; the other unit still does not.
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let tok = app.token(role).await;
        let r = app.get(&path, Some(&tok)).await;
        r.assert(200);
        assert_eq!(r.body["status"], "submitted", "{role}");
        app.get(&hist, Some(&tok)).await.assert(200);
    }
    for tok in [&other_head, &other_officer, &other_dic, &other_ha] {
        app.get(&path, Some(tok))
            .await
            .assert_problem(404, "not_found");
        app.get(&hist, Some(tok))
            .await
            .assert_problem(404, "not_found");
        act(&app, tok, &path, "accept", "\"2\"", None)
            .await
            .assert_problem(404, "not_found");
        act(&app, tok, &path, "submit", "\"2\"", None)
            .await
            .assert_problem(404, "not_found");
    }
    // Returned plans stay visible to DIC; the other unit never sees them.
    act(
        &app,
        &dic,
        &path,
        "return",
        "\"2\"",
        Some(json!({"reason": "Bổ sung số liệu"})),
    )
    .await
    .assert(200);
    app.get(&path, Some(&dic)).await.assert(200);
    app.get(&path, Some(&other_head))
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        app.get(&path, Some(&officer)).await.body["status"],
        "returned"
    );
}

#[actix_web::test]
async fn a_plan_step_in_the_wrong_state_names_the_current_state() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;
    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    let path = plan_path(&plan);
    let reason = || Some(json!({"reason": "Bổ sung"}));

    // Submitted: not submitted again, not edited.
    let submitted = submit_plan(&app, &head, &plan).await;
    let r = act(&app, &head, &path, "submit", &tag(&submitted), None).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted", "{}", r.text);
    let r = app
        .patch(&path, &officer, &tag(&submitted), json!({"title": "Khác"}))
        .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted", "{}", r.text);

    let returned = act(&app, &dic, &path, "return", "\"2\"", reason()).await;
    returned.assert(200);
    for action in ["accept", "return"] {
        let body = if action == "return" { reason() } else { None };
        let r = act(&app, &dic, &path, action, "\"3\"", body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "returned", "{}", r.text);
    }
    act(&app, &head, &path, "submit", "\"3\"", None)
        .await
        .assert(200);
    act(&app, &dic, &path, "accept", "\"4\"", None)
        .await
        .assert(200);
    // Accepted is final.
    for (tok, action) in [(&head, "submit"), (&dic, "accept"), (&dic, "return")] {
        let body = if action == "return" { reason() } else { None };
        let r = act(&app, tok, &path, action, "\"5\"", body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "accepted", "{}", r.text);
    }
    let r = app
        .patch(&path, &officer, "\"5\"", json!({"title": "Khác"}))
        .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "accepted", "{}", r.text);
    assert_eq!(app.get(&path, Some(&officer)).await.etag(), "\"5\"");

    // A draft is neither accepted nor returned. DIC does not even see another unit's
    // draft (404, tested above), so take a DIC officer who also heads their own unit
    // (the standing unit): the draft is theirs to see, and the state is what refuses.
    let stttt = app.unit_id("STTTT").await;
    let both = new_user(
        &app,
        "dic.head",
        &stttt,
        &["dic_officer", "unit_officer", "unit_head"],
    )
    .await;
    let own = draft_plan(&app, &both, annual_plan(&m, 2025, t.clone())).await;
    let own_path = plan_path(&own);
    for action in ["accept", "return"] {
        let body = if action == "return" { reason() } else { None };
        let r = act(&app, &both, &own_path, action, "\"1\"", body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "draft", "{}", r.text);
    }
    assert_eq!(
        app.get(&own_path, Some(&both)).await.body["status"],
        "draft"
    );
}

#[actix_web::test]
async fn plan_changes_and_steps_need_the_current_version() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;
    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    let path = plan_path(&plan);

    // Without If-Match: 428, for a change and every step.
    let r = app
        .send(Call {
            method: "PATCH",
            path: path.clone(),
            token: Some(officer.clone()),
            body: Some(json!({"title": "Khác"})),
            headers: vec![],
        })
        .await;
    r.assert_problem(428, "precondition_required");
    for (tok, action, body) in [
        (&head, "submit", None),
        (&dic, "accept", None),
        (&dic, "return", Some(json!({"reason": "Bổ sung"}))),
    ] {
        let r = app
            .send(Call {
                method: "POST",
                path: format!("{path}/{action}"),
                token: Some(tok.clone()),
                body,
                headers: vec![],
            })
            .await;
        r.assert_problem(428, "precondition_required");
    }

    // The officer changes it; the head, still holding version 1, is refused.
    app.patch(&path, &officer, "\"1\"", json!({"title": "Bản sửa lần 1"}))
        .await
        .assert(200);
    app.patch(
        &path,
        &head,
        "\"1\"",
        json!({"title": "Bản sửa của thủ trưởng"}),
    )
    .await
    .assert_problem(412, "stale_version");
    act(&app, &head, &path, "submit", "\"1\"", None)
        .await
        .assert_problem(412, "stale_version");
    let read = app.get(&path, Some(&head)).await;
    assert_eq!(read.etag(), "\"2\"");
    assert_eq!(read.body["title"], "Bản sửa lần 1");
    assert_eq!(read.body["status"], "draft");
    act(&app, &head, &path, "submit", &read.etag(), None)
        .await
        .assert(200);
    // Two reviewers never overwrite each other: the second with the old version fails.
    act(&app, &dic, &path, "accept", "\"3\"", None)
        .await
        .assert(200);
    let second = act(
        &app,
        &dic,
        &path,
        "return",
        "\"3\"",
        Some(json!({"reason": "Bổ sung"})),
    )
    .await;
    assert!(
        second.status == 409 || second.status == 412,
        "{}",
        second.text
    );
    assert_eq!(app.get(&path, Some(&dic)).await.body["status"], "accepted");
    // The refused requests left no step behind.
    let steps: Vec<String> = history(&app, &dic, &path)
        .await
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(steps, ["create", "submit", "accept"]);
}

#[actix_web::test]
async fn returning_a_plan_needs_a_reason() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;
    let plan = draft_plan(&app, &officer, annual_plan(&m, 2025, t)).await;
    let plan = submit_plan(&app, &head, &plan).await;
    let path = plan_path(&plan);
    for body in [json!({}), json!({"reason": ""}), json!({"reason": "   "})] {
        let r = act(&app, &dic, &path, "return", "\"2\"", Some(body.clone())).await;
        r.assert_problem(422, "validation_failed");
        if body.get("reason").is_some() {
            assert!(r.body["errors"]["reason"].is_array(), "{}", r.text);
        }
    }
    let long = "x".repeat(2001);
    act(
        &app,
        &dic,
        &path,
        "return",
        "\"2\"",
        Some(json!({"reason": long})),
    )
    .await
    .assert_problem(422, "validation_failed");
    let still = app.get(&path, Some(&dic)).await;
    assert_eq!(still.body["status"], "submitted");
    assert_eq!(still.etag(), "\"2\"");
    let r = act(
        &app,
        &dic,
        &path,
        "return",
        "\"2\"",
        Some(json!({"reason": "  Thiếu chỉ tiêu giáo dục  "})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["return_reason"], "Thiếu chỉ tiêu giáo dục");
}

#[actix_web::test]
async fn plan_lists_show_each_caller_what_they_may_see_and_filter() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let thapmuoi = app.unit_id("H-THAPMUOI").await;
    let t = targets(&app, &[("KH-01", 90.0), ("YT-01", 2.0)]).await;
    // H-THAPMUOI (cluster 2): a draft for 2025.
    let a = draft_plan(&app, &officer, annual_plan(&m, 2025, t.clone())).await;
    // A fresh unit in cluster 1: a submitted 2025 plan, an accepted period plan and a
    // draft for 2021.
    let (fresh, fresh_tok) = fresh_unit(&app, "PLAN-CUM1", Some("CUM-1")).await;
    let b = draft_plan(&app, &fresh_tok, annual_plan(&m, 2025, t.clone())).await;
    let b = submit_plan(&app, &fresh_tok, &b).await;
    let c = accepted_plan(&app, &fresh_tok, &fresh_tok, period_plan(&m, t.clone())).await;
    let d = draft_plan(&app, &fresh_tok, annual_plan(&m, 2021, t.clone())).await;

    let list = |tok: String, q: String| {
        let app = &app;
        async move {
            let r = app.get(&format!("/api/v1/plans?{q}"), Some(&tok)).await;
            r.assert(200);
            ids(&r)
        }
    };
    let dic = app.token("dic_officer").await;
    let auditor = app.token("auditor").await;
    let ha = app.token("home_affairs_officer").await;
    let none: Vec<String> = vec![];

    // The unit's own users see their unit's plans, drafts included, and no other unit's.
    assert_eq!(
        list(officer.clone(), "year=2025".into()).await,
        sorted(&[&a])
    );
    let mine = list(officer.clone(), "limit=200".into()).await;
    assert!(mine.contains(&a["id"].as_str().unwrap().to_string()));
    for other in [&b, &c, &d] {
        assert!(!mine.contains(&other["id"].as_str().unwrap().to_string()));
    }
    assert_eq!(
        list(fresh_tok.clone(), String::new()).await,
        sorted(&[&b, &c, &d])
    );
    // Reviewers see the non-drafts of the movements they review.
    assert_eq!(list(dic.clone(), "year=2025".into()).await, sorted(&[&b]));
    assert_eq!(
        list(dic.clone(), format!("unit_id={fresh}")).await,
        sorted(&[&b, &c])
    );
    assert_eq!(
        list(dic.clone(), format!("unit_id={thapmuoi}&year=2025")).await,
        none
    );
    assert_eq!(list(ha.clone(), "year=2025".into()).await, sorted(&[&b]));
    // Auditors see everything.
    assert_eq!(
        list(auditor.clone(), "year=2025".into()).await,
        sorted(&[&a, &b])
    );
    assert_eq!(
        list(auditor.clone(), format!("unit_id={fresh}")).await,
        sorted(&[&b, &c, &d])
    );
    // A reviewer of another unit sees nothing of it.
    let syt = app.unit_id("SYT").await;
    let other_dic = new_user(&app, "dic.syt", &syt, &["dic_officer"]).await;
    assert_eq!(list(other_dic, "year=2025".into()).await, none);

    // Filters (as the auditor).
    let au = |q: &str| list(auditor.clone(), q.to_string());
    assert_eq!(
        au(&format!("unit_id={fresh}&kind=period")).await,
        sorted(&[&c])
    );
    assert_eq!(
        au(&format!("unit_id={fresh}&kind=annual")).await,
        sorted(&[&b, &d])
    );
    assert_eq!(
        au(&format!("unit_id={fresh}&status=accepted")).await,
        sorted(&[&c])
    );
    assert_eq!(au("year=2025&status=draft").await, sorted(&[&a]));
    assert_eq!(au("year=2025&status=submitted").await, sorted(&[&b]));
    assert_eq!(au("year=2025&status=returned").await, none);
    assert_eq!(
        au(&format!("unit_id={fresh}&year=2021")).await,
        sorted(&[&d])
    );
    assert_eq!(
        au(&format!("year=2025&movement_id={m}")).await,
        sorted(&[&a, &b])
    );
    assert_eq!(
        au(&format!("year=2025&movement_id={NO_SUCH_ID}")).await,
        none
    );
    let cum1 = group_id(&app, "CUM-1").await;
    let cum2 = group_id(&app, "CUM-2").await;
    assert_eq!(
        au(&format!("year=2025&group_id={cum1}")).await,
        sorted(&[&b])
    );
    assert_eq!(
        au(&format!("year=2025&group_id={cum2}")).await,
        sorted(&[&a])
    );
    assert_eq!(
        au(&format!("group_id={cum1}&kind=period&status=accepted")).await,
        sorted(&[&c])
    );

    // Lists carry no targets; pages follow the cursor.
    let r = app
        .get("/api/v1/plans?year=2025&limit=1", Some(&auditor))
        .await;
    r.assert(200);
    let first = r.body["items"].as_array().unwrap().clone();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["targets"], json!([]));
    let cursor = r.body["next_cursor"].as_str().unwrap().to_string();
    let r = app
        .get(
            &format!("/api/v1/plans?year=2025&limit=1&cursor={cursor}"),
            Some(&auditor),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    assert!(r.body["next_cursor"].is_null(), "{}", r.text);
    let mut both = vec![
        first[0]["id"].as_str().unwrap().to_string(),
        r.body["items"][0]["id"].as_str().unwrap().to_string(),
    ];
    both.sort();
    assert_eq!(both, sorted(&[&a, &b]));
    // Bad filters are refused.
    app.get("/api/v1/plans?status=approved", Some(&auditor))
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/plans?kind=monthly", Some(&auditor))
        .await
        .assert_problem(400, "invalid_query");
    app.get("/api/v1/plans?limit=0", Some(&auditor))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/plans", None).await.assert(401);
}

#[actix_web::test]
async fn nobody_reviews_their_own_sign_off() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let stttt = app.unit_id("STTTT").await;
    // A DIC officer who is also the head of the standing unit itself.
    let both = new_user(
        &app,
        "truongphong.stttt",
        &stttt,
        &["dic_officer", "unit_head", "unit_officer"],
    )
    .await;
    let plan = draft_plan(
        &app,
        &both,
        annual_plan(&m, 2025, targets(&app, &[("YT-01", 90.0)]).await),
    )
    .await;
    let plan = submit_plan(&app, &both, &plan).await;
    let r = act(&app, &both, &plan_path(&plan), "accept", &tag(&plan), None).await;
    r.assert_problem(403, "forbidden");
    let r = act(
        &app,
        &both,
        &plan_path(&plan),
        "return",
        &tag(&plan),
        Some(json!({"reason": "Tự trả lại"})),
    )
    .await;
    r.assert_problem(403, "forbidden");
    // Another DIC officer decides.
    let accepted = accept_plan(&app, &plan).await;
    assert_eq!(accepted["status"], "accepted");
}

/// POST `{path}/{action}` with If-Match, an Idempotency-Key and an optional body.
async fn act_once<S: TestService>(
    app: &TestApp<S>,
    token: &str,
    path: &str,
    (action, if_match, key): (&str, &str, &str),
    body: Option<Value>,
) -> Reply {
    app.send(Call {
        method: "POST",
        path: format!("{path}/{action}"),
        token: Some(token.into()),
        body,
        headers: vec![
            ("If-Match".into(), if_match.into()),
            ("Idempotency-Key".into(), key.into()),
        ],
    })
    .await
}

#[actix_web::test]
async fn a_plan_step_sent_again_with_its_idempotency_key_is_taken_once() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let t = targets(&app, &[("KH-01", 90.0)]).await;
    let plan = draft_plan(&app, &head, annual_plan(&m, 2025, t)).await;
    let path = plan_path(&plan);
    let comment = json!({"comment": "Kính gửi Sở Thông tin và Truyền thông."});
    let first = act_once(
        &app,
        &head,
        &path,
        ("submit", "\"1\"", "submit-kh-2025"),
        Some(comment.clone()),
    )
    .await;
    first.assert(200);
    assert_eq!(first.etag(), "\"2\"");
    assert_eq!(first.header("idempotency-replayed"), None);
    // The retry (its If-Match now stale) gets the first answer, and nothing runs twice.
    let again = act_once(
        &app,
        &head,
        &path,
        ("submit", "\"1\"", "submit-kh-2025"),
        Some(comment),
    )
    .await;
    again.assert(200);
    assert_eq!(again.body, first.body);
    assert_eq!(again.etag(), "\"2\"");
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    let steps = history(&app, &head, &path).await;
    assert_eq!(steps.iter().filter(|s| s.0 == "submit").count(), 1);
    // The same key with another request is refused; without a key the step runs as ever.
    let other = json!({"comment": "Một yêu cầu khác."});
    act_once(
        &app,
        &head,
        &path,
        ("submit", "\"2\"", "submit-kh-2025"),
        Some(other),
    )
    .await
    .assert_problem(422, "idempotency_key_reused");
    let dic = app.token("dic_officer").await;
    let reason = json!({"reason": "Bổ sung chỉ tiêu."});
    let returned = act_once(
        &app,
        &dic,
        &path,
        ("return", "\"2\"", "return-kh-2025"),
        Some(reason.clone()),
    )
    .await;
    returned.assert(200);
    assert_eq!(returned.body["status"], "returned");
    let replayed = act_once(
        &app,
        &dic,
        &path,
        ("return", "\"2\"", "return-kh-2025"),
        Some(reason),
    )
    .await;
    assert_eq!(replayed.body, returned.body);
    assert_eq!(
        replayed.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    // A refused step keeps no answer: fixed, the same key runs.
    act_once(
        &app,
        &head,
        &path,
        ("submit", "\"2\"", "resubmit-kh-2025"),
        None,
    )
    .await
    .assert_problem(412, "stale_version");
    let r = act_once(
        &app,
        &head,
        &path,
        ("submit", "\"3\"", "resubmit-kh-2025"),
        None,
    )
    .await;
    r.assert(200);
    assert_eq!(r.header("idempotency-replayed"), None);
}
