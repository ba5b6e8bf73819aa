//! Nominations (đề nghị khen thưởng): a unit proposes a collective or an individual for
//! the Chair's Bằng khen or a state award, with a dossier; the unit's head submits; DIC
//! may return it; the unit may withdraw it before consolidation. The steps follow the
//! state machine of `domain::nomination`.

mod documents;
mod model;
mod outcomes;
mod postings;
mod rules;
mod steps;

pub use documents::*;
pub use model::*;
pub use outcomes::*;
pub use postings::*;
use rules::*;
pub use steps::*;

use crate::api::plans::movement_roles;
use crate::api::review::{self, History, ReturnReason, StepComment};
use crate::api::rounds::NomineeKind;
use crate::api::{
    audit_actor, audit_changed, audit_created, create_idempotent, decode_cursor, if_match,
    ok_versioned, page_limit, paginate, run, text_filter, transaction, Created, OptionalJson,
};
use crate::auth::policy::{require, Permission};
use crate::auth::{LegacyCaller, Role};
use crate::db::models::{new_id, NominationRow};
use crate::db::repo::{movements, nominations as repo};
use crate::domain::nomination::{self as workflow, State, Step};
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};

/// List the nominations the caller may see: their unit's, and the submitted ones of the
/// movements they review.
#[utoipa::path(tag = "nominations", params(NominationQuery), responses((status = 200, description = "A page of nominations, oldest first", body = NominationPage)))]
#[get("/nominations")]
pub async fn list_nominations(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<NominationQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::NominationFilter {
        round_id: q.round_id,
        unit_id: q.unit_id,
        status: q.status.map(|s| s.as_str().to_string()),
        award_form: q.award_form.map(|f| f.as_str().to_string()),
        nominee_kind: q.nominee_kind.map(|k| k.as_str().to_string()),
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
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
        |r| Nomination::from_row(r, None),
    );
    Ok(HttpResponse::Ok().json(NominationPage { items, next_cursor }))
}

/// Read a nomination, with what its dossier still lacks.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Nomination id")),
    responses(
        (status = 200, description = "The nomination", body = Nomination, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such nomination, or not visible to the caller (another unit's draft)"),
    )
)]
#[get("/nominations/{id}")]
pub async fn get_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = run(&state.pool, move |conn| {
        let (row, _) = load_visible(conn, &caller.actor, &id)?;
        read(conn, row, &caller.actor)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

/// Draft a nomination for the caller's unit, inside the round's nomination window
/// (unit officer or head). The same nominee twice in one round is refused.
#[utoipa::path(
    tag = "nominations",
    request_body = NewNomination,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Drafted", body = Nomination,
            headers(("Location" = String, description = "The new nomination"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the unit's officers and head draft its nominations"),
        (status = 404, description = "No such round"),
        (status = 409, description = "Outside the nomination window (`round_closed`), or the nominee is already nominated in the round (`duplicate_nomination`)"),
    )
)]
#[post("/nominations")]
pub async fn create_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewNomination>,
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
        let round =
            movements::find_round_by_id(conn, &body.round_id)?.ok_or_else(ApiError::not_found)?;
        let mut c = Checks::new();
        let summary = c.text("achievement_summary", &body.achievement_summary, 10_000);
        c.finish()?;
        let t = st.clock.now().naive_utc();
        let mut row = NominationRow {
            id: new_id(),
            round_id: round.id.clone(),
            movement_id: round.movement_id.clone(),
            unit_id: unit_id.clone(),
            award_form: body.award_form.as_str().into(),
            nominee_kind: body.nominee_kind.as_str().into(),
            nominee_unit_id: None,
            nominee_name: String::new(),
            nominee_search: String::new(),
            nominee_key: String::new(),
            women_share_percent: None,
            gender: None,
            birth_year: None,
            position: String::new(),
            workplace: String::new(),
            achievement_summary: summary,
            clean_record: body.clean_record,
            status: State::Draft.as_str().into(),
            submitted_at: None,
            return_reason: None,
            submission_id: None,
            consolidated_at: None,
            appraisal_verdict: None,
            appraisal_opinion: None,
            appraised_at: None,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        set_nominee(
            conn,
            &mut row,
            body.nominee_kind,
            body.collective.as_ref(),
            body.individual.as_ref(),
        )?;
        require_open(&round, st.today())?;
        require_not_duplicate(conn, &row)?;
        repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
            // Two drafts of the same nominee at the same moment: the index decides.
            e if e.code == ErrorCode::AlreadyExists => {
                ApiError::new(ErrorCode::DuplicateNomination)
            }
            e => e,
        })?;
        review::record_step(
            conn,
            "nomination",
            &row.id,
            "create",
            "",
            "draft",
            &actor,
            review::acting_role(&actor, None),
            None,
            t,
        )?;
        let out = read(conn, row, &actor)?;
        audit_created(
            conn,
            &audit,
            "nomination.create",
            "nomination",
            &out.id,
            &out,
        )?;
        Created::new(
            &out,
            format!("/api/v1/nominations/{}", out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a draft or returned nomination (unit officer or head).
#[utoipa::path(
    tag = "nominations",
    request_body = NominationChanges,
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed nomination", body = Nomination, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the proposing unit's officers and head change it"),
        (status = 404, description = "No such nomination, or not visible to the caller"),
        (status = 409, description = "Not editable in its state (`invalid_state`), or the new nominee is already nominated (`duplicate_nomination`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/nominations/{id}")]
pub async fn update_nomination(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NominationChanges>,
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
        require_editable(&before)?;
        let old = read(conn, before.clone(), &caller.actor)?;
        let mut row = before.clone();
        if ch.collective.is_some() || ch.individual.is_some() {
            let kind = NomineeKind::parse(&row.nominee_kind).unwrap_or(NomineeKind::Individual);
            set_nominee(
                conn,
                &mut row,
                kind,
                ch.collective.as_ref(),
                ch.individual.as_ref(),
            )?;
        }
        if let Some(s) = &ch.achievement_summary {
            let mut c = Checks::new();
            row.achievement_summary = c.text("achievement_summary", s, 10_000);
            c.finish()?;
        }
        if let Some(v) = ch.clean_record {
            row.clean_record = v;
        }
        require_not_duplicate(conn, &row)?;
        let expected = expected.check(before.version)?;
        row.version += 1;
        row.updated_at = st.clock.now().naive_utc();
        if !repo::update(conn, &row, expected).map_err(|e| match ApiError::from(e) {
            e if e.code == ErrorCode::AlreadyExists => {
                ApiError::new(ErrorCode::DuplicateNomination)
            }
            e => e,
        })? {
            return Err(ApiError::stale());
        }
        let new = read(conn, row, &caller.actor)?;
        audit_changed(
            conn,
            &audit,
            "nomination.update",
            "nomination",
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

fn require_editable(row: &NominationRow) -> Result<(), ApiError> {
    let s = state_of(row);
    if s.editable() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::InvalidState)
        .detail(
            format!("A {} nomination can no longer be changed", s.as_str()),
            format!("Hồ sơ đề nghị ở trạng thái {} không thể sửa", s.as_str()),
        )
        .with("current_state", s.as_str()))
}
