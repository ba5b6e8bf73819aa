//! Replications of a recognised model by other units, and DIC's confirmation.

use crate::api::{exec, exec_once, if_match, Caller, OptionalJson};
use crate::app::exemplary_models::{
    self as app, ConfirmComment, NewReplication, Replication, ReplicationList,
};
use crate::app::idempotency::Answer;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

/// Register a replication of a recognised exemplary model
///
/// The caller's unit (another than the model's) says when it started and what it
/// achieved, with its evidence. One per unit and model. Accepts `Idempotency-Key`.
///
/// Who may call: the replicating unit's officers and head (unit_officer, unit_head).
#[utoipa::path(
    tag = "exemplary models",
    request_body = NewReplication,
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Registered", body = Replication,
            headers(("Location" = String, description = "The model's replications"), ("ETag" = String, description = "The replication's version"))),
        (status = 403, description = "Only the replicating unit's officers and head register it"),
        (status = 404, description = "No such model or unit, or the model is not visible to the caller"),
        (status = 409, description = "The model is not recognised (`invalid_state`, with `current_state`), or the unit registered its replication already (`already_exists`)"),
        (status = 422, description = "Invalid input (`validation_failed`: `unit_id` is the model's own unit, `started_on` after today, no `results`), or an `Idempotency-Key` reused with another request (`idempotency_key_reused`)"),
    )
)]
#[post("/exemplary-models/{id}/replications")]
pub async fn create_model_replication(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NewReplication>,
) -> Result<HttpResponse, ApiError> {
    let (id, input) = (id.into_inner(), body.into_inner());
    exec_once(
        &state,
        &req,
        caller,
        &(id.clone(), input.clone()),
        move |conn, ctx| {
            let out = app::register_replication(conn, ctx, &id, input)?;
            let location = format!("/api/v1/exemplary-models/{id}/replications");
            Answer::created(&out, location, Some(out.version))
        },
    )
    .await
}

/// List the replications of an exemplary model
///
/// Registered and confirmed ones, oldest first.
///
/// Who may call: those who may read the model.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "Oldest first", body = ReplicationList),
        (status = 404, description = "No such model, or not visible to the caller"),
    )
)]
#[get("/exemplary-models/{id}/replications")]
pub async fn list_model_replications(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = exec(&state, caller, move |conn, ctx| {
        app::list_replications(conn, ctx, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Confirm a replication of an exemplary model
///
/// DIC checked the unit's results; the open data counts it. Needs `If-Match` with the
/// replication's ETag.
///
/// Who may call: DIC officers (dic_officer) of the movement's standing unit.
#[utoipa::path(
    tag = "exemplary models",
    request_body(content = Option<ConfirmComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("replication_id" = String, Path, description = "Replication id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("If-Match" = String, Header, description = "The replication's ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Confirmed", body = Replication, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit confirms"),
        (status = 404, description = "No such model or replication, or not visible to the caller"),
        (status = 409, description = "Confirmed already (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/exemplary-models/{id}/replications/{replication_id}/confirm")]
pub async fn confirm_model_replication(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: OptionalJson<ConfirmComment>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, replication_id) = path.into_inner();
    let comment = body.0.and_then(|b| b.comment);
    exec_once(&state, &req, caller, &comment.clone(), move |conn, ctx| {
        let out = app::confirm_replication(conn, ctx, &id, &replication_id, comment, expected)?;
        Answer::stepped(&out, out.version)
    })
    .await
}
