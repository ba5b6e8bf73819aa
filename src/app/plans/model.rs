//! A plan as it is read, drafted, changed and listed.

use crate::db::models::PlanRow;
pub use crate::domain::review::PlanKind;
use crate::domain::review::ReviewStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0", "criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90",
    "criterion_code": "YT-01", "criterion_title": "Tỷ lệ bệnh viện triển khai bệnh án điện tử", "max_score": 8.0,
    "target_value": 100.0, "unit_of_measure": "%", "note": "Bệnh viện đa khoa huyện và trạm y tế xã"}))]
pub struct Target {
    pub id: String,
    pub criterion_id: String,
    pub criterion_code: String,
    pub criterion_title: String,
    /// The criterion's maximum score.
    pub max_score: f64,
    pub target_value: f64,
    pub unit_of_measure: String,
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ee0", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "kind": "annual", "year": 2024,
    "title": "Kế hoạch thi đua chuyển đổi số năm 2024 của UBND Huyện Tháp Mười",
    "description": "Triển khai các chỉ tiêu chuyển đổi số trọng tâm năm 2024.", "status": "submitted",
    "targets": [], "submitted_at": "2024-02-20T03:00:00Z", "reviewed_at": null, "return_reason": null,
    "version": 3, "created_at": "2024-02-01T02:00:00Z", "updated_at": "2024-02-20T03:00:00Z"
}))]
pub struct Plan {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    pub kind: PlanKind,
    /// The year of an annual plan; null for a period plan.
    pub year: Option<i32>,
    pub title: String,
    pub description: String,
    pub status: ReviewStatus,
    /// In a list: empty; read the plan for its targets.
    pub targets: Vec<Target>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Why DIC returned it, while returned.
    pub return_reason: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Plan {
    pub fn from_row(r: PlanRow, targets: Vec<Target>) -> Self {
        Self {
            kind: r.kind,
            status: r.status,
            id: r.id,
            unit_id: r.unit_id,
            movement_id: r.movement_id,
            year: r.year,
            title: r.title,
            description: r.description,
            targets,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            reviewed_at: r.reviewed_at.map(|t| t.and_utc()),
            return_reason: r.return_reason,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(PlanPage, Plan);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "target_value": 100.0, "unit_of_measure": "%",
    "note": "Bệnh viện đa khoa huyện và trạm y tế xã"}))]
pub struct TargetInput {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub criterion_id: String,
    #[schema(minimum = 0.0)]
    pub target_value: f64,
    /// Default: the criterion's unit of measure.
    #[schema(max_length = 100)]
    pub unit_of_measure: Option<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "kind": "annual", "year": 2024,
    "title": "Kế hoạch thi đua chuyển đổi số năm 2024 của UBND Huyện Tháp Mười",
    "targets": [{"criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "target_value": 100.0}]
}))]
pub struct NewPlan {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub movement_id: String,
    /// Default: the caller's unit (a unit drafts only its own plans).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub kind: PlanKind,
    /// Required for an annual plan, inside the movement's period; absent for a period plan.
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 10000)]
    pub description: String,
    #[serde(default)]
    #[schema(max_items = 200)]
    pub targets: Vec<TargetInput>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"description": "Bổ sung chỉ tiêu lĩnh vực giáo dục theo góp ý của Sở.",
    "targets": [{"criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "target_value": 95.0}]}))]
pub struct PlanChanges {
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    /// Replaces all targets.
    #[schema(max_items = 200)]
    pub targets: Option<Vec<TargetInput>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
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
    /// Plans of the units of this bloc or cluster.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub group_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub kind: Option<PlanKind>,
    pub status: Option<ReviewStatus>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
