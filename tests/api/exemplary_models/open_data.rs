//! Open data: recognised models with their confirmed replications, as JSON and CSV.

use super::*;
use crate::fixtures::plans::fresh_unit;

#[actix_web::test]
async fn recognised_models_are_public_with_their_confirmed_replications() {
    let app = spawn_app().await;
    fix_clock(&app);
    let m = recognized(&app, "Bản đồ số nông nghiệp xã Mỹ Hòa", "95/QĐ-STTTT").await;
    let sent = submitted(&app, "Mô hình chưa công nhận").await;
    let (_, a) = fresh_unit(&app, "X-PUB1", None).await;
    let (_, b) = fresh_unit(&app, "X-PUB2", None).await;
    let path = format!("{}/replications", path_of(&m));
    let body =
        json!({"started_on": "2026-02-01", "results": "Nhân rộng tại 3 xã.", "evidence": ""});
    let first = app.post(&path, Some(&a), body.clone()).await;
    first.assert(201);
    app.post(&path, Some(&b), body).await.assert(201);
    let dic = app.token("dic_officer").await;
    act(
        &app,
        &dic,
        &format!("{path}/{}", first.body["id"].as_str().unwrap()),
        "confirm",
        "\"1\"",
        None,
    )
    .await
    .assert(200);
    let unit = app.unit_id("H-THAPMUOI").await;
    let r = app
        .get(
            &format!("/api/v1/public/exemplary-models?unit_id={unit}"),
            None,
        )
        .await;
    r.assert(200);
    let items = r.body["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&m["id"].as_str().unwrap()));
    assert!(!ids.contains(&sent["id"].as_str().unwrap()));
    let ours = items.iter().find(|i| i["id"] == m["id"]).unwrap();
    assert_eq!(ours["confirmed_replications"], 1);
    assert_eq!(ours["decision_number"], "95/QĐ-STTTT");
    assert!(ours.get("created_by").is_none());
    assert_eq!(
        r.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    let r = app
        .get(
            "/api/v1/public/exemplary-models?q=ban%20do%20so%20nong%20nghiep%20xa%20my%20hoa",
            None,
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    // As CSV.
    let csv = app
        .get("/api/v1/public/exemplary-models.csv?q=my%20hoa", None)
        .await;
    csv.assert(200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.text.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{}", csv.text);
    assert!(
        lines[1].starts_with("Bản đồ số nông nghiệp xã Mỹ Hòa,agriculture,d,UBND Huyện Tháp Mười,")
    );
    assert!(
        lines[1].contains(",95/QĐ-STTTT,2026-11-20,1,"),
        "{}",
        lines[1]
    );
    // A retired model leaves the open data.
    let r = step(
        &app,
        &dic,
        &m,
        "retire",
        Some(json!({"reason": "Không còn phù hợp."})),
    )
    .await;
    r.assert(200);
    let r = app
        .get(
            &format!("/api/v1/public/exemplary-models?unit_id={unit}"),
            None,
        )
        .await;
    assert!(r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["id"] != m["id"]));
}

#[actix_web::test]
async fn the_demo_holds_recognised_and_replicated_models() {
    let app = spawn_app().await;
    let r = app
        .get("/api/v1/public/exemplary-models?limit=200", None)
        .await;
    r.assert(200);
    let count = |title: &str| {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == title)
            .unwrap_or_else(|| panic!("no {title}: {}", r.text))["confirmed_replications"]
            .clone()
    };
    assert_eq!(count("Bản đồ số nông nghiệp xã Phú Cường"), 2);
    assert_eq!(count("Bệnh án điện tử tại Bệnh viện Đa khoa Đồng Tháp"), 1);
    assert_eq!(
        count("Chương trình giáo dục STEM Trường THPT Chuyên Nguyễn Quang Diêu"),
        0
    );
    assert_eq!(r.body["items"].as_array().unwrap().len(), 3);
    // DIC has one waiting; the demo unit its draft and a replication of its own.
    let dic = app.token("dic_officer").await;
    let waiting = app
        .get(&format!("{PATH}?status=submitted"), Some(&dic))
        .await;
    assert_eq!(waiting.body["items"][0]["title"], "Trạm y tế xã thông minh");
    let officer = app.token("unit_officer").await;
    let drafts = app
        .get(&format!("{PATH}?status=draft"), Some(&officer))
        .await;
    assert_eq!(
        drafts.body["items"][0]["title"],
        "Sổ tay nông dân điện tử xã Mỹ Hòa"
    );
    let map = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Bản đồ số nông nghiệp xã Phú Cường")
        .unwrap()
        .clone();
    let reps = app
        .get(&format!("{}/replications", path_of(&map)), Some(&officer))
        .await;
    reps.assert(200);
    assert_eq!(reps.body["items"].as_array().unwrap().len(), 3);
    let h = app
        .get(&format!("{}/history", path_of(&map)), Some(&officer))
        .await;
    let actions: Vec<&str> = h.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["create", "submit", "recognize"]);
}
