//! A model's workflow steps: submit, recognize, return, retire.

use crate::api::{exec_once, if_match, Caller, OptionalJson};
use crate::app::exemplary_models::{self as app, ExemplaryModel, RecognizeInput, RetireReason};
use crate::app::idempotency::Answer;
use crate::app::review::{ReturnReason, StepComment};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};

/// A step's answer, kept for a retry with the same `Idempotency-Key`.
fn stepped(out: ExemplaryModel) -> crate::app::Result<Answer> {
    Answer::stepped(&out, out.version)
}

/// Submit an exemplary model to DIC
///
/// Needs `If-Match`.
///
/// Who may call: the head of the proposing unit (unit_head).
#[utoipa::path(
    tag = "exemplary models",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Submitted", body = ExemplaryModel, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's head submits"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned model (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/exemplary-models/{id}/submit")]
pub async fn submit_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, comment) = (id.into_inner(), body.0.and_then(|b| b.comment));
    exec_once(&state, &req, caller, &comment.clone(), move |conn, ctx| {
        stepped(app::submit(conn, ctx, &id, comment, expected)?)
    })
    .await
}

/// Recognise a submitted exemplary model
///
/// With DIC's own decision: its number (never generated here; one number per issuer and
/// year) and date. The model becomes public (open data) and replicable. Needs `If-Match`.
///
/// Who may call: DIC officers (dic_officer) of the movement's standing unit, never the
/// person who submitted it.
#[utoipa::path(
    tag = "exemplary models",
    request_body = RecognizeInput,
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Recognised", body = ExemplaryModel, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit recognises, never the submitter"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`), or the decision number is already used by DIC that year (`already_exists`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "No decision number, or a decision date after today or before the movement's period (`validation_failed`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/exemplary-models/{id}/recognize")]
pub async fn recognize_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<RecognizeInput>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.into_inner());
    exec_once(&state, &req, caller, &input.clone(), move |conn, ctx| {
        stepped(app::recognize(conn, ctx, &id, input, expected)?)
    })
    .await
}

/// Return a submitted exemplary model to its unit with a reason
///
/// It becomes editable again. Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit, never the person who
/// submitted it.
#[utoipa::path(
    tag = "exemplary models",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Returned to the unit, editable again", body = ExemplaryModel, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit returns it"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "No reason (`validation_failed`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/exemplary-models/{id}/return")]
pub async fn return_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReturnReason>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, reason) = (id.into_inner(), body.into_inner().reason);
    exec_once(&state, &req, caller, &reason.clone(), move |conn, ctx| {
        stepped(app::send_back(conn, ctx, &id, reason, expected)?)
    })
    .await
}

/// Retire a recognised exemplary model with a reason
///
/// It stays readable, leaves the open data and takes no new replications. Needs
/// `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit.
#[utoipa::path(
    tag = "exemplary models",
    request_body = RetireReason,
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Retired", body = ExemplaryModel, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit retires it"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "Not recognised (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "No reason (`validation_failed`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/exemplary-models/{id}/retire")]
pub async fn retire_exemplary_model(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<RetireReason>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, reason) = (id.into_inner(), body.into_inner().reason);
    exec_once(&state, &req, caller, &reason.clone(), move |conn, ctx| {
        stepped(app::retire(conn, ctx, &id, reason, expected)?)
    })
    .await
}
