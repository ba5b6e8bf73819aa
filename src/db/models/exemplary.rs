//! Rows of exemplary models, their evidence files and replications.

use crate::db::schema::*;
use crate::domain::award::DocumentKind;
use crate::domain::exemplary_model::{ModelStatus, ReplicationStatus};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = exemplary_models)]
pub struct ModelRow {
    pub id: String,
    pub movement_id: String,
    pub unit_id: String,
    pub title: String,
    pub search_text: String,
    pub field_code: String,
    pub content_item: String,
    pub description: String,
    pub results: String,
    /// JSON list of figures.
    pub figures: String,
    pub responsible_unit: String,
    pub started_year: i32,
    pub status: ModelStatus,
    pub submitted_at: Option<NaiveDateTime>,
    pub return_reason: Option<String>,
    pub decision_issuer_unit_id: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decision_year: Option<i32>,
    pub recognized_at: Option<NaiveDateTime>,
    pub retired_at: Option<NaiveDateTime>,
    pub retire_reason: Option<String>,
    pub version: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An evidence file without its bytes (lists); `ModelDocumentRow` adds them.
#[derive(Debug, Clone, Queryable)]
pub struct ModelDocumentMeta {
    pub id: String,
    pub model_id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = exemplary_model_documents)]
pub struct ModelDocumentRow {
    pub id: String,
    pub model_id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub content: Vec<u8>,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = model_replications)]
pub struct ReplicationRow {
    pub id: String,
    pub model_id: String,
    pub unit_id: String,
    pub started_on: NaiveDate,
    pub results: String,
    pub evidence: String,
    pub status: ReplicationStatus,
    pub confirmed_at: Option<NaiveDateTime>,
    pub confirmed_by: Option<String>,
    pub version: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
