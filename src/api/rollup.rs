//! What DIC looks at on 11 December: who reported (report status), and the province
//! roll-up it issues for the People's Committee (consolidated report, an immutable
//! snapshot, readable as JSON or CSV).

use super::plans::movement_roles;
use super::{audit_actor, audit_created, decode_cursor, page_limit, page_type, run, transaction};
use crate::auth::policy::{allows, require, Permission};
use crate::auth::Caller;
use crate::db::models::{new_id, ConsolidatedRow, GroupRow, MovementRow, ReportRow, UnitRow};
use crate::db::repo::{movements, organisation, reports};
use crate::db::DbConnection;
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

/// A period of reporting: a year (annual reports) or an award round (interim/final).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The reporting year (annual reports).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// The award round (interim or final reports).
    pub round_id: Option<String>,
}

struct Period {
    key: String,
    year: Option<i32>,
    round_id: Option<String>,
    due_on: NaiveDate,
    label: String,
}

fn resolve_period(
    conn: &mut DbConnection,
    movement: &MovementRow,
    year: Option<i32>,
    round_id: Option<&str>,
) -> Result<Period, ApiError> {
    match (year, round_id) {
        (Some(y), None) => {
            if !(2000..=2100).contains(&y) {
                return Err(ApiError::invalid(
                    "year",
                    "must be between 2000 and 2100",
                    "phải từ 2000 đến 2100",
                ));
            }
            let due_on = NaiveDate::from_ymd_opt(
                y,
                movement.annual_report_due_month as u32,
                movement.annual_report_due_day as u32,
            )
            .ok_or_else(|| ApiError::internal("movement due date invalid"))?;
            Ok(Period {
                key: format!("annual:{y}"),
                year: Some(y),
                round_id: None,
                due_on,
                label: format!("Năm {y}"),
            })
        }
        (None, Some(r)) => {
            let round = movements::find_round(conn, &movement.id, r)?.ok_or_else(|| {
                ApiError::invalid(
                    "round_id",
                    "not a round of the movement",
                    "không phải đợt của phong trào",
                )
            })?;
            let due_on = round.report_due_on.ok_or_else(|| {
                ApiError::invalid(
                    "round_id",
                    "the round has no report deadline",
                    "đợt khen thưởng chưa có hạn báo cáo",
                )
            })?;
            Ok(Period {
                key: format!("round:{}", round.id),
                year: None,
                round_id: Some(round.id),
                due_on,
                label: round.title,
            })
        }
        _ => Err(ApiError::invalid(
            "year",
            "give either year or round_id",
            "cần ghi năm hoặc đợt khen thưởng",
        )),
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnitReportState {
    NotStarted,
    Draft,
    SubmittedOnTime,
    SubmittedLate,
    Returned,
    Accepted,
}

fn state_of(report: Option<&ReportRow>) -> UnitReportState {
    match report {
        None => UnitReportState::NotStarted,
        Some(r) => match ReviewStatus::parse(&r.status) {
            Some(ReviewStatus::Submitted) if r.late => UnitReportState::SubmittedLate,
            Some(ReviewStatus::Submitted) => UnitReportState::SubmittedOnTime,
            Some(ReviewStatus::Returned) => UnitReportState::Returned,
            Some(ReviewStatus::Accepted) => UnitReportState::Accepted,
            _ => UnitReportState::Draft,
        },
    }
}

#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct StatusTotals {
    pub expected: usize,
    pub not_started: usize,
    pub draft: usize,
    pub submitted_on_time: usize,
    pub submitted_late: usize,
    pub returned: usize,
    pub accepted: usize,
}

impl StatusTotals {
    fn add(&mut self, s: UnitReportState) {
        self.expected += 1;
        match s {
            UnitReportState::NotStarted => self.not_started += 1,
            UnitReportState::Draft => self.draft += 1,
            UnitReportState::SubmittedOnTime => self.submitted_on_time += 1,
            UnitReportState::SubmittedLate => self.submitted_late += 1,
            UnitReportState::Returned => self.returned += 1,
            UnitReportState::Accepted => self.accepted += 1,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitStatus {
    pub unit_id: String,
    pub code: String,
    pub name: String,
    pub state: UnitReportState,
    pub report_id: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// Accepted reports keep their late mark.
    pub late: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupStatus {
    pub group_id: String,
    pub group_code: String,
    pub group_name: String,
    pub totals: StatusTotals,
    pub units: Vec<UnitStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "year": 2024, "round_id": null, "due_on": "2024-12-10",
    "totals": {"expected": 41, "not_started": 3, "draft": 2, "submitted_on_time": 20, "submitted_late": 4, "returned": 1, "accepted": 11},
    "groups": [{"group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "group_code": "CUM-2", "group_name": "Cụm thi đua số 2",
        "totals": {"expected": 3, "not_started": 0, "draft": 0, "submitted_on_time": 2, "submitted_late": 1, "returned": 0, "accepted": 0},
        "units": [{"unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười",
            "state": "submitted_late", "report_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f00", "submitted_at": "2024-12-11T01:20:00Z", "late": true}]}]
}))]
pub struct ReportStatus {
    pub movement_id: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub due_on: NaiveDate,
    pub totals: StatusTotals,
    pub groups: Vec<GroupStatus>,
}

fn movement_for_review(conn: &mut DbConnection, id: &str) -> Result<MovementRow, ApiError> {
    movements::find(conn, id)?.ok_or_else(ApiError::not_found)
}

/// Member units with their group, and their reports by unit id.
type PeriodData = (Vec<(UnitRow, GroupRow)>, HashMap<String, ReportRow>);

/// Member units of a period and their reports.
fn period_data(
    conn: &mut DbConnection,
    movement: &MovementRow,
    period: &Period,
) -> Result<PeriodData, ApiError> {
    let members = organisation::members_on(conn, period.due_on)?;
    let by_unit = reports::of_period(conn, &movement.id, &period.key)?
        .into_iter()
        .map(|r| (r.unit_id.clone(), r))
        .collect();
    Ok((members, by_unit))
}

/// For every member unit, grouped by bloc and cluster: not started, draft, submitted on
/// time, submitted late, returned, accepted; with totals.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Movement id"), PeriodQuery),
    responses(
        (status = 200, description = "The status of every member unit", body = ReportStatus),
        (status = 403, description = "Only the movement's reviewers, the Chair, admins and auditors"),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}/report-status")]
pub async fn get_report_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let q = query.into_inner();
    let out = run(&state.pool, move |conn| {
        let movement = movement_for_review(conn, &id)?;
        require(
            &caller.actor,
            Permission::ReadReportStatus {
                movement: movement_roles(&movement),
            },
        )?;
        let period = resolve_period(conn, &movement, q.year, q.round_id.as_deref())?;
        let (members, by_unit) = period_data(conn, &movement, &period)?;
        let mut totals = StatusTotals::default();
        let mut groups: Vec<GroupStatus> = Vec::new();
        for (u, g) in members {
            let report = by_unit.get(&u.id);
            let s = state_of(report);
            totals.add(s);
            if groups.last().is_none_or(|x| x.group_id != g.id) {
                groups.push(GroupStatus {
                    group_id: g.id.clone(),
                    group_code: g.code.clone(),
                    group_name: g.name.clone(),
                    totals: StatusTotals::default(),
                    units: vec![],
                });
            }
            if let Some(group) = groups.last_mut() {
                group.totals.add(s);
                group.units.push(UnitStatus {
                    unit_id: u.id,
                    code: u.code,
                    name: u.name,
                    state: s,
                    report_id: report.map(|r| r.id.clone()),
                    submitted_at: report.and_then(|r| r.submitted_at).map(|t| t.and_utc()),
                    late: report.is_some_and(|r| r.late),
                });
            }
        }
        Ok(ReportStatus {
            movement_id: movement.id,
            year: period.year,
            round_id: period.round_id,
            due_on: period.due_on,
            totals,
            groups,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

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
    responses(
        (status = 201, description = "Issued", body = ConsolidatedReport, headers(("Location" = String, description = "The new report"))),
        (status = 403, description = "Only DIC of the movement's standing unit issues it"),
        (status = 404, description = "No such movement"),
    )
)]
#[post("/consolidated-reports")]
pub async fn issue_consolidated_report(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewConsolidatedReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let audit = audit_actor(&caller);
    let st = state.clone();
    let out = transaction(&state.pool, move |conn| {
        let movement = movement_for_review(conn, &body.movement_id)?;
        require(&caller.actor, Permission::ReviewMovement { movement: movement_roles(&movement) })?;
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
        let fields: Vec<super::movements::Field> = serde_json::from_str(&movement.fields).unwrap_or_default();
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
                id: caller.actor.user_id.clone(),
                username: caller.actor.username.clone(),
                full_name: caller.actor.full_name.clone(),
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
            issued_by: caller.actor.user_id.clone(),
            content: serde_json::to_string(&content).map_err(ApiError::internal)?,
        };
        reports::insert_consolidated(conn, &row)?;
        let out = ConsolidatedReport { id: row.id.clone(), current: true, content };
        audit_created(conn, &audit, "consolidated_report.issue", "consolidated_report", &row.id, &serde_json::json!({
            "movement_id": row.movement_id, "period": row.period_key, "coverage": out.content.rollup.coverage,
        }))?;
        Ok(out)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/consolidated-reports/{}", out.id),
        ))
        .json(out))
}

/// Issued roll-ups of the movements the caller reviews (DIC, Home Affairs, the Chair,
/// admins, auditors), newest first.
#[utoipa::path(tag = "reports", params(ConsolidatedQuery), responses((status = 200, description = "A page of issued reports", body = ConsolidatedPage)))]
#[get("/consolidated-reports")]
pub async fn list_consolidated_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ConsolidatedQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = reports::ConsolidatedFilter {
        movement_id: q.movement_id,
        year: super::year_filter(q.year)?,
        round_id: q.round_id,
        current: q.current,
        before_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let actor = caller.actor;
    let rows = run(&state.pool, move |conn| {
        // Only the roll-ups of movements the caller reviews (they name who is late or
        // missing, and every unit's score).
        let all = movements::list(
            conn,
            &movements::MovementFilter {
                q: None,
                year: None,
                after_code: None,
                limit: 10_000,
            },
        )?;
        let readable: Vec<String> = all
            .iter()
            .filter(|m| {
                allows(
                    &actor,
                    Permission::ReadReportStatus {
                        movement: movement_roles(m),
                    },
                )
            })
            .map(|m| m.id.clone())
            .collect();
        Ok(reports::list_consolidated(conn, &filter, &readable)?)
    })
    .await?;
    let mut out = Vec::new();
    let has_more = rows.len() as i64 > limit;
    let next = if has_more {
        rows.get(limit as usize - 1)
            .map(|r| super::encode_cursor(&r.id))
    } else {
        None
    };
    for row in rows.into_iter().take(limit as usize) {
        let c = content_of(&row)?;
        out.push(ConsolidatedSummary {
            id: row.id,
            movement_id: row.movement_id,
            year: row.year,
            round_id: row.round_id,
            period_label: c.period_label,
            current: row.is_current,
            issued_at: row.issued_at.and_utc(),
            issued_by: c.issued_by,
            coverage: c.rollup.coverage,
        });
    }
    Ok(HttpResponse::Ok().json(ConsolidatedPage {
        items: out,
        next_cursor: next,
    }))
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
    caller: Caller,
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
