//! CSV in its own operations (issue 11 item 6): the public lists and the roll-up as
//! `text/csv` files (BOM, header row, CRLF, RFC 4180 quoting, the formula guard), who
//! reads them, and 406 for a JSON operation asked for CSV.

use crate::fixtures::rollup::{demo_movement, set_clock, YEAR};
use crate::helpers::*;
use serde_json::json;

async fn get_with<S: TestService>(
    app: &TestApp<S>,
    path: &str,
    token: Option<&str>,
    accept: &str,
) -> Reply {
    app.send(Call {
        method: "GET",
        path: path.into(),
        token: token.map(str::to_string),
        body: None,
        headers: vec![("Accept".into(), accept.into())],
    })
    .await
}

fn lines(r: &Reply) -> Vec<String> {
    assert_eq!(&r.text.as_bytes()[..3], &[0xEF, 0xBB, 0xBF], "no BOM");
    let text = r.text.strip_prefix('\u{feff}').unwrap();
    assert!(text.ends_with("\r\n"), "{text}");
    // Split on CRLF only: a quoted cell may hold a bare line feed.
    text.trim_end_matches("\r\n")
        .split("\r\n")
        .map(str::to_string)
        .collect()
}

#[actix_web::test]
async fn public_movements_as_csv_quote_and_guard_their_cells() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let m = app.movement().await;
    let title = "=HYPERLINK(\"http://x\"), \"Đồng Tháp chuyển đổi số\"";
    let version = m["version"].as_i64().unwrap();
    app.patch(
        &format!("/api/v1/movements/{}", m["id"].as_str().unwrap()),
        &admin,
        &format!("\"{version}\""),
        json!({"title": title}),
    )
    .await
    .assert(200);

    let r = get_with(&app, "/api/v1/public/movements.csv", None, "text/csv").await;
    r.assert(200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(
        r.header("content-disposition").as_deref(),
        Some("attachment; filename=\"phong-trao-thi-dua.csv\"")
    );
    assert!(r.header("x-next-cursor").is_none());
    let rows = lines(&r);
    assert_eq!(
        rows[0],
        "Mã phong trào,Tên phong trào,Chủ đề,Từ năm,Đến năm,Căn cứ pháp lý,Kế hoạch phát động,Đơn vị thường trực (id),Đơn vị thẩm định (id),Id"
    );
    let row = rows
        .iter()
        .find(|l| l.starts_with(m["code"].as_str().unwrap()))
        .unwrap();
    // Quoted (comma, quotes doubled) and guarded (the leading apostrophe).
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://x\"\"), \"\"Đồng Tháp chuyển đổi số\"\"\","),
        "{row}"
    );
    assert!(row.ends_with(m["id"].as_str().unwrap()), "{row}");
    // The same filters as the JSON list.
    let none = get_with(&app, "/api/v1/public/movements.csv?year=2001", None, "*/*").await;
    none.assert(200);
    assert_eq!(lines(&none).len(), 1);
}

#[actix_web::test]
async fn every_public_list_has_its_csv_for_anyone() {
    let app = spawn_app().await;
    for (path, header) in [
        (
            "/api/v1/public/decisions.csv",
            "Số quyết định,Năm,Ngày ký,Người ký,",
        ),
        (
            "/api/v1/public/awards.csv",
            "Hình thức khen thưởng,Loại đối tượng,Tên đối tượng,",
        ),
        (
            "/api/v1/public/comment-postings.csv",
            "Loại đối tượng,Tên đối tượng,Chức vụ,",
        ),
    ] {
        let r = get_with(&app, path, None, "text/csv, application/json;q=0.5").await;
        r.assert(200);
        assert!(lines(&r)[0].starts_with(header), "{path}: {}", r.text);
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=60")
        );
    }
    // A cursor not issued here is refused as by the JSON list.
    get_with(
        &app,
        "/api/v1/public/awards.csv?cursor=nope",
        None,
        "text/csv",
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn a_json_operation_asked_for_csv_is_406_and_csv_is_406_for_json_only() {
    let app = spawn_app().await;
    let r = get_with(&app, "/api/v1/public/awards", None, "text/csv").await;
    r.assert_problem(406, "not_acceptable");
    assert_eq!(r.body["acceptable"], json!(["application/json"]));
    // In Vietnamese too.
    let vi = app
        .send(Call {
            method: "GET",
            path: "/api/v1/public/awards".into(),
            token: None,
            body: None,
            headers: vec![
                ("Accept".into(), "text/csv".into()),
                ("Accept-Language".into(), "vi".into()),
            ],
        })
        .await;
    vi.assert_problem(406, "not_acceptable");
    assert!(vi.body["detail"]
        .as_str()
        .unwrap()
        .contains("Thao tác này trả về"));
    // q=0 refuses; wildcards and problem+json admit JSON.
    get_with(
        &app,
        "/api/v1/public/awards",
        None,
        "application/json;q=0, text/csv",
    )
    .await
    .assert_problem(406, "not_acceptable");
    for ok in [
        "*/*",
        "application/*",
        "application/problem+json",
        "text/csv, */*;q=0.1",
    ] {
        get_with(&app, "/api/v1/public/awards", None, ok)
            .await
            .assert(200);
    }
    get_with(&app, "/api/v1/public/awards.csv", None, "application/json")
        .await
        .assert_problem(406, "not_acceptable");
    // A write is refused before it runs.
    let admin = app.token("admin").await;
    let r = app
        .send(Call {
            method: "POST",
            path: "/api/v1/groups".into(),
            token: Some(admin.clone()),
            body: Some(json!({"code": "K-CSV", "name": "Khối thử", "kind": "bloc"})),
            headers: vec![("Accept".into(), "text/csv".into())],
        })
        .await;
    r.assert_problem(406, "not_acceptable");
    let groups = app.get("/api/v1/groups?q=K-CSV", Some(&admin)).await;
    assert!(!groups.text.contains("K-CSV"), "{}", groups.text);
}

#[actix_web::test]
async fn the_roll_up_csv_is_for_its_readers_only() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    set_clock(&app, "2025-12-20T03:00:00Z");
    let dic = app.token("dic_officer").await;
    let issued = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": m.id, "year": YEAR}),
        )
        .await;
    issued.assert(201);
    let path = format!("/api/v1/consolidated-reports/{}.csv", id_of(&issued.body));
    let r = get_with(&app, &path, Some(&dic), "text/csv").await;
    r.assert(200);
    assert!(lines(&r)[0].starts_with("Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,"));
    assert_eq!(
        r.header("content-disposition").as_deref(),
        Some("attachment; filename=\"bao-cao-tong-hop-2025.csv\"")
    );
    for reader in ["chair", "admin", "auditor"] {
        let t = app.token(reader).await;
        get_with(&app, &path, Some(&t), "*/*").await.assert(200);
    }
    // Not a reviewer of the movement: the report does not exist for them, as in JSON.
    let officer = app.token("unit_officer").await;
    get_with(&app, &path, Some(&officer), "text/csv")
        .await
        .assert_problem(404, "not_found");
    get_with(&app, &path, None, "text/csv")
        .await
        .assert_problem(401, "unauthenticated");
    // The JSON operation is JSON only now.
    let json_path = format!("/api/v1/consolidated-reports/{}", id_of(&issued.body));
    get_with(&app, &json_path, Some(&dic), "text/csv")
        .await
        .assert_problem(406, "not_acceptable");
    let r = app.get(&json_path, Some(&dic)).await;
    r.assert(200);
    assert_eq!(r.body["id"], issued.body["id"]);
}
