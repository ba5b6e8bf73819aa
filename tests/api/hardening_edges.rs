//! Edge answers (issue 9 item 11): a URL past `THIDUA_MAX_URL_BYTES` answers 414
//! problem+json; a body that stops coming answers 408 problem+json and closes the
//! connection (JSON and multipart alike), while a slow body that keeps its rate goes on.
//! The server's own timeouts and connection cap are set in `serve` (the README's
//! configuration table) and were measured against a release build by a script.

use crate::fixtures::nominating::{create, in_window, open_round, path_of, person, BOUNDARY};
use crate::helpers::*;
use actix_http::{ConnectionType, Payload};
use actix_web::test;
use actix_web::web::Bytes;
use futures_util::StreamExt;

#[actix_web::test]
async fn a_url_past_the_limit_answers_414_problem_json() {
    let app = spawn_app_with(&[("THIDUA_MAX_URL_BYTES", "1024")]).await;
    let long = format!("/api/v1/public/movements?q={}", "a".repeat(1000));
    let r = app.get(&long, None).await;
    r.assert_problem(414, "uri_too_long");
    assert_eq!(r.body["limit"], 1024);
    let path = format!("/api/v1/public/movements/{}", "0".repeat(1100));
    app.get(&path, None)
        .await
        .assert_problem(414, "uri_too_long");
    // Under the limit, the request goes on to its handler.
    let r = app
        .get(
            &format!("/api/v1/public/movements?q={}", "a".repeat(90)),
            None,
        )
        .await;
    assert_ne!(r.status.as_u16(), 414, "{}", r.text);
}

/// A request whose body sends `first`, then nothing more, ever.
fn stalled(req: test::TestRequest, first: &'static [u8]) -> actix_http::Request {
    let stream = futures_util::stream::once(async move { Ok(Bytes::from_static(first)) })
        .chain(futures_util::stream::pending());
    let payload: Payload = Payload::Stream {
        payload: Box::pin(stream),
    };
    req.to_request().replace_payload(payload).0
}

async fn stalled_answer<S: TestService>(app: &TestApp<S>, req: actix_http::Request) -> Reply {
    let res = test::call_service(&app.service, req).await;
    assert_eq!(
        res.response().head().connection_type(),
        ConnectionType::Close,
        "a 408 closes the connection"
    );
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = test::read_body(res).await;
    Reply {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or_default(),
        text: String::from_utf8_lossy(&bytes).to_string(),
    }
}

#[actix_web::test]
async fn a_json_body_that_stops_coming_answers_408_and_closes() {
    let app = spawn_app_with(&[
        ("THIDUA_BODY_TIMEOUT_SECONDS", "1"),
        ("THIDUA_BODY_MIN_BYTES_PER_SECOND", "0"),
    ])
    .await;
    let t = app.token("unit_officer").await;
    let req = test::TestRequest::post()
        .uri("/api/v1/nominations")
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Content-Length", "5000"));
    let r = stalled_answer(&app, stalled(req, b"{\"round_id\": \"")).await;
    r.assert_problem(408, "request_timeout");
}

#[actix_web::test]
async fn an_upload_that_stops_coming_answers_408_and_closes() {
    let app = spawn_app_with(&[
        ("THIDUA_BODY_TIMEOUT_SECONDS", "1"),
        ("THIDUA_BODY_MIN_BYTES_PER_SECOND", "1000"),
    ])
    .await;
    in_window(&app);
    let t = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let n = create(&app, &t, person(&round, "Võ Thị Sáu", 1988)).await;
    let req = test::TestRequest::post()
        .uri(&format!("{}/documents", path_of(&n)))
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ));
    let head: &'static [u8] = Box::leak(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nproposal_letter\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"to-trinh.pdf\"\r\n\r\n%PDF-1.4\n")
            .into_bytes()
            .into_boxed_slice(),
    );
    let r = stalled_answer(&app, stalled(req, head)).await;
    r.assert_problem(408, "request_timeout");
}

#[actix_web::test]
async fn a_slow_body_that_keeps_its_rate_is_read_whole() {
    // 1 s of grace, and every 100 bytes earn 1 s more: six chunks 400 ms apart (2.4 s
    // in all) each earn far more than they take.
    let app = spawn_app_with(&[
        ("THIDUA_BODY_TIMEOUT_SECONDS", "1"),
        ("THIDUA_BODY_MIN_BYTES_PER_SECOND", "100"),
    ])
    .await;
    in_window(&app);
    let t = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let body = serde_json::to_vec(&person(&round, "Đặng Thùy Trâm", 1982)).unwrap();
    let chunks: Vec<Bytes> = body
        .chunks(body.len().div_ceil(6))
        .map(Bytes::copy_from_slice)
        .collect();
    let stream = futures_util::stream::iter(chunks).then(|c| async move {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(400)).await;
        Ok::<_, actix_http::error::PayloadError>(c)
    });
    let payload: Payload = Payload::Stream {
        payload: Box::pin(stream),
    };
    let req = test::TestRequest::post()
        .uri("/api/v1/nominations")
        .insert_header(("Authorization", format!("Bearer {t}")))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Content-Length", body.len().to_string()))
        .to_request()
        .replace_payload(payload)
        .0;
    let res = test::call_service(&app.service, req).await;
    let status = res.status();
    let text = String::from_utf8_lossy(&test::read_body(res).await).to_string();
    assert_eq!(status.as_u16(), 201, "{text}");
}
