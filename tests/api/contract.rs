use serde_json::Value;

#[test]
fn the_committed_contract_matches_the_code() {
    let committed = std::fs::read_to_string("openapi/openapi.json").expect("openapi/openapi.json");
    let generated = thidua::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -- openapi > openapi/openapi.json`"
    );
}

#[test]
fn every_operation_documents_its_errors_and_has_an_id() {
    let doc: Value = serde_json::from_str(&thidua::openapi::document_json()).unwrap();
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}: no operationId"));
            assert!(ids.insert(id.to_string()), "duplicate operationId {id}");
            assert!(op["summary"].is_string(), "{id}: no summary");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{id}: 500 missing");
            let public = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().all(|r| r.as_object().unwrap().is_empty()));
            if path.starts_with("/api/") {
                assert!(responses.contains_key("503"), "{id}: 503 missing");
                if !public {
                    assert!(responses.contains_key("401"), "{id}: 401 missing");
                }
            }
            if op.get("requestBody").is_some() {
                for s in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(s), "{id}: {s} missing");
                }
            }
            if path.contains('{') {
                assert!(responses.contains_key("404"), "{id}: 404 missing");
            }
            for (status, r) in responses {
                let r = match r["$ref"].as_str() {
                    Some(t) => {
                        &doc["components"]["responses"]
                            [t.trim_start_matches("#/components/responses/")]
                    }
                    None => r,
                };
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        r["content"]["application/problem+json"].is_object(),
                        "{id} {status}: not problem+json"
                    );
                }
            }
        }
    }
    assert!(ids.len() >= 30, "{} operations", ids.len());
}

#[test]
fn public_operations_are_marked_as_such() {
    let doc: Value = serde_json::from_str(&thidua::openapi::document_json()).unwrap();
    let op = &doc["paths"]["/api/v1/public/movements"]["get"];
    assert_eq!(op["security"], serde_json::json!([{}]));
    assert_eq!(doc["security"], serde_json::json!([{"bearer": []}]));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}
