//! User accounts (admin). Passwords are set on creation and never returned.

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::password;
use crate::auth::policy::{require, Permission};
use crate::auth::{LegacyCaller, Role};
use crate::db::models::{new_id, now, UserRow};
use crate::db::repo::{audit, organisation, security, users as repo};
use crate::db::DbConnection;
use crate::domain::audit::diff;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e70", "username": "nguyenvanbinh", "full_name": "Nguyễn Văn Bình",
    "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "roles": ["unit_head"], "active": true, "version": 1,
    "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct User {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub unit_id: String,
    pub roles: Vec<Role>,
    /// A deactivated user cannot log in, and their tokens stop working at once.
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        Self {
            id: r.id,
            username: r.username,
            full_name: r.full_name,
            unit_id: r.unit_id,
            roles: Role::split(&r.roles).unwrap_or_default(), // FIXME(helper C): typed roles column
            active: r.active,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

page_type!(UserPage, User);

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "tranthilan", "full_name": "Trần Thị Lan", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "roles": ["unit_officer"], "password": "một-mật-khẩu-dài"}))]
pub struct NewUser {
    /// Lower-case letters, digits, `.`, `_`, `-`; unique.
    #[schema(min_length = 3, max_length = 64, pattern = "^[a-z0-9._-]+$")]
    pub username: String,
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    pub unit_id: String,
    #[schema(min_items = 1)]
    pub roles: Vec<Role>,
    /// At least 10 characters.
    #[schema(min_length = 10, max_length = 1000, format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"roles": ["unit_officer", "unit_head"]}))]
pub struct UserChanges {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    pub unit_id: Option<String>,
    #[schema(min_items = 1)]
    pub roles: Option<Vec<Role>>,
    /// A new password (at least 10 characters); revokes the user's refresh tokens.
    #[schema(min_length = 10, max_length = 1000, format = Password)]
    pub password: Option<String>,
    /// `true` reactivates a deactivated account.
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    pub unit_id: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn check_password(c: &mut Checks, field: &str, pw: &str) {
    if pw.chars().count() < password::MIN_PASSWORD_CHARS || pw.len() > 1000 {
        c.fail(field, "10 to 1000 characters", "từ 10 đến 1000 ký tự");
    }
}

fn check_unit_exists(conn: &mut DbConnection, unit_id: &str) -> Result<(), ApiError> {
    if organisation::find_unit(conn, unit_id)?.is_none() {
        return Err(ApiError::invalid(
            "unit_id",
            "no such unit",
            "không có đơn vị này",
        ));
    }
    Ok(())
}

/// List user accounts (admin, auditor).
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
    caller: LegacyCaller,
    query: web::Query<UserQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadUsers)?;
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::UserFilter {
        unit_id: q.unit_id,
        role: q.role.map(|r| r.as_str().to_string()),
        active: q.active,
        after_username: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = run(&state.pool, move |conn| Ok(repo::list(conn, &filter)?)).await?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.username.clone(), User::from);
    Ok(HttpResponse::Ok().json(UserPage { items, next_cursor }))
}

/// Read one account (admin, auditor).
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The account", body = User, headers(("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins and auditors read accounts"),
        (status = 404, description = "No such user"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadUsers)?;
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let v = row.version;
    Ok(ok_versioned(&User::from(row), v))
}

/// Create an account (admin).
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
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageUsers)?;
    let body = body.into_inner();
    let mut c = Checks::new();
    let username = body.username.trim().to_string();
    if username.len() < 3
        || username.len() > 64
        || !username.chars().all(|ch| {
            ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-')
        })
    {
        c.fail(
            "username",
            "3 to 64 characters: a-z, 0-9, '.', '_', '-'",
            "từ 3 đến 64 ký tự: a-z, 0-9, '.', '_', '-'",
        );
    }
    let full_name = c.text("full_name", &body.full_name, 200);
    if body.roles.is_empty() {
        c.fail("roles", "at least one role", "cần ít nhất một vai trò");
    }
    check_password(&mut c, "password", &body.password);
    c.finish()?;
    let hash = web::block({
        let pw = body.password.clone();
        move || password::hash(&pw)
    })
    .await?
    .map_err(ApiError::internal)?;
    let actor = audit_actor(&caller);
    // The fingerprint leaves the password out: it is never stored, not even hashed twice.
    let fingerprint = serde_json::json!({"username": username, "full_name": full_name, "unit_id": body.unit_id, "roles": body.roles});
    let (unit_id, roles) = (body.unit_id, body.roles);
    create_idempotent(&state.pool, &req, &caller, &fingerprint, move |conn| {
        check_unit_exists(conn, &unit_id)?;
        let t = now();
        let row = UserRow {
            id: new_id(),
            username,
            full_name,
            unit_id,
            roles: Role::join(&roles),
            password_hash: hash,
            active: true,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        repo::insert(conn, &row)?;
        let out = User::from(row);
        super::audit_created(conn, &actor, "user.create", "user", &out.id, &out)?;
        Created::new(&out, format!("/api/v1/users/{}", out.id), Some(out.version))
    })
    .await
}

fn apply_change(
    conn: &mut DbConnection,
    caller: &LegacyCaller,
    id: &str,
    expected: super::IfMatch,
    action: &str,
    change: impl FnOnce(&mut UserRow) -> Result<bool, ApiError>,
) -> Result<User, ApiError> {
    let before = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let mut row = before.clone();
    let revoke_tokens = change(&mut row)?;
    if row.id == caller.actor.user_id
        && (!row.active
            || !Role::split(&row.roles)
                .unwrap_or_default()
                .contains(&Role::Admin))
    {
        // An admin cannot lock themselves out; another admin must do it.
        return Err(ApiError::new(ErrorCode::Conflict).detail(
            "You cannot deactivate your own account or remove your own admin role",
            "Không thể tự vô hiệu hóa tài khoản hoặc tự bỏ vai trò quản trị của mình",
        ));
    }
    row.version += 1;
    row.updated_at = now();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before.version)?;
    if !repo::update(conn, &row, expected)? {
        return Err(ApiError::stale());
    }
    if revoke_tokens || !row.active {
        security::revoke_all_for_user(conn, &row.id, row.updated_at)?;
    }
    let password_changed = row.password_hash != before.password_hash;
    let (b, a) = (User::from(before), User::from(row));
    let mut d = diff(
        &serde_json::to_value(&b).map_err(ApiError::internal)?,
        &serde_json::to_value(&a).map_err(ApiError::internal)?,
    );
    if password_changed {
        if let Some(o) = d.as_object_mut() {
            o.insert("password".into(), serde_json::json!("changed"));
        }
    }
    audit::record(conn, &audit_actor(caller), action, "user", &a.id, &d)?;
    Ok(a)
}

/// Change an account: name, unit, roles, password, reactivation (admin).
#[utoipa::path(
    tag = "users",
    request_body = UserChanges,
    params(("id" = String, Path, description = "User id"), ("If-Match" = String, Header, description = "The ETag last read")),
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<UserChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageUsers)?;
    let expected = if_match(&req)?;
    let ch = body.into_inner();
    let mut c = Checks::new();
    let full_name = ch.full_name.as_deref().map(|n| c.text("full_name", n, 200));
    if ch.roles.as_ref().is_some_and(|r| r.is_empty()) {
        c.fail("roles", "at least one role", "cần ít nhất một vai trò");
    }
    if let Some(pw) = &ch.password {
        check_password(&mut c, "password", pw);
    }
    c.finish()?;
    let new_hash = match ch.password.clone() {
        None => None,
        Some(pw) => Some(
            web::block(move || password::hash(&pw))
                .await?
                .map_err(ApiError::internal)?,
        ),
    };
    let id = id.into_inner();
    let out = transaction(&state.pool, move |conn| {
        if let Some(u) = &ch.unit_id {
            check_unit_exists(conn, u)?;
        }
        apply_change(conn, &caller, &id, expected, "user.update", |row| {
            if let Some(n) = full_name {
                row.full_name = n;
            }
            if let Some(u) = ch.unit_id {
                row.unit_id = u;
            }
            if let Some(r) = ch.roles {
                row.roles = Role::join(&r);
            }
            if let Some(a) = ch.active {
                row.active = a;
            }
            let changed_pw = new_hash.is_some();
            if let Some(h) = new_hash {
                row.password_hash = h;
            }
            Ok(changed_pw)
        })
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

/// Deactivate an account (admin): it can no longer log in, and its tokens stop working.
#[utoipa::path(
    tag = "users",
    params(("id" = String, Path, description = "User id"), ("If-Match" = String, Header, description = "The ETag last read")),
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageUsers)?;
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let out = transaction(&state.pool, move |conn| {
        apply_change(conn, &caller, &id, expected, "user.deactivate", |row| {
            row.active = false;
            Ok(true)
        })
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}
