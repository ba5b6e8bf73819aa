//! An exemplary model and its replications as they are read, proposed, changed and
//! listed.

use crate::app::Result;
use crate::db::models::{ModelRow, ReplicationRow};
pub use crate::domain::exemplary_model::{ModelStatus, ReplicationStatus};
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Figures at most on one model.
pub const MAX_FIGURES: usize = 50;

/// One result in figures (kết quả bằng số liệu).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"indicator": "Diện tích vùng trồng được số hóa trên bản đồ", "value": 1250.0, "unit_of_measure": "ha"}))]
pub struct Figure {
    #[schema(min_length = 1, max_length = 300)]
    pub indicator: String,
    pub value: f64,
    #[serde(default)]
    #[schema(max_length = 100)]
    pub unit_of_measure: String,
}

/// DIC's decision recognising a model, as given (never generated).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
#[schema(example = json!({"issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e61", "number": "85/QĐ-STTTT", "date": "2025-11-20"}))]
pub struct Recognition {
    /// The unit whose decision it is (the movement's standing unit).
    #[schema(max_length = 36)]
    pub issuer_unit_id: String,
    #[schema(max_length = 50)]
    pub number: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f90", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e66", "unit_name": "UBND Huyện Tam Nông",
    "title": "Bản đồ số nông nghiệp xã Phú Cường", "field_code": "agriculture", "content_item": "d",
    "description": "Số hóa toàn bộ vùng trồng lúa, sen và cây ăn trái của xã trên bản đồ số dùng chung.",
    "results": "Nông dân tra cứu mã vùng trồng và lịch thời vụ trên điện thoại.",
    "figures": [{"indicator": "Diện tích vùng trồng được số hóa", "value": 1250.0, "unit_of_measure": "ha"}],
    "responsible_unit": "UBND xã Phú Cường", "started_year": 2022, "status": "recognized",
    "submitted_at": "2025-10-02T02:00:00Z", "return_reason": null,
    "recognition": {"issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e61", "number": "85/QĐ-STTTT", "date": "2025-11-20"},
    "recognized_at": "2025-11-20T03:00:00Z", "retired_at": null, "retire_reason": null,
    "version": 4, "created_by": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e75",
    "created_at": "2025-09-15T02:00:00Z", "updated_at": "2025-11-20T03:00:00Z"
}))]
pub struct ExemplaryModel {
    #[schema(max_length = 36)]
    pub id: String,
    #[schema(max_length = 36)]
    pub movement_id: String,
    /// The proposing unit.
    #[schema(max_length = 36)]
    pub unit_id: String,
    #[schema(max_length = 500)]
    pub unit_name: String,
    #[schema(max_length = 500)]
    pub title: String,
    /// A field code of the movement (`agriculture`, `health`, …).
    #[schema(max_length = 40)]
    pub field_code: String,
    /// A content item of the movement (a–j).
    #[schema(max_length = 10)]
    pub content_item: String,
    #[schema(max_length = 10000)]
    pub description: String,
    #[schema(max_length = 10000)]
    pub results: String,
    #[schema(max_items = 50)]
    pub figures: Vec<Figure>,
    /// Who runs it: a commune, hospital or school of the unit, or the unit itself.
    #[schema(max_length = 300)]
    pub responsible_unit: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub started_year: i32,
    pub status: ModelStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Why DIC returned it, while returned.
    #[schema(max_length = 2000)]
    pub return_reason: Option<String>,
    /// DIC's decision, once recognised.
    pub recognition: Option<Recognition>,
    pub recognized_at: Option<DateTime<Utc>>,
    pub retired_at: Option<DateTime<Utc>>,
    #[schema(max_length = 2000)]
    pub retire_reason: Option<String>,
    #[schema(minimum = 1, maximum = 2147483647)]
    pub version: i32,
    /// The user who proposed it.
    #[schema(max_length = 36)]
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ExemplaryModel {
    /// The model as stored; figures that are not the JSON list they should be are an
    /// error, never an empty list.
    pub fn from_row(r: ModelRow, unit_name: String) -> Result<Self> {
        let figures = serde_json::from_str(&r.figures).map_err(ApiError::internal)?;
        let recognition = match (
            &r.decision_issuer_unit_id,
            &r.decision_number,
            r.decision_date,
        ) {
            (Some(issuer), Some(number), Some(date)) => Some(Recognition {
                issuer_unit_id: issuer.clone(),
                number: number.clone(),
                date,
            }),
            _ => None,
        };
        Ok(Self {
            id: r.id,
            movement_id: r.movement_id,
            unit_id: r.unit_id,
            unit_name,
            title: r.title,
            field_code: r.field_code,
            content_item: r.content_item,
            description: r.description,
            results: r.results,
            figures,
            responsible_unit: r.responsible_unit,
            started_year: r.started_year,
            status: r.status,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            return_reason: r.return_reason,
            recognition,
            recognized_at: r.recognized_at.map(|t| t.and_utc()),
            retired_at: r.retired_at.map(|t| t.and_utc()),
            retire_reason: r.retire_reason,
            version: r.version,
            created_by: r.created_by,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
    }
}

crate::page_type!(ExemplaryModelPage, ExemplaryModel);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "title": "Bản đồ số nông nghiệp xã Phú Cường", "field_code": "agriculture", "content_item": "d",
    "description": "Số hóa toàn bộ vùng trồng lúa, sen và cây ăn trái của xã trên bản đồ số dùng chung.",
    "results": "Nông dân tra cứu mã vùng trồng và lịch thời vụ trên điện thoại.",
    "figures": [{"indicator": "Diện tích vùng trồng được số hóa", "value": 1250.0, "unit_of_measure": "ha"}],
    "responsible_unit": "UBND xã Phú Cường", "started_year": 2022
}))]
pub struct NewModel {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: String,
    /// The proposing unit; default: the caller's (a unit proposes only its own models).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    /// One of the movement's field codes.
    #[schema(min_length = 1, max_length = 40)]
    pub field_code: String,
    /// One of the movement's content item codes (a–j).
    #[schema(min_length = 1, max_length = 10)]
    pub content_item: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub description: String,
    /// The results, in words.
    #[schema(min_length = 1, max_length = 10000)]
    pub results: String,
    /// The results in figures.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub figures: Vec<Figure>,
    /// Who runs it; default: the proposing unit's name.
    #[schema(max_length = 300)]
    pub responsible_unit: Option<String>,
    /// Not after this year.
    #[schema(minimum = 2000, maximum = 2100)]
    pub started_year: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"results": "Đã số hóa 1.250 ha vùng trồng; 2.300 hộ dân tra cứu trên điện thoại.",
    "figures": [{"indicator": "Hộ dân sử dụng", "value": 2300.0, "unit_of_measure": "hộ"}]}))]
pub struct ModelChanges {
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 40)]
    pub field_code: Option<String>,
    #[schema(min_length = 1, max_length = 10)]
    pub content_item: Option<String>,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    #[schema(min_length = 1, max_length = 10000)]
    pub results: Option<String>,
    /// Replaces all figures.
    #[schema(max_items = 50)]
    pub figures: Option<Vec<Figure>>,
    #[schema(min_length = 1, max_length = 300)]
    pub responsible_unit: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub started_year: Option<i32>,
}

/// DIC's decision recognising a submitted model.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"decision_number": "85/QĐ-STTTT", "decision_date": "2025-11-20",
    "comment": "Mô hình có khả năng nhân rộng ra các xã trong tỉnh."}))]
pub struct RecognizeInput {
    /// As in DIC's own register (never generated here); one number per model and year.
    #[schema(min_length = 1, max_length = 50)]
    pub decision_number: String,
    /// Not after today, nor before 1 January of the movement's first year.
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub decision_date: NaiveDate,
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ModelQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: Option<String>,
    /// A field code of the movement.
    #[param(max_length = 40)]
    pub field: Option<String>,
    /// The proposing unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub status: Option<ModelStatus>,
    /// The year the model started.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Search in titles and responsible units, ignoring diacritics and case ("ban do so").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"started_on": "2024-03-01",
    "results": "Số hóa 800 ha vùng trồng lúa của huyện theo cách làm của xã Phú Cường.",
    "evidence": "Báo cáo số 45/BC-UBND ngày 15/10/2024 của UBND Huyện Tháp Mười"}))]
pub struct NewReplication {
    /// The replicating unit; default: the caller's. Never the model's own unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    /// When the unit started; not after today.
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub started_on: NaiveDate,
    #[schema(min_length = 1, max_length = 10000)]
    pub results: String,
    /// A report, a link, a document number.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4fa0", "model_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f90",
    "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "unit_name": "UBND Huyện Tháp Mười",
    "started_on": "2024-03-01",
    "results": "Số hóa 800 ha vùng trồng lúa của huyện theo cách làm của xã Phú Cường.",
    "evidence": "Báo cáo số 45/BC-UBND ngày 15/10/2024 của UBND Huyện Tháp Mười",
    "status": "confirmed", "confirmed_at": "2024-11-02T02:00:00Z",
    "confirmed_by": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e71", "version": 2,
    "created_by": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e75", "created_at": "2024-10-16T02:00:00Z"
}))]
pub struct Replication {
    #[schema(max_length = 36)]
    pub id: String,
    #[schema(max_length = 36)]
    pub model_id: String,
    /// The replicating unit.
    #[schema(max_length = 36)]
    pub unit_id: String,
    #[schema(max_length = 500)]
    pub unit_name: String,
    pub started_on: NaiveDate,
    #[schema(max_length = 10000)]
    pub results: String,
    #[schema(max_length = 2000)]
    pub evidence: String,
    pub status: ReplicationStatus,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The DIC officer who confirmed it.
    #[schema(max_length = 36)]
    pub confirmed_by: Option<String>,
    #[schema(minimum = 1, maximum = 2147483647)]
    pub version: i32,
    #[schema(max_length = 36)]
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl Replication {
    pub fn from_row(r: ReplicationRow, unit_name: String) -> Self {
        Self {
            id: r.id,
            model_id: r.model_id,
            unit_id: r.unit_id,
            unit_name,
            started_on: r.started_on,
            results: r.results,
            evidence: r.evidence,
            status: r.status,
            confirmed_at: r.confirmed_at.map(|t| t.and_utc()),
            confirmed_by: r.confirmed_by,
            version: r.version,
            created_by: r.created_by,
            created_at: r.created_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReplicationList {
    /// Oldest first.
    #[schema(max_items = 1000)]
    pub items: Vec<Replication>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Mô hình đã được thay thế bằng hệ thống bản đồ số dùng chung của tỉnh."}))]
pub struct RetireReason {
    /// Why it is no longer an example to follow (mandatory).
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// An optional comment on a confirmation.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "Đã kiểm tra báo cáo kết quả nhân rộng của đơn vị."}))]
pub struct ConfirmComment {
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}
