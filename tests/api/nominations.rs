//! Nominations (đề nghị khen thưởng) in the unit's part of the workflow: drafting inside
//! the round's window, the duplicate rule, the dossier (multipart upload checked by
//! content and size, listing, download under a Vietnamese name, removal), submitting a
//! complete dossier (then frozen), DIC returning it, withdrawal, who may see and do what,
//! versions (If-Match), history and list filters.
//!
//! The demo's nominations are in the interim round SK-2022-2023 (closed), but for a few
//! drafts of other units in the final round TK-2022-2025, open (window
//! 2025-10-01…2026-12-31): lists here filter by that round. The clock is fixed inside
//! the open window.

use crate::fixtures::nominating::*;
use crate::fixtures::plans::{act, at, fresh_unit, history, ids, movement_id, step, tag};
use crate::helpers::*;
use actix_web::http::StatusCode;
use actix_web::test;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::fixtures::files;
use std::sync::LazyLock;

static PNG: LazyLock<Vec<u8>> = LazyLock::new(files::png);
static JPEG: LazyLock<Vec<u8>> = LazyLock::new(files::jpeg);
static DOCX: LazyLock<Vec<u8>> = LazyLock::new(files::docx);

/// The required kinds, sorted, but for those given.
fn required_but(present: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = REQUIRED
        .iter()
        .filter(|k| !present.contains(k))
        .map(|k| k.to_string())
        .collect();
    out.sort();
    out
}

async fn download<S: TestService>(app: &TestApp<S>, token: &str, location: &str) -> Raw {
    let req = test::TestRequest::get()
        .uri(location)
        .insert_header(("Authorization", format!("Bearer {token}")));
    call(app, req).await
}

async fn delete<S: TestService>(app: &TestApp<S>, token: &str, location: &str) -> Reply {
    app.send(Call {
        method: "DELETE",
        path: location.into(),
        token: Some(token.into()),
        body: None,
        headers: vec![],
    })
    .await
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[actix_web::test]
async fn individual_and_collective_nominations_are_drafted_in_the_open_round() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;

    // An individual, by the unit officer.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Nguyễn Thị Hoa", 1985),
        )
        .await;
    r.assert(201);
    let n = r.body.clone();
    assert_eq!(r.header("location"), Some(path_of(&n)));
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(n["status"], "draft");
    assert_eq!(n["version"], 1);
    assert_eq!(n["round_id"], round.as_str());
    assert_eq!(n["movement_id"], m.as_str());
    assert_eq!(n["unit_id"], unit.as_str(), "the caller's unit by default");
    assert_eq!(n["award_form"], "provincial_merit");
    assert_eq!(n["nominee_kind"], "individual");
    assert_eq!(n["nominee_name"], "Nguyễn Thị Hoa");
    assert_eq!(n["individual"]["full_name"], "Nguyễn Thị Hoa");
    assert_eq!(n["individual"]["gender"], "female");
    assert_eq!(n["individual"]["birth_year"], 1985);
    assert_eq!(n["individual"]["workplace"], "UBND Huyện Tháp Mười");
    assert!(n["collective"].is_null());
    assert_eq!(n["clean_record"], true);
    assert!(n["submitted_at"].is_null() && n["return_reason"].is_null());
    assert_eq!(n["created_at"], "2026-11-26T03:00:00Z");
    assert_eq!(
        missing(&n),
        required_but(&[]),
        "every required kind is missing"
    );
    assert_eq!(n["dossier"]["documents"], 0);
    let again = read(&app, &officer, &n).await;
    assert_eq!(again, n);

    // The unit itself as a collective, by the head.
    let head = app.token("unit_head").await;
    let c = create(&app, &head, collective(&round, &unit, None)).await;
    assert_eq!(c["nominee_kind"], "collective");
    assert_eq!(c["nominee_name"], "UBND Huyện Tháp Mười");
    assert_eq!(c["collective"]["unit_id"], unit.as_str());
    assert!(c["collective"]["team_name"].is_null());
    assert_eq!(c["collective"]["women_share_percent"], 72.5);
    assert!(c["individual"].is_null());
    assert_eq!(missing(&c), required_but(&[]));

    // A named collective inside the unit.
    let team = create(
        &app,
        &officer,
        collective(&round, &unit, Some("Phòng Văn hóa và Thông tin")),
    )
    .await;
    assert_eq!(team["nominee_name"], "Phòng Văn hóa và Thông tin");
    assert_eq!(
        team["collective"]["team_name"],
        "Phòng Văn hóa và Thông tin"
    );

    // The nominee must match the kind.
    let mut wrong = person(&round, "Lê Văn Tám", 1990);
    wrong["nominee_kind"] = json!("collective");
    let r = app.post("/api/v1/nominations", Some(&officer), wrong).await;
    r.assert(422);
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Lê Văn Tám", 1850),
        )
        .await;
    r.assert(422);
    assert!(r.text.contains("individual.birth_year"), "{}", r.text);
}

#[actix_web::test]
async fn nominations_are_accepted_only_inside_the_rounds_window() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let closed = round_id(&app, "SK-2022-2023").await;
    let open = open_round(&app).await;

    // The interim round closed on 30 November 2023.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&closed, "Nguyễn Thị Hoa", 1985),
        )
        .await;
    r.assert_problem(409, "round_closed");
    assert_eq!(r.body["opens_on"], "2023-10-01");
    assert_eq!(r.body["closes_on"], "2023-11-30");

    // Before the final round opened.
    app.state.clock.set(at(2025, 9, 30, 3, 0, 0));
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&open, "Nguyễn Thị Hoa", 1985),
        )
        .await;
    r.assert_problem(409, "round_closed");

    // Drafted inside the window, but submitted after it closed.
    in_window(&app);
    let n = create(&app, &officer, person(&open, "Nguyễn Thị Hoa", 1985)).await;
    let n = complete_dossier(&app, &officer, &n).await;
    app.state.clock.set(at(2027, 1, 2, 3, 0, 0));
    let r = act(&app, &head, &path_of(&n), "submit", &tag(&n), None).await;
    r.assert_problem(409, "round_closed");
    assert_eq!(read(&app, &officer, &n).await["status"], "draft");

    // An unknown round.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person("01936f4e-0000-7000-8000-000000000000", "Lê Văn Tám", 1990),
        )
        .await;
    r.assert(404);
}

#[actix_web::test]
async fn the_same_nominee_is_nominated_once_per_round_until_withdrawn() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;

    let first = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    // Same name without diacritics, other case, same year of birth: the same person.
    for name in ["nguyen thi hoa", "NGUYỄN THỊ HOA", "  Nguyễn  Thị Hoa "] {
        let r = app
            .post(
                "/api/v1/nominations",
                Some(&officer),
                person(&round, name, 1985),
            )
            .await;
        r.assert_problem(409, "duplicate_nomination");
        assert_eq!(r.body["nomination_id"], first["id"], "{}", r.text);
    }
    // Another unit proposing the same person in the same round is refused too.
    let (_, other_head) = fresh_unit(&app, "T-NOM-DUP", None).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&other_head),
            person(&round, "Nguyen Thi Hoa", 1985),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    // Another year of birth is another person.
    create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1986)).await;

    // The same unit as a collective twice; the same named collective twice.
    create(&app, &officer, collective(&round, &unit, None)).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            collective(&round, &unit, None),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    create(
        &app,
        &officer,
        collective(&round, &unit, Some("Phòng Văn hóa và Thông tin")),
    )
    .await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            collective(&round, &unit, Some("phong van hoa va thong tin")),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");

    // Once the first is withdrawn, the person may be nominated again.
    let r = act(
        &app,
        &officer,
        &path_of(&first),
        "withdraw",
        &tag(&first),
        None,
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "withdrawn");
    let again = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    assert_ne!(again["id"], first["id"]);
    // ... and not a third time.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Nguyễn Thị Hoa", 1985),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert_eq!(r.body["nomination_id"], again["id"]);

    // Renaming another draft into the same person is refused as well.
    let other = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    let r = app
        .patch(
            &path_of(&other),
            &officer,
            &tag(&other),
            json!({"individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
                "position": "Chuyên viên", "workplace": "UBND Huyện Tháp Mười"}}),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
}

#[actix_web::test]
async fn only_the_units_officers_and_head_draft_its_nominations() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    for role in [
        "chair",
        "dic_officer",
        "home_affairs_officer",
        "admin",
        "auditor",
    ] {
        let t = app.token(role).await;
        let r = app
            .post(
                "/api/v1/nominations",
                Some(&t),
                person(&round, "Nguyễn Thị Hoa", 1985),
            )
            .await;
        r.assert_problem(403, "forbidden");
    }
    let r = app
        .post(
            "/api/v1/nominations",
            None,
            person(&round, "Nguyễn Thị Hoa", 1985),
        )
        .await;
    r.assert(401);
    // Not for another unit.
    let officer = app.token("unit_officer").await;
    let other = app.unit_id("TP-SADEC").await;
    let mut body = person(&round, "Nguyễn Thị Hoa", 1985);
    body["unit_id"] = json!(other);
    let r = app.post("/api/v1/nominations", Some(&officer), body).await;
    r.assert_problem(403, "forbidden");
    // Nothing was drafted.
    let auditor = app.token("auditor").await;
    let r = app
        .get("/api/v1/nominations?q=nguyen%20thi%20hoa", Some(&auditor))
        .await;
    r.assert(200);
    assert_eq!(ids(&r).len(), 0, "{}", r.text);
}

#[actix_web::test]
async fn a_dossier_is_uploaded_listed_downloaded_and_changed_while_a_draft() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let letter: Vec<u8> = files::pdf_with("Tờ trình số 12/TTr-UBND");

    let files: [(&str, &str, &[u8], &str); 6] = [
        (
            "proposal_letter",
            "Tờ trình số 12.pdf",
            &letter,
            "application/pdf",
        ),
        (
            "council_minutes",
            "Biên bản họp Hội đồng.PDF",
            PDF,
            "application/pdf",
        ),
        (
            "achievement_report",
            "Báo cáo thành tích.docx",
            &DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("achievement_summary", "trich-ngang.png", &PNG, "image/png"),
        (
            "movement_report",
            "bao-cao-tong-ket.jpg",
            &JPEG,
            "image/jpeg",
        ),
        ("launch_plan", "ke-hoach.pdf", PDF, "application/pdf"),
    ];
    let mut docs = vec![];
    let mut version = 1;
    for (i, (kind, name, bytes, media)) in files.iter().enumerate() {
        let r = upload(&app, &officer, &n, kind, name, bytes).await;
        r.assert(201);
        let d = r.body.clone();
        assert_eq!(d["kind"], *kind);
        assert_eq!(d["file_name"], *name);
        assert_eq!(d["media_type"], *media, "judged by content");
        assert_eq!(d["size_bytes"], bytes.len());
        assert_eq!(d["sha256"], sha256(bytes));
        assert_eq!(d["uploaded_by"], "unit_officer");
        assert_eq!(d["uploaded_at"], "2026-11-26T03:00:00Z");
        assert!(d["removed_at"].is_null());
        assert_eq!(
            r.header("location"),
            Some(format!(
                "{}/documents/{}",
                path_of(&n),
                d["id"].as_str().unwrap()
            ))
        );
        // The dossier is part of the nomination: its version moves.
        let now = read(&app, &officer, &n).await;
        assert!(now["version"].as_i64().unwrap() > version, "{now}");
        version = now["version"].as_i64().unwrap();
        assert_eq!(missing(&now), required_but(&REQUIRED[..=i]), "{now}");
        assert_eq!(now["dossier"]["documents"], i + 1);
        docs.push((r.header("location").unwrap(), d));
    }

    // The list: every file, without content.
    let r = app
        .get(&format!("{}/documents", path_of(&n)), Some(&officer))
        .await;
    r.assert(200);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    let mut listed: Vec<&str> = items.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    listed.sort();
    let mut want = REQUIRED.to_vec();
    want.sort();
    assert_eq!(listed, want);
    assert!(items.iter().all(|d| d.get("content").is_none()));

    // Download: the same bytes, the type, the Vietnamese name.
    let (loc, _) = &docs[0];
    let f = download(&app, &officer, loc).await;
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.bytes, letter);
    assert_eq!(f.header("content-type").as_deref(), Some("application/pdf"));
    let cd = f.header("content-disposition").unwrap();
    assert!(cd.starts_with("attachment"), "{cd}");
    assert!(
        cd.contains("filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf"),
        "{cd}"
    );
    let (loc, _) = &docs[3];
    let f = download(&app, &officer, loc).await;
    assert_eq!(f.bytes, *PNG);
    assert_eq!(f.header("content-type").as_deref(), Some("image/png"));
    // An unknown file.
    let r = download(
        &app,
        &officer,
        &format!(
            "{}/documents/01936f4e-0000-7000-8000-000000000000",
            path_of(&n)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Remove one while a draft: missing again, hidden from the list, still readable.
    let (loc, d) = &docs[1];
    delete(&app, &officer, loc).await.assert(204);
    let now = read(&app, &officer, &n).await;
    assert_eq!(missing(&now), ["council_minutes"]);
    assert_eq!(now["dossier"]["documents"], 5);
    let r = app
        .get(&format!("{}/documents", path_of(&n)), Some(&officer))
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 5);
    assert!(!r.text.contains(d["id"].as_str().unwrap()));
    let r = app
        .get(
            &format!("{}/documents?include_removed=true", path_of(&n)),
            Some(&officer),
        )
        .await;
    let removed = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == d["id"])
        .unwrap_or_else(|| panic!("removed file not listed: {}", r.text))
        .clone();
    assert_eq!(removed["removed_at"], "2026-11-26T03:00:00Z");
    let f = download(&app, &officer, loc).await;
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.bytes, PDF);
    // Removing it twice: 404.
    delete(&app, &officer, loc).await.assert(404);
    // A replacement completes the dossier again; the head may upload too.
    let head = app.token("unit_head").await;
    let r = upload(&app, &head, &n, "council_minutes", "bien-ban-moi.pdf", PDF).await;
    r.assert(201);
    assert_eq!(r.body["uploaded_by"], "unit_head");
    assert!(missing(&read(&app, &officer, &n).await).is_empty());
    // `other` documents are welcome and never required.
    upload(&app, &officer, &n, "other", "anh-minh-hoa.jpeg", &JPEG)
        .await
        .assert(201);
}

#[actix_web::test]
async fn dossier_files_are_judged_by_their_content() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;

    // A PDF renamed .exe.
    upload(&app, &officer, &n, "proposal_letter", "to-trinh.exe", PDF)
        .await
        .assert_problem(415, "unsupported_media_type");
    // A .pdf that is not a PDF.
    upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "to-trinh.pdf",
        b"this says PDF but is text",
    )
    .await
    .assert_problem(415, "unsupported_media_type");
    // An executable named .pdf.
    upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "to-trinh.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00",
    )
    .await
    .assert_problem(415, "unsupported_media_type");
    // A PNG named .pdf; a plain ZIP named .docx; no extension.
    upload(&app, &officer, &n, "proposal_letter", "to-trinh.pdf", &PNG)
        .await
        .assert_problem(415, "unsupported_media_type");
    upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "to-trinh.docx",
        b"PK\x03\x04 just a zip",
    )
    .await
    .assert_problem(422, "invalid_file");
    upload(&app, &officer, &n, "proposal_letter", "to-trinh", PDF)
        .await
        .assert_problem(415, "unsupported_media_type");

    // The form itself: an unknown kind, no kind, no file, an empty file.
    upload(&app, &officer, &n, "giay_to_khac", "a.pdf", PDF)
        .await
        .assert(422);
    upload_body(&app, &officer, &n, multipart(None, Some(("a.pdf", PDF))))
        .await
        .assert(422);
    upload_body(&app, &officer, &n, multipart(Some("proposal_letter"), None))
        .await
        .assert(422);
    upload(&app, &officer, &n, "proposal_letter", "a.pdf", b"")
        .await
        .assert(422);

    // Nothing was stored and the nomination did not change.
    let r = app
        .get(
            &format!("{}/documents?include_removed=true", path_of(&n)),
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"], json!([]));
    let now = read(&app, &officer, &n).await;
    assert_eq!(now["version"], 1);
    assert_eq!(missing(&now), required_but(&[]));
}

#[actix_web::test]
async fn a_file_over_the_size_limit_is_refused() {
    let app = spawn_app_with(&[("THIDUA_UPLOAD_LIMIT_BYTES", "2048")]).await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;

    let big = files::pdf_of_size(3000);
    upload(&app, &officer, &n, "proposal_letter", "lon.pdf", &big)
        .await
        .assert_problem(413, "payload_too_large");
    let exact = files::pdf_of_size(2048);
    let r = upload(&app, &officer, &n, "proposal_letter", "vua.pdf", &exact).await;
    r.assert(201);
    assert_eq!(r.body["size_bytes"], 2048);
    assert_eq!(r.body["sha256"], sha256(&exact));
    let r = app
        .get(&format!("{}/documents", path_of(&n)), Some(&officer))
        .await;
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn submitting_needs_the_head_and_a_complete_dossier_which_then_freezes() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    upload(&app, &officer, &n, "proposal_letter", "to-trinh.pdf", PDF)
        .await
        .assert(201);
    upload(&app, &officer, &n, "launch_plan", "ke-hoach.pdf", PDF)
        .await
        .assert(201);
    let n = read(&app, &officer, &n).await;
    let path = path_of(&n);

    // Incomplete: 422 listing what is missing.
    let r = act(&app, &head, &path, "submit", &tag(&n), None).await;
    r.assert_problem(422, "dossier_incomplete");
    assert_eq!(
        kinds(&r.body["missing"]),
        required_but(&["proposal_letter", "launch_plan"])
    );
    for k in [
        "council_minutes",
        "achievement_report",
        "achievement_summary",
    ] {
        upload(&app, &officer, &n, k, "tep.pdf", PDF)
            .await
            .assert(201);
    }
    let n = read(&app, &officer, &n).await;
    let r = act(&app, &head, &path, "submit", &tag(&n), None).await;
    r.assert_problem(422, "dossier_incomplete");
    assert_eq!(kinds(&r.body["missing"]), ["movement_report"]);
    let r = upload(&app, &officer, &n, "movement_report", "bao-cao.pdf", PDF).await;
    r.assert(201);
    let doc_location = r.header("location").unwrap();
    let n = read(&app, &officer, &n).await;

    // The officer may not sign off; nor may anyone outside the unit (to whom another
    // unit's draft does not exist, but to the auditor, who reads everything).
    act(&app, &officer, &path, "submit", &tag(&n), None)
        .await
        .assert_problem(403, "forbidden");
    for role in ["chair", "admin", "dic_officer", "home_affairs_officer"] {
        let t = app.token(role).await;
        act(&app, &t, &path, "submit", &tag(&n), None)
            .await
            .assert_problem(404, "not_found");
    }
    let auditor = app.token("auditor").await;
    act(&app, &auditor, &path, "submit", &tag(&n), None)
        .await
        .assert_problem(403, "forbidden");
    // The head submits, with a comment.
    app.state.clock.set(at(2026, 11, 27, 2, 0, 0));
    let r = act(
        &app,
        &head,
        &path,
        "submit",
        &tag(&n),
        Some(json!({"comment": "Kính trình Sở xem xét."})),
    )
    .await;
    r.assert(200);
    let s = r.body.clone();
    assert_eq!(s["status"], "submitted");
    assert_eq!(s["submitted_at"], "2026-11-27T02:00:00Z");
    assert_eq!(r.etag(), tag(&s));
    assert_eq!(s["version"], n["version"].as_i64().unwrap() + 1);

    // Frozen: no upload, no removal, no change, no second submission.
    let r = upload(&app, &officer, &s, "other", "them.pdf", PDF).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    let r = delete(&app, &officer, &doc_location).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    let r = app
        .patch(
            &path,
            &officer,
            &tag(&s),
            json!({"achievement_summary": "Sửa sau khi gửi."}),
        )
        .await;
    r.assert_problem(409, "invalid_state");
    let r = act(&app, &head, &path, "submit", &tag(&s), None).await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "submitted");
    let after = read(&app, &officer, &s).await;
    assert_eq!(after["version"], s["version"]);
    assert_eq!(after["dossier"]["documents"], 6);
    // The files stay readable.
    let f = download(&app, &officer, &doc_location).await;
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.bytes, PDF);
}

#[actix_web::test]
async fn dic_returns_with_a_reason_and_the_unit_corrects_and_resubmits() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let s = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let path = path_of(&s);

    // A reason is mandatory; only DIC returns a submitted nomination.
    act(
        &app,
        &dic,
        &path,
        "return",
        &tag(&s),
        Some(json!({"reason": "  "})),
    )
    .await
    .assert(422);
    for role in ["home_affairs_officer", "chair", "unit_head", "auditor"] {
        let t = app.token(role).await;
        let r = act(
            &app,
            &t,
            &path,
            "return",
            &tag(&s),
            Some(json!({"reason": "Thiếu số liệu."})),
        )
        .await;
        r.assert_problem(403, "forbidden");
    }
    app.state.clock.set(at(2026, 11, 28, 8, 30, 0));
    let reason = "Đề nghị bổ sung biên bản họp Hội đồng có đủ chữ ký.";
    let r = act(
        &app,
        &dic,
        &path,
        "return",
        &tag(&s),
        Some(json!({"reason": reason})),
    )
    .await;
    r.assert(200);
    let ret = r.body.clone();
    assert_eq!(ret["status"], "returned");
    assert_eq!(ret["return_reason"], reason);
    // Returning twice: wrong state.
    let r = act(
        &app,
        &dic,
        &path,
        "return",
        &tag(&ret),
        Some(json!({"reason": reason})),
    )
    .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "returned");

    // Editable again: the unit replaces a file and changes the summary.
    let docs = app.get(&format!("{path}/documents"), Some(&officer)).await;
    let minutes = docs.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "council_minutes")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    delete(&app, &officer, &format!("{path}/documents/{minutes}"))
        .await
        .assert(204);
    upload(
        &app,
        &officer,
        &ret,
        "council_minutes",
        "Biên bản có chữ ký.pdf",
        PDF,
    )
    .await
    .assert(201);
    let now = read(&app, &officer, &ret).await;
    let r = app
        .patch(
            &path,
            &officer,
            &tag(&now),
            json!({"achievement_summary": "Bổ sung: chủ trì xây dựng bản đồ số nông nghiệp huyện."}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["status"], "returned", "editing does not submit");
    let now = r.body.clone();

    // Resubmitted: the reason is cleared.
    app.state.clock.set(at(2026, 11, 30, 2, 0, 0));
    let r = act(&app, &head, &path, "submit", &tag(&now), None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    assert!(r.body["return_reason"].is_null(), "{}", r.text);
    assert_eq!(r.body["submitted_at"], "2026-11-30T02:00:00Z");
    assert_eq!(
        r.body["achievement_summary"],
        "Bổ sung: chủ trì xây dựng bản đồ số nông nghiệp huyện."
    );

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
            "2026-11-26T03:00:00Z",
            "2026-11-26T03:00:00Z",
            "2026-11-28T08:30:00Z",
            "2026-11-30T02:00:00Z"
        ]
    );
}

#[actix_web::test]
async fn the_unit_withdraws_before_consolidation() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;

    // A submitted nomination: DIC may not withdraw it, the unit may.
    let s = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let path = path_of(&s);
    for t in [&dic, &app.token("chair").await] {
        act(&app, t, &path, "withdraw", &tag(&s), None)
            .await
            .assert_problem(403, "forbidden");
    }
    let r = act(
        &app,
        &head,
        &path,
        "withdraw",
        &tag(&s),
        Some(json!({"comment": "Đơn vị rút hồ sơ để hoàn thiện."})),
    )
    .await;
    r.assert(200);
    let w = r.body.clone();
    assert_eq!(w["status"], "withdrawn");
    // Final: no step leads out of it, and the dossier stays frozen.
    for (action, body) in [
        ("withdraw", None),
        ("submit", None),
        ("return", Some(json!({"reason": "Không hợp lệ."}))),
    ] {
        let t = if action == "return" { &dic } else { &head };
        let r = act(&app, t, &path, action, &tag(&w), body).await;
        r.assert_problem(409, "invalid_state");
        assert_eq!(r.body["current_state"], "withdrawn", "{action}");
    }
    let r = upload(&app, &officer, &w, "other", "them.pdf", PDF).await;
    r.assert_problem(409, "invalid_state");
    let h = history(&app, &officer, &path).await;
    assert_eq!(h.len(), 3);
    assert_eq!(
        (
            h[2].0.as_str(),
            h[2].1.as_str(),
            h[2].2.as_str(),
            h[2].3.as_str()
        ),
        ("withdraw", "submitted", "withdrawn", "unit_head")
    );
    assert_eq!(h[2].5, json!("Đơn vị rút hồ sơ để hoàn thiện."));

    // A draft is withdrawn by the officer; so is a returned one.
    let d = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    let r = act(&app, &officer, &path_of(&d), "withdraw", &tag(&d), None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "withdrawn");
    let s = submitted(&app, person(&round, "Lê Thị Cúc", 1990)).await;
    let r = act(
        &app,
        &dic,
        &path_of(&s),
        "return",
        &tag(&s),
        Some(json!({"reason": "Bổ sung hồ sơ."})),
    )
    .await;
    r.assert(200);
    let r = act(
        &app,
        &officer,
        &path_of(&s),
        "withdraw",
        &tag(&r.body),
        None,
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "withdrawn");
}

#[actix_web::test]
async fn another_units_draft_is_invisible_and_reviewers_see_it_once_submitted() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let (_, other_head) = fresh_unit(&app, "T-NOM-VIS", None).await;

    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let n = complete_dossier(&app, &officer, &n).await;
    let path = path_of(&n);
    let docs = app.get(&format!("{path}/documents"), Some(&officer)).await;
    let doc = format!(
        "{path}/documents/{}",
        docs.body["items"][0]["id"].as_str().unwrap()
    );

    // A draft: 404 to another unit's head and to DIC, everywhere.
    for t in [&other_head, &dic] {
        app.get(&path, Some(t))
            .await
            .assert_problem(404, "not_found");
        app.get(&format!("{path}/documents"), Some(t))
            .await
            .assert(404);
        app.get(&format!("{path}/history"), Some(t))
            .await
            .assert(404);
        assert_eq!(download(&app, t, &doc).await.status, StatusCode::NOT_FOUND);
        app.patch(&path, t, &tag(&n), json!({"clean_record": false}))
            .await
            .assert(404);
        act(&app, t, &path, "submit", &tag(&n), None)
            .await
            .assert(404);
        act(&app, t, &path, "withdraw", &tag(&n), None)
            .await
            .assert(404);
        upload(&app, t, &n, "other", "x.pdf", PDF).await.assert(404);
        delete(&app, t, &doc).await.assert(404);
        let r = app
            .get(&format!("/api/v1/nominations?round_id={round}"), Some(t))
            .await;
        r.assert(200);
        assert!(ids(&r).is_empty(), "{}", r.text);
    }
    // The auditor reads everything; nobody changed anything.
    let auditor = app.token("auditor").await;
    let r = app.get(&path, Some(&auditor)).await;
    r.assert(200);
    assert_eq!(r.body["version"], n["version"]);

    // Submitted: DIC sees it, its dossier and history; the other unit still does not.
    let r = act(&app, &head, &path, "submit", &tag(&n), None).await;
    r.assert(200);
    let r = app.get(&path, Some(&dic)).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");
    let r = app.get(&format!("{path}/documents"), Some(&dic)).await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 6);
    let f = download(&app, &dic, &doc).await;
    assert_eq!(f.status, StatusCode::OK);
    assert_eq!(f.bytes, PDF);
    app.get(&format!("{path}/history"), Some(&dic))
        .await
        .assert(200);
    let r = app
        .get(&format!("/api/v1/nominations?round_id={round}"), Some(&dic))
        .await;
    assert_eq!(ids(&r), [n["id"].as_str().unwrap()]);
    // DIC reads but does not change the unit's dossier.
    upload(&app, &dic, &n, "other", "x.pdf", PDF)
        .await
        .assert_problem(403, "forbidden");
    app.get(&path, Some(&other_head)).await.assert(404);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={round}"),
            Some(&other_head),
        )
        .await;
    assert!(ids(&r).is_empty(), "{}", r.text);
    // Anonymous callers see nothing.
    app.get(&path, None).await.assert(401);
    app.get("/api/v1/nominations", None).await.assert(401);
}

#[actix_web::test]
async fn nomination_changes_and_steps_need_the_current_version() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let path = path_of(&n);

    let r = app
        .patch(
            &path,
            &officer,
            "\"1\"",
            json!({"achievement_summary": "Phiên bản hai."}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.etag(), "\"2\"");
    // Someone else read version 1: refused, nothing changed.
    let r = app
        .patch(
            &path,
            &head,
            "\"1\"",
            json!({"achievement_summary": "Ghi đè."}),
        )
        .await;
    r.assert_problem(412, "stale_version");
    // An upload moves the version too: a submit with the version read before is stale.
    let n = complete_dossier(&app, &officer, &n).await;
    assert_eq!(n["achievement_summary"], "Phiên bản hai.");
    act(&app, &head, &path, "submit", "\"2\"", None)
        .await
        .assert_problem(412, "stale_version");
    assert_eq!(read(&app, &head, &n).await["status"], "draft");
    // Without If-Match: 428.
    let r = app
        .send(Call {
            method: "POST",
            path: format!("{path}/submit"),
            token: Some(head.clone()),
            body: None,
            headers: vec![],
        })
        .await;
    r.assert(428);
    let r = app
        .send(Call {
            method: "PATCH",
            path: path.clone(),
            token: Some(officer.clone()),
            body: Some(json!({"clean_record": false})),
            headers: vec![],
        })
        .await;
    r.assert(428);
    // With the current version.
    let r = act(&app, &head, &path, "submit", &tag(&n), None).await;
    r.assert(200);
    // DIC's return with the pre-submission version is stale.
    let dic = app.token("dic_officer").await;
    act(
        &app,
        &dic,
        &path,
        "return",
        &tag(&n),
        Some(json!({"reason": "Bổ sung."})),
    )
    .await
    .assert_problem(412, "stale_version");
}

#[actix_web::test]
async fn creating_a_nomination_is_idempotent_with_a_key() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let call = || Call {
        method: "POST",
        path: "/api/v1/nominations".into(),
        token: Some(officer.clone()),
        body: Some(person(&round, "Nguyễn Thị Hoa", 1985)),
        headers: vec![("Idempotency-Key".into(), "de-nghi-hoa-2026".into())],
    };
    let first = app.send(call()).await;
    first.assert(201);
    let retry = app.send(call()).await;
    retry.assert(201);
    assert_eq!(retry.body["id"], first.body["id"]);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={round}"),
            Some(&officer),
        )
        .await;
    assert_eq!(ids(&r).len(), 1, "{}", r.text);
}

#[actix_web::test]
async fn nomination_lists_filter_by_round_status_kind_and_name() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let closed = round_id(&app, "SK-2022-2023").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let officer = app.token("unit_officer").await;
    let dic = app.token("dic_officer").await;

    let hoa = submitted(&app, person(&round, "Nguyễn Thị Hoa", 1985)).await;
    let binh = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    let tm = create(&app, &officer, collective(&round, &unit, None)).await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    let mut all = vec![id(&hoa), id(&binh), id(&tm)];
    all.sort();

    let list = |q: String| {
        let t = officer.clone();
        let app = &app;
        let closed = closed.clone();
        async move {
            let r = app.get(&format!("/api/v1/nominations{q}"), Some(&t)).await;
            r.assert(200);
            // But for the unit's demo nominations, in the closed interim round.
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["round_id"] != closed.as_str())
                .map(|n| n["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(list(String::new()).await, all);
    assert_eq!(list(format!("?round_id={round}")).await, all);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={closed}"),
            Some(&officer),
        )
        .await;
    r.assert(200);
    let demo = r.body["items"].as_array().unwrap();
    assert!(!demo.is_empty() && demo.iter().all(|n| n["round_id"] == closed.as_str()));
    assert!(ids(&r).iter().all(|n| !all.contains(n)));
    assert_eq!(list("?status=submitted".into()).await, [id(&hoa)]);
    let mut drafts = vec![id(&binh), id(&tm)];
    drafts.sort();
    assert_eq!(list("?status=draft".into()).await, drafts);
    assert_eq!(list("?nominee_kind=collective".into()).await, [id(&tm)]);
    let mut people = vec![id(&hoa), id(&binh)];
    people.sort();
    assert_eq!(list("?nominee_kind=individual".into()).await, people);
    assert_eq!(
        list("?award_form=state_award".into()).await,
        Vec::<String>::new()
    );
    assert_eq!(list(format!("?unit_id={unit}")).await, all);
    // Names, ignoring diacritics and case.
    assert_eq!(list("?q=nguyen%20thi".into()).await, [id(&hoa)]);
    assert_eq!(list("?q=HOA".into()).await, [id(&hoa)]);
    assert_eq!(
        list("?q=Tr%E1%BA%A7n%20V%C4%83n".into()).await,
        [id(&binh)],
        "Trần Văn"
    );
    assert_eq!(list("?q=thap%20muoi".into()).await, [id(&tm)]);
    assert!(list("?q=%25".into()).await.is_empty(), "% is literal");
    // Filters combine.
    assert_eq!(
        list(format!(
            "?round_id={round}&nominee_kind=individual&status=draft"
        ))
        .await,
        [id(&binh)]
    );
    // Bad filter values: 400.
    let r = app
        .get("/api/v1/nominations?status=sleeping", Some(&officer))
        .await;
    assert!(r.status.is_client_error(), "{}", r.text);

    // Pages: oldest first, by cursor.
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={round}&limit=2"),
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 2);
    assert!(
        r.body["items"][0]["dossier"].is_null(),
        "no dossier in lists"
    );
    let cursor = r.body["next_cursor"].as_str().unwrap().to_string();
    let r2 = app
        .get(
            &format!("/api/v1/nominations?round_id={round}&limit=2&cursor={cursor}"),
            Some(&officer),
        )
        .await;
    r2.assert(200);
    let mut seen = ids(&r);
    seen.extend(ids(&r2));
    seen.sort();
    assert_eq!(seen, all);
    assert!(r2.body["next_cursor"].is_null());

    // DIC lists only the submitted ones.
    let r = app
        .get(&format!("/api/v1/nominations?round_id={round}"), Some(&dic))
        .await;
    assert_eq!(ids(&r), [id(&hoa)]);
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={round}&q=tran"),
            Some(&dic),
        )
        .await;
    assert!(ids(&r).is_empty());
}

// The two tests below state what the rules require and fail against the current src/
// (reported, not fixed here); run them with `-- --ignored` once fixed.

#[actix_web::test]
async fn a_draft_withdrawn_before_submission_stays_invisible_to_reviewers() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let dic = app.token("dic_officer").await;
    let d = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    act(&app, &officer, &path_of(&d), "withdraw", &tag(&d), None)
        .await
        .assert(200);
    app.get(&path_of(&d), Some(&dic)).await.assert(404);
    let r = app
        .get(&format!("/api/v1/nominations?round_id={round}"), Some(&dic))
        .await;
    assert!(ids(&r).is_empty(), "{}", r.text);
}

#[actix_web::test]
async fn a_withdrawal_is_recorded_in_the_role_of_who_took_it() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let d = create(&app, &officer, person(&round, "Trần Văn Bình", 1979)).await;
    act(&app, &officer, &path_of(&d), "withdraw", &tag(&d), None)
        .await
        .assert(200);
    let h = history(&app, &officer, &path_of(&d)).await;
    assert_eq!(
        h[1],
        step(
            "withdraw",
            "draft",
            "withdrawn",
            "unit_officer",
            "unit_officer",
            Value::Null
        )
    );
}
