//! Request plumbing: request ids, Vietnamese problems, metrics, CORS, 404/405.

use crate::config::Settings;
use crate::error::{ApiError, ErrorCode, Instance, Lang, LocalizableProblem};
use crate::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

/// The path as the router matches it: actix percent-decodes unreserved characters before
/// routing (`/api/%761/groups` is `/api/v1/groups`), so every layer that judges a
/// request by its path reads this one, or an encoded prefix would walk past it.
pub fn routed_path(req: &HttpRequest) -> &str {
    req.match_info().as_str()
}

/// The request's root span, with room for the user once authenticated.
pub struct RootSpan;

impl RootSpanBuilder for RootSpan {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        tracing_actix_web::root_span!(request, user = tracing::field::Empty)
    }
    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Returns the request id (also in every log line of the request) as `X-Request-Id`.
pub async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(id) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}

/// Re-renders problems in Vietnamese for `Accept-Language: vi`, and names the request
/// in every problem (`instance`, `request_id`; issue 11).
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let at = Instance {
        // The path as sent (a `uri-reference`); decisions read `routed_path`.
        path: req.path().to_string(),
        request_id: req
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(|id| id.to_string()),
    };
    let res = next.call(req).await?.map_into_boxed_body();
    let problem = res
        .response()
        .extensions()
        .get::<LocalizableProblem>()
        .cloned();
    match problem {
        None => Ok(res),
        Some(LocalizableProblem(err)) => {
            let mut new = err.render_at(lang, Some(&at));
            for (name, value) in res.response().headers() {
                if !new.headers().contains_key(name) {
                    new.headers_mut().insert(name.clone(), value.clone());
                }
            }
            if lang == Lang::Vi {
                new.headers_mut()
                    .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("vi"));
            }
            // A 408 closes the connection (`guard_input`); the new response keeps that.
            let close = actix_web::http::ConnectionType::Close;
            if res.response().head().connection_type() == close {
                new.head_mut().set_connection_type(close);
            }
            Ok(res.into_response(new))
        }
    }
}

/// Authentication before validation (issue 9 item 11): a protected request whose body,
/// query or path was refused before the handler ran (400, 413, 414, 415, 422) is
/// answered 401 when its token, user or session is not good. Only refusals pay the
/// extra read; the happy path reads nothing more.
pub async fn authenticate_refusals(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let protected = crate::api::caller::needs_caller(routed_path(req.request()));
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let authorization = req.headers().get(header::AUTHORIZATION).cloned();
    let res = next.call(req).await?.map_into_boxed_body();
    let refused = matches!(res.status().as_u16(), 400 | 413 | 414 | 415 | 422);
    let Some(state) = state.filter(|_| protected && refused) else {
        return Ok(res);
    };
    match crate::api::caller::authenticate(&state, authorization.as_ref()).await {
        Ok(()) => Ok(res),
        Err(e) => {
            let mut new = e.render(Lang::En);
            for (name, value) in res.response().headers() {
                let n = name.as_str();
                if n.starts_with("access-control-") || n == "vary" || n.starts_with("ratelimit") {
                    new.headers_mut().insert(name.clone(), value.clone());
                }
            }
            Ok(res.into_response(new))
        }
    }
}

/// The API's paths and methods, from the OpenAPI document: tells 405 from 404.
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<String>)>,
}

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in api.paths.paths.iter() {
            let value = serde_json::to_value(item).unwrap_or_default();
            let methods: Vec<String> = value
                .as_object()
                .map(|o| {
                    o.keys()
                        .filter(|k| {
                            matches!(k.as_str(), "get" | "post" | "put" | "patch" | "delete")
                        })
                        .map(|k| k.to_uppercase())
                        .collect()
                })
                .unwrap_or_default();
            routes.push((path.split('/').map(str::to_string).collect(), methods));
        }
        Self { routes }
    }

    /// The methods allowed on a path, if any route matches it.
    pub fn allowed(&self, path: &str) -> Option<Vec<String>> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut allowed: Vec<String> = Vec::new();
        for (pattern, methods) in &self.routes {
            if pattern.len() == segments.len()
                && pattern
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
            {
                allowed.extend(methods.iter().cloned());
            }
        }
        if allowed.is_empty() {
            None
        } else {
            allowed.sort();
            allowed.dedup();
            Some(allowed)
        }
    }
}

/// The default service: 405 with `Allow` for a known path, else 404, as problem+json.
pub async fn not_found(req: HttpRequest) -> HttpResponse {
    let table = req.app_data::<web::Data<RouteTable>>();
    if let Some(allowed) = table.and_then(|t| t.allowed(routed_path(&req))) {
        let mut res = ApiError::new(ErrorCode::MethodNotAllowed)
            .detail(
                format!(
                    "{} is not allowed here; allowed: {}",
                    req.method(),
                    allowed.join(", ")
                ),
                format!(
                    "Không hỗ trợ {} ở đây; được phép: {}",
                    req.method(),
                    allowed.join(", ")
                ),
            )
            .render(Lang::En);
        if let Ok(v) = HeaderValue::from_str(&allowed.join(", ")) {
            res.headers_mut().insert(header::ALLOW, v);
        }
        return res;
    }
    ApiError::new(ErrorCode::RouteNotFound).render(Lang::En)
}

pub fn cors(settings: &Settings) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "PUT", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-request-id"),
            rate_limit::RATELIMIT.clone(),
            rate_limit::RATELIMIT_POLICY.clone(),
        ])
        .max_age(3600);
    for origin in &settings.cors_origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

pub mod accept;
mod metrics;
pub use metrics::{metrics, Metrics};
pub mod rate_limit;
pub use rate_limit::{rate_limit, RateLimiter};

// Issue 9 items 6 and 11 (hostile input, edge answers): see `crate::input`.

/// Judges the request before routing: 414 `uri_too_long` past `THIDUA_MAX_URL_BYTES`,
/// 422 `control_character` for one in the path, the query or a stored header; then
/// wraps the body (control characters in JSON, the body deadline). A 408 closes the
/// connection: the rest of a trickling body is not worth waiting for.
pub async fn guard_input(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let settings = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.clone());
    if let Some(settings) = settings {
        if let Err(e) = crate::input::head::check(req.head(), settings.max_url_bytes) {
            return Ok(req.into_response(e.render(Lang::En)));
        }
        let limits = crate::input::body::BodyLimits {
            timeout: std::time::Duration::from_secs(settings.body_timeout_seconds),
            min_rate: settings.body_min_bytes_per_second,
        };
        crate::input::body::guard(&mut req, limits);
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    if res.status() == actix_web::http::StatusCode::REQUEST_TIMEOUT {
        res.response_mut()
            .head_mut()
            .set_connection_type(actix_web::http::ConnectionType::Close);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_render_in_prometheus_format() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/units", 200, 0.003);
        let text = m.render(&r2d2_state(), 8, 42);
        assert!(text.contains("thidua_db_statements_total 42"));
        assert!(text.contains(
            "thidua_http_requests_total{method=\"GET\",route=\"/api/v1/units\",status=\"200\"} 1"
        ));
        assert!(text.contains(
            "thidua_http_request_duration_seconds_bucket{route=\"/api/v1/units\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "thidua_http_request_duration_seconds_bucket{route=\"/api/v1/units\",le=\"0.001\"} 0"
        ));
    }

    fn r2d2_state() -> r2d2::State {
        // r2d2::State has no public constructor: take one from a tiny pool.
        let target = crate::db::DatabaseTarget::Sqlite(
            std::env::temp_dir().join(format!("thidua-m-{}.db", uuid::Uuid::new_v4())),
        );
        let pool = crate::db::build_pool(&target, 1, std::time::Duration::from_secs(5)).unwrap();
        pool.state()
    }
}
