//! What a movement is, as the API shows it and as it is created and changed.

use crate::app::Result;
use crate::db::models::MovementRow;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A priority field (lĩnh vực) of the movement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "agriculture", "name": "Nông nghiệp"}))]
pub struct Field {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
}

/// A content item (nội dung thi đua) of the plan, a–j.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "f", "text": "Tích cực xây dựng, tạo lập dữ liệu mở phục vụ người dân, doanh nghiệp khai thác, truy cập, sử dụng…"}))]
pub struct ContentItem {
    #[schema(min_length = 1, max_length = 10, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 4000)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "code": "CDS-2021-2025",
    "title": "Đồng Tháp đẩy mạnh chương trình chuyển đổi số",
    "theme": "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số",
    "period_start_year": 2021, "period_end_year": 2025,
    "legal_basis": "Quyết định số 749/QĐ-TTg ngày 03/6/2020; Nghị quyết số 04-NQ/TU ngày 31/12/2021",
    "plan_document": "Kế hoạch số 207/KH-UBND ngày 07/6/2022 của UBND tỉnh Đồng Tháp",
    "standing_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e61", "appraising_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e62",
    "fields": [{"code": "agriculture", "name": "Nông nghiệp"}, {"code": "health", "name": "Y tế"}],
    "content_items": [{"code": "a", "text": "Tăng cường công tác lãnh đạo, chỉ đạo, đẩy mạnh công tác tuyên truyền…"}],
    "annual_report_due_month": 12, "annual_report_due_day": 10, "review_working_days": 10,
    "version": 1, "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Movement {
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub id: String,
    #[schema(max_length = 40)]
    pub code: String,
    #[schema(max_length = 500)]
    pub title: String,
    #[schema(max_length = 1000)]
    pub theme: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: i32,
    #[schema(max_length = 4000)]
    pub legal_basis: String,
    /// The launching plan document, e.g. "Kế hoạch số 207/KH-UBND ngày 07/6/2022".
    #[schema(max_length = 1000)]
    pub plan_document: String,
    /// The standing agency (DIC at launch): defines criteria, reviews, consolidates.
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub standing_unit_id: String,
    /// The appraising body (Home Affairs): appraises nominations.
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub appraising_unit_id: String,
    #[schema(max_items = 50)]
    pub fields: Vec<Field>,
    #[schema(max_items = 50)]
    pub content_items: Vec<ContentItem>,
    /// Annual reports are due on this month and day of the reporting year (10 December).
    #[schema(minimum = 1, maximum = 12)]
    pub annual_report_due_month: i32,
    #[schema(minimum = 1, maximum = 31)]
    pub annual_report_due_day: i32,
    /// Working days DIC has to review a submitted plan or report before it shows as overdue.
    #[schema(minimum = 1, maximum = 365)]
    pub review_working_days: i32,
    #[schema(minimum = 1, maximum = 2147483647)]
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Movement {
    /// The movement as stored; fields and content items that are not the JSON lists
    /// they should be are an error, never an empty list.
    pub fn from_row(r: MovementRow) -> Result<Self> {
        Ok(Self {
            fields: fields_of(&r)?,
            content_items: serde_json::from_str(&r.content_items).map_err(ApiError::internal)?,
            annual_report_due_month: r.annual_report_due_month,
            annual_report_due_day: r.annual_report_due_day,
            review_working_days: r.review_working_days,
            id: r.id,
            code: r.code,
            title: r.title,
            theme: r.theme,
            period_start_year: r.period_start_year,
            period_end_year: r.period_end_year,
            legal_basis: r.legal_basis,
            plan_document: r.plan_document,
            standing_unit_id: r.standing_unit_id,
            appraising_unit_id: r.appraising_unit_id,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
    }
}

/// The priority fields of a stored movement.
pub fn fields_of(r: &MovementRow) -> Result<Vec<Field>> {
    serde_json::from_str(&r.fields).map_err(ApiError::internal)
}

crate::page_type!(MovementPage, Movement);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "code": "CDS-2021-2025", "title": "Đồng Tháp đẩy mạnh chương trình chuyển đổi số",
    "theme": "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số",
    "period_start_year": 2021, "period_end_year": 2025,
    "legal_basis": "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ",
    "plan_document": "Kế hoạch số 207/KH-UBND ngày 07/6/2022 của UBND tỉnh Đồng Tháp",
    "standing_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e61", "appraising_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e62",
    "fields": [{"code": "agriculture", "name": "Nông nghiệp"}],
    "content_items": [{"code": "a", "text": "Tăng cường công tác lãnh đạo, chỉ đạo…"}]
}))]
pub struct NewMovement {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[schema(min_length = 1, max_length = 1000)]
    pub theme: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: i32,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub legal_basis: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub plan_document: String,
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub standing_unit_id: String,
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub appraising_unit_id: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub fields: Vec<Field>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub content_items: Vec<ContentItem>,
    /// Default 12 (December).
    #[serde(default = "default_due_month")]
    #[schema(minimum = 1, maximum = 12)]
    pub annual_report_due_month: i32,
    /// Default 10.
    #[serde(default = "default_due_day")]
    #[schema(minimum = 1, maximum = 31)]
    pub annual_report_due_day: i32,
    /// Default 10.
    #[serde(default = "default_review_days")]
    #[schema(minimum = 1, maximum = 365)]
    pub review_working_days: i32,
}

fn default_due_month() -> i32 {
    12
}
fn default_due_day() -> i32 {
    10
}
fn default_review_days() -> i32 {
    10
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"standing_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e63"}))]
pub struct MovementChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 1000)]
    pub theme: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: Option<i32>,
    #[schema(max_length = 4000)]
    pub legal_basis: Option<String>,
    #[schema(max_length = 1000)]
    pub plan_document: Option<String>,
    /// E.g. after DIC merged into the Department of Science and Technology (March 2025).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub standing_unit_id: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub appraising_unit_id: Option<String>,
    #[schema(max_items = 50)]
    pub fields: Option<Vec<Field>>,
    #[schema(max_items = 50)]
    pub content_items: Option<Vec<ContentItem>>,
    #[schema(minimum = 1, maximum = 12)]
    pub annual_report_due_month: Option<i32>,
    #[schema(minimum = 1, maximum = 31)]
    pub annual_report_due_day: Option<i32>,
    #[schema(minimum = 1, maximum = 365)]
    pub review_working_days: Option<i32>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementQuery {
    /// Search in titles, ignoring diacritics and case ("chuyen doi so").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Movements whose period covers this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
