//! Issue 9 item 16, personal data over HTTP: reads of nominees' personal fields outside
//! the proposing unit and every dossier download are audited in the request; the admin
//! exports everything held on one person (others 403); the retention run anonymises
//! what led to no award and leaves the public record as it was. On SQLite and, with
//! TEST_DATABASE_URL, PostgreSQL.

use crate::helpers::*;
use serde_json::Value;
use thidua::app::personal_data::{anonymise, RetentionRun};
use thidua::db::models::NominationRow;
use thidua::db::repo::personal_data as repo;
use thidua::domain::personal_data::ANONYMISED;

/// The demo's awarded individual of UBND Huyện Tháp Mười (the unit of `unit_officer`).
pub const LINH: &str = "person:Đặng Thị Mỹ Linh:1988";

/// The one demo nomination of a nominee key, read straight from the database (no audit).
pub fn nomination_of<S: TestService>(app: &TestApp<S>, key: &str) -> NominationRow {
    let key = thidua::domain::nominee::canonical_key(key).unwrap();
    let mut conn = app.state.pool.get().unwrap();
    let mut rows = repo::nominations_by_key(&mut conn, &key).unwrap();
    assert_eq!(rows.len(), 1, "{key}");
    rows.pop().unwrap()
}

/// The audit events of `action` (as the auditor reads them), newest first.
pub async fn events<S: TestService>(
    app: &TestApp<S>,
    action: &str,
    resource_id: Option<&str>,
) -> Vec<Value> {
    let t = app.token("auditor").await;
    let mut path = format!("/api/v1/audit-events?limit=200&action={action}");
    if let Some(id) = resource_id {
        path.push_str(&format!("&resource_id={}", urlencoding(id)));
    }
    let r = app.get(&path, Some(&t)).await;
    r.assert(200);
    r.body["items"].as_array().unwrap().clone()
}

pub fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[actix_web::test]
async fn reads_of_personal_fields_are_audited_outside_the_proposing_unit_only() {
    let app = spawn_app().await;
    let linh = nomination_of(&app, LINH);
    let path = format!("/api/v1/nominations/{}", linh.id);

    // The proposing unit reads its own nominee: nothing recorded.
    let officer = app.token("unit_officer").await;
    app.get(&path, Some(&officer)).await.assert(200);
    let page = app
        .get("/api/v1/nominations?limit=200", Some(&officer))
        .await;
    page.assert(200);
    assert!(!page.body["items"].as_array().unwrap().is_empty());
    assert!(events(&app, "nomination.read", Some(&linh.id))
        .await
        .is_empty());
    assert!(events(&app, "nomination.list", None).await.is_empty());

    // Home Affairs (another unit) reads it: who, what, when and the request.
    let reviewer = app.token("home_affairs_officer").await;
    let r = app.get(&path, Some(&reviewer)).await;
    r.assert(200);
    let read = events(&app, "nomination.read", Some(&linh.id)).await;
    assert_eq!(read.len(), 1, "{read:?}");
    assert_eq!(read[0]["actor_username"], "home_affairs_officer");
    assert_eq!(read[0]["resource_type"], "nomination");
    assert_eq!(
        read[0]["request_id"].as_str(),
        r.header("x-request-id").as_deref()
    );
    assert_eq!(read[0]["changes"]["unit_id"], linh.unit_id.as_str());
    assert!(read[0]["occurred_at"].is_string());

    // A list page: one event for the request, naming the other units' individuals.
    let page = app
        .get("/api/v1/nominations?limit=200", Some(&reviewer))
        .await;
    page.assert(200);
    let listed = events(&app, "nomination.list", None).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["resource_id"], "*");
    assert_eq!(
        listed[0]["request_id"].as_str(),
        page.header("x-request-id").as_deref()
    );
    let named: Vec<&str> = listed[0]["changes"]["nomination_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(named.contains(&linh.id.as_str()));
    let items = page.body["items"].as_array().unwrap();
    let individuals = items
        .iter()
        .filter(|n| n["nominee_kind"] == "individual")
        .count();
    assert_eq!(named.len(), individuals, "only individuals are named");
    assert!(items.iter().any(|n| n["nominee_kind"] == "collective"));

    // A collective names no person: its read is not recorded.
    let collective = items
        .iter()
        .find(|n| n["nominee_kind"] == "collective")
        .unwrap();
    let cid = collective["id"].as_str().unwrap();
    app.get(&format!("/api/v1/nominations/{cid}"), Some(&reviewer))
        .await
        .assert(200);
    assert!(events(&app, "nomination.read", Some(cid)).await.is_empty());
}

#[actix_web::test]
async fn every_dossier_download_is_audited() {
    let app = spawn_app().await;
    let linh = nomination_of(&app, LINH);
    let officer = app.token("unit_officer").await;
    let docs = app
        .get(
            &format!("/api/v1/nominations/{}/documents", linh.id),
            Some(&officer),
        )
        .await;
    docs.assert(200);
    let doc = docs.body["items"][0].clone();
    let doc_id = doc["id"].as_str().unwrap();
    let path = format!("/api/v1/nominations/{}/documents/{doc_id}", linh.id);
    // The proposing unit's own download is recorded too, and so is Home Affairs'.
    let r = app.get(&path, Some(&officer)).await;
    r.assert(200);
    let reviewer = app.token("home_affairs_officer").await;
    app.get(&path, Some(&reviewer)).await.assert(200);
    let got = events(&app, "nomination.document.download", Some(&linh.id)).await;
    assert_eq!(got.len(), 2, "{got:?}");
    let mine = got
        .iter()
        .find(|e| e["actor_username"] == "unit_officer")
        .unwrap();
    assert_eq!(mine["changes"]["document_id"], doc_id);
    assert_eq!(mine["changes"]["sha256"], doc["sha256"]);
    assert_eq!(
        mine["request_id"].as_str(),
        r.header("x-request-id").as_deref()
    );
    // A download refused (another unit's reader may not see a draft) records nothing.
    let draft = nomination_of(&app, "person:Phan Thị Ngọc Hân:1990");
    let drafts = {
        let mut conn = app.state.pool.get().unwrap();
        thidua::db::repo::dossier::documents(&mut conn, &draft.id, true).unwrap()
    };
    app.get(
        &format!(
            "/api/v1/nominations/{}/documents/{}",
            draft.id, drafts[0].id
        ),
        Some(&reviewer),
    )
    .await
    .assert_problem(404, "not_found");
    assert!(
        events(&app, "nomination.document.download", Some(&draft.id))
            .await
            .is_empty()
    );
}

#[actix_web::test]
async fn the_admin_exports_everything_held_on_one_person() {
    let app = spawn_app().await;
    let linh = nomination_of(&app, LINH);
    // Something to find: a reviewer's read and a Giấy khen of the same person.
    let reviewer = app.token("home_affairs_officer").await;
    app.get(&format!("/api/v1/nominations/{}", linh.id), Some(&reviewer))
        .await
        .assert(200);
    let head = app.token("unit_head").await;
    let movement = app.movement().await;
    let award = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            serde_json::json!({"movement_id": movement["id"], "recipient_kind": "individual",
                "individual": {"full_name": "Đặng Thị Mỹ Linh", "gender": "female", "birth_year": 1988,
                    "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
                "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025.",
                "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15"}),
        )
        .await;
    award.assert(201);

    let admin = app.token("admin").await;
    // The key is normalised again: case and diacritics do not matter.
    let r = app
        .get(
            &format!(
                "/api/v1/personal-data?nominee={}",
                urlencoding("person:DANG THI MY LINH:1988")
            ),
            Some(&admin),
        )
        .await;
    r.assert(200);
    let out = &r.body;
    assert_eq!(out["nominee_key"], "person:dang thi my linh:1988");
    assert_eq!(out["retention_days"], 730);
    assert!(out["legal_basis"]
        .as_str()
        .unwrap()
        .contains("91/2025/QH15"));
    let noms = out["nominations"].as_array().unwrap();
    assert_eq!(noms.len(), 1);
    assert_eq!(noms[0]["nomination"]["id"], linh.id.as_str());
    assert_eq!(noms[0]["nomination"]["individual"]["birth_year"], 1988);
    assert_eq!(noms[0]["nomination"]["status"], "awarded");
    assert!(!noms[0]["history"].as_array().unwrap().is_empty());
    assert!(noms[0]["anonymised"].is_null());
    let docs = noms[0]["documents"].as_array().unwrap();
    assert!(!docs.is_empty());
    let awards = out["awards"].as_array().unwrap();
    assert!(awards.iter().any(|a| a["source"] == "provincial_merit"));
    assert!(awards.iter().any(|a| a["source"] == "unit_certificate"));
    let unit_awards = out["unit_awards"].as_array().unwrap();
    assert_eq!(unit_awards.len(), 1);
    assert_eq!(unit_awards[0]["id"], award.body["id"]);
    let audit = out["audit_events"].as_array().unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e["action"] == "nomination.read"
                && e["actor_username"] == "home_affairs_officer")
    );
    assert!(audit.iter().any(|e| e["resource_id"] == award.body["id"]));

    // The files: downloadable by the admin, audited as a download for the export.
    let file_path = docs[0]["download_path"].as_str().unwrap();
    let f = app.get(file_path, Some(&admin)).await;
    f.assert(200);
    assert_eq!(
        f.header("x-content-sha256").as_ref(),
        docs[0]["document"]["sha256"]
            .as_str()
            .map(str::to_string)
            .as_ref()
    );
    let downloads = events(&app, "nomination.document.download", Some(&linh.id)).await;
    assert_eq!(downloads.len(), 1);
    assert_eq!(downloads[0]["changes"]["purpose"], "personal_data_export");

    // The export itself is audited, and the next export shows it.
    let exported = events(
        &app,
        "personal_data.export",
        Some("person:dang thi my linh:1988"),
    )
    .await;
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["actor_username"], "admin");
    assert_eq!(
        exported[0]["request_id"].as_str(),
        r.header("x-request-id").as_deref()
    );
    let again = app
        .get(
            &format!("/api/v1/personal-data?nominee={}", urlencoding(LINH)),
            Some(&admin),
        )
        .await;
    again.assert(200);
    assert!(again.body["audit_events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "personal_data.export"));
}

#[actix_web::test]
async fn only_the_admin_exports_and_only_a_persons_key() {
    let app = spawn_app().await;
    let path = format!("/api/v1/personal-data?nominee={}", urlencoding(LINH));
    for role in ROLES.iter().filter(|r| **r != "admin") {
        let t = app.token(role).await;
        app.get(&path, Some(&t))
            .await
            .assert_problem(403, "forbidden");
    }
    app.get(&path, None).await.assert(401);
    let linh = nomination_of(&app, LINH);
    let doc = {
        let mut conn = app.state.pool.get().unwrap();
        thidua::db::repo::dossier::documents(&mut conn, &linh.id, false).unwrap()[0].clone()
    };
    let file = format!("/api/v1/personal-data/documents/{}", doc.id);
    let auditor = app.token("auditor").await;
    app.get(&file, Some(&auditor))
        .await
        .assert_problem(403, "forbidden");
    assert!(events(&app, "personal_data.export", None).await.is_empty());
    let admin = app.token("admin").await;
    let long = format!("person:{}:1985", "a".repeat(300));
    for bad in [
        "unit:abc",
        "nguyen thi hoa",
        "person:nguyen thi hoa:19x5",
        long.as_str(),
    ] {
        app.get(
            &format!("/api/v1/personal-data?nominee={}", urlencoding(bad)),
            Some(&admin),
        )
        .await
        .assert_problem(422, "validation_failed");
    }
    app.get("/api/v1/personal-data/documents/nope", Some(&admin))
        .await
        .assert_problem(404, "not_found");
}

/// The public record, as anyone reads it.
async fn public_record<S: TestService>(app: &TestApp<S>) -> Vec<Value> {
    let mut out = Vec::new();
    for p in [
        "/api/v1/public/awards?limit=200",
        "/api/v1/public/decisions?limit=200",
        "/api/v1/public/comment-postings?limit=200",
    ] {
        let r = app.get(p, None).await;
        r.assert(200);
        out.push(r.body.clone());
    }
    out
}

#[actix_web::test]
async fn anonymisation_replaces_the_person_keeps_the_public_record_and_erases_files() {
    let app = spawn_app().await;
    let withdrawn = nomination_of(&app, "person:Trần Thị Kim Loan:1987");
    let awarded = nomination_of(&app, LINH);
    let auditor = app.token("auditor").await;
    let before_history = app
        .get(
            &format!("/api/v1/nominations/{}/history", withdrawn.id),
            Some(&auditor),
        )
        .await;
    before_history.assert(200);
    let awarded_before = app
        .get(
            &format!("/api/v1/nominations/{}", awarded.id),
            Some(&auditor),
        )
        .await;
    let public_before = public_record(&app).await;

    let later = chrono::Utc::now() + chrono::Duration::days(3650);
    let report = {
        let mut conn = app.state.pool.get().unwrap();
        anonymise(&mut conn, &RetentionRun::new(later, 730, false, "test")).unwrap()
    };
    assert!(report
        .nominations
        .iter()
        .any(|n| n.nomination_id == withdrawn.id));
    assert!(report
        .nominations
        .iter()
        .all(|n| n.nomination_id != awarded.id));

    // The public record is as it was; so is the awarded nomination.
    assert_eq!(public_record(&app).await, public_before);
    let awarded_after = app
        .get(
            &format!("/api/v1/nominations/{}", awarded.id),
            Some(&auditor),
        )
        .await;
    assert_eq!(awarded_after.body, awarded_before.body);

    // The withdrawn nominee: replaced; the history keeps its shape.
    let n = app
        .get(
            &format!("/api/v1/nominations/{}", withdrawn.id),
            Some(&auditor),
        )
        .await;
    n.assert(200);
    assert_eq!(n.body["nominee_name"], ANONYMISED);
    assert_eq!(n.body["individual"]["full_name"], ANONYMISED);
    assert_eq!(n.body["individual"]["birth_year"], 1980);
    assert_eq!(n.body["individual"]["position"], ANONYMISED);
    assert_eq!(n.body["status"], "withdrawn");
    let after_history = app
        .get(
            &format!("/api/v1/nominations/{}/history", withdrawn.id),
            Some(&auditor),
        )
        .await;
    let shape = |h: &Reply| -> Vec<(Value, Value, Value)> {
        h.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["action"].clone(),
                    e["to_status"].clone(),
                    e["occurred_at"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(shape(&after_history), shape(&before_history));
    // Its files: metadata kept, contents gone (410).
    let docs = app
        .get(
            &format!(
                "/api/v1/nominations/{}/documents?include_removed=true",
                withdrawn.id
            ),
            Some(&auditor),
        )
        .await;
    docs.assert(200);
    let doc_id = docs.body["items"][0]["id"].as_str().unwrap();
    app.get(
        &format!("/api/v1/nominations/{}/documents/{doc_id}", withdrawn.id),
        Some(&auditor),
    )
    .await
    .assert_problem(410, "personal_data_erased");
    // The name is gone from the audit trail's copies of the nomination.
    let trail = app
        .get(
            &format!(
                "/api/v1/audit-events?limit=200&resource_type=nomination&resource_id={}",
                withdrawn.id
            ),
            Some(&auditor),
        )
        .await;
    assert!(!trail.text.contains("Kim Loan"), "{}", trail.text);
    assert!(trail.text.contains("nomination.anonymise"));
    // The old key finds nothing any more; the export says so.
    let admin = app.token("admin").await;
    let export = app
        .get(
            &format!(
                "/api/v1/personal-data?nominee={}",
                urlencoding("person:Trần Thị Kim Loan:1987")
            ),
            Some(&admin),
        )
        .await;
    export.assert(200);
    assert!(export.body["nominations"].as_array().unwrap().is_empty());
}
