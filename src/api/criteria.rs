//! A movement's criteria (tiêu chí thi đua, the plan's appendix), defined by the
//! movement's standing unit (DIC) or an admin.

use super::{
    audit_actor, create_idempotent, decode_cursor, if_match, ok_versioned, page_limit, page_type,
    paginate, run, transaction, Created,
};
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::models::{new_id, now, CriterionRow, MovementRow};
use crate::db::repo::movements as repo;
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
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

page_type!(CriterionPage, Criterion);

#[derive(Debug, Deserialize, Serialize, ToSchema)]
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

#[derive(Debug, Deserialize, Serialize, ToSchema)]
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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CriterionQuery {
    /// Criteria of this field.
    #[param(max_length = 40)]
    pub field_code: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

fn movement(conn: &mut DbConnection, id: &str) -> Result<MovementRow, ApiError> {
    repo::find(conn, id)?.ok_or_else(ApiError::not_found)
}

fn check(conn_movement: &MovementRow, row: &mut CriterionRow) -> Result<(), ApiError> {
    let mut c = Checks::new();
    row.code = c.code("code", &row.code, 40);
    row.title = c.text("title", &row.title, 500);
    row.unit_of_measure = c.text("unit_of_measure", &row.unit_of_measure, 100);
    let fields: Vec<super::movements::Field> =
        serde_json::from_str(&conn_movement.fields).unwrap_or_default();
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

/// List a movement's criteria.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id"), CriterionQuery),
    responses(
        (status = 200, description = "A page of criteria, by code", body = CriterionPage),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{movement_id}/criteria")]
pub async fn list_criteria(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<String>,
    query: web::Query<CriterionQuery>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let movement_id = path.into_inner();
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let after = decode_cursor(q.cursor.as_deref())?;
    let field_code = super::text_filter("field_code", q.field_code, 40)?;
    let rows = run(&state.pool, move |conn| {
        movement(conn, &movement_id)?;
        Ok(repo::list_criteria(
            conn,
            &movement_id,
            field_code.as_deref(),
            after.as_deref(),
            limit + 1,
        )?)
    })
    .await?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.code.clone(), Criterion::from);
    Ok(HttpResponse::Ok().json(CriterionPage { items, next_cursor }))
}

/// Read one criterion.
#[utoipa::path(
    tag = "movements",
    params(("movement_id" = String, Path, description = "Movement id"), ("id" = String, Path, description = "Criterion id")),
    responses(
        (status = 200, description = "The criterion", body = Criterion, headers(("ETag" = String, description = "Its version"))),
        (status = 404, description = "No such movement or criterion"),
    )
)]
#[get("/movements/{movement_id}/criteria/{id}")]
pub async fn get_criterion(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let (movement_id, id) = path.into_inner();
    let row = run(&state.pool, move |conn| {
        Ok(repo::find_criterion(conn, &movement_id, &id)?)
    })
    .await?
    .ok_or_else(ApiError::not_found)?;
    let v = row.version;
    Ok(ok_versioned(&Criterion::from(row), v))
}

/// Add a criterion (DIC of the standing unit, or admin).
#[utoipa::path(
    tag = "movements",
    request_body = NewCriterion,
    params(
        ("movement_id" = String, Path, description = "Movement id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer"),
    ),
    responses(
        (status = 201, description = "Created", body = Criterion,
            headers(("Location" = String, description = "The new criterion"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement"),
        (status = 409, description = "The movement has a criterion with this code (`already_exists`)"),
    )
)]
#[post("/movements/{movement_id}/criteria")]
pub async fn create_criterion(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<NewCriterion>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let movement_id = path.into_inner();
    let body = body.into_inner();
    let actor = audit_actor(&caller);
    let who = caller.actor.clone();
    let input = serde_json::to_value(&body).map_err(ApiError::internal)?;
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let m = movement(conn, &movement_id)?;
        require(
            &who,
            Permission::ManageCriteria {
                standing_unit_id: &m.standing_unit_id,
            },
        )?;
        let t = now();
        let mut row = CriterionRow {
            id: new_id(),
            movement_id: m.id.clone(),
            code: body.code,
            title: body.title,
            field_code: body.field_code,
            unit_of_measure: body.unit_of_measure,
            max_score: body.max_score,
            version: 1,
            created_at: t,
            updated_at: t,
        };
        check(&m, &mut row)?;
        repo::insert_criterion(conn, &row)?;
        let out = Criterion::from(row);
        super::audit_created(conn, &actor, "criterion.create", "criterion", &out.id, &out)?;
        Created::new(
            &out,
            format!("/api/v1/movements/{}/criteria/{}", out.movement_id, out.id),
            Some(out.version),
        )
    })
    .await
}

/// Change a criterion (DIC of the standing unit, or admin).
#[utoipa::path(
    tag = "movements",
    request_body = CriterionChanges,
    params(
        ("movement_id" = String, Path, description = "Movement id"),
        ("id" = String, Path, description = "Criterion id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 200, description = "The changed criterion", body = Criterion, headers(("ETag" = String, description = "The new version"))),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement or criterion"),
        (status = 409, description = "Another criterion of the movement has this code, or plans use it and its maximum or field would change (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[patch("/movements/{movement_id}/criteria/{id}")]
pub async fn update_criterion(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: web::Json<CriterionChanges>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let expected = if_match(&req)?;
    let (movement_id, id) = path.into_inner();
    let ch = body.into_inner();
    let actor = audit_actor(&caller);
    let who = caller.actor.clone();
    let out = transaction(&state.pool, move |conn| {
        let m = movement(conn, &movement_id)?;
        let before =
            repo::find_criterion(conn, &movement_id, &id)?.ok_or_else(ApiError::not_found)?;
        require(
            &who,
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
        row.updated_at = now();
        // Checked after the body, so a bad body is 422 whatever the precondition.
        let expected = expected.check(before.version)?;
        if !repo::update_criterion(conn, &row, expected)? {
            return Err(ApiError::stale());
        }
        let (b, a) = (Criterion::from(before), Criterion::from(row));
        super::audit_changed(conn, &actor, "criterion.update", "criterion", &a.id, &b, &a)?;
        Ok(a)
    })
    .await?;
    let v = out.version;
    Ok(ok_versioned(&out, v))
}

/// Remove a criterion no plan uses yet (DIC of the standing unit, or admin).
#[utoipa::path(
    tag = "movements",
    params(
        ("movement_id" = String, Path, description = "Movement id"),
        ("id" = String, Path, description = "Criterion id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only the movement's standing unit (DIC) or an admin defines criteria"),
        (status = 404, description = "No such movement or criterion"),
        (status = 409, description = "Plans or reports use it (`in_use`)"),
        (status = 412, description = "Changed by someone else since read (`stale_version`)"),
        (status = 428, description = "If-Match missing"),
    )
)]
#[delete("/movements/{movement_id}/criteria/{id}")]
pub async fn delete_criterion(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ReadOrganisation)?;
    let expected = if_match(&req)?;
    let (movement_id, id) = path.into_inner();
    let actor = audit_actor(&caller);
    let who = caller.actor.clone();
    transaction(&state.pool, move |conn| {
        let m = movement(conn, &movement_id)?;
        let before =
            repo::find_criterion(conn, &movement_id, &id)?.ok_or_else(ApiError::not_found)?;
        require(
            &who,
            Permission::ManageCriteria {
                standing_unit_id: &m.standing_unit_id,
            },
        )?;
        let expected = expected.check(before.version)?;
        if !repo::delete_criterion(conn, &id, expected)? {
            return Err(ApiError::stale());
        }
        let b = Criterion::from(before);
        // The removed record, recorded whole (as `audit_created` records a new one).
        super::audit_created(conn, &actor, "criterion.delete", "criterion", &id, &b)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
