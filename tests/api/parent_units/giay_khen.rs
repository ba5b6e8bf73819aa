//! A unit head's Giấy khen to a sub-unit of the head's unit, at any depth, or a team
//! inside it; never to a unit outside it, nor upwards to the parent.

use crate::fixtures::plans::{movement_id, new_user};
use crate::helpers::*;
use serde_json::{json, Value};

fn giay_khen(movement: &str, unit: &str, team: Option<&str>, number: &str) -> Value {
    json!({"movement_id": movement, "recipient_kind": "collective",
        "collective": {"unit_id": unit, "team_name": team, "women_share_percent": 55.0},
        "title": "Giấy khen của Chủ tịch UBND Huyện Tháp Mười",
        "achievement": "Hoàn thành xuất sắc chuyển đổi số cấp xã năm 2025.",
        "decision_number": number, "decided_on": "2025-12-15"})
}

#[actix_web::test]
async fn a_unit_heads_giay_khen_may_go_to_a_sub_unit_or_a_team_inside_it() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let tx = app.unit_id("TM-TRUONGXUAN").await;
    let r = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            giay_khen(&m, &tx, None, "88/QĐ-UBND"),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["recipient_name"], "UBND xã Trường Xuân");
    assert_eq!(r.body["collective"]["unit_id"], tx.as_str());
    assert_eq!(r.body["unit_id"], app.unit_id("H-THAPMUOI").await.as_str());
    let r = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            giay_khen(
                &m,
                &tx,
                Some("Tổ công nghệ số cộng đồng ấp 1"),
                "88/QĐ-UBND",
            ),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["recipient_name"], "Tổ công nghệ số cộng đồng ấp 1");
    // At any depth: a hamlet under a commune of the district.
    let admin = app.token("admin").await;
    let myan = app.unit_id("TM-MYAN").await;
    let r = app
        .post(
            "/api/v1/units",
            Some(&admin),
            json!({"code": "TM-MYAN-K1", "name": "Khóm 1 Thị trấn Mỹ An", "kind": "locality",
                "parent_id": myan, "valid_from": "2022-01-01"}),
        )
        .await;
    r.assert(201);
    let k1 = id_of(&r.body);
    app.post(
        "/api/v1/unit-awards",
        Some(&head),
        giay_khen(&m, &k1, None, "89/QĐ-UBND"),
    )
    .await
    .assert(201);
    // A commune of another district, or the district's own parent-less peer: 422.
    for code in ["CL-MYTHO", "H-CAOLANH", "SYT-BVDK"] {
        let other = app.unit_id(code).await;
        let r = app
            .post(
                "/api/v1/unit-awards",
                Some(&head),
                giay_khen(&m, &other, None, "90/QĐ-UBND"),
            )
            .await;
        r.assert_problem(422, "validation_failed");
        assert!(
            r.body["errors"]["collective.unit_id"].is_array(),
            "{code}: {}",
            r.text
        );
    }
    // Upwards is not downwards: the commune's head does not award its district.
    let t = new_user(&app, "truong.myan", &myan, &["unit_head"]).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let r = app
        .post(
            "/api/v1/unit-awards",
            Some(&t),
            giay_khen(&m, &tm, None, "12/QĐ-UBND"),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    // …but does award its own sub-unit.
    app.post(
        "/api/v1/unit-awards",
        Some(&t),
        giay_khen(&m, &k1, None, "12/QĐ-UBND"),
    )
    .await
    .assert(201);
    // Only the head records: the district's officer is refused, nothing stored.
    let officer = app.token("unit_officer").await;
    app.post(
        "/api/v1/unit-awards",
        Some(&officer),
        giay_khen(&m, &tx, None, "91/QĐ-UBND"),
    )
    .await
    .assert_problem(403, "forbidden");
    let r = app.get("/api/v1/unit-awards?limit=200", Some(&admin)).await;
    r.assert(200);
    let numbers: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["decision_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), 4, "{numbers:?}");
    assert!(!numbers.contains(&"90/QĐ-UBND") && !numbers.contains(&"91/QĐ-UBND"));
}
