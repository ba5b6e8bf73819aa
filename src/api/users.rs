//! User accounts (admin). Passwords are set on creation and never returned; they are
//! hashed before the use case takes a pooled connection.

use super::{exec, exec_once, exec_tx, if_match, ok_versioned, Caller};
use crate::app::idempotency::Answer;
use crate::app::users as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

pub use uc::{NewUser, User, UserChanges, UserPage, UserQuery};

/// List user accounts
///
/// Who may call: admins and auditors.
#[utoipa::path(
    tag = "users",
    params(UserQuery),
    responses(
        (status = 200, description = "A page of users, by username", body = UserPage),
        (status = 403, description = "Only admins and auditors read accounts"),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| uc::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read one user account
///
/// Who may call: admins and auditors.
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The account", body = User, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins and auditors read accounts"),
        (status = 404, description = "No such user"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let user = exec(&state, caller, move |conn, ctx| uc::get(conn, ctx, &id)).await?;
    Ok(ok_versioned(&user, user.version))
}

/// Create a user account
///
/// Accepts `Idempotency-Key`.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "users",
    request_body = NewUser,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = User,
            headers(("Location" = String, description = "The new account"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage accounts"),
        (status = 409, description = "The username is taken (`already_exists`)"),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let account = web::block(move || uc::prepare(body)).await??;
    exec_once(
        &state,
        &req,
        caller,
        &account.fingerprint(),
        move |conn, ctx| {
            let out = uc::create(conn, ctx, account)?;
            Answer::created(&out, format!("/api/v1/users/{}", out.id), Some(out.version))
        },
    )
    .await
}

/// Change a user account
///
/// Name, unit, roles, password, reactivation. Needs `If-Match` with the ETag last read.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "users",
    request_body = UserChanges,
    params(("id" = String, Path, description = "User id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed account", body = User, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage accounts"),
        (status = 404, description = "No such user"),
        (status = 409, description = "An admin cannot remove their own admin role or deactivate themselves (`conflict`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<UserChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let (id, changes) = (id.into_inner(), body.into_inner());
    let changes = web::block(move || uc::prepare_changes(changes)).await??;
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::update(conn, ctx, &id, changes, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}

/// Deactivate a user account
///
/// It can no longer log in, and its tokens stop working.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The deactivated account", body = User, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage accounts"),
        (status = 404, description = "No such user"),
        (status = 409, description = "An admin cannot deactivate themselves (`conflict`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let out = exec_tx(&state, caller, move |conn, ctx| {
        uc::deactivate(conn, ctx, &id, expected)
    })
    .await?;
    Ok(ok_versioned(&out, out.version))
}
