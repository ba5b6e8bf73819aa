//! The document's shape as generators and integrators read it (issue 11 defects 1, 2,
//! 3, 4, 7, 8): typed problems with an example per code, binary downloads, shared
//! components, optional step bodies; and the runtime problem members it promises.

use crate::fixtures::plans::*;
use crate::helpers::*;
use actix_web::test as actix_test;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use thidua::error::ErrorCode;

fn doc() -> Value {
    serde_json::to_value(thidua::openapi::document()).unwrap()
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op.clone()));
        }
    }
    out
}

/// A response, through its `$ref` if it has one.
fn resolve<'a>(doc: &'a Value, r: &'a Value) -> &'a Value {
    match r["$ref"].as_str() {
        Some(target) => {
            &doc["components"]["responses"][target.trim_start_matches("#/components/responses/")]
        }
        None => r,
    }
}

#[test]
fn finish_survives_utoipas_model() {
    let raw = serde_json::to_value(thidua::openapi::unfinished()).unwrap();
    let mut lost = Vec::new();
    differences("", &thidua::openapi::finish_value(raw), &doc(), &mut lost);
    assert!(lost.is_empty(), "changed by utoipa's model: {lost:?}");
}

fn differences(at: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => differences(&format!("{at}/{k}"), v, w, out),
                    None => out.push(format!("{at}/{k} lost")),
                }
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("{at}/{k} added"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                differences(&format!("{at}/{i}"), v, w, out);
            }
        }
        (a, b) if a != b => out.push(format!("{at}: {a} became {b}")),
        _ => {}
    }
}

#[test]
fn the_problem_code_enum_is_every_error_code() {
    let doc = doc();
    let codes: Vec<&str> = doc["components"]["schemas"]["ProblemCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, all);
    let problem = &doc["components"]["schemas"]["Problem"];
    assert_eq!(
        problem["properties"]["code"]["$ref"],
        "#/components/schemas/ProblemCode"
    );
    for member in [
        "instance",
        "request_id",
        "errors",
        "current_state",
        "current_version",
        "missing",
        "missing_target_ids",
        "quota",
        "used",
        "requested",
        "nominations",
        "nomination_id",
        "code_point",
    ] {
        assert!(problem["properties"][member].is_object(), "{member}");
    }
}

#[test]
fn every_error_response_names_real_codes_of_its_status_with_an_example_each() {
    let doc = doc();
    // Words a description may backtick besides codes: problem members, parameters and
    // the properties of every schema.
    let mut words: BTreeSet<String> = BTreeSet::new();
    collect_names(&doc["components"], &mut words);
    for (_, _, op) in operations(&doc) {
        collect_names(&op["parameters"], &mut words);
    }
    for (path, method, op) in operations(&doc) {
        for (status, r) in op["responses"].as_object().unwrap() {
            if !(status.starts_with('4') || status.starts_with('5')) {
                continue;
            }
            let r = resolve(&doc, r);
            let code: u16 = status.parse().unwrap();
            let description = r["description"].as_str().unwrap();
            for word in thidua::openapi::problems::backticked(description) {
                let snake = !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                assert!(
                    !snake || ErrorCode::parse(word).is_some() || words.contains(word),
                    "{method} {path} {status}: `{word}` is no error code (nor a member or field)"
                );
            }
            let listed = r["x-problem-codes"].as_array().unwrap();
            assert!(!listed.is_empty(), "{method} {path} {status}: no codes");
            let examples = &r["content"]["application/problem+json"]["examples"];
            for c in listed {
                let c = ErrorCode::parse(c.as_str().unwrap()).unwrap();
                assert_eq!(c.status().as_u16(), code, "{method} {path} {status}: {c:?}");
                let target = examples[c.as_str()]["$ref"].as_str().unwrap();
                let example = &doc["components"]["examples"]
                    [target.trim_start_matches("#/components/examples/")]["value"];
                assert_eq!(example["code"], c.as_str());
                assert_eq!(example["status"], code);
            }
        }
    }
    // No longer one example for everything: a 409 shows its state conflict.
    let submit = &doc["paths"]["/api/v1/nominations/{id}/submit"]["post"]["responses"]["409"];
    let codes = submit["x-problem-codes"].as_array().unwrap();
    assert!(codes.contains(&json!("invalid_state")), "{codes:?}");
    assert!(!codes.contains(&json!("validation_failed")));
}

fn collect_names(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                if k == "properties" || k == "patternProperties" {
                    if let Some(p) = child.as_object() {
                        out.extend(p.keys().map(|k| k.trim_matches(['^', '$']).to_string()));
                    }
                }
                if k == "name" {
                    if let Some(n) = child.as_str() {
                        out.insert(n.to_string());
                    }
                }
                if k == "enum" || k == "examples" {
                    for e in child.as_array().into_iter().flatten() {
                        if let Some(e) = e.as_str() {
                            out.insert(e.to_string());
                        }
                    }
                }
                collect_names(child, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| collect_names(c, out)),
        _ => {}
    }
}

#[test]
fn downloads_are_binary_and_nothing_is_an_array_of_bytes() {
    let doc = doc();
    for (path, method, op) in operations(&doc) {
        for (status, r) in op["responses"].as_object().unwrap() {
            for (media, m) in r["content"].as_object().into_iter().flatten() {
                let s = &m["schema"];
                assert!(
                    !(s["type"] == "array" && s["items"]["type"] == "integer"),
                    "{method} {path} {status} {media}: an array of integers"
                );
            }
        }
    }
    for path in [
        "/api/v1/nominations/{id}/documents/{document_id}",
        "/api/v1/personal-data/documents/{document_id}",
    ] {
        let content = doc["paths"][path]["get"]["responses"]["200"]["content"]
            .as_object()
            .unwrap();
        assert!(content.contains_key("application/pdf"), "{path}");
        for (media, m) in content {
            assert_eq!(m["schema"]["type"], "string", "{path} {media}");
            assert_eq!(m["schema"]["format"], "binary", "{path} {media}");
            assert_eq!(m["schema"]["contentMediaType"], media.as_str());
        }
    }
    // The form's enum is inline (openapi-generator's rust client cannot name a $ref there).
    let kind = &doc["components"]["schemas"]["DocumentUpload"]["properties"]["kind"];
    assert_eq!(kind["type"], "string");
    assert!(kind["enum"]
        .as_array()
        .unwrap()
        .contains(&json!("proposal_letter")));
}

#[test]
fn shared_parameters_headers_and_responses_are_referenced() {
    let doc = doc();
    let c = &doc["components"];
    assert_eq!(c["parameters"]["Limit"]["schema"]["default"], 50);
    assert_eq!(c["parameters"]["Limit"]["schema"]["maximum"], 200);
    assert!(c["parameters"]["Cursor"]["schema"]["pattern"].is_string());
    for h in [
        "ETag",
        "Location",
        "X-Request-Id",
        "Idempotency-Replayed",
        "Retry-After",
        "Cache-Control",
        "RateLimit",
        "RateLimit-Policy",
    ] {
        assert!(c["headers"][h]["schema"].is_object(), "{h}");
    }
    assert!(c["responses"]["RateLimited"]["headers"]["Retry-After"].is_object());
    let text = doc.to_string();
    assert!(!text.contains(
        "\"name\":\"If-Match\",\"in\":\"header\",\"description\":\"The ETag last read\""
    ));
    for (path, method, op) in operations(&doc) {
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or("");
            assert!(
                !matches!(name, "If-Match" | "Idempotency-Key" | "limit" | "cursor"),
                "{method} {path}: {name} inline"
            );
        }
        if !path.starts_with("/api/v1/") {
            continue;
        }
        for (status, r) in op["responses"].as_object().unwrap() {
            let r = resolve(&doc, r);
            for h in ["X-Request-Id", "RateLimit", "RateLimit-Policy"] {
                assert!(r["headers"][h].is_object(), "{method} {path} {status}: {h}");
            }
            if status == "201" {
                assert!(r["headers"]["Location"].is_object(), "{method} {path} 201");
            }
        }
        assert!(op["responses"]["429"].is_object(), "{method} {path}: 429");
    }
}

#[test]
fn names_and_entry_points() {
    let doc = doc();
    assert!(doc["info"]["title"].as_str().unwrap().is_ascii());
    assert!(doc["info"]["description"]
        .as_str()
        .unwrap()
        .contains("Phong trào thi đua"));
    let servers = doc["servers"].as_array().unwrap();
    assert_eq!(servers[0]["url"], "/");
    assert_eq!(
        servers[1]["variables"]["host"]["default"],
        "thidua.dongthap.gov.vn"
    );
    let bearer = doc["components"]["securitySchemes"]["bearer"]["description"]
        .as_str()
        .unwrap();
    assert!(bearer.contains("/api/v1/auth/token") && bearer.contains("/api/v1/auth/refresh"));
    let tag = |p: &str, m: &str| doc["paths"][p][m]["tags"][0].clone();
    assert_eq!(tag("/api/v1/submissions", "post"), "submissions");
    assert_eq!(tag("/api/v1/decisions", "post"), "decisions");
    assert_eq!(tag("/api/v1/movements/{id}/dashboard", "get"), "dashboard");
    assert_eq!(
        doc["paths"]["/health/live"]["get"]["operationId"],
        "get_liveness"
    );
    assert_eq!(
        doc["paths"]["/health/ready"]["get"]["operationId"],
        "get_readiness"
    );
    assert_eq!(
        doc["paths"]["/metrics"]["get"]["operationId"],
        "get_metrics"
    );
}

#[actix_web::test]
async fn problems_name_their_request_and_its_id() {
    let app = spawn_app().await;
    let r = app.get("/api/v1/no-such-thing", None).await;
    r.assert_problem(404, "route_not_found");
    assert_eq!(r.body["instance"], "/api/v1/no-such-thing");
    let id = r.header("x-request-id").unwrap();
    assert_eq!(r.body["request_id"], id.as_str());
    // Re-rendered in Vietnamese, still naming the request.
    let t = app.token("unit_officer").await;
    let r = app
        .send(Call {
            method: "GET",
            path: "/api/v1/nominations/0193-khong-co".into(),
            token: Some(t),
            body: None,
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    r.assert_problem(404, "not_found");
    assert_eq!(r.body["title"], "Không tìm thấy");
    assert_eq!(r.body["instance"], "/api/v1/nominations/0193-khong-co");
    assert_eq!(
        r.body["request_id"],
        r.header("x-request-id").unwrap().as_str()
    );
    assert_eq!(r.header("content-language").as_deref(), Some("vi"));
}

#[test]
fn optional_step_bodies_are_not_required() {
    let doc = doc();
    for (path, method, op) in operations(&doc) {
        let body = &op["requestBody"];
        for m in body["content"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, m)| m)
        {
            assert!(
                m["schema"]["oneOf"].is_null(),
                "{method} {path}: oneOf body"
            );
        }
    }
    let body = &doc["paths"]["/api/v1/plans/{id}/submit"]["post"]["requestBody"];
    assert_eq!(body["required"], false);
    assert_eq!(
        body["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/StepComment"
    );
}

/// A step with an optional body accepts none, an empty one (with a Content-Type) and `{}`.
#[actix_web::test]
async fn an_optional_step_body_may_be_absent_empty_null_or_an_empty_object() {
    let app = spawn_app().await;
    let m = movement_id(&app).await;
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let kh01 = criterion(&app, "KH-01").await;
    app.state.clock.set(at(2025, 1, 15, 2, 0, 0));
    let plan = draft_plan(
        &app,
        &officer,
        json!({"movement_id": m, "kind": "annual", "year": 2025,
            "title": "Kế hoạch thi đua chuyển đổi số năm 2025 của UBND Huyện Tháp Mười",
            "targets": [{"criterion_id": kh01["id"], "target_value": 90.0}]}),
    )
    .await;
    let path = plan_path(&plan);
    let bodies: [(&str, Option<&str>); 4] = [
        ("", Some("application/json")),
        ("{}", Some("application/json")),
        ("null", Some("application/json")),
        ("", None),
    ];
    let mut version = 1;
    for (i, (payload, content_type)) in bodies.into_iter().enumerate() {
        let mut req = actix_test::TestRequest::post()
            .uri(&format!("{path}/submit"))
            .insert_header(("Authorization", format!("Bearer {head}")))
            .insert_header(("If-Match", format!("\"{version}\"")))
            .set_payload(payload);
        if let Some(ct) = content_type {
            req = req.insert_header(("Content-Type", ct));
        }
        let res = actix_test::call_service(&app.service, req.to_request()).await;
        let status = res.status().as_u16();
        let body: Value = actix_test::read_body_json(res).await;
        assert_eq!(status, 200, "case {i}: {body}");
        assert_eq!(body["status"], "submitted", "case {i}");
        version = body["version"].as_i64().unwrap();
        if i < 3 {
            let r = act(
                &app,
                &dic,
                &path,
                "return",
                &format!("\"{version}\""),
                Some(json!({"reason": "Đề nghị bổ sung chỉ tiêu lĩnh vực giáo dục."})),
            )
            .await;
            r.assert(200);
            version = r.body["version"].as_i64().unwrap();
        }
    }
}
