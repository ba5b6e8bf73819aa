//! Messages that say what to do (issue 11 items 11 and 12): a 403 names who may, an
//! unknown value lists the valid ones, a body that does not fit its type names the
//! field's path, a 412 names the current version and ETag, an unquoted If-Match is a
//! header problem, and the dossier's changes hand back the nomination's new ETag.

use crate::fixtures::nominating::{
    create, in_window, open_round, path_of, person, read, upload, PDF, REQUIRED,
};
use crate::fixtures::plans::{act, movement_id, tag};
use crate::helpers::*;
use serde_json::{json, Value};

async fn vi<S: TestService>(app: &TestApp<S>, mut call: Call) -> Reply {
    call.headers.push(("Accept-Language".into(), "vi".into()));
    app.send(call).await
}

fn post(path: &str, token: &str, body: Value, headers: &[(&str, &str)]) -> Call {
    Call {
        method: "POST",
        path: path.into(),
        token: Some(token.into()),
        body: Some(body),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn errors(r: &Reply, field: &str) -> Vec<String> {
    r.body["errors"][field]
        .as_array()
        .unwrap_or_else(|| panic!("no errors.{field}: {}", r.text))
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn a_403_names_who_may() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Trần Thị Bích Ngọc", 1985)).await;
    let r = act(&app, &officer, &path_of(&n), "submit", &tag(&n), None).await;
    r.assert_problem(403, "forbidden");
    assert_eq!(
        r.body["detail"],
        "Only the head of the proposing unit (unit_head) submits a nomination"
    );
    let r = vi(
        &app,
        post(
            &format!("{}/submit", path_of(&n)),
            &officer,
            json!({}),
            &[("If-Match", &tag(&n))],
        ),
    )
    .await;
    r.assert_problem(403, "forbidden");
    assert_eq!(
        r.body["detail"],
        "Chỉ thủ trưởng đơn vị đề nghị (unit_head) gửi hồ sơ đề nghị khen thưởng"
    );
    // Another refusal, its own words.
    let r = app
        .post(
            "/api/v1/groups",
            Some(&officer),
            json!({"code": "K-X", "name": "Khối thử", "kind": "bloc"}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("Only an admin (admin)"),
        "{}",
        r.text
    );
}

#[actix_web::test]
async fn bodies_that_do_not_fit_name_the_field_and_what_is_expected() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    // Unknown variant: the valid values are listed.
    let r = app
        .post(
            "/api/v1/groups",
            Some(&admin),
            json!({"code": "K-X", "name": "Khối thử", "kind": "to_trinh"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        errors(&r, "kind"),
        ["'to_trinh' is not one of the accepted values; expected one of bloc, cluster"]
    );
    // Missing field.
    let r = app
        .post(
            "/api/v1/groups",
            Some(&admin),
            json!({"code": "K-X", "kind": "bloc"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(errors(&r, "name"), ["is required"]);
    assert!(!r.text.contains("line 1"), "{}", r.text);
    // Wrong type, in Vietnamese.
    let r = vi(
        &app,
        post(
            "/api/v1/groups",
            &admin,
            json!({"code": "K-X", "name": 5, "kind": "bloc"}),
            &[],
        ),
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        errors(&r, "name"),
        ["phải là chuỗi ký tự, không phải integer `5`"]
    );
    // A nested field: its path.
    let officer = app.token("unit_officer").await;
    let m = movement_id(&app).await;
    let r = app
        .post(
            "/api/v1/plans",
            Some(&officer),
            json!({"movement_id": m, "kind": "annual", "year": 2025, "title": "Kế hoạch",
                "targets": [{"criterion_id": "0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d", "target_value": 1.0},
                            {"criterion_id": 7, "target_value": 1.0}]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        errors(&r, "targets[1].criterion_id"),
        ["must be an id (a UUID such as 0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d), not integer `7`"]
    );
    // Not JSON at all stays 400.
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/groups".into(),
            token: Some(admin.clone()),
            body: None,
            headers: vec![("Content-Type".into(), "application/json".into())],
        })
        .await;
    assert_eq!(r.status.as_u16(), 400, "{}", r.text);
}

#[actix_web::test]
async fn an_unknown_document_kind_lists_the_kinds() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Lê Văn Hùng", 1980)).await;
    let r = upload(&app, &officer, &n, "to_trinh", "to-trinh.pdf", PDF).await;
    r.assert_problem(422, "validation_failed");
    let msg = &errors(&r, "kind")[0];
    assert!(
        msg.starts_with(
            "'to_trinh' is not a document kind; expected one of proposal_letter, council_minutes"
        ),
        "{msg}"
    );
}

#[actix_web::test]
async fn uploads_hand_back_the_etag_to_submit_with_and_a_412_names_the_current_one() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let n = create(&app, &officer, person(&round, "Phạm Thị Thu Hà", 1990)).await;
    let created_tag = tag(&n);
    let mut etag = String::new();
    for k in REQUIRED {
        let r = upload(&app, &officer, &n, k, &format!("{k}.pdf"), PDF).await;
        r.assert(201);
        etag = r.etag();
    }
    let read_back = read(&app, &officer, &n).await;
    assert_eq!(etag, tag(&read_back));
    // The create's ETag is stale now: the 412 says what is current.
    let r = act(&app, &head, &path_of(&n), "submit", &created_tag, None).await;
    r.assert_problem(412, "stale_version");
    assert_eq!(r.body["current_etag"], etag);
    assert_eq!(
        r.body["current_version"], read_back["version"],
        "{}",
        r.text
    );
    // An unquoted ETag is a header problem.
    let version = read_back["version"].to_string();
    let r = act(&app, &head, &path_of(&n), "submit", &version, None).await;
    r.assert_problem(400, "invalid_header");
    assert_eq!(r.body["title"], "A request header is malformed");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("If-Match: \"7\""),
        "{}",
        r.text
    );
    // Longer than the document's maxLength (24), leading zeros or not: malformed too.
    let r = act(
        &app,
        &head,
        &path_of(&n),
        "submit",
        "\"00000000000000000000001\"",
        None,
    )
    .await;
    r.assert_problem(400, "invalid_header");
    // The last upload's ETag submits without reading again.
    let r = act(&app, &head, &path_of(&n), "submit", &etag, None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
}

#[actix_web::test]
async fn removing_a_file_hands_back_the_new_etag() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Võ Minh Tâm", 1978)).await;
    let up = upload(&app, &officer, &n, "proposal_letter", "to-trinh.pdf", PDF).await;
    up.assert(201);
    let r = app
        .send(Call {
            method: "DELETE",
            path: format!("{}/documents/{}", path_of(&n), id_of(&up.body)),
            token: Some(officer.clone()),
            body: None,
            headers: vec![],
        })
        .await;
    r.assert(204);
    assert_eq!(r.etag(), tag(&read(&app, &officer, &n).await));
    assert_ne!(r.etag(), up.etag());
}

#[actix_web::test]
async fn an_upload_form_with_a_part_it_does_not_know_is_refused_and_stores_nothing() {
    use crate::fixtures::nominating::{multipart, upload_body, BOUNDARY};
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Lê Văn Tám", 1980)).await;
    let mut body =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nghi chú\r\n")
            .into_bytes();
    body.extend(multipart(
        Some("proposal_letter"),
        Some(("to-trinh.pdf", PDF)),
    ));
    let r = upload_body(&app, &officer, &n, body).await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.body["code"], "validation_failed");
    assert!(r.body["errors"]["form"][0]
        .as_str()
        .is_some_and(|m| m.contains("'note'")));
    let docs = app
        .get(&format!("{}/documents", path_of(&n)), Some(&officer))
        .await;
    assert_eq!(docs.status, 200);
    assert_eq!(docs.body["items"].as_array().map(Vec::len), Some(0));
}

#[actix_web::test]
async fn a_reference_that_cannot_be_an_id_is_refused_naming_its_field() {
    let app = spawn_app().await;
    let officer = app.token("unit_officer").await;
    let r = app
        .post(
            "/api/v1/plans",
            Some(&officer),
            json!({"movement_id": "PT-CDS", "kind": "annual", "year": 2025, "title": "Kế hoạch", "targets": []}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let message = &errors(&r, "movement_id")[0];
    assert!(message.contains("is not an id"), "{}", r.text);
    // In Vietnamese too.
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/plans".into(),
            token: Some(officer.clone()),
            body: Some(json!({"movement_id": "PT-CDS", "kind": "annual", "year": 2025, "title": "Kế hoạch", "targets": []})),
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    assert!(
        errors(&r, "movement_id")[0].contains("không phải mã định danh"),
        "{}",
        r.text
    );
    // A filter is a query problem (400), before any read.
    let r = app.get("/api/v1/plans?unit_id=SNV", Some(&officer)).await;
    r.assert_problem(400, "invalid_query");
    assert!(
        r.body["detail"].as_str().unwrap().contains("is not an id"),
        "{}",
        r.text
    );
    // A date longer than YYYY-MM-DD is no date.
    let admin = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/units",
            Some(&admin),
            json!({"code": "X-1", "name": "Đơn vị thử", "kind": "department", "valid_from": "+12026-01-01"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        errors(&r, "valid_from")[0].contains("YYYY-MM-DD"),
        "{}",
        r.text
    );
}

#[actix_web::test]
async fn a_repeated_role_names_the_list() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let unit = app.unit_id("SNV").await;
    for roles in [
        json!(["auditor", "auditor"]),
        json!(["auditor", "auditor", "admin"]),
    ] {
        let r = app
            .post(
                "/api/v1/users",
                Some(&admin),
                json!({"username": "kiem.tra", "full_name": "Kiểm Tra", "unit_id": unit,
                    "roles": roles, "password": "mật-khẩu-rất-dài"}),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(
            errors(&r, "roles"),
            ["lists each value at most once"],
            "{}",
            r.text
        );
    }
}
