//! Report status and the province roll-up (the contract's consolidated reports): the
//! HTTP face of `app::rollup` — parse, run the use case, answer (JSON; the ranking as
//! CSV in its own operation).

use crate::api::{exec, exec_once, Caller};
use crate::app::idempotency::Answer;
use crate::app::rollup::{
    self, ConsolidatedPage, ConsolidatedQuery, ConsolidatedReport, NewConsolidatedReport,
    PeriodQuery, Rankings, ReportStatus,
};
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};

/// Read who reported and who is late, unit by unit
///
/// For every member unit, grouped by bloc and cluster: not started, draft, submitted on time,
/// submitted late, returned, accepted; with totals. Give exactly one of `year` (the annual
/// report) and `round_id` (a round's report); neither or both answers 422 `validation_failed`.
///
/// Who may call: the movement's reviewers: DIC officers of its standing unit, Home Affairs
/// officers of its appraising unit, the Chair, admins and auditors.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), PeriodQuery),
    responses(
        (status = 200, description = "The status of every member unit", body = ReportStatus),
        (status = 403, description = "Only the movement's reviewers, the Chair, admins and auditors"),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}/report-status")]
pub async fn get_report_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, q) = (id.into_inner(), query.into_inner());
    let out: ReportStatus = exec(&state, caller, move |conn, ctx| {
        rollup::report_status(conn, ctx, &id, q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Read the live rankings inside each bloc and cluster
///
/// Units ranked inside each bloc and cluster from their accepted reports as they are now:
/// score (accepted scores over the maxima of the criteria scored, in percent), between equal
/// scores units with at least 70 % women first, then the code; each group's leading unit.
/// The same computation an issued roll-up snapshots (`POST /consolidated-reports`). Give
/// exactly one of `year` and `round_id`; neither or both answers 422 `validation_failed`.
///
/// Who may call: the movement's reviewers (DIC officers of its standing unit, Home Affairs
/// officers of its appraising unit), the Chair, admins and auditors read every group
/// (`scope: every`); the officers and head of a unit (unit_officer, unit_head) read only the
/// blocs and clusters their unit belongs to (`scope: own_groups`), where another unit's draft
/// shows as `not_started`.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Movement id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), PeriodQuery),
    responses(
        (status = 200, description = "The rankings", body = Rankings),
        (status = 403, description = "Only the movement's reviewers, the Chair, admins, auditors and member units' officers and heads"),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}/rankings")]
pub async fn get_rankings(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, q) = (id.into_inner(), query.into_inner());
    let out: Rankings = exec(&state, caller, move |conn, ctx| {
        rollup::rankings(conn, ctx, &id, q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Issue the roll-up of a year or round
///
/// A snapshot: later changes to reports do not alter it; issuing again keeps the earlier one
/// and marks the new one current.
///
/// Who may call: DIC officers of the movement's standing unit.
#[utoipa::path(
    tag = "reports",
    request_body = NewConsolidatedReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer, not a second snapshot")),
    responses(
        (status = 201, description = "Issued", body = ConsolidatedReport, headers(("Location" = String, description = "The new report"))),
        (status = 403, description = "Only DIC of the movement's standing unit issues it"),
        (status = 404, description = "No such movement"),
    )
)]
#[post("/consolidated-reports")]
pub async fn issue_consolidated_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<NewConsolidatedReport>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let input = body.clone();
    exec_once(&state, &req, caller, &input, move |conn, ctx| {
        let out = rollup::issue(conn, ctx, body)?;
        let location = format!("/api/v1/consolidated-reports/{}", out.id);
        Answer::created(&out, location, None)
    })
    .await
}

/// List issued roll-ups, newest first
///
/// Those of the movements the caller reviews.
///
/// Who may call: DIC officers, Home Affairs officers, the Chair, admins and auditors (others
/// get an empty list).
#[utoipa::path(tag = "reports", params(ConsolidatedQuery), responses((status = 200, description = "A page of issued reports", body = ConsolidatedPage)))]
#[get("/consolidated-reports")]
pub async fn list_consolidated_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ConsolidatedQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page: ConsolidatedPage =
        exec(&state, caller, move |conn, ctx| rollup::list(conn, ctx, q)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read an issued roll-up
///
/// The snapshot as JSON; the ranking as CSV is `GET /consolidated-reports/{id}.csv`.
///
/// Who may call: the reviewers of its movement (DIC of the standing unit, Home Affairs of the
/// appraising unit), the Chair, admins and auditors.
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Consolidated report id (a UUID)", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The snapshot", body = ConsolidatedReport),
        (status = 404, description = "No such consolidated report, or not one of a movement the caller reviews"),
    )
)]
#[get("/consolidated-reports/{id}")]
pub async fn get_consolidated_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out: ConsolidatedReport =
        exec(&state, caller, move |conn, ctx| rollup::get(conn, ctx, &id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// An issued roll-up's ranking as a CSV file.
///
/// The ranking of `get_consolidated_report` as one CSV file for the People's
/// Committee's spreadsheets: a row per member unit, grouped by bloc and cluster (UTF-8
/// with a byte-order mark for Excel, CRLF, RFC 4180 quoting; a cell that would start a
/// formula gets a leading apostrophe). The same readers as the JSON: DIC and Home
/// Affairs officers of the movements they review, the Chair, admins and auditors; to
/// anyone else the report does not exist (404).
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "Consolidated report id (a UUID), then `.csv`", max_length = 36, pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
    responses(
        (status = 200, description = "The ranking", content(
            (String = "text/csv", example = "\u{feff}Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,Điểm (%),Tổng điểm,Điểm tối đa,Tỷ lệ nữ (%),Ưu tiên (≥70% nữ),Trạng thái báo cáo,Nộp muộn\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"bao-cao-tong-hop-<year>.csv\""))),
        (status = 404, description = "No such consolidated report, or not one of a movement the caller reviews"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/consolidated-reports/{id}.csv")]
pub async fn get_consolidated_report_csv(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out: ConsolidatedReport =
        exec(&state, caller, move |conn, ctx| rollup::get(conn, ctx, &id)).await?;
    let export = crate::app::public_csv::CsvExport {
        file_name: rollup::csv_file_name(&out.content),
        body: rollup::to_csv(&out.content),
        next_cursor: None,
    };
    Ok(crate::api::public_csv::csv_response(export, None))
}
