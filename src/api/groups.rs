//! Emulation groups: blocs (Khối thi đua) and clusters (Cụm thi đua).

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, now, GroupRow};
use crate::db::repo::organisation as repo;
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Khối thi đua
    Bloc,
    /// Cụm thi đua
    Cluster,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bloc => "bloc",
            Self::Cluster => "cluster",
        }
    }
    fn parse(s: &str) -> Self {
        if s == "cluster" {
            Self::Cluster
        } else {
            Self::Bloc
        }
    }
}

#[derive(Serialize, ToSchema)]
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
            kind: GroupKind::parse(&r.kind),
            description: r.description,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

page_type!(GroupPage, Group);

#[derive(Debug, Deserialize, Serialize, ToSchema)]
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

#[derive(Debug, Deserialize, Serialize, ToSchema)]
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupQuery {
    /// `bloc` or `cluster`
    pub kind: Option<GroupKind>,
    /// Search in names, ignoring diacritics and case ("cum thi dua" finds "Cụm thi đua").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size, 1…200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List emulation blocs and clusters.
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
    caller: LegacyCaller,
    query: web::Query<GroupQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::GroupFilter {
        kind: q.kind.map(|k| k.as_str().to_string()),
        q: super::text_filter("q", q.q, 200)?,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = run(&state.pool, move |conn| {
        Ok(repo::list_groups(conn, &filter)?)
    })
    .await?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Group::from);
    Ok(HttpResponse::Ok().json(GroupPage { items, next_cursor }))
}

/// Read one group.
#[utoipa::path(
    tag = "organisation",
    params(("id" = String, Path, description = "Group id")),
    responses(
        (status = 200, description = "The group; ETag carries its version", body = Group,
            headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 404, description = "No such group"),
    )
)]
#[get("/groups/{id}")]
pub async fn get_group(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find_group(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let version = row.version;
    Ok(ok_versioned(&Group::from(row), version))
}

fn check_group(
    code: &str,
    name: &str,
    description: &str,
) -> Result<(String, String, String), ApiError> {
    let mut c = Checks::new();
    let code = c.code("code", code, 40);
    let name = c.text("name", name, 200);
    let description = c.optional_text("description", description, 2000);
    c.finish()?;
    Ok((code, name, description))
}

/// Create a bloc or cluster (admin).
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
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewGroup>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let body = body.into_inner();
    let (code, name, description) = check_group(&body.code, &body.name, &body.description)?;
    let actor = audit_actor(&caller);
    let kind = body.kind;
    create_idempotent(&state.pool, &req, &caller, &body, move |conn| {
        let t = now();
        let row = GroupRow {
            id: new_id(),
            name_search: search::key(&name, &code),
            code,
            name,
            kind: kind.as_str().into(),
            description,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        repo::insert_group(conn, &row)?;
        let out = Group::from(row);
        super::audit_created(conn, &actor, "group.create", "group", &out.id, &out)?;
        Created::new(
            &out,
            format!("/api/v1/groups/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a group (admin; `If-Match` required).
#[utoipa::path(
    tag = "organisation",
    request_body = GroupChanges,
    params(
        ("id" = String, Path, description = "Group id"),
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<GroupChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let changes = body.into_inner();
    let actor = audit_actor(&caller);
    let out = transaction(&state.pool, move |conn| {
        let before = repo::find_group(conn, &id)?.ok_or_else(ApiError::not_found)?;
        let (code, name, description) = check_group(
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
            row.kind = k.as_str().into();
        }
        row.version += 1;
        row.updated_at = now();
        // Checked after the body, so a bad body is 422 whatever the precondition.
        let expected = expected.check(before.version)?;
        if !repo::update_group(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        let (b, a) = (Group::from(before), Group::from(row));
        super::audit_changed(conn, &actor, "group.update", "group", &a.id, &b, &a)?;
        Ok(a)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}
