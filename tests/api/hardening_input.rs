//! Hostile input (issue 9 item 6): control characters in paths, queries, cursors, JSON
//! bodies (escaped and raw), stored headers and multipart fields are refused with a
//! problem and a stable code before any query — PostgreSQL answered 500 for NUL in 18
//! of 23 such inputs — while the whitespace of free text still passes.

use crate::fixtures::nominating::{
    call, collective, create, in_window, open_round, path_of, person, BOUNDARY,
};
use crate::helpers::*;
use actix_web::test;
use base64::Engine;
use serde_json::json;

/// One hostile request and the answer it must get.
struct Case {
    what: &'static str,
    req: test::TestRequest,
    status: u16,
    code: &'static str,
}

fn get(path: &str, token: Option<&str>) -> test::TestRequest {
    let mut r = test::TestRequest::get().uri(path);
    if let Some(t) = token {
        r = r.insert_header(("Authorization", format!("Bearer {t}")));
    }
    r
}

fn post_raw(path: &str, token: &str, body: impl Into<Vec<u8>>) -> test::TestRequest {
    test::TestRequest::post()
        .uri(path)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", "application/json"))
        .set_payload(body.into())
}

fn cursor_of(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn form(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = Vec::new();
    for (disposition, value) in parts {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; {disposition}\r\n\r\n")
                .as_bytes(),
        );
        b.extend_from_slice(value);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    b
}

fn upload(path: &str, token: &str, body: Vec<u8>) -> test::TestRequest {
    test::TestRequest::post()
        .uri(&format!("{path}/documents"))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(body)
}

#[actix_web::test]
async fn control_characters_never_reach_the_database() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let chair = app.token("chair").await;
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let draft = create(&app, &officer, person(&round, "Trần Thị Mỹ Lệ", 1986)).await;
    let draft_path = path_of(&draft);
    let o = Some(officer.as_str());

    let with_body = |mutate: &dyn Fn(&mut serde_json::Value)| {
        let mut b = person(&round, "Nguyễn Văn Bình", 1979);
        mutate(&mut b);
        serde_json::to_vec(&b).unwrap()
    };
    let mut cases = vec![
        Case { what: "NUL in a public path, no token", req: get("/api/v1/public/movements/%00", None), status: 422, code: "control_character" },
        Case { what: "NUL in q", req: get("/api/v1/nominations?q=a%00b", o), status: 422, code: "control_character" },
        Case { what: "NUL in unit_id", req: get("/api/v1/nominations?unit_id=%00", o), status: 422, code: "control_character" },
        Case { what: "NUL in round_id", req: get("/api/v1/nominations?round_id=%00", o), status: 422, code: "control_character" },
        Case { what: "NUL in a parameter's name", req: get("/api/v1/nominations?q%00=x", o), status: 422, code: "control_character" },
        Case { what: "NUL in an id", req: get("/api/v1/nominations/%00", o), status: 422, code: "control_character" },
        Case { what: "NUL in a nested id", req: get(&format!("{draft_path}/documents/%00"), o), status: 422, code: "control_character" },
        Case { what: "NUL in a unit id", req: get("/api/v1/units/%00", o), status: 422, code: "control_character" },
        Case { what: "NUL in a path no route has", req: get("/api/v1/nominat%00ions", o), status: 422, code: "control_character" },
        Case { what: "C1 control in a public filter", req: get("/api/v1/public/awards?q=%C2%85", None), status: 422, code: "control_character" },
        Case { what: "DEL in q", req: get("/api/v1/units?q=%7F", o), status: 422, code: "control_character" },
        Case { what: "a tab in q", req: get("/api/v1/units?q=%C4%91%09", o), status: 422, code: "control_character" },
        Case { what: "a cursor decoding to NUL", req: get("/api/v1/nominations?cursor=AA", o), status: 422, code: "validation_failed" },
        Case { what: "a public cursor with a C1 control", req: get(&format!("/api/v1/public/decisions?cursor={}", cursor_of("2026\u{85}x".as_bytes())), None), status: 422, code: "validation_failed" },
        Case { what: "\\u0000 as round_id", req: post_raw("/api/v1/nominations", &officer, with_body(&|b| b["round_id"] = json!("\u{0}"))), status: 422, code: "control_character" },
        Case { what: "\\u0000 as collective.unit_id", req: post_raw("/api/v1/nominations", &officer, serde_json::to_vec(&{ let mut b = collective(&round, &unit, None); b["collective"]["unit_id"] = json!(format!("{unit}\u{0}")); b }).unwrap()), status: 422, code: "control_character" },
        Case { what: "\\u0001 in free text", req: post_raw("/api/v1/nominations", &officer, with_body(&|b| b["achievement_summary"] = json!("Dẫn đầu\u{1}"))), status: 422, code: "control_character" },
        Case { what: "\\u0000 in a key", req: post_raw("/api/v1/nominations", &officer, r#"{"round_id\u0000": "x"}"#), status: 422, code: "control_character" },
        Case { what: "raw DEL in a name", req: post_raw("/api/v1/nominations", &officer, with_body(&|b| b["individual"]["full_name"] = json!("Lê\u{7f}Văn"))), status: 422, code: "control_character" },
        Case { what: "raw C1 control in a workplace", req: post_raw("/api/v1/nominations", &officer, with_body(&|b| b["individual"]["workplace"] = json!("UBND\u{85}Huyện"))), status: 422, code: "control_character" },
        Case { what: "raw NUL byte in a body", req: post_raw("/api/v1/nominations", &officer, b"{\"round_id\":\"\x00\"}".to_vec()), status: 422, code: "control_character" },
        Case { what: "\\u001f as a decision's round_id", req: post_raw("/api/v1/decisions", &chair, serde_json::to_vec(&json!({"round_id": "\u{1f}", "number": "77/QĐ-UBND", "signed_on": "2026-11-26", "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": [id_of(&draft)]})).unwrap()), status: 422, code: "control_character" },
        Case { what: "a tab in If-Match", req: test::TestRequest::patch().uri(&draft_path).insert_header(("Authorization", format!("Bearer {officer}"))).insert_header(("If-Match", "\"1\t\"")).set_json(json!({"clean_record": true})), status: 422, code: "control_character" },
        Case { what: "a tab in Idempotency-Key", req: post_raw("/api/v1/nominations", &officer, with_body(&|_| ())).insert_header(("Idempotency-Key", "k\t1")), status: 422, code: "control_character" },
        Case { what: "NUL in a form value", req: upload(&draft_path, &officer, form(&[("name=\"kind\"", b"proposal_letter\x00"), ("name=\"file\"; filename=\"to-trinh.pdf\"", b"%PDF-1.4\n")])), status: 422, code: "control_character" },
        Case { what: "a C1 control in a file name", req: upload(&draft_path, &officer, form(&[("name=\"kind\"", b"proposal_letter"), ("name=\"file\"; filename=\"T\u{1edd} tr\u{ec}nh\u{85}.pdf\"", b"%PDF-1.4\n")])), status: 422, code: "control_character" },
        Case { what: "a tab in a file name", req: upload(&draft_path, &officer, form(&[("name=\"kind\"", b"proposal_letter"), ("name=\"file\"; filename=\"a\tb.pdf\"", b"%PDF-1.4\n")])), status: 422, code: "control_character" },
        Case { what: "NUL in a part's header", req: upload(&draft_path, &officer, form(&[("name=\"kind\"", b"proposal_letter"), ("name=\"file\"; filename=\"a\u{0}b.pdf\"", b"%PDF-1.4\n")])), status: 400, code: "malformed_request" },
    ];
    let total = cases.len();
    for case in cases.drain(..) {
        let r = call(&app, case.req).await.reply();
        assert_eq!(r.status.as_u16(), case.status, "{}: {}", case.what, r.text);
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/problem+json"),
            "{}",
            case.what
        );
        assert_eq!(r.code(), case.code, "{}: {}", case.what, r.text);
        if case.code == "control_character" {
            assert!(
                r.body["code_point"].as_str().unwrap().starts_with("U+"),
                "{}",
                r.text
            );
            assert!(r.body["in"].is_string(), "{}", r.text);
        }
    }
    assert_eq!(total, 28);
    // Nothing was stored by any of them.
    let mine = app.get("/api/v1/nominations?limit=200", o).await;
    mine.assert(200);
    let names: Vec<&str> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["nominee_name"].as_str())
        .collect();
    assert!(!names.contains(&"Nguyễn Văn Bình"), "{names:?}");
}

#[actix_web::test]
async fn the_problem_says_where_and_which_in_both_languages() {
    let app = spawn_app().await;
    let r = app
        .send(Call {
            method: "GET",
            path: "/api/v1/public/movements?q=%C2%9F".into(),
            token: None,
            body: None,
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    r.assert_problem(422, "control_character");
    assert_eq!(r.body["in"], "query");
    assert_eq!(r.body["code_point"], "U+009F");
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("ký tự điều khiển U+009F"),
        "{}",
        r.text
    );
    let officer = app.token("unit_officer").await;
    let r = call(
        &app,
        post_raw("/api/v1/nominations", &officer, r#"{"round_id":"x\u0000"}"#),
    )
    .await
    .reply();
    r.assert_problem(422, "control_character");
    assert_eq!(
        (r.body["in"].as_str(), r.body["offset"].as_u64()),
        (Some("body"), Some(14))
    );
}

#[actix_web::test]
async fn free_text_keeps_its_newlines_and_escaped_backslashes() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let mut body = person(&round, "Phạm Thị Thu Hà", 1990);
    body["achievement_summary"] =
        json!("Năm 2024:\r\n\t- Dẫn đầu khối.\n- Lưu hồ sơ ở C:\\u0000\\hồ sơ.");
    let n = create(&app, &officer, body).await;
    assert_eq!(
        n["achievement_summary"],
        "Năm 2024:\r\n\t- Dẫn đầu khối.\n- Lưu hồ sơ ở C:\\u0000\\hồ sơ."
    );
    let r = app
        .get(
            "/api/v1/units?q=%C4%90%E1%BB%93ng%20Th%C3%A1p",
            Some(&officer),
        )
        .await;
    r.assert(200);
}
