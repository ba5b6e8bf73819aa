//! Member units of the blocs and clusters, with their validity period and successor
//! (units merge, get renamed or dissolved; history stays with the unit as it was).

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, now, UnitRow};
use crate::db::repo::organisation as repo;
use crate::db::DbConnection;
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Sở, ban, ngành tỉnh
    Department,
    /// Huyện, thị xã, thành phố (district level)
    Locality,
    /// Cơ quan Trung ương đóng trên địa bàn tỉnh
    CentralAgency,
    /// Doanh nghiệp
    Enterprise,
    /// Tổ chức
    Organisation,
    /// Tổ chức chính trị - xã hội
    MassOrganisation,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        Self::Department,
        Self::Locality,
        Self::CentralAgency,
        Self::Enterprise,
        Self::Organisation,
        Self::MassOrganisation,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Department => "department",
            Self::Locality => "locality",
            Self::CentralAgency => "central_agency",
            Self::Enterprise => "enterprise",
            Self::Organisation => "organisation",
            Self::MassOrganisation => "mass_organisation",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI", "name": "UBND Huyện Tháp Mười",
    "kind": "locality", "group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "valid_from": "2022-01-01",
    "valid_to": "2025-06-30", "successor_id": null, "version": 1,
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
            kind: UnitKind::parse(&r.kind).unwrap_or(UnitKind::Organisation),
            group_id: r.group_id,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            successor_id: r.successor_id,
            women_share_percent: r.women_share_percent,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

page_type!(UnitPage, Unit);

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
    pub group_id: Option<String>,
    /// Default: today.
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<String>,
    #[schema(minimum = 0.0, maximum = 100.0)]
    pub women_share_percent: Option<f64>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"valid_to": "2025-06-30", "successor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e99"}))]
pub struct UnitChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 300)]
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>)]
    pub group_id: Option<Option<String>>,
    pub valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_to: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<String>)]
    pub successor_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "super::double_option")]
    #[schema(value_type = Option<f64>, minimum = 0.0, maximum = 100.0)]
    pub women_share_percent: Option<Option<f64>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitQuery {
    /// Units of this bloc or cluster.
    pub group_id: Option<String>,
    pub kind: Option<UnitKind>,
    /// Search in names (diacritics and case ignored) and codes: "thap muoi" finds "UBND Huyện Tháp Mười".
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only units that existed on this date.
    pub active_on: Option<NaiveDate>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List member units.
#[utoipa::path(
    tag = "organisation",
    params(UnitQuery),
    responses((status = 200, description = "A page of units, by code", body = UnitPage))
)]
#[get("/units")]
pub async fn list_units(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<UnitQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::UnitFilter {
        group_id: q.group_id,
        kind: q.kind.map(|k| k.as_str().to_string()),
        q: super::text_filter("q", q.q, 200)?,
        active_on: q.active_on,
        after_code: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = run(&state.pool, move |conn| {
        Ok(repo::list_units(conn, &filter)?)
    })
    .await?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Unit::from);
    Ok(HttpResponse::Ok().json(UnitPage { items, next_cursor }))
}

/// Read one unit.
#[utoipa::path(
    tag = "organisation",
    params(("id" = String, Path, description = "Unit id")),
    responses(
        (status = 200, description = "The unit", body = Unit, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such unit"),
    )
)]
#[get("/units/{id}")]
pub async fn get_unit(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find_unit(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let v = row.version;
    Ok(ok_versioned(&Unit::from(row), v))
}

/// Checks a unit as it would be stored: text, dates, the group and successor exist.
fn check_unit(conn: &mut DbConnection, row: &mut UnitRow) -> Result<(), ApiError> {
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
    c.finish()
}

/// Create a unit (admin).
#[utoipa::path(
    tag = "organisation",
    request_body = NewUnit,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Created", body = Unit,
            headers(("Location" = String, description = "The new unit"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only admins manage units"),
        (status = 409, description = "A unit with this code exists (`already_exists`)"),
    )
)]
#[post("/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewUnit>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let body = body.into_inner();
    let actor = audit_actor(&caller);
    let today = state.today();
    let input = serde_json::to_value(&body).map_err(ApiError::internal)?;
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let t = now();
        let mut row = UnitRow {
            id: new_id(),
            code: body.code,
            name: body.name,
            name_search: String::new(),
            kind: body.kind.as_str().into(),
            group_id: body.group_id,
            valid_from: body.valid_from.unwrap_or(today),
            valid_to: body.valid_to,
            successor_id: body.successor_id,
            version: 1,
            created_at: t,
            updated_at: t,
            women_share_percent: body.women_share_percent,
        };
        check_unit(conn, &mut row)?;
        repo::insert_unit(conn, &row)?;
        let out = Unit::from(row);
        super::audit_created(conn, &actor, "unit.create", "unit", &out.id, &out)?;
        Created::new(&out, format!("/api/v1/units/{}", out.id), Some(out.version))
    })
    .await
}

/// Change a unit, e.g. record a reorganisation with `valid_to` and `successor_id` (admin).
#[utoipa::path(
    tag = "organisation",
    request_body = UnitChanges,
    params(("id" = String, Path, description = "Unit id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The changed unit", body = Unit, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only admins manage units"),
        (status = 404, description = "No such unit"),
        (status = 409, description = "Another unit has this code"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/units/{id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<UnitChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageOrganisation)?;
    let expected = if_match(&req)?;
    let id = id.into_inner();
    let ch = body.into_inner();
    let actor = audit_actor(&caller);
    let out = transaction(&state.pool, move |conn| {
        let before = repo::find_unit(conn, &id)?.ok_or_else(ApiError::not_found)?;
        let mut row = before.clone();
        if let Some(v) = ch.code {
            row.code = v;
        }
        if let Some(v) = ch.name {
            row.name = v;
        }
        if let Some(v) = ch.kind {
            row.kind = v.as_str().into();
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
        check_unit(conn, &mut row)?;
        row.version += 1;
        row.updated_at = now();
        // Checked after the body, so a bad body is 422 whatever the precondition.
        let expected = expected.check(before.version)?;
        if !repo::update_unit(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        let (b, a) = (Unit::from(before), Unit::from(row));
        super::audit_changed(conn, &actor, "unit.update", "unit", &a.id, &b, &a)?;
        Ok(a)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}
