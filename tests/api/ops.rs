use crate::helpers::*;

#[actix_web::test]
async fn health_endpoints_answer_and_carry_a_request_id() {
    let app = spawn_app().await;
    let live = app.get("/health/live", None).await;
    live.assert(200);
    assert_eq!(live.body["status"], "ok");
    let ready = app.get("/health/ready", None).await;
    ready.assert(200);
    let id = ready.header("x-request-id").expect("X-Request-Id");
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().to_string(), id);
    assert_ne!(
        app.get("/health/live", None).await.header("x-request-id"),
        Some(id)
    );
}

#[actix_web::test]
async fn metrics_count_requests_by_route_and_show_the_pool() {
    let app = spawn_app().await;
    let t = app.token("admin").await;
    app.get("/api/v1/units", Some(&t)).await.assert(200);
    app.get("/api/v1/units/does-not-exist", Some(&t))
        .await
        .assert(404);
    let m = app.get("/metrics", None).await;
    m.assert(200);
    assert!(m.header("content-type").unwrap().starts_with("text/plain"));
    assert!(
        m.text.contains(
            r#"thidua_http_requests_total{method="GET",route="/api/v1/units",status="200"} 1"#
        ),
        "{}",
        m.text
    );
    assert!(
        m.text.contains(
            r#"thidua_http_requests_total{method="GET",route="/api/v1/units/{id}",status="404"} 1"#
        ),
        "{}",
        m.text
    );
    assert!(m.text.contains(
        "thidua_http_request_duration_seconds_bucket{route=\"/api/v1/units\",le=\"+Inf\"} 1"
    ));
    assert!(m.text.contains("thidua_db_pool_max_connections 4"));
}

#[actix_web::test]
async fn the_docs_ui_and_the_document_are_served() {
    let app = spawn_app().await;
    let doc = app.get("/openapi.json", None).await;
    doc.assert(200);
    assert_eq!(doc.body["openapi"], "3.1.0");
    let redirect = app.get("/docs", None).await;
    assert!(redirect.status.is_redirection());
    assert_eq!(redirect.header("location").as_deref(), Some("/docs/"));
    let ui = app.get("/docs/", None).await;
    ui.assert(200);
    assert!(ui.text.contains("swagger"), "docs UI page");
}

/// Each pooled connection carries its session settings: on PostgreSQL, SSD read costs
/// (the nomination lists' indexes, bench/) unless the operator set otherwise, and plans
/// as PostgreSQL chooses (cached generic plans; issue 10); on SQLite, enforced foreign
/// keys.
#[actix_web::test]
async fn database_connections_carry_their_session_settings() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    let mut conn = app.state.pool.get().unwrap();
    match &mut *conn {
        thidua::db::DbConnection::Postgresql(c) => c
            .batch_execute(
                "DO $$ BEGIN \
                 IF current_setting('plan_cache_mode') <> 'auto' \
                    OR current_setting('random_page_cost') <> '1.1' THEN \
                   RAISE EXCEPTION 'session settings: %, %', \
                     current_setting('plan_cache_mode'), current_setting('random_page_cost'); \
                 END IF; END $$;",
            )
            .unwrap(),
        thidua::db::DbConnection::Sqlite(c) => {
            let orphan = "INSERT INTO submission_nominations (submission_id, nomination_id) \
                          VALUES ('no-such-submission', 'no-such-nomination')";
            assert!(c.batch_execute(orphan).is_err(), "foreign keys are off");
        }
    }
}
