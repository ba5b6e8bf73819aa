//! Emulation movements: theme, period, legal basis, the standing and appraising units
//! (set per movement: the organisation changes), fields and content items.

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, now, MovementRow};
use crate::db::repo::{movements as repo, organisation};
use crate::db::DbConnection;
use crate::domain::search::normalize;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
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

#[derive(Serialize, ToSchema)]
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
    "version": 1, "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Movement {
    pub id: String,
    pub code: String,
    pub title: String,
    pub theme: String,
    pub period_start_year: i32,
    pub period_end_year: i32,
    pub legal_basis: String,
    /// The launching plan document, e.g. "Kế hoạch số 207/KH-UBND ngày 07/6/2022".
    pub plan_document: String,
    /// The standing agency (DIC at launch): defines criteria, reviews, consolidates.
    pub standing_unit_id: String,
    /// The appraising body (Home Affairs): appraises nominations.
    pub appraising_unit_id: String,
    pub fields: Vec<Field>,
    pub content_items: Vec<ContentItem>,
    /// Annual reports are due on this month and day of the reporting year (10 December).
    pub annual_report_due_month: i32,
    pub annual_report_due_day: i32,
    /// Working days DIC has to review a submitted plan or report before it shows as overdue.
    pub review_working_days: i32,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Movement {
    pub fn from_row(r: MovementRow) -> Self {
        Self {
            fields: serde_json::from_str(&r.fields).unwrap_or_default(),
            content_items: serde_json::from_str(&r.content_items).unwrap_or_default(),
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
        }
    }
}

page_type!(MovementPage, Movement);

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
    pub standing_unit_id: String,
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

#[derive(Debug, Deserialize, Serialize, ToSchema)]
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
    pub standing_unit_id: Option<String>,
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementQuery {
    /// Search in titles, ignoring diacritics and case ("chuyen doi so").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Movements whose period covers this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Checks a movement as it would be stored.
fn check_movement(conn: &mut DbConnection, m: &NewMovement) -> Result<NewMovement, ApiError> {
    let mut c = Checks::new();
    let mut out = m.clone();
    out.code = c.code("code", &m.code, 40);
    out.title = c.text("title", &m.title, 500);
    out.theme = c.text("theme", &m.theme, 1000);
    out.legal_basis = c.optional_text("legal_basis", &m.legal_basis, 4000);
    out.plan_document = c.optional_text("plan_document", &m.plan_document, 1000);
    c.range_i32("period_start_year", m.period_start_year, 2000, 2100);
    c.range_i32("period_end_year", m.period_end_year, 2000, 2100);
    if m.period_end_year < m.period_start_year {
        c.fail(
            "period_end_year",
            "must not be before period_start_year",
            "không được trước năm bắt đầu",
        );
    }
    for (name, id) in [
        ("standing_unit_id", &m.standing_unit_id),
        ("appraising_unit_id", &m.appraising_unit_id),
    ] {
        if organisation::find_unit(conn, id)?.is_none() {
            c.fail(name, "no such unit", "không có đơn vị này");
        }
    }
    c.range_i32("annual_report_due_month", m.annual_report_due_month, 1, 12);
    c.range_i32("review_working_days", m.review_working_days, 1, 365);
    // Checked in a common year: a 29 February deadline would not exist three years in four.
    if chrono::NaiveDate::from_ymd_opt(
        2023,
        m.annual_report_due_month.clamp(1, 12) as u32,
        m.annual_report_due_day.max(1) as u32,
    )
    .is_none()
        || m.annual_report_due_day < 1
    {
        c.fail(
            "annual_report_due_day",
            "not a day of that month in every year",
            "không phải ngày có trong tháng đó ở mọi năm",
        );
    }
    if m.fields.len() > 50 || m.content_items.len() > 50 {
        c.fail(
            "fields",
            "at most 50 fields and 50 content items",
            "tối đa 50 lĩnh vực và 50 nội dung",
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, f) in out.fields.iter_mut().enumerate() {
        f.code = c.code(&format!("fields[{i}].code"), &f.code, 40);
        f.name = c.text(&format!("fields[{i}].name"), &f.name, 200);
        if !seen.insert(f.code.clone()) {
            c.fail(
                &format!("fields[{i}].code"),
                "duplicate code",
                "mã bị trùng",
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in out.content_items.iter_mut().enumerate() {
        item.code = c.code(&format!("content_items[{i}].code"), &item.code, 10);
        item.text = c.text(&format!("content_items[{i}].text"), &item.text, 4000);
        if !seen.insert(item.code.clone()) {
            c.fail(
                &format!("content_items[{i}].code"),
                "duplicate code",
                "mã bị trùng",
            );
        }
    }
    c.finish()?;
    Ok(out)
}

fn to_row(
    id: String,
    m: NewMovement,
    version: i32,
    created_at: chrono::NaiveDateTime,
) -> Result<MovementRow, ApiError> {
    Ok(MovementRow {
        id,
        title_search: normalize(&m.title),
        code: m.code,
        title: m.title,
        theme: m.theme,
        period_start_year: m.period_start_year,
        period_end_year: m.period_end_year,
        legal_basis: m.legal_basis,
        plan_document: m.plan_document,
        standing_unit_id: m.standing_unit_id,
        appraising_unit_id: m.appraising_unit_id,
        fields: serde_json::to_string(&m.fields).map_err(ApiError::internal)?,
        content_items: serde_json::to_string(&m.content_items).map_err(ApiError::internal)?,
        annual_report_due_month: m.annual_report_due_month,
        annual_report_due_day: m.annual_report_due_day,
        review_working_days: m.review_working_days,
        version,
        created_at,
        updated_at: now(),
    })
}

/// List movements.
#[utoipa::path(tag = "movements", params(MovementQuery), responses((status = 200, description = "A page of movements, by code", body = MovementPage)))]
#[get("/movements")]
pub async fn list_movements(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<MovementQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let page = list_page(&state, query.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One page of movements (also served publicly).
pub async fn list_page(state: &AppState, q: MovementQuery) -> Result<MovementPage, ApiError> {
    let limit = page_limit(q.limit)?;
    let year = super::year_filter(q.year)?;
    let filter = repo::MovementFilter {
        q: super::text_filter("q", q.q, 200)?,
        year,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = run(&state.pool, move |conn| Ok(repo::list(conn, &filter)?)).await?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Movement::from_row);
    Ok(MovementPage { items, next_cursor })
}

/// Read one movement.
#[utoipa::path(
    tag = "movements",
    params(("id" = String, Path, description = "Movement id")),
    responses(
        (status = 200, description = "The movement", body = Movement, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}")]
pub async fn get_movement(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let v = row.version;
    Ok(ok_versioned(&Movement::from_row(row), v))
}

/// Launch a movement (admin).
#[utoipa::path(
    tag = "movements",
    request_body = NewMovement,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = Movement,
            headers(("Location" = String, description = "The new movement"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage movements"),
        (status = 409, description = "A movement with this code exists (`already_exists`)"),
    )
)]
#[post("/movements")]
pub async fn create_movement(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewMovement>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let body = body.into_inner();
    let actor = audit_actor(&caller);
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let m = check_movement(conn, &body)?;
        let row = to_row(new_id(), m, 1, now())?;
        repo::insert(conn, &row)?;
        let out = Movement::from_row(row);
        super::audit_created(conn, &actor, "movement.create", "movement", &out.id, &out)?;
        Created::new(
            &out,
            format!("/api/v1/movements/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a movement, e.g. hand the standing role to another unit after a merger (admin).
#[utoipa::path(
    tag = "movements",
    request_body = MovementChanges,
    params(("id" = String, Path, description = "Movement id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed movement", body = Movement, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage movements"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "Another movement has this code, or a removed field is used by criteria (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{id}")]
pub async fn update_movement(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<MovementChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let ch = body.into_inner();
    let actor = audit_actor(&caller);
    let out = transaction(&state.pool, move |conn| {
        let before_row = repo::find(conn, &id)?.ok_or_else(ApiError::not_found)?;
        let before = Movement::from_row(before_row.clone());
        let merged = NewMovement {
            code: ch.code.unwrap_or_else(|| before.code.clone()),
            title: ch.title.unwrap_or_else(|| before.title.clone()),
            theme: ch.theme.unwrap_or_else(|| before.theme.clone()),
            period_start_year: ch.period_start_year.unwrap_or(before.period_start_year),
            period_end_year: ch.period_end_year.unwrap_or(before.period_end_year),
            legal_basis: ch.legal_basis.unwrap_or_else(|| before.legal_basis.clone()),
            plan_document: ch
                .plan_document
                .unwrap_or_else(|| before.plan_document.clone()),
            standing_unit_id: ch
                .standing_unit_id
                .unwrap_or_else(|| before.standing_unit_id.clone()),
            appraising_unit_id: ch
                .appraising_unit_id
                .unwrap_or_else(|| before.appraising_unit_id.clone()),
            fields: ch.fields.unwrap_or_else(|| before.fields.clone()),
            content_items: ch
                .content_items
                .unwrap_or_else(|| before.content_items.clone()),
            annual_report_due_month: ch
                .annual_report_due_month
                .unwrap_or(before.annual_report_due_month),
            annual_report_due_day: ch
                .annual_report_due_day
                .unwrap_or(before.annual_report_due_day),
            review_working_days: ch.review_working_days.unwrap_or(before.review_working_days),
        };
        let m = check_movement(conn, &merged)?;
        // A field still used by criteria cannot go: they would point at nothing.
        let orphaned: Vec<String> = repo::criteria_field_codes(conn, &id)?
            .into_iter()
            .filter(|code| !m.fields.iter().any(|f| &f.code == code))
            .collect();
        if !orphaned.is_empty() {
            return Err(ApiError::new(ErrorCode::InUse)
                .detail(
                    format!("Criteria still use the fields {}", orphaned.join(", ")),
                    format!("Các tiêu chí vẫn dùng lĩnh vực {}", orphaned.join(", ")),
                )
                .with("fields_in_use", orphaned));
        }
        let row = to_row(id.clone(), m, before_row.version + 1, before_row.created_at)?;
        // Checked after the body, so a bad body is 422 whatever the precondition.
        let expected = expected.check(before_row.version)?;
        if !repo::update(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        let after = Movement::from_row(row);
        super::audit_changed(
            conn,
            &actor,
            "movement.update",
            "movement",
            &after.id,
            &before,
            &after,
        )?;
        Ok(after)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}
