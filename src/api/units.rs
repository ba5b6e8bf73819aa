//! Member units of the blocs and clusters, with their validity period and successor
//! (units merge, get renamed or dissolved; history stays with the unit as it was).

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::organisation::units as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{NewUnit, Unit, UnitChanges, UnitKind, UnitPage, UnitQuery};

/// List member units
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "organisation",
    params(UnitQuery),
    responses((status = 200, description = "A page of units, by code", body = UnitPage))
)]
#[get("/units")]
pub async fn list_units(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UnitQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| uc::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one unit
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "organisation",
    params(("id" = String, Path, description = "Unit id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The unit", body = Unit, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such unit"),
    )
)]
#[get("/units/{id}")]
pub async fn get_unit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let unit = exec(&state, caller, move |conn, ctx| uc::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&unit, unit.version))
}

/// Create a member unit
///
/// Accepts `Idempotency-Key`.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "organisation",
    request_body = NewUnit,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = Unit,
            headers(("Location" = String, description = "The new unit"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage units"),
        (status = 409, description = "A unit with this code exists (`already_exists`)"),
        (status = 422, description = "Invalid input (`validation_failed`: a missing group, successor or parent, or a parent that does not exist over the unit's whole period)"),
    )
)]
#[post("/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewUnit>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = serde_json::to_value(&body).map_err(ApiError::internal)?;
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = uc::create(conn, ctx, body)?;
        Answer::created(&out, format!("/api/v1/units/{}", out.id), Some(out.version))
    })
    .await
}

/// Change a unit
///
/// For instance record a reorganisation with `valid_to` and `successor_id`, or place the unit
/// under a parent unit with `parent_id` (null: directly under the province). Needs `If-Match`
/// with the ETag last read.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "organisation",
    request_body = UnitChanges,
    params(("id" = String, Path, description = "Unit id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed unit", body = Unit, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage units"),
        (status = 404, description = "No such unit"),
        (status = 409, description = "Another unit has this code"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Invalid input (`validation_failed`: a missing group, successor or parent, a parent that does not exist over the unit's whole period, or sub-units that would outlive it), or a parent that is the unit itself or one of its sub-units (`unit_cycle`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<UnitChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
