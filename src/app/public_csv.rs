//! The public lists as CSV files (issue 11 item 6): open data for spreadsheets. One file
//! holds the whole filtered list, read page by page, up to [`CSV_ROW_CAP`] records; past
//! that the file stops and names the cursor to continue from (`next_cursor`).

use super::decisions::{self, DecisionQuery};
use super::exemplary_models::{self, PublicModelQuery};
use super::movements::{self, MovementQuery};
use super::nominations::postings::{self, CommentPostingQuery};
use super::public::{self as public_app, AwardQuery};
use super::Result;
use crate::db::DbConnection;
use crate::domain::csv::{flag, Csv};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

/// Records in one CSV file at most; a longer list is continued with `cursor`.
pub const CSV_ROW_CAP: usize = 10_000;
/// Records read per query while writing the file (the lists' largest page).
const CHUNK: i64 = 200;

/// A CSV file, its name, and where to continue when the cap cut it.
pub struct CsvExport {
    pub file_name: String,
    pub body: String,
    pub next_cursor: Option<String>,
}

/// Reads pages from `cursor` until the list ends or the cap is reached.
fn collect<T>(
    cursor: Option<String>,
    mut page: impl FnMut(Option<String>) -> Result<(Vec<T>, Option<String>)>,
) -> Result<(Vec<T>, Option<String>)> {
    let mut items = Vec::new();
    let mut cursor = cursor;
    loop {
        let (mut got, next) = page(cursor)?;
        items.append(&mut got);
        match next {
            Some(next) if items.len() < CSV_ROW_CAP => cursor = Some(next),
            next => return Ok((items, next)),
        }
    }
}

fn chunk() -> Option<i64> {
    // The cap is a multiple of the page, so a file never holds more than the cap.
    const _: () = assert!(CSV_ROW_CAP.is_multiple_of(CHUNK as usize));
    Some(CHUNK)
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The filters of `list_public_movements`, and where to start.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementCsvQuery {
    /// Search in titles, ignoring diacritics and case ("chuyen doi so").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Movements whose period covers this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// The `next_cursor` of a file cut at the cap: the file continues from there.
    pub cursor: Option<String>,
}

pub fn movements_csv(conn: &mut DbConnection, q: MovementCsvQuery) -> Result<CsvExport> {
    let (items, next_cursor) = collect(q.cursor, |cursor| {
        let p = movements::page(
            conn,
            MovementQuery {
                q: q.q.clone(),
                year: q.year,
                limit: chunk(),
                cursor,
            },
        )?;
        Ok((p.items, p.next_cursor))
    })?;
    let mut csv = Csv::new(&[
        "Mã phong trào",
        "Tên phong trào",
        "Chủ đề",
        "Từ năm",
        "Đến năm",
        "Căn cứ pháp lý",
        "Kế hoạch phát động",
        "Đơn vị thường trực (id)",
        "Đơn vị thẩm định (id)",
        "Id",
    ]);
    for m in items {
        csv.row([
            m.code,
            m.title,
            m.theme,
            m.period_start_year.to_string(),
            m.period_end_year.to_string(),
            m.legal_basis,
            m.plan_document,
            m.standing_unit_id,
            m.appraising_unit_id,
            m.id,
        ]);
    }
    Ok(CsvExport {
        file_name: "phong-trao-thi-dua.csv".into(),
        body: csv.finish(),
        next_cursor,
    })
}

/// The filters of `list_public_decisions`, and where to start.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionCsvQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// The `next_cursor` of a file cut at the cap: the file continues from there.
    pub cursor: Option<String>,
}

/// One row per awardee of each decision (a spreadsheet has no nested lists); the cap
/// counts decisions.
pub fn decisions_csv(conn: &mut DbConnection, q: DecisionCsvQuery) -> Result<CsvExport> {
    let (items, next_cursor) = collect(q.cursor, |cursor| {
        let p = decisions::page(
            conn,
            DecisionQuery {
                round_id: q.round_id.clone(),
                limit: chunk(),
                cursor,
            },
        )?;
        Ok((p.items, p.next_cursor))
    })?;
    let mut csv = Csv::new(&[
        "Số quyết định",
        "Năm",
        "Ngày ký",
        "Người ký",
        "Loại đối tượng",
        "Tên đối tượng",
        "Nơi công tác",
        "Hồ sơ đề nghị (id)",
        "Đợt khen thưởng (id)",
        "Phong trào (id)",
        "Quyết định (id)",
    ]);
    for d in items {
        let head = [
            d.number.clone(),
            d.year.to_string(),
            d.signed_on.to_string(),
            d.signer.clone(),
        ];
        let tail = [d.round_id.clone(), d.movement_id.clone(), d.id.clone()];
        if d.awardees.is_empty() {
            let blank = [String::new(), String::new(), String::new(), String::new()];
            csv.row(head.iter().chain(&blank).chain(&tail));
        }
        for a in d.awardees {
            let who = [
                a.nominee_kind.to_string(),
                a.nominee_name,
                a.workplace,
                a.nomination_id,
            ];
            csv.row(head.iter().chain(&who).chain(&tail));
        }
    }
    Ok(CsvExport {
        file_name: "quyet-dinh-khen-thuong.csv".into(),
        body: csv.finish(),
        next_cursor,
    })
}

/// The filters of `list_public_awards`, and where to start.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardCsvQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// The `next_cursor` of a file cut at the cap: the file continues from there.
    pub cursor: Option<String>,
}

pub fn awards_csv(conn: &mut DbConnection, q: AwardCsvQuery) -> Result<CsvExport> {
    let (items, next_cursor) = collect(q.cursor, |cursor| {
        let p = public_app::awards(
            conn,
            AwardQuery {
                round_id: q.round_id.clone(),
                limit: chunk(),
                cursor,
            },
        )?;
        Ok((p.items, p.next_cursor))
    })?;
    let mut csv = Csv::new(&[
        "Hình thức khen thưởng",
        "Loại đối tượng",
        "Tên đối tượng",
        "Nơi công tác",
        "Số quyết định",
        "Ngày ký",
        "Hồ sơ đề nghị (id)",
        "Đợt khen thưởng (id)",
    ]);
    for a in items {
        csv.row([
            a.award_form.to_string(),
            a.nominee_kind.to_string(),
            a.nominee_name,
            a.workplace,
            a.decision_number.unwrap_or_default(),
            date(a.signed_on),
            a.nomination_id,
            a.round_id,
        ]);
    }
    Ok(CsvExport {
        file_name: "danh-sach-khen-thuong.csv".into(),
        body: csv.finish(),
        next_cursor,
    })
}

/// The filters of `list_comment_postings`, and where to start.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentPostingCsvQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// true: only the postings taking comments today; false: only the others.
    pub open: Option<bool>,
    /// The `next_cursor` of a file cut at the cap: the file continues from there.
    pub cursor: Option<String>,
}

pub fn comment_postings_csv(
    conn: &mut DbConnection,
    today: NaiveDate,
    q: CommentPostingCsvQuery,
) -> Result<CsvExport> {
    let (items, next_cursor) = collect(q.cursor, |cursor| {
        let p = postings::list(
            conn,
            today,
            CommentPostingQuery {
                round_id: q.round_id.clone(),
                open: q.open,
                limit: chunk(),
                cursor,
            },
        )?;
        Ok((p.items, p.next_cursor))
    })?;
    let mut csv = Csv::new(&[
        "Loại đối tượng",
        "Tên đối tượng",
        "Chức vụ",
        "Nơi công tác",
        "Tóm tắt thành tích",
        "Từ ngày",
        "Đến ngày",
        "Đang lấy ý kiến",
        "Hồ sơ đề nghị (id)",
        "Đợt khen thưởng (id)",
        "Phong trào (id)",
    ]);
    for p in items {
        csv.row([
            p.nominee_kind.to_string(),
            p.nominee_name,
            p.position,
            p.workplace,
            p.achievement_summary,
            p.opens_on.to_string(),
            p.closes_on.to_string(),
            flag(p.open).to_string(),
            p.nomination_id,
            p.round_id,
            p.movement_id,
        ]);
    }
    Ok(CsvExport {
        file_name: "lay-y-kien-nhan-dan.csv".into(),
        body: csv.finish(),
        next_cursor,
    })
}

/// The filters of `list_public_exemplary_models`, and where to start.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ModelCsvQuery {
    #[param(max_length = 36)]
    pub movement_id: Option<String>,
    /// A field code of the movement.
    #[param(max_length = 40)]
    pub field: Option<String>,
    /// The proposing unit.
    #[param(max_length = 36)]
    pub unit_id: Option<String>,
    /// The year the model started.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Search in titles and responsible units, ignoring diacritics and case.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// The `next_cursor` of a file cut at the cap: the file continues from there.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// Recognised models, one row each, figures joined in one cell ("indicator: value unit").
pub fn exemplary_models_csv(conn: &mut DbConnection, q: ModelCsvQuery) -> Result<CsvExport> {
    let (items, next_cursor) = collect(q.cursor, |cursor| {
        let p = exemplary_models::public_list(
            conn,
            PublicModelQuery {
                movement_id: q.movement_id.clone(),
                field: q.field.clone(),
                unit_id: q.unit_id.clone(),
                year: q.year,
                q: q.q.clone(),
                limit: chunk(),
                cursor,
            },
        )?;
        Ok((p.items, p.next_cursor))
    })?;
    let mut csv = Csv::new(&[
        "Tên mô hình",
        "Lĩnh vực",
        "Nội dung",
        "Đơn vị",
        "Đơn vị thực hiện",
        "Năm bắt đầu",
        "Kết quả",
        "Số liệu",
        "Số quyết định công nhận",
        "Ngày công nhận",
        "Số đơn vị nhân rộng đã xác nhận",
        "Phong trào (id)",
        "Đơn vị (id)",
        "Id",
    ]);
    for m in items {
        let figures = m
            .figures
            .iter()
            .map(|f| {
                format!("{}: {} {}", f.indicator, f.value, f.unit_of_measure)
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        csv.row([
            m.title,
            m.field_code,
            m.content_item,
            m.unit_name,
            m.responsible_unit,
            m.started_year.to_string(),
            m.results,
            figures,
            m.decision_number.unwrap_or_default(),
            date(m.decision_date),
            m.confirmed_replications.to_string(),
            m.movement_id,
            m.unit_id,
            m.id,
        ]);
    }
    Ok(CsvExport {
        file_name: "mo-hinh-tieu-bieu.csv".into(),
        body: csv.finish(),
        next_cursor,
    })
}
