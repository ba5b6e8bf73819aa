//! A model's evidence files: checked as a dossier's (`app::dossier::check_file`), kept
//! in the database with their SHA-256, listed, downloaded (each download audited, as a
//! dossier's), and removed while the model is the unit's (a removed file stays
//! readable). Each change moves the model's version.

use super::write::require_editable;
use super::{visible, RESOURCE};
use crate::app::audit::audit_created;
use crate::app::dossier::CheckedFile;
use crate::app::nominations::{Document, DocumentList};
use crate::app::{Context, Result};
use crate::auth::policy::exemplary_models::edit_model;
use crate::auth::policy::require;
use crate::db::models::{new_id, ModelDocumentMeta, ModelDocumentRow, ModelRow};
use crate::db::repo::{audit as audit_repo, exemplary_models as repo};
use crate::db::DbConnection;
use crate::error::ApiError;
use serde_json::json;

/// The audit action of an evidence file's download.
pub const DOWNLOAD_ACTION: &str = "exemplary_model.document.download";

impl From<ModelDocumentMeta> for Document {
    fn from(d: ModelDocumentMeta) -> Self {
        Self {
            id: d.id,
            kind: d.kind,
            file_name: d.file_name,
            media_type: d.media_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            uploaded_by: d.uploaded_by,
            uploaded_at: d.uploaded_at.and_utc(),
            removed_at: d.removed_at.map(|t| t.and_utc()),
        }
    }
}

/// The model, if the caller may change its evidence now: visible (else 404), the
/// proposing unit's officers and head (403), draft or returned (409).
pub fn changeable(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<ModelRow> {
    let (row, _, _) = visible(conn, ctx, id)?;
    require(&ctx.actor, edit_model(&row.unit_id))?;
    require_editable(row.status)?;
    Ok(row)
}

/// Another request changed the model while its evidence changed: 409 with its current
/// state (no version was named), as for a dossier.
fn lost_race(conn: &mut DbConnection, ctx: &Context, id: &str) -> ApiError {
    match changeable(conn, ctx, id) {
        Ok(row) => crate::app::version::conflict(row.status.as_str(), row.version),
        Err(e) => e,
    }
}

/// Adds a checked file (checked again here: the model may have moved since the upload
/// began). Returns the model's id, the file and the model's new version.
pub fn add_document(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    file: CheckedFile,
) -> Result<(String, Document, i32)> {
    let row = changeable(conn, ctx, id)?;
    let now = ctx.now_utc();
    let doc = ModelDocumentRow {
        id: new_id(),
        model_id: row.id.clone(),
        kind: file.kind,
        size_bytes: file.size()?,
        sha256: file.sha256(),
        media_type: file.file_type.media_type().into(),
        file_name: file.file_name,
        content: file.bytes,
        uploaded_by: ctx.actor.username.clone(),
        uploaded_at: now,
        removed_at: None,
    };
    repo::insert_document(conn, &doc)?;
    if !repo::touch(conn, &row.id, row.version, now)? {
        return Err(lost_race(conn, ctx, &row.id));
    }
    let meta = repo::document_meta(conn, &row.id, &doc.id)?
        .ok_or_else(|| ApiError::internal("document vanished"))?;
    let out = Document::from(meta);
    audit_created(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.document.add",
        RESOURCE,
        &row.id,
        &out,
    )?;
    Ok((row.id, out, row.version + 1))
}

/// The evidence files, oldest first; removed ones only when asked.
pub fn list_documents(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    include_removed: bool,
) -> Result<DocumentList> {
    visible(conn, ctx, id)?;
    Ok(DocumentList {
        items: repo::documents(conn, id, include_removed)?
            .into_iter()
            .map(Document::from)
            .collect(),
    })
}

/// One file with its bytes; the download is audited.
pub fn download_document(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    document_id: &str,
) -> Result<ModelDocumentRow> {
    visible(conn, ctx, id)?;
    let doc = repo::document(conn, id, document_id)?.ok_or_else(ApiError::not_found)?;
    audit_repo::record(
        conn,
        &ctx.audit_actor(),
        DOWNLOAD_ACTION,
        RESOURCE,
        id,
        &json!({
            "document_id": doc.id, "kind": doc.kind, "file_name": doc.file_name,
            "sha256": doc.sha256, "size_bytes": doc.size_bytes,
        }),
    )?;
    Ok(doc)
}

/// Removes a file while the model is editable (it stays readable). Returns the model's
/// new version.
pub fn remove_document(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    document_id: &str,
) -> Result<i32> {
    let row = changeable(conn, ctx, id)?;
    let meta = repo::document_meta(conn, id, document_id)?.ok_or_else(ApiError::not_found)?;
    let now = ctx.now_utc();
    if !repo::remove_document(conn, &meta.id, now)? {
        return Err(ApiError::not_found());
    }
    if !repo::touch(conn, &row.id, row.version, now)? {
        return Err(lost_race(conn, ctx, &row.id));
    }
    audit_created(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.document.remove",
        RESOURCE,
        &row.id,
        &Document::from(meta),
    )?;
    Ok(row.version + 1)
}
