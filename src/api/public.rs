//! Open data (item f of the plan): readable without a token.

use super::exec_anonymous;
use crate::app::exemplary_models::{self, PublicModelPage, PublicModelQuery};
use crate::app::movements::{self, Movement, MovementPage, MovementQuery};
use crate::app::public as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use uc::{AwardQuery, PublicAward, PublicAwardPage};

/// Open data may be cached for a minute.
fn public(body: &impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(body)
}

/// List movements (open data)
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(MovementQuery),
    responses((status = 200, description = "A page of movements, by code", body = MovementPage))
)]
#[get("/public/movements")]
pub async fn list_public_movements(
    state: web::Data<AppState>,
    query: web::Query<MovementQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec_anonymous(&state, move |conn| movements::page(conn, q)).await?;
    Ok(public(&page))
}

/// Read one movement (open data)
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses((status = 200, description = "The movement", body = Movement), (status = 404, description = "No such movement"))
)]
#[get("/public/movements/{id}")]
pub async fn get_public_movement(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let movement = exec_anonymous(&state, move |conn| movements::find(conn, &id)).await?;
    Ok(public(&movement))
}

/// List the Chair's decisions and their awardees (open data)
///
/// Commendation is public.
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(crate::api::decisions::DecisionQuery),
    responses((status = 200, description = "A page of decisions, newest first", body = crate::app::decisions::DecisionPage))
)]
#[get("/public/decisions")]
pub async fn list_public_decisions(
    state: web::Data<AppState>,
    query: web::Query<crate::api::decisions::DecisionQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = crate::api::decisions::decision_page(&state, query.into_inner()).await?;
    Ok(public(&page))
}

/// List everyone awarded (open data)
///
/// Name, kind, workplace and decision; no other personal data.
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(AwardQuery),
    responses((status = 200, description = "A page of awards, newest first", body = PublicAwardPage))
)]
#[get("/public/awards")]
pub async fn list_public_awards(
    state: web::Data<AppState>,
    query: web::Query<AwardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec_anonymous(&state, move |conn| uc::awards(conn, q)).await?;
    Ok(public(&page))
}

/// List the recognised exemplary models (open data)
///
/// Recognised and not retired, with how many replications by other units DIC confirmed;
/// filters as `list_exemplary_models`. Oldest first.
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(PublicModelQuery),
    responses(
        (status = 200, description = "A page of recognised models, oldest first", body = PublicModelPage),
        (status = 422, description = "A filter out of range (`year`, `limit`; `q`, `field`, `movement_id` or `unit_id` too long) or an unreadable `cursor` (`validation_failed`)"),
    )
)]
#[get("/public/exemplary-models")]
pub async fn list_public_exemplary_models(
    state: web::Data<AppState>,
    query: web::Query<PublicModelQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec_anonymous(&state, move |conn| exemplary_models::public_list(conn, q)).await?;
    Ok(public(&page))
}
