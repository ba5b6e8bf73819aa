//! Reports (báo cáo): annual (due 10 December), interim and final (tied to an award
//! round), one result per target of the unit's accepted plan. Late reports are accepted
//! and marked, never refused. DIC may adjust the self-assessed scores when accepting.

mod model;
mod rules;

pub use model::*;
use rules::*;
pub use rules::{annual_due_on, round_report_due};

use crate::api::review::{self, History, ReturnReason};
use crate::api::{
    audit_actor, audit_changed, audit_created, create_idempotent, decode_cursor, if_match,
    ok_versioned, page_limit, paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, ReportRow};
use crate::db::repo::{movements, reports as repo};
use crate::domain::calendar::is_late;
use crate::domain::review::{ReviewAction, ReviewStatus};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// List reports the caller may see.
#[utoipa::path(tag = "reports", params(ReportQuery), responses((status = 200, description = "A page of reports, oldest first", body = ReportPage)))]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::ReportFilter {
        movement_id: q.movement_id,
        unit_id: q.unit_id,
        group_id: q.group_id,
        year: crate::api::year_filter(q.year)?,
        round_id: q.round_id,
        kind: q.kind.map(|k| k.as_str().to_string()),
        status: q.status.map(|s| s.as_str().to_string()),
        late: q.late,
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let actor = caller.actor;
    let rows = run(&state.pool, move |conn| {
        let vis = review::caller_scope(conn, &actor)?;
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
    caller: LegacyCaller,
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
        review::authorise_step(
            conn,
            actor,
            action,
            "report",
            &before.id,
            &before.unit_id,
            &movement,
        )?;
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
        let old = report_out(&ctx, before.clone(), results.clone());
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
                // The deadline in force at that moment counts (an admin may have moved it
                // since the draft was made).
                if row.first_submitted_at.is_none() {
                    row.due_on = current_due_on(conn, &movement, &row)?;
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
        // Accepting sets the assessed scores; the other steps leave the results as read.
        let new = if action == ReviewAction::Accept {
            read_report(conn, row)?
        } else {
            report_out(&ctx, row, results)
        };
        review::finish_step(
            conn,
            &audit,
            actor,
            "report",
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

/// Submit the report to DIC (the unit's head; every target needs a result). A report
/// submitted after its due day is accepted and marked late.
#[utoipa::path(
    tag = "reports",
    request_body(content = Option<crate::api::review::StepComment>, description = "An optional comment"),
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::api::OptionalJson<crate::api::review::StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
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
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::api::OptionalJson<AcceptReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0.unwrap_or_default();
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
    caller: LegacyCaller,
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
