//! Emulation groups (blocs, clusters) and their member units: lists, search, pages,
//! creation, versioned changes, reorganisation, idempotent retries and the audit trail.

use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::HashSet;

fn codes(r: &Reply) -> Vec<String> {
    r.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {}", r.text))
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect()
}

async fn send<S: TestService>(
    app: &TestApp<S>,
    method: &'static str,
    path: &str,
    token: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Reply {
    app.send(Call {
        method,
        path: path.into(),
        token: Some(token.into()),
        body,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    })
    .await
}

async fn group_id<S: TestService>(app: &TestApp<S>, code: &str) -> String {
    let t = app.token("admin").await;
    let r = app.get("/api/v1/groups", Some(&t)).await;
    r.assert(200);
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == code)
        .unwrap_or_else(|| panic!("no group {code}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn new_unit(code: &str, name: &str) -> Value {
    json!({"code": code, "name": name, "kind": "organisation", "valid_from": "2022-01-01"})
}

async fn create_unit<S: TestService>(app: &TestApp<S>, body: Value) -> Reply {
    let t = app.token("admin").await;
    let r = app.post("/api/v1/units", Some(&t), body).await;
    r.assert(201);
    r
}

async fn audit_events<S: TestService>(app: &TestApp<S>, query: &str) -> Vec<Value> {
    let t = app.token("auditor").await;
    let r = app
        .get(&format!("/api/v1/audit-events?limit=200&{query}"), Some(&t))
        .await;
    r.assert(200);
    r.body["items"].as_array().unwrap().clone()
}

#[actix_web::test]
async fn groups_are_listed_by_code_and_filtered_by_kind() {
    let app = spawn_app().await;
    let t = app.token("unit_officer").await;
    let all = app.get("/api/v1/groups", Some(&t)).await;
    all.assert(200);
    assert_eq!(
        codes(&all),
        [
            "CUM-1",
            "CUM-2",
            "CUM-3",
            "KHOI-KT",
            "KHOI-NCTH",
            "KHOI-TW",
            "KHOI-VHXH"
        ]
    );
    assert!(all.body["next_cursor"].is_null());
    let blocs = app.get("/api/v1/groups?kind=bloc", Some(&t)).await;
    assert_eq!(
        codes(&blocs),
        ["KHOI-KT", "KHOI-NCTH", "KHOI-TW", "KHOI-VHXH"]
    );
    assert!(blocs.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["kind"] == "bloc"));
    let clusters = app.get("/api/v1/groups?kind=cluster", Some(&t)).await;
    assert_eq!(codes(&clusters), ["CUM-1", "CUM-2", "CUM-3"]);
    // Search ignores marks and case.
    let found = app.get("/api/v1/groups?q=cum%20thi%20dua", Some(&t)).await;
    assert_eq!(codes(&found), ["CUM-1", "CUM-2", "CUM-3"]);
    let found = app
        .get("/api/v1/groups?q=V%C4%82N%20H%C3%93A", Some(&t)) // "VĂN HÓA"
        .await;
    assert_eq!(codes(&found), ["KHOI-VHXH"]);
    // One group, with its version as ETag.
    let id = group_id(&app, "CUM-2").await;
    let one = app.get(&format!("/api/v1/groups/{id}"), Some(&t)).await;
    one.assert(200);
    assert_eq!(one.etag(), "\"1\"");
    assert_eq!(one.body["name"], "Cụm thi đua số 2");
    assert_eq!(one.body["kind"], "cluster");
    assert_eq!(one.body["version"], 1);
    app.get("/api/v1/groups/no-such-group", Some(&t))
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn units_are_filtered_by_kind_and_group() {
    let app = spawn_app().await;
    let t = app.token("auditor").await;
    let cum2 = group_id(&app, "CUM-2").await;
    let r = app
        .get(&format!("/api/v1/units?group_id={cum2}"), Some(&t))
        .await;
    r.assert(200);
    assert_eq!(codes(&r), ["H-CAOLANH", "H-THAPMUOI", "TP-CAOLANH"]);
    assert!(r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["group_id"] == cum2.as_str()));
    let r = app.get("/api/v1/units?kind=enterprise", Some(&t)).await;
    assert_eq!(codes(&r), ["VIETTEL", "VNPT"]);
    // The 12 district-level localities; the demo's four communes are their sub-units.
    let r = app
        .get("/api/v1/units?kind=locality&root=true", Some(&t))
        .await;
    assert_eq!(codes(&r).len(), 12);
    let r = app.get("/api/v1/units?kind=locality", Some(&t)).await;
    assert_eq!(codes(&r).len(), 16);
    assert!(r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["kind"] == "locality"));
    let vhxh = group_id(&app, "KHOI-VHXH").await;
    let r = app
        .get(
            &format!("/api/v1/units?group_id={vhxh}&kind=organisation"),
            Some(&t),
        )
        .await;
    assert_eq!(codes(&r), ["BAODT", "DPTTH"]);
    let r = app
        .get(&format!("/api/v1/units?group_id={NO_SUCH_ID}"), Some(&t))
        .await;
    r.assert(200);
    assert!(codes(&r).is_empty());
    // One unit.
    let id = app.unit_id("H-THAPMUOI").await;
    let one = app.get(&format!("/api/v1/units/{id}"), Some(&t)).await;
    one.assert(200);
    assert_eq!(one.etag(), "\"1\"");
    assert_eq!(one.body["name"], "UBND Huyện Tháp Mười");
    assert_eq!(one.body["kind"], "locality");
    assert_eq!(one.body["group_id"], cum2.as_str());
    assert_eq!(one.body["valid_from"], "2022-01-01");
    assert!(one.body["valid_to"].is_null());
    assert!(one.body["successor_id"].is_null());
}

#[actix_web::test]
async fn unit_search_ignores_diacritics_and_case() {
    let app = spawn_app().await;
    let t = app.token("unit_head").await;
    for q in [
        "thap%20muoi",
        "TH%C3%81P%20M%C6%AF%E1%BB%9CI", // THÁP MƯỜI
        "Th%C3%A1p%20M%C6%B0%E1%BB%9Di", // Tháp Mười
        "Tha%CC%81p%20Mu%CC%9Bo%CC%80i", // Tháp Mười, decomposed (NFD)
        "tHaP%20mUoI",
    ] {
        let r = app.get(&format!("/api/v1/units?q={q}"), Some(&t)).await;
        r.assert(200);
        assert_eq!(codes(&r), ["H-THAPMUOI"], "q={q}");
    }
    let dong_thap = [
        "BAODT",
        "BHXH",
        "CUC-THUE",
        "DPTTH",
        "KBNN",
        "NHNN",
        // Sở Y tế's sub-units (Bệnh viện Đa khoa Đồng Tháp, its ward, the CDC).
        "SYT-BVDK",
        "SYT-BVDK-KCC",
        "SYT-CDC",
        "TINH-DOAN",
        "VIETTEL",
        "VNPT",
    ];
    for q in ["dong%20thap", "%C4%90%E1%BB%92NG%20TH%C3%81P"] {
        // "dong thap", "ĐỒNG THÁP"
        let r = app.get(&format!("/api/v1/units?q={q}"), Some(&t)).await;
        r.assert(200);
        assert_eq!(codes(&r), dong_thap, "q={q}");
        for u in r.body["items"].as_array().unwrap() {
            assert!(
                u["name"].as_str().unwrap().contains("Đồng Tháp"),
                "{}",
                u["name"]
            );
        }
    }
    // Codes match too, and a query that matches nothing gives an empty page.
    let r = app.get("/api/v1/units?q=skhcn", Some(&t)).await;
    assert_eq!(codes(&r), ["SKHCN"]);
    let r = app.get("/api/v1/units?q=ha%20noi", Some(&t)).await;
    r.assert(200);
    assert!(codes(&r).is_empty());
    assert!(r.body["next_cursor"].is_null());
}

#[actix_web::test]
async fn cursor_pages_walk_every_unit_once_in_code_order() {
    let app = spawn_app().await;
    let t = app.token("chair").await;
    let mut seen: Vec<String> = vec![];
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/units?limit=5&cursor={c}"),
            None => "/api/v1/units?limit=5".to_string(),
        };
        let r = app.get(&path, Some(&t)).await;
        r.assert(200);
        pages += 1;
        let page = codes(&r);
        assert!(page.len() <= 5);
        seen.extend(page.iter().cloned());
        match r.body["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(page.len(), 5, "only the last page is short");
                cursor = Some(c.to_string());
            }
            None => break,
        }
        assert!(pages < 100, "pagination does not end");
    }
    let mut expected: Vec<String> = thidua::seed::data::UNITS
        .iter()
        .map(|u| u.code.to_string())
        .collect();
    expected.sort();
    assert_eq!(seen, expected, "every unit once, in code order");
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "no duplicates"
    );
    assert_eq!(pages, expected.len().div_ceil(5));
    // The same order as one big page.
    let all = app.get("/api/v1/units?limit=200", Some(&t)).await;
    assert_eq!(codes(&all), seen);
    assert!(all.body["next_cursor"].is_null());
}

#[actix_web::test]
async fn groups_and_units_are_created_once_per_code() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/groups",
            Some(&t),
            json!({"code": "CUM-4", "name": "Cụm thi đua số 4", "kind": "cluster",
                "description": "Các xã, phường sau sắp xếp"}),
        )
        .await;
    r.assert(201);
    let gid = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("/api/v1/groups/{gid}").as_str())
    );
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.body["version"], 1);
    assert_eq!(r.body["kind"], "cluster");
    assert_eq!(r.body["description"], "Các xã, phường sau sắp xếp");
    let read = app.get(&r.header("location").unwrap(), Some(&t)).await;
    read.assert(200);
    assert_eq!(read.body, r.body);

    let r = app
        .post(
            "/api/v1/units",
            Some(&t),
            json!({"code": "X-MYHIEP", "name": "UBND xã Mỹ Hiệp", "kind": "locality",
                "group_id": gid, "valid_from": "2025-07-01"}),
        )
        .await;
    r.assert(201);
    let uid = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("/api/v1/units/{uid}").as_str())
    );
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.body["group_id"], gid.as_str());
    assert_eq!(r.body["valid_from"], "2025-07-01");
    let read = app.get(&format!("/api/v1/units/{uid}"), Some(&t)).await;
    assert_eq!(read.body, r.body);
    let found = app.get("/api/v1/units?q=my%20hiep", Some(&t)).await;
    assert_eq!(codes(&found), ["X-MYHIEP"]);

    // Duplicate codes, new or from the demo data.
    for code in ["CUM-4", "CUM-1"] {
        app.post(
            "/api/v1/groups",
            Some(&t),
            json!({"code": code, "name": "Cụm khác", "kind": "cluster"}),
        )
        .await
        .assert_problem(409, "already_exists");
    }
    for code in ["X-MYHIEP", "SKHCN"] {
        app.post("/api/v1/units", Some(&t), new_unit(code, "Đơn vị khác"))
            .await
            .assert_problem(409, "already_exists");
    }
    let groups = app.get("/api/v1/groups?kind=cluster", Some(&t)).await;
    assert_eq!(codes(&groups), ["CUM-1", "CUM-2", "CUM-3", "CUM-4"]);
}

#[actix_web::test]
async fn changes_need_the_version_last_read() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let gid = group_id(&app, "CUM-2").await;
    let uid = app.unit_id("H-THAPMUOI").await;
    for (path, changes, field, value) in [
        (
            format!("/api/v1/groups/{gid}"),
            json!({"name": "Cụm thi đua số 2 (vùng giữa)"}),
            "name",
            "Cụm thi đua số 2 (vùng giữa)",
        ),
        (
            format!("/api/v1/units/{uid}"),
            json!({"name": "UBND xã Tháp Mười"}),
            "name",
            "UBND xã Tháp Mười",
        ),
    ] {
        send(&app, "PATCH", &path, &t, Some(changes.clone()), &[])
            .await
            .assert_problem(428, "precondition_required");
        app.patch(&path, &t, "\"5\"", changes.clone())
            .await
            .assert_problem(412, "stale_version");
        let r = app.patch(&path, &t, "not-a-version", changes.clone()).await;
        assert!(r.status.is_client_error(), "{}", r.text);
        // Refused attempts changed nothing.
        let before = app.get(&path, Some(&t)).await;
        assert_eq!(before.etag(), "\"1\"");
        let r = app.patch(&path, &t, &before.etag(), changes.clone()).await;
        r.assert(200);
        assert_eq!(r.etag(), "\"2\"");
        assert_eq!(r.body["version"], 2);
        assert_eq!(r.body[field], value);
        assert_eq!(
            r.body["code"], before.body["code"],
            "other fields unchanged"
        );
        assert_eq!(r.body["created_at"], before.body["created_at"]);
        // The version read before the change is stale now.
        app.patch(&path, &t, "\"1\"", changes)
            .await
            .assert_problem(412, "stale_version");
        let after = app.get(&path, Some(&t)).await;
        assert_eq!(after.etag(), "\"2\"");
        assert_eq!(after.body[field], value);
    }
}

#[actix_web::test]
async fn a_reorganisation_records_the_last_day_and_the_successor() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let old = create_unit(&app, new_unit("H-OLD", "UBND Huyện Cũ")).await;
    let old_id = old.body["id"].as_str().unwrap().to_string();
    let new = create_unit(&app, new_unit("X-NEW", "UBND xã Mới")).await;
    let new_id = new.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/units/{old_id}");

    // The successor must exist, must not be the unit itself, and needs a last day.
    let r = app
        .patch(
            &path,
            &t,
            "\"1\"",
            json!({"valid_to": "2025-06-30", "successor_id": NO_SUCH_ID}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["successor_id"].is_array(), "{}", r.text);
    let r = app
        .patch(
            &path,
            &t,
            "\"1\"",
            json!({"valid_to": "2025-06-30", "successor_id": old_id}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.body["errors"]["successor_id"][0],
        "a unit cannot succeed itself"
    );
    let r = app
        .patch(&path, &t, "\"1\"", json!({"successor_id": new_id}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["valid_to"].is_array(), "{}", r.text);
    let r = app
        .patch(&path, &t, "\"1\"", json!({"valid_to": "2021-12-31"}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["valid_to"].is_array(), "{}", r.text);
    // Creating with a successor but no last day is refused the same way.
    let mut body = new_unit("H-OTHER", "UBND Huyện Khác");
    body["successor_id"] = json!(new_id);
    let r = app.post("/api/v1/units", Some(&t), body).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["valid_to"].is_array(), "{}", r.text);

    // None of that changed the unit.
    let still = app.get(&path, Some(&t)).await;
    assert_eq!(still.etag(), "\"1\"");
    assert!(still.body["valid_to"].is_null());

    let r = app
        .patch(
            &path,
            &t,
            "\"1\"",
            json!({"valid_to": "2025-06-30", "successor_id": new_id}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["valid_to"], "2025-06-30");
    assert_eq!(r.body["successor_id"], new_id.as_str());
    assert_eq!(r.body["valid_from"], "2022-01-01");
    assert_eq!(r.etag(), "\"2\"");

    // Undone: null clears both.
    let r = app
        .patch(
            &path,
            &t,
            "\"2\"",
            json!({"valid_to": null, "successor_id": null}),
        )
        .await;
    r.assert(200);
    assert!(r.body["valid_to"].is_null());
    assert!(r.body["successor_id"].is_null());
}

#[actix_web::test]
async fn active_on_lists_only_units_that_existed_that_day() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let mut ended = new_unit("ORG-ENDED", "Đơn vị đã giải thể");
    ended["valid_to"] = json!("2025-06-30");
    create_unit(&app, ended).await;
    let mut later = new_unit("ORG-LATER", "Đơn vị thành lập sau");
    later["valid_from"] = json!("2026-01-01");
    create_unit(&app, later).await;
    let on = |day: &str| format!("/api/v1/units?q=ORG-&active_on={day}");
    let r = app.get("/api/v1/units?q=ORG-", Some(&t)).await;
    assert_eq!(codes(&r), ["ORG-ENDED", "ORG-LATER"]);
    let r = app.get(&on("2024-05-01"), Some(&t)).await;
    assert_eq!(codes(&r), ["ORG-ENDED"]);
    let r = app.get(&on("2025-06-30"), Some(&t)).await;
    assert_eq!(codes(&r), ["ORG-ENDED"], "the last day still counts");
    let r = app.get(&on("2025-07-01"), Some(&t)).await;
    r.assert(200);
    assert!(codes(&r).is_empty(), "{}", r.text);
    let r = app.get(&on("2026-01-01"), Some(&t)).await;
    assert_eq!(codes(&r), ["ORG-LATER"]);
    // The demo units exist from 2022.
    let r = app
        .get("/api/v1/units?active_on=2021-12-31", Some(&t))
        .await;
    assert!(codes(&r).is_empty(), "{}", r.text);
    let r = app
        .get("/api/v1/units?active_on=2025-07-01&limit=200", Some(&t))
        .await;
    assert_eq!(codes(&r).len(), thidua::seed::data::UNITS.len());
    assert!(!codes(&r).contains(&"ORG-ENDED".to_string()));
    app.get("/api/v1/units?active_on=30-06-2025", Some(&t))
        .await
        .assert_problem(400, "invalid_query");
}

#[actix_web::test]
async fn a_retried_create_with_the_same_key_returns_the_first_answer() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let body = json!({"code": "KHOI-XA", "name": "Khối thi đua các xã", "kind": "bloc"});
    let key = [("Idempotency-Key", "tao-khoi-xa-0001")];
    let first = send(&app, "POST", "/api/v1/groups", &t, Some(body.clone()), &key).await;
    first.assert(201);
    assert!(first.header("idempotency-replayed").is_none());
    let again = send(&app, "POST", "/api/v1/groups", &t, Some(body.clone()), &key).await;
    again.assert(201);
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(again.body, first.body);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(again.etag(), "\"1\"");
    // One record, one audit event.
    let list = app.get("/api/v1/groups?kind=bloc", Some(&t)).await;
    assert_eq!(codes(&list).iter().filter(|c| *c == "KHOI-XA").count(), 1);
    let id = first.body["id"].as_str().unwrap();
    let events = audit_events(&app, &format!("resource_type=group&resource_id={id}")).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["action"], "group.create");
    // The same key for another request is refused, and creates nothing.
    let other = json!({"code": "KHOI-PHUONG", "name": "Khối thi đua các phường", "kind": "bloc"});
    send(&app, "POST", "/api/v1/groups", &t, Some(other), &key)
        .await
        .assert_problem(422, "idempotency_key_reused");
    let list = app.get("/api/v1/groups?q=phuong", Some(&t)).await;
    assert!(codes(&list).is_empty());
    // Without a key the same body is a second attempt: a duplicate code.
    app.post("/api/v1/groups", Some(&t), body)
        .await
        .assert_problem(409, "already_exists");
    // Units too.
    let unit = new_unit("ORG-IDEM", "Đơn vị thử lại");
    let key = [("Idempotency-Key", "tao-don-vi-0001")];
    let first = send(&app, "POST", "/api/v1/units", &t, Some(unit.clone()), &key).await;
    first.assert(201);
    let again = send(&app, "POST", "/api/v1/units", &t, Some(unit), &key).await;
    again.assert(201);
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(again.body["id"], first.body["id"]);
    let list = app.get("/api/v1/units?q=ORG-IDEM", Some(&t)).await;
    assert_eq!(codes(&list), ["ORG-IDEM"]);
}

#[actix_web::test]
async fn every_write_leaves_an_audit_event() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let me = app.get("/api/v1/me", Some(&t)).await;
    let admin_id = me.body["id"].as_str().unwrap().to_string();
    let created = create_unit(&app, new_unit("ORG-AUDIT", "Đơn vị được kiểm tra")).await;
    let create_request = created.header("x-request-id").expect("X-Request-Id");
    let id = created.body["id"].as_str().unwrap().to_string();
    let updated = app
        .patch(
            &format!("/api/v1/units/{id}"),
            &t,
            "\"1\"",
            json!({"name": "Đơn vị đã kiểm tra", "kind": "enterprise"}),
        )
        .await;
    updated.assert(200);
    let update_request = updated.header("x-request-id").expect("X-Request-Id");
    assert_ne!(create_request, update_request);

    let events = audit_events(&app, &format!("resource_type=unit&resource_id={id}")).await;
    assert_eq!(events.len(), 2, "{events:?}");
    let (update, create) = (&events[0], &events[1]);
    assert_eq!(update["action"], "unit.update", "newest first");
    assert_eq!(create["action"], "unit.create");
    for e in &events {
        assert_eq!(e["actor_username"], "admin");
        assert_eq!(e["actor_id"], admin_id.as_str());
        assert_eq!(e["actor_roles"], json!(["admin"]));
        assert_eq!(e["resource_type"], "unit");
        assert_eq!(e["resource_id"], id.as_str());
    }
    assert_eq!(create["request_id"], create_request.as_str());
    assert_eq!(update["request_id"], update_request.as_str());
    assert_eq!(create["changes"]["code"], "ORG-AUDIT");
    assert_eq!(create["changes"]["name"], "Đơn vị được kiểm tra");
    assert_eq!(
        update["changes"],
        json!({
            "name": {"from": "Đơn vị được kiểm tra", "to": "Đơn vị đã kiểm tra"},
            "kind": {"from": "organisation", "to": "enterprise"},
        })
    );
    // Filters: by action.
    let only = audit_events(&app, &format!("resource_id={id}&action=unit.update")).await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["id"], update["id"]);

    // Groups too.
    let gid = group_id(&app, "CUM-3").await;
    let r = app
        .patch(
            &format!("/api/v1/groups/{gid}"),
            &t,
            "\"1\"",
            json!({"description": "Vùng hạ"}),
        )
        .await;
    r.assert(200);
    let events = audit_events(&app, &format!("resource_type=group&resource_id={gid}")).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["action"], "group.update");
    assert_eq!(
        events[0]["request_id"],
        r.header("x-request-id").unwrap().as_str()
    );
    assert_eq!(
        events[0]["changes"]["description"]["to"], "Vùng hạ",
        "{}",
        events[0]
    );
    assert_eq!(
        events[0]["changes"].as_object().unwrap().len(),
        1,
        "only the description changed"
    );
}

#[actix_web::test]
async fn a_refused_write_leaves_no_record_and_no_audit_event() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    let creates_before = audit_events(&app, "action=unit.create").await.len();
    // Invalid: unknown group (422).
    let mut body = new_unit("ORG-REFUSED", "Đơn vị bị từ chối");
    body["group_id"] = json!(NO_SUCH_ID);
    let r = app.post("/api/v1/units", Some(&t), body.clone()).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["group_id"].is_array(), "{}", r.text);
    // Not allowed (403).
    let head = app.token("unit_head").await;
    body["group_id"] = Value::Null;
    app.post("/api/v1/units", Some(&head), body)
        .await
        .assert_problem(403, "forbidden");
    let r = app.get("/api/v1/units?q=ORG-REFUSED", Some(&t)).await;
    r.assert(200);
    assert!(codes(&r).is_empty(), "{}", r.text);
    assert_eq!(
        audit_events(&app, "action=unit.create").await.len(),
        creates_before
    );

    // A refused change leaves the unit and the trail as they were.
    let id = app.unit_id("SKHCN").await;
    let path = format!("/api/v1/units/{id}");
    app.patch(
        &path,
        &t,
        "\"1\"",
        json!({"valid_to": "2025-02-28", "successor_id": id}),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.patch(&path, &t, "\"9\"", json!({"name": "Sở Khoa học"}))
        .await
        .assert_problem(412, "stale_version");
    let unit = app.get(&path, Some(&t)).await;
    assert_eq!(unit.etag(), "\"1\"");
    assert!(unit.body["valid_to"].is_null());
    assert_eq!(unit.body["name"], "Sở Khoa học và Công nghệ");
    assert!(
        audit_events(&app, &format!("resource_type=unit&resource_id={id}"))
            .await
            .is_empty()
    );
}

#[actix_web::test]
async fn units_are_found_by_code_in_any_case_on_both_backends() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let r = app
        .post("/api/v1/units", Some(&admin), serde_json::json!({"code": "org_under-x", "name": "Hội Tin học Đồng Tháp", "kind": "organisation"}))
        .await;
    r.assert(201);
    for q in ["org_under-x", "ORG_UNDER", "tin%20hoc%20dong%20thap"] {
        let found = app.get(&format!("/api/v1/units?q={q}"), Some(&admin)).await;
        let codes: Vec<&str> = found.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["org_under-x"], "q={q}");
    }
}
