//! Emulation groups: blocs (Khối thi đua) and clusters (Cụm thi đua).

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::organisation::groups as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{Group, GroupChanges, GroupKind, GroupPage, GroupQuery, NewGroup};

/// List emulation blocs and clusters
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "organisation",
    params(GroupQuery),
    responses(
        (status = 200, description = "A page of groups, by code", body = GroupPage),
    )
)]
#[get("/groups")]
pub async fn list_groups(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<GroupQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| uc::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one bloc or cluster
///
/// Who may call: any signed-in user.
#[utoipa::path(
    tag = "organisation",
    params(("id" = String, Path, description = "Group id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The group; ETag carries its version", body = Group,
            headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 404, description = "No such group"),
    )
)]
#[get("/groups/{id}")]
pub async fn get_group(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let group = exec(&state, caller, move |conn, ctx| uc::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&group, group.version))
}

/// Create a bloc or cluster
///
/// Accepts `Idempotency-Key`.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "organisation",
    request_body = NewGroup,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = Group,
            headers(("Location" = String, description = "The new group"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage groups"),
        (status = 409, description = "A group with this code exists (`already_exists`)"),
    )
)]
#[post("/groups")]
pub async fn create_group(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewGroup>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = uc::create(conn, ctx, body)?;
        Answer::created(
            &out,
            format!("/api/v1/groups/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a bloc or cluster
///
/// Needs `If-Match` with the ETag last read.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "organisation",
    request_body = GroupChanges,
    params(
        ("id" = String, Path, description = "Group id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 200, description = "The changed group", body = Group, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage groups"),
        (status = 404, description = "No such group"),
        (status = 409, description = "Another group has this code"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/groups/{id}")]
pub async fn update_group(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<GroupChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
