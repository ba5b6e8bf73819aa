//! Who sees a model in which state (hidden is 404), and the list filters.

use super::*;
use crate::fixtures::plans::fresh_unit;

#[actix_web::test]
async fn a_unit_sees_its_drafts_dic_what_was_sent_others_the_recognised_ones() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let dic = app.token("dic_officer").await;
    let auditor = app.token("auditor").await;
    let (_, other) = fresh_unit(&app, "X-XEM", None).await;
    let ha = app.token("home_affairs_officer").await;
    let draft = proposed(&app, "Nháp").await;
    let sent = submitted(&app, "Đã gửi").await;
    let known = recognized(&app, "Đã công nhận", "92/QĐ-STTTT").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let list = format!("{PATH}?unit_id={unit}&limit=200");
    let all = {
        let mut v = vec![id(&draft), id(&sent), id(&known)];
        v.sort();
        v
    };
    let mine: Vec<String> = listed(&app, Some(&officer), &list)
        .await
        .into_iter()
        .filter(|i| all.contains(i))
        .collect();
    assert_eq!(mine, all);
    let ours =
        |v: Vec<String>| -> Vec<String> { v.into_iter().filter(|i| all.contains(i)).collect() };
    let mut dic_sees = vec![id(&sent), id(&known)];
    dic_sees.sort();
    assert_eq!(ours(listed(&app, Some(&dic), &list).await), dic_sees);
    assert_eq!(
        ours(listed(&app, Some(&other), &list).await),
        vec![id(&known)]
    );
    assert_eq!(ours(listed(&app, Some(&ha), &list).await), vec![id(&known)]);
    assert_eq!(ours(listed(&app, Some(&auditor), &list).await), all);
    // One by one, and their history and files: hidden is 404.
    for (who, m, status) in [
        (&dic, &draft, 404),
        (&other, &draft, 404),
        (&other, &sent, 404),
        (&ha, &sent, 404),
        (&dic, &sent, 200),
        (&other, &known, 200),
        (&auditor, &draft, 200),
    ] {
        read(&app, who, m).await.assert(status);
        app.get(&format!("{}/history", path_of(m)), Some(who))
            .await
            .assert(status);
        app.get(&format!("{}/documents", path_of(m)), Some(who))
            .await
            .assert(status);
        app.get(&format!("{}/replications", path_of(m)), Some(who))
            .await
            .assert(status);
    }
    app.get(
        &format!("{PATH}/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80"),
        Some(&officer),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn lists_filter_by_movement_field_unit_status_year_and_text_without_diacritics() {
    let app = spawn_app().await;
    fix_clock(&app);
    let officer = app.token("unit_officer").await;
    let movement = movement_id(&app).await;
    let mut body = model_body(&movement, "Chương trình giáo dục STEM Trường THCS Mỹ Hòa");
    body["field_code"] = json!("education");
    body["started_year"] = json!(2021);
    let r = app.post(PATH, Some(&officer), body).await;
    r.assert(201);
    let stem = id(&r.body);
    let map = id(&proposed(&app, "Bản đồ số nông nghiệp").await);
    let unit = app.unit_id("H-THAPMUOI").await;
    let q = |s: &str| format!("{PATH}?unit_id={unit}&{s}");
    assert_eq!(
        listed(&app, Some(&officer), &q("q=truong%20thcs%20my%20hoa")).await,
        vec![stem.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("q=BAN%20DO%20SO")).await,
        vec![map.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("field=education")).await,
        vec![stem.clone()]
    );
    assert_eq!(
        listed(&app, Some(&officer), &q("year=2021")).await,
        vec![stem.clone()]
    );
    let drafts = listed(&app, Some(&officer), &q("status=draft")).await;
    assert!(drafts.contains(&stem) && drafts.contains(&map));
    assert!(listed(
        &app,
        Some(&officer),
        &q("status=recognized&q=ban%20do%20so")
    )
    .await
    .is_empty());
    assert_eq!(
        listed(
            &app,
            Some(&officer),
            &format!("{PATH}?movement_id={movement}&unit_id={unit}&field=education")
        )
        .await,
        vec![stem.clone()]
    );
    // Pages: one at a time, the cursor continues.
    let first = app.get(&q("status=draft&limit=1"), Some(&officer)).await;
    first.assert(200);
    assert_eq!(first.body["items"].as_array().unwrap().len(), 1);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let second = app
        .get(
            &q(&format!("status=draft&limit=1&cursor={cursor}")),
            Some(&officer),
        )
        .await;
    second.assert(200);
    assert_ne!(first.body["items"][0]["id"], second.body["items"][0]["id"]);
    app.get(&q("year=1999"), Some(&officer))
        .await
        .assert_problem(422, "validation_failed");
    app.get(&q("limit=0"), Some(&officer))
        .await
        .assert_problem(422, "validation_failed");
}
