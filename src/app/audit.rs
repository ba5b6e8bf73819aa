//! The audit trail of changes: written in the same transaction as the change.

use super::Result;
use crate::db::repo::audit as audit_repo;
use crate::db::DbConnection;
use crate::error::ApiError;
use serde::Serialize;

/// Records a creation: the new record is what changed.
pub fn audit_created<T: Serialize>(
    conn: &mut DbConnection,
    actor: &audit_repo::AuditActor,
    action: &str,
    resource_type: &str,
    resource_id: &str,
    created: &T,
) -> Result<()> {
    let value = serde_json::to_value(created).map_err(ApiError::internal)?;
    Ok(audit_repo::record(
        conn,
        actor,
        action,
        resource_type,
        resource_id,
        &value,
    )?)
}

/// Records a change as `{field: {from, to}}`.
pub fn audit_changed<T: Serialize>(
    conn: &mut DbConnection,
    actor: &audit_repo::AuditActor,
    action: &str,
    resource_type: &str,
    resource_id: &str,
    before: &T,
    after: &T,
) -> Result<()> {
    let before = serde_json::to_value(before).map_err(ApiError::internal)?;
    let after = serde_json::to_value(after).map_err(ApiError::internal)?;
    let changes = crate::domain::audit::diff(&before, &after);
    Ok(audit_repo::record(
        conn,
        actor,
        action,
        resource_type,
        resource_id,
        &changes,
    )?)
}
