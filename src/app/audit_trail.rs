//! The audit trail as it is read: who did what, when, to which record, from which
//! request (auditors and admins). Events are written by `app::audit`.

use crate::app::page::{decode_cursor, page_limit, paginate, text_filter};
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::AuditEventRow;
use crate::db::repo::audit as repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4eb0", "occurred_at": "2026-11-26T08:15:02.123456Z",
    "actor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e70", "actor_username": "admin", "actor_roles": ["admin"],
    "action": "unit.update", "resource_type": "unit", "resource_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "request_id": "5f0c6a8e-2d0b-4a57-9b43-2f1c8d7e6a10",
    "changes": {"name": {"from": "UBND Huyện Tháp Mười", "to": "UBND xã Tháp Mười"}}
}))]
pub struct AuditEvent {
    pub id: String,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub actor_username: Option<String>,
    pub actor_roles: Vec<String>,
    /// `<resource>.<verb>`, e.g. `unit.update`, `auth.login`.
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub request_id: Option<String>,
    /// What changed: the created record, or `{field: {from, to}}`.
    #[schema(value_type = Object)]
    pub changes: serde_json::Value,
}

impl AuditEvent {
    /// The event as stored; changes that are not JSON are an error, never null.
    pub fn from_row(r: AuditEventRow) -> Result<Self> {
        Ok(Self {
            id: r.id,
            occurred_at: r.occurred_at.and_utc(),
            actor_id: r.actor_id,
            actor_username: r.actor_username,
            actor_roles: r
                .actor_roles
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            request_id: r.request_id,
            changes: serde_json::from_str(&r.changes).map_err(ApiError::internal)?,
        })
    }
}

crate::page_type!(AuditEventPage, AuditEvent);

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// e.g. `unit`, `user`, `movement`
    #[param(max_length = 50)]
    pub resource_type: Option<String>,
    /// An id, or a day for a holiday.
    #[param(max_length = 36)]
    pub resource_id: Option<String>,
    /// The acting user's id.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub actor_id: Option<String>,
    /// e.g. `unit.update`
    #[param(max_length = 100)]
    pub action: Option<String>,
    /// From this time (inclusive).
    #[serde(default, deserialize_with = "crate::domain::when::optional_time")]
    #[param(max_length = 35)]
    pub from: Option<DateTime<Utc>>,
    /// Before this time.
    #[serde(default, deserialize_with = "crate::domain::when::optional_time")]
    #[param(max_length = 35)]
    pub to: Option<DateTime<Utc>>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// A page of events, newest first (auditor, admin).
pub fn list(conn: &mut DbConnection, ctx: &Context, q: AuditQuery) -> Result<AuditEventPage> {
    require(&ctx.actor, Permission::ReadAudit)?;
    let limit = page_limit(q.limit)?;
    let filter = repo::AuditFilter {
        resource_type: text_filter("resource_type", q.resource_type, 50)?,
        resource_id: text_filter("resource_id", q.resource_id, 36)?,
        actor_id: q.actor_id,
        action: text_filter("action", q.action, 100)?,
        from: q.from.map(|t| t.naive_utc()),
        to: q.to.map(|t| t.naive_utc()),
        before_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list(conn, &filter)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.id.clone(), AuditEvent::from_row);
    Ok(AuditEventPage {
        items: items.into_iter().collect::<Result<_>>()?,
        next_cursor,
    })
}
