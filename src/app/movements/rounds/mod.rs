//! Award rounds of a movement (đợt khen thưởng): nomination window, report deadline,
//! working-day limits, the dossier required, and quotas per award form and nominee kind.

mod model;

pub use model::*;

use crate::app::audit::{audit_changed, audit_created};
use crate::app::page::{decode_cursor, page_limit, paginate};
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, QuotaRow, RoundRow};
use crate::db::repo::movements as repo;
use crate::db::DbConnection;
use crate::domain::achievement::{default_appraisal_working_days, fits};
use crate::domain::award::DEFAULT_REQUIRED_DOCUMENTS;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDateTime;

fn check(row: &mut RoundRow, quotas: &[QuotaInput]) -> Result<()> {
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

fn load(conn: &mut DbConnection, movement_id: &str, id: &str) -> Result<Round> {
    let row = repo::find_round(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    let quotas = repo::quotas_of(conn, std::slice::from_ref(&row.id))?;
    Round::from_rows(row, &quotas)
}

/// A page of a movement's rounds, by code, with their quotas (404 when there is no such
/// movement).
pub fn list(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    q: RoundQuery,
) -> Result<RoundPage> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    repo::find(conn, movement_id)?.ok_or_else(ApiError::not_found)?;
    let rows = repo::list_rounds(conn, movement_id, q.kind, after.as_deref(), limit + 1)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let quotas = repo::quotas_of(conn, &ids)?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |r| r.code.clone(),
        |r| Round::from_rows(r, &quotas),
    );
    Ok(RoundPage {
        items: items.into_iter().collect::<Result<_>>()?,
        next_cursor,
    })
}

/// One round of a movement, with its quotas.
pub fn get(conn: &mut DbConnection, ctx: &Context, movement_id: &str, id: &str) -> Result<Round> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    load(conn, movement_id, id)
}

/// Opens an award round with its quotas (admin).
pub fn create(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    input: NewRound,
) -> Result<Round> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let out = insert(conn, ctx.now_utc(), movement_id, input)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "round.create",
        "round",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Checks and stores a new round and its four quotas (a form and kind not listed has
/// none fixed), recording no audit event (the demo data records one for the whole load).
pub fn insert(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    movement_id: &str,
    input: NewRound,
) -> Result<Round> {
    repo::find(conn, movement_id)?.ok_or_else(ApiError::not_found)?;
    let mut row = RoundRow {
        id: new_id(),
        movement_id: movement_id.to_string(),
        code: input.code,
        kind: input.kind,
        title: input.title,
        period_start_year: input.period_start_year,
        period_end_year: input.period_end_year,
        nomination_opens_on: input.nomination_opens_on,
        nomination_closes_on: input.nomination_closes_on,
        report_due_on: input.report_due_on,
        appraisal_working_days: input
            .appraisal_working_days
            .unwrap_or_else(|| default_appraisal_working_days(input.kind)),
        comment_working_days: input.comment_working_days.unwrap_or(10),
        required_documents: documents_text(
            input
                .required_documents
                .as_deref()
                .unwrap_or(&DEFAULT_REQUIRED_DOCUMENTS),
        ),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    check(&mut row, &input.quotas)?;
    repo::insert_round(conn, &row)?;
    for award_form in AwardForm::ALL {
        for nominee_kind in NomineeKind::ALL {
            let max_awards = input
                .quotas
                .iter()
                .find(|q| q.award_form == award_form && q.nominee_kind == nominee_kind)
                .and_then(|q| q.max_awards);
            repo::insert_quota(
                conn,
                &QuotaRow {
                    round_id: row.id.clone(),
                    award_form,
                    nominee_kind,
                    max_awards,
                    awarded: 0,
                },
            )?;
        }
    }
    load(conn, movement_id, &row.id)
}

fn apply(row: &mut RoundRow, ch: &RoundChanges) {
    if let Some(v) = &ch.code {
        row.code = v.clone();
    }
    if let Some(v) = ch.kind {
        row.kind = v;
    }
    if let Some(v) = &ch.title {
        row.title = v.clone();
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
}

/// 409 `conflict` (reason `achievement_type_mismatch`) when a nomination still in play
/// in the round has an achievement type its new kind does not take: the kind and its
/// nominations must agree (`domain::achievement::fits`).
fn require_kind_fits_nominations(conn: &mut DbConnection, row: &RoundRow) -> Result<()> {
    let held = crate::db::repo::nominations::achievement_types_in_play(conn, &row.id)?;
    let misfits: Vec<&str> = held
        .iter()
        .filter(|a| !fits(row.kind, **a))
        .map(|a| a.as_str())
        .collect();
    if misfits.is_empty() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::Conflict)
        .detail(
            format!(
                "Nominations of this round are counted as {}, which a {} round does not take",
                misfits.join(", "),
                row.kind.as_str()
            ),
            format!(
                "Đợt có hồ sơ đề nghị loại thành tích {}, không phù hợp với loại đợt {}",
                misfits.join(", "),
                row.kind.as_str()
            ),
        )
        .with("reason", "achievement_type_mismatch")
        .with("achievement_types", misfits))
}

/// Changes an award round: window, limits, dossier, quotas (admin). A quota cannot fall
/// below the places already taken (409 `quota_below_awarded`).
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    id: &str,
    ch: RoundChanges,
    expected: IfMatch,
) -> Result<Round> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let before_row = repo::find_round(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    let before = load(conn, movement_id, id)?;
    let mut row = before_row.clone();
    apply(&mut row, &ch);
    let quotas = ch.quotas.unwrap_or_default();
    check(&mut row, &quotas)?;
    if row.kind != before_row.kind {
        require_kind_fits_nominations(conn, &row)?;
    }
    row.version += 1;
    row.updated_at = ctx.now_utc();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before_row.version)?;
    if !repo::update_round(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find_round(conn, movement_id, id)?.map(|r| r.version),
        ));
    }
    for q in &quotas {
        if !repo::set_quota_max(conn, &row.id, q.award_form, q.nominee_kind, q.max_awards)? {
            return Err(ApiError::new(ErrorCode::Conflict)
                .detail(
                    "A quota cannot be set below the places already taken",
                    "Không thể đặt chỉ tiêu thấp hơn số suất đã sử dụng",
                )
                .with("reason", "quota_below_awarded"));
        }
    }
    let after = load(conn, movement_id, id)?;
    audit_changed(
        conn,
        &ctx.audit_actor(),
        "round.update",
        "round",
        &after.id,
        &before,
        &after,
    )?;
    Ok(after)
}
