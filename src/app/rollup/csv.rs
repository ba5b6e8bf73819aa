//! The ranking of an issued roll-up as CSV, for the People's Committee's spreadsheets.

use super::ConsolidatedContent;
use crate::domain::csv::Csv;

/// The report state in words for the CSV's readers.
fn status_vi(status: &str) -> &'static str {
    match status {
        "draft" => "Đang soạn",
        "submitted" => "Đã gửi",
        "returned" => "Bị trả lại",
        "accepted" => "Đã chấp nhận",
        _ => "Chưa báo cáo",
    }
}

/// The file name the CSV is offered under.
pub fn csv_file_name(c: &ConsolidatedContent) -> String {
    format!(
        "bao-cao-tong-hop-{}.csv",
        c.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "dot".into())
    )
}

/// The ranking table as CSV (`domain::csv`: BOM, CRLF, quoting, the formula guard).
pub fn to_csv(c: &ConsolidatedContent) -> String {
    let mut csv = Csv::new(&[
        "Khối/Cụm thi đua",
        "Hạng",
        "Mã đơn vị",
        "Tên đơn vị",
        "Điểm (%)",
        "Tổng điểm",
        "Điểm tối đa",
        "Tỷ lệ nữ (%)",
        "Ưu tiên (≥70% nữ)",
        "Trạng thái báo cáo",
        "Nộp muộn",
    ]);
    let yes = |b: bool| if b { "có".to_string() } else { String::new() };
    for g in &c.rollup.rankings {
        for u in &g.units {
            csv.row([
                g.group_name.clone(),
                u.rank.map(|r| r.to_string()).unwrap_or_default(),
                u.code.clone(),
                u.name.clone(),
                u.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                format!("{:.2}", u.score_sum),
                format!("{:.2}", u.max_score_sum),
                u.women_share_percent
                    .map(|w| format!("{w:.1}"))
                    .unwrap_or_default(),
                yes(u.women_preferred),
                status_vi(&u.report_status).to_string(),
                yes(u.late),
            ]);
        }
    }
    csv.finish()
}
