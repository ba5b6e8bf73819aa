//! The dossier (hồ sơ) of a nomination: files checked by content (PDF, DOCX, JPEG,
//! PNG), kept in the database with their SHA-256, listed, downloaded, and removed while
//! the nomination is editable (a removed file stays readable: it may belong to an
//! earlier submission). Each change moves the nomination's version.

use crate::app::audit::audit_created;
use crate::app::nominations::{visible_row, Document, DocumentKind, DocumentList};
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, DocumentRow, NominationRow};
use crate::db::repo::{dossier as files, nominations as repo};
use crate::db::DbConnection;
use crate::domain::dossier::{check, name_matches, FileType, Refusal};
use crate::domain::invisible::bidi_control;
use crate::error::{ApiError, ErrorCode};
use sha2::{Digest, Sha256};

/// A file as uploaded: its kind and name as the form gave them.
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: Option<DocumentKind>,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// A file accepted for a dossier (or for an exemplary model's evidence: the same checks).
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub(crate) kind: DocumentKind,
    pub(crate) file_name: String,
    pub(crate) file_type: FileType,
    pub(crate) bytes: Vec<u8>,
}

impl CheckedFile {
    /// Its size as stored.
    pub(crate) fn size(&self) -> Result<i64> {
        i64::try_from(self.bytes.len()).map_err(ApiError::internal)
    }

    /// Hex SHA-256 of the content.
    pub(crate) fn sha256(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))
    }
}

fn editable(row: &NominationRow) -> Result<()> {
    let s = row.status;
    if s.editable() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::InvalidState)
        .detail(
            "The dossier is frozen once submitted",
            "Hồ sơ đã gửi thì không thể thay đổi tài liệu",
        )
        .with("current_state", s.as_str()))
}

/// The nomination, if the caller may change its dossier now: visible (else 404), the
/// proposing unit's officers and head, or DIC's officers for DIC's own proposal in an
/// ad hoc round (403), draft or returned (409).
pub fn changeable(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<NominationRow> {
    let (row, movement, round) = visible_row(conn, &ctx.actor, id)?;
    require(
        &ctx.actor,
        Permission::DraftNomination {
            unit_id: &row.unit_id,
            dic_proposes: crate::domain::achievement::dic_may_propose(round.kind),
            movement: crate::auth::policy::MovementRoles::of(&movement),
        },
    )?;
    editable(&row)?;
    Ok(row)
}

/// The longest file name a dossier keeps.
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// Checks an upload: a kind, a named non-empty file whose name has no bidi control
/// (422), a PDF, DOCX, JPEG or PNG by its first bytes (415 otherwise) whose structure
/// holds (422 `invalid_file`: `domain::dossier::check`) and whose name's extension
/// agrees (415). Parses the file: call it off the async workers.
pub fn check_file(up: Upload) -> Result<CheckedFile> {
    let kind = up.kind.ok_or_else(|| {
        ApiError::invalid(
            "kind",
            "the document kind is required",
            "cần ghi loại tài liệu",
        )
    })?;
    let file_name = up.file_name.filter(|n| !n.is_empty()).ok_or_else(|| {
        ApiError::invalid("file", "a file with a name is required", "cần tệp có tên")
    })?;
    if file_name.chars().count() > MAX_FILE_NAME_CHARS {
        // What file systems keep, and what bounds `Content-Disposition` on download.
        return Err(ApiError::invalid(
            "file",
            format!("the file name must be at most {MAX_FILE_NAME_CHARS} characters"),
            format!("tên tệp tối đa {MAX_FILE_NAME_CHARS} ký tự"),
        ));
    }
    if let Some(b) = bidi_control(&file_name) {
        // `hoa-don\u{202E}fdp.exe` shows as `hoa-donexe.pdf`.
        return Err(ApiError::invalid(
            "file",
            format!(
                "the file name must not contain a bidirectional control character (U+{:04X})",
                u32::from(b)
            ),
            format!(
                "tên tệp không được chứa ký tự điều khiển hướng viết (U+{:04X})",
                u32::from(b)
            ),
        ));
    }
    if up.bytes.is_empty() {
        return Err(ApiError::invalid("file", "the file is empty", "tệp rỗng"));
    }
    let file_type = check(&up.bytes).map_err(|r| match r {
        Refusal::UnknownType => ApiError::new(ErrorCode::UnsupportedMediaType).detail(
            "Only PDF, DOCX, JPEG and PNG files are accepted (judged by their content)",
            "Chỉ nhận tệp PDF, DOCX, JPEG, PNG (xét theo nội dung tệp)",
        ),
        Refusal::Malformed { claimed, defect } => ApiError::new(ErrorCode::InvalidFile)
            .detail(
                format!("Not a valid {}: {}", claimed.media_type(), defect.en),
                format!(
                    "Không phải tệp {} hợp lệ: {}",
                    claimed.media_type(),
                    defect.vi
                ),
            )
            .with("media_type", claimed.media_type()),
    })?;
    if !name_matches(&file_name, file_type) {
        return Err(ApiError::new(ErrorCode::UnsupportedMediaType).detail(
            format!(
                "The name '{file_name}' does not match its content ({})",
                file_type.media_type()
            ),
            format!(
                "Tên tệp '{file_name}' không khớp với nội dung ({})",
                file_type.media_type()
            ),
        ));
    }
    Ok(CheckedFile {
        kind,
        file_name,
        file_type,
        bytes: up.bytes,
    })
}

/// Adds a checked file to the dossier (checked again here: the nomination may have
/// moved since the upload began). Returns the nomination's id, the file and the
/// nomination's new version (its ETag, so the client submits without reading again).
pub fn add(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    file: CheckedFile,
) -> Result<(String, Document, i32)> {
    let row = changeable(conn, ctx, id)?;
    let now = ctx.now_utc();
    let (size_bytes, sha256) = (file.size()?, file.sha256());
    let doc = DocumentRow {
        id: new_id(),
        nomination_id: row.id.clone(),
        kind: file.kind,
        file_name: file.file_name,
        media_type: file.file_type.media_type().into(),
        size_bytes,
        sha256,
        content: file.bytes,
        uploaded_by: ctx.actor.username.clone(),
        uploaded_at: now,
        removed_at: None,
    };
    files::insert_document(conn, &doc)?;
    // The dossier is part of the nomination: its version moves.
    if !repo::touch(conn, &row.id, row.version, now)? {
        return Err(lost_race(conn, ctx, &row.id));
    }
    let meta = files::document_meta(conn, &row.id, &doc.id)?
        .ok_or_else(|| ApiError::internal("document vanished"))?;
    let out = Document::from(meta);
    audit_created(
        conn,
        &ctx.audit_actor(),
        "nomination.document.add",
        "nomination",
        &row.id,
        &out,
    )?;
    Ok((row.id, out, row.version + 1))
}

/// The dossier's files, oldest first; removed ones only when asked.
pub fn list(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    include_removed: bool,
) -> Result<DocumentList> {
    visible_row(conn, &ctx.actor, id)?;
    Ok(DocumentList {
        items: files::documents(conn, id, include_removed)?
            .into_iter()
            .map(Document::from)
            .collect(),
    })
}

/// One file with its bytes.
pub fn download(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    document_id: &str,
) -> Result<DocumentRow> {
    visible_row(conn, &ctx.actor, id)?;
    let doc = files::document(conn, id, document_id)?.ok_or_else(ApiError::not_found)?;
    crate::app::personal_data::audit_download(conn, ctx, &doc)?;
    Ok(doc)
}

/// Removes a file from the dossier while it is editable (it stays readable). Returns
/// the nomination's new version.
pub fn remove(conn: &mut DbConnection, ctx: &Context, id: &str, document_id: &str) -> Result<i32> {
    let row = changeable(conn, ctx, id)?;
    let meta = files::document_meta(conn, id, document_id)?.ok_or_else(ApiError::not_found)?;
    let now = ctx.now_utc();
    if !files::remove_document(conn, &meta.id, now)? {
        return Err(ApiError::not_found());
    }
    if !repo::touch(conn, &row.id, row.version, now)? {
        return Err(lost_race(conn, ctx, &row.id));
    }
    audit_created(
        conn,
        &ctx.audit_actor(),
        "nomination.document.remove",
        "nomination",
        &row.id,
        &Document::from(meta),
    )?;
    Ok(row.version + 1)
}

/// Another request changed the nomination while its dossier changed: no version was
/// named, so a 409 with its current state (`invalid_state` when the dossier is frozen
/// now, else `conflict`), not 412 (issue 9 item 10).
fn lost_race(conn: &mut DbConnection, ctx: &Context, id: &str) -> ApiError {
    match changeable(conn, ctx, id) {
        Ok(row) => crate::app::version::conflict(row.status.as_str(), row.version),
        Err(e) => e,
    }
}
