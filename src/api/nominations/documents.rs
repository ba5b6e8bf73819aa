//! The dossier (hồ sơ): files uploaded as multipart, checked by content (PDF, DOCX,
//! JPEG, PNG), kept in the database with their SHA-256 — so every instance serves them —
//! listed, downloaded under their Vietnamese names, and removed while editable (a removed
//! file stays readable: it may belong to an earlier submission).

use super::{Document, DocumentKind, DocumentList, DocumentQuery};
use crate::api::files::{file_response, read_upload};
use crate::api::{exec, exec_tx, Caller};
use crate::app::dossier as app;
use crate::error::ApiError;
use crate::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpResponse};
use utoipa::ToSchema;

/// Add a file to a nomination's dossier
///
/// A PDF or DOCX (checked by structure, not by name) as `multipart/form-data` with its kind.
/// The nomination's version rises.
///
/// Who may call: the proposing unit's officers and head (DIC's officers for DIC's own proposal
/// in an ad hoc round), while the nomination is a draft or returned.
#[utoipa::path(
    tag = "nominations",
    request_body(content = DocumentUpload, content_type = "multipart/form-data", description = "`kind` and `file` (PDF, DOCX, JPEG or PNG)"),
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 201, description = "Added", body = Document, headers(("Location" = String, description = "Download address"), ("ETag" = String, description = "The nomination's new version: each upload raises it, so send this ETag as If-Match on the next step (submit) without reading the nomination again"))),
        (status = 403, description = "Only the proposing unit's officers and head change the dossier"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "The dossier is frozen (`invalid_state`), or another request changed the nomination meanwhile (`conflict`, with `current_state`)"),
        (status = 413, description = "The file is larger than the limit (20 MiB by default)"),
        (status = 415, description = "Not a PDF, DOCX, JPEG or PNG by its first bytes (`unsupported_media_type`), or the name's extension says otherwise"),
        (status = 422, description = "`invalid_file`: it starts as a PDF, DOCX, JPEG or PNG but its structure is not one (a PDF without cross-reference and trailer, a DOCX that is no readable ZIP with `[Content_Types].xml` and `word/document.xml` or unpacks past the limits, a JPEG or PNG without a valid header); `validation_failed`: no kind or file, an empty file, or a file name with a bidi control character"),
    )
)]
#[post("/nominations/{id}/documents")]
pub async fn upload_document(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // Refuse early, before reading the body, when the caller may not add files.
    let (check_id, again) = (id.clone(), caller.clone());
    exec(&state, again, move |conn, ctx| {
        app::changeable(conn, ctx, &check_id).map(|_| ())
    })
    .await?;
    let upload = read_upload(form, state.settings.upload_limit_bytes).await?;
    // Parsing a 20 MiB file (a DOCX is inflated) must not hold up an async worker.
    let file = web::block(move || app::check_file(upload))
        .await
        .map_err(ApiError::internal)??;
    let (nomination_id, out, version) = exec_tx(&state, caller, move |conn, ctx| {
        app::add(conn, ctx, &id, file)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/nominations/{nomination_id}/documents/{}", out.id),
        ))
        .insert_header(crate::api::etag(version))
        .json(out))
}

/// List a nomination's dossier files
///
/// Who may call: those who may read the nomination: the proposing unit's users, the reviewers
/// of its movement once submitted, and auditors.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), DocumentQuery),
    responses((status = 200, description = "Oldest first", body = DocumentList), (status = 404, description = "No such nomination, or not visible to the caller"))
)]
#[get("/nominations/{id}/documents")]
pub async fn list_documents(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let include_removed = query.include_removed.unwrap_or(false);
    let list = exec(&state, caller, move |conn, ctx| {
        app::list(conn, ctx, &id, include_removed)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Download a dossier file
///
/// The file under its own name, with its media type.
///
/// Who may call: those who may read the nomination.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("document_id" = String, Path, description = "Document id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "image/png"),
        ), headers(("Content-Disposition" = String, description = "attachment, with the UTF-8 file name"))),
        (status = 404, description = "No such nomination or file, or not visible to the caller"),
        (status = 410, description = "The content was erased when the nominee's data was anonymised (`personal_data_erased`)"),
    )
)]
#[get("/nominations/{id}/documents/{document_id}")]
pub async fn download_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let doc = exec(&state, caller, move |conn, ctx| {
        app::download(conn, ctx, &id, &document_id)
    })
    .await?;
    Ok(file_response(doc.into()))
}

/// Remove a file from a nomination's dossier
///
/// Only while the nomination is editable; the file stays readable in the history.
///
/// Who may call: the proposing unit's officers and head (DIC's officers for DIC's own proposal
/// in an ad hoc round).
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("document_id" = String, Path, description = "Document id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 204, description = "Removed", headers(("ETag" = String, description = "The nomination's new version: each removal raises it; send it as If-Match on the next step"))),
        (status = 403, description = "Only the proposing unit's officers and head change the dossier"),
        (status = 404, description = "No such nomination or file, or already removed"),
        (status = 409, description = "The dossier is frozen (`invalid_state`), or another request changed the nomination meanwhile (`conflict`, with `current_state`)"),
    )
)]
#[delete("/nominations/{id}/documents/{document_id}")]
pub async fn delete_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let version = exec_tx(&state, caller, move |conn, ctx| {
        app::remove(conn, ctx, &id, &document_id)
    })
    .await?;
    Ok(HttpResponse::NoContent()
        .insert_header(crate::api::etag(version))
        .finish())
}

/// The multipart upload, as the OpenAPI document shows it.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct DocumentUpload {
    pub kind: DocumentKind,
    /// PDF, DOCX, JPEG or PNG; the type is judged from the content.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}
