//! Recognised models as open data (item f of the plan): what anyone may read without
//! signing in, with how many replications DIC confirmed.

use super::model::Figure;
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter, year_filter};
use crate::app::Result;
use crate::db::repo::exemplary_models::{self as repo, ModelFilter, ModelScope};
use crate::db::DbConnection;
use crate::domain::exemplary_model::ModelStatus;
use crate::domain::search;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A recognised model as published.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f90", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e66", "unit_name": "UBND Huyện Tam Nông",
    "title": "Bản đồ số nông nghiệp xã Phú Cường", "field_code": "agriculture", "content_item": "d",
    "description": "Số hóa toàn bộ vùng trồng lúa, sen và cây ăn trái của xã trên bản đồ số dùng chung.",
    "results": "Nông dân tra cứu mã vùng trồng và lịch thời vụ trên điện thoại.",
    "figures": [{"indicator": "Diện tích vùng trồng được số hóa", "value": 1250.0, "unit_of_measure": "ha"}],
    "responsible_unit": "UBND xã Phú Cường", "started_year": 2022,
    "decision_number": "85/QĐ-STTTT", "decision_date": "2025-11-20", "confirmed_replications": 2
}))]
pub struct PublicModel {
    #[schema(max_length = 36)]
    pub id: String,
    #[schema(max_length = 36)]
    pub movement_id: String,
    #[schema(max_length = 36)]
    pub unit_id: String,
    #[schema(max_length = 500)]
    pub unit_name: String,
    #[schema(max_length = 500)]
    pub title: String,
    #[schema(max_length = 40)]
    pub field_code: String,
    #[schema(max_length = 10)]
    pub content_item: String,
    #[schema(max_length = 10000)]
    pub description: String,
    #[schema(max_length = 10000)]
    pub results: String,
    #[schema(max_items = 50)]
    pub figures: Vec<Figure>,
    #[schema(max_length = 300)]
    pub responsible_unit: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub started_year: i32,
    /// DIC's decision recognising it.
    #[schema(max_length = 50)]
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// Replications by other units that DIC confirmed.
    #[schema(minimum = 0, maximum = 1000000)]
    pub confirmed_replications: i64,
}

crate::page_type!(PublicModelPage, PublicModel);

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicModelQuery {
    #[param(max_length = 36)]
    pub movement_id: Option<String>,
    /// A field code of the movement.
    #[param(max_length = 40)]
    pub field: Option<String>,
    /// The proposing unit.
    #[param(max_length = 36)]
    pub unit_id: Option<String>,
    /// The year the model started.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Search in titles and responsible units, ignoring diacritics and case.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// The recognised models (not retired ones), oldest first, with their confirmed
/// replication counts (one query for the page).
pub fn public_list(conn: &mut DbConnection, q: PublicModelQuery) -> Result<PublicModelPage> {
    let limit = page_limit(q.limit)?;
    let filter = ModelFilter {
        movement_id: text_filter("movement_id", q.movement_id, 36)?,
        field_code: text_filter("field", q.field, 40)?,
        unit_id: text_filter("unit_id", q.unit_id, 36)?,
        status: Some(ModelStatus::Recognized),
        started_year: year_filter(q.year)?,
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list(conn, &filter, &ModelScope::All)?;
    let (rows, next_cursor) = paginate(rows, limit, |(r, _)| r.id.clone(), |x| x);
    let ids: Vec<String> = rows.iter().map(|(r, _)| r.id.clone()).collect();
    let counts = repo::confirmed_counts(conn, &ids)?;
    let items = rows
        .into_iter()
        .map(|(r, unit_name)| {
            Ok(PublicModel {
                figures: serde_json::from_str(&r.figures).map_err(ApiError::internal)?,
                confirmed_replications: counts.get(&r.id).copied().unwrap_or(0),
                id: r.id,
                movement_id: r.movement_id,
                unit_id: r.unit_id,
                unit_name,
                title: r.title,
                field_code: r.field_code,
                content_item: r.content_item,
                description: r.description,
                results: r.results,
                responsible_unit: r.responsible_unit,
                started_year: r.started_year,
                decision_number: r.decision_number,
                decision_date: r.decision_date,
            })
        })
        .collect::<Result<_>>()?;
    Ok(PublicModelPage { items, next_cursor })
}
