//! Parent units (issue 12 item 6): a unit's `parent_id`, shown and filtered on `/units`,
//! set and cleared by admins through the versioned update; a parent that exists over
//! the whole of the unit's period; never a cycle (422 `unit_cycle`); a reorganised unit
//! keeps its sub-units and successor; a unit head's Giấy khen to a sub-unit (at any
//! depth) or a team inside it, never to a unit outside.
//!
//! Demo: SYT has SYT-BVDK (with its ward SYT-BVDK-KCC) and SYT-CDC; STTTT has
//! STTTT-TTCNTT; H-THAPMUOI has the communes TM-MYAN, TM-MYHOA, TM-TRUONGXUAN; H-CAOLANH
//! has CL-MYTHO.

use crate::helpers::*;
use serde_json::{json, Value};

fn codes(r: &Reply) -> Vec<String> {
    r.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("not a page: {}", r.text))
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect()
}

async fn unit<S: TestService>(app: &TestApp<S>, code: &str) -> Reply {
    let admin = app.token("admin").await;
    let id = app.unit_id(code).await;
    let r = app.get(&format!("/api/v1/units/{id}"), Some(&admin)).await;
    r.assert(200);
    r
}

/// PATCH /units/{id} of `code` as `token`, with the ETag read just before.
async fn change<S: TestService>(app: &TestApp<S>, token: &str, code: &str, body: Value) -> Reply {
    let before = unit(app, code).await;
    app.patch(
        &format!("/api/v1/units/{}", id_of(&before.body)),
        token,
        &before.etag(),
        body,
    )
    .await
}

async fn create<S: TestService>(app: &TestApp<S>, body: Value) -> Reply {
    let admin = app.token("admin").await;
    app.post("/api/v1/units", Some(&admin), body).await
}

#[actix_web::test]
async fn units_show_their_parent_and_lists_filter_by_it() {
    let app = spawn_app().await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let r = unit(&app, "TM-TRUONGXUAN").await;
    assert_eq!(r.body["parent_id"], tm.as_str());
    assert_eq!(r.body["group_id"], Value::Null);
    assert_eq!(
        unit(&app, "H-THAPMUOI").await.body["parent_id"],
        Value::Null
    );
    for role in ROLES {
        let t = app.token(role).await;
        let r = app
            .get(&format!("/api/v1/units?parent_id={tm}"), Some(&t))
            .await;
        r.assert(200);
        assert_eq!(
            codes(&r),
            ["TM-MYAN", "TM-MYHOA", "TM-TRUONGXUAN"],
            "{role}"
        );
    }
    let t = app.token("unit_officer").await;
    // Direct sub-units only: the hospital's ward is under the hospital.
    let syt = app.unit_id("SYT").await;
    let r = app
        .get(&format!("/api/v1/units?parent_id={syt}"), Some(&t))
        .await;
    assert_eq!(codes(&r), ["SYT-BVDK", "SYT-CDC"]);
    let r = app
        .get("/api/v1/units?root=false&limit=200", Some(&t))
        .await;
    r.assert(200);
    assert_eq!(
        codes(&r),
        [
            "CL-MYTHO",
            "STTTT-TTCNTT",
            "SYT-BVDK",
            "SYT-BVDK-KCC",
            "SYT-CDC",
            "TM-MYAN",
            "TM-MYHOA",
            "TM-TRUONGXUAN"
        ]
    );
    let r = app.get("/api/v1/units?root=true&limit=200", Some(&t)).await;
    r.assert(200);
    let roots = codes(&r);
    assert_eq!(roots.len(), 41);
    assert!(roots.contains(&"H-THAPMUOI".to_string()));
    assert!(!roots.iter().any(|c| c.starts_with("TM-")));
    // With search and pages as before.
    let r = app
        .get(
            &format!("/api/v1/units?parent_id={tm}&q=truong%20xuan"),
            Some(&t),
        )
        .await;
    assert_eq!(codes(&r), ["TM-TRUONGXUAN"]);
    let r = app
        .get(&format!("/api/v1/units?parent_id={tm}&limit=2"), Some(&t))
        .await;
    assert_eq!(codes(&r), ["TM-MYAN", "TM-MYHOA"]);
    let next = r.body["next_cursor"].as_str().unwrap();
    let r = app
        .get(
            &format!("/api/v1/units?parent_id={tm}&limit=2&cursor={next}"),
            Some(&t),
        )
        .await;
    assert_eq!(codes(&r), ["TM-TRUONGXUAN"]);
    // Filters combine: a sub-unit is never a root.
    let r = app
        .get(&format!("/api/v1/units?parent_id={tm}&root=true"), Some(&t))
        .await;
    r.assert(200);
    assert!(codes(&r).is_empty());
    let r = app
        .get(
            &format!("/api/v1/units?parent_id={tm}&root=false"),
            Some(&t),
        )
        .await;
    assert_eq!(codes(&r).len(), 3);
    app.get(
        &format!("/api/v1/units?parent_id={}", "x".repeat(37)),
        Some(&t),
    )
    .await
    .assert_problem(400, "invalid_query");
}

#[actix_web::test]
async fn admins_set_move_and_clear_a_parent_with_if_match() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let syt = app.unit_id("SYT").await;
    let r = create(
        &app,
        json!({"code": "SYT-BVPHOI", "name": "Bệnh viện Phổi Đồng Tháp", "kind": "organisation",
            "parent_id": syt, "valid_from": "2023-01-01"}),
    )
    .await;
    r.assert(201);
    assert_eq!(r.body["parent_id"], syt.as_str());
    let id = id_of(&r.body);
    // Moved under the general hospital, then back to the province's root.
    let bvdk = app.unit_id("SYT-BVDK").await;
    let r = change(&app, &admin, "SYT-BVPHOI", json!({"parent_id": bvdk})).await;
    r.assert(200);
    assert_eq!(r.body["parent_id"], bvdk.as_str());
    assert_eq!(r.body["version"], 2);
    let r = change(&app, &admin, "SYT-BVPHOI", json!({"parent_id": null})).await;
    r.assert(200);
    assert_eq!(r.body["parent_id"], Value::Null);
    // Other changes leave the parent alone.
    change(&app, &admin, "SYT-BVPHOI", json!({"parent_id": syt}))
        .await
        .assert(200);
    let r = change(
        &app,
        &admin,
        "SYT-BVPHOI",
        json!({"name": "Bệnh viện Phổi tỉnh Đồng Tháp"}),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["parent_id"], syt.as_str());
    // A stale ETag: 412, nothing changed.
    let path = format!("/api/v1/units/{id}");
    app.patch(&path, &admin, "\"1\"", json!({"parent_id": bvdk}))
        .await
        .assert_problem(412, "stale_version");
    assert_eq!(
        unit(&app, "SYT-BVPHOI").await.body["parent_id"],
        syt.as_str()
    );
    // Only admins: everyone else 403, nothing changed.
    for role in ROLES.iter().filter(|r| **r != "admin") {
        let t = app.token(role).await;
        change(&app, &t, "SYT-BVPHOI", json!({"parent_id": bvdk}))
            .await
            .assert_problem(403, "forbidden");
        app.post(
            "/api/v1/units",
            Some(&t),
            json!({"code": "SYT-X", "name": "Đơn vị X", "kind": "organisation", "parent_id": syt}),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    let after = unit(&app, "SYT-BVPHOI").await;
    assert_eq!(after.body["parent_id"], syt.as_str());
    assert_eq!(after.body["version"], 5);
    // Audited with the parent before and after.
    let r = app
        .get(
            &format!("/api/v1/audit-events?limit=200&resource_id={id}"),
            Some(&admin),
        )
        .await;
    r.assert(200);
    let actions: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "unit.update").count(),
        4,
        "{}",
        r.text
    );
    assert!(
        r.text.contains(&bvdk),
        "the audit names the parent: {}",
        r.text
    );
}

#[actix_web::test]
async fn a_unit_is_never_its_own_ancestor() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let syt = app.unit_id("SYT").await;
    let bvdk = app.unit_id("SYT-BVDK").await;
    let kcc = app.unit_id("SYT-BVDK-KCC").await;
    for (code, parent) in [
        ("SYT", &syt),       // itself
        ("SYT", &bvdk),      // its child
        ("SYT", &kcc),       // its grandchild
        ("SYT-BVDK", &kcc),  // its child
        ("SYT-BVDK", &bvdk), // itself
    ] {
        let before = unit(&app, code).await.body;
        let r = change(&app, &admin, code, json!({"parent_id": parent})).await;
        r.assert_problem(422, "unit_cycle");
        assert!(
            r.body["detail"]
                .as_str()
                .unwrap()
                .contains("cannot be its parent"),
            "{}",
            r.text
        );
        assert_eq!(
            unit(&app, code).await.body,
            before,
            "a refused change changes nothing"
        );
    }
    // In Vietnamese too.
    let before = unit(&app, "SYT").await;
    let r = app
        .send(Call {
            method: "PATCH",
            path: format!("/api/v1/units/{syt}"),
            token: Some(admin.clone()),
            body: Some(json!({"parent_id": kcc})),
            headers: vec![
                ("If-Match".into(), before.etag()),
                ("Accept-Language".into(), "vi".into()),
            ],
        })
        .await;
    r.assert_problem(422, "unit_cycle");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("đơn vị cấp trên"),
        "{}",
        r.text
    );
    // A field error comes first: the body is fixed before the cycle is reported.
    let r = change(&app, &admin, "SYT", json!({"parent_id": kcc, "name": ""})).await;
    r.assert_problem(422, "validation_failed");
    // A sibling or a cousin is no cycle.
    let cdc = app.unit_id("SYT-CDC").await;
    change(&app, &admin, "SYT-BVDK-KCC", json!({"parent_id": cdc}))
        .await
        .assert(200);
}

#[actix_web::test]
async fn the_parent_exists_and_covers_the_units_period() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let syt = app.unit_id("SYT").await;
    let r = create(
        &app,
        json!({"code": "SYT-Y", "name": "Đơn vị Y", "kind": "organisation", "parent_id": NO_SUCH_ID}),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["parent_id"].is_array(), "{}", r.text);
    // The demo's units exist from 2022: a sub-unit cannot start before.
    let r = create(
        &app,
        json!({"code": "SYT-Y", "name": "Đơn vị Y", "kind": "organisation", "parent_id": syt,
            "valid_from": "2021-12-31"}),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["parent_id"].is_array(), "{}", r.text);
    // H-CAOLANH cannot end while its commune CL-MYTHO goes on.
    let r = change(&app, &admin, "H-CAOLANH", json!({"valid_to": "2025-06-30"})).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.text.contains("CL-MYTHO"), "{}", r.text);
    assert_eq!(unit(&app, "H-CAOLANH").await.body["valid_to"], Value::Null);
    // Ended parent: a sub-unit may not outlive it.
    change(&app, &admin, "CL-MYTHO", json!({"valid_to": "2025-06-30"}))
        .await
        .assert(200);
    // The 2025 reorganisation: the locality ends and is succeeded; its commune keeps
    // its parent (history stays attached as it was).
    let successor = app.unit_id("TP-CAOLANH").await;
    let r = change(
        &app,
        &admin,
        "H-CAOLANH",
        json!({"valid_to": "2025-06-30", "successor_id": successor}),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["successor_id"], successor.as_str());
    let cl = app.unit_id("H-CAOLANH").await;
    assert_eq!(unit(&app, "CL-MYTHO").await.body["parent_id"], cl.as_str());
    let r = create(
        &app,
        json!({"code": "CL-MOI", "name": "UBND xã Mới", "kind": "locality", "parent_id": cl,
            "valid_from": "2024-01-01"}),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    let r = create(
        &app,
        json!({"code": "CL-MOI", "name": "UBND xã Mới", "kind": "locality", "parent_id": cl,
            "valid_from": "2024-01-01", "valid_to": "2025-06-30"}),
    )
    .await;
    r.assert(201);
    // A commune moved to the successor may go on.
    let r = change(
        &app,
        &admin,
        "CL-MYTHO",
        json!({"parent_id": successor, "valid_to": null}),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["valid_to"], Value::Null);
}

mod giay_khen;
