//! Replications: another unit registers, once; DIC of the standing unit confirms.

use super::*;
use crate::fixtures::plans::{fresh_unit, new_user};

fn replication_body() -> Value {
    json!({"started_on": "2026-03-01",
        "results": "Số hóa 800 ha vùng trồng lúa theo cách làm của xã Mỹ Hòa.",
        "evidence": "Báo cáo số 45/BC-UBND ngày 15/10/2026"})
}

#[actix_web::test]
async fn another_unit_registers_a_replication_once_and_dic_confirms_it() {
    let app = spawn_app().await;
    fix_clock(&app);
    let m = recognized(&app, "Bản đồ số", "93/QĐ-STTTT").await;
    let path = format!("{}/replications", path_of(&m));
    // The model's own unit does not replicate it.
    let officer = app.token("unit_officer").await;
    let r = app.post(&path, Some(&officer), replication_body()).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["unit_id"].is_array());
    let (unit, other) = fresh_unit(&app, "X-NHANRONG", None).await;
    let mut future = replication_body();
    future["started_on"] = json!("2026-11-27");
    app.post(&path, Some(&other), future)
        .await
        .assert_problem(422, "validation_failed");
    // Neither DIC nor another unit registers for a unit.
    let dic = app.token("dic_officer").await;
    app.post(&path, Some(&dic), replication_body())
        .await
        .assert_problem(403, "forbidden");
    let mut for_other = replication_body();
    for_other["unit_id"] = json!(unit);
    app.post(&path, Some(&officer), for_other)
        .await
        .assert_problem(403, "forbidden");
    let r = app.post(&path, Some(&other), replication_body()).await;
    r.assert(201);
    let rep = r.body.clone();
    assert_eq!(rep["status"], "registered");
    assert_eq!(rep["unit_id"], unit);
    assert_eq!(r.etag(), "\"1\"");
    app.post(&path, Some(&other), replication_body())
        .await
        .assert_problem(409, "already_exists");
    let list = app.get(&path, Some(&officer)).await;
    list.assert(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    // Confirmation: DIC of the standing unit only, at the replication's version, once.
    let confirm = format!("{path}/{}", rep["id"].as_str().unwrap());
    act(&app, &other, &confirm, "confirm", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    let (elsewhere, _) = fresh_unit(&app, "X-DIC2", None).await;
    let other_dic = new_user(&app, "dic.khac2", &elsewhere, &["dic_officer"]).await;
    act(&app, &other_dic, &confirm, "confirm", "\"1\"", None)
        .await
        .assert_problem(403, "forbidden");
    act(&app, &dic, &confirm, "confirm", "\"7\"", None)
        .await
        .assert_problem(412, "stale_version");
    let r = act(
        &app,
        &dic,
        &confirm,
        "confirm",
        "\"1\"",
        Some(json!({"comment": "Đã kiểm tra."})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "confirmed");
    assert_eq!(r.etag(), "\"2\"");
    act(&app, &dic, &confirm, "confirm", "\"2\"", None)
        .await
        .assert_problem(409, "invalid_state");
    let admin = app.token("admin").await;
    let audit = app
        .get(
            &format!(
                "/api/v1/audit-events?resource_type=exemplary_model&resource_id={}",
                id(&m)
            ),
            Some(&admin),
        )
        .await;
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "exemplary_model.replication.create",
        "exemplary_model.replication.confirm",
        "exemplary_model.recognize",
    ] {
        assert!(actions.contains(&a), "{a}: {actions:?}");
    }
}

#[actix_web::test]
async fn only_recognised_models_are_replicated() {
    let app = spawn_app().await;
    fix_clock(&app);
    let (_, other) = fresh_unit(&app, "X-SOM", None).await;
    // Not yet recognised: the other unit does not see it.
    let sent = submitted(&app, "Đã gửi").await;
    app.post(
        &format!("{}/replications", path_of(&sent)),
        Some(&other),
        replication_body(),
    )
    .await
    .assert_problem(404, "not_found");
    let m = recognized(&app, "Đã công nhận", "94/QĐ-STTTT").await;
    let dic = app.token("dic_officer").await;
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
        .post(
            &format!("{}/replications", path_of(&m)),
            Some(&other),
            replication_body(),
        )
        .await;
    r.assert_problem(409, "invalid_state");
    assert_eq!(r.body["current_state"], "retired");
}
