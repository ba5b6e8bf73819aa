//! What the dossier and the exemplary models' evidence share over HTTP: reading a
//! `kind` + `file` upload form (bounded, control characters refused), and answering a
//! stored file as a download under its Vietnamese name.

use crate::app::dossier::Upload;
use crate::db::models::{DocumentRow, ModelDocumentRow};
use crate::domain::award::DocumentKind;
use crate::domain::dossier::{clean_name, content_disposition};
use crate::error::{ApiError, ErrorCode};
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::HttpResponse;
use futures_util::StreamExt;

/// 422 `control_character` for a control character in a form value or file name.
fn refuse_controls(field: &str, value: &str) -> Result<(), ApiError> {
    use crate::input::{control_character, controls::refused, Part};
    match value.chars().find(|c| refused(u32::from(*c), false)) {
        Some(c) => Err(control_character(Part::Form(field), u32::from(c))),
        None => Ok(()),
    }
}

pub async fn read_upload(mut form: Multipart, limit: usize) -> Result<Upload, ApiError> {
    let mut up = Upload {
        kind: None,
        file_name: None,
        bytes: Vec::new(),
    };
    // A trickling body (408) or a control character is said as such (issue 9).
    let malformed = |e: actix_multipart::MultipartError| {
        match &e {
            actix_multipart::MultipartError::Payload(p) => crate::input::body::problem(p),
            _ => None,
        }
        .unwrap_or_else(|| {
            let e = e.to_string();
            ApiError::new(ErrorCode::MalformedRequest)
                .detail(e.clone(), format!("Không đọc được biểu mẫu tải lên ({e})"))
        })
    };
    while let Some(field) = form.next().await {
        let mut field = field.map_err(malformed)?;
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "kind" => {
                let mut text = Vec::new();
                while let Some(chunk) = field.next().await {
                    text.extend_from_slice(&chunk.map_err(malformed)?);
                    if text.len() > 100 {
                        break;
                    }
                }
                refuse_controls("kind", &String::from_utf8_lossy(&text))?;
                let t = String::from_utf8_lossy(&text).trim().to_string();
                up.kind = Some(DocumentKind::parse(&t).ok_or_else(|| {
                    let kinds = DocumentKind::ALL.map(DocumentKind::as_str).join(", ");
                    ApiError::invalid(
                        "kind",
                        format!("'{t}' is not a document kind; expected one of {kinds}"),
                        format!("'{t}' không phải loại tài liệu; chỉ nhận một trong: {kinds}"),
                    )
                })?);
            }
            "file" => {
                let raw_name = field.content_disposition().and_then(|cd| cd.get_filename());
                if let Some(n) = raw_name {
                    refuse_controls("file", n)?;
                }
                up.file_name = raw_name.map(clean_name);
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(malformed)?;
                    if up.bytes.len() + chunk.len() > limit {
                        return Err(ApiError::new(ErrorCode::PayloadTooLarge).detail(
                            format!("A file may have at most {limit} bytes"),
                            format!("Tệp tối đa {limit} byte"),
                        ));
                    }
                    up.bytes.extend_from_slice(&chunk);
                }
            }
            other => {
                // Only `kind` and `file` (the contract's `additionalProperties: false`).
                let shown: String = other.chars().take(100).collect();
                return Err(ApiError::invalid(
                    "form",
                    format!("unknown part '{shown}': the form has only 'kind' and 'file'"),
                    format!("phần '{shown}' không có trong biểu mẫu: chỉ có 'kind' và 'file'"),
                ));
            }
        }
    }
    Ok(up)
}

/// A stored file, as a download answers it.
pub struct Download {
    pub media_type: String,
    pub file_name: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

impl From<DocumentRow> for Download {
    fn from(d: DocumentRow) -> Self {
        Self {
            media_type: d.media_type,
            file_name: d.file_name,
            sha256: d.sha256,
            content: d.content,
        }
    }
}

impl From<ModelDocumentRow> for Download {
    fn from(d: ModelDocumentRow) -> Self {
        Self {
            media_type: d.media_type,
            file_name: d.file_name,
            sha256: d.sha256,
            content: d.content,
        }
    }
}

/// A stored file as a download: its type, its (Vietnamese) name, its SHA-256, never
/// sniffed by the browser.
pub fn file_response(doc: Download) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(doc.media_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&doc.file_name),
        ))
        .insert_header(("X-Content-SHA256", doc.sha256.clone()))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(doc.content)
}
