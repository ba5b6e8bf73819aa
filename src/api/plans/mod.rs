//! Plans (kế hoạch): a unit's annual or period plan for a movement with its targets
//! (chỉ tiêu), drafted by the unit, signed off by its head, reviewed by DIC.

mod model;
mod rules;

pub use model::*;
pub use rules::movement_roles;
use rules::*;

use crate::api::review::{self, History, ReturnReason, StepComment};
use crate::api::{
    audit_actor, audit_changed, audit_created, create_idempotent, decode_cursor, if_match,
    ok_versioned, page_limit, paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, PlanRow};
use crate::db::repo::{movements, plans as repo};
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// List plans the caller may see: their unit's, and the submitted ones of the
/// movements they review.
#[utoipa::path(tag = "plans", params(PlanQuery), responses((status = 200, description = "A page of plans, oldest first", body = PlanPage)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::PlanFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: crate::api::year_filter(q.year)?,
        kind: q.kind.map(|k| k.as_str().to_string()),
        status: q.status.map(|s| s.as_str().to_string()),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let actor = caller.actor;
    let rows = run(&state.pool, move |conn| {
        let vis = review::caller_scope(conn, &actor)?;
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
        review::authorise_step(
            conn,
            actor,
            action,
            "plan",
            &before.id,
            &before.unit_id,
            &movement,
        )?;
        let from = ReviewStatus::parse(&before.status).unwrap_or(ReviewStatus::Draft);
        let to = review::next_status(from, action)?;
        let comment = review::checked_comment(comment.as_deref(), action == ReviewAction::Return)?;
        let old = read_plan(conn, before.clone())?;
        if action == ReviewAction::Submit && old.targets.is_empty() {
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
        // A step never changes the targets.
        let new = Plan::from_row(row, old.targets.clone());
        review::finish_step(
            conn,
            &audit,
            actor,
            "plan",
            action,
            (from, to),
            comment.as_deref(),
            now,
            (&new.id, &old, &new),
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::api::OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::api::OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
