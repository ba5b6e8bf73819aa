//! The province roll-up (báo cáo tổng hợp): issued by DIC as an immutable snapshot,
//! read as JSON or as CSV.

use super::{movement_for_review, period_data, resolve_period};
use crate::api::plans::movement_roles;
use crate::api::{
    audit_actor, audit_created, create_idempotent, decode_cursor, page_limit, page_type, paginate,
    run, Created,
};
use crate::auth::policy::{allows, require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, ConsolidatedRow};
use crate::db::repo::{movements, reports};
use crate::domain::consolidation::{
    self, CriterionInput, ReportInput, ResultInput, Rollup, UnitInput,
};
use crate::domain::review::ReviewStatus;
use crate::error::ApiError;
use crate::AppState;
use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Issuer {
    pub id: String,
    pub username: String,
    pub full_name: String,
}

/// The snapshot as issued.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsolidatedContent {
    pub movement_id: String,
    pub movement_title: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    /// "Năm 2024" or the round's title.
    pub period_label: String,
    pub due_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Issuer,
    /// Field code → name, for the field totals.
    pub field_names: HashMap<String, String>,
    #[serde(flatten)]
    pub rollup: Rollup,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsolidatedReport {
    pub id: String,
    /// The newest issued for its movement and period.
    pub current: bool,
    #[serde(flatten)]
    pub content: ConsolidatedContent,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsolidatedSummary {
    pub id: String,
    pub movement_id: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub period_label: String,
    pub current: bool,
    pub issued_at: DateTime<Utc>,
    pub issued_by: Issuer,
    pub coverage: consolidation::Coverage,
}

page_type!(ConsolidatedPage, ConsolidatedSummary);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "year": 2024}))]
pub struct NewConsolidatedReport {
    pub movement_id: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub round_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsolidatedQuery {
    pub movement_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub round_id: Option<String>,
    /// Only the current (newest) ones.
    pub current: Option<bool>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn content_of(row: &ConsolidatedRow) -> Result<ConsolidatedContent, ApiError> {
    serde_json::from_str(&row.content).map_err(ApiError::internal)
}

/// Issue the roll-up for a year or round (DIC of the standing unit). It is a snapshot:
/// later changes to reports do not alter it; issuing again keeps the earlier one and
/// marks the new one current.
#[utoipa::path(
    tag = "reports",
    request_body = NewConsolidatedReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer, not a second snapshot")),
    responses(
        (status = 201, description = "Issued", body = ConsolidatedReport, headers(("Location" = String, description = "The new report"))),
        (status = 403, description = "Only DIC of the movement's standing unit issues it"),
        (status = 404, description = "No such movement"),
    )
)]
#[post("/consolidated-reports")]
pub async fn issue_consolidated_report(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewConsolidatedReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let audit = audit_actor(&caller);
    let st = state.clone();
    let input = body.clone();
    let actor = caller.actor.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let caller_actor = actor;
        let movement = movement_for_review(conn, &body.movement_id)?;
        require(&caller_actor, Permission::ReviewMovement { movement: movement_roles(&movement) })?;
        // One issue at a time per movement: the old current one is superseded, not doubled.
        movements::lock(conn, &movement.id)?;
        let period = resolve_period(conn, &movement, body.year, body.round_id.as_deref())?;
        let (members, by_unit) = period_data(conn, &movement, &period)?;
        let criteria = movements::list_criteria(conn, &movement.id, None, None, 10_000)?;
        let mut results: HashMap<String, Vec<ResultInput>> = HashMap::new();
        for (report_id, criterion_id, target, achieved, assessed) in reports::results_of_period(conn, &movement.id, &period.key)? {
            results.entry(report_id).or_default().push(ResultInput {
                criterion_id,
                target_value: target,
                achieved_value: achieved,
                assessed_score: assessed,
            });
        }
        let units: Vec<UnitInput> = members
            .iter()
            .map(|(u, g)| UnitInput {
                id: u.id.clone(),
                code: u.code.clone(),
                name: u.name.clone(),
                group_id: Some(g.id.clone()),
                group_code: g.code.clone(),
                group_name: g.name.clone(),
                women_share_percent: u.women_share_percent,
            })
            .collect();
        let report_inputs: Vec<ReportInput> = by_unit
            .values()
            .map(|r| ReportInput {
                unit_id: r.unit_id.clone(),
                status: ReviewStatus::parse(&r.status).unwrap_or(ReviewStatus::Draft),
                late: r.late,
                results: results.remove(&r.id).unwrap_or_default(),
            })
            .collect();
        let criteria_inputs: Vec<CriterionInput> = criteria
            .iter()
            .map(|c| CriterionInput {
                id: c.id.clone(),
                code: c.code.clone(),
                title: c.title.clone(),
                field_code: c.field_code.clone(),
                unit_of_measure: c.unit_of_measure.clone(),
                max_score: c.max_score,
            })
            .collect();
        let mut rollup = consolidation::consolidate(&units, &criteria_inputs, &report_inputs);
        let fields: Vec<crate::api::movements::Field> = serde_json::from_str(&movement.fields).unwrap_or_default();
        // Fields in the movement's order (agriculture, health, education, other).
        rollup.fields.sort_by_key(|f| fields.iter().position(|x| x.code == f.field_code).unwrap_or(usize::MAX));
        let issued_at = st.clock.now();
        let content = ConsolidatedContent {
            movement_id: movement.id.clone(),
            movement_title: movement.title.clone(),
            year: period.year,
            round_id: period.round_id.clone(),
            period_label: period.label.clone(),
            due_on: period.due_on,
            issued_at,
            issued_by: Issuer {
                id: caller_actor.user_id.clone(),
                username: caller_actor.username.clone(),
                full_name: caller_actor.full_name.clone(),
            },
            field_names: fields.into_iter().map(|f| (f.code, f.name)).collect(),
            rollup,
        };
        let row = ConsolidatedRow {
            id: new_id(),
            movement_id: movement.id.clone(),
            period_key: period.key.clone(),
            year: period.year,
            round_id: period.round_id.clone(),
            is_current: true,
            issued_at: issued_at.naive_utc(),
            issued_by: caller_actor.user_id.clone(),
            content: serde_json::to_string(&content).map_err(ApiError::internal)?,
        };
        reports::insert_consolidated(conn, &row)?;
        let out = ConsolidatedReport { id: row.id.clone(), current: true, content };
        audit_created(conn, &audit, "consolidated_report.issue", "consolidated_report", &row.id, &serde_json::json!({
            "movement_id": row.movement_id, "period": row.period_key, "coverage": out.content.rollup.coverage,
        }))?;
        Created::new(&out, format!("/api/v1/consolidated-reports/{}", out.id), None)
    })
    .await
}

/// Issued roll-ups of the movements the caller reviews (DIC, Home Affairs, the Chair,
/// admins, auditors), newest first.
#[utoipa::path(tag = "reports", params(ConsolidatedQuery), responses((status = 200, description = "A page of issued reports", body = ConsolidatedPage)))]
#[get("/consolidated-reports")]
pub async fn list_consolidated_reports(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<ConsolidatedQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = reports::ConsolidatedFilter {
        movement_id: q.movement_id,
        year: crate::api::year_filter(q.year)?,
        round_id: q.round_id,
        current: q.current,
        before_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let actor = caller.actor;
    let rows = run(&state.pool, move |conn| {
        // Only the roll-ups of movements the caller reviews (they name who is late or
        // missing, and every unit's score).
        let readable = crate::api::review::report_readable_movements(conn, &actor)?;
        Ok(reports::list_consolidated(conn, &filter, &readable)?)
    })
    .await?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |r| r.id.clone(),
        |row| {
            let c = content_of(&row)?;
            Ok(ConsolidatedSummary {
                id: row.id,
                movement_id: row.movement_id,
                year: row.year,
                round_id: row.round_id,
                period_label: c.period_label,
                current: row.is_current,
                issued_at: row.issued_at.and_utc(),
                issued_by: c.issued_by,
                coverage: c.rollup.coverage,
            })
        },
    );
    let items = items.into_iter().collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(ConsolidatedPage { items, next_cursor }))
}

fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.split(',').any(|p| p.trim().starts_with("text/csv")))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The report state in words for the CSV's readers.
fn status_vi(status: &str) -> &'static str {
    match status {
        "draft" => "Đang soạn",
        "submitted" => "Đã gửi",
        "returned" => "Bị trả lại",
        "accepted" => "Đã chấp nhận",
        _ => "Chưa báo cáo",
    }
}

/// The ranking table as CSV, UTF-8 with a byte-order mark so Excel shows Vietnamese.
fn to_csv(c: &ConsolidatedContent) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,Điểm (%),Tổng điểm,Điểm tối đa,Tỷ lệ nữ (%),Ưu tiên (≥70% nữ),Trạng thái báo cáo,Nộp muộn\r\n");
    for g in &c.rollup.rankings {
        for u in &g.units {
            let cells = [
                csv_field(&g.group_name),
                u.rank.map(|r| r.to_string()).unwrap_or_default(),
                csv_field(&u.code),
                csv_field(&u.name),
                u.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                format!("{:.2}", u.score_sum),
                format!("{:.2}", u.max_score_sum),
                u.women_share_percent
                    .map(|w| format!("{w:.1}"))
                    .unwrap_or_default(),
                if u.women_preferred {
                    "có".into()
                } else {
                    String::new()
                },
                status_vi(&u.report_status).to_string(),
                if u.late { "có".into() } else { String::new() },
            ];
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Read an issued roll-up: JSON, or the ranking as CSV with `Accept: text/csv`
/// (reviewers of its movement, the Chair, admins, auditors).
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Consolidated report id")),
    responses(
        (status = 200, description = "The snapshot", content(
            (ConsolidatedReport = "application/json"),
            (String = "text/csv", example = "Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,Điểm (%),…"),
        )),
        (status = 404, description = "No such consolidated report, or not one of a movement the caller reviews"),
    )
)]
#[get("/consolidated-reports/{id}")]
pub async fn get_consolidated_report(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| {
        let row = reports::find_consolidated(conn, &id)?.ok_or_else(ApiError::not_found)?;
        let movement = movement_for_review(conn, &row.movement_id)?;
        if !allows(
            &caller.actor,
            Permission::ReadReportStatus {
                movement: movement_roles(&movement),
            },
        ) {
            return Err(ApiError::not_found());
        }
        Ok(row)
    })
    .await?;
    let content = content_of(&row)?;
    if wants_csv(&req) {
        let name = format!(
            "bao-cao-tong-hop-{}.csv",
            content
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "dot".into())
        );
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ))
            .body(to_csv(&content)));
    }
    Ok(HttpResponse::Ok().json(ConsolidatedReport {
        id: row.id,
        current: row.is_current,
        content,
    }))
}
