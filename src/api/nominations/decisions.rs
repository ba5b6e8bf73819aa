//! The Chair's decisions (Quyết định khen thưởng): a number from the People's
//! Committee's register (unique per issuer and year, never generated), the signing date
//! and signer, and the approved provincial-merit nominations it awards — never past the
//! round's quota for each nominee kind, even when two decisions arrive at once.

use crate::api::rounds::NomineeKind;
use crate::api::{
    audit_actor, audit_created, create_idempotent, decode_cursor, page_limit, page_type, paginate,
    run, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, DecisionRow, NominationRow};
use crate::db::repo::{decisions as repo, movements, nominations};
use crate::db::DbConnection;
use crate::domain::nomination::{self as workflow, State, Step};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "nominee_kind": "individual",
    "nominee_name": "Nguyễn Thị Hoa", "workplace": "UBND Huyện Tháp Mười"}))]
pub struct Awardee {
    pub nomination_id: String,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    /// The individual's workplace, or the collective's unit.
    pub workplace: String,
}

impl From<NominationRow> for Awardee {
    fn from(r: NominationRow) -> Self {
        Self {
            nominee_kind: r.nominee_kind,
            nomination_id: r.id,
            nominee_name: r.nominee_name,
            workplace: r.workplace,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f50", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "number": "123/QĐ-UBND", "year": 2025,
    "signed_on": "2025-12-20", "signer": "Chủ tịch UBND Tỉnh", "awardees": [], "created_at": "2025-12-20T08:00:00Z"
}))]
pub struct Decision {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// As in the People's Committee's register, e.g. "123/QĐ-UBND".
    pub number: String,
    pub year: i32,
    pub signed_on: NaiveDate,
    pub signer: String,
    pub awardees: Vec<Awardee>,
    pub created_at: DateTime<Utc>,
}

page_type!(DecisionPage, Decision);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "number": "123/QĐ-UBND", "signed_on": "2025-12-20",
    "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"]}))]
pub struct NewDecision {
    pub round_id: String,
    /// The number in the register (never generated here).
    #[schema(min_length = 1, max_length = 50)]
    pub number: String,
    pub signed_on: NaiveDate,
    #[schema(min_length = 1, max_length = 200)]
    pub signer: String,
    /// Approved provincial-merit nominations of the round.
    #[schema(min_items = 1, max_items = 500)]
    pub nomination_ids: Vec<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionQuery {
    pub round_id: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

pub fn to_out(conn: &mut DbConnection, row: DecisionRow) -> Result<Decision, ApiError> {
    let mut out = to_outs(conn, vec![row])?;
    out.pop()
        .ok_or_else(|| ApiError::internal("decision not rendered"))
}

/// The decisions with their awardees, in the order given (one query for the awardees of
/// them all).
fn to_outs(conn: &mut DbConnection, rows: Vec<DecisionRow>) -> Result<Vec<Decision>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut awardees: HashMap<String, Vec<Awardee>> = HashMap::new();
    for (decision_id, nomination) in repo::nominations_of(conn, &ids)? {
        awardees
            .entry(decision_id)
            .or_default()
            .push(Awardee::from(nomination));
    }
    Ok(rows
        .into_iter()
        .map(|row| Decision {
            awardees: awardees.remove(&row.id).unwrap_or_default(),
            id: row.id,
            round_id: row.round_id,
            movement_id: row.movement_id,
            number: row.number,
            year: row.year,
            signed_on: row.signed_on,
            signer: row.signer,
            created_at: row.created_at.and_utc(),
        })
        .collect())
}

/// Record the Chair's decision awarding Bằng khen to approved nominations. Refused as a
/// whole when it would pass the round's quota for a nominee kind (409 `quota_exceeded`
/// with the quota, the places used and those requested), when a nominee is flagged
/// (409 `nominee_flagged`) or a nomination is not approved (409 `invalid_state`), and
/// when the number is already in the register for that year (409 `already_exists`).
#[utoipa::path(
    tag = "nominations",
    request_body = NewDecision,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Recorded; the nominations are awarded", body = Decision,
            headers(("Location" = String, description = "The decision"))),
        (status = 403, description = "Only the Chair decides"),
        (status = 404, description = "No such round"),
        (status = 409, description = "Over quota (`quota_exceeded`), a flagged nominee (`nominee_flagged`), a nomination not approved (`invalid_state`), or a number already used (`already_exists`)"),
    )
)]
#[post("/decisions")]
pub async fn create_decision(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewDecision>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::Decide)?;
    let body = body.into_inner();
    let audit = audit_actor(&caller);
    let actor = caller.actor.clone();
    let st = state.clone();
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let round = movements::find_round_by_id(conn, &body.round_id)?.ok_or_else(ApiError::not_found)?;
        let movement = movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?;
        let mut c = Checks::new();
        let number = c.text("number", &body.number, 50);
        let signer = c.text("signer", &body.signer, 200);
        let mut ids = body.nomination_ids.clone();
        ids.sort();
        ids.dedup();
        if ids.is_empty() || ids.len() > 500 || ids.len() != body.nomination_ids.len() {
            c.fail("nomination_ids", "1 to 500 distinct nominations", "từ 1 đến 500 hồ sơ, không trùng");
        }
        c.finish()?;
        let year = body.signed_on.year();
        if repo::find_by_number(conn, &actor.unit_id, year, &number)?.is_some() {
            return Err(ApiError::new(ErrorCode::AlreadyExists).detail(
                format!("Decision {number} of {year} is already recorded"),
                format!("Quyết định số {number} năm {year} đã được ghi nhận"),
            ));
        }
        let mut rows = Vec::new();
        let mut refused = Vec::new();
        for id in &ids {
            let Ok((row, _)) = crate::app::nominations::visible_row(conn, &actor, id) else {
                refused.push(serde_json::json!({"id": id, "current_state": null}));
                continue;
            };
            let from = row.status;
            let form = row.award_form;
            if row.round_id != round.id || workflow::step(from, Step::Award, form).is_none() {
                refused.push(serde_json::json!({"id": id, "current_state": from.as_str(), "award_form": row.award_form}));
            } else if !row.clean_record {
                return Err(ApiError::new(ErrorCode::NomineeFlagged)
                    .detail(
                        format!("{} is declared under discipline, investigation or complaint", row.nominee_name),
                        format!("{} đang bị kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết", row.nominee_name),
                    )
                    .with("nomination_id", row.id));
            } else {
                rows.push(row);
            }
        }
        if !refused.is_empty() {
            return Err(ApiError::new(ErrorCode::InvalidState)
                .detail(
                    "Only approved provincial-merit nominations of the round can be awarded",
                    "Chỉ khen thưởng được hồ sơ Bằng khen đã thẩm định đạt của đợt này",
                )
                .with("nominations", refused));
        }
        // Take the quota places first: the conditional update decides any race.
        for kind in [NomineeKind::Collective, NomineeKind::Individual] {
            let count = rows.iter().filter(|r| r.nominee_kind == kind).count() as i32;
            if count == 0 {
                continue;
            }
            if !repo::claim(conn, &round.id, "provincial_merit", kind.as_str(), count)? {
                return Err(quota_exceeded(conn, &round.id, "provincial_merit", kind.as_str(), count)?);
            }
        }
        let now = st.clock.now().naive_utc();
        let decision = DecisionRow {
            id: new_id(),
            round_id: round.id.clone(),
            movement_id: movement.id.clone(),
            issuer_unit_id: actor.unit_id.clone(),
            number,
            year,
            signed_on: body.signed_on,
            signer,
            created_by: actor.user_id.clone(),
            created_at: now,
        };
        repo::insert(conn, &decision).map_err(|e| match ApiError::from(e) {
            e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::AlreadyExists),
            e => e,
        })?;
        for before in rows {
            let mut row = before.clone();
            row.status = State::Awarded;
            row.version += 1;
            row.updated_at = now;
            if !nominations::update(conn, &row, before.version)? {
                return Err(ApiError::stale());
            }
            repo::add_nomination(conn, &decision.id, &row.id)?;
            crate::api::review::record_step(conn, "nomination", &row.id, "award", "approved", "awarded", &actor, "chair", Some(&decision.number), now)?;
        }
        let out = to_out(conn, decision)?;
        audit_created(conn, &audit, "decision.create", "decision", &out.id, &out)?;
        Created::new(&out, format!("/api/v1/decisions/{}", out.id), None)
    })
    .await
}

/// 409 `quota_exceeded` with the quota, the places used and those requested.
pub fn quota_exceeded(
    conn: &mut DbConnection,
    round_id: &str,
    form: &str,
    kind: &str,
    count: i32,
) -> Result<ApiError, ApiError> {
    let q = repo::quota(conn, round_id, form, kind)?;
    let max = q.as_ref().and_then(|q| q.max_awards);
    let used = q.as_ref().map(|q| q.awarded).unwrap_or(0);
    Ok(ApiError::new(ErrorCode::QuotaExceeded)
        .detail(
            format!(
                "The round allows {} {form} {kind} awards; {used} are used; {count} requested",
                max.unwrap_or(0)
            ),
            format!(
                "Đợt này cho phép {} ({form}, {kind}); đã dùng {used}; đề nghị thêm {count}",
                max.unwrap_or(0)
            ),
        )
        .with("award_form", form)
        .with("nominee_kind", kind)
        .with("quota", max)
        .with("used", used)
        .with("requested", count))
}

/// Decisions, newest first (any signed-in user; they are public anyway).
#[utoipa::path(tag = "nominations", params(DecisionQuery), responses((status = 200, description = "A page of decisions", body = DecisionPage)))]
#[get("/decisions")]
pub async fn list_decisions(
    state: web::Data<AppState>,
    _caller: LegacyCaller,
    query: web::Query<DecisionQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = decision_page(&state, query.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One page of decisions (also served publicly).
pub async fn decision_page(state: &AppState, q: DecisionQuery) -> Result<DecisionPage, ApiError> {
    let limit = page_limit(q.limit)?;
    let before = decode_cursor(q.cursor.as_deref())?;
    run(&state.pool, move |conn| {
        let rows = repo::list(conn, q.round_id.as_deref(), before.as_deref(), limit + 1)?;
        let (rows, next_cursor) = paginate(rows, limit, |r| r.id.clone(), |r| r);
        let items = to_outs(conn, rows)?;
        Ok(DecisionPage { items, next_cursor })
    })
    .await
}

/// Read a decision with its awardees.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Decision id")),
    responses((status = 200, description = "The decision", body = Decision), (status = 404, description = "No such decision"))
)]
#[get("/decisions/{id}")]
pub async fn get_decision(
    state: web::Data<AppState>,
    _caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = run(&state.pool, move |conn| {
        let row = repo::find(conn, &id)?.ok_or_else(ApiError::not_found)?;
        to_out(conn, row)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
