//! A movement's criteria (tiêu chí thi đua, the plan's appendix), defined by the
//! movement's standing unit (DIC) or an admin.

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::movements::criteria as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{Criterion, CriterionChanges, CriterionPage, CriterionQuery, NewCriterion};

/// List a movement's criteria
///
/// The scored criteria units plan targets against, in their order.
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), CriterionQuery),
    responses(
        (status = 200, description = "A page of criteria, by code", body = CriterionPage),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{movement_id}/criteria")]
pub async fn list_criteria(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<CriterionQuery>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, q) = (path.into_inner(), query.into_inner());
    let page = exec(&state, caller, move |conn, ctx| {
        uc::list(conn, ctx, &movement_id, q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one criterion of a movement
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("id" = String, Path, description = "Criterion id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The criterion", body = Criterion, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement or criterion"),
    )
)]
#[get("/movements/{movement_id}/criteria/{id}")]
pub async fn get_criterion(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, id) = path.into_inner();
    let criterion = exec(&state, caller, move |conn, ctx| {
        uc::get(conn, ctx, &movement_id, &id)
    })
    .await?;
    Ok(ok_versioned(&criterion, criterion.version))
}

/// Add a criterion to a movement
///
/// The criterion's code is unique within the movement.
///
/// Who may call: DIC officers of the movement's standing unit, and admins.
#[utoipa::path(
    tag = "movements",
    request_body = NewCriterion,
    params(
        ("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer"),
    ),
    responses(
        (status = 201, description = "Created", body = Criterion,
            headers(("Location" = String, description = "The new criterion"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The movement has a criterion with this code (`already_exists`)"),
    )
)]
#[post("/movements/{movement_id}/criteria")]
pub async fn create_criterion(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<NewCriterion>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, body) = (path.into_inner(), body.into_inner());
    let input = serde_json::to_value(&body).map_err(ApiError::internal)?;
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = uc::create(conn, ctx, &movement_id, body)?;
        let location = format!("/api/v1/movements/{}/criteria/{}", out.movement_id, out.id);
        Answer::created(&out, location, Some(out.version))
    })
    .await
}

/// Change a criterion
///
/// Needs `If-Match` with the ETag last read.
///
/// Who may call: DIC officers of the movement's standing unit, and admins.
#[utoipa::path(
    tag = "movements",
    request_body = CriterionChanges,
    params(
        ("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("id" = String, Path, description = "Criterion id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 200, description = "The changed criterion", body = Criterion, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement or criterion"),
        (status = 409, description = "Another criterion of the movement has this code, or plans use it and its maximum or field would change (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{movement_id}/criteria/{id}")]
pub async fn update_criterion(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<CriterionChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let ((movement_id, id), changes) = (path.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &movement_id, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}

/// Remove a criterion no plan uses yet
///
/// One that plans or reports use stays (409 `in_use`).
///
/// Who may call: DIC officers of the movement's standing unit, and admins.
#[utoipa::path(
    tag = "movements",
    params(
        ("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("id" = String, Path, description = "Criterion id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement or criterion"),
        (status = 409, description = "Plans or reports use it (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[delete("/movements/{movement_id}/criteria/{id}")]
pub async fn delete_criterion(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (movement_id, id) = path.into_inner();
    exec_tx(&state, caller, move |conn, ctx| {
        uc::delete(conn, ctx, &movement_id, &id, expected)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
