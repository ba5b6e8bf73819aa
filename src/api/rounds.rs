//! Award rounds of a movement (đợt khen thưởng): nomination window, report deadline,
//! working-day limits, the dossier required, and quotas per award form and nominee kind.

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, now, QuotaRow, RoundRow};
use crate::db::repo::movements as repo;
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use crate::domain::award::{
    AwardForm, DocumentKind, NomineeKind, RoundKind, DEFAULT_REQUIRED_DOCUMENTS,
};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10}))]
pub struct QuotaInput {
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    /// null: no fixed quota (state awards follow the Emulation Board's guidance).
    #[schema(minimum = 0, maximum = 100000)]
    pub max_awards: Option<i32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10, "awarded": 7}))]
pub struct Quota {
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub max_awards: Option<i32>,
    /// Places taken so far: Bằng khen by the Chair's decisions, state awards when the
    /// Chair forwards them to the central level.
    pub awarded: i32,
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea0", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "code": "SK-2022-2023", "kind": "interim", "title": "Sơ kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2023",
    "period_start_year": 2022, "period_end_year": 2023, "nomination_opens_on": "2023-10-01", "nomination_closes_on": "2023-11-30",
    "report_due_on": "2023-11-15", "appraisal_working_days": 25, "comment_working_days": 10,
    "required_documents": ["proposal_letter", "council_minutes", "achievement_report", "achievement_summary", "movement_report", "launch_plan"],
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10, "awarded": 0},
               {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 20, "awarded": 0}],
    "version": 1, "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Round {
    pub id: String,
    pub movement_id: String,
    pub code: String,
    pub kind: RoundKind,
    pub title: String,
    pub period_start_year: i32,
    pub period_end_year: i32,
    /// First day nominations are accepted.
    pub nomination_opens_on: NaiveDate,
    /// Last day nominations are accepted.
    pub nomination_closes_on: NaiveDate,
    /// Interim/final reports are due by this day.
    pub report_due_on: Option<NaiveDate>,
    /// Working days Home Affairs has to appraise, counted from consolidation.
    pub appraisal_working_days: i32,
    /// Working days state-level nominees stay posted for public comment.
    pub comment_working_days: i32,
    pub required_documents: Vec<DocumentKind>,
    pub quotas: Vec<Quota>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Round {
    pub fn from_rows(r: RoundRow, quotas: &[QuotaRow]) -> Self {
        Self {
            quotas: quotas
                .iter()
                .filter(|q| q.round_id == r.id)
                .filter_map(|q| {
                    Some(Quota {
                        award_form: AwardForm::parse(&q.award_form)?,
                        nominee_kind: NomineeKind::parse(&q.nominee_kind)?,
                        max_awards: q.max_awards,
                        awarded: q.awarded,
                    })
                })
                .collect(),
            required_documents: r
                .required_documents
                .split_whitespace()
                .filter_map(DocumentKind::parse)
                .collect(),
            kind: RoundKind::parse(&r.kind).unwrap_or(RoundKind::Interim),
            id: r.id,
            movement_id: r.movement_id,
            code: r.code,
            title: r.title,
            period_start_year: r.period_start_year,
            period_end_year: r.period_end_year,
            nomination_opens_on: r.nomination_opens_on,
            nomination_closes_on: r.nomination_closes_on,
            report_due_on: r.report_due_on,
            appraisal_working_days: r.appraisal_working_days,
            comment_working_days: r.comment_working_days,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

page_type!(RoundPage, Round);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "code": "TK-2022-2025", "kind": "final", "title": "Tổng kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2025",
    "period_start_year": 2022, "period_end_year": 2025, "nomination_opens_on": "2025-10-01", "nomination_closes_on": "2025-11-30",
    "report_due_on": "2025-11-15",
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 20},
               {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 30}]
}))]
pub struct NewRound {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    pub kind: RoundKind,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: i32,
    pub nomination_opens_on: NaiveDate,
    pub nomination_closes_on: NaiveDate,
    pub report_due_on: Option<NaiveDate>,
    /// Default 25.
    #[schema(minimum = 1, maximum = 365)]
    pub appraisal_working_days: Option<i32>,
    /// Default 10.
    #[schema(minimum = 1, maximum = 365)]
    pub comment_working_days: Option<i32>,
    /// Default: the plan's list (all kinds but `other`).
    pub required_documents: Option<Vec<DocumentKind>>,
    /// Award forms and nominee kinds not listed have no fixed quota.
    #[serde(default)]
    #[schema(max_items = 4)]
    pub quotas: Vec<QuotaInput>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"nomination_closes_on": "2025-12-10",
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 30}]}))]
pub struct RoundChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    pub kind: Option<RoundKind>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: Option<i32>,
    pub nomination_opens_on: Option<NaiveDate>,
    pub nomination_closes_on: Option<NaiveDate>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub report_due_on: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 365)]
    pub appraisal_working_days: Option<i32>,
    #[schema(minimum = 1, maximum = 365)]
    pub comment_working_days: Option<i32>,
    pub required_documents: Option<Vec<DocumentKind>>,
    /// Quotas to change; a maximum below what is already awarded is refused (409).
    #[schema(max_items = 4)]
    pub quotas: Option<Vec<QuotaInput>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub kind: Option<RoundKind>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn check(row: &mut RoundRow, quotas: &[QuotaInput]) -> Result<(), ApiError> {
    let mut c = Checks::new();
    row.code = c.code("code", &row.code, 40);
    row.title = c.text("title", &row.title, 500);
    c.range_i32("period_start_year", row.period_start_year, 2000, 2100);
    c.range_i32("period_end_year", row.period_end_year, 2000, 2100);
    if row.period_end_year < row.period_start_year {
        c.fail(
            "period_end_year",
            "must not be before period_start_year",
            "không được trước năm bắt đầu",
        );
    }
    if row.nomination_closes_on < row.nomination_opens_on {
        c.fail(
            "nomination_closes_on",
            "must not be before nomination_opens_on",
            "không được trước ngày mở nhận hồ sơ",
        );
    }
    c.range_i32("appraisal_working_days", row.appraisal_working_days, 1, 365);
    c.range_i32("comment_working_days", row.comment_working_days, 1, 365);
    let mut seen = std::collections::HashSet::new();
    for (i, q) in quotas.iter().enumerate() {
        if !seen.insert((q.award_form, q.nominee_kind)) {
            c.fail(
                &format!("quotas[{i}]"),
                "award form and nominee kind listed twice",
                "hình thức và đối tượng bị lặp",
            );
        }
        if let Some(m) = q.max_awards {
            c.range_i32(&format!("quotas[{i}].max_awards"), m, 0, 100_000);
        }
    }
    c.finish()
}

/// The plan's dossier as stored on a round.
pub fn default_required_documents() -> String {
    documents_text(&DEFAULT_REQUIRED_DOCUMENTS)
}

fn documents_text(docs: &[DocumentKind]) -> String {
    let mut d = docs.to_vec();
    d.sort();
    d.dedup();
    d.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" ")
}

fn load(conn: &mut DbConnection, movement_id: &str, id: &str) -> Result<Round, ApiError> {
    let row = repo::find_round(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    let quotas = repo::quotas_of(conn, std::slice::from_ref(&row.id))?;
    Ok(Round::from_rows(row, &quotas))
}

/// List a movement's award rounds.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id"), RoundQuery),
    responses((status = 200, description = "A page of rounds, by code", body = RoundPage), (status = 404, description = "No such movement"))
)]
#[get("/movements/{movement_id}/rounds")]
pub async fn list_rounds(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<String>,
    query: web::Query<RoundQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let movement_id = path.into_inner();
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    let (rows, quotas) = run(&state.pool, move |conn| {
        repo::find(conn, &movement_id)?.ok_or_else(ApiError::not_found)?;
        let rows = repo::list_rounds(
            conn,
            &movement_id,
            q.kind.map(|k| k.as_str()),
            after.as_deref(),
            limit + 1,
        )?;
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let quotas = repo::quotas_of(conn, &ids)?;
        Ok((rows, quotas))
    })
    .await?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |r| r.code.clone(),
        |r| Round::from_rows(r, &quotas),
    );
    Ok(HttpResponse::Ok().json(RoundPage { items, next_cursor }))
}

/// Read one award round with its quotas.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id"), ("id" = String, Path, description = "Round id")),
    responses(
        (status = 200, description = "The round", body = Round, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement or round"),
    )
)]
#[get("/movements/{movement_id}/rounds/{id}")]
pub async fn get_round(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let (movement_id, id) = path.into_inner();
    let round = run(&state.pool, move |conn| load(conn, &movement_id, &id)).await?;
    let v = round.version;
    Ok(ok_versioned(&round, v))
}

/// Open an award round with its quotas (admin).
#[utoipa::path(
    tag = "movements",
    request_body = NewRound,
    params(
        ("movement_id" = String, Path, description = "Movement id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer"),
    ),
    responses(
        (status = 201, description = "Created", body = Round,
            headers(("Location" = String, description = "The new round"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage rounds"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The movement has a round with this code (`already_exists`)"),
    )
)]
#[post("/movements/{movement_id}/rounds")]
pub async fn create_round(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<NewRound>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let movement_id = path.into_inner();
    let body = body.into_inner();
    let actor = audit_actor(&caller);
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        repo::find(conn, &movement_id)?.ok_or_else(ApiError::not_found)?;
        let t = now();
        let mut row = RoundRow {
            id: new_id(),
            movement_id: movement_id.clone(),
            code: body.code,
            kind: body.kind.as_str().into(),
            title: body.title,
            period_start_year: body.period_start_year,
            period_end_year: body.period_end_year,
            nomination_opens_on: body.nomination_opens_on,
            nomination_closes_on: body.nomination_closes_on,
            report_due_on: body.report_due_on,
            appraisal_working_days: body.appraisal_working_days.unwrap_or(25),
            comment_working_days: body.comment_working_days.unwrap_or(10),
            required_documents: documents_text(
                body.required_documents
                    .as_deref()
                    .unwrap_or(&DEFAULT_REQUIRED_DOCUMENTS),
            ),
            version: 1,
            created_at: t,
            updated_at: t,
        };
        check(&mut row, &body.quotas)?;
        repo::insert_round(conn, &row)?;
        for form in [AwardForm::ProvincialMerit, AwardForm::StateAward] {
            for kind in [NomineeKind::Collective, NomineeKind::Individual] {
                let max = body
                    .quotas
                    .iter()
                    .find(|q| q.award_form == form && q.nominee_kind == kind)
                    .and_then(|q| q.max_awards);
                repo::insert_quota(
                    conn,
                    &QuotaRow {
                        round_id: row.id.clone(),
                        award_form: form.as_str().into(),
                        nominee_kind: kind.as_str().into(),
                        max_awards: max,
                        awarded: 0,
                    },
                )?;
            }
        }
        let out = load(conn, &movement_id, &row.id)?;
        super::audit_created(conn, &actor, "round.create", "round", &out.id, &out)?;
        Created::new(
            &out,
            format!("/api/v1/movements/{}/rounds/{}", movement_id, out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change an award round: window, limits, dossier, quotas (admin).
#[utoipa::path(
    tag = "movements",
    request_body = RoundChanges,
    params(
        ("movement_id" = String, Path, description = "Movement id"),
        ("id" = String, Path, description = "Round id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 200, description = "The changed round", body = Round, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage rounds"),
        (status = 404, description = "No such movement or round"),
        (status = 409, description = "Another round has this code, or a quota would fall below the places already taken (`quota_below_awarded`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{movement_id}/rounds/{id}")]
pub async fn update_round(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<RoundChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let expected = if_match(&req)?;
    let (movement_id, id) = path.into_inner();
    let ch = body.into_inner();
    let actor = audit_actor(&caller);
    let out = transaction(&state.pool, move |conn| {
        let before_row =
            repo::find_round(conn, &movement_id, &id)?.ok_or_else(ApiError::not_found)?;
        let before = load(conn, &movement_id, &id)?;
        let mut row = before_row.clone();
        if let Some(v) = ch.code {
            row.code = v;
        }
        if let Some(v) = ch.kind {
            row.kind = v.as_str().into();
        }
        if let Some(v) = ch.title {
            row.title = v;
        }
        if let Some(v) = ch.period_start_year {
            row.period_start_year = v;
        }
        if let Some(v) = ch.period_end_year {
            row.period_end_year = v;
        }
        if let Some(v) = ch.nomination_opens_on {
            row.nomination_opens_on = v;
        }
        if let Some(v) = ch.nomination_closes_on {
            row.nomination_closes_on = v;
        }
        if let Some(v) = ch.report_due_on {
            row.report_due_on = v;
        }
        if let Some(v) = ch.appraisal_working_days {
            row.appraisal_working_days = v;
        }
        if let Some(v) = ch.comment_working_days {
            row.comment_working_days = v;
        }
        if let Some(v) = &ch.required_documents {
            row.required_documents = documents_text(v);
        }
        let quotas = ch.quotas.unwrap_or_default();
        check(&mut row, &quotas)?;
        row.version += 1;
        row.updated_at = now();
        // Checked after the body, so a bad body is 422 whatever the precondition.
        let expected = expected.check(before_row.version)?;
        if !repo::update_round(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        for q in &quotas {
            if !repo::set_quota_max(
                conn,
                &row.id,
                q.award_form.as_str(),
                q.nominee_kind.as_str(),
                q.max_awards,
            )? {
                return Err(ApiError::new(ErrorCode::Conflict)
                    .detail(
                        "A quota cannot be set below the places already taken",
                        "Không thể đặt chỉ tiêu thấp hơn số suất đã sử dụng",
                    )
                    .with("reason", "quota_below_awarded"));
            }
        }
        let after = load(conn, &movement_id, &id)?;
        super::audit_changed(
            conn,
            &actor,
            "round.update",
            "round",
            &after.id,
            &before,
            &after,
        )?;
        Ok(after)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}
