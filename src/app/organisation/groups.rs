//! Emulation groups: blocs (Khối thi đua) and clusters (Cụm thi đua).

use crate::app::audit::{audit_changed, audit_created};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter};
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, GroupRow};
use crate::db::repo::organisation as repo;
use crate::db::DbConnection;
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use crate::domain::organisation::GroupKind;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "code": "CUM-2", "name": "Cụm thi đua số 2",
    "kind": "cluster", "description": "Các địa phương vùng giữa: TP Cao Lãnh, Cao Lãnh, Tháp Mười",
    "version": 1, "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Group {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: GroupKind,
    pub description: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<GroupRow> for Group {
    fn from(r: GroupRow) -> Self {
        Self {
            id: r.id,
            code: r.code,
            name: r.name,
            kind: r.kind,
            description: r.description,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(GroupPage, Group);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "CUM-2", "name": "Cụm thi đua số 2", "kind": "cluster",
    "description": "Các địa phương vùng giữa: TP Cao Lãnh, Cao Lãnh, Tháp Mười"}))]
pub struct NewGroup {
    /// Short code, unique: letters, digits, `-`, `_`, `.`
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: GroupKind,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Cụm thi đua số 2 (vùng giữa)"}))]
pub struct GroupChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<GroupKind>,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupQuery {
    /// `bloc` or `cluster`
    pub kind: Option<GroupKind>,
    /// Search in names, ignoring diacritics and case ("cum thi dua" finds "Cụm thi đua").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// A page of groups, by code.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: GroupQuery) -> Result<GroupPage> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let limit = page_limit(q.limit)?;
    let filter = repo::GroupFilter {
        kind: q.kind,
        q: text_filter("q", q.q, 200)?,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list_groups(conn, &filter)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Group::from);
    Ok(GroupPage { items, next_cursor })
}

/// One group (404 when there is none).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Group> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let row = repo::find_group(conn, id)?.ok_or_else(ApiError::not_found)?;
    Ok(Group::from(row))
}

fn check(code: &str, name: &str, description: &str) -> Result<(String, String, String)> {
    let mut c = Checks::new();
    let code = c.code("code", code, 40);
    let name = c.text("name", name, 200);
    let description = c.optional_text("description", description, 2000);
    c.finish()?;
    Ok((code, name, description))
}

/// Creates a bloc or cluster (admin).
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewGroup) -> Result<Group> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let out = insert(conn, ctx.now_utc(), input)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "group.create",
        "group",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Checks and stores a new group, recording no audit event (the demo data records one
/// event for the whole load).
pub fn insert(conn: &mut DbConnection, now: NaiveDateTime, input: NewGroup) -> Result<Group> {
    let (code, name, description) = check(&input.code, &input.name, &input.description)?;
    let row = GroupRow {
        id: new_id(),
        name_search: search::key(&name, &code),
        code,
        name,
        kind: input.kind,
        description,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    repo::insert_group(conn, &row)?;
    Ok(Group::from(row))
}

/// Changes a group (admin), when `expected` is still its version.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    changes: GroupChanges,
    expected: IfMatch,
) -> Result<Group> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let before = repo::find_group(conn, id)?.ok_or_else(ApiError::not_found)?;
    let (code, name, description) = check(
        changes.code.as_deref().unwrap_or(&before.code),
        changes.name.as_deref().unwrap_or(&before.name),
        changes
            .description
            .as_deref()
            .unwrap_or(&before.description),
    )?;
    let mut row = before.clone();
    row.name_search = search::key(&name, &code);
    row.code = code;
    row.name = name;
    row.description = description;
    if let Some(k) = changes.kind {
        row.kind = k;
    }
    row.version += 1;
    row.updated_at = ctx.now_utc();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before.version)?;
    if !repo::update_group(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find_group(conn, &row.id)?.map(|r| r.version),
        ));
    }
    let (b, a) = (Group::from(before), Group::from(row));
    audit_changed(
        conn,
        &ctx.audit_actor(),
        "group.update",
        "group",
        &a.id,
        &b,
        &a,
    )?;
    Ok(a)
}
