//! Plans (kế hoạch): the HTTP face of `app::plans` — parse, run the use case, answer.

use crate::api::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller, OptionalJson};
use crate::app::idempotency::Answer;
use crate::app::plans::{self, NewPlan, Plan, PlanChanges, PlanPage, PlanQuery};
use crate::app::review::{ReturnReason, StepComment};
use crate::app::workflow::History;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// A step's answer, kept for a retry with the same `Idempotency-Key`.
fn stepped(plan: Plan) -> crate::app::Result<Answer> {
    Answer::stepped(&plan, plan.version)
}

/// List the plans the caller may see
///
/// Their unit's, and the submitted ones of the movements they review (of every movement for
/// admins and the Chair); every one for auditors. Oldest first, paged with `limit` and
/// `cursor`.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "plans", params(PlanQuery), responses((status = 200, description = "A page of plans, oldest first", body = PlanPage)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page: PlanPage = exec(&state, caller, move |conn, ctx| plans::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a plan with its targets
///
/// Who may call: the unit's users; once submitted, the reviewers of its movement; auditors.
/// Others get 404.
#[utoipa::path(
    tag = "plans",
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The plan", body = Plan, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such plan, or not visible to the caller (another unit's draft)"),
    )
)]
#[get("/plans/{id}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let plan = exec(&state, caller, move |conn, ctx| plans::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&plan, plan.version))
}

/// Draft a plan for the caller's unit
///
/// One plan per unit, movement and year. Accepts `Idempotency-Key`.
///
/// Who may call: the unit's officers and head.
#[utoipa::path(
    tag = "plans",
    request_body = NewPlan,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Plan,
            headers(("Location" = String, description = "The new plan"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its plans"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The unit already has this plan (`plan_exists`)"),
    )
)]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewPlan>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let plan = plans::create(conn, ctx, body)?;
        let location = format!("/api/v1/plans/{}", plan.id);
        Answer::created(&plan, location, Some(plan.version))
    })
    .await
}

/// Change a draft or returned plan
///
/// Needs `If-Match` with the ETag last read.
///
/// Who may call: the unit's officers and head.
#[utoipa::path(
    tag = "plans",
    request_body = PlanChanges,
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed plan", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's officers and head change its plans"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Submitted or accepted: no longer editable (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/plans/{id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<PlanChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let plan = exec_tx(&state, caller, move |conn, ctx| {
        plans::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&plan, plan.version))
}

/// Submit a plan to DIC
///
/// It must have targets. Needs `If-Match`.
///
/// Who may call: the unit's head.
#[utoipa::path(
    tag = "plans",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Submitted", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's head submits"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned plan (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "No targets (`targets_missing`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/submit")]
pub async fn submit_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, comment) = (id.into_inner(), body.0.and_then(|b| b.comment));
    exec_once(&state, &req, caller, &comment.clone(), move |conn, ctx| {
        stepped(plans::submit(conn, ctx, &id, comment, expected)?)
    })
    .await
}

/// Accept a submitted plan
///
/// Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit, never the person who submitted
/// it.
#[utoipa::path(
    tag = "plans",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Accepted", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/accept")]
pub async fn accept_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, comment) = (id.into_inner(), body.0.and_then(|b| b.comment));
    exec_once(&state, &req, caller, &comment.clone(), move |conn, ctx| {
        stepped(plans::accept(conn, ctx, &id, comment, expected)?)
    })
    .await
}

/// Return a submitted plan to its unit with a reason
///
/// It becomes editable again. Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit, never the person who submitted
/// it.
#[utoipa::path(
    tag = "plans",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Returned to the unit, editable again", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/return")]
pub async fn return_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReturnReason>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, reason) = (id.into_inner(), body.into_inner().reason);
    exec_once(&state, &req, caller, &reason.clone(), move |conn, ctx| {
        stepped(plans::send_back(conn, ctx, &id, reason, expected)?)
    })
    .await
}

/// List every step a plan went through
///
/// Who, in which role, when, from which state to which, and why; oldest first.
///
/// Who may call: those who may read the plan.
#[utoipa::path(
    tag = "plans",
    params(("id" = String, Path, description = "Plan id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "Oldest first", body = History),
        (status = 404, description = "No such plan, or not visible to the caller"),
    )
)]
#[get("/plans/{id}/history")]
pub async fn get_plan_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history: History = exec(&state, caller, move |conn, ctx| {
        plans::history(conn, ctx, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
