//! The Chair's decisions (Quyết định khen thưởng): awarding approved provincial-merit
//! nominations within the round's quota (`app::decisions`).

use crate::api::{exec, exec_anonymous, exec_once, Caller};
use crate::app::decisions::{self as app, NewDecision};
use crate::app::idempotency::Answer;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

pub use crate::app::decisions::{Awardee, Decision, DecisionPage, DecisionQuery};

/// Record the Chair's decision awarding Bằng khen
///
/// Awards the listed approved nominations. Refused as a whole when it would pass the round's
/// quota for a nominee kind (409 `quota_exceeded`, with the quota, the places used and those
/// requested), when a nominee is flagged (409 `nominee_flagged`), when a nomination is not
/// approved (409 `invalid_state`), and when the number is already in the register for that year
/// (409 `already_exists`). Accepts `Idempotency-Key`.
///
/// Who may call: the Chair.
#[utoipa::path(
    tag = "nominations",
    request_body = NewDecision,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Recorded; the nominations are awarded", body = Decision,
            headers(("Location" = String, description = "The decision"))),
        (status = 403, description = "Only the Chair decides"),
        (status = 404, description = "No such round"),
        (status = 409, description = "Over quota (`quota_exceeded`), a flagged nominee (`nominee_flagged`), a nomination not approved (`invalid_state`), or a number already used (`already_exists`); a nomination moved by another request meanwhile is `invalid_state` (or `conflict`) with `current_state` and `nomination_id`, never 412"),
        (status = 422, description = "Invalid input (`validation_failed`, `errors` per field): among others `signed_on` after today in the province, or before the day its nominations were appraised (then `appraised_on` and `nomination_id` name the latest appraisal)"),
    )
)]
#[post("/decisions")]
pub async fn create_decision(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewDecision>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    exec_once(&state, &req, caller, &body.clone(), move |conn, ctx| {
        let out = app::decide(conn, ctx, body)?;
        Answer::created(&out, format!("/api/v1/decisions/{}", out.id), None)
    })
    .await
}

/// List decisions, newest first
///
/// Decisions are public anyway (see `/public/decisions`).
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "nominations", params(DecisionQuery), responses((status = 200, description = "A page of decisions", body = DecisionPage)))]
#[get("/decisions")]
pub async fn list_decisions(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<DecisionQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One page of decisions for anyone (the public pages): no caller to read.
pub async fn decision_page(
    state: &web::Data<AppState>,
    q: DecisionQuery,
) -> Result<DecisionPage, ApiError> {
    exec_anonymous(state, move |conn| app::page(conn, q)).await
}

/// Read a decision with its awardees
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Decision id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses((status = 200, description = "The decision", body = Decision), (status = 404, description = "No such decision"))
)]
#[get("/decisions/{id}")]
pub async fn get_decision(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::get(conn, ctx, &id)).await?;
    Ok(HttpResponse::Ok().json(out))
}
