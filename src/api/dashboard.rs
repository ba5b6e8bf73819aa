//! A movement's figures for the portal's dashboard (`/movements/{id}/dashboard`): a thin
//! handler over `app::dashboard`.

use crate::api::{exec, Caller};
use crate::app::dashboard as app;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use crate::app::dashboard::{
    Awardees, Dashboard, FormCounts, KindCounts, QuotaUse, RoundFigures, StatusCounts,
};

/// Figures of every award round of the movement.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Movement id")),
    responses(
        (status = 200, description = "The movement's figures, per round", body = Dashboard),
        (status = 403, description = "Only the movement's reviewers, the Chair, admins and auditors"),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}/dashboard")]
pub async fn get_dashboard(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::read(conn, ctx, &id)).await?;
    Ok(HttpResponse::Ok().json(out))
}
