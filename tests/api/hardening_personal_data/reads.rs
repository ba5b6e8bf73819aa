//! Reads of personal fields outside the proposing unit, and every download, are audited.

use super::*;

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
