//! The audit trail: who did what, when, to which record, from which request.

use super::{exec, Caller};
use crate::app::audit_trail as uc;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use uc::{AuditEvent, AuditEventPage, AuditQuery};

/// List the audit trail, newest first
///
/// Every recorded change and sensitive read: who, in which role, when, on which record. Paged
/// with `limit` and `cursor`.
///
/// Who may call: admins and auditors.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of events, newest first", body = AuditEventPage),
        (status = 403, description = "Only auditors and admins read the audit trail"),
    )
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = exec(&state, caller, move |conn, ctx| uc::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}
