//! Creating and changing accounts.

use super::{check_unit_exists, AccountChanges, NewAccount, User};
use crate::app::audit::audit_created;
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::auth::Role;
use crate::db::models::{new_id, UserRow};
use crate::db::repo::{audit, organisation, security, users as repo};
use crate::db::DbConnection;
use crate::domain::audit::diff;
use crate::domain::role::Roles;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDateTime;

fn new_row(account: NewAccount, unit_id: String, now: NaiveDateTime) -> UserRow {
    UserRow {
        id: new_id(),
        username: account.username,
        full_name: account.full_name,
        unit_id,
        roles: Roles::new(&account.roles),
        password_hash: account.password_hash,
        active: true,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// Creates an account (admin).
pub fn create(conn: &mut DbConnection, ctx: &Context, account: NewAccount) -> Result<User> {
    require(&ctx.actor, Permission::ManageUsers)?;
    let out = insert(conn, ctx.now_utc(), account)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "user.create",
        "user",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Checks and stores a new account, recording no audit event (the demo data records one
/// event for the whole load).
pub fn insert(conn: &mut DbConnection, now: NaiveDateTime, account: NewAccount) -> Result<User> {
    check_unit_exists(conn, &account.unit_id)?;
    let unit_id = account.unit_id.clone();
    let row = new_row(account, unit_id, now);
    repo::insert(conn, &row)?;
    Ok(User::from(row))
}

/// Applies `change` to an account: an admin never locks themselves out; a new password
/// or a deactivation revokes the account's refresh tokens; the audit trail says
/// `"password": "changed"`, never the hash.
fn apply(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    expected: IfMatch,
    action: &str,
    change: impl FnOnce(&mut UserRow) -> bool,
) -> Result<User> {
    let before = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let mut row = before.clone();
    let revoke_tokens = change(&mut row);
    if row.id == ctx.actor.user_id && (!row.active || !row.roles.contains(Role::Admin)) {
        // An admin cannot lock themselves out; another admin must do it.
        return Err(ApiError::new(ErrorCode::Conflict).detail(
            "You cannot deactivate your own account or remove your own admin role",
            "Không thể tự vô hiệu hóa tài khoản hoặc tự bỏ vai trò quản trị của mình",
        ));
    }
    row.version += 1;
    row.updated_at = ctx.now_utc();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before.version)?;
    if !repo::update(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find(conn, &row.id)?.map(|r| r.version),
        ));
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
    audit::record(conn, &ctx.audit_actor(), action, "user", &a.id, &d)?;
    Ok(a)
}

/// Changes an account: name, unit, roles, password, reactivation (admin).
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    ch: AccountChanges,
    expected: IfMatch,
) -> Result<User> {
    require(&ctx.actor, Permission::ManageUsers)?;
    if let Some(u) = &ch.unit_id {
        check_unit_exists(conn, u)?;
    }
    apply(conn, ctx, id, expected, "user.update", |row| {
        if let Some(n) = ch.full_name {
            row.full_name = n;
        }
        if let Some(u) = ch.unit_id {
            row.unit_id = u;
        }
        if let Some(r) = ch.roles {
            row.roles = Roles::new(&r);
        }
        if let Some(a) = ch.active {
            row.active = a;
        }
        let changed_pw = ch.password_hash.is_some();
        if let Some(h) = ch.password_hash {
            row.password_hash = h;
        }
        changed_pw
    })
}

/// Deactivates an account (admin): it can no longer log in, and its tokens stop working.
pub fn deactivate(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    expected: IfMatch,
) -> Result<User> {
    require(&ctx.actor, Permission::ManageUsers)?;
    apply(conn, ctx, id, expected, "user.deactivate", |row| {
        row.active = false;
        true
    })
}

/// An account made by the operator on the command line: no one is signed in, and the
/// unit is named by its code.
#[derive(Debug, Clone)]
pub struct Provision {
    pub username: String,
    pub full_name: Option<String>,
    pub unit_code: String,
    pub roles: Vec<Role>,
    pub password_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("no unit with code '{0}'")]
    UnknownUnit(String),
    #[error("'{0}' exists already")]
    UsernameTaken(String),
    #[error(transparent)]
    Failed(#[from] ApiError),
}

impl From<diesel::result::Error> for ProvisionError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Failed(e.into())
    }
}

/// Creates an account from the command line, audited as `cli` (call in a transaction).
pub fn provision(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    p: Provision,
) -> Result<User, ProvisionError> {
    let unit = organisation::find_unit_by_code(conn, &p.unit_code)?
        .ok_or_else(|| ProvisionError::UnknownUnit(p.unit_code.clone()))?;
    if repo::find_by_username(conn, &p.username)?.is_some() {
        return Err(ProvisionError::UsernameTaken(p.username));
    }
    let account = NewAccount {
        full_name: p.full_name.unwrap_or_else(|| p.username.clone()),
        username: p.username,
        unit_id: unit.id.clone(),
        roles: p.roles,
        password_hash: p.password_hash,
    };
    let row = new_row(account, unit.id, now);
    repo::insert(conn, &row)?;
    let actor = audit::AuditActor {
        username: Some("cli".into()),
        ..Default::default()
    };
    audit::record(
        conn,
        &actor,
        "user.create",
        "user",
        &row.id,
        &serde_json::json!({"username": row.username, "roles": row.roles.as_str(), "unit": p.unit_code}),
    )?;
    Ok(User::from(row))
}
