//! Giấy khen recorded by a unit head (`/unit-awards`): thin handlers over
//! `app::unit_awards`.

use crate::api::{exec, exec_once, Caller};
use crate::app::idempotency::Answer;
use crate::app::unit_awards::{self as app, NewUnitAward, UnitAwardQuery};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

pub use crate::app::unit_awards::{AwardedIndividual, UnitAward, UnitAwardPage, DEFAULT_TITLE};

/// Record a Giấy khen awarded by the caller's unit
///
/// Awarded under the unit's own authority, with no provincial review, to a person, to the unit
/// itself or to a named collective inside it. One per recipient, movement and year for a unit;
/// the recipient's award history shows it at once (to those who may read it).
///
/// Who may call: the unit's head only.
#[utoipa::path(
    tag = "awards",
    request_body = NewUnitAward,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Recorded", body = UnitAward,
            headers(("Location" = String, description = "The new award"))),
        (status = 403, description = "Only the awarding unit's head records its Giấy khen"),
        (status = 409, description = "The unit already awarded this recipient for the movement in that year (`duplicate_award`, with `unit_award_id`)"),
        (status = 422, description = "Invalid input (`validation_failed`; `errors` names the fields, e.g. `movement_id`, `individual.birth_year`, `collective.unit_id` (not the awarding unit), `decided_on` (after today, or before 1 January of the movement's first year)), or an `Idempotency-Key` reused with another request (`idempotency_key_reused`)"),
    )
)]
#[post("/unit-awards")]
pub async fn create_unit_award(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewUnitAward>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    exec_once(&state, &req, caller, &input.clone(), move |conn, ctx| {
        let out = app::record(conn, ctx, input)?;
        Answer::created(&out, format!("/api/v1/unit-awards/{}", out.id), None)
    })
    .await
}

/// List the Giấy khen the caller may see, oldest first
///
/// Every unit's for admins, auditors and the Chair; for everyone else their own unit's, and for
/// DIC and Home Affairs officers also those of the movements they review.
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "awards",
    params(UnitAwardQuery),
    responses(
        (status = 200, description = "A page of Giấy khen, oldest recorded first", body = UnitAwardPage),
        (status = 422, description = "A filter out of range (`year`, `limit`, `q` too long) or an unreadable `cursor` (`validation_failed`)"),
    )
)]
#[get("/unit-awards")]
pub async fn list_unit_awards(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UnitAwardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a Giấy khen
///
/// Who may call: the awarding unit's users, the reviewers of its movement, the Chair, admins
/// and auditors. Others get 404.
#[utoipa::path(
    tag = "awards",
    params(("id" = String, Path, description = "Unit award id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The award", body = UnitAward),
        (status = 404, description = "No such award, or not visible to the caller: only the awarding unit's users, the reviewers of its movement (the standing unit's DIC, the appraising unit's Home Affairs), the Chair, admins and auditors read it"),
    )
)]
#[get("/unit-awards/{id}")]
pub async fn get_unit_award(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::get(conn, ctx, &id)).await?;
    Ok(HttpResponse::Ok().json(out))
}
