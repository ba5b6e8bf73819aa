//! Exemplary models (`/exemplary-models`, issue 12 item 1): the HTTP face of
//! `app::exemplary_models` — parse, run the use case, answer.

mod documents;
mod replications;
mod steps;

pub use documents::*;
pub use replications::*;
pub use steps::*;

use crate::api::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::exemplary_models::{
    self as app, ExemplaryModel, ExemplaryModelPage, ModelChanges, ModelQuery, NewModel,
};
use crate::app::idempotency::Answer;
use crate::app::workflow::History;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// Propose an exemplary model
///
/// A draft of the caller's unit: title, movement, one of its fields and content items
/// (a–j), description, results in words and figures, who runs it, the year it started.
/// Evidence files are added at `/exemplary-models/{id}/documents`. Accepts
/// `Idempotency-Key`.
///
/// Who may call: the unit's officers and head (unit_officer, unit_head).
#[utoipa::path(
    tag = "exemplary models",
    request_body = NewModel,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Proposed, as a draft", body = ExemplaryModel,
            headers(("Location" = String, description = "The new model"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head propose its models"),
        (status = 404, description = "No such unit (`unit_id`)"),
        (status = 422, description = "Invalid input (`validation_failed`; `errors` names the fields, e.g. `movement_id`, `field_code` and `content_item` (not the movement's), `started_year` (after this year), `figures[0].indicator`), or an `Idempotency-Key` reused with another request (`idempotency_key_reused`)"),
    )
)]
#[post("/exemplary-models")]
pub async fn create_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewModel>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    exec_once(&state, &req, caller, &input.clone(), move |conn, ctx| {
        let out = app::create(conn, ctx, input)?;
        let location = format!("/api/v1/exemplary-models/{}", out.id);
        Answer::created(&out, location, Some(out.version))
    })
    .await
}

/// List the exemplary models the caller may see
///
/// Their unit's own (drafts included), the recognised ones of every unit (retired ones
/// too), and for DIC officers of a movement's standing unit the models sent to them;
/// everything for auditors. Oldest first, paged with `limit` and `cursor`.
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "exemplary models",
    params(ModelQuery),
    responses(
        (status = 200, description = "A page of models, oldest first", body = ExemplaryModelPage),
        (status = 422, description = "A filter out of range (`year`, `limit`; `q`, `field`, `movement_id` or `unit_id` too long) or an unreadable `cursor` (`validation_failed`)"),
    )
)]
#[get("/exemplary-models")]
pub async fn list_exemplary_models(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ModelQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read an exemplary model
///
/// Who may call: the proposing unit's users; DIC officers of the movement's standing unit
/// once it is submitted; anyone signed in once it is recognised; auditors. Others get 404.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The model", body = ExemplaryModel, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such model, or not visible to the caller (another unit's draft, or a model not yet recognised)"),
    )
)]
#[get("/exemplary-models/{id}")]
pub async fn get_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&out, out.version))
}

/// Change a draft or returned exemplary model
///
/// Needs `If-Match` with the ETag last read.
///
/// Who may call: the proposing unit's officers and head.
#[utoipa::path(
    tag = "exemplary models",
    request_body = ModelChanges,
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed model", body = ExemplaryModel, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit's officers and head change it"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "Submitted, recognised or retired: no longer editable (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Invalid input (`validation_failed`, `errors` names the fields)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/exemplary-models/{id}")]
pub async fn update_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ModelChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        app::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}

/// List every step an exemplary model went through
///
/// Who, in which role, when, from which state to which, and why; oldest first.
///
/// Who may call: those who may read the model.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "Oldest first", body = History),
        (status = 404, description = "No such model, or not visible to the caller"),
    )
)]
#[get("/exemplary-models/{id}/history")]
pub async fn get_exemplary_model_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history = exec(&state, caller, move |conn, ctx| {
        app::history(conn, ctx, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
