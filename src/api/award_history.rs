//! Award history (`/award-history`): a thin handler over `app::award_history`.

use crate::api::{exec, Caller};
use crate::app::award_history::{self as app, AwardHistoryQuery};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use crate::app::award_history::{
    for_key, AwardHistory, AwardRecord, AwardSource, PROVINCIAL_MERIT_TITLE, STATE_AWARD_TITLE,
};

/// List every award a nominee received, from all sources
///
/// Oldest first. Name the nominee in exactly one way: by its key (`nominee`), as a person
/// (`name` + `birth_year`), or as a collective (`unit_id`, optionally `team_name`); each gives
/// the same key. Units check it before nominating, reviewers on each nomination.
///
/// The Chair's Bằng khen and state awards are listed for everyone; a Giấy khen only for those
/// who may read it: the awarding unit's users, the reviewers of its movement (DIC of the
/// standing unit, Home Affairs of the appraising unit), the Chair, admins and auditors.
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "awards",
    params(AwardHistoryQuery),
    responses(
        (status = 200, description = "The nominee's key and the awards the caller may see, oldest first", body = AwardHistory),
        (status = 403, description = "The account holds no role"),
        (status = 422, description = "No nominee, more than one way of naming it, a part missing (`birth_year` without `name`, `team_name` without `unit_id`), a malformed key, or no such unit (`validation_failed`)"),
    )
)]
#[get("/award-history")]
pub async fn get_award_history(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AwardHistoryQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let out = exec(&state, caller, move |conn, ctx| app::read(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(out))
}
