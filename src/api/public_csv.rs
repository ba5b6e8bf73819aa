//! Open data as CSV files (issue 11 item 6): the public lists in their own operations,
//! `text/csv`, so generated clients get a file and not a JSON parse error.

use super::exec_anonymous;
use crate::app::public_csv::{
    self as uc, AwardCsvQuery, CommentPostingCsvQuery, CsvExport, DecisionCsvQuery, ModelCsvQuery,
    MovementCsvQuery,
};
use crate::error::ApiError;
use crate::AppState;
use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

/// A CSV file as a download; `X-Next-Cursor` when the cap cut it.
pub fn csv_response(export: CsvExport, cache: Option<&str>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.content_type("text/csv; charset=utf-8").insert_header((
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{}\"", export.file_name),
    ));
    if let Some(cache) = cache {
        res.insert_header((header::CACHE_CONTROL, cache));
    }
    if let Some(next) = export.next_cursor {
        res.insert_header(("X-Next-Cursor", next));
    }
    res.body(export.body)
}

fn public(export: CsvExport) -> HttpResponse {
    csv_response(export, Some("public, max-age=60"))
}

/// Movements as a CSV file, for anyone.
///
/// The list of `list_public_movements` with the same filters, as one CSV file (UTF-8
/// with a byte-order mark for Excel, CRLF, RFC 4180 quoting; a cell that would start a
/// formula gets a leading apostrophe). The file holds the whole filtered list up to
/// 10,000 movements; past that it stops there and `X-Next-Cursor` names the `cursor` to
/// ask for the rest. Anyone may call it, without a token.
#[utoipa::path(
    tag = "public",
    security(()),
    params(MovementCsvQuery),
    responses(
        (status = 200, description = "The movements, by code", content(
            (String = "text/csv", example = "\u{feff}Mã phong trào,Tên phong trào,Chủ đề,Từ năm,Đến năm,…\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"phong-trao-thi-dua.csv\""),
                    ("X-Next-Cursor" = String, description = "Only when the file stopped at 10,000 records: the cursor to continue from"))),
        (status = 400, description = "An unreadable query string (`invalid_query`)"),
        (status = 422, description = "A cursor this service did not issue (`validation_failed`, `errors.cursor`)"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/public/movements.csv")]
pub async fn list_public_movements_csv(
    state: web::Data<AppState>,
    query: web::Query<MovementCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    Ok(public(
        exec_anonymous(&state, move |conn| uc::movements_csv(conn, q)).await?,
    ))
}

/// Decisions and their awardees as a CSV file, for anyone.
///
/// The list of `list_public_decisions` with the same filters, one row per awardee (the
/// decision's number, year, signing day and signer repeated on each). The file holds up
/// to 10,000 decisions; past that it stops there and `X-Next-Cursor` names the `cursor`
/// to ask for the rest. UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, formula
/// cells guarded by an apostrophe. Anyone may call it, without a token.
#[utoipa::path(
    tag = "public",
    security(()),
    params(DecisionCsvQuery),
    responses(
        (status = 200, description = "The decisions, newest first", content(
            (String = "text/csv", example = "\u{feff}Số quyết định,Năm,Ngày ký,Người ký,Loại đối tượng,Tên đối tượng,…\r\n123/QĐ-UBND,2025,2025-12-20,Chủ tịch UBND Tỉnh,individual,Nguyễn Văn An,…\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"quyet-dinh-khen-thuong.csv\""),
                    ("X-Next-Cursor" = String, description = "Only when the file stopped at 10,000 records: the cursor to continue from"))),
        (status = 400, description = "An unreadable query string (`invalid_query`)"),
        (status = 422, description = "A cursor this service did not issue (`validation_failed`, `errors.cursor`)"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/public/decisions.csv")]
pub async fn list_public_decisions_csv(
    state: web::Data<AppState>,
    query: web::Query<DecisionCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    Ok(public(
        exec_anonymous(&state, move |conn| uc::decisions_csv(conn, q)).await?,
    ))
}

/// Everyone awarded as a CSV file, for anyone.
///
/// The list of `list_public_awards` with the same filters: award form, nominee kind,
/// name, workplace, decision number and signing day (no other personal data). The file
/// holds up to 10,000 awards; past that it stops there and `X-Next-Cursor` names the
/// `cursor` to ask for the rest. UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting,
/// formula cells guarded by an apostrophe. Anyone may call it, without a token.
#[utoipa::path(
    tag = "public",
    security(()),
    params(AwardCsvQuery),
    responses(
        (status = 200, description = "The awards, newest first", content(
            (String = "text/csv", example = "\u{feff}Hình thức khen thưởng,Loại đối tượng,Tên đối tượng,Nơi công tác,Số quyết định,Ngày ký,…\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"danh-sach-khen-thuong.csv\""),
                    ("X-Next-Cursor" = String, description = "Only when the file stopped at 10,000 records: the cursor to continue from"))),
        (status = 400, description = "An unreadable query string (`invalid_query`)"),
        (status = 422, description = "A cursor this service did not issue (`validation_failed`, `errors.cursor`)"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/public/awards.csv")]
pub async fn list_public_awards_csv(
    state: web::Data<AppState>,
    query: web::Query<AwardCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    Ok(public(
        exec_anonymous(&state, move |conn| uc::awards_csv(conn, q)).await?,
    ))
}

/// State-award nominees posted for public comment as a CSV file, for anyone.
///
/// The list of `list_comment_postings` with the same filters, as of today in the
/// province. The file holds up to 10,000 postings; past that it stops there and
/// `X-Next-Cursor` names the `cursor` to ask for the rest. UTF-8 with a byte-order
/// mark, CRLF, RFC 4180 quoting, formula cells guarded by an apostrophe. Anyone may
/// call it, without a token.
#[utoipa::path(
    tag = "public",
    security(()),
    params(CommentPostingCsvQuery),
    responses(
        (status = 200, description = "The postings, the latest window first", content(
            (String = "text/csv", example = "\u{feff}Loại đối tượng,Tên đối tượng,Chức vụ,Nơi công tác,Tóm tắt thành tích,Từ ngày,Đến ngày,…\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"lay-y-kien-nhan-dan.csv\""),
                    ("X-Next-Cursor" = String, description = "Only when the file stopped at 10,000 records: the cursor to continue from"))),
        (status = 400, description = "An unreadable query string (`invalid_query`)"),
        (status = 422, description = "A cursor this service did not issue (`validation_failed`, `errors.cursor`)"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/public/comment-postings.csv")]
pub async fn list_comment_postings_csv(
    state: web::Data<AppState>,
    query: web::Query<CommentPostingCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let today = state.today();
    Ok(public(
        exec_anonymous(&state, move |conn| uc::comment_postings_csv(conn, today, q)).await?,
    ))
}

/// Recognised exemplary models as a CSV file, for anyone.
///
/// The list of `list_public_exemplary_models` with the same filters, one row per model
/// (its figures joined in one cell) with the count of confirmed replications. The file
/// holds up to 10,000 models; past that it stops there and `X-Next-Cursor` names the
/// `cursor` to ask for the rest. UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting,
/// formula cells guarded by an apostrophe. Anyone may call it, without a token.
#[utoipa::path(
    tag = "public",
    security(()),
    params(ModelCsvQuery),
    responses(
        (status = 200, description = "The recognised models, oldest first", content(
            (String = "text/csv", example = "\u{feff}Tên mô hình,Lĩnh vực,Nội dung,Đơn vị,Đơn vị thực hiện,Năm bắt đầu,…\r\nBản đồ số nông nghiệp xã Phú Cường,agriculture,d,UBND Huyện Tam Nông,UBND xã Phú Cường,2022,…\r\n"),
        ),
            headers(("Content-Disposition" = String, description = "attachment; filename=\"mo-hinh-tieu-bieu.csv\""),
                    ("X-Next-Cursor" = String, description = "Only when the file stopped at 10,000 records: the cursor to continue from"))),
        (status = 400, description = "An unreadable query string (`invalid_query`)"),
        (status = 422, description = "A filter out of range or a cursor this service did not issue (`validation_failed`)"),
        (status = 406, description = "The Accept header excludes text/csv (`not_acceptable`)"),
    )
)]
#[get("/public/exemplary-models.csv")]
pub async fn list_public_exemplary_models_csv(
    state: web::Data<AppState>,
    query: web::Query<ModelCsvQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    Ok(public(
        exec_anonymous(&state, move |conn| uc::exemplary_models_csv(conn, q)).await?,
    ))
}
