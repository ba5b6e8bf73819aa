//! Issue 9, items 7, 8, 9 and 12, on both databases: the duplicate rule names only what
//! the caller may read; look-alike spellings of a name are one nominee and bidi controls
//! are refused in names and file names; dossier files are judged by their structure;
//! signing dates are neither in the future nor before what they rest on.
//!
//! The clock is fixed inside the open round's window (Thursday 26 November 2026).

use crate::fixtures::files::{self, docx, jpeg, png, PDF};
use crate::fixtures::nominating::{create, in_window, open_round, path_of, person, read, upload};
use crate::fixtures::plans::{at, fresh_unit, movement_id, tag};
use crate::fixtures::state_awards::{approved_all, awarded_by, chair_ok, step_as};
use crate::helpers::*;
use serde_json::{json, Value};

// ---- item 7 -------------------------------------------------------------------------

#[actix_web::test]
async fn a_duplicate_names_the_other_nomination_only_to_those_who_may_read_it() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let first = create(&app, &officer, person(&round, "Nguyễn Thị Hoà", 1985)).await;
    let first_id = id_of(&first);

    // The proposing unit reads its draft: it is named.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "nguyen thi hoa", 1985),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert_eq!(r.body["nomination_id"], first_id.as_str(), "{}", r.text);

    // Another unit's officer learns that the person is taken, not which draft holds them.
    let (_, other) = fresh_unit(&app, "T-DUP-HIDDEN", None).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&other),
            person(&round, "Nguyễn Thị Hoà", 1985),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert!(r.body.get("nomination_id").is_none(), "{}", r.text);
    assert!(!r.text.contains(&first_id), "{}", r.text);
    // ... nor by renaming one of its own drafts into the same person.
    let own = create(&app, &other, person(&round, "Lê Văn Tám", 1990)).await;
    let r = app
        .patch(
            &path_of(&own),
            &other,
            &tag(&own),
            json!({"individual": {"full_name": "NGUYỄN THỊ HOÀ", "gender": "female", "birth_year": 1985,
                "position": "Chuyên viên", "workplace": "UBND Huyện Tháp Mười"}}),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert!(r.body.get("nomination_id").is_none(), "{}", r.text);
    assert!(!r.text.contains(&first_id), "{}", r.text);
    // And the hidden draft stays hidden.
    app.get(&path_of(&first), Some(&other)).await.assert(404);
}

// ---- item 8 -------------------------------------------------------------------------

#[actix_web::test]
async fn look_alike_spellings_are_one_nominee() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let first = create(&app, &officer, person(&round, "Nguyễn Thị Hoà", 1985)).await;
    for look_alike in [
        "Nguyễn \u{200b}Thị Hoà",
        "Nguyễn Th\u{00ad}ị Hoà",
        "\u{ff2e}guyễn Thị Hoà",
    ] {
        let r = app
            .post(
                "/api/v1/nominations",
                Some(&officer),
                person(&round, look_alike, 1985),
            )
            .await;
        r.assert_problem(409, "duplicate_nomination");
        assert_eq!(
            r.body["nomination_id"], first["id"],
            "{look_alike:?}: {}",
            r.text
        );
    }
    // Stored names keep no invisible characters, so they read and search as shown.
    let n = create(
        &app,
        &officer,
        person(&round, "Trần Văn\u{00ad} Bì\u{200b}nh", 1979),
    )
    .await;
    assert_eq!(n["nominee_name"], "Trần Văn Bình", "{n}");
    assert_eq!(n["individual"]["full_name"], "Trần Văn Bình", "{n}");
    let r = app
        .get(
            &format!("/api/v1/nominations?round_id={round}&q=tran%20van%20binh"),
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(ids_of(&r.body), vec![id_of(&n)], "{}", r.text);
}

fn ids_of(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect()
}

#[actix_web::test]
async fn bidi_controls_are_refused_in_names_and_file_names() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    for name in [
        "Nguyễn \u{202e}aoH ịhT",
        "\u{2067}Nguyễn Thị Hoà\u{2069}",
        "Nguyễn\u{200f} Thị Hoà",
    ] {
        let r = app
            .post(
                "/api/v1/nominations",
                Some(&officer),
                person(&round, name, 1985),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(
            r.body["errors"]["individual.full_name"].is_array(),
            "{name:?}: {}",
            r.text
        );
    }
    let mut body = person(&round, "Nguyễn Thị Hoà", 1985);
    body["individual"]["workplace"] = json!("UBND Huyện \u{202e}ườiM pápT");
    let r = app.post("/api/v1/nominations", Some(&officer), body).await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["individual.workplace"].is_array(),
        "{}",
        r.text
    );

    // A file name that reads "hoa-donexe.pdf" but is an .exe reversed.
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoà", 1985)).await;
    let r = upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "hoa-don\u{202e}fdp.exe",
        PDF,
    )
    .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["file"].is_array(), "{}", r.text);
    let r = upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "hoa-don\u{202e}exe.pdf",
        PDF,
    )
    .await;
    r.assert_problem(422, "validation_failed");
    let r = app
        .get(
            &format!("{}/documents?include_removed=true", path_of(&n)),
            Some(&officer),
        )
        .await;
    assert_eq!(r.body["items"], json!([]), "{}", r.text);
    // Invisible characters are dropped from file names.
    let r = upload(
        &app,
        &officer,
        &n,
        "proposal_letter",
        "Tờ\u{200b} trình.pdf",
        PDF,
    )
    .await;
    r.assert(201);
    assert_eq!(r.body["file_name"], "Tờ trình.pdf", "{}", r.text);
}

#[actix_web::test]
async fn a_look_alike_giay_khen_recipient_is_a_duplicate() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let award = |name: &str, number: &str| {
        json!({"movement_id": m, "recipient_kind": "individual",
            "individual": {"full_name": name, "gender": "female", "birth_year": 1985,
                "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
            "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025.",
            "decision_number": number, "decided_on": "2025-12-15"})
    };
    app.post(
        "/api/v1/unit-awards",
        Some(&head),
        award("Nguyễn Thị Hoà", "45/QĐ-UBND"),
    )
    .await
    .assert(201);
    let r = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            award("\u{ff2e}guyễn Th\u{00ad}ị Hoà", "46/QĐ-UBND"),
        )
        .await;
    r.assert_problem(409, "duplicate_award");
    let r = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            award("Nguyễn \u{202e}Thị Hoà", "47/QĐ-UBND"),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["individual.full_name"].is_array(),
        "{}",
        r.text
    );
}

// ---- item 9 -------------------------------------------------------------------------

/// `zip` with the declared uncompressed size of every entry set to `size` (local
/// headers and central directory): a bomb's headers.
fn declaring(zip: &[u8], size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let mut i = 0;
    while i + 4 <= out.len() {
        match &out[i..i + 4] {
            b"PK\x03\x04" => out[i + 22..i + 26].copy_from_slice(&size.to_le_bytes()),
            b"PK\x01\x02" => out[i + 24..i + 28].copy_from_slice(&size.to_le_bytes()),
            _ => {}
        }
        i += 1;
    }
    out
}

#[actix_web::test]
async fn dossier_files_are_judged_by_their_structure() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let n = create(&app, &officer, person(&round, "Nguyễn Thị Hoà", 1985)).await;

    let mut pdf_exe = b"%PDF-1.7\n".to_vec();
    pdf_exe.extend_from_slice(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff This program cannot be run in DOS mode.\r\n");
    let mut many = vec![];
    let names: Vec<String> = (0..2001).map(|i| format!("word/media/{i}.xml")).collect();
    for name in &names {
        many.push((name.as_str(), &b"<x/>"[..]));
    }
    let refused: Vec<(&str, Vec<u8>, &str)> = vec![
        ("to-trinh.pdf", pdf_exe, "application/pdf"),
        (
            "bao-cao.docx",
            b"PK\x03\x04\x14\x00[Content_Types].xml ... word/document.xml ...".to_vec(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "khong-phai-word.docx",
            files::zip_of(&[("readme.txt", b"word/document.xml [Content_Types].xml")]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "bom.docx",
            declaring(&docx(), 1 << 30),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "nhieu-tep.docx",
            files::zip_of(&many),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "anh.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR test image".to_vec(),
            "image/png",
        ),
        (
            "anh.jpg",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 test photo".to_vec(),
            "image/jpeg",
        ),
    ];
    for (name, bytes, media) in &refused {
        let r = upload(&app, &officer, &n, "achievement_report", name, bytes).await;
        r.assert_problem(422, "invalid_file");
        assert_eq!(r.body["media_type"], *media, "{name}: {}", r.text);
    }
    let after = read(&app, &officer, &n).await;
    assert_eq!(after["version"], n["version"], "nothing was stored");

    // What they claim to be, they are.
    for (name, bytes) in [
        ("to-trinh.pdf", PDF.to_vec()),
        ("bao-cao.docx", docx()),
        ("anh.png", png()),
        ("anh.jpg", jpeg()),
    ] {
        upload(&app, &officer, &n, "other", name, &bytes)
            .await
            .assert(201);
    }
}

// ---- item 12 ------------------------------------------------------------------------

fn decision(round: &str, number: &str, signed_on: &str, n: &Value) -> Value {
    json!({"round_id": round, "number": number, "signed_on": signed_on,
        "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": [id_of(n)]})
}

#[actix_web::test]
async fn a_decision_is_signed_neither_in_the_future_nor_before_the_appraisal() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let n = approved_all(&app, &round, vec![person(&round, "Nguyễn Thị Hoà", 1985)])
        .await
        .remove(0);
    let chair = app.token("chair").await;
    for (on, message) in [
        ("2027-01-05", "must not be after today (2026-11-26)"),
        ("2026-11-27", "must not be after today (2026-11-26)"),
        (
            "2019-01-01",
            "must not be before the nominations' appraisal (2026-11-26)",
        ),
        (
            "2026-11-25",
            "must not be before the nominations' appraisal (2026-11-26)",
        ),
    ] {
        let r = app
            .post(
                "/api/v1/decisions",
                Some(&chair),
                decision(&round, "2150/QĐ-UBND", on, &n),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(
            r.body["errors"]["signed_on"][0], message,
            "{on}: {}",
            r.text
        );
    }
    // Nothing was awarded nor published.
    let ha = app.token("home_affairs_officer").await;
    assert_eq!(read(&app, &ha, &n).await["status"], "approved");
    let public = app.get("/api/v1/public/awards?limit=200", None).await;
    public.assert(200);
    assert!(!public.text.contains(&id_of(&n)), "{}", public.text);
    assert!(!public.text.contains("2150/QĐ-UBND"), "{}", public.text);
    // In Vietnamese, with the date as Vietnamese write it.
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/decisions".into(),
            token: Some(chair.clone()),
            body: Some(decision(&round, "2150/QĐ-UBND", "2019-01-01", &n)),
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    assert_eq!(
        r.body["errors"]["signed_on"][0], "không được trước ngày thẩm định hồ sơ (26/11/2026)",
        "{}",
        r.text
    );
    // The day of the appraisal is right.
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            decision(&round, "2150/QĐ-UBND", "2026-11-26", &n),
        )
        .await;
    r.assert(201);
}

#[actix_web::test]
async fn a_central_outcome_is_dated_neither_in_the_future_nor_before_the_forwarding() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let body = json!({"round_id": round, "award_form": "state_award", "nominee_kind": "individual",
        "individual": {"full_name": "Phạm Thị Thu Trang", "gender": "female", "birth_year": 1979,
            "position": "Trưởng phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười"},
        "achievement_summary": "Chủ trì xây dựng nền tảng dữ liệu số cấp huyện, dẫn đầu tỉnh giai đoạn 2022–2025.",
        "clean_record": true});
    let n = approved_all(&app, &round, vec![body]).await.remove(0);
    let n = chair_ok(
        &app,
        &n,
        "post-for-comment",
        Some(json!({"comment": "Đăng trên Cổng Thông tin điện tử tỉnh."})),
        "posted_for_comment",
    )
    .await;
    // The window closes on 10 December; forwarded on 11 December (province time).
    app.state.clock.set(at(2026, 12, 10, 17, 0, 0));
    let n = chair_ok(&app, &n, "forward", None, "forwarded_to_central").await;
    for on in ["2026-12-10", "2026-12-12"] {
        let r = step_as(
            &app,
            "chair",
            &n,
            "central-outcome",
            Some(awarded_by("1234/QĐ-CTN", on)),
        )
        .await;
        r.assert_problem(422, "validation_failed");
        assert!(
            r.body["errors"]["decided_on"].is_array(),
            "{on}: {}",
            r.text
        );
    }
    let n = chair_ok(
        &app,
        &n,
        "central-outcome",
        Some(awarded_by("1234/QĐ-CTN", "2026-12-11")),
        "state_awarded",
    )
    .await;
    assert_eq!(n["outcome"]["central_decided_on"], "2026-12-11");
}

#[actix_web::test]
async fn a_giay_khen_is_dated_neither_in_the_future_nor_before_its_movement() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let award = |on: &str| {
        json!({"movement_id": m, "recipient_kind": "individual",
            "individual": {"full_name": "Nguyễn Thị Hoà", "gender": "female", "birth_year": 1985,
                "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
            "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025.",
            "decision_number": "45/QĐ-UBND", "decided_on": on})
    };
    for on in ["2026-11-27", "2020-12-31"] {
        let r = app
            .post("/api/v1/unit-awards", Some(&head), award(on))
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(
            r.body["errors"]["decided_on"].is_array(),
            "{on}: {}",
            r.text
        );
    }
    app.post("/api/v1/unit-awards", Some(&head), award("2026-11-26"))
        .await
        .assert(201);
}

#[test]
fn the_demo_data_obeys_the_signing_date_rules() {
    use diesel::prelude::*;
    use thidua::db::schema::{
        decision_nominations as dn, decisions as d, nomination_outcomes as o, nominations as n,
    };
    let db = app_db();
    let mut conn = db.conn();
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    let day = |t: chrono::NaiveDateTime| t.and_utc().with_timezone(&tz).date_naive();

    let awarded: Vec<(chrono::NaiveDate, Option<chrono::NaiveDateTime>)> = d::table
        .inner_join(dn::table.on(dn::decision_id.eq(d::id)))
        .inner_join(n::table.on(n::id.eq(dn::nomination_id)))
        .select((d::signed_on, n::appraised_at))
        .load(&mut *conn)
        .unwrap();
    assert!(!awarded.is_empty());
    for (signed_on, appraised_at) in awarded {
        assert!(signed_on <= today);
        let appraised = day(appraised_at.expect("an awarded nomination was appraised"));
        assert!(signed_on >= appraised, "{signed_on} before {appraised}");
    }
    let central: Vec<(Option<chrono::NaiveDate>, Option<chrono::NaiveDateTime>)> = o::table
        .filter(o::central_decided_on.is_not_null())
        .select((o::central_decided_on, o::forwarded_at))
        .load(&mut *conn)
        .unwrap();
    assert!(!central.is_empty());
    for (decided, forwarded) in central {
        let decided = decided.unwrap();
        assert!(decided <= today);
        assert!(decided >= day(forwarded.expect("decided centrally after forwarding")));
    }
}

/// Keys stored by the former key function (no NFKC, invisibles kept) are computed
/// again by `thidua rekey`; a look-alike duplicate it had let in is reported, not merged.
#[test]
fn stored_keys_are_computed_again_and_look_alike_duplicates_reported() {
    use crate::fixtures::{app_db_in_window, drafted, new_person};
    use diesel::prelude::*;
    use thidua::app::nominations::rekey::rekey;
    use thidua::db::schema::nominations as n;
    use thidua::domain::award::AwardForm;
    let db = app_db_in_window();
    let hoa = drafted(
        &db,
        new_person(&db, "Nguyễn Thị Hoà", AwardForm::ProvincialMerit),
    );
    let twin = drafted(
        &db,
        new_person(&db, "Trần Văn Bình", AwardForm::ProvincialMerit),
    );
    let tam = drafted(
        &db,
        new_person(&db, "Lê Văn Tám", AwardForm::ProvincialMerit),
    );
    let mut conn = db.conn();
    // As the former function stored them.
    for (id, name, key) in [
        (
            &twin.id,
            "Nguyễn \u{200b}Thị Hoà",
            "person:nguyen \u{200b}thi hoa:1985",
        ),
        (
            &tam.id,
            "\u{ff2c}ê Văn Tám",
            "person:\u{ff4c}e van tam:1985",
        ),
    ] {
        diesel::update(n::table.filter(n::id.eq(id)))
            .set((n::nominee_name.eq(name), n::nominee_key.eq(key)))
            .execute(&mut *conn)
            .unwrap();
    }
    let key_of = |conn: &mut thidua::db::PooledConnection, id: &str| -> String {
        n::table
            .filter(n::id.eq(id))
            .select(n::nominee_key)
            .first(&mut **conn)
            .unwrap()
    };

    let dry = db.tx(|c| rekey(c, false)).unwrap();
    assert_eq!(dry.nominations_rekeyed, 1);
    assert_eq!(key_of(&mut conn, &tam.id), "person:\u{ff4c}e van tam:1985");

    let done = db.tx(|c| rekey(c, true)).unwrap();
    assert_eq!(done.nominations_rekeyed, 1);
    assert_eq!(done.unit_awards_rekeyed, 0);
    assert_eq!(
        done.conflicts,
        vec![("nomination", twin.id.clone(), hoa.id.clone())]
    );
    assert_eq!(key_of(&mut conn, &tam.id), "person:le van tam:1985");
    assert_eq!(
        key_of(&mut conn, &twin.id),
        "person:nguyen \u{200b}thi hoa:1985"
    );
    assert_eq!(key_of(&mut conn, &hoa.id), "person:nguyen thi hoa:1985");
    // Once is enough: a second run finds nothing to do (the conflict stays reported).
    let again = db.tx(|c| rekey(c, true)).unwrap();
    assert_eq!(again.nominations_rekeyed, 0);
    assert_eq!(again.conflicts.len(), 1);
}
