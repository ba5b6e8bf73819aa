//! A dossier file as the contract shows it (the bytes are downloaded on their own).

use super::DocumentKind;
use crate::db::models::DocumentMeta;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f30", "kind": "proposal_letter", "file_name": "Tờ trình số 12-TTr-UBND.pdf",
    "media_type": "application/pdf", "size_bytes": 184220,
    "sha256": "9f2c0b8e4f6a1d3c5b7e9a0c2d4f6b8a1c3e5d7f9b0a2c4e6d8f0a1b3c5d7e9f", "uploaded_by": "unit_officer",
    "uploaded_at": "2025-10-06T02:00:00Z", "removed_at": null}))]
pub struct Document {
    pub id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    /// Judged from the content.
    pub media_type: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Username of who uploaded it.
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Removed from the dossier (still readable: it may belong to an earlier submission).
    pub removed_at: Option<DateTime<Utc>>,
}

impl From<DocumentMeta> for Document {
    fn from(d: DocumentMeta) -> Self {
        Self {
            kind: d.kind,
            id: d.id,
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

#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<Document>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// Also the files removed since an earlier submission.
    pub include_removed: Option<bool>,
}
