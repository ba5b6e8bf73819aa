//! Nominations cite recognised models (422 for an unknown or not recognised one); the
//! award history of a unit shows the models DIC recognised for it.

use super::*;
use crate::fixtures::nominating::{collective, in_window, open_round, person};

#[actix_web::test]
async fn a_nomination_cites_recognised_models_only() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let known = recognized(&app, "Bản đồ số", "96/QĐ-STTTT").await;
    let sent = submitted(&app, "Chưa công nhận").await;
    let round = open_round(&app).await;
    let mut body = person(&round, "Nguyễn Thị Hoa", 1985);
    body["model_ids"] = json!([sent["id"], "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80"]);
    let r = app
        .post("/api/v1/nominations", Some(&officer), body.clone())
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["model_ids[0]"].is_array(), "{}", r.text);
    assert!(r.body["errors"]["model_ids[1]"].is_array(), "{}", r.text);
    body["model_ids"] = json!([known["id"]]);
    let r = app.post("/api/v1/nominations", Some(&officer), body).await;
    r.assert(201);
    assert_eq!(r.body["model_ids"], json!([known["id"]]));
    let n = r.body.clone();
    let path = format!("/api/v1/nominations/{}", n["id"].as_str().unwrap());
    let read = app.get(&path, Some(&officer)).await;
    assert_eq!(read.body["model_ids"], json!([known["id"]]));
    // Changed: a refused list changes nothing; an empty one cites none.
    let r = app
        .patch(
            &path,
            &officer,
            &read.etag(),
            json!({"model_ids": [sent["id"]]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let r = app
        .patch(&path, &officer, &read.etag(), json!({"model_ids": []}))
        .await;
    r.assert(200);
    assert_eq!(r.body["model_ids"], json!([]));
}

#[actix_web::test]
async fn the_award_history_of_a_unit_shows_its_recognised_models() {
    let app = spawn_app().await;
    in_window(&app);
    let m = recognized(&app, "Bản đồ số nông nghiệp", "97/QĐ-STTTT").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let (_, other) = crate::fixtures::plans::fresh_unit(&app, "X-LICHSU", None).await;
    let r = app
        .get(
            &format!("/api/v1/award-history?unit_id={unit}"),
            Some(&other),
        )
        .await;
    r.assert(200);
    let entry = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["exemplary_model_id"] == m["id"])
        .unwrap_or_else(|| panic!("{}", r.text))
        .clone();
    assert_eq!(entry["source"], "exemplary_model");
    assert_eq!(
        entry["title"],
        "Mô hình tiêu biểu được công nhận: Bản đồ số nông nghiệp"
    );
    assert_eq!(entry["decision_number"], "97/QĐ-STTTT");
    assert_eq!(entry["issuer_name"], "Sở Thông tin và Truyền thông");
    // And on a nomination of the unit itself, for the reviewers' check.
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            collective(&round, &unit, None),
        )
        .await;
    r.assert(201);
    assert!(r.body["award_history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["exemplary_model_id"] == m["id"]));
}
