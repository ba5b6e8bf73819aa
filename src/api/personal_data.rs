//! Nominees' personal data (issue 9 item 16): the admin's export of everything held on
//! one person, and the download of its dossier files. Both are audited.

use crate::api::{exec, exec_tx, Caller};
use crate::app::personal_data as app;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

pub use app::{HeldDocument, HeldNomination, PersonalDataExport, PersonalDataQuery};

/// Export everything held on one person
///
/// By nominee key, as one document: their nominations with history and dossier file metadata
/// (each file downloadable with `/personal-data/documents/{document_id}`), their awards from
/// all sources, the Giấy khen recorded for them, and every audit event about them. The export
/// is recorded in the audit trail (`personal_data.export`).
///
/// Who may call: admins.
#[utoipa::path(
    tag = "personal data",
    params(PersonalDataQuery),
    responses(
        (status = 200, description = "Everything held on the person", body = PersonalDataExport),
        (status = 403, description = "Only admins export personal data"),
        (status = 422, description = "`nominee` is no person's or household head's key (`validation_failed`)"),
    )
)]
#[get("/personal-data")]
pub async fn export_personal_data(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PersonalDataQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let retention_days = state.settings.personal_data_retention_days;
    let out = exec_tx(&state, caller, move |conn, ctx| {
        app::export(conn, ctx, q, retention_days)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Download a dossier file named by a personal-data export
///
/// Under its own name; audited as `nomination.document.download`.
///
/// Who may call: admins.
#[utoipa::path(
    tag = "personal data",
    params(("document_id" = String, Path, description = "Document id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "image/png"),
        ), headers(("Content-Disposition" = String, description = "attachment, with the UTF-8 file name"))),
        (status = 403, description = "Only admins download files for an export"),
        (status = 404, description = "No such file"),
        (status = 410, description = "The content was erased when the nominee's data was anonymised (`personal_data_erased`)"),
    )
)]
#[get("/personal-data/documents/{document_id}")]
pub async fn download_personal_data_document(
    state: web::Data<AppState>,
    caller: Caller,
    document_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let document_id = document_id.into_inner();
    let doc = exec(&state, caller, move |conn, ctx| {
        app::download(conn, ctx, &document_id)
    })
    .await?;
    Ok(crate::api::files::file_response(doc.into()))
}
