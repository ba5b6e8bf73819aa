//! Nominations (đề nghị khen thưởng), over HTTP: the handlers parse, call one use case
//! of `app::nominations` (or `app::dossier`) through a runner, and answer.

pub(crate) mod documents;
mod outcomes;
mod postings;
mod steps;

pub use crate::app::nominations::model::*;
pub use crate::app::nominations::postings::{
    CommentPosting, CommentPostingPage, CommentPostingQuery,
};
pub use documents::*;
pub use outcomes::*;
pub use postings::*;
pub use steps::*;

use crate::api::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::nominations as app;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// List the nominations the caller may see
///
/// Their unit's, and the submitted ones of the movements they review (of every movement for
/// admins and the Chair); every one for auditors. Oldest first, paged with `limit` and
/// `cursor`.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "nominations", params(NominationQuery), responses((status = 200, description = "A page of nominations, oldest first", body = NominationPage)))]
#[get("/nominations")]
pub async fn list_nominations(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<NominationQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a nomination, with what its dossier still lacks
///
/// Who may call: the proposing unit's users; once submitted, the reviewers of its movement (DIC
/// of the standing unit, Home Affairs of the appraising unit, the Chair, admins); auditors.
/// Others get 404. Reads of a person's nomination from outside the proposing unit are audited.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The nomination", body = Nomination, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such nomination, or not visible to the caller (another unit's draft)"),
    )
)]
#[get("/nominations/{id}")]
pub async fn get_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&out, out.version))
}

/// Draft a nomination for the caller's unit
///
/// Only inside the round's nomination window. The nominee is a person (`kind: individual`), a
/// collective (`kind: collective`: the unit itself, or a named team inside it) or a household
/// (`kind: household`: its head, commune and members); the same nominee twice in one round is
/// refused. `achievement_type` defaults from the round's kind and must fit it (an ad hoc round
/// takes only `ad_hoc`, 422 otherwise). Accepts `Idempotency-Key`.
///
/// Who may call: the unit's officers and head; in an ad hoc round also a DIC officer of the
/// movement's standing unit, proposing in DIC's name (plan V.1).
#[utoipa::path(
    tag = "nominations",
    request_body = NewNomination,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Nomination,
            headers(("Location" = String, description = "The new nomination"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its nominations (and, in an ad hoc round, DIC officers of the standing unit for DIC)"),
        (status = 404, description = "No such round"),
        (status = 409, description = "Outside the nomination window (`round_closed`), or the nominee is already nominated in the round (`duplicate_nomination`, with `nomination_id` only when the caller may read that nomination)"),
    )
)]
#[post("/nominations")]
pub async fn create_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewNomination>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    exec_once(&state, &req, caller, &body.clone(), move |conn, ctx| {
        let out = app::create(conn, ctx, body)?;
        Answer::created(
            &out,
            format!("/api/v1/nominations/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a draft or returned nomination
///
/// Needs `If-Match` with the ETag last read. A new `achievement_type` must fit the round's kind.
///
/// Who may call: the proposing unit's officers and head (DIC's officers for DIC's own proposal
/// in an ad hoc round).
#[utoipa::path(
    tag = "nominations",
    request_body = NominationChanges,
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed nomination", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit's officers and head change it"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not editable in its state (`invalid_state`), or the new nominee is already nominated (`duplicate_nomination`, with `nomination_id` only when the caller may read that nomination)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/nominations/{id}")]
pub async fn update_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NominationChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        app::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
