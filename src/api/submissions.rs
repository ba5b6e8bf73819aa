//! DIC's submissions (tờ trình tổng hợp): a batch of submitted nominations of one round,
//! sent to Home Affairs under DIC's letter; all or nothing (`app::consolidation`).

use crate::api::{exec, exec_once, Caller};
use crate::app::consolidation::{self as app, NewSubmission, SubmissionQuery};
use crate::app::idempotency::Answer;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

pub use crate::app::consolidation::{Submission, SubmissionPage};

/// Consolidate a round's submitted nominations for Home Affairs
///
/// All or nothing: one nomination in another state refuses the whole batch. Accepts
/// `Idempotency-Key`.
///
/// Who may call: DIC officers of the movement's standing unit.
#[utoipa::path(
    tag = "nominations",
    request_body = NewSubmission,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Sent; every nomination is consolidated", body = Submission,
            headers(("Location" = String, description = "The submission"))),
        (status = 403, description = "Only DIC of the movement's standing unit consolidates"),
        (status = 404, description = "No such round"),
        (status = 409, description = "A nomination is not submitted, or of another round (`invalid_state`, with `nominations`); a nomination moved by another request meanwhile is `invalid_state` (or `conflict`) with `current_state` and `nomination_id`, never 412"),
    )
)]
#[post("/submissions")]
pub async fn create_submission(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewSubmission>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    exec_once(&state, &req, caller, &body.clone(), move |conn, ctx| {
        let out = app::consolidate(conn, ctx, body)?;
        Answer::created(&out, format!("/api/v1/submissions/{}", out.id), None)
    })
    .await
}

/// List submissions, oldest first
///
/// Those of the movements the caller reviews.
///
/// Who may call: DIC officers, Home Affairs officers, the Chair, admins and auditors (others
/// get an empty list).
#[utoipa::path(tag = "nominations", params(SubmissionQuery), responses((status = 200, description = "A page of submissions", body = SubmissionPage)))]
#[get("/submissions")]
pub async fn list_submissions(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a submission with its nominations
///
/// Who may call: the reviewers of its movement, the Chair, admins and auditors.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Submission id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses((status = 200, description = "The submission", body = Submission), (status = 404, description = "No such submission, or not one of a movement the caller reviews"))
)]
#[get("/submissions/{id}")]
pub async fn get_submission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::get(conn, ctx, &id)).await?;
    Ok(HttpResponse::Ok().json(out))
}
