//! The admin's export of everything held on one person; nobody else's.

use super::*;

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
