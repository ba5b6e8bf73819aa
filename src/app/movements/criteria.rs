//! A movement's criteria (tiêu chí thi đua, the plan's appendix), defined by the
//! movement's standing unit (DIC) or an admin.

use crate::app::audit::{audit_changed, audit_created};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter};
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, CriterionRow, MovementRow};
use crate::db::repo::movements as repo;
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e90", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "code": "YT-01", "title": "Tỷ lệ bệnh viện triển khai bệnh án điện tử", "field_code": "health",
    "unit_of_measure": "%", "max_score": 8.0, "version": 1,
    "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Criterion {
    pub id: String,
    pub movement_id: String,
    pub code: String,
    pub title: String,
    /// A field code of the movement.
    pub field_code: String,
    pub unit_of_measure: String,
    pub max_score: f64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<CriterionRow> for Criterion {
    fn from(r: CriterionRow) -> Self {
        Self {
            id: r.id,
            movement_id: r.movement_id,
            code: r.code,
            title: r.title,
            field_code: r.field_code,
            unit_of_measure: r.unit_of_measure,
            max_score: r.max_score,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(CriterionPage, Criterion);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "YT-01", "title": "Tỷ lệ bệnh viện triển khai bệnh án điện tử",
    "field_code": "health", "unit_of_measure": "%", "max_score": 8.0}))]
pub struct NewCriterion {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[schema(min_length = 1, max_length = 40)]
    pub field_code: String,
    #[schema(min_length = 1, max_length = 100)]
    pub unit_of_measure: String,
    /// Greater than 0, at most 1000.
    #[schema(exclusive_minimum = 0.0, maximum = 1000.0)]
    pub max_score: f64,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"max_score": 10.0}))]
pub struct CriterionChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 40)]
    pub field_code: Option<String>,
    #[schema(min_length = 1, max_length = 100)]
    pub unit_of_measure: Option<String>,
    #[schema(exclusive_minimum = 0.0, maximum = 1000.0)]
    pub max_score: Option<f64>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CriterionQuery {
    /// Criteria of this field.
    #[param(max_length = 40)]
    pub field_code: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

fn movement(conn: &mut DbConnection, id: &str) -> Result<MovementRow> {
    repo::find(conn, id)?.ok_or_else(ApiError::not_found)
}

fn check(movement: &MovementRow, row: &mut CriterionRow) -> Result<()> {
    let mut c = Checks::new();
    row.code = c.code("code", &row.code, 40);
    row.title = c.text("title", &row.title, 500);
    row.unit_of_measure = c.text("unit_of_measure", &row.unit_of_measure, 100);
    let fields = super::fields_of(movement)?;
    if !fields.iter().any(|f| f.code == row.field_code) {
        let known = fields
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        c.fail(
            "field_code",
            format!("not a field of the movement ({known})"),
            format!("không phải lĩnh vực của phong trào ({known})"),
        );
    }
    if !(row.max_score > 0.0 && row.max_score <= 1000.0) {
        c.fail(
            "max_score",
            "must be greater than 0 and at most 1000",
            "phải lớn hơn 0 và không quá 1000",
        );
    }
    c.finish()
}

/// A page of a movement's criteria, by code (404 when there is no such movement).
pub fn list(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    q: CriterionQuery,
) -> Result<CriterionPage> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    let field_code = text_filter("field_code", q.field_code, 40)?;
    movement(conn, movement_id)?;
    let rows = repo::list_criteria(
        conn,
        movement_id,
        field_code.as_deref(),
        after.as_deref(),
        limit + 1,
    )?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Criterion::from);
    Ok(CriterionPage { items, next_cursor })
}

/// One criterion of a movement.
pub fn get(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    id: &str,
) -> Result<Criterion> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let row = repo::find_criterion(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    Ok(Criterion::from(row))
}

/// The movement, if the caller may define its criteria: admin, or DIC of its standing
/// unit (404 first when there is no such movement).
fn managed_movement(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
) -> Result<MovementRow> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let m = movement(conn, movement_id)?;
    require(
        &ctx.actor,
        Permission::ManageCriteria {
            standing_unit_id: &m.standing_unit_id,
        },
    )?;
    Ok(m)
}

/// Adds a criterion (DIC of the standing unit, or admin).
pub fn create(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    input: NewCriterion,
) -> Result<Criterion> {
    let m = managed_movement(conn, ctx, movement_id)?;
    let out = insert(conn, ctx.now_utc(), &m, input)?;
    let actor = ctx.audit_actor();
    audit_created(conn, &actor, "criterion.create", "criterion", &out.id, &out)?;
    Ok(out)
}

/// Checks and stores a new criterion of `m`, recording no audit event (the demo data
/// records one event for the whole load).
pub fn insert(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    m: &MovementRow,
    input: NewCriterion,
) -> Result<Criterion> {
    let mut row = CriterionRow {
        id: new_id(),
        movement_id: m.id.clone(),
        code: input.code,
        title: input.title,
        field_code: input.field_code,
        unit_of_measure: input.unit_of_measure,
        max_score: input.max_score,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    check(m, &mut row)?;
    repo::insert_criterion(conn, &row)?;
    Ok(Criterion::from(row))
}

/// Changes a criterion (DIC of the standing unit, or admin). Once plans set targets on
/// it, its maximum and field are fixed (409 `in_use`).
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    id: &str,
    ch: CriterionChanges,
    expected: IfMatch,
) -> Result<Criterion> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let m = movement(conn, movement_id)?;
    let before = repo::find_criterion(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    require(
        &ctx.actor,
        Permission::ManageCriteria {
            standing_unit_id: &m.standing_unit_id,
        },
    )?;
    let mut row = before.clone();
    if let Some(v) = ch.code {
        row.code = v;
    }
    if let Some(v) = ch.title {
        row.title = v;
    }
    if let Some(v) = ch.field_code {
        row.field_code = v;
    }
    if let Some(v) = ch.unit_of_measure {
        row.unit_of_measure = v;
    }
    if let Some(v) = ch.max_score {
        row.max_score = v;
    }
    check(&m, &mut row)?;
    if (row.max_score != before.max_score || row.field_code != before.field_code)
        && repo::criterion_in_use(conn, &before.id)?
    {
        return Err(ApiError::new(ErrorCode::InUse).detail(
            "Plans set targets on this criterion: its maximum score and field are fixed",
            "Đã có kế hoạch đặt chỉ tiêu theo tiêu chí này: không thể đổi điểm tối đa và lĩnh vực",
        ));
    }
    row.version += 1;
    row.updated_at = ctx.now_utc();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before.version)?;
    if !repo::update_criterion(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find_criterion(conn, movement_id, id)?.map(|r| r.version),
        ));
    }
    let (b, a) = (Criterion::from(before), Criterion::from(row));
    let actor = ctx.audit_actor();
    audit_changed(conn, &actor, "criterion.update", "criterion", &a.id, &b, &a)?;
    Ok(a)
}

/// Removes a criterion no plan uses yet (DIC of the standing unit, or admin).
pub fn delete(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    id: &str,
    expected: IfMatch,
) -> Result<()> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let m = movement(conn, movement_id)?;
    let before = repo::find_criterion(conn, movement_id, id)?.ok_or_else(ApiError::not_found)?;
    require(
        &ctx.actor,
        Permission::ManageCriteria {
            standing_unit_id: &m.standing_unit_id,
        },
    )?;
    let expected = expected.check(before.version)?;
    if !repo::delete_criterion(conn, id, expected)? {
        return Err(crate::app::version::lost(
            repo::find_criterion(conn, movement_id, id)?.map(|r| r.version),
        ));
    }
    let b = Criterion::from(before);
    // The removed record, recorded whole (as `audit_created` records a new one).
    audit_created(
        conn,
        &ctx.audit_actor(),
        "criterion.delete",
        "criterion",
        id,
        &b,
    )?;
    Ok(())
}
