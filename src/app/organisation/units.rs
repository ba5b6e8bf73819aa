//! Member units of the blocs and clusters, with their validity period and successor
//! (units merge, get renamed or dissolved; history stays with the unit as it was).

use crate::app::audit::{audit_changed, audit_created};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter};
use crate::app::version::IfMatch;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, UnitRow};
use crate::db::repo::organisation as repo;
use crate::db::DbConnection;
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use crate::domain::organisation::UnitKind;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười",
    "kind": "locality", "group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "valid_from": "2022-01-01",
    "valid_to": "2025-06-30", "successor_id": null, "parent_id": null, "women_share_percent": 52.5, "version": 1,
    "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Unit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub group_id: Option<String>,
    pub valid_from: NaiveDate,
    /// Last day the unit existed as such (merger, dissolution); null while it exists.
    pub valid_to: Option<NaiveDate>,
    /// The unit that took over after a reorganisation.
    pub successor_id: Option<String>,
    /// Share of women among the unit's staff, in percent (shown in rankings: at least
    /// 70 % is preferred between equal scores).
    pub women_share_percent: Option<f64>,
    /// The unit this one sits under (a department's division, a locality's commune);
    /// null for a unit directly under the province.
    pub parent_id: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UnitRow> for Unit {
    fn from(r: UnitRow) -> Self {
        Self {
            id: r.id,
            code: r.code,
            name: r.name,
            kind: r.kind,
            group_id: r.group_id,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            successor_id: r.successor_id,
            women_share_percent: r.women_share_percent,
            parent_id: r.parent_id,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

crate::page_type!(UnitPage, Unit);

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười", "kind": "locality",
    "group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "valid_from": "2022-01-01"}))]
pub struct NewUnit {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    pub kind: UnitKind,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub group_id: Option<String>,
    /// Default: today.
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub valid_to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub successor_id: Option<String>,
    #[schema(minimum = 0.0, maximum = 100.0)]
    pub women_share_percent: Option<f64>,
    /// The parent unit: it exists over the whole of this unit's period.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub parent_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"valid_to": "2025-06-30", "successor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e99"}))]
pub struct UnitChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 300)]
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    #[serde(default, deserialize_with = "crate::domain::id::nullable")]
    #[schema(value_type = Option<String>, max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    pub group_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::when::nullable_date")]
    #[schema(value_type = Option<NaiveDate>, max_length = 10)]
    pub valid_to: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::domain::id::nullable")]
    #[schema(value_type = Option<String>, max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    pub successor_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::app::double_option")]
    #[schema(value_type = Option<f64>, minimum = 0.0, maximum = 100.0)]
    pub women_share_percent: Option<Option<f64>>,
    /// The parent unit; null makes the unit a root again. Never the unit itself nor one
    /// of its sub-units (422 `unit_cycle`).
    #[serde(default, deserialize_with = "crate::domain::id::nullable")]
    #[schema(value_type = Option<String>, max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    pub parent_id: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Units of this bloc or cluster.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub group_id: Option<String>,
    pub kind: Option<UnitKind>,
    /// Search in names (diacritics and case ignored) and codes: "thap muoi" finds "UBND Huyện Tháp Mười".
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only units that existed on this date.
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[param(max_length = 10)]
    pub active_on: Option<NaiveDate>,
    /// Only the direct sub-units of this unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub parent_id: Option<String>,
    /// `true`: only units with no parent unit; `false`: only sub-units (filters combine:
    /// with `parent_id`, `root=true` finds none).
    pub root: Option<bool>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// A page of units, by code.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: UnitQuery) -> Result<UnitPage> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let limit = page_limit(q.limit)?;
    let filter = repo::UnitFilter {
        group_id: q.group_id,
        kind: q.kind,
        q: text_filter("q", q.q, 200)?,
        active_on: q.active_on,
        parent_id: text_filter("parent_id", q.parent_id, 36)?,
        root: q.root,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list_units(conn, &filter)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Unit::from);
    Ok(UnitPage { items, next_cursor })
}

/// One unit (404 when there is none).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Unit> {
    require(&ctx.actor, Permission::ReadOrganisation)?;
    let row = repo::find_unit(conn, id)?.ok_or_else(ApiError::not_found)?;
    Ok(Unit::from(row))
}

/// Checks a unit as it would be stored: text, dates, the group, successor and parent
/// exist (`existing`: a stored unit, whose sub-units must still fit its period).
fn check(conn: &mut DbConnection, row: &mut UnitRow, existing: bool) -> Result<()> {
    let mut c = Checks::new();
    row.code = c.code("code", &row.code, 40);
    row.name = c.text("name", &row.name, 300);
    row.name_search = search::key(&row.name, &row.code);
    if let Some(to) = row.valid_to {
        if to < row.valid_from {
            c.fail(
                "valid_to",
                "must not be before valid_from",
                "không được trước ngày bắt đầu hiệu lực",
            );
        }
    }
    if let Some(s) = &row.successor_id {
        if s == &row.id {
            c.fail(
                "successor_id",
                "a unit cannot succeed itself",
                "đơn vị không thể kế thừa chính nó",
            );
        } else if repo::find_unit(conn, s)?.is_none() {
            c.fail("successor_id", "no such unit", "không có đơn vị này");
        }
        if row.valid_to.is_none() {
            c.fail(
                "valid_to",
                "a unit with a successor needs its last day",
                "đơn vị có đơn vị kế thừa cần ngày kết thúc hiệu lực",
            );
        }
    }
    if row
        .women_share_percent
        .is_some_and(|w| !(0.0..=100.0).contains(&w))
    {
        c.fail(
            "women_share_percent",
            "must be between 0 and 100",
            "phải từ 0 đến 100",
        );
    }
    if let Some(g) = &row.group_id {
        if repo::find_group(conn, g)?.is_none() {
            c.fail("group_id", "no such group", "không có khối, cụm này");
        }
    }
    let cycle = super::parents::check_parent(conn, &mut c, row, existing)?;
    c.finish()?;
    cycle.map_or(Ok(()), Err)
}

/// Creates a unit (admin); `valid_from` defaults to today.
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewUnit) -> Result<Unit> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let out = insert(conn, ctx.now_utc(), ctx.today, input)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "unit.create",
        "unit",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Checks and stores a new unit, recording no audit event (the demo data records one
/// event for the whole load).
pub fn insert(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    today: NaiveDate,
    input: NewUnit,
) -> Result<Unit> {
    let mut row = UnitRow {
        id: new_id(),
        code: input.code,
        name: input.name,
        name_search: String::new(),
        kind: input.kind,
        group_id: input.group_id,
        valid_from: input.valid_from.unwrap_or(today),
        valid_to: input.valid_to,
        successor_id: input.successor_id,
        version: 1,
        created_at: now,
        updated_at: now,
        women_share_percent: input.women_share_percent,
        parent_id: input.parent_id,
    };
    check(conn, &mut row, false)?;
    repo::insert_unit(conn, &row)?;
    Ok(Unit::from(row))
}

/// Changes a unit (admin), e.g. records a reorganisation with `valid_to` and
/// `successor_id`, when `expected` is still its version.
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    ch: UnitChanges,
    expected: IfMatch,
) -> Result<Unit> {
    require(&ctx.actor, Permission::ManageOrganisation)?;
    let before = repo::find_unit(conn, id)?.ok_or_else(ApiError::not_found)?;
    let mut row = before.clone();
    if let Some(v) = ch.code {
        row.code = v;
    }
    if let Some(v) = ch.name {
        row.name = v;
    }
    if let Some(v) = ch.kind {
        row.kind = v;
    }
    if let Some(v) = ch.group_id {
        row.group_id = v;
    }
    if let Some(v) = ch.valid_from {
        row.valid_from = v;
    }
    if let Some(v) = ch.valid_to {
        row.valid_to = v;
    }
    if let Some(v) = ch.successor_id {
        row.successor_id = v;
    }
    if let Some(v) = ch.women_share_percent {
        row.women_share_percent = v;
    }
    if let Some(v) = ch.parent_id {
        row.parent_id = v;
    }
    check(conn, &mut row, true)?;
    row.version += 1;
    row.updated_at = ctx.now_utc();
    // Checked after the body, so a bad body is 422 whatever the precondition.
    let expected = expected.check(before.version)?;
    if !repo::update_unit(conn, &row, expected)? {
        return Err(crate::app::version::lost(
            repo::find_unit(conn, &row.id)?.map(|r| r.version),
        ));
    }
    let (b, a) = (Unit::from(before), Unit::from(row));
    audit_changed(
        conn,
        &ctx.audit_actor(),
        "unit.update",
        "unit",
        &a.id,
        &b,
        &a,
    )?;
    Ok(a)
}
