//! Statements per request (issue 10), authentication included, counted by the pool's
//! instrumentation (`thidua_db_statements_total`): a list page at most 3, one nomination
//! at most 4, a create and a workflow step at most 10. Budgets, not timings: each extra
//! round trip costs throughput under load, and a new one should be a decision.

use crate::fixtures::nominating::*;
use crate::fixtures::plans::{act, tag};
use crate::helpers::*;
use std::future::Future;

/// The statements `request` sent, and its answer.
async fn counted<S: TestService, F: Future<Output = Reply>>(
    app: &TestApp<S>,
    request: F,
) -> (u64, Reply) {
    let before = app.state.statements.get();
    let reply = request.await;
    (app.state.statements.get() - before, reply)
}

#[actix_web::test]
async fn reads_and_steps_keep_to_their_statement_budgets() {
    let app = spawn_app().await;
    let mut over = Vec::new();
    in_window(&app);
    let round = open_round(&app).await;
    let admin = app.token("admin").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let officer = app.token("unit_officer").await;

    let (n, r) = counted(
        &app,
        app.post(
            "/api/v1/nominations",
            Some(&officer),
            person(&round, "Lê Văn Tám", 1979),
        ),
    )
    .await;
    r.assert(201);
    over.extend(check(n, 10, format!("create: {n} statements")));
    let draft = r.body.clone();

    // Lists: the caller (user and session), the page, and for an outsider reading
    // personal data the audit event.
    for (who, token, query) in [
        ("admin", &admin, String::new()),
        (
            "admin",
            &admin,
            format!("round_id={round}&status=submitted"),
        ),
        ("unit_head", &head, String::new()),
        ("dic_officer", &dic, format!("round_id={round}")),
    ] {
        let (n, r) = counted(
            &app,
            app.get(&format!("/api/v1/nominations?{query}"), Some(token)),
        )
        .await;
        r.assert(200);
        over.extend(check(n, 3, format!("{who} list ?{query}: {n} statements")));
    }

    let (n, r) = counted(&app, app.get(&path_of(&draft), Some(&officer))).await;
    r.assert(200);
    over.extend(check(
        n,
        4,
        format!("one nomination (its unit): {n} statements"),
    ));

    let sent = submitted(&app, person(&round, "Trần Thị Mai", 1988)).await;
    let (n, r) = counted(&app, app.get(&path_of(&sent), Some(&dic))).await;
    r.assert(200);
    over.extend(check(
        n,
        4,
        format!("one nomination (a reviewer, audited): {n} statements"),
    ));

    let (n, r) = counted(
        &app,
        act(
            &app,
            &dic,
            &path_of(&sent),
            "return",
            &tag(&sent),
            Some(serde_json::json!({"reason": "Bổ sung bản sao quyết định khen thưởng trước đây"})),
        ),
    )
    .await;
    r.assert(200);
    over.extend(check(n, 10, format!("a step: {n} statements")));
    assert!(over.is_empty(), "over budget: {over:#?}");
}

fn check(n: u64, budget: u64, what: String) -> Option<String> {
    eprintln!("{what} (budget {budget})");
    (n > budget).then_some(what)
}
