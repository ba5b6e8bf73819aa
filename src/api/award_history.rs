//! Award history (`/award-history`): a thin handler over `app::award_history`.

use crate::api::{exec, Caller};
use crate::app::award_history::{self as app, AwardHistoryQuery};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use crate::app::award_history::{
    for_key, AwardHistory, AwardRecord, AwardSource, PROVINCIAL_MERIT_TITLE, STATE_AWARD_TITLE,
};

/// Every award a person or collective received in the service, from all sources, oldest
/// first. Name the nominee by its key (`nominee`), as a person (`name` + `birth_year`),
/// or as a collective (`unit_id`, optionally `team_name`): the same key either way. Any
/// signed-in user: units check it before nominating, reviewers on each nomination. The
/// Chair's Bằng khen and state awards are listed for everyone; a Giấy khen only for
/// those who may read it: the awarding unit's users, the reviewers of its movement (the
/// standing unit's DIC, the appraising unit's Home Affairs), the Chair, admins and
/// auditors.
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
