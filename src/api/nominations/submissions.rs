//! DIC's submissions (tờ trình tổng hợp): a batch of submitted nominations of one round,
//! sent to Home Affairs under DIC's letter; all or nothing.

use crate::api::plans::movement_roles;
use crate::api::review;
use crate::api::{
    audit_actor, audit_created, create_idempotent, decode_cursor, page_limit, page_type, paginate,
    run, Created,
};
use crate::auth::policy::{allows, require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, SubmissionRow};
use crate::db::repo::{movements, nominations as repo};
use crate::domain::nomination::{self as workflow, State, Step};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f40", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "letter_number": "215/TTr-STTTT", "letter_date": "2025-11-20",
    "note": "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh tặng Bằng khen.",
    "sent_by": "dic_officer", "sent_at": "2025-11-20T03:00:00Z",
    "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]
}))]
pub struct Submission {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// DIC's letter number, as in its register.
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub note: String,
    /// Username of the DIC officer who sent it.
    pub sent_by: String,
    pub sent_at: DateTime<Utc>,
    pub nomination_ids: Vec<String>,
}

page_type!(SubmissionPage, Submission);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "letter_number": "215/TTr-STTTT", "letter_date": "2025-11-20",
    "note": "Đề nghị Sở Nội vụ thẩm định.", "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]}))]
pub struct NewSubmission {
    pub round_id: String,
    #[schema(min_length = 1, max_length = 100)]
    pub letter_number: String,
    pub letter_date: NaiveDate,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: String,
    /// Submitted nominations of the round; each goes to `consolidated`.
    #[schema(min_items = 1, max_items = 500)]
    pub nomination_ids: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionQuery {
    pub round_id: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn to_out(conn: &mut crate::db::DbConnection, row: SubmissionRow) -> Result<Submission, ApiError> {
    let mut out = to_outs(conn, vec![row])?;
    out.pop()
        .ok_or_else(|| ApiError::internal("submission not rendered"))
}

/// The submissions with their nominations and senders, in the order given (two queries
/// whatever their number).
fn to_outs(
    conn: &mut crate::db::DbConnection,
    rows: Vec<SubmissionRow>,
) -> Result<Vec<Submission>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut nominations: HashMap<String, Vec<String>> = HashMap::new();
    for (submission_id, nomination_id) in repo::nominations_of_submissions(conn, &ids)? {
        nominations
            .entry(submission_id)
            .or_default()
            .push(nomination_id);
    }
    let mut senders: HashMap<String, String> = repo::senders_of_submissions(conn, &ids)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| Submission {
            nomination_ids: nominations.remove(&row.id).unwrap_or_default(),
            sent_by: senders.remove(&row.id).unwrap_or_default(),
            id: row.id,
            round_id: row.round_id,
            movement_id: row.movement_id,
            letter_number: row.letter_number,
            letter_date: row.letter_date,
            note: row.note,
            sent_at: row.sent_at.and_utc(),
        })
        .collect())
}

/// Consolidate submitted nominations of one round into a submission to Home Affairs
/// (DIC of the movement's standing unit). All or nothing: one nomination in another
/// state refuses the whole batch.
#[utoipa::path(
    tag = "nominations",
    request_body = NewSubmission,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Sent; every nomination is consolidated", body = Submission,
            headers(("Location" = String, description = "The submission"))),
        (status = 403, description = "Only DIC of the movement's standing unit consolidates"),
        (status = 404, description = "No such round"),
        (status = 409, description = "A nomination is not submitted, or of another round (`invalid_state`, with `nominations`)"),
    )
)]
#[post("/submissions")]
pub async fn create_submission(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewSubmission>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let audit = audit_actor(&caller);
    let actor = caller.actor.clone();
    let st = state.clone();
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let round =
            movements::find_round_by_id(conn, &body.round_id)?.ok_or_else(ApiError::not_found)?;
        let movement =
            movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?;
        require(
            &actor,
            Permission::ReviewMovement {
                movement: movement_roles(&movement),
            },
        )?;
        let mut c = Checks::new();
        let letter_number = c.text("letter_number", &body.letter_number, 100);
        let note = c.optional_text("note", &body.note, 4000);
        let mut ids = body.nomination_ids.clone();
        ids.sort();
        ids.dedup();
        if ids.is_empty() || ids.len() > 500 || ids.len() != body.nomination_ids.len() {
            c.fail(
                "nomination_ids",
                "1 to 500 distinct nominations",
                "từ 1 đến 500 hồ sơ, không trùng",
            );
        }
        c.finish()?;
        let now = st.clock.now().naive_utc();
        let submission = SubmissionRow {
            id: new_id(),
            round_id: round.id.clone(),
            movement_id: movement.id.clone(),
            letter_number,
            letter_date: body.letter_date,
            note,
            sent_by: actor.user_id.clone(),
            sent_at: now,
        };
        repo::insert_submission(conn, &submission)?;
        let mut refused = Vec::new();
        let mut rows = Vec::new();
        for id in &ids {
            let row = match crate::app::nominations::visible_row(conn, &actor, id) {
                Ok((row, _)) => row,
                Err(_) => {
                    refused.push(serde_json::json!({"id": id, "current_state": null}));
                    continue;
                }
            };
            let from = row.status;
            let form = row.award_form;
            let submitter = review::last_submitter(conn, "nomination", &row.id)?;
            if row.round_id != round.id || workflow::step(from, Step::Consolidate, form).is_none() {
                refused.push(serde_json::json!({"id": id, "current_state": from.as_str()}));
            } else if !allows(
                &actor,
                Permission::ReviewRecord {
                    movement: movement_roles(&movement),
                    submitted_by: submitter.as_deref(),
                },
            ) {
                return Err(ApiError::forbidden());
            } else {
                rows.push(row);
            }
        }
        if !refused.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidState)
                .detail(
                    "Only submitted nominations of the round can be consolidated",
                    "Chỉ tổng hợp được hồ sơ đã gửi của đợt khen thưởng này",
                )
                .with("nominations", refused));
        }
        for before in rows {
            let mut row = before.clone();
            row.status = State::Consolidated;
            row.submission_id = Some(submission.id.clone());
            row.consolidated_at = Some(now);
            row.version += 1;
            row.updated_at = now;
            if !repo::update(conn, &row, before.version)? {
                return Err(ApiError::stale());
            }
            repo::add_to_submission(conn, &submission.id, &row.id)?;
            review::record_step(
                conn,
                "nomination",
                &row.id,
                "consolidate",
                "submitted",
                "consolidated",
                &actor,
                "dic_officer",
                Some(&submission.letter_number),
                now,
            )?;
        }
        let out = to_out(conn, submission)?;
        audit_created(
            conn,
            &audit,
            "submission.create",
            "submission",
            &out.id,
            &out,
        )?;
        Created::new(&out, format!("/api/v1/submissions/{}", out.id), None)
    })
    .await
}

/// Submissions of the movements the caller reviews, oldest first.
#[utoipa::path(tag = "nominations", params(SubmissionQuery), responses((status = 200, description = "A page of submissions", body = SubmissionPage)))]
#[get("/submissions")]
pub async fn list_submissions(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<SubmissionQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    let actor = caller.actor;
    let out = run(&state.pool, move |conn| {
        let readable = crate::api::review::report_readable_movements(conn, &actor)?;
        let rows = repo::list_submissions(
            conn,
            &readable,
            q.round_id.as_deref(),
            after.as_deref(),
            limit + 1,
        )?;
        let (rows, next) = paginate(rows, limit, |r| r.id.clone(), |r| r);
        Ok(SubmissionPage {
            items: to_outs(conn, rows)?,
            next_cursor: next,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Read a submission with its nominations.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Submission id")),
    responses((status = 200, description = "The submission", body = Submission), (status = 404, description = "No such submission, or not one of a movement the caller reviews"))
)]
#[get("/submissions/{id}")]
pub async fn get_submission(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = run(&state.pool, move |conn| {
        let row = repo::find_submission(conn, &id)?.ok_or_else(ApiError::not_found)?;
        let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
        if !allows(
            &caller.actor,
            Permission::ReadReportStatus {
                movement: movement_roles(&movement),
            },
        ) {
            return Err(ApiError::not_found());
        }
        to_out(conn, row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
