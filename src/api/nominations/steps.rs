//! The workflow steps on one nomination, `POST /nominations/{id}/<step>`: each runs
//! `app::nominations::take` (the one step pipeline) in one transaction, honouring
//! `Idempotency-Key`, and answers the nomination with its new ETag.

use super::{Appraisal, Nomination};
use crate::api::{exec, exec_once, if_match, Caller, OptionalJson};
use crate::app::idempotency::Answer;
use crate::app::nominations::{self as app, NominationStep};
use crate::app::review::{ReturnReason, StepComment};
use crate::app::workflow::History;
use crate::domain::nomination::Step;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

/// Runs one step: If-Match first (428 when missing), then the pipeline.
pub(super) async fn step(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: String,
    s: NominationStep,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    exec_once(&state, &req, caller, &s.fingerprint(), move |conn, ctx| {
        let out = app::take(conn, ctx, &id, &s, expected)?;
        Answer::stepped(&out, out.version)
    })
    .await
}

/// Submit a nomination for review
///
/// The dossier must be complete and the round's window open; the dossier is then frozen. Needs
/// `If-Match`.
///
/// Who may call: the proposing unit's head (not its officers).
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Submitted", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit's head submits"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned nomination (`invalid_state`), or the window is closed (`round_closed`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Required documents missing (`dossier_incomplete`, with `missing`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/submit")]
pub async fn submit_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(Step::Submit, comment),
    )
    .await
}

/// Withdraw a nomination before it is consolidated
///
/// Needs `If-Match`.
///
/// Who may call: the proposing unit's officers and head (DIC's officers for DIC's own proposal
/// in an ad hoc round).
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Withdrawn", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit withdraws"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Already consolidated or closed (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/withdraw")]
pub async fn withdraw_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(Step::Withdraw, comment),
    )
    .await
}

/// Return a nomination to its unit with a reason
///
/// It becomes editable and can be submitted again. Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit before consolidation (never on
/// their own sign-off); Home Affairs officers of its appraising unit during appraisal.
#[utoipa::path(
    tag = "nominations",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Returned to the unit", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the standing unit (submitted) or Home Affairs of the appraising unit (consolidated)"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not submitted or consolidated (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/return")]
pub async fn return_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReturnReason>,
) -> Result<HttpResponse, ApiError> {
    let reason = Some(body.into_inner().reason);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(Step::Return, reason),
    )
    .await
}

/// Appraise a consolidated nomination
///
/// Approve or reject, with an opinion. Needs `If-Match`.
///
/// Who may call: Home Affairs officers of the movement's appraising unit.
#[utoipa::path(
    tag = "nominations",
    request_body = Appraisal,
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Appraised: `approved` or `rejected`", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only Home Affairs of the movement's appraising unit appraises"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not consolidated (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/appraise")]
pub async fn appraise_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Appraisal>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let s = Step::appraise(body.verdict);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(s, Some(body.opinion)),
    )
    .await
}

/// List every step a nomination went through
///
/// Who, in which role, when, from which state to which, and why; oldest first.
///
/// Who may call: those who may read the nomination.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses((status = 200, description = "Oldest first", body = History), (status = 404, description = "No such nomination, or not visible to the caller"))
)]
#[get("/nominations/{id}/history")]
pub async fn get_nomination_history(
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
