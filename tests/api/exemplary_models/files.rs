//! Evidence files: the dossier's checks and storage, frozen once submitted, every
//! download audited.

use super::*;
use crate::fixtures::nominating::{call, multipart, BOUNDARY, PDF};
use crate::fixtures::plans::fresh_unit;
use actix_web::test;

async fn upload<S: TestService>(
    app: &TestApp<S>,
    token: &str,
    m: &Value,
    name: &str,
    bytes: &[u8],
) -> Reply {
    let req = test::TestRequest::post()
        .uri(&format!("{}/documents", path_of(m)))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(multipart(Some("achievement_report"), Some((name, bytes))));
    call(app, req).await.reply()
}

async fn delete<S: TestService>(app: &TestApp<S>, token: &str, path: &str) -> Reply {
    app.send(Call {
        method: "DELETE",
        path: path.into(),
        token: Some(token.into()),
        body: None,
        headers: vec![],
    })
    .await
}

#[actix_web::test]
async fn evidence_is_checked_stored_listed_downloaded_and_removed_while_a_draft() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let m = proposed(&app, "Bản đồ số").await;
    let r = upload(&app, &officer, &m, "Báo cáo kết quả mô hình.pdf", PDF).await;
    r.assert(201);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(r.body["media_type"], "application/pdf");
    assert_eq!(r.body["kind"], "achievement_report");
    let doc = r.header("location").unwrap();
    // The dossier's content checks: not a PDF by its bytes, or a PDF that is not one.
    upload(&app, &officer, &m, "anh.pdf", b"GIF89a....")
        .await
        .assert_problem(415, "unsupported_media_type");
    upload(&app, &officer, &m, "hong.pdf", b"%PDF-1.4\nno trailer")
        .await
        .assert_problem(422, "invalid_file");
    upload(&app, &officer, &m, "bao-cao.docx", PDF)
        .await
        .assert_problem(415, "unsupported_media_type");
    let list = app
        .get(&format!("{}/documents", path_of(&m)), Some(&officer))
        .await;
    list.assert(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    let raw = call(
        &app,
        test::TestRequest::get()
            .uri(&doc)
            .insert_header(("Authorization", format!("Bearer {officer}"))),
    )
    .await;
    assert_eq!(raw.status.as_u16(), 200);
    assert_eq!(raw.bytes, PDF);
    assert!(raw
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("filename*=UTF-8''"));
    let admin = app.token("admin").await;
    let audit = app
        .get(
            "/api/v1/audit-events?action=exemplary_model.document.download",
            Some(&admin),
        )
        .await;
    audit.assert(200);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(audit.body["items"][0]["resource_id"], m["id"]);
    // Others: a draft's files are hidden.
    let (_, other) = fresh_unit(&app, "X-TEP", None).await;
    app.get(&doc, Some(&other))
        .await
        .assert_problem(404, "not_found");
    upload(&app, &other, &m, "x.pdf", PDF)
        .await
        .assert_problem(404, "not_found");
    delete(&app, &other, &doc)
        .await
        .assert_problem(404, "not_found");
    // Removed: listed only when asked, the version moves.
    let r = delete(&app, &officer, &doc).await;
    r.assert(204);
    assert_eq!(r.etag(), "\"3\"");
    delete(&app, &officer, &doc)
        .await
        .assert_problem(404, "not_found");
    let list = app
        .get(&format!("{}/documents", path_of(&m)), Some(&officer))
        .await;
    assert!(list.body["items"].as_array().unwrap().is_empty());
    let all = app
        .get(
            &format!("{}/documents?include_removed=true", path_of(&m)),
            Some(&officer),
        )
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn evidence_is_frozen_once_submitted_and_dic_adds_none() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let m = proposed(&app, "Bản đồ số").await;
    let r = upload(&app, &officer, &m, "bao-cao.pdf", PDF).await;
    r.assert(201);
    let doc = r.header("location").unwrap();
    let head = app.token("unit_head").await;
    // The upload raised the version: submit with its ETag.
    let s = act(&app, &head, &path_of(&m), "submit", &r.etag(), None).await;
    s.assert(200);
    upload(&app, &officer, &m, "them.pdf", PDF)
        .await
        .assert_problem(409, "invalid_state");
    delete(&app, &officer, &doc)
        .await
        .assert_problem(409, "invalid_state");
    let dic = app.token("dic_officer").await;
    upload(&app, &dic, &m, "dic.pdf", PDF)
        .await
        .assert_problem(403, "forbidden");
    // DIC reads the evidence of what was sent.
    app.get(&doc, Some(&dic)).await.assert(200);
}
