//! Proposing a model and changing it while it is the unit's (draft or returned).

use super::model::{ExemplaryModel, Figure, ModelChanges, NewModel, MAX_FIGURES};
use super::{visible, RESOURCE};
use crate::app::movements::{fields_of, ContentItem};
use crate::app::version::{lost, IfMatch};
use crate::app::workflow::{self, Move};
use crate::app::{audit, Context, Result};
use crate::auth::policy::exemplary_models::edit_model;
use crate::auth::policy::require;
use crate::auth::Role;
use crate::db::models::{new_id, ModelRow, MovementRow};
use crate::db::repo::{exemplary_models as repo, movements, organisation};
use crate::db::DbConnection;
use crate::domain::exemplary_model::{started_year_ok, ModelStatus};
use crate::domain::search::normalize;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::Datelike;

/// The normalised text `q=` searches: title and who runs it.
fn search_text(row: &ModelRow) -> String {
    normalize(&format!("{} {}", row.title, row.responsible_unit))
}

/// 422 unless `code` is one of the movement's fields.
fn check_field(c: &mut Checks, movement: &MovementRow, code: &str) -> Result<String> {
    let code = code.trim().to_string();
    if !fields_of(movement)?.iter().any(|f| f.code == code) {
        c.fail(
            "field_code",
            "not a field of the movement",
            "không phải lĩnh vực của phong trào",
        );
    }
    Ok(code)
}

/// 422 unless `code` is one of the movement's content items (a–j).
fn check_item(c: &mut Checks, movement: &MovementRow, code: &str) -> Result<String> {
    let code = code.trim().to_string();
    let items: Vec<ContentItem> =
        serde_json::from_str(&movement.content_items).map_err(ApiError::internal)?;
    if !items.iter().any(|i| i.code == code) {
        c.fail(
            "content_item",
            "not a content item of the movement",
            "không phải nội dung thi đua của phong trào",
        );
    }
    Ok(code)
}

/// The figures as stored (JSON), each checked.
fn checked_figures(c: &mut Checks, figures: &[Figure]) -> Result<String> {
    if figures.len() > MAX_FIGURES {
        c.fail(
            "figures",
            format!("at most {MAX_FIGURES} figures"),
            format!("tối đa {MAX_FIGURES} số liệu"),
        );
    }
    let mut out = Vec::with_capacity(figures.len());
    for (i, f) in figures.iter().enumerate() {
        let indicator = c.text(&format!("figures[{i}].indicator"), &f.indicator, 300);
        let unit_of_measure = c.optional_text(
            &format!("figures[{i}].unit_of_measure"),
            &f.unit_of_measure,
            100,
        );
        if !f.value.is_finite() {
            c.fail(
                &format!("figures[{i}].value"),
                "must be a number",
                "phải là một số",
            );
        }
        out.push(Figure {
            indicator,
            value: f.value,
            unit_of_measure,
        });
    }
    serde_json::to_string(&out).map_err(ApiError::internal)
}

fn check_started(c: &mut Checks, ctx: &Context, year: i32) {
    let this_year = ctx.today.year();
    if !started_year_ok(year, this_year) {
        c.fail(
            "started_year",
            format!("must be between 2000 and this year ({this_year})"),
            format!("phải từ năm 2000 đến năm nay ({this_year})"),
        );
    }
}

/// Proposes a model for the caller's unit (or `unit_id`): its officers and head (403);
/// the movement must exist and the field and content item be its own (422). A draft,
/// with its creation in the history; audited as `exemplary_model.create`.
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewModel) -> Result<ExemplaryModel> {
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    require(&ctx.actor, edit_model(&unit_id))?;
    let unit = organisation::find_unit(conn, &unit_id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &input.movement_id)?.ok_or_else(|| {
        ApiError::invalid("movement_id", "no such movement", "không có phong trào này")
    })?;
    let mut c = Checks::new();
    let title = c.text("title", &input.title, 500);
    let field_code = check_field(&mut c, &movement, &input.field_code)?;
    let content_item = check_item(&mut c, &movement, &input.content_item)?;
    let description = c.optional_text("description", &input.description, 10_000);
    let results = c.text("results", &input.results, 10_000);
    let figures = checked_figures(&mut c, &input.figures)?;
    let responsible_unit = match input.responsible_unit.as_deref() {
        Some(r) if !r.trim().is_empty() => c.text("responsible_unit", r, 300),
        _ => unit.name.clone(),
    };
    check_started(&mut c, ctx, input.started_year);
    c.finish()?;
    let t = ctx.now_utc();
    let mut row = ModelRow {
        id: new_id(),
        movement_id: movement.id.clone(),
        unit_id,
        title,
        search_text: String::new(),
        field_code,
        content_item,
        description,
        results,
        figures,
        responsible_unit,
        started_year: input.started_year,
        status: ModelStatus::Draft,
        submitted_at: None,
        return_reason: None,
        decision_issuer_unit_id: None,
        decision_number: None,
        decision_date: None,
        decision_year: None,
        recognized_at: None,
        retired_at: None,
        retire_reason: None,
        version: 1,
        created_by: ctx.actor.user_id.clone(),
        created_at: t,
        updated_at: t,
    };
    row.search_text = search_text(&row);
    repo::insert(conn, &row)?;
    let acted_as = [Role::UnitOfficer, Role::UnitHead]
        .into_iter()
        .find(|r| ctx.actor.has(*r))
        .map_or("", Role::as_str);
    workflow::record(
        conn,
        ctx,
        RESOURCE,
        &row.id,
        &Move {
            action: "create",
            from: "",
            to: ModelStatus::Draft.as_str(),
            acted_as,
            comment: None,
        },
    )?;
    let out = ExemplaryModel::from_row(row, unit.name)?;
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.create",
        RESOURCE,
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// 409 `invalid_state` unless the unit may still change the model.
pub(super) fn require_editable(status: ModelStatus) -> Result<()> {
    if status.editable() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::InvalidState)
        .detail(
            format!("A {status} model can no longer be changed"),
            format!("Mô hình ở trạng thái {status} không thể sửa"),
        )
        .with("current_state", status.as_str()))
}

/// Changes a draft or returned model: its unit's officers and head, at the version read
/// (412 when stale). Audited as `exemplary_model.update`.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    changes: ModelChanges,
    expected: IfMatch,
) -> Result<ExemplaryModel> {
    let (before, unit_name, movement) = visible(conn, ctx, id)?;
    require(&ctx.actor, edit_model(&before.unit_id))?;
    require_editable(before.status)?;
    let mut row = before.clone();
    let mut c = Checks::new();
    if let Some(t) = &changes.title {
        row.title = c.text("title", t, 500);
    }
    if let Some(f) = &changes.field_code {
        row.field_code = check_field(&mut c, &movement, f)?;
    }
    if let Some(i) = &changes.content_item {
        row.content_item = check_item(&mut c, &movement, i)?;
    }
    if let Some(d) = &changes.description {
        row.description = c.optional_text("description", d, 10_000);
    }
    if let Some(r) = &changes.results {
        row.results = c.text("results", r, 10_000);
    }
    if let Some(f) = &changes.figures {
        row.figures = checked_figures(&mut c, f)?;
    }
    if let Some(r) = &changes.responsible_unit {
        row.responsible_unit = c.text("responsible_unit", r, 300);
    }
    if let Some(y) = changes.started_year {
        check_started(&mut c, ctx, y);
        row.started_year = y;
    }
    c.finish()?;
    let version = expected.check(before.version)?;
    row.search_text = search_text(&row);
    row.version += 1;
    row.updated_at = ctx.now_utc();
    if !repo::update(conn, &row, version)? {
        return Err(lost(repo::find(conn, id)?.map(|(r, _)| r.version)));
    }
    let old = ExemplaryModel::from_row(before, unit_name.clone())?;
    let new = ExemplaryModel::from_row(row, unit_name)?;
    audit::audit_changed(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.update",
        RESOURCE,
        &new.id,
        &old,
        &new,
    )?;
    Ok(new)
}
