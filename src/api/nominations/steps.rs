//! The workflow steps on one nomination, `POST /nominations/{id}/<step>`: each checks
//! the state machine of `domain::nomination`, the caller's permission, `If-Match`, and
//! what the step needs; then updates the nomination (and its outcome after appraisal),
//! records the step in the history and the audit trail — in one transaction, honouring
//! `Idempotency-Key`.

use super::rules::*;
use super::*;
use crate::api::deadlines::calendar;
use crate::db::models::OutcomeRow;
use chrono::NaiveDate;
use serde::Serialize;

/// What a step carries besides its comment or reason.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct Detail {
    /// The central level's decision (state awards).
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

pub(super) async fn step(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: String,
    s: Step,
    comment: Option<String>,
    detail: Detail,
) -> Result<HttpResponse, ApiError> {
    let expected = if_match(&req)?;
    let audit = audit_actor(&caller);
    let st = state.clone();
    // What a retry with the same Idempotency-Key must repeat.
    let input = serde_json::json!({"step": format!("{s:?}"), "comment": comment, "detail": detail});
    let caller_for_key = caller.clone();
    create_idempotent(&state.pool, &req, &caller_for_key, &input, move |conn| {
        let actor = &caller.actor;
        let (before, movement) = load_visible(conn, actor, &id)?;
        let from = state_of(&before);
        let form = workflow_form(&before);
        // Who may act: decided from the step the state machine finds; a step not possible
        // here is checked for the role it would need from the nearest state.
        let transition = workflow::step(from, s, form);
        let role = transition.map(|t| t.role).unwrap_or(s.requirements().role);
        // A return in a state with no return: either reviewer learns the state (409), not
        // only the one the default role names.
        let may_return_somewhere = s == Step::Return
            && transition.is_none()
            && crate::auth::policy::allows(
                actor,
                Permission::AppraiseMovement {
                    movement: movement_roles(&movement),
                },
            );
        let role = if may_return_somewhere {
            Role::HomeAffairsOfficer
        } else {
            role
        };
        match (s, role) {
            (Step::Withdraw, _) => require(
                actor,
                Permission::EditUnitRecord {
                    unit_id: &before.unit_id,
                },
            )?,
            (_, Role::UnitHead) => require(
                actor,
                Permission::SubmitUnitRecord {
                    unit_id: &before.unit_id,
                },
            )?,
            (_, Role::HomeAffairsOfficer) => require(
                actor,
                Permission::AppraiseMovement {
                    movement: movement_roles(&movement),
                },
            )?,
            (_, Role::Chair) => require(actor, Permission::Decide)?,
            _ => {
                let submitter = review::last_submitter(conn, "nomination", &before.id)?;
                require(
                    actor,
                    Permission::ReviewRecord {
                        movement: movement_roles(&movement),
                        submitted_by: submitter.as_deref(),
                    },
                )?
            }
        }
        let Some(t) = transition else {
            return Err(ApiError::new(ErrorCode::InvalidState)
                .detail(
                    format!("This step is not possible while {}", from.as_str()),
                    format!(
                        "Không thể thực hiện bước này khi hồ sơ đang ở trạng thái {}",
                        from.as_str()
                    ),
                )
                .with("current_state", from.as_str()));
        };
        let field = match s {
            Step::Approve | Step::Reject => "opinion",
            _ if t.reason_required => "reason",
            _ => "comment",
        };
        let comment = review::checked_text(comment.as_deref(), t.reason_required, field)?;
        let round = round_of(conn, &before)?;
        let req_of = s.requirements();
        if req_of.open_window {
            require_open(&round, st.today())?;
        }
        let checked_dossier = if req_of.complete_dossier {
            let dossier = dossier_status(conn, &before, &round)?;
            if !dossier.missing.is_empty() {
                let kinds: Vec<&str> = dossier.missing.iter().map(|k| k.as_str()).collect();
                return Err(ApiError::new(ErrorCode::DossierIncomplete)
                    .detail(
                        format!("Missing: {}", kinds.join(", ")),
                        format!("Còn thiếu: {}", kinds.join(", ")),
                    )
                    .with("missing", kinds));
            }
            Some(dossier)
        } else {
            None
        };
        // No award while under discipline, investigation or complaint: a state award is
        // neither posted, forwarded nor recorded for a flagged nominee.
        if !before.clean_record
            && matches!(
                s,
                Step::PostForComment | Step::Forward | Step::RecordStateAwarded
            )
        {
            return Err(ApiError::new(ErrorCode::NomineeFlagged)
                .detail(
                    format!(
                        "{} is declared under discipline, investigation or complaint",
                        before.nominee_name
                    ),
                    format!(
                        "{} đang bị kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết",
                        before.nominee_name
                    ),
                )
                .with("nomination_id", before.id.clone()));
        }
        // Stale before anything is taken (a state-award quota place at forwarding).
        let expected = expected.check(before.version)?;
        // The step changes neither the round nor the dossier: `old` and `new` share them.
        let dossier = match checked_dossier {
            Some(d) => d,
            None => dossier_status(conn, &before, &round)?,
        };
        let before_outcome = repo::outcome(conn, &before.id)?;
        let old = read_with(
            conn,
            actor,
            before.clone(),
            dossier.clone(),
            before_outcome.clone(),
        )?;
        let now = st.clock.now().naive_utc();
        let today = st.today();
        let mut outcome = before_outcome.clone().unwrap_or_else(|| OutcomeRow {
            nomination_id: before.id.clone(),
            ..OutcomeRow::default()
        });
        let mut row = before.clone();
        row.status = t.to.as_str().into();
        match s {
            Step::Submit => {
                row.submitted_at = Some(now);
                row.return_reason = None;
            }
            Step::Return => row.return_reason = comment.clone(),
            Step::Approve | Step::Reject => {
                row.appraisal_verdict = Some(
                    if s == Step::Approve {
                        "approve"
                    } else {
                        "reject"
                    }
                    .into(),
                );
                row.appraisal_opinion = comment.clone();
                row.appraised_at = Some(now);
            }
            Step::CloseNotAwarded => outcome.not_awarded_reason = comment.clone(),
            Step::PostForComment => {
                // The window: the posting day, then the round's working days (10 by default).
                let days = i64::from(round.comment_working_days.max(0)) * 2 + 60;
                let cal = calendar(conn, today, today + chrono::Duration::days(days))?;
                outcome.comment_opens_on = Some(today);
                outcome.comment_closes_on =
                    Some(cal.add_working_days(today, round.comment_working_days.max(0) as u32));
            }
            Step::Forward => {
                if let Some(closes) = outcome.comment_closes_on.filter(|c| today <= *c) {
                    return Err(ApiError::new(ErrorCode::CommentWindowOpen)
                        .detail(
                            format!("Public comment runs until {closes}"),
                            format!(
                                "Thời gian lấy ý kiến công khai đến hết ngày {}",
                                closes.format("%d/%m/%Y")
                            ),
                        )
                        .with("closes_on", closes.to_string()));
                }
                // A state-award quota, where the round sets one, limits what the
                // province proposes: a place is taken when the Chair forwards.
                let kind = crate::domain::award::NomineeKind::parse(&before.nominee_kind)
                    .ok_or_else(|| ApiError::internal("unknown nominee kind"))?;
                crate::app::quota::take_where_set(
                    conn,
                    &round.id,
                    crate::domain::award::AwardForm::StateAward,
                    kind,
                    1,
                )?;
                outcome.forwarded_at = Some(now);
            }
            Step::RecordStateAwarded | Step::RecordStateDeclined => {
                let mut c = Checks::new();
                let number = detail
                    .decision_number
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| c.text("decision_number", n, 50));
                if s == Step::RecordStateAwarded && number.is_none() {
                    c.fail(
                        "decision_number",
                        "the central decision's number is required for an award",
                        "cần ghi số quyết định khen thưởng của Trung ương",
                    );
                }
                if s == Step::RecordStateAwarded && detail.decided_on.is_none() {
                    c.fail(
                        "decided_on",
                        "the central decision's date is required for an award",
                        "cần ghi ngày ký quyết định khen thưởng của Trung ương",
                    );
                }
                if let Some(d) = detail.decided_on.filter(|d| *d > today) {
                    c.fail(
                        "decided_on",
                        format!("{d} is in the future").as_str(),
                        "ngày quyết định không thể sau ngày hôm nay",
                    );
                }
                // The central level decides on what the Chair forwarded, not before.
                let forwarded_on = outcome.forwarded_at.map(|t| {
                    crate::domain::calendar::local_day(t.and_utc(), st.settings.time_zone)
                });
                if let (Some(d), Some(f)) = (detail.decided_on, forwarded_on) {
                    if d < f {
                        c.fail(
                            "decided_on",
                            format!("{d} is before the nomination was forwarded ({f})").as_str(),
                            "ngày quyết định không thể trước ngày trình Trung ương",
                        );
                    }
                }
                c.finish()?;
                outcome.central_decision_number = number;
                outcome.central_decided_on = detail.decided_on;
                outcome.central_recorded_at = Some(now);
            }
            _ => {}
        }
        row.version += 1;
        row.updated_at = now;
        if !repo::update(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        let blank = OutcomeRow {
            nomination_id: before.id.clone(),
            ..OutcomeRow::default()
        };
        // The outcome as stored after the step.
        let outcome = if before_outcome.as_ref() != Some(&outcome) && outcome != blank {
            repo::save_outcome(conn, &outcome)?;
            Some(outcome)
        } else {
            before_outcome
        };
        // The role the person acted in (an officer may withdraw as well as the head).
        let acted_as = if s == Step::Withdraw {
            review::acting_role(actor, None)
        } else {
            t.role.as_str()
        };
        let action = action_name(s);
        review::record_step(
            conn,
            "nomination",
            &row.id,
            action,
            from.as_str(),
            t.to.as_str(),
            actor,
            acted_as,
            comment.as_deref(),
            now,
        )?;
        let new = read_with(conn, actor, row, dossier, outcome)?;
        audit_changed(
            conn,
            &audit,
            &format!("nomination.{action}"),
            "nomination",
            &new.id,
            &old,
            &new,
        )?;
        Created::stepped(&new, new.version)
    })
    .await
}

/// The step's name in the history and the audit trail.
fn action_name(s: Step) -> &'static str {
    match s {
        Step::Submit => "submit",
        Step::Withdraw => "withdraw",
        Step::Return => "return",
        Step::Consolidate => "consolidate",
        Step::Approve => "approve",
        Step::Reject => "reject",
        Step::Award => "award",
        Step::CloseNotAwarded => "close",
        Step::PostForComment => "post_for_comment",
        Step::Forward => "forward",
        Step::RecordStateAwarded => "state_awarded",
        Step::RecordStateDeclined => "state_declined",
    }
}

/// Submit the nomination (the proposing unit's head): the dossier must be complete and
/// the window open; the dossier is then frozen.
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Submitted", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit's head submits"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not a draft or returned nomination (`invalid_state`), or the window is closed (`round_closed`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 422, description = "Required documents missing (`dossier_incomplete`, with `missing`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/submit")]
pub async fn submit_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        Step::Submit,
        comment,
        Detail::default(),
    )
    .await
}

/// Withdraw the nomination before it is consolidated (the proposing unit).
#[utoipa::path(
    tag = "nominations",
    request_body(content = Option<StepComment>, description = "An optional comment"),
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Withdrawn", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit withdraws"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Already consolidated or closed (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/withdraw")]
pub async fn withdraw_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: OptionalJson<StepComment>,
) -> Result<HttpResponse, ApiError> {
    let comment = body.0.and_then(|b| b.comment);
    step(
        state,
        caller,
        req,
        id.into_inner(),
        Step::Withdraw,
        comment,
        Detail::default(),
    )
    .await
}

/// Return the nomination to the unit with a reason: DIC before consolidation, Home
/// Affairs during appraisal. It becomes editable and can be submitted again.
#[utoipa::path(
    tag = "nominations",
    request_body = ReturnReason,
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Returned to the unit", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only DIC of the standing unit (submitted) or Home Affairs of the appraising unit (consolidated)"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not submitted or consolidated (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/return")]
pub async fn return_nomination(
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
        Step::Return,
        reason,
        Detail::default(),
    )
    .await
}

/// Appraise a consolidated nomination: approve or reject, with an opinion (Home Affairs
/// of the movement's appraising unit).
#[utoipa::path(
    tag = "nominations",
    request_body = Appraisal,
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 200, description = "Appraised: `approved` or `rejected`", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only Home Affairs of the movement's appraising unit appraises"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not consolidated (`invalid_state`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[post("/nominations/{id}/appraise")]
pub async fn appraise_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<Appraisal>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let s = if body.verdict == Verdict::Approve {
        Step::Approve
    } else {
        Step::Reject
    };
    step(
        state,
        caller,
        req,
        id.into_inner(),
        s,
        Some(body.opinion),
        Detail::default(),
    )
    .await
}

/// Every step the nomination went through.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id")),
    responses((status = 200, description = "Oldest first", body = History), (status = 404, description = "No such nomination, or not visible to the caller"))
)]
#[get("/nominations/{id}/history")]
pub async fn get_nomination_history(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let history = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)?;
        review::history(conn, "nomination", &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(history))
}
