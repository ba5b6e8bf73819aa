//! State-level nominees posted for public comment before the Chair forwards them: the
//! public list (no caller).

use super::{CommentPostingPage, CommentPostingQuery};
use crate::api::exec_anonymous;
use crate::app::nominations::postings as app;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

/// List state-award nominees posted for public comment
///
/// Latest window first. A nominee closed without award or declined by the central level leaves
/// the list.
///
/// Who may call: anyone (no token).
#[utoipa::path(
    tag = "public",
    security(()),
    params(CommentPostingQuery),
    responses((status = 200, description = "A page of postings, the latest window first", body = CommentPostingPage))
)]
#[get("/public/comment-postings")]
pub async fn list_comment_postings(
    state: web::Data<AppState>,
    query: web::Query<CommentPostingQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let today = state.today();
    let page = exec_anonymous(&state, move |conn| app::list(conn, today, q)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(page))
}
