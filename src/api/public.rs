//! Open data (item f of the plan): readable without a token.

use super::movements::{list_page, Movement, MovementPage, MovementQuery};
use super::run;
use crate::db::repo::movements as repo;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};

/// Movements, for anyone.
#[utoipa::path(
    tag = "public",
    security(()),
    params(MovementQuery),
    responses((status = 200, description = "A page of movements, by code", body = MovementPage))
)]
#[get("/public/movements")]
pub async fn list_public_movements(
    state: web::Data<AppState>,
    query: web::Query<MovementQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = list_page(&state, query.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(page))
}

/// One movement, for anyone.
#[utoipa::path(
    tag = "public",
    security(()),
    params(("id" = String, Path, description = "Movement id")),
    responses((status = 200, description = "The movement", body = Movement), (status = 404, description = "No such movement"))
)]
#[get("/public/movements/{id}")]
pub async fn get_public_movement(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = run(&state.pool, move |conn| Ok(repo::find(conn, &id)?))
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(Movement::from_row(row)))
}

/// The Chair's decisions and their awardees, for anyone (commendation is public).
#[utoipa::path(
    tag = "public",
    security(()),
    params(crate::api::decisions::DecisionQuery),
    responses((status = 200, description = "A page of decisions, newest first", body = crate::api::decisions::DecisionPage))
)]
#[get("/public/decisions")]
pub async fn list_public_decisions(
    state: web::Data<AppState>,
    query: web::Query<crate::api::decisions::DecisionQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = crate::api::decisions::decision_page(&state, query.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(page))
}

/// An award as published: who, for which round, by which decision.
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(example = json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "award_form": "provincial_merit", "nominee_kind": "individual", "nominee_name": "Nguyễn Thị Hoa",
    "workplace": "UBND Huyện Tháp Mười", "decision_number": "123/QĐ-UBND", "signed_on": "2025-12-20"}))]
pub struct PublicAward {
    pub nomination_id: String,
    pub round_id: String,
    pub award_form: crate::api::rounds::AwardForm,
    pub nominee_kind: crate::api::rounds::NomineeKind,
    pub nominee_name: String,
    pub workplace: String,
    pub decision_number: Option<String>,
    pub signed_on: Option<chrono::NaiveDate>,
}

crate::api::page_type!(PublicAwardPage, PublicAward);

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardQuery {
    pub round_id: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Everyone awarded, for anyone: name, kind, workplace, decision (no other personal data).
#[utoipa::path(
    tag = "public",
    security(()),
    params(AwardQuery),
    responses((status = 200, description = "A page of awards, newest first", body = PublicAwardPage))
)]
#[get("/public/awards")]
pub async fn list_public_awards(
    state: web::Data<AppState>,
    query: web::Query<AwardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = crate::api::page_limit(q.limit)?;
    let before = crate::api::decode_cursor(q.cursor.as_deref())?;
    let page = run(&state.pool, move |conn| {
        let rows = crate::db::repo::decisions::awarded(
            conn,
            q.round_id.as_deref(),
            before.as_deref(),
            limit + 1,
        )?;
        let (rows, next_cursor) = crate::api::paginate(rows, limit, |r| r.id.clone(), |r| r);
        // A Bằng khen by the Chair's decision; a state award by the central one.
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let mut decided: std::collections::HashMap<
            String,
            (Option<String>, Option<chrono::NaiveDate>),
        > = crate::db::repo::nominations::outcomes_of(conn, &ids)?
            .into_iter()
            .map(|o| {
                (
                    o.nomination_id,
                    (o.central_decision_number, o.central_decided_on),
                )
            })
            .collect();
        for (id, d) in crate::db::repo::decisions::decisions_of(conn, &ids)? {
            decided.insert(id, (Some(d.number), Some(d.signed_on)));
        }
        let items = rows
            .into_iter()
            .map(|r| {
                let (decision_number, signed_on) = decided.remove(&r.id).unwrap_or((None, None));
                PublicAward {
                    award_form: r.award_form,
                    nominee_kind: r.nominee_kind,
                    nomination_id: r.id,
                    round_id: r.round_id,
                    nominee_name: r.nominee_name,
                    workplace: r.workplace,
                    decision_number,
                    signed_on,
                }
            })
            .collect();
        Ok(PublicAwardPage { items, next_cursor })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=60"))
        .json(page))
}
