//! The dossier (hồ sơ): files uploaded as multipart, checked by content (PDF, DOCX,
//! JPEG, PNG), kept in the database with their SHA-256 — so every instance serves them —
//! listed, downloaded under their Vietnamese names, and removed while editable (a removed
//! file stays readable: it may belong to an earlier submission).

use super::model::*;
use super::rules::{load_visible, state_of};
use crate::api::rounds::DocumentKind;
use crate::api::{audit_actor, audit_created, run, transaction};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, DocumentRow, NominationRow};
use crate::db::repo::nominations as repo;
use crate::domain::dossier::{clean_name, content_disposition, name_matches, sniff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpResponse};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

fn editable(row: &NominationRow) -> Result<(), ApiError> {
    let s = state_of(row);
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

struct Upload {
    kind: Option<DocumentKind>,
    file_name: Option<String>,
    bytes: Vec<u8>,
}

async fn read_upload(mut form: Multipart, limit: usize) -> Result<Upload, ApiError> {
    let mut up = Upload {
        kind: None,
        file_name: None,
        bytes: Vec::new(),
    };
    let malformed = |e: String| {
        ApiError::new(ErrorCode::MalformedRequest)
            .detail(e.clone(), format!("Không đọc được biểu mẫu tải lên ({e})"))
    };
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| malformed(e.to_string()))?;
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "kind" => {
                let mut text = Vec::new();
                while let Some(chunk) = field.next().await {
                    text.extend_from_slice(&chunk.map_err(|e| malformed(e.to_string()))?);
                    if text.len() > 100 {
                        break;
                    }
                }
                let t = String::from_utf8_lossy(&text).trim().to_string();
                up.kind = Some(DocumentKind::parse(&t).ok_or_else(|| {
                    ApiError::invalid(
                        "kind",
                        format!("'{t}' is not a document kind"),
                        format!("'{t}' không phải loại tài liệu"),
                    )
                })?);
            }
            "file" => {
                up.file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .map(clean_name);
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|e| malformed(e.to_string()))?;
                    if up.bytes.len() + chunk.len() > limit {
                        return Err(ApiError::new(ErrorCode::PayloadTooLarge).detail(
                            format!("A file may have at most {limit} bytes"),
                            format!("Tệp tối đa {limit} byte"),
                        ));
                    }
                    up.bytes.extend_from_slice(&chunk);
                }
            }
            _ => {
                // Unknown parts are drained and ignored.
                while let Some(chunk) = field.next().await {
                    chunk.map_err(|e| malformed(e.to_string()))?;
                }
            }
        }
    }
    Ok(up)
}

/// Add a file to the dossier (the proposing unit, while draft or returned).
#[utoipa::path(
    tag = "nominations",
    request_body(content = DocumentUpload, content_type = "multipart/form-data", description = "`kind` and `file` (PDF, DOCX, JPEG or PNG)"),
    params(("id" = String, Path, description = "Nomination id")),
    responses(
        (status = 201, description = "Added", body = Document, headers(("Location" = String, description = "Download address"))),
        (status = 403, description = "Only the proposing unit's officers and head change the dossier"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "The dossier is frozen (`invalid_state`)"),
        (status = 413, description = "The file is larger than the limit (20 MiB by default)"),
        (status = 415, description = "Not a PDF, DOCX, JPEG or PNG by its content, or the name's extension says otherwise"),
    )
)]
#[post("/nominations/{id}/documents")]
pub async fn upload_document(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Refuse early, before reading the body, when the caller may not add files.
    let who = caller.actor.clone();
    let check_id = id.clone();
    run(&state.pool, move |conn| {
        let (row, _) = load_visible(conn, &who, &check_id)?;
        require(
            &who,
            Permission::EditUnitRecord {
                unit_id: &row.unit_id,
            },
        )?;
        editable(&row)
    })
    .await?;
    let up = read_upload(form, state.settings.upload_limit_bytes).await?;
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
    if up.bytes.is_empty() {
        return Err(ApiError::invalid("file", "the file is empty", "tệp rỗng"));
    }
    let file_type = sniff(&up.bytes).ok_or_else(|| {
        ApiError::new(ErrorCode::UnsupportedMediaType).detail(
            "Only PDF, DOCX, JPEG and PNG files are accepted (judged by their content)",
            "Chỉ nhận tệp PDF, DOCX, JPEG, PNG (xét theo nội dung tệp)",
        )
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
    let sha = hex::encode(Sha256::digest(&up.bytes));
    let audit = audit_actor(&caller);
    let st = state.clone();
    let out = transaction(&state.pool, move |conn| {
        // Checked again inside the transaction: the nomination may have moved meanwhile.
        let (row, _) = load_visible(conn, &caller.actor, &id)?;
        require(
            &caller.actor,
            Permission::EditUnitRecord {
                unit_id: &row.unit_id,
            },
        )?;
        editable(&row)?;
        let now = st.clock.now().naive_utc();
        let doc = DocumentRow {
            id: new_id(),
            nomination_id: row.id.clone(),
            kind: kind.as_str().into(),
            file_name,
            media_type: file_type.media_type().into(),
            size_bytes: up.bytes.len() as i64,
            sha256: sha,
            content: up.bytes,
            uploaded_by: caller.actor.username.clone(),
            uploaded_at: now,
            removed_at: None,
        };
        repo::insert_document(conn, &doc)?;
        // The dossier is part of the nomination: its version moves.
        if !repo::touch(conn, &row.id, row.version, now)? {
            return Err(ApiError::stale());
        }
        let meta = repo::document_meta(conn, &row.id, &doc.id)?
            .ok_or_else(|| ApiError::internal("document vanished"))?;
        let out = Document::from(meta);
        audit_created(
            conn,
            &audit,
            "nomination.document.add",
            "nomination",
            &row.id,
            &out,
        )?;
        Ok((row.id, out))
    })
    .await?;
    let (nomination_id, out) = out;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/nominations/{nomination_id}/documents/{}", out.id),
        ))
        .json(out))
}

/// The dossier's files.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id"), DocumentQuery),
    responses((status = 200, description = "Oldest first", body = DocumentList), (status = 404, description = "No such nomination, or not visible to the caller"))
)]
#[get("/nominations/{id}/documents")]
pub async fn list_documents(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let include_removed = query.include_removed.unwrap_or(false);
    let items = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)?;
        Ok(repo::documents(conn, &id, include_removed)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(DocumentList {
        items: items.into_iter().map(Document::from).collect(),
    }))
}

/// Download a file under its own name, with its type.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id"), ("document_id" = String, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "image/png"),
        ), headers(("Content-Disposition" = String, description = "attachment, with the UTF-8 file name"))),
        (status = 404, description = "No such nomination or file, or not visible to the caller"),
    )
)]
#[get("/nominations/{id}/documents/{document_id}")]
pub async fn download_document(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let doc = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)?;
        repo::document(conn, &id, &document_id)?.ok_or_else(ApiError::not_found)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(doc.media_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&doc.file_name),
        ))
        .insert_header(("X-Content-SHA256", doc.sha256.clone()))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(doc.content))
}

/// Remove a file from the dossier while it is editable (it stays readable).
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id"), ("document_id" = String, Path, description = "Document id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only the proposing unit's officers and head change the dossier"),
        (status = 404, description = "No such nomination or file, or already removed"),
        (status = 409, description = "The dossier is frozen (`invalid_state`)"),
    )
)]
#[delete("/nominations/{id}/documents/{document_id}")]
pub async fn delete_document(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let audit = audit_actor(&caller);
    let st = state.clone();
    transaction(&state.pool, move |conn| {
        let (row, _) = load_visible(conn, &caller.actor, &id)?;
        require(
            &caller.actor,
            Permission::EditUnitRecord {
                unit_id: &row.unit_id,
            },
        )?;
        editable(&row)?;
        let meta = repo::document_meta(conn, &id, &document_id)?.ok_or_else(ApiError::not_found)?;
        let now = st.clock.now().naive_utc();
        if !repo::remove_document(conn, &meta.id, now)? {
            return Err(ApiError::not_found());
        }
        if !repo::touch(conn, &row.id, row.version, now)? {
            return Err(ApiError::stale());
        }
        audit_created(
            conn,
            &audit,
            "nomination.document.remove",
            "nomination",
            &row.id,
            &Document::from(meta),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
