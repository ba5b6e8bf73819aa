//! The contract: every route registered here is collected into the OpenAPI document;
//! `finish` adds the errors every operation can give (problem+json, typed, with an
//! example per code), the shared components and headers, and shapes bodies the way
//! client generators read them — centrally, so no handler leaves one out.

mod bodies;
mod bounds;
mod components;
pub mod problems;

use crate::api;
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
        title = "thidua - Emulation and Commendation API",
        description = "thidua — Phong trào thi đua, khen thưởng. \
            Emulation movements of the province (phong trào thi đua), from plan to award: \
            organisation, movements, criteria and award rounds; plans, reports, nominations and their review. \
            Errors are RFC 9457 problem+json with a stable `code`; `Accept-Language: vi` gives Vietnamese messages. \
            Lists are paged with `limit` and an opaque `cursor`. Changes need `If-Match` with the ETag read.",
        version = "1.0.0",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", email = "thidua@dongthap.gov.vn")
    ),
    servers(
        (url = "/", description = "This server"),
        (url = "{scheme}://{host}", description = "A deployment",
            variables(
                ("scheme" = (default = "https", enum_values("https", "http"), description = "https in production")),
                ("host" = (default = "thidua.dongthap.gov.vn", description = "Host name, with :port if not the default"))
            ))
    ),
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
        (name = "submissions", description = "DIC's batches of consolidated nominations sent to the Department of Home Affairs"),
        (name = "decisions", description = "The Chair's award decisions, quota-checked"),
        (name = "dashboard", description = "A movement's figures for the portal's dashboard"),
        (name = "awards", description = "Giấy khen recorded by units, and each nominee's award history from all sources"),
        (name = "exemplary models", description = "Exemplary models (mô hình tiêu biểu): proposed by units, recognised by DIC, replicated by other units"),
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
        http.description = Some(
            "An access token: `POST /api/v1/auth/token` with `username` and `password` answers \
             `access_token` (a JWT valid 15 minutes, HS256 by default, `iss`/`aud` checked, \
             following RFC8725 (JWT best current practices)) and a `refresh_token`; \
             `POST /api/v1/auth/refresh` swaps the refresh token (rotated, single use) for a new pair. \
             Send `Authorization: Bearer <access_token>`."
                .into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

pub fn base() -> OpenApiDoc {
    BaseDoc::openapi()
}

/// Every route of the service.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(api::ops::get_liveness)
        .service(api::ops::get_readiness)
        .service(api::ops::get_metrics)
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
                // Issue 12 item 1 (exemplary models).
                .service(api::exemplary_models::create_exemplary_model)
                .service(api::exemplary_models::list_exemplary_models)
                .service(api::exemplary_models::get_exemplary_model)
                .service(api::exemplary_models::update_exemplary_model)
                .service(api::exemplary_models::submit_exemplary_model)
                .service(api::exemplary_models::recognize_exemplary_model)
                .service(api::exemplary_models::return_exemplary_model)
                .service(api::exemplary_models::retire_exemplary_model)
                .service(api::exemplary_models::get_exemplary_model_history)
                .service(api::exemplary_models::upload_exemplary_model_document)
                .service(api::exemplary_models::list_exemplary_model_documents)
                .service(api::exemplary_models::download_exemplary_model_document)
                .service(api::exemplary_models::delete_exemplary_model_document)
                .service(api::exemplary_models::create_model_replication)
                .service(api::exemplary_models::list_model_replications)
                .service(api::exemplary_models::confirm_model_replication)
                .service(api::rollup::get_report_status)
                .service(api::rollup::get_rankings)
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
                .service(api::public::list_public_exemplary_models)
                .service(api::public_csv::list_public_exemplary_models_csv)
                // Issue 9 item 16 (personal data).
                .service(api::personal_data::export_personal_data)
                .service(api::personal_data::download_personal_data_document),
        );
}

/// Adds what every operation can answer, and gives every error response the problem
/// body and media type.
pub fn finish(api: OpenApiDoc) -> OpenApiDoc {
    let doc = match serde_json::to_value(&api) {
        Ok(v) => v,
        Err(_) => return api,
    };
    serde_json::from_value(finish_value(doc)).unwrap_or(api)
}

/// `finish` on the document as JSON (a test checks that utoipa's model keeps all of it).
pub fn finish_value(mut doc: Value) -> Value {
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                if !matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete") {
                    continue;
                }
                retag(path, op);
                bodies::binary_downloads(op);
                bodies::optional_bodies(op);
                complete_operation(path, method, op);
            }
        }
    }
    bodies::inline_form_enums(&mut doc);
    // Who each server is for, and which environment it is (OWASP API9 inventory).
    if let Some(servers) = doc["servers"].as_array_mut() {
        for (i, server) in servers.iter_mut().enumerate() {
            server["x-internal"] = json!(false);
            if i == 0 {
                server["description"] = json!("This server (whichever environment serves the document: local, staging or production)");
            } else {
                server["description"] = json!(
                    "A deployment by host name; production is https://thidua.dongthap.gov.vn"
                );
            }
        }
    }
    let components = &mut doc["components"];
    components["schemas"]["Problem"] = problems::problem_schema();
    components["schemas"]["ProblemCode"] = problems::code_schema();
    components["parameters"] = components::parameters();
    components["headers"] = components::headers();
    components["responses"] = components::responses();
    // Only the examples some response names (an unused component is a lint warning).
    let used = doc.to_string();
    let examples = problems::examples()
        .into_iter()
        .filter(|(name, _)| used.contains(&format!("\"#/components/examples/{name}\"")))
        .collect();
    doc["components"]["examples"] = Value::Object(examples);
    bounds::state_output_bounds(&mut doc);
    doc
}

/// Submissions, decisions and the dashboard get tags of their own.
fn retag(path: &str, op: &mut Value) {
    let tag = if path.starts_with("/api/v1/submissions") {
        "submissions"
    } else if path.starts_with("/api/v1/decisions") {
        "decisions"
    } else if path.ends_with("/dashboard") {
        "dashboard"
    } else {
        return;
    };
    op["tags"] = json!([tag]);
}

fn complete_operation(path: &str, method: &str, op: &mut Value) {
    let public = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter()
                .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
        });
    let has_body = op.get("requestBody").is_some();
    let api = path.starts_with("/api/");
    let uses_db = api || path == "/health/ready";
    let mut add: Vec<&str> = vec!["500"];
    if uses_db {
        add.push("503");
    }
    // Judged before routing, whatever the operation (issue 9 items 6 and 11).
    add.extend(["400", "414"]);
    // A control character is refused wherever it is, so every operation can answer 422.
    add.push("422");
    if has_body {
        add.extend(["408", "413", "415"]);
    }
    if !public && api {
        add.push("401");
    }
    if api {
        add.push("429");
    }
    let idempotent = components::share_parameters(op);
    let cache = (method == "get" && (path.starts_with("/api/v1/public/")))
        || path == "/api/v1/auth/token"
        || path == "/api/v1/auth/refresh";
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    for status in add {
        if responses.contains_key(status) {
            continue;
        }
        let shared = components::shared(status).filter(|_| api);
        let response = match shared {
            Some(name) => json!({"$ref": format!("#/components/responses/{name}")}),
            None => {
                let mut r = json!({"description": components::shared_description(status)});
                let code: u16 = status.parse().unwrap_or(500);
                components::problem_body(&mut r, code, public, api);
                r
            }
        };
        responses.insert(status.to_string(), response);
    }
    for (status, response) in responses.iter_mut() {
        if response.get("$ref").is_some() {
            continue;
        }
        if status.starts_with('4') || status.starts_with('5') {
            let code: u16 = status.parse().unwrap_or(500);
            components::problem_body(response, code, public, api);
        } else {
            components::success_headers(response, status, idempotent, cache, api);
        }
    }
}

/// The document, as `thidua openapi` prints it and `/openapi.json` serves it.
pub fn document() -> OpenApiDoc {
    finish(unfinished())
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

/// The document as utoipa collects it, before `finish` (for the test that `finish`
/// survives utoipa's model).
pub fn unfinished() -> OpenApiDoc {
    let (_, api) = App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(routes)
        .split_for_parts();
    api
}
