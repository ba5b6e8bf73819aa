//! The contract: every route registered here is collected into the OpenAPI document;
//! `finish` adds the errors every operation can give (problem+json), so no operation
//! leaves one out.

use crate::api;
use crate::error::Problem;
use actix_web::{web, App, HttpResponse};
use serde_json::{json, Value};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "thidua — Phong trào thi đua, khen thưởng",
        description = "Emulation movements of the province (phong trào thi đua), from plan to award: \
            organisation, movements, criteria and award rounds; plans, reports, nominations and their review. \
            Errors are RFC 9457 problem+json with a stable `code`; `Accept-Language: vi` gives Vietnamese messages. \
            Lists are paged with `limit` and an opaque `cursor`. Changes need `If-Match` with the ETag read.",
        version = "1.0.0",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", email = "thidua@dongthap.gov.vn")
    ),
    servers((url = "/", description = "This server")),
    components(schemas(Problem)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    tags(
        (name = "auth", description = "Login, tokens, the current user"),
        (name = "users", description = "User accounts (admin)"),
        (name = "organisation", description = "Emulation blocs and clusters, member units"),
        (name = "movements", description = "Emulation movements, their criteria and award rounds"),
        (name = "plans", description = "Units' annual and period plans with targets, and their review"),
        (name = "reports", description = "Annual, interim and final reports, report status, the province roll-up"),
        (name = "nominations", description = "Nominations for the Chair's Bằng khen and state awards, their dossier and workflow"),
        (name = "awards", description = "Giấy khen recorded by units, and each nominee's award history from all sources"),
        (name = "deadlines", description = "What is due or overdue; public holidays for working-day limits"),
        (name = "audit", description = "The audit trail"),
        (name = "personal data", description = "Nominees' personal data (Law 91/2025/QH15): the admin's export by nominee key"),
        (name = "public", description = "Open data, no token needed"),
        (name = "operations", description = "Health and metrics"),
    )
)]
struct BaseDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

pub fn base() -> OpenApiDoc {
    BaseDoc::openapi()
}

/// Every route of the service.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(api::ops::live)
        .service(api::ops::ready)
        .service(api::ops::metrics)
        .service(
            scope::scope("/api/v1")
                .service(api::auth::issue_token)
                .service(api::auth::refresh_token)
                .service(api::auth::logout)
                .service(api::auth::get_me)
                .service(api::users::list_users)
                .service(api::users::create_user)
                .service(api::users::get_user)
                .service(api::users::update_user)
                .service(api::users::deactivate_user)
                .service(api::groups::list_groups)
                .service(api::groups::create_group)
                .service(api::groups::get_group)
                .service(api::groups::update_group)
                .service(api::units::list_units)
                .service(api::units::create_unit)
                .service(api::units::get_unit)
                .service(api::units::update_unit)
                .service(api::movements::list_movements)
                .service(api::movements::create_movement)
                .service(api::movements::get_movement)
                .service(api::movements::update_movement)
                .service(api::criteria::list_criteria)
                .service(api::criteria::create_criterion)
                .service(api::criteria::get_criterion)
                .service(api::criteria::update_criterion)
                .service(api::criteria::delete_criterion)
                .service(api::rounds::list_rounds)
                .service(api::rounds::create_round)
                .service(api::rounds::get_round)
                .service(api::rounds::update_round)
                .service(api::audit::list_audit_events)
                .service(api::plans::list_plans)
                .service(api::plans::create_plan)
                .service(api::plans::get_plan)
                .service(api::plans::update_plan)
                .service(api::plans::submit_plan)
                .service(api::plans::accept_plan)
                .service(api::plans::return_plan)
                .service(api::plans::get_plan_history)
                .service(api::reports::list_reports)
                .service(api::reports::create_report)
                .service(api::reports::get_report)
                .service(api::reports::update_report)
                .service(api::reports::submit_report)
                .service(api::reports::accept_report)
                .service(api::reports::return_report)
                .service(api::reports::get_report_history)
                .service(api::nominations::list_nominations)
                .service(api::nominations::create_nomination)
                .service(api::nominations::get_nomination)
                .service(api::nominations::update_nomination)
                .service(api::nominations::submit_nomination)
                .service(api::nominations::withdraw_nomination)
                .service(api::nominations::return_nomination)
                .service(api::nominations::appraise_nomination)
                .service(api::nominations::close_nomination)
                .service(api::nominations::post_nomination_for_comment)
                .service(api::nominations::forward_nomination)
                .service(api::nominations::record_central_outcome)
                .service(api::dashboard::get_dashboard)
                .service(api::submissions::create_submission)
                .service(api::submissions::list_submissions)
                .service(api::submissions::get_submission)
                .service(api::decisions::create_decision)
                .service(api::decisions::list_decisions)
                .service(api::decisions::get_decision)
                .service(api::nominations::get_nomination_history)
                .service(api::nominations::upload_document)
                .service(api::nominations::list_documents)
                .service(api::nominations::download_document)
                .service(api::nominations::delete_document)
                .service(api::unit_awards::create_unit_award)
                .service(api::unit_awards::list_unit_awards)
                .service(api::unit_awards::get_unit_award)
                .service(api::award_history::get_award_history)
                .service(api::rollup::get_report_status)
                .service(api::rollup::issue_consolidated_report)
                .service(api::rollup::list_consolidated_reports)
                .service(api::rollup::get_consolidated_report_csv)
                .service(api::rollup::get_consolidated_report)
                .service(api::deadlines::list_deadlines)
                .service(api::deadlines::list_holidays)
                .service(api::deadlines::create_holiday)
                .service(api::deadlines::delete_holiday)
                .service(api::public::list_public_movements)
                .service(api::public::get_public_movement)
                .service(api::public::list_public_decisions)
                .service(api::nominations::list_comment_postings)
                .service(api::public::list_public_awards)
                .service(api::public_csv::list_public_movements_csv)
                .service(api::public_csv::list_public_decisions_csv)
                .service(api::public_csv::list_public_awards_csv)
                .service(api::public_csv::list_comment_postings_csv)
                // Issue 9 item 16 (personal data).
                .service(api::personal_data::export_personal_data)
                .service(api::personal_data::download_personal_data_document),
        );
}

/// Adds what every operation can answer, and gives every error response the problem
/// body and media type.
pub fn finish(api: OpenApiDoc) -> OpenApiDoc {
    let mut doc = match serde_json::to_value(&api) {
        Ok(v) => v,
        Err(_) => return api,
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                if !matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete") {
                    continue;
                }
                complete_operation(path, op);
            }
        }
    }
    serde_json::from_value(doc).unwrap_or(api)
}

fn complete_operation(path: &str, op: &mut Value) {
    let public = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter()
                .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
        });
    let has_body = op.get("requestBody").is_some();
    let uses_db = path.starts_with("/api/") || path == "/health/ready";
    let mut add: Vec<(&str, &str)> =
        vec![("500", "Internal error (opaque; logged with the request id)")];
    if uses_db {
        add.push(("503", "The database is unavailable; retry later"));
    }
    // Judged before routing, whatever the operation (issue 9 items 6 and 11).
    add.push(("400", "Unreadable body, query string or path"));
    add.push((
        "414",
        "The path and query are longer than `THIDUA_MAX_URL_BYTES` (`uri_too_long`)",
    ));
    // A control character is refused wherever it is, so every operation can answer 422.
    add.push((
        "422",
        "Invalid input (`validation_failed`; `errors` lists the fields), or a control character in the path, the query, the body or a stored header (`control_character`)",
    ));
    if has_body {
        add.push((
            "408",
            "The body did not arrive in time (`request_timeout`); the connection is closed",
        ));
        add.push(("413", "Body too large"));
        add.push(("415", "Body is not application/json"));
    }
    if !public && path.starts_with("/api/") {
        add.push(("401", "No token, or an invalid, expired or revoked one"));
    }
    // The precondition and retry headers have a form; say it, so clients (and fuzzers)
    // send what the server can read.
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for p in params.iter_mut() {
            let schema = match p["name"].as_str() {
                Some("If-Match") => json!({
                    "type": "string",
                    "pattern": "^(\\*|(W/)?\"[0-9]+\")$",
                    "examples": ["\"1\""]
                }),
                Some("Idempotency-Key") => {
                    json!({"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"})
                }
                _ => continue,
            };
            p["schema"] = schema;
        }
    }
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    for (status, description) in add {
        responses
            .entry(status.to_string())
            .or_insert_with(|| json!({"description": description}));
    }
    for (status, response) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            if let Some(r) = response.as_object_mut() {
                r.insert(
                    "content".into(),
                    json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}),
                );
            }
        }
    }
}

/// The document, as `thidua openapi` prints it and `/openapi.json` serves it.
pub fn document() -> OpenApiDoc {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(routes)
        .split_for_parts();
    finish(api)
}

/// Pretty JSON with a trailing newline (the committed `openapi/openapi.json`).
pub fn document_json() -> String {
    let mut s = document().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header(("Location", "/docs/"))
        .finish()
}

/// `/openapi.json`, and the docs UI at `/docs/` (assets inside the binary).
pub fn docs_service(api: OpenApiDoc) -> impl actix_web::dev::HttpServiceFactory {
    (
        web::resource("/docs").route(web::get().to(docs_redirect)),
        utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", api),
    )
}
