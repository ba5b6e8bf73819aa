//! A model's evidence files: the dossier's upload form, checks and download
//! (`api::files`, `app::dossier::check_file`).

use crate::api::files::{file_response, read_upload};
use crate::api::nominations::{DocumentQuery, DocumentUpload};
use crate::api::{exec, exec_tx, Caller};
use crate::app::dossier::check_file;
use crate::app::exemplary_models as app;
use crate::app::nominations::{Document, DocumentList};
use crate::error::ApiError;
use crate::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpResponse};

/// Add an evidence file to an exemplary model
///
/// A PDF, DOCX, JPEG or PNG (checked by structure, not by name) as `multipart/form-data`
/// with its kind, as for a nomination's dossier. The model's version rises.
///
/// Who may call: the proposing unit's officers and head, while the model is a draft or
/// returned.
#[utoipa::path(
    tag = "exemplary models",
    request_body(content = DocumentUpload, content_type = "multipart/form-data", description = "`kind` and `file` (PDF, DOCX, JPEG or PNG)"),
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 201, description = "Added", body = Document, headers(("Location" = String, description = "Download address"), ("ETag" = String, description = "The model's new version: send it as If-Match on the next step (submit)"))),
        (status = 403, description = "Only the proposing unit's officers and head change the evidence"),
        (status = 404, description = "No such model, or not visible to the caller"),
        (status = 409, description = "The evidence is frozen once submitted (`invalid_state`), or another request changed the model meanwhile (`conflict`, with `current_state`)"),
        (status = 413, description = "The file is larger than the limit (20 MiB by default)"),
        (status = 415, description = "Not a PDF, DOCX, JPEG or PNG by its first bytes (`unsupported_media_type`), or the name's extension says otherwise"),
        (status = 422, description = "`invalid_file`: it starts as an accepted type but its structure is not one; `validation_failed`: no kind or file, an empty file, or a file name with a bidi control character"),
    )
)]
#[post("/exemplary-models/{id}/documents")]
pub async fn upload_exemplary_model_document(
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
    let file = web::block(move || check_file(upload))
        .await
        .map_err(ApiError::internal)??;
    let (model_id, out, version) = exec_tx(&state, caller, move |conn, ctx| {
        app::add_document(conn, ctx, &id, file)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/exemplary-models/{model_id}/documents/{}", out.id),
        ))
        .insert_header(crate::api::etag(version))
        .json(out))
}

/// List an exemplary model's evidence files
///
/// Who may call: those who may read the model.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), DocumentQuery),
    responses((status = 200, description = "Oldest first", body = DocumentList), (status = 404, description = "No such model, or not visible to the caller"))
)]
#[get("/exemplary-models/{id}/documents")]
pub async fn list_exemplary_model_documents(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let include_removed = query.include_removed.unwrap_or(false);
    let list = exec(&state, caller, move |conn, ctx| {
        app::list_documents(conn, ctx, &id, include_removed)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Download an exemplary model's evidence file
///
/// The file under its own name, with its media type; the download is recorded in the
/// audit trail.
///
/// Who may call: those who may read the model.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("document_id" = String, Path, description = "Document id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "image/png"),
        ), headers(("Content-Disposition" = String, description = "attachment, with the UTF-8 file name"))),
        (status = 404, description = "No such model or file, or not visible to the caller"),
    )
)]
#[get("/exemplary-models/{id}/documents/{document_id}")]
pub async fn download_exemplary_model_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let doc = exec_tx(&state, caller, move |conn, ctx| {
        app::download_document(conn, ctx, &id, &document_id)
    })
    .await?;
    Ok(file_response(doc.into()))
}

/// Remove an evidence file from an exemplary model
///
/// Only while the model is a draft or returned; the file stays readable.
///
/// Who may call: the proposing unit's officers and head.
#[utoipa::path(
    tag = "exemplary models",
    params(("id" = String, Path, description = "Model id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), ("document_id" = String, Path, description = "Document id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 204, description = "Removed", headers(("ETag" = String, description = "The model's new version"))),
        (status = 403, description = "Only the proposing unit's officers and head change the evidence"),
        (status = 404, description = "No such model or file, or already removed"),
        (status = 409, description = "The evidence is frozen (`invalid_state`), or another request changed the model meanwhile (`conflict`, with `current_state`)"),
    )
)]
#[delete("/exemplary-models/{id}/documents/{document_id}")]
pub async fn delete_exemplary_model_document(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = path.into_inner();
    let version = exec_tx(&state, caller, move |conn, ctx| {
        app::remove_document(conn, ctx, &id, &document_id)
    })
    .await?;
    Ok(HttpResponse::NoContent()
        .insert_header(crate::api::etag(version))
        .finish())
}
