//! The Chair's steps after appraisal: closing a nomination without an award, and a state
//! award's public comment, forwarding to the central level and the central outcome.

use super::steps::step;
use super::Nomination;
use crate::api::{Caller, OptionalJson};
use crate::app::nominations::{NominationStep, StepDetail};
use crate::app::review::StepComment;
pub use crate::domain::nomination::CentralResult;
use crate::domain::nomination::Step;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Đơn vị có khiếu nại chưa được giải quyết dứt điểm trong thời gian lấy ý kiến công khai."}))]
pub struct NotAwardedReason {
    /// Why the nomination is closed without an award (mandatory).
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"outcome": "state_awarded", "decision_number": "1234/QĐ-CTN", "decided_on": "2024-06-14",
    "comment": "Chủ tịch nước tặng Huân chương Lao động hạng Ba."}))]
pub struct CentralOutcome {
    pub outcome: CentralResult,
    /// The central decision's number as its issuer wrote it (required for an award).
    #[schema(min_length = 1, max_length = 50)]
    pub decision_number: Option<String>,
    /// The central decision's date (required for an award).
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub decided_on: Option<NaiveDate>,
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// Close an approved nomination without an award
///
/// With a reason. A state-award nominee can also be closed during or after public comment,
/// before forwarding.
///
/// Who may call: the Chair.
#[utoipa::path(
    tag = "nominations",
    request_body = NotAwardedReason,
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Closed: `not_awarded`", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the Chair closes a nomination"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not approved or posted for comment (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/close")]
pub async fn close_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NotAwardedReason>,
) -> Result<HttpResponse, ApiError> {
    let reason = Some(body.into_inner().reason);
    let s = Step::CloseNotAwarded;
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(s, reason),
    )
    .await
}

/// Post a state-award nomination for public comment
///
/// The approved nomination appears in `/public/comment-postings` from today for the round's
/// working days (10 by default).
///
/// Who may call: the Chair.
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Posted: `posted_for_comment`, with its comment window", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the Chair posts nominees for comment"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not an approved state-award nomination (`invalid_state`), or the nominee is flagged (`nominee_flagged`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/post-for-comment")]
pub async fn post_nomination_for_comment(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    let s = Step::PostForComment;
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(s, comment),
    )
    .await
}

/// Forward a state-award nomination to the central level
///
/// Only once its public comment window has ended. Where the round sets a state-award quota,
/// forwarding takes a place of it.
///
/// Who may call: the Chair.
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment, e.g. the proposal letter's number"),
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Forwarded: `forwarded_to_central`", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the Chair forwards"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not posted for comment (`invalid_state`), the comment window has not ended (`comment_window_open`, with `closes_on`), the nominee is flagged (`nominee_flagged`), or the round's state-award quota is used up (`quota_exceeded`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/forward")]
pub async fn forward_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    let s = Step::Forward;
    step(
        state,
        caller,
        req,
        id.into_inner(),
        NominationStep::new(s, comment),
    )
    .await
}

/// Record the central level's answer on a forwarded nomination
///
/// `state_awarded` with the central decision's number and date, or `state_declined`.
///
/// Who may call: the Chair.
#[utoipa::path(
    tag = "nominations",
    request_body = CentralOutcome,
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Recorded: `state_awarded` or `state_declined`", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the Chair records the central outcome"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not forwarded to the central level (`invalid_state`), or an award to a flagged nominee (`nominee_flagged`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "An award without the central decision's number or date, or a date in the future or before forwarding"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/central-outcome")]
pub async fn record_central_outcome(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<CentralOutcome>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let s = NominationStep {
        step: Step::record_central(b.outcome),
        comment: b.comment,
        detail: StepDetail {
            decision_number: b.decision_number,
            decided_on: b.decided_on,
            submission_id: None,
        },
    };
    step(state, caller, req, id.into_inner(), s).await
}
