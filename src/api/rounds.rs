//! Award rounds of a movement (đợt khen thưởng): nomination window, report deadline,
//! working-day limits, the dossier required, and quotas per award form and nominee kind.

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::movements::rounds as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{NewRound, Quota, QuotaInput, Round, RoundChanges, RoundPage, RoundQuery};

/// List a movement's award rounds
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), RoundQuery),
    responses((status = 200, description = "A page of rounds, by code", body = RoundPage), (status = 404, description = "No such movement"))
)]
#[get("/movements/{movement_id}/rounds")]
pub async fn list_rounds(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<RoundQuery>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, q) = (path.into_inner(), query.into_inner());
    let page = exec(&state, caller, move |conn, ctx| {
        uc::list(conn, ctx, &movement_id, q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one award round with its quotas
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("id" = String, Path, description = "Round id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The round", body = Round, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement or round"),
    )
)]
#[get("/movements/{movement_id}/rounds/{id}")]
pub async fn get_round(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, id) = path.into_inner();
    let round = exec(&state, caller, move |conn, ctx| {
        uc::get(conn, ctx, &movement_id, &id)
    })
    .await?;
    Ok(ok_versioned(&round, round.version))
}

/// Open an award round with its quotas
///
/// The nomination window, the appraisal limit, the dossier's required documents and the quotas
/// per nominee kind. Its `kind`: `interim` (sơ kết), `final` (tổng kết), `thematic` (chuyên
/// đề) or `ad_hoc` (đột xuất: nominations at any time while it is open, a short appraisal
/// limit — 10 working days unless given — and usually no quota).
///
/// Who may call: admins.
#[utoipa::path(
    tag = "movements",
    request_body = NewRound,
    params(
        ("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer"),
    ),
    responses(
        (status = 201, description = "Created", body = Round,
            headers(("Location" = String, description = "The new round"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage rounds"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The movement has a round with this code (`already_exists`)"),
    )
)]
#[post("/movements/{movement_id}/rounds")]
pub async fn create_round(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<NewRound>,
) -> Result<HttpResponse, ApiError> {
    let (movement_id, body) = (path.into_inner(), body.into_inner());
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = uc::create(conn, ctx, &movement_id, body)?;
        let location = format!("/api/v1/movements/{}/rounds/{}", movement_id, out.id);
        Answer::created(&out, location, Some(out.version))
    })
    .await
}

/// Change an award round
///
/// Window, limits, dossier, quotas. Needs `If-Match` with the ETag last read. A new `kind`
/// must fit the achievement types of the nominations still in play.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "movements",
    request_body = RoundChanges,
    params(
        ("movement_id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("id" = String, Path, description = "Round id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 200, description = "The changed round", body = Round, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage rounds"),
        (status = 404, description = "No such movement or round"),
        (status = 409, description = "Another round has this code, a quota would fall below the places already taken (`quota_below_awarded`), or nominations in play have achievement types the new kind does not take (`conflict`, reason achievement_type_mismatch)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{movement_id}/rounds/{id}")]
pub async fn update_round(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<RoundChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let ((movement_id, id), changes) = (path.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &movement_id, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
