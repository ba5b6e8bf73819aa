//! Emulation movements: theme, period, legal basis, the standing and appraising units
//! (set per movement: the organisation changes), fields and content items.

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::movements as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{
    ContentItem, Field, Movement, MovementChanges, MovementPage, MovementQuery, NewMovement,
};

/// List emulation movements
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "movements", params(MovementQuery), responses((status = 200, description = "A page of movements, by code", body = MovementPage)))]
#[get("/movements")]
pub async fn list_movements(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<MovementQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| uc::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one movement
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "movements",
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The movement", body = Movement, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}")]
pub async fn get_movement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let movement = exec(&state, caller, move |conn, ctx| uc::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&movement, movement.version))
}

/// Launch a movement
///
/// Names its standing unit (whose DIC officers review plans and reports) and its appraising
/// unit (whose Home Affairs officers appraise nominations), and the annual report's due day.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "movements",
    request_body = NewMovement,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = Movement,
            headers(("Location" = String, description = "The new movement"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage movements"),
        (status = 409, description = "A movement with this code exists (`already_exists`)"),
    )
)]
#[post("/movements")]
pub async fn create_movement(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewMovement>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = uc::create(conn, ctx, body)?;
        let location = format!("/api/v1/movements/{}", out.id);
        Answer::created(&out, location, Some(out.version))
    })
    .await
}

/// Change a movement
///
/// For instance hand the standing role to another unit after a merger. Needs `If-Match` with
/// the ETag last read.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "movements",
    request_body = MovementChanges,
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed movement", body = Movement, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage movements"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "Another movement has this code, or a removed field is used by criteria (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{id}")]
pub async fn update_movement(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<MovementChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
