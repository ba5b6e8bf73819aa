//! What an anonymised nomination looks like over HTTP, and the public record beside it.

use super::*;
use thidua::app::personal_data::{anonymise, RetentionRun};
use thidua::domain::personal_data::ANONYMISED;

/// The public record, as anyone reads it.
async fn public_record<S: TestService>(app: &TestApp<S>) -> Vec<Value> {
    let mut out = Vec::new();
    for p in [
        "/api/v1/public/awards?limit=200",
        "/api/v1/public/decisions?limit=200",
        "/api/v1/public/comment-postings?limit=200",
    ] {
        let r = app.get(p, None).await;
        r.assert(200);
        out.push(r.body.clone());
    }
    out
}

#[actix_web::test]
async fn anonymisation_replaces_the_person_keeps_the_public_record_and_erases_files() {
    let app = spawn_app().await;
    let withdrawn = nomination_of(&app, "person:Trần Thị Kim Loan:1987");
    let awarded = nomination_of(&app, LINH);
    let auditor = app.token("auditor").await;
    let before_history = app
        .get(
            &format!("/api/v1/nominations/{}/history", withdrawn.id),
            Some(&auditor),
        )
        .await;
    before_history.assert(200);
    let awarded_before = app
        .get(
            &format!("/api/v1/nominations/{}", awarded.id),
            Some(&auditor),
        )
        .await;
    let public_before = public_record(&app).await;

    let later = chrono::Utc::now() + chrono::Duration::days(3650);
    let report = {
        let mut conn = app.state.pool.get().unwrap();
        anonymise(&mut conn, &RetentionRun::new(later, 730, false, "test")).unwrap()
    };
    assert!(report
        .nominations
        .iter()
        .any(|n| n.nomination_id == withdrawn.id));
    assert!(report
        .nominations
        .iter()
        .all(|n| n.nomination_id != awarded.id));

    // The public record is as it was; so is the awarded nomination.
    assert_eq!(public_record(&app).await, public_before);
    let awarded_after = app
        .get(
            &format!("/api/v1/nominations/{}", awarded.id),
            Some(&auditor),
        )
        .await;
    assert_eq!(awarded_after.body, awarded_before.body);

    // The withdrawn nominee: replaced; the history keeps its shape.
    let n = app
        .get(
            &format!("/api/v1/nominations/{}", withdrawn.id),
            Some(&auditor),
        )
        .await;
    n.assert(200);
    assert_eq!(n.body["nominee_name"], ANONYMISED);
    assert_eq!(n.body["individual"]["full_name"], ANONYMISED);
    assert_eq!(n.body["individual"]["birth_year"], 1980);
    assert_eq!(n.body["individual"]["position"], ANONYMISED);
    assert_eq!(n.body["status"], "withdrawn");
    let after_history = app
        .get(
            &format!("/api/v1/nominations/{}/history", withdrawn.id),
            Some(&auditor),
        )
        .await;
    let shape = |h: &Reply| -> Vec<(Value, Value, Value)> {
        h.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["action"].clone(),
                    e["to_status"].clone(),
                    e["occurred_at"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(shape(&after_history), shape(&before_history));
    // Its files: metadata kept, contents gone (410).
    let docs = app
        .get(
            &format!(
                "/api/v1/nominations/{}/documents?include_removed=true",
                withdrawn.id
            ),
            Some(&auditor),
        )
        .await;
    docs.assert(200);
    let doc_id = docs.body["items"][0]["id"].as_str().unwrap();
    app.get(
        &format!("/api/v1/nominations/{}/documents/{doc_id}", withdrawn.id),
        Some(&auditor),
    )
    .await
    .assert_problem(410, "personal_data_erased");
    // The name is gone from the audit trail's copies of the nomination.
    let trail = app
        .get(
            &format!(
                "/api/v1/audit-events?limit=200&resource_type=nomination&resource_id={}",
                withdrawn.id
            ),
            Some(&auditor),
        )
        .await;
    assert!(!trail.text.contains("Kim Loan"), "{}", trail.text);
    assert!(trail.text.contains("nomination.anonymise"));
    // The old key finds nothing any more; the export says so.
    let admin = app.token("admin").await;
    let export = app
        .get(
            &format!(
                "/api/v1/personal-data?nominee={}",
                urlencoding("person:Trần Thị Kim Loan:1987")
            ),
            Some(&admin),
        )
        .await;
    export.assert(200);
    assert!(export.body["nominations"].as_array().unwrap().is_empty());
}
