//! Operations: liveness, readiness (the database answers), Prometheus metrics.

use super::exec_anonymous;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Health {
    /// `ok`
    pub status: String,
}

/// Liveness: the process answers
///
/// For orchestrators.
///
/// Who may call: anyone (no token).
#[utoipa::path(tag = "operations", security(()), responses((status = 200, description = "Alive", body = Health)))]
#[get("/health/live")]
pub async fn get_liveness() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the database answers
///
/// 503 while the database is unreachable.
///
/// Who may call: anyone (no token).
#[utoipa::path(tag = "operations", security(()), responses((status = 200, description = "Ready", body = Health)))]
#[get("/health/ready")]
pub async fn get_readiness(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    exec_anonymous(&state, crate::app::ops::ready).await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".into(),
    }))
}

/// Read metrics in Prometheus text format
///
/// Requests by route and status, latency histogram, pool state.
///
/// Who may call: anyone who reaches it (no token); keep it off the public network.
#[utoipa::path(
    tag = "operations",
    security(()),
    responses((status = 200, description = "Prometheus text exposition", content_type = "text/plain", body = String))
)]
#[get("/metrics")]
pub async fn get_metrics(state: web::Data<AppState>) -> HttpResponse {
    let text = state.metrics.render(
        &state.pool.state(),
        state.pool.max_size(),
        state.statements.get(),
    );
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text)
}
