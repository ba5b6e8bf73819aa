//! Reports (báo cáo): the HTTP face of `app::reports` — parse, run the use case, answer.

use crate::api::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller, OptionalJson};
use crate::app::idempotency::Answer;
use crate::app::reports::{
    self, AcceptReport, NewReport, Report, ReportChanges, ReportPage, ReportQuery,
};
use crate::app::review::{ReturnReason, StepComment};
use crate::app::workflow::History;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// A step's answer, kept for a retry with the same `Idempotency-Key`.
fn stepped(report: Report) -> crate::app::Result<Answer> {
    Answer::stepped(&report, report.version)
}

/// List the reports the caller may see
///
/// Their unit's, and the submitted ones of the movements they review (of every movement for
/// admins and the Chair); every one for auditors. Paged with `limit` and `cursor`.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "reports", params(ReportQuery), responses((status = 200, description = "A page of reports, oldest first", body = ReportPage)))]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page: ReportPage =
        exec(&state, caller, move |conn, ctx| reports::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a report with its results
///
/// Who may call: the unit's users; once submitted, the reviewers of its movement; auditors.
/// Others get 404.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The report", body = Report, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such report, or not visible to the caller"),
    )
)]
#[get("/reports/{id}")]
pub async fn get_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let report = exec(&state, caller, move |conn, ctx| {
        reports::get(conn, ctx, &id)
    })
    .await?;
    Ok(ok_versioned(&report, report.version))
}

/// Draft a report on the unit's accepted plan
///
/// Accepts `Idempotency-Key`.
///
/// Who may call: the unit's officers and head.
#[utoipa::path(
    tag = "reports",
    request_body = NewReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Report,
            headers(("Location" = String, description = "The new report"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its reports"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The unit already has this report (`report_exists`) or no accepted plan (`no_accepted_plan`)"),
    )
)]
#[post("/reports")]
pub async fn create_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let report = reports::create(conn, ctx, body)?;
        let location = format!("/api/v1/reports/{}", report.id);
        Answer::created(&report, location, Some(report.version))
    })
    .await
}

/// Change a draft or returned report
///
/// Its narrative and results. Needs `If-Match` with the ETag last read.
///
/// Who may call: the unit's officers and head.
#[utoipa::path(
    tag = "reports",
    request_body = ReportChanges,
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed report", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's officers and head change its reports"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Submitted or accepted: no longer editable (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/reports/{id}")]
pub async fn update_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReportChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let report = exec_tx(&state, caller, move |conn, ctx| {
        reports::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&report, report.version))
}

/// Submit a report to DIC
///
/// Every target needs a result. A report submitted after its due day is accepted and marked
/// late. Needs `If-Match`.
///
/// Who may call: the unit's head.
#[utoipa::path(
    tag = "reports",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Submitted", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's head submits"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned report (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Targets without results (`results_incomplete`, with `missing_target_ids`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/submit")]
pub async fn submit_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, comment) = (id.into_inner(), body.0.and_then(|b| b.comment));
    exec_once(&state, &req, caller, &comment.clone(), move |conn, ctx| {
        stepped(reports::submit(conn, ctx, &id, comment, expected)?)
    })
    .await
}

/// Accept a submitted report, optionally adjusting scores
///
/// Both the unit's and DIC's scores are kept. Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit, never the person who submitted
/// it.
#[utoipa::path(
    tag = "reports",
    request_body(content = Option<AcceptReport>, description = "An optional comment and adjusted scores"),
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Accepted", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/accept")]
pub async fn accept_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<AcceptReport>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, input) = (id.into_inner(), body.0.unwrap_or_default());
    let fingerprint = serde_json::to_value(&input).map_err(ApiError::internal)?;
    exec_once(&state, &req, caller, &fingerprint, move |conn, ctx| {
        stepped(reports::accept(conn, ctx, &id, input, expected)?)
    })
    .await
}

/// Return a submitted report to its unit with a reason
///
/// It becomes editable again. Needs `If-Match`.
///
/// Who may call: DIC officers of the movement's standing unit, never the person who submitted
/// it.
#[utoipa::path(
    tag = "reports",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Returned to the unit, editable again", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/return")]
pub async fn return_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReturnReason>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, reason) = (id.into_inner(), body.into_inner().reason);
    exec_once(&state, &req, caller, &reason.clone(), move |conn, ctx| {
        stepped(reports::send_back(conn, ctx, &id, reason, expected)?)
    })
    .await
}

/// List every step a report went through
///
/// Who, in which role, when, from which state to which, and why; oldest first.
///
/// Who may call: those who may read the report.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses((status = 200, description = "Oldest first", body = History), (status = 404, description = "No such report, or not visible to the caller"))
)]
#[get("/reports/{id}/history")]
pub async fn get_report_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history: History = exec(&state, caller, move |conn, ctx| {
        reports::history(conn, ctx, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
