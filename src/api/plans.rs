//! Plans (kế hoạch): a unit's annual or period plan for a movement with its targets
//! (chỉ tiêu), drafted by the unit, signed off by its head, reviewed by DIC.

use super::review::{self, History, ReturnReason, StepComment};
use super::{
    audit_actor, audit_changed, audit_created, create_idempotent, decode_cursor, if_match,
    ok_versioned, page_limit, page_type, paginate, run, transaction, Created,
};
use crate::auth::policy::{list_scope, require, MovementRoles, Permission};
use crate::auth::{Actor, Caller};
use crate::db::models::{new_id, CriterionRow, MovementRow, PlanRow, TargetRow};
use crate::db::repo::{movements, plans as repo};
use crate::db::DbConnection;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// kế hoạch hằng năm
    Annual,
    /// kế hoạch giai đoạn (the movement's whole period)
    Period,
}

impl PlanKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Annual => "annual",
            Self::Period => "period",
        }
    }
}

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
            kind: if r.kind == "period" {
                PlanKind::Period
            } else {
                PlanKind::Annual
            },
            status: ReviewStatus::parse(&r.status).unwrap_or(ReviewStatus::Draft),
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

page_type!(PlanPage, Plan);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"criterion_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "target_value": 100.0, "unit_of_measure": "%",
    "note": "Bệnh viện đa khoa huyện và trạm y tế xã"}))]
pub struct TargetInput {
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
    pub movement_id: String,
    /// Default: the caller's unit (a unit drafts only its own plans).
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
    pub movement_id: Option<String>,
    pub unit_id: Option<String>,
    /// Plans of the units of this bloc or cluster.
    pub group_id: Option<String>,
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub kind: Option<PlanKind>,
    pub status: Option<ReviewStatus>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

pub fn movement_roles(m: &MovementRow) -> MovementRoles<'_> {
    MovementRoles {
        standing_unit_id: &m.standing_unit_id,
        appraising_unit_id: &m.appraising_unit_id,
    }
}

/// The plan and its movement, if the caller may see it (else 404).
fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(PlanRow, MovementRow), ApiError> {
    let plan = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &plan.movement_id)?.ok_or_else(ApiError::not_found)?;
    let perm = Permission::ReadUnitRecord {
        unit_id: &plan.unit_id,
        draft: plan.status == ReviewStatus::Draft.as_str(),
        movement: movement_roles(&movement),
    };
    if !crate::auth::policy::allows(actor, perm) {
        return Err(ApiError::not_found());
    }
    Ok((plan, movement))
}

fn criteria_of(conn: &mut DbConnection, movement_id: &str) -> Result<Vec<CriterionRow>, ApiError> {
    Ok(movements::list_criteria(
        conn,
        movement_id,
        None,
        None,
        10_000,
    )?)
}

fn targets_out(conn: &mut DbConnection, plan: &PlanRow) -> Result<Vec<Target>, ApiError> {
    let criteria = criteria_of(conn, &plan.movement_id)?;
    Ok(repo::targets(conn, &plan.id)?
        .into_iter()
        .map(|t| {
            let c = criteria.iter().find(|c| c.id == t.criterion_id);
            Target {
                criterion_code: c.map(|c| c.code.clone()).unwrap_or_default(),
                criterion_title: c.map(|c| c.title.clone()).unwrap_or_default(),
                max_score: c.map(|c| c.max_score).unwrap_or_default(),
                id: t.id,
                criterion_id: t.criterion_id,
                target_value: t.target_value,
                unit_of_measure: t.unit_of_measure,
                note: t.note,
            }
        })
        .collect())
}

/// Target rows from input: criteria of the movement, each once, values ≥ 0.
fn target_rows(
    conn: &mut DbConnection,
    plan: &PlanRow,
    input: &[TargetInput],
) -> Result<Vec<TargetRow>, ApiError> {
    let criteria = criteria_of(conn, &plan.movement_id)?;
    let mut c = Checks::new();
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if input.len() > 200 {
        c.fail("targets", "at most 200 targets", "tối đa 200 chỉ tiêu");
    }
    for (i, t) in input.iter().enumerate() {
        let Some(crit) = criteria.iter().find(|k| k.id == t.criterion_id) else {
            c.fail(
                &format!("targets[{i}].criterion_id"),
                "not a criterion of the movement",
                "không phải tiêu chí của phong trào",
            );
            continue;
        };
        if !seen.insert(&crit.id) {
            c.fail(
                &format!("targets[{i}].criterion_id"),
                "criterion listed twice",
                "tiêu chí bị lặp",
            );
        }
        if !(t.target_value.is_finite() && t.target_value >= 0.0) {
            c.fail(
                &format!("targets[{i}].target_value"),
                "must be 0 or more",
                "phải lớn hơn hoặc bằng 0",
            );
        }
        let unit_of_measure = match &t.unit_of_measure {
            Some(u) => c.text(&format!("targets[{i}].unit_of_measure"), u, 100),
            None => crit.unit_of_measure.clone(),
        };
        let note = c.optional_text(&format!("targets[{i}].note"), &t.note, 2000);
        rows.push(TargetRow {
            id: new_id(),
            plan_id: plan.id.clone(),
            criterion_id: crit.id.clone(),
            target_value: t.target_value,
            unit_of_measure,
            note,
            position: i as i32,
        });
    }
    c.finish()?;
    Ok(rows)
}

fn read_plan(conn: &mut DbConnection, plan: PlanRow) -> Result<Plan, ApiError> {
    let targets = targets_out(conn, &plan)?;
    Ok(Plan::from_row(plan, targets))
}

/// List plans the caller may see: their unit's, and the submitted ones of the
/// movements they review.
#[utoipa::path(tag = "plans", params(PlanQuery), responses((status = 200, description = "A page of plans, oldest first", body = PlanPage)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::PlanFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: super::year_filter(q.year)?,
        kind: q.kind.map(|k| k.as_str().to_string()),
        status: q.status.map(|s| s.as_str().to_string()),
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
    let (items, next_cursor) =
        paginate(rows, limit, |r| r.id.clone(), |r| Plan::from_row(r, vec![]));
    Ok(HttpResponse::Ok().json(PlanPage { items, next_cursor }))
}

/// Read a plan with its targets.
#[utoipa::path(
    tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses(
        (status = 200, description = "The plan", body = Plan, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such plan, or not visible to the caller (another unit's draft)"),
    )
)]
#[get("/plans/{id}")]
pub async fn get_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let plan = run(&state.pool, move |conn| {
        let (plan, _) = load_visible(conn, &caller.actor, &id)?;
        read_plan(conn, plan)
    })
    .await?;
    let v = plan.version;
    Ok(ok_versioned(&plan, v))
}

/// Draft a plan for the caller's unit (unit officer or head).
#[utoipa::path(
    tag = "plans",
    request_body = NewPlan,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Plan,
            headers(("Location" = String, description = "The new plan"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its plans"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The unit already has this plan (`plan_exists`)"),
    )
)]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewPlan>,
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
        let mut c = Checks::new();
        let title = c.text("title", &body.title, 500);
        let description = c.optional_text("description", &body.description, 10_000);
        let period_key = match (body.kind, body.year) {
            (PlanKind::Annual, Some(y)) => {
                if y < movement.period_start_year || y > movement.period_end_year {
                    c.fail(
                        "year",
                        format!(
                            "outside the movement's period {}–{}",
                            movement.period_start_year, movement.period_end_year
                        ),
                        format!(
                            "nằm ngoài giai đoạn {}–{} của phong trào",
                            movement.period_start_year, movement.period_end_year
                        ),
                    );
                }
                format!("annual:{y}")
            }
            (PlanKind::Annual, None) => {
                c.fail(
                    "year",
                    "an annual plan needs its year",
                    "kế hoạch năm cần ghi năm",
                );
                String::new()
            }
            (PlanKind::Period, Some(_)) => {
                c.fail(
                    "year",
                    "a period plan covers the movement's period: no year",
                    "kế hoạch giai đoạn không ghi năm",
                );
                String::new()
            }
            (PlanKind::Period, None) => "period".to_string(),
        };
        c.finish()?;
        if repo::find_by_period(conn, &unit_id, &movement.id, &period_key)?.is_some() {
            return Err(ApiError::new(ErrorCode::PlanExists).with("period", period_key));
        }
        let t = st.clock.now().naive_utc();
        let row = PlanRow {
            id: new_id(),
            unit_id: unit_id.clone(),
            movement_id: movement.id.clone(),
            kind: body.kind.as_str().into(),
            year: body.year,
            period_key,
            title,
            description,
            status: ReviewStatus::Draft.as_str().into(),
            submitted_at: None,
            reviewed_at: None,
            return_reason: None,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        let targets = target_rows(conn, &row, &body.targets)?;
        repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
            e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::PlanExists),
            e => e,
        })?;
        repo::replace_targets(conn, &row.id, &targets)?;
        let role = review::acting_role(&actor, None);
        review::record_step(
            conn, "plan", &row.id, "create", "", "draft", &actor, role, None, t,
        )?;
        let out = read_plan(conn, row)?;
        audit_created(conn, &audit, "plan.create", "plan", &out.id, &out)?;
        Created::new(&out, format!("/api/v1/plans/{}", out.id), Some(out.version))
    })
    .await
}

/// Change a draft or returned plan (unit officer or head; `If-Match`).
#[utoipa::path(
    tag = "plans",
    request_body = PlanChanges,
    params(("id" = String, Path, description = "Plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed plan", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's officers and head change its plans"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Submitted or accepted: no longer editable (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/plans/{id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<PlanChanges>,
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
        let old = read_plan(conn, before.clone())?;
        let mut row = before.clone();
        let mut c = Checks::new();
        if let Some(t) = &ch.title {
            row.title = c.text("title", t, 500);
        }
        if let Some(d) = &ch.description {
            row.description = c.optional_text("description", d, 10_000);
        }
        c.finish()?;
        let targets = match &ch.targets {
            Some(t) => Some(target_rows(conn, &row, t)?),
            None => None,
        };
        let expected = expected.check(before.version)?;
        row.version += 1;
        row.updated_at = st.clock.now().naive_utc();
        if !repo::update(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        if let Some(t) = targets {
            repo::replace_targets(conn, &row.id, &t)?;
        }
        let new = read_plan(conn, row)?;
        audit_changed(conn, &audit, "plan.update", "plan", &new.id, &old, &new)?;
        Ok(new)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

/// Runs one review step on a plan, all in one transaction.
async fn step(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: String,
    action: ReviewAction,
    comment: Option<String>,
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
        if action == ReviewAction::Submit && repo::targets(conn, &before.id)?.is_empty() {
            return Err(ApiError::new(ErrorCode::TargetsMissing));
        }
        let expected = expected.check(before.version)?;
        let now = st.clock.now().naive_utc();
        let mut row = before.clone();
        row.status = to.as_str().into();
        match action {
            ReviewAction::Submit => {
                row.submitted_at = Some(now);
                row.return_reason = None;
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
        let role = review::acting_role(actor, Some(action));
        review::record_step(
            conn,
            "plan",
            &row.id,
            action.as_str(),
            from.as_str(),
            to.as_str(),
            actor,
            role,
            comment.as_deref(),
            now,
        )?;
        let (old, new) = (Plan::from_row(before, vec![]), read_plan(conn, row)?);
        audit_changed(
            conn,
            &audit,
            &format!("plan.{}", action.as_str()),
            "plan",
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

/// Submit the plan to DIC (the unit's head; it must have targets).
#[utoipa::path(
    tag = "plans",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Submitted", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the unit's head submits"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned plan (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "No targets (`targets_missing`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/submit")]
pub async fn submit_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Option<web::Json<StepComment>>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.and_then(|b| b.into_inner().comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        ReviewAction::Submit,
        comment,
    )
    .await
}

/// Accept a submitted plan (DIC of the movement's standing unit).
#[utoipa::path(
    tag = "plans",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Accepted", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/accept")]
pub async fn accept_plan(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Option<web::Json<StepComment>>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.and_then(|b| b.into_inner().comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        ReviewAction::Accept,
        comment,
    )
    .await
}

/// Return a submitted plan to the unit with a reason (DIC of the standing unit).
#[utoipa::path(
    tag = "plans",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Plan id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "Returned to the unit, editable again", body = Plan, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the movement's standing unit reviews"),
        (status = 404, description = "No such plan, or not visible to the caller"),
        (status = 409, description = "Not submitted (`invalid_state`, with `current_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/plans/{id}/return")]
pub async fn return_plan(
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
    )
    .await
}

/// Every step the plan went through: who, in which role, when, from → to, why.
#[utoipa::path(
    tag = "plans",
    params(("id" = String, Path, description = "Plan id")),
    responses(
        (status = 200, description = "Oldest first", body = History),
        (status = 404, description = "No such plan, or not visible to the caller"),
    )
)]
#[get("/plans/{id}/history")]
pub async fn get_plan_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)?;
        review::history(conn, "plan", &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
