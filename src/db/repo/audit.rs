//! The audit trail: written in the same transaction as the change it records.

use crate::db::models::{new_id, now, AuditEventRow};
use crate::db::schema::audit_events as t;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Who acted, for the audit trail.
#[derive(Debug, Clone, Default)]
pub struct AuditActor {
    pub user_id: Option<String>,
    pub username: Option<String>,
    pub roles: String,
    pub request_id: Option<String>,
}

pub fn record(
    conn: &mut DbConnection,
    actor: &AuditActor,
    action: &str,
    resource_type: &str,
    resource_id: &str,
    changes: &serde_json::Value,
) -> QueryResult<()> {
    let row = AuditEventRow {
        id: new_id(),
        occurred_at: now(),
        actor_id: actor.user_id.clone(),
        actor_username: actor.username.clone(),
        actor_roles: actor.roles.clone(),
        action: action.to_string(),
        resource_type: resource_type.to_string(),
        resource_id: resource_id.to_string(),
        request_id: actor.request_id.clone(),
        changes: changes.to_string(),
    };
    diesel::insert_into(t::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

pub struct AuditFilter {
    pub resource_type: Option<String>,
    pub resource_id: Option<String>,
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    /// Newest first: the page continues below this id.
    pub before_id: Option<String>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, f: &AuditFilter) -> QueryResult<Vec<AuditEventRow>> {
    let mut query = t::table.into_boxed();
    if let Some(v) = &f.resource_type {
        query = query.filter(t::resource_type.eq(v.clone()));
    }
    if let Some(v) = &f.resource_id {
        query = query.filter(t::resource_id.eq(v.clone()));
    }
    if let Some(v) = &f.actor_id {
        query = query.filter(t::actor_id.eq(v.clone()));
    }
    if let Some(v) = &f.action {
        query = query.filter(t::action.eq(v.clone()));
    }
    if let Some(v) = f.from {
        query = query.filter(t::occurred_at.ge(v));
    }
    if let Some(v) = f.to {
        query = query.filter(t::occurred_at.lt(v));
    }
    if let Some(v) = &f.before_id {
        query = query.filter(t::id.lt(v.clone()));
    }
    query.order(t::id.desc()).limit(f.limit).load(conn)
}
