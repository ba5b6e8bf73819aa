//! The ranking of an issued roll-up as CSV, for the People's Committee's spreadsheets.

use super::ConsolidatedContent;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

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

/// The ranking table as CSV, UTF-8 with a byte-order mark so Excel shows Vietnamese.
pub fn to_csv(c: &ConsolidatedContent) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,Điểm (%),Tổng điểm,Điểm tối đa,Tỷ lệ nữ (%),Ưu tiên (≥70% nữ),Trạng thái báo cáo,Nộp muộn\r\n");
    for g in &c.rollup.rankings {
        for u in &g.units {
            let cells = [
                csv_field(&g.group_name),
                u.rank.map(|r| r.to_string()).unwrap_or_default(),
                csv_field(&u.code),
                csv_field(&u.name),
                u.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                format!("{:.2}", u.score_sum),
                format!("{:.2}", u.max_score_sum),
                u.women_share_percent
                    .map(|w| format!("{w:.1}"))
                    .unwrap_or_default(),
                if u.women_preferred {
                    "có".into()
                } else {
                    String::new()
                },
                status_vi(&u.report_status).to_string(),
                if u.late { "có".into() } else { String::new() },
            ];
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
    }
    out
}
