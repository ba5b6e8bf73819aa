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

/// Read the figures of every award round of a movement
///
/// Per round: nominations by state and kind, quota use, appraisals waiting longer than the
/// round's limit.
///
/// Who may call: the movement's reviewers: DIC officers of its standing unit, Home Affairs
/// officers of its appraising unit, the Chair, admins and auditors.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
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
