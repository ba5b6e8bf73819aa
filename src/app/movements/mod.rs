//! Emulation movements: theme, period, legal basis, the standing and appraising units
//! (set per movement: the organisation changes), fields and content items; their
//! criteria and award rounds.

pub mod criteria;
mod model;
pub mod rounds;

pub use model::*;

use crate::app::audit::{audit_changed, audit_created};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter, year_filter};
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, MovementRow};
use crate::db::repo::{movements as repo, organisation};
use crate::db::DbConnection;
use crate::domain::search::normalize;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDateTime;

/// Checks a movement as it would be stored.
fn check_movement(conn: &mut DbConnection, m: &NewMovement) -> Result<NewMovement> {
    let mut c = Checks::new();
    let mut out = m.clone();
    out.code = c.code("code", &m.code, 40);
    out.title = c.text("title", &m.title, 500);
    out.theme = c.text("theme", &m.theme, 1000);
    out.legal_basis = c.optional_text("legal_basis", &m.legal_basis, 4000);
    out.plan_document = c.optional_text("plan_document", &m.plan_document, 1000);
    c.range_i32("period_start_year", m.period_start_year, 2000, 2100);
    c.range_i32("period_end_year", m.period_end_year, 2000, 2100);
    if m.period_end_year < m.period_start_year {
        c.fail(
            "period_end_year",
            "must not be before period_start_year",
            "không được trước năm bắt đầu",
        );
    }
    for (name, id) in [
        ("standing_unit_id", &m.standing_unit_id),
        ("appraising_unit_id", &m.appraising_unit_id),
    ] {
        if organisation::find_unit(conn, id)?.is_none() {
            c.fail(name, "no such unit", "không có đơn vị này");
        }
    }
    c.range_i32("annual_report_due_month", m.annual_report_due_month, 1, 12);
    c.range_i32("review_working_days", m.review_working_days, 1, 365);
    // Checked in a common year: a 29 February deadline would not exist three years in four.
    if chrono::NaiveDate::from_ymd_opt(
        2023,
        u32::try_from(m.annual_report_due_month.clamp(1, 12)).unwrap_or(1),
        u32::try_from(m.annual_report_due_day.max(1)).unwrap_or(1),
    )
    .is_none()
        || m.annual_report_due_day < 1
    {
        c.fail(
            "annual_report_due_day",
            "not a day of that month in every year",
            "không phải ngày có trong tháng đó ở mọi năm",
        );
    }
    if m.fields.len() > 50 || m.content_items.len() > 50 {
        c.fail(
            "fields",
            "at most 50 fields and 50 content items",
            "tối đa 50 lĩnh vực và 50 nội dung",
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (i, f) in out.fields.iter_mut().enumerate() {
        f.code = c.code(&format!("fields[{i}].code"), &f.code, 40);
        f.name = c.text(&format!("fields[{i}].name"), &f.name, 200);
        if !seen.insert(f.code.clone()) {
            c.fail(
                &format!("fields[{i}].code"),
                "duplicate code",
                "mã bị trùng",
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in out.content_items.iter_mut().enumerate() {
        item.code = c.code(&format!("content_items[{i}].code"), &item.code, 10);
        item.text = c.text(&format!("content_items[{i}].text"), &item.text, 4000);
        if !seen.insert(item.code.clone()) {
            c.fail(
                &format!("content_items[{i}].code"),
                "duplicate code",
                "mã bị trùng",
            );
        }
    }
    c.finish()?;
    Ok(out)
}

fn to_row(
    id: String,
    m: NewMovement,
    version: i32,
    created_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<MovementRow> {
    Ok(MovementRow {
        id,
        title_search: normalize(&m.title),
        code: m.code,
        title: m.title,
        theme: m.theme,
        period_start_year: m.period_start_year,
        period_end_year: m.period_end_year,
        legal_basis: m.legal_basis,
        plan_document: m.plan_document,
        standing_unit_id: m.standing_unit_id,
        appraising_unit_id: m.appraising_unit_id,
        fields: serde_json::to_string(&m.fields).map_err(ApiError::internal)?,
        content_items: serde_json::to_string(&m.content_items).map_err(ApiError::internal)?,
        annual_report_due_month: m.annual_report_due_month,
        annual_report_due_day: m.annual_report_due_day,
        review_working_days: m.review_working_days,
        version,
        created_at,
        updated_at: now,
    })
}

/// A page of movements, by code (signed in).
pub fn list(conn: &mut DbConnection, ctx: &Context, q: MovementQuery) -> Result<MovementPage> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    page(conn, q)
}

/// A page of movements, by code: open data, for anyone.
pub fn page(conn: &mut DbConnection, q: MovementQuery) -> Result<MovementPage> {
    let limit = page_limit(q.limit)?;
    let filter = repo::MovementFilter {
        q: text_filter("q", q.q, 200)?,
        year: year_filter(q.year)?,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list(conn, &filter)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Movement::from_row);
    Ok(MovementPage {
        items: items.into_iter().collect::<Result<_>>()?,
        next_cursor,
    })
}

/// One movement (signed in).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Movement> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    find(conn, id)
}

/// One movement: open data, for anyone (404 when there is none).
pub fn find(conn: &mut DbConnection, id: &str) -> Result<Movement> {
    Movement::from_row(repo::find(conn, id)?.ok_or_else(ApiError::not_found)?)
}

/// Launches a movement (admin).
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewMovement) -> Result<Movement> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let out = insert(conn, ctx.now_utc(), input)?;
    let actor = ctx.audit_actor();
    audit_created(conn, &actor, "movement.create", "movement", &out.id, &out)?;
    Ok(out)
}

/// Checks and stores a new movement, recording no audit event (the demo data records
/// one event for the whole load).
pub fn insert(conn: &mut DbConnection, now: NaiveDateTime, input: NewMovement) -> Result<Movement> {
    let m = check_movement(conn, &input)?;
    let row = to_row(new_id(), m, 1, now, now)?;
    repo::insert(conn, &row)?;
    Movement::from_row(row)
}

fn merge(before: &Movement, ch: MovementChanges) -> NewMovement {
    NewMovement {
        code: ch.code.unwrap_or_else(|| before.code.clone()),
        title: ch.title.unwrap_or_else(|| before.title.clone()),
        theme: ch.theme.unwrap_or_else(|| before.theme.clone()),
        period_start_year: ch.period_start_year.unwrap_or(before.period_start_year),
        period_end_year: ch.period_end_year.unwrap_or(before.period_end_year),
        legal_basis: ch.legal_basis.unwrap_or_else(|| before.legal_basis.clone()),
        plan_document: ch
            .plan_document
            .unwrap_or_else(|| before.plan_document.clone()),
        standing_unit_id: ch
            .standing_unit_id
            .unwrap_or_else(|| before.standing_unit_id.clone()),
        appraising_unit_id: ch
            .appraising_unit_id
            .unwrap_or_else(|| before.appraising_unit_id.clone()),
        fields: ch.fields.unwrap_or_else(|| before.fields.clone()),
        content_items: ch
            .content_items
            .unwrap_or_else(|| before.content_items.clone()),
        annual_report_due_month: ch
            .annual_report_due_month
            .unwrap_or(before.annual_report_due_month),
        annual_report_due_day: ch
            .annual_report_due_day
            .unwrap_or(before.annual_report_due_day),
        review_working_days: ch.review_working_days.unwrap_or(before.review_working_days),
    }
}

/// Changes a movement (admin), e.g. hands the standing role to another unit after a
/// merger. A field its criteria still use cannot go (409 `in_use`).
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    ch: MovementChanges,
    expected: IfMatch,
) -> Result<Movement> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let before_row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let before = Movement::from_row(before_row.clone())?;
    let m = check_movement(conn, &merge(&before, ch))?;
    // A field still used by criteria cannot go: they would point at nothing.
    let orphaned: Vec<String> = repo::criteria_field_codes(conn, id)?
        .into_iter()
        .filter(|code| !m.fields.iter().any(|f| &f.code == code))
        .collect();
    if !orphaned.is_empty() {
        return Err(ApiError::new(ErrorCode::InUse)
            .detail(
                format!("Criteria still use the fields {}", orphaned.join(", ")),
                format!("Các tiêu chí vẫn dùng lĩnh vực {}", orphaned.join(", ")),
            )
            .with("fields_in_use", orphaned));
    }
    let row = to_row(
        id.to_string(),
        m,
        before_row.version + 1,
        before_row.created_at,
        ctx.now_utc(),
    )?;
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before_row.version)?;
    if !repo::update(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find(conn, &row.id)?.map(|r| r.version),
        ));
    }
    let after = Movement::from_row(row)?;
    let actor = ctx.audit_actor();
    audit_changed(
        conn,
        &actor,
        "movement.update",
        "movement",
        &after.id,
        &before,
        &after,
    )?;
    Ok(after)
}
