//! What is due or overdue for the caller (`/deadlines`), and the public holidays that
//! working-day limits skip (`/holidays`): thin handlers over `app::deadlines`.

use crate::api::{exec, exec_once, exec_tx, Caller};
use crate::app::deadlines::{self as app, DeadlineQuery, Holiday, HolidayQuery};
use crate::app::idempotency::Answer;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

/// The answer types (the contract names them here).
pub use crate::app::deadlines::{Deadline, DeadlineKind, Deadlines, HolidayList};

/// List what is due or overdue for the caller
///
/// What falls due in the next `days` days and what is overdue: for unit officers and heads,
/// their unit's plans and reports; for DIC officers, plans and reports waiting for their review
/// longer than the movement's working-day limit; for Home Affairs officers, consolidated
/// nominations waiting for appraisal longer than the round's limit. Working days skip weekends
/// and public holidays.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "deadlines", params(DeadlineQuery), responses((status = 200, description = "Overdue first, then by due date", body = Deadlines)))]
#[get("/deadlines")]
pub async fn list_deadlines(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<DeadlineQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// List public holidays
///
/// Days off that working-day limits skip, oldest first.
///
/// Who may call: any signed-in user.
#[utoipa::path(tag = "deadlines", params(HolidayQuery), responses((status = 200, description = "By day", body = HolidayList)))]
#[get("/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<HolidayQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let out = exec(&state, caller, move |conn, ctx| {
        app::list_holidays(conn, ctx, q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Add a public holiday
///
/// Working-day limits computed after this skip the day.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "deadlines",
    request_body = Holiday,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Added", body = Holiday, headers(("Location" = String, description = "The holiday"))),
        (status = 403, description = "Only admins manage holidays"),
        (status = 409, description = "That day is already a holiday (`already_exists`)"),
    )
)]
#[post("/holidays")]
pub async fn create_holiday(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<Holiday>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    exec_once(&state, &req, caller, &input.clone(), move |conn, ctx| {
        let out = app::add_holiday(conn, ctx, input)?;
        Answer::created(&out, format!("/api/v1/holidays/{}", out.day), None)
    })
    .await
}

/// Remove a public holiday
///
/// Who may call: admins.
#[utoipa::path(
    tag = "deadlines",
    params(("day" = chrono::NaiveDate, Path, description = "The day, YYYY-MM-DD", max_length = 10)),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only admins manage holidays"),
        (status = 404, description = "Not a holiday"),
    )
)]
#[delete("/holidays/{day}")]
pub async fn delete_holiday(
    state: web::Data<AppState>,
    caller: Caller,
    day: web::Path<crate::domain::when::PathDate>,
) -> Result<HttpResponse, ApiError> {
    let day = day.into_inner().0;
    exec_tx(&state, caller, move |conn, ctx| {
        app::remove_holiday(conn, ctx, day)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
