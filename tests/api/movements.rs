//! Movements (the demo is plan 207/KH-UBND), their criteria and their award rounds.

use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn items(r: &Reply) -> &Vec<Value> {
    r.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {}", r.text))
}

fn codes(r: &Reply) -> Vec<&str> {
    items(r)
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect()
}

fn by_code<'a>(r: &'a Reply, code: &str) -> &'a Value {
    items(r)
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in {}", r.text))
}

async fn delete<S: TestService>(
    app: &TestApp<S>,
    path: &str,
    token: &str,
    if_match: Option<&str>,
) -> Reply {
    app.send(Call {
        method: "DELETE",
        path: path.into(),
        token: Some(token.into()),
        body: None,
        headers: if_match
            .map(|v| vec![("If-Match".to_string(), v.to_string())])
            .unwrap_or_default(),
    })
    .await
}

async fn patch_without_if_match<S: TestService>(
    app: &TestApp<S>,
    path: &str,
    token: &str,
    body: Value,
) -> Reply {
    app.send(Call {
        method: "PATCH",
        path: path.into(),
        token: Some(token.into()),
        body: Some(body),
        headers: vec![],
    })
    .await
}

/// The quota of a round for an award form and nominee kind.
fn quota<'a>(round: &'a Value, form: &str, kind: &str) -> &'a Value {
    round["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["award_form"] == form && q["nominee_kind"] == kind)
        .unwrap_or_else(|| panic!("no {form}/{kind} quota in {round}"))
}

const PLAN_DOCUMENTS: [&str; 6] = [
    "proposal_letter",
    "council_minutes",
    "achievement_report",
    "achievement_summary",
    "movement_report",
    "launch_plan",
];

fn documents(round: &Value) -> BTreeSet<&str> {
    round["required_documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect()
}

async fn movement_id<S: TestService>(app: &TestApp<S>) -> String {
    app.movement().await["id"].as_str().unwrap().to_string()
}

fn new_movement(code: &str, standing: &str, appraising: &str) -> Value {
    json!({
        "code": code,
        "title": "Phong trào thi đua xây dựng xã nông thôn mới",
        "theme": "Thi đua xây dựng nông thôn mới nâng cao, kiểu mẫu",
        "period_start_year": 2026, "period_end_year": 2030,
        "legal_basis": "Luật Thi đua, Khen thưởng năm 2022",
        "plan_document": "Kế hoạch số 01/KH-UBND năm 2026",
        "standing_unit_id": standing, "appraising_unit_id": appraising,
        "fields": [{"code": "agriculture", "name": "Nông nghiệp"}, {"code": "health", "name": "Y tế"}],
        "content_items": [{"code": "a", "text": "Tuyên truyền, phổ biến"}]
    })
}

#[actix_web::test]
async fn the_demo_movement_is_plan_207() {
    let app = spawn_app().await;
    let t = app.token("unit_officer").await;
    let list = app.get("/api/v1/movements", Some(&t)).await;
    list.assert(200);
    assert_eq!(codes(&list), ["CDS-2021-2025"]);
    assert!(list.body["next_cursor"].is_null());
    let m = &items(&list)[0];
    assert_eq!(m["title"], "Đồng Tháp đẩy mạnh chương trình chuyển đổi số");
    assert_eq!(
        m["theme"],
        "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số"
    );
    assert_eq!(m["period_start_year"], 2021);
    assert_eq!(m["period_end_year"], 2025);
    assert!(
        m["plan_document"]
            .as_str()
            .unwrap()
            .contains("207/KH-UBND ngày 07/6/2022"),
        "{}",
        m["plan_document"]
    );
    assert!(m["legal_basis"].as_str().unwrap().contains("749/QĐ-TTg"));
    assert_eq!(m["standing_unit_id"], app.unit_id("STTTT").await.as_str());
    assert_eq!(m["appraising_unit_id"], app.unit_id("SNV").await.as_str());
    let fields: Vec<&str> = m["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["agriculture", "health", "education", "other"]);
    assert_eq!(m["fields"][1]["name"], "Y tế");
    let content: Vec<&str> = m["content_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(content, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    assert!(m["content_items"][5]["text"]
        .as_str()
        .unwrap()
        .starts_with("Tích cực xây dựng, tạo lập dữ liệu mở"));
    assert_eq!(m["version"], 1);

    let id = m["id"].as_str().unwrap();
    let one = app.get(&format!("/api/v1/movements/{id}"), Some(&t)).await;
    one.assert(200);
    assert_eq!(one.etag(), "\"1\"");
    assert_eq!(&one.body, m);
    app.get("/api/v1/movements/no-such-movement", Some(&t))
        .await
        .assert_problem(404, "not_found");

    // Search by title without marks, and by year of the period.
    for q in [
        "chuyen%20doi%20so",
        "CHUY%E1%BB%82N%20%C4%90%E1%BB%94I%20S%E1%BB%90",
    ] {
        let r = app.get(&format!("/api/v1/movements?q={q}"), Some(&t)).await;
        assert_eq!(codes(&r), ["CDS-2021-2025"], "q={q}");
    }
    let r = app.get("/api/v1/movements?q=nong%20thon", Some(&t)).await;
    assert!(codes(&r).is_empty());
    let r = app.get("/api/v1/movements?year=2023", Some(&t)).await;
    assert_eq!(codes(&r), ["CDS-2021-2025"]);
    let r = app.get("/api/v1/movements?year=2026", Some(&t)).await;
    r.assert(200);
    assert!(codes(&r).is_empty());
}

#[actix_web::test]
async fn public_movements_need_no_token() {
    let app = spawn_app().await;
    app.get("/api/v1/movements", None)
        .await
        .assert_problem(401, "unauthenticated");
    let public = app.get("/api/v1/public/movements", None).await;
    public.assert(200);
    assert_eq!(
        public.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    assert_eq!(codes(&public), ["CDS-2021-2025"]);
    let signed_in = app.movement().await;
    assert_eq!(items(&public)[0], signed_in);
    let id = signed_in["id"].as_str().unwrap();
    let one = app
        .get(&format!("/api/v1/public/movements/{id}"), None)
        .await;
    one.assert(200);
    assert_eq!(one.body, signed_in);
    assert_eq!(
        one.body["theme"],
        "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số"
    );
    app.get("/api/v1/public/movements/no-such-movement", None)
        .await
        .assert_problem(404, "not_found");
    let r = app
        .get(
            "/api/v1/public/movements?q=chuyen%20doi%20so&year=2025",
            None,
        )
        .await;
    assert_eq!(codes(&r), ["CDS-2021-2025"]);
}

#[actix_web::test]
async fn criteria_are_listed_by_code_and_filtered_by_field() {
    let app = spawn_app().await;
    let t = app.token("home_affairs_officer").await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/criteria");
    let all = app.get(&path, Some(&t)).await;
    all.assert(200);
    assert_eq!(
        codes(&all),
        [
            "GD-01", "GD-02", "GD-03", "KH-01", "KH-02", "KH-03", "KH-04", "NN-01", "NN-02",
            "NN-03", "NN-04", "YT-01", "YT-02", "YT-03"
        ]
    );
    assert!(items(&all).iter().all(|c| c["movement_id"] == m.as_str()));
    let yt01 = by_code(&all, "YT-01");
    assert_eq!(yt01["title"], "Tỷ lệ bệnh viện triển khai bệnh án điện tử");
    assert_eq!(yt01["field_code"], "health");
    assert_eq!(yt01["unit_of_measure"], "%");
    assert_eq!(yt01["max_score"], 8.0);
    for (field, expected) in [
        ("agriculture", vec!["NN-01", "NN-02", "NN-03", "NN-04"]),
        ("health", vec!["YT-01", "YT-02", "YT-03"]),
        ("education", vec!["GD-01", "GD-02", "GD-03"]),
        ("other", vec!["KH-01", "KH-02", "KH-03", "KH-04"]),
        ("tourism", vec![]),
    ] {
        let r = app
            .get(&format!("{path}?field_code={field}"), Some(&t))
            .await;
        r.assert(200);
        assert_eq!(codes(&r), expected, "field {field}");
        assert!(items(&r).iter().all(|c| c["field_code"] == field));
    }
    // Pages of 5.
    let mut seen = vec![];
    let mut next = format!("{path}?limit=5");
    loop {
        let r = app.get(&next, Some(&t)).await;
        r.assert(200);
        seen.extend(codes(&r).into_iter().map(str::to_string));
        match r.body["next_cursor"].as_str() {
            Some(c) => next = format!("{path}?limit=5&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, codes(&all));
    // One criterion, and criteria of a movement that does not exist.
    let id = yt01["id"].as_str().unwrap();
    let one = app.get(&format!("{path}/{id}"), Some(&t)).await;
    one.assert(200);
    assert_eq!(one.etag(), "\"1\"");
    assert_eq!(&one.body, yt01);
    app.get("/api/v1/movements/no-such-movement/criteria", Some(&t))
        .await
        .assert_problem(404, "not_found");
    app.get(
        &format!("/api/v1/movements/no-such-movement/criteria/{id}"),
        Some(&t),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn the_standing_units_dic_officer_defines_the_criteria() {
    let app = spawn_app().await;
    let dic = app.token("dic_officer").await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/criteria");
    let body = json!({"code": "YT-04", "title": "Tỷ lệ trạm y tế xã triển khai hồ sơ sức khỏe điện tử",
        "field_code": "health", "unit_of_measure": "%", "max_score": 5.0});
    let created = app.post(&path, Some(&dic), body.clone()).await;
    created.assert(201);
    let id = created.body["id"].as_str().unwrap().to_string();
    let one = format!("{path}/{id}");
    assert_eq!(created.header("location").as_deref(), Some(one.as_str()));
    assert_eq!(created.etag(), "\"1\"");
    assert_eq!(created.body["movement_id"], m.as_str());
    assert_eq!(created.body["field_code"], "health");
    assert_eq!(created.body["max_score"], 5.0);
    let read = app.get(&one, Some(&dic)).await;
    read.assert(200);
    assert_eq!(read.body, created.body);

    // Refused inputs.
    let mut bad = body.clone();
    bad["code"] = json!("DL-01");
    bad["field_code"] = json!("tourism");
    let r = app.post(&path, Some(&dic), bad).await;
    r.assert_problem(422, "validation_failed");
    let msg = r.body["errors"]["field_code"][0].as_str().unwrap();
    assert!(
        msg.contains("agriculture, health, education, other"),
        "{msg}"
    );
    for score in [0.0, -3.0, 1000.5] {
        let mut bad = body.clone();
        bad["code"] = json!("YT-05");
        bad["max_score"] = json!(score);
        let r = app.post(&path, Some(&dic), bad).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"]["max_score"].is_array(), "{}", r.text);
    }
    for code in ["YT-04", "YT-01"] {
        let mut dup = body.clone();
        dup["code"] = json!(code);
        app.post(&path, Some(&dic), dup)
            .await
            .assert_problem(409, "already_exists");
    }
    let list = app.get(&path, Some(&dic)).await;
    assert_eq!(items(&list).len(), 15, "only YT-04 was added");

    // Changes need If-Match and stay valid.
    patch_without_if_match(&app, &one, &dic, json!({"max_score": 9.0}))
        .await
        .assert_problem(428, "precondition_required");
    app.patch(&one, &dic, "\"1\"", json!({"field_code": "tourism"}))
        .await
        .assert_problem(422, "validation_failed");
    app.patch(&one, &dic, "\"1\"", json!({"max_score": 0.0}))
        .await
        .assert_problem(422, "validation_failed");
    app.patch(&one, &dic, "\"1\"", json!({"code": "YT-01"}))
        .await
        .assert_problem(409, "already_exists");
    let changed = app
        .patch(
            &one,
            &dic,
            "\"1\"",
            json!({"max_score": 9.0, "field_code": "other"}),
        )
        .await;
    changed.assert(200);
    assert_eq!(changed.etag(), "\"2\"");
    assert_eq!(changed.body["max_score"], 9.0);
    assert_eq!(changed.body["field_code"], "other");
    assert_eq!(changed.body["code"], "YT-04");
    app.patch(&one, &dic, "\"1\"", json!({"max_score": 7.0}))
        .await
        .assert_problem(412, "stale_version");

    // Delete with the current version; then it is gone.
    delete(&app, &one, &dic, None)
        .await
        .assert_problem(428, "precondition_required");
    delete(&app, &one, &dic, Some("\"1\""))
        .await
        .assert_problem(412, "stale_version");
    let r = delete(&app, &one, &dic, Some("\"2\"")).await;
    r.assert(204);
    assert!(r.text.is_empty());
    app.get(&one, Some(&dic))
        .await
        .assert_problem(404, "not_found");
    delete(&app, &one, &dic, Some("\"2\""))
        .await
        .assert_problem(404, "not_found");
    let list = app.get(&path, Some(&dic)).await;
    assert_eq!(items(&list).len(), 14);

    // The trail has the three writes, by the DIC.
    let auditor = app.token("auditor").await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?resource_type=criterion&resource_id={id}"),
            Some(&auditor),
        )
        .await;
    let actions: Vec<&str> = items(&events)
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["criterion.delete", "criterion.update", "criterion.create"]
    );
    assert!(items(&events)
        .iter()
        .all(|e| e["actor_username"] == "dic_officer"));
    assert_eq!(
        items(&events)[1]["changes"]["max_score"],
        json!({"from": 5.0, "to": 9.0})
    );
}

#[actix_web::test]
async fn criterion_codes_are_unique_per_movement_only() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let stttt = app.unit_id("STTTT").await;
    let snv = app.unit_id("SNV").await;
    let r = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            new_movement("NTM-2026-2030", &stttt, &snv),
        )
        .await;
    r.assert(201);
    let other = r.body["id"].as_str().unwrap();
    let dic = app.token("dic_officer").await;
    let body = json!({"code": "YT-01", "title": "Tỷ lệ xã đạt chuẩn quốc gia về y tế",
        "field_code": "health", "unit_of_measure": "%", "max_score": 10.0});
    let created = app
        .post(
            &format!("/api/v1/movements/{other}/criteria"),
            Some(&dic),
            body.clone(),
        )
        .await;
    created.assert(201);
    assert_eq!(created.body["movement_id"], other);
    // "education" is a field of the demo movement but not of this one.
    let mut bad = body;
    bad["code"] = json!("GD-01");
    bad["field_code"] = json!("education");
    app.post(
        &format!("/api/v1/movements/{other}/criteria"),
        Some(&dic),
        bad,
    )
    .await
    .assert_problem(422, "validation_failed");
    // The criterion is not reachable through the demo movement.
    let demo = movement_id(&app).await;
    let id = created.body["id"].as_str().unwrap();
    app.get(
        &format!("/api/v1/movements/{demo}/criteria/{id}"),
        Some(&dic),
    )
    .await
    .assert_problem(404, "not_found");
    let list = app
        .get(&format!("/api/v1/movements/{other}/criteria"), Some(&dic))
        .await;
    assert_eq!(codes(&list), ["YT-01"]);
}

#[actix_web::test]
async fn the_demo_rounds_carry_the_plans_quotas() {
    let app = spawn_app().await;
    let t = app.token("chair").await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/rounds");
    let list = app.get(&path, Some(&t)).await;
    list.assert(200);
    // Beside the demo's ad hoc round of the year it was loaded (issue 12).
    let planned: Vec<&str> = codes(&list)
        .into_iter()
        .filter(|c| !c.starts_with("DX-"))
        .collect();
    assert_eq!(planned, ["SK-2022-2023", "TK-2022-2025"]);
    let interim = by_code(&list, "SK-2022-2023");
    let fin = by_code(&list, "TK-2022-2025");
    assert_eq!(interim["kind"], "interim");
    assert_eq!(fin["kind"], "final");
    assert_eq!(interim["period_start_year"], 2022);
    assert_eq!(interim["period_end_year"], 2023);
    assert_eq!(fin["period_end_year"], 2025);
    assert_eq!(interim["nomination_opens_on"], "2023-10-01");
    assert_eq!(interim["nomination_closes_on"], "2023-11-30");
    assert_eq!(interim["report_due_on"], "2023-11-15");
    for (round, collective, individual) in [(interim, 10, 20), (fin, 20, 30)] {
        assert_eq!(round["movement_id"], m.as_str());
        let pm_c = quota(round, "provincial_merit", "collective");
        assert_eq!(pm_c["max_awards"], collective);
        let pm_i = quota(round, "provincial_merit", "individual");
        assert_eq!(pm_i["max_awards"], individual);
        // The demo's decision of the interim round took places (tests/api/demo.rs);
        // nobody was awarded in the final round yet.
        for (q, max) in [(pm_c, collective), (pm_i, individual)] {
            let used = q["awarded"].as_i64().unwrap();
            if round == fin {
                assert_eq!(used, 0);
            } else {
                assert!((0..=max).contains(&used), "{q}");
            }
        }
        for kind in ["collective", "individual"] {
            let q = quota(round, "state_award", kind);
            assert!(
                q["max_awards"].is_null(),
                "state awards have no fixed quota"
            );
            // Places are taken when the Chair forwards: the demo forwarded some of the
            // interim round (counted in tests/api/demo.rs), none of the final round yet.
            if round == fin {
                assert_eq!(q["awarded"], 0);
            }
        }
        // Households (issue 12) have a quota row of each form, none fixed.
        assert_eq!(round["quotas"].as_array().unwrap().len(), 6);
        assert_eq!(documents(round), PLAN_DOCUMENTS.into());
        assert_eq!(round["appraisal_working_days"], 25);
        assert_eq!(round["comment_working_days"], 10);
    }
    let finals = app.get(&format!("{path}?kind=final"), Some(&t)).await;
    assert_eq!(codes(&finals), ["TK-2022-2025"]);
    let id = interim["id"].as_str().unwrap();
    let one = app.get(&format!("{path}/{id}"), Some(&t)).await;
    one.assert(200);
    assert_eq!(one.etag(), "\"1\"");
    assert_eq!(&one.body, interim);
    app.get(&format!("{path}/no-such-round"), Some(&t))
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/movements/no-such-movement/rounds", Some(&t))
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn an_admin_opens_a_round_with_the_plans_defaults() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/rounds");
    let body = json!({
        "code": "TK-BS-2026", "kind": "final",
        "title": "Khen thưởng bổ sung phong trào chuyển đổi số",
        "period_start_year": 2026, "period_end_year": 2026,
        "nomination_opens_on": "2026-10-01", "nomination_closes_on": "2026-11-30",
        "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 5}]
    });
    let r = app.post(&path, Some(&admin), body.clone()).await;
    r.assert(201);
    let id = r.body["id"].as_str().unwrap();
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("{path}/{id}").as_str())
    );
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(documents(&r.body), PLAN_DOCUMENTS.into());
    assert!(!documents(&r.body).contains("other"));
    assert_eq!(r.body["appraisal_working_days"], 25);
    assert_eq!(r.body["comment_working_days"], 10);
    assert!(r.body["report_due_on"].is_null());
    // Two award forms by three nominee kinds (households since issue 12).
    assert_eq!(r.body["quotas"].as_array().unwrap().len(), 6);
    assert_eq!(
        quota(&r.body, "provincial_merit", "collective")["max_awards"],
        5
    );
    assert!(quota(&r.body, "provincial_merit", "individual")["max_awards"].is_null());
    assert!(quota(&r.body, "state_award", "collective")["max_awards"].is_null());
    let read = app.get(&format!("{path}/{id}"), Some(&admin)).await;
    assert_eq!(read.body, r.body);

    // Given values are kept.
    let r = app
        .post(
            &path,
            Some(&admin),
            json!({
                "code": "SK-BS-2024", "kind": "interim", "title": "Sơ kết bổ sung",
                "period_start_year": 2024, "period_end_year": 2024,
                "nomination_opens_on": "2024-10-01", "nomination_closes_on": "2024-10-01",
                "appraisal_working_days": 15, "comment_working_days": 7,
                "required_documents": ["proposal_letter", "other"]
            }),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["appraisal_working_days"], 15);
    assert_eq!(r.body["comment_working_days"], 7);
    assert_eq!(documents(&r.body), ["other", "proposal_letter"].into());

    // Refused: the window closes before it opens, a pair listed twice, a duplicate code.
    let mut bad = body.clone();
    bad["code"] = json!("TK-BS-2027");
    bad["nomination_closes_on"] = json!("2026-09-30");
    let r = app.post(&path, Some(&admin), bad).await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["nomination_closes_on"].is_array(),
        "{}",
        r.text
    );
    let mut bad = body.clone();
    bad["code"] = json!("TK-BS-2027");
    bad["quotas"] = json!([
        {"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 5},
        {"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 6}
    ]);
    app.post(&path, Some(&admin), bad)
        .await
        .assert_problem(422, "validation_failed");
    let mut bad = body.clone();
    bad["code"] = json!("TK-BS-2027");
    bad["period_end_year"] = json!(2025);
    app.post(&path, Some(&admin), bad)
        .await
        .assert_problem(422, "validation_failed");
    for code in ["TK-BS-2026", "SK-2022-2023"] {
        let mut dup = body.clone();
        dup["code"] = json!(code);
        app.post(&path, Some(&admin), dup)
            .await
            .assert_problem(409, "already_exists");
    }
    let list = app.get(&path, Some(&admin)).await;
    // Beside the demo's ad hoc round of the year it was loaded (issue 12).
    let planned: Vec<&str> = codes(&list)
        .into_iter()
        .filter(|c| !c.starts_with("DX-"))
        .collect();
    assert_eq!(
        planned,
        ["SK-2022-2023", "SK-BS-2024", "TK-2022-2025", "TK-BS-2026"]
    );
}

#[actix_web::test]
async fn a_quota_is_changed_with_the_version_read() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let m = movement_id(&app).await;
    let list = app
        .get(&format!("/api/v1/movements/{m}/rounds"), Some(&admin))
        .await;
    let id = by_code(&list, "SK-2022-2023")["id"].as_str().unwrap();
    let path = format!("/api/v1/movements/{m}/rounds/{id}");
    let change = json!({"quotas": [
        {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 25}
    ]});
    patch_without_if_match(&app, &path, &admin, change.clone())
        .await
        .assert_problem(428, "precondition_required");
    app.patch(&path, &admin, "\"3\"", change.clone())
        .await
        .assert_problem(412, "stale_version");
    app.patch(
        &path,
        &admin,
        "\"1\"",
        json!({"quotas": [{"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": -1}]}),
    )
    .await
    .assert_problem(422, "validation_failed");
    let etag = app.get(&path, Some(&admin)).await.etag();
    assert_eq!(etag, "\"1\"", "refused changes left the version");
    let r = app.patch(&path, &admin, &etag, change.clone()).await;
    r.assert(200);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(
        quota(&r.body, "provincial_merit", "individual")["max_awards"],
        25
    );
    assert_eq!(
        quota(&r.body, "provincial_merit", "collective")["max_awards"],
        10,
        "quotas not listed are kept"
    );
    assert!(quota(&r.body, "state_award", "individual")["max_awards"].is_null());
    let read = app.get(&path, Some(&admin)).await;
    assert_eq!(read.body, r.body);
    app.patch(&path, &admin, "\"1\"", change)
        .await
        .assert_problem(412, "stale_version");

    // A state award quota can be fixed, and other fields change alongside.
    let r = app
        .patch(
            &path,
            &admin,
            "\"2\"",
            json!({"nomination_closes_on": "2023-12-10",
                "quotas": [{"award_form": "state_award", "nominee_kind": "collective", "max_awards": 2}]}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["nomination_closes_on"], "2023-12-10");
    assert_eq!(quota(&r.body, "state_award", "collective")["max_awards"], 2);
    assert_eq!(
        quota(&r.body, "provincial_merit", "individual")["max_awards"],
        25
    );
    // The window cannot close before it opens.
    app.patch(
        &path,
        &admin,
        "\"3\"",
        json!({"nomination_closes_on": "2023-09-30"}),
    )
    .await
    .assert_problem(422, "validation_failed");

    let auditor = app.token("auditor").await;
    let events = app
        .get(
            &format!("/api/v1/audit-events?resource_type=round&resource_id={id}"),
            Some(&auditor),
        )
        .await;
    assert_eq!(items(&events).len(), 2);
    assert!(items(&events).iter().all(|e| e["action"] == "round.update"));
    assert!(items(&events)[1]["changes"]["quotas"]["from"].is_array());
}

#[actix_web::test]
async fn a_new_movement_needs_real_units_and_a_period_in_order() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let stttt = app.unit_id("STTTT").await;
    let snv = app.unit_id("SNV").await;
    let r = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            new_movement("NTM-2026-2030", "no-such-unit", &snv),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["standing_unit_id"].is_array(),
        "{}",
        r.text
    );
    let r = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            new_movement("NTM-2026-2030", &stttt, "no-such-unit"),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["appraising_unit_id"].is_array(),
        "{}",
        r.text
    );
    let mut bad = new_movement("NTM-2026-2030", &stttt, &snv);
    bad["period_end_year"] = json!(2025);
    let r = app.post("/api/v1/movements", Some(&admin), bad).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["period_end_year"].is_array(), "{}", r.text);
    let mut bad = new_movement("NTM-2026-2030", &stttt, &snv);
    bad["fields"] =
        json!([{"code": "health", "name": "Y tế"}, {"code": "health", "name": "Sức khỏe"}]);
    let r = app.post("/api/v1/movements", Some(&admin), bad).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["fields[1].code"].is_array(), "{}", r.text);
    let list = app.get("/api/v1/movements", Some(&admin)).await;
    assert_eq!(codes(&list), ["CDS-2021-2025"], "nothing was created");

    let created = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            new_movement("NTM-2026-2030", &stttt, &snv),
        )
        .await;
    created.assert(201);
    let id = created.body["id"].as_str().unwrap();
    assert_eq!(
        created.header("location").as_deref(),
        Some(format!("/api/v1/movements/{id}").as_str())
    );
    assert_eq!(created.etag(), "\"1\"");
    assert_eq!(created.body["standing_unit_id"], stttt.as_str());
    assert_eq!(created.body["fields"][0]["code"], "agriculture");
    app.post(
        "/api/v1/movements",
        Some(&admin),
        new_movement("CDS-2021-2025", &stttt, &snv),
    )
    .await
    .assert_problem(409, "already_exists");
    // A change must keep the period in order too.
    app.patch(
        &format!("/api/v1/movements/{id}"),
        &admin,
        "\"1\"",
        json!({"period_start_year": 2031}),
    )
    .await
    .assert_problem(422, "validation_failed");
    let list = app.get("/api/v1/movements?year=2028", Some(&admin)).await;
    assert_eq!(codes(&list), ["NTM-2026-2030"]);
}

#[actix_web::test]
async fn a_field_used_by_criteria_cannot_be_removed_and_a_due_date_can_be_cleared() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let m = app.movement().await;
    let id = m["id"].as_str().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/movements/{id}"),
            &admin,
            "\"1\"",
            serde_json::json!({"fields": [{"code": "agriculture", "name": "Nông nghiệp"}]}),
        )
        .await;
    r.assert_problem(409, "in_use");
    assert_eq!(
        r.body["fields_in_use"],
        serde_json::json!(["education", "health", "other"])
    );
    let rounds = app
        .get(
            &format!("/api/v1/movements/{id}/rounds?kind=interim"),
            Some(&admin),
        )
        .await;
    let round = &rounds.body["items"][0];
    let path = format!(
        "/api/v1/movements/{id}/rounds/{}",
        round["id"].as_str().unwrap()
    );
    assert!(round["report_due_on"].is_string());
    let r = app
        .patch(
            &path,
            &admin,
            "\"1\"",
            serde_json::json!({"report_due_on": null}),
        )
        .await;
    r.assert(200);
    assert!(r.body["report_due_on"].is_null());
}
