//! Reports (báo cáo): annual (due 10 December), interim and final (tied to an award
//! round), one result per target of the unit's accepted plan. Late reports are accepted
//! and marked, never refused. DIC may adjust the self-assessed scores when accepting.

use super::plans::movement_roles;
use super::review::{self, History, ReturnReason};
use super::{
    audit_actor, audit_changed, audit_created, create_idempotent, decode_cursor, if_match,
    ok_versioned, page_limit, page_type, paginate, run, transaction, Created,
};
use crate::auth::policy::{list_scope, require, Permission};
use crate::auth::{Actor, Caller};
use crate::db::models::{
    new_id, CriterionRow, MovementRow, PlanRow, ReportRow, ResultRow, TargetRow,
};
use crate::db::repo::{movements, plans, reports as repo};
use crate::db::DbConnection;
use crate::domain::calendar::is_late;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// hằng năm: due 10 December of the year
    Annual,
    /// sơ kết: for an interim award round
    Interim,
    /// tổng kết: for a final award round
    Final,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Annual => "annual",
            Self::Interim => "interim",
            Self::Final => "final",
        }
    }
    fn parse(s: &str) -> Self {
        match s {
            "interim" => Self::Interim,
            "final" => Self::Final,
            _ => Self::Annual,
        }
    }
}

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
    fn from_row(r: ReportRow, results: Vec<ReportResult>) -> Self {
        Self {
            kind: ReportKind::parse(&r.kind),
            status: ReviewStatus::parse(&r.status).unwrap_or(ReviewStatus::Draft),
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

page_type!(ReportPage, Report);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"target_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0", "achieved_value": 92.5, "self_score": 7.0,
    "evidence": "Báo cáo số 215/BC-UBND ngày 05/12/2024"}))]
pub struct ResultInput {
    /// A target of the report's plan.
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
    pub movement_id: String,
    /// Default: the caller's unit.
    pub unit_id: Option<String>,
    pub kind: ReportKind,
    /// For an annual report.
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// For an interim or final report: the award round.
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
    pub movement_id: Option<String>,
    pub unit_id: Option<String>,
    pub group_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub kind: Option<ReportKind>,
    pub status: Option<ReviewStatus>,
    pub late: Option<bool>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(ReportRow, MovementRow), ApiError> {
    let report = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &report.movement_id)?.ok_or_else(ApiError::not_found)?;
    let perm = Permission::ReadUnitRecord {
        unit_id: &report.unit_id,
        draft: report.status == ReviewStatus::Draft.as_str(),
        movement: movement_roles(&movement),
    };
    if !crate::auth::policy::allows(actor, perm) {
        return Err(ApiError::not_found());
    }
    Ok((report, movement))
}

struct PlanContext {
    targets: Vec<TargetRow>,
    criteria: Vec<CriterionRow>,
}

fn plan_context(conn: &mut DbConnection, report: &ReportRow) -> Result<PlanContext, ApiError> {
    Ok(PlanContext {
        targets: plans::targets(conn, &report.plan_id)?,
        criteria: movements::list_criteria(conn, &report.movement_id, None, None, 10_000)?,
    })
}

fn read_report(conn: &mut DbConnection, report: ReportRow) -> Result<Report, ApiError> {
    let ctx = plan_context(conn, &report)?;
    let results = repo::results(conn, &report.id)?
        .into_iter()
        .map(|r| {
            let target = ctx.targets.iter().find(|t| t.id == r.target_id);
            let crit = ctx.criteria.iter().find(|c| c.id == r.criterion_id);
            ReportResult {
                criterion_code: crit.map(|c| c.code.clone()).unwrap_or_default(),
                criterion_title: crit.map(|c| c.title.clone()).unwrap_or_default(),
                max_score: crit.map(|c| c.max_score).unwrap_or_default(),
                target_value: target.map(|t| t.target_value).unwrap_or_default(),
                unit_of_measure: target
                    .map(|t| t.unit_of_measure.clone())
                    .unwrap_or_default(),
                id: r.id,
                target_id: r.target_id,
                criterion_id: r.criterion_id,
                achieved_value: r.achieved_value,
                self_score: r.self_score,
                assessed_score: r.assessed_score,
                evidence: r.evidence,
                evidence_url: r.evidence_url,
            }
        })
        .collect();
    Ok(Report::from_row(report, results))
}

fn max_score_of(ctx: &PlanContext, target: &TargetRow) -> f64 {
    ctx.criteria
        .iter()
        .find(|c| c.id == target.criterion_id)
        .map(|c| c.max_score)
        .unwrap_or(0.0)
}

fn result_rows(
    ctx: &PlanContext,
    report_id: &str,
    input: &[ResultInput],
) -> Result<Vec<ResultRow>, ApiError> {
    let mut c = Checks::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    if input.len() > 200 {
        c.fail("results", "at most 200 results", "tối đa 200 kết quả");
    }
    for (i, r) in input.iter().enumerate() {
        let Some(target) = ctx.targets.iter().find(|t| t.id == r.target_id) else {
            c.fail(
                &format!("results[{i}].target_id"),
                "not a target of the report's plan",
                "không phải chỉ tiêu của kế hoạch",
            );
            continue;
        };
        if !seen.insert(&target.id) {
            c.fail(
                &format!("results[{i}].target_id"),
                "target listed twice",
                "chỉ tiêu bị lặp",
            );
        }
        if !r.achieved_value.is_finite() {
            c.fail(
                &format!("results[{i}].achieved_value"),
                "must be a number",
                "phải là số",
            );
        }
        let max = max_score_of(ctx, target);
        if !(r.self_score.is_finite() && r.self_score >= 0.0 && r.self_score <= max) {
            c.fail(
                &format!("results[{i}].self_score"),
                format!("must be between 0 and {max}"),
                format!("phải từ 0 đến {max}"),
            );
        }
        let evidence = c.optional_text(&format!("results[{i}].evidence"), &r.evidence, 4000);
        let url = match &r.evidence_url {
            Some(u) if !u.trim().is_empty() => {
                let u = u.trim().to_string();
                if !(u.starts_with("https://") || u.starts_with("http://"))
                    || u.len() > 2000
                    || u.contains(char::is_whitespace)
                {
                    c.fail(
                        &format!("results[{i}].evidence_url"),
                        "must be an http(s) link",
                        "phải là đường dẫn http(s)",
                    );
                }
                Some(u)
            }
            _ => None,
        };
        rows.push(ResultRow {
            id: new_id(),
            report_id: report_id.to_string(),
            target_id: target.id.clone(),
            criterion_id: target.criterion_id.clone(),
            achieved_value: r.achieved_value,
            self_score: r.self_score,
            assessed_score: None,
            evidence,
            evidence_url: url,
        });
    }
    c.finish()?;
    Ok(rows)
}

/// The accepted plan a report answers, its period key and due date.
fn resolve_period(
    conn: &mut DbConnection,
    movement: &MovementRow,
    unit_id: &str,
    body: &NewReport,
) -> Result<(PlanRow, String, NaiveDate), ApiError> {
    let accepted = |p: Option<PlanRow>| p.filter(|p| p.status == ReviewStatus::Accepted.as_str());
    match body.kind {
        ReportKind::Annual => {
            let mut c = Checks::new();
            let year = match (body.year, &body.round_id) {
                (Some(y), None) => {
                    if y < movement.period_start_year || y > movement.period_end_year {
                        c.fail(
                            "year",
                            "outside the movement's period",
                            "nằm ngoài giai đoạn của phong trào",
                        );
                    }
                    y
                }
                _ => {
                    c.fail(
                        "year",
                        "an annual report needs its year and no round",
                        "báo cáo năm cần ghi năm, không ghi đợt",
                    );
                    0
                }
            };
            c.finish()?;
            let due = NaiveDate::from_ymd_opt(
                year,
                movement.annual_report_due_month as u32,
                movement.annual_report_due_day as u32,
            )
            .ok_or_else(|| ApiError::internal("movement due date invalid"))?;
            let plan = accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                &format!("annual:{year}"),
            )?)
            .or(accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                "period",
            )?))
            .ok_or_else(|| ApiError::new(ErrorCode::NoAcceptedPlan))?;
            Ok((plan, format!("annual:{year}"), due))
        }
        ReportKind::Interim | ReportKind::Final => {
            let Some(round_id) = body.round_id.as_deref().filter(|_| body.year.is_none()) else {
                return Err(ApiError::invalid(
                    "round_id",
                    "an interim or final report names its award round and no year",
                    "báo cáo sơ kết, tổng kết cần ghi đợt khen thưởng, không ghi năm",
                ));
            };
            let round = movements::find_round(conn, &movement.id, round_id)?.ok_or_else(|| {
                ApiError::invalid(
                    "round_id",
                    "not a round of the movement",
                    "không phải đợt của phong trào",
                )
            })?;
            if round.kind != body.kind.as_str() {
                return Err(ApiError::invalid(
                    "kind",
                    format!("the round is {}", round.kind),
                    format!("đợt này là {}", round.kind),
                ));
            }
            let due = round.report_due_on.ok_or_else(|| {
                ApiError::invalid(
                    "round_id",
                    "the round has no report deadline",
                    "đợt khen thưởng chưa có hạn báo cáo",
                )
            })?;
            let plan = accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                "period",
            )?)
            .or(accepted(plans::find_by_period(
                conn,
                unit_id,
                &movement.id,
                &format!("annual:{}", round.period_end_year),
            )?))
            .ok_or_else(|| ApiError::new(ErrorCode::NoAcceptedPlan))?;
            Ok((plan, format!("round:{}", round.id), due))
        }
    }
}

/// List reports the caller may see.
#[utoipa::path(tag = "reports", params(ReportQuery), responses((status = 200, description = "A page of reports, oldest first", body = ReportPage)))]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::ReportFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: super::year_filter(q.year)?,
        round_id: q.round_id,
        kind: q.kind.map(|k| k.as_str().to_string()),
        status: q.status.map(|s| s.as_str().to_string()),
        late: q.late,
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let actor = caller.actor;
    let rows = run(&state.pool, move |conn| {
        let all = movements::list(
            conn,
            &movements::MovementFilter {
                q: None,
                year: None,
                after_code: None,
                limit: 10_000,
            },
        )?;
        let vis = list_scope(
            &actor,
            all.iter().map(|m| (m.id.as_str(), movement_roles(m))),
        );
        Ok(repo::list(conn, &filter, &vis)?)
    })
    .await?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |r| r.id.clone(),
        |r| Report::from_row(r, vec![]),
    );
    Ok(HttpResponse::Ok().json(ReportPage { items, next_cursor }))
}

/// Read a report with its results.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Report id")),
    responses(
        (status = 200, description = "The report", body = Report, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such report, or not visible to the caller"),
    )
)]
#[get("/reports/{id}")]
pub async fn get_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let report = run(&state.pool, move |conn| {
        let (r, _) = load_visible(conn, &caller.actor, &id)?;
        read_report(conn, r)
    })
    .await?;
    let v = report.version;
    Ok(ok_versioned(&report, v))
}

/// Draft a report on the unit's accepted plan (unit officer or head).
#[utoipa::path(
    tag = "reports",
    request_body = NewReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Report,
            headers(("Location" = String, description = "The new report"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its reports"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The unit already has this report (`report_exists`) or no accepted plan (`no_accepted_plan`)"),
    )
)]
#[post("/reports")]
pub async fn create_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let unit_id = body
        .unit_id
        .clone()
        .unwrap_or_else(|| caller.actor.unit_id.clone());
    require(
        &caller.actor,
        Permission::EditUnitRecord { unit_id: &unit_id },
    )?;
    let actor = caller.actor.clone();
    let audit = audit_actor(&caller);
    let st = state.clone();
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let movement = movements::find(conn, &body.movement_id)?.ok_or_else(ApiError::not_found)?;
        let narrative = {
            let mut c = Checks::new();
            let n = c.optional_text("narrative", &body.narrative, 50_000);
            c.finish()?;
            n
        };
        let (plan, period_key, due_on) = resolve_period(conn, &movement, &unit_id, &body)?;
        let t = st.clock.now().naive_utc();
        let row = ReportRow {
            id: new_id(),
            unit_id: unit_id.clone(),
            movement_id: movement.id.clone(),
            plan_id: plan.id,
            kind: body.kind.as_str().into(),
            year: body.year,
            round_id: body.round_id.clone(),
            period_key,
            narrative,
            status: ReviewStatus::Draft.as_str().into(),
            due_on,
            first_submitted_at: None,
            submitted_at: None,
            late: false,
            reviewed_at: None,
            return_reason: None,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        let ctx = plan_context(conn, &row)?;
        let results = result_rows(&ctx, &row.id, &body.results)?;
        repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
            e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::ReportExists),
            e => e,
        })?;
        repo::replace_results(conn, &row.id, &results)?;
        review::record_step(
            conn,
            "report",
            &row.id,
            "create",
            "",
            "draft",
            &actor,
            review::acting_role(&actor, None),
            None,
            t,
        )?;
        let out = read_report(conn, row)?;
        audit_created(conn, &audit, "report.create", "report", &out.id, &out)?;
        Created::new(
            &out,
            format!("/api/v1/reports/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a draft or returned report: narrative, results (unit officer or head).
#[utoipa::path(
    tag = "reports",
    request_body = ReportChanges,
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed report", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's officers and head change its reports"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Submitted or accepted: no longer editable (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/reports/{id}")]
pub async fn update_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReportChanges>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let ch = body.into_inner();
    let audit = audit_actor(&caller);
    let st = state.clone();
    let out = transaction(&state.pool, move |conn| {
        let (before, _) = load_visible(conn, &caller.actor, &id)?;
        require(
            &caller.actor,
            Permission::EditUnitRecord {
                unit_id: &before.unit_id,
            },
        )?;
        review::require_editable(
            ReviewStatus::parse(&before.status).unwrap_or(ReviewStatus::Draft),
        )?;
        let old = read_report(conn, before.clone())?;
        let mut row = before.clone();
        if let Some(n) = &ch.narrative {
            let mut c = Checks::new();
            row.narrative = c.optional_text("narrative", n, 50_000);
            c.finish()?;
        }
        let results = match &ch.results {
            Some(r) => Some(result_rows(&plan_context(conn, &row)?, &row.id, r)?),
            None => None,
        };
        let expected = expected.check(before.version)?;
        row.version += 1;
        row.updated_at = st.clock.now().naive_utc();
        if !repo::update(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        if let Some(r) = results {
            repo::replace_results(conn, &row.id, &r)?;
        }
        let new = read_report(conn, row)?;
        audit_changed(conn, &audit, "report.update", "report", &new.id, &old, &new)?;
        Ok(new)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

async fn step(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: String,
    action: ReviewAction,
    comment: Option<String>,
    assessed: Vec<AssessedScore>,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let audit = audit_actor(&caller);
    let st = state.clone();
    let out = transaction(&state.pool, move |conn| {
        let actor = &caller.actor;
        let (before, movement) = load_visible(conn, actor, &id)?;
        match action {
            ReviewAction::Submit => require(
                actor,
                Permission::SubmitUnitRecord {
                    unit_id: &before.unit_id,
                },
            )?,
            ReviewAction::Accept | ReviewAction::Return => require(
                actor,
                Permission::ReviewMovement {
                    movement: movement_roles(&movement),
                },
            )?,
        }
        let from = ReviewStatus::parse(&before.status).unwrap_or(ReviewStatus::Draft);
        let to = review::next_status(from, action)?;
        let comment = review::checked_comment(comment.as_deref(), action == ReviewAction::Return)?;
        let ctx = plan_context(conn, &before)?;
        let results = repo::results(conn, &before.id)?;
        if action == ReviewAction::Submit {
            let missing: Vec<String> = ctx
                .targets
                .iter()
                .filter(|t| !results.iter().any(|r| r.target_id == t.id))
                .map(|t| t.id.clone())
                .collect();
            if !missing.is_empty() {
                return Err(
                    ApiError::new(ErrorCode::ResultsIncomplete).with("missing_target_ids", missing)
                );
            }
        }
        let mut scores = Vec::new();
        if action == ReviewAction::Accept {
            let mut c = Checks::new();
            for (i, a) in assessed.iter().enumerate() {
                match (
                    results.iter().find(|r| r.target_id == a.target_id),
                    ctx.targets.iter().find(|t| t.id == a.target_id),
                ) {
                    (Some(r), Some(t)) => {
                        let max = max_score_of(&ctx, t);
                        if !(a.score.is_finite() && a.score >= 0.0 && a.score <= max) {
                            c.fail(
                                &format!("assessed_scores[{i}].score"),
                                format!("must be between 0 and {max}"),
                                format!("phải từ 0 đến {max}"),
                            );
                        }
                        scores.push((r.id.clone(), a.score));
                    }
                    _ => c.fail(
                        &format!("assessed_scores[{i}].target_id"),
                        "no result for this target",
                        "không có kết quả cho chỉ tiêu này",
                    ),
                }
            }
            c.finish()?;
            for r in &results {
                if !scores.iter().any(|(id, _)| id == &r.id) {
                    scores.push((r.id.clone(), r.self_score));
                }
            }
        }
        let expected = expected.check(before.version)?;
        let now_utc = st.clock.now();
        let now = now_utc.naive_utc();
        let mut row = before.clone();
        row.status = to.as_str().into();
        match action {
            ReviewAction::Submit => {
                row.submitted_at = Some(now);
                row.return_reason = None;
                // Lateness is judged on the first submission: a report returned for
                // corrections and sent again was still delivered when it was.
                if row.first_submitted_at.is_none() {
                    row.first_submitted_at = Some(now);
                    row.late = is_late(now_utc, row.due_on, st.settings.time_zone);
                }
            }
            ReviewAction::Accept => row.reviewed_at = Some(now),
            ReviewAction::Return => {
                row.reviewed_at = Some(now);
                row.return_reason = comment.clone();
            }
        }
        row.version += 1;
        row.updated_at = now;
        if !repo::update(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        for (result_id, score) in scores {
            repo::set_assessed_score(conn, &result_id, score)?;
        }
        let role = review::acting_role(actor, Some(action));
        review::record_step(
            conn,
            "report",
            &row.id,
            action.as_str(),
            from.as_str(),
            to.as_str(),
            actor,
            role,
            comment.as_deref(),
            now,
        )?;
        let old = read_report(conn, before)?;
        let new = read_report(conn, row)?;
        audit_changed(
            conn,
            &audit,
            &format!("report.{}", action.as_str()),
            "report",
            &new.id,
            &old,
            &new,
        )?;
        Ok(new)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

/// Submit the report to DIC (the unit's head; every target needs a result). A report
/// submitted after its due day is accepted and marked late.
#[utoipa::path(
    tag = "reports",
    request_body(content = Option<super::review::StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Submitted", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's head submits"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned report (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Targets without results (`results_incomplete`, with `missing_target_ids`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/submit")]
pub async fn submit_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Option<web::Json<super::review::StepComment>>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.and_then(|b| b.into_inner().comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        ReviewAction::Submit,
        comment,
        vec![],
    )
    .await
}

/// Accept a submitted report, optionally adjusting scores (DIC of the standing unit).
/// Both the unit's and DIC's scores are kept.
#[utoipa::path(
    tag = "reports",
    request_body(content = Option<AcceptReport>, description = "An optional comment and adjusted scores"),
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Accepted", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/accept")]
pub async fn accept_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Option<web::Json<AcceptReport>>,
) -> Result<HttpResponse, ApiError> {
    let body = body.map(|b| b.into_inner()).unwrap_or_default();
    step(
        state,
        caller,
        req,
        id.into_inner(),
        ReviewAction::Accept,
        body.comment,
        body.assessed_scores,
    )
    .await
}

/// Return a submitted report to the unit with a reason (DIC of the standing unit).
#[utoipa::path(
    tag = "reports",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Returned to the unit, editable again", body = Report, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such report, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/reports/{id}/return")]
pub async fn return_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<ReturnReason>,
) -> Result<HttpResponse, ApiError> {
    let reason = Some(body.into_inner().reason);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        ReviewAction::Return,
        reason,
        vec![],
    )
    .await
}

/// Every step the report went through.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Report id")),
    responses((status = 200, description = "Oldest first", body = History), (status = 404, description = "No such report, or not visible to the caller"))
)]
#[get("/reports/{id}/history")]
pub async fn get_report_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)?;
        review::history(conn, "report", &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
