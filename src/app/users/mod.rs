//! User accounts (admin). Passwords are set on creation and never returned. Hashing a
//! password (argon2) takes time: [`prepare`] and [`prepare_changes`] do it before the
//! use case takes a connection.

mod change;

pub use change::{create, deactivate, insert, provision, update, Provision, ProvisionError};

use crate::app::page::{decode_cursor, page_limit, paginate};
use crate::app::{Context, Result};
use crate::auth::password;
use crate::auth::policy::{require, Permission};
use crate::auth::Role;
use crate::db::models::UserRow;
use crate::db::repo::{organisation, users as repo};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
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
            roles: r.roles.to_vec(),
            active: r.active,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(UserPage, User);

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
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: String,
    #[serde(deserialize_with = "crate::domain::validate::distinct")]
    #[schema(min_items = 1, max_items = 7)]
    pub roles: Vec<Role>,
    /// At least 10 characters.
    #[schema(min_length = 10, max_length = 1000, format = Password)]
    pub password: String,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"roles": ["unit_officer", "unit_head"]}))]
pub struct UserChanges {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::domain::validate::optional_distinct"
    )]
    #[schema(min_items = 1, max_items = 7)]
    pub roles: Option<Vec<Role>>,
    /// A new password (at least 10 characters); revokes the user's refresh tokens.
    #[schema(min_length = 10, max_length = 1000, format = Password)]
    pub password: Option<String>,
    /// `true` reactivates a deactivated account.
    pub active: Option<bool>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// A new account, checked, its password hashed: what [`create`] stores.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub full_name: String,
    pub unit_id: String,
    pub roles: Vec<Role>,
    pub password_hash: String,
}

impl NewAccount {
    /// What a retry of the request is recognised by: the password left out (it is never
    /// stored, not even hashed twice).
    pub fn fingerprint(&self) -> serde_json::Value {
        serde_json::json!({"username": self.username, "full_name": self.full_name, "unit_id": self.unit_id, "roles": self.roles})
    }
}

/// Changes of an account, checked, a new password hashed: what [`update`] applies.
#[derive(Debug, Clone, Default)]
pub struct AccountChanges {
    pub full_name: Option<String>,
    pub unit_id: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub password_hash: Option<String>,
    pub active: Option<bool>,
}

/// 3 to 64 characters: a-z, 0-9, `.`, `_`, `-`.
pub fn valid_username(username: &str) -> bool {
    (3..=64).contains(&username.len())
        && username.chars().all(|ch| {
            ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-')
        })
}

fn check_password(c: &mut Checks, field: &str, pw: &str) {
    if pw.chars().count() < password::MIN_PASSWORD_CHARS || pw.len() > 1000 {
        c.fail(field, "10 to 1000 characters", "từ 10 đến 1000 ký tự");
    }
}

/// The argon2 hash of a password (slow on purpose: call it off the async threads).
pub fn hash_password(pw: &str) -> Result<String> {
    password::hash(pw).map_err(ApiError::internal)
}

/// Checks a new account and hashes its password. Takes no connection: hashing holds none.
pub fn prepare(input: NewUser) -> Result<NewAccount> {
    let mut c = Checks::new();
    let username = input.username.trim().to_string();
    if !valid_username(&username) {
        c.fail(
            "username",
            "3 to 64 characters: a-z, 0-9, '.', '_', '-'",
            "từ 3 đến 64 ký tự: a-z, 0-9, '.', '_', '-'",
        );
    }
    let full_name = c.text("full_name", &input.full_name, 200);
    if input.roles.is_empty() {
        c.fail("roles", "at least one role", "cần ít nhất một vai trò");
    }
    check_password(&mut c, "password", &input.password);
    c.finish()?;
    Ok(NewAccount {
        username,
        full_name,
        unit_id: input.unit_id,
        roles: input.roles,
        password_hash: hash_password(&input.password)?,
    })
}

/// Checks changes of an account and hashes a new password. Takes no connection.
pub fn prepare_changes(ch: UserChanges) -> Result<AccountChanges> {
    let mut c = Checks::new();
    let full_name = ch.full_name.as_deref().map(|n| c.text("full_name", n, 200));
    if ch.roles.as_ref().is_some_and(|r| r.is_empty()) {
        c.fail("roles", "at least one role", "cần ít nhất một vai trò");
    }
    if let Some(pw) = &ch.password {
        check_password(&mut c, "password", pw);
    }
    c.finish()?;
    Ok(AccountChanges {
        full_name,
        unit_id: ch.unit_id,
        roles: ch.roles,
        password_hash: ch.password.as_deref().map(hash_password).transpose()?,
        active: ch.active,
    })
}

pub(crate) fn check_unit_exists(conn: &mut DbConnection, unit_id: &str) -> Result<()> {
    if organisation::find_unit(conn, unit_id)?.is_none() {
        return Err(ApiError::invalid(
            "unit_id",
            "no such unit",
            "không có đơn vị này",
        ));
    }
    Ok(())
}

/// A page of accounts, by username (admin, auditor).
pub fn list(conn: &mut DbConnection, ctx: &Context, q: UserQuery) -> Result<UserPage> {
    require(&ctx.actor, Permission::ReadUsers)?;
    let limit = page_limit(q.limit)?;
    let filter = repo::UserFilter {
        unit_id: q.unit_id,
        role: q.role,
        active: q.active,
        after_username: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list(conn, &filter)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.username.clone(), User::from);
    Ok(UserPage { items, next_cursor })
}

/// One account (admin, auditor).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<User> {
    require(&ctx.actor, Permission::ReadUsers)?;
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    Ok(User::from(row))
}
