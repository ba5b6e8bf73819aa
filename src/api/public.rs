//! Open data (item f of the plan): readable without a token.

use super::movements::{list_page, Movement, MovementPage, MovementQuery};
use super::run;
use crate::db::repo::movements as repo;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

/// Movements, for anyone.
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
    let page = list_page(&state, query.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(page))
}

/// One movement, for anyone.
#[utoipa::path(
    tag = "public",
    security(()),
    params(("id" = String, Path, description = "Movement id")),
    responses((status = 200, description = "The movement", body = Movement), (status = 404, description = "No such movement"))
)]
#[get("/public/movements/{id}")]
pub async fn get_public_movement(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(Movement::from_row(row)))
}
