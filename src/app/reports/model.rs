//! A report as it is read, drafted, changed, accepted and listed.

use crate::db::models::ReportRow;
pub use crate::domain::review::ReportKind;
use crate::domain::review::ReviewStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f10", "target_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0",
    "criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "criterion_code": "YT-01",
    "criterion_title": "Tỷ lệ bệnh viện triển khai bệnh án điện tử", "max_score": 8.0, "target_value": 100.0,
    "unit_of_measure": "%", "achieved_value": 92.5, "self_score": 7.0, "assessed_score": 6.5,
    "evidence": "Báo cáo số 215/BC-UBND ngày 05/12/2024", "evidence_url": null
}))]
pub struct ReportResult {
    pub id: String,
    pub target_id: String,
    pub criterion_id: String,
    pub criterion_code: String,
    pub criterion_title: String,
    pub max_score: f64,
    pub target_value: f64,
    pub unit_of_measure: String,
    pub achieved_value: f64,
    /// The unit's own score (0 … max_score).
    pub self_score: f64,
    /// DIC's score on acceptance (the self score unless adjusted); null before.
    pub assessed_score: Option<f64>,
    pub evidence: String,
    pub evidence_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f00", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "plan_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ee0",
    "kind": "annual", "year": 2024, "round_id": null,
    "narrative": "Năm 2024, UBND Huyện Tháp Mười đã triển khai 100% hồ sơ một cửa điện tử…",
    "status": "submitted", "due_on": "2024-12-10", "first_submitted_at": "2024-12-11T01:20:00Z",
    "submitted_at": "2024-12-11T01:20:00Z", "late": true, "reviewed_at": null, "return_reason": null,
    "results": [], "version": 4, "created_at": "2024-11-20T02:00:00Z", "updated_at": "2024-12-11T01:20:00Z"
}))]
pub struct Report {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    /// The accepted plan the report answers.
    pub plan_id: String,
    pub kind: ReportKind,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub narrative: String,
    pub status: ReviewStatus,
    pub due_on: NaiveDate,
    pub first_submitted_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// First submitted after the end of `due_on` in the province's time zone.
    pub late: bool,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub return_reason: Option<String>,
    /// In a list: empty; read the report for its results.
    pub results: Vec<ReportResult>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Report {
    pub fn from_row(r: ReportRow, results: Vec<ReportResult>) -> Self {
        Self {
            kind: r.kind,
            status: r.status,
            id: r.id,
            unit_id: r.unit_id,
            movement_id: r.movement_id,
            plan_id: r.plan_id,
            year: r.year,
            round_id: r.round_id,
            narrative: r.narrative,
            due_on: r.due_on,
            first_submitted_at: r.first_submitted_at.map(|t| t.and_utc()),
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            late: r.late,
            reviewed_at: r.reviewed_at.map(|t| t.and_utc()),
            return_reason: r.return_reason,
            results,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(ReportPage, Report);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"target_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0", "achieved_value": 92.5, "self_score": 7.0,
    "evidence": "Báo cáo số 215/BC-UBND ngày 05/12/2024"}))]
pub struct ResultInput {
    /// A target of the report's plan.
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub target_id: String,
    pub achieved_value: f64,
    /// 0 … the criterion's maximum score.
    #[schema(minimum = 0.0)]
    pub self_score: f64,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub evidence: String,
    /// A link to a stored file or a published document.
    #[schema(max_length = 2000, format = "uri")]
    pub evidence_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "kind": "annual", "year": 2024,
    "narrative": "Năm 2024, UBND Huyện Tháp Mười đã triển khai 100% hồ sơ một cửa điện tử…"}))]
pub struct NewReport {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: String,
    /// Default: the caller's unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub kind: ReportKind,
    /// For an annual report.
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// For an interim or final report: the award round.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    #[serde(default)]
    #[schema(max_length = 50000)]
    pub narrative: String,
    #[serde(default)]
    #[schema(max_items = 200)]
    pub results: Vec<ResultInput>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"results": [{"target_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0", "achieved_value": 95.0, "self_score": 7.5}]}))]
pub struct ReportChanges {
    #[schema(max_length = 50000)]
    pub narrative: Option<String>,
    /// Replaces all results.
    #[schema(max_items = 200)]
    pub results: Option<Vec<ResultInput>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessedScore {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub target_id: String,
    #[schema(minimum = 0.0)]
    pub score: f64,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "Chấp nhận; điều chỉnh điểm chỉ tiêu YT-01 theo số liệu Sở Y tế.",
    "assessed_scores": [{"target_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0", "score": 6.5}]}))]
pub struct AcceptReport {
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
    /// Scores DIC sets instead of the self-assessed ones (others keep the unit's score).
    #[serde(default)]
    #[schema(max_items = 200)]
    pub assessed_scores: Vec<AssessedScore>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub group_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    pub kind: Option<ReportKind>,
    pub status: Option<ReviewStatus>,
    pub late: Option<bool>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
