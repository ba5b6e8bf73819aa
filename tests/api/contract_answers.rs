//! The demo's answers keep the bounds the document states on them (issue 11: answers
//! are bounded from facts in `src/openapi/bounds/`; a fact that is wrong shows here,
//! on both databases, before an integrator's validating client meets it).

use crate::contract_examples::mismatches;
use crate::helpers::*;
use serde_json::Value;

/// The document's JSON schema for a GET's 200 answer on `template`.
fn answer_schema(doc: &Value, template: &str) -> Value {
    doc["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        .clone()
}

#[actix_web::test]
async fn every_list_and_record_of_the_demo_fits_its_schema() {
    let app = spawn_app().await;
    let doc: Value = serde_json::from_str(&thidua::openapi::document_json()).unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for role in ["admin", "auditor", "dic_officer", "unit_head"] {
        let t = app.token(role).await;
        for list in [
            "/api/v1/groups",
            "/api/v1/units",
            "/api/v1/users",
            "/api/v1/movements",
            "/api/v1/plans",
            "/api/v1/reports",
            "/api/v1/nominations",
            "/api/v1/submissions",
            "/api/v1/decisions",
            "/api/v1/unit-awards",
            "/api/v1/audit-events",
            "/api/v1/consolidated-reports",
            "/api/v1/deadlines",
            "/api/v1/holidays",
            "/api/v1/me",
            "/api/v1/public/movements",
            "/api/v1/public/decisions",
            "/api/v1/public/awards",
            "/api/v1/public/comment-postings",
        ] {
            let r = app.get(&format!("{list}?limit=200"), Some(&t)).await;
            if r.status.as_u16() != 200 {
                continue;
            }
            checked += 1;
            let schema = answer_schema(&doc, list);
            problems.extend(mismatches(
                &doc,
                &r.body,
                &schema,
                &format!("{role} {list}"),
            ));
            // The first record of each list, read on its own.
            let one = format!("{list}/{{id}}");
            let id = r.body["items"][0]["id"].as_str().map(str::to_string);
            if let (Some(id), true) = (id, doc["paths"].get(&one).is_some()) {
                let r = app.get(&format!("{list}/{id}"), Some(&t)).await;
                if r.status.as_u16() == 200 {
                    checked += 1;
                    let schema = answer_schema(&doc, &one);
                    problems.extend(mismatches(&doc, &r.body, &schema, &format!("{role} {one}")));
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} answers read");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
