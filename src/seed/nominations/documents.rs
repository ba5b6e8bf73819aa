//! The dossier files of the demo nominations: one-page PDFs naming each document.

use super::*;

/// A one-page PDF naming the document (ASCII text; the file's name keeps the marks).
pub(super) fn pdf(lines: &[String]) -> Vec<u8> {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let ascii = |s: &str| -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c if c.is_ascii() && !c.is_ascii_control() => c,
                _ => '-',
            })
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect()
    };
    let mut text = String::from("BT /F1 12 Tf 56 780 Td 16 TL");
    for l in lines {
        text.push_str(&format!(" ({}) '", ascii(l)));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

pub(super) fn file_name(kind: &str, round: &RoundRow) -> String {
    match kind {
        "proposal_letter" => "Tờ trình đề nghị khen thưởng.pdf".into(),
        "council_minutes" => "Biên bản họp Hội đồng Thi đua - Khen thưởng.pdf".into(),
        "achievement_report" => "Báo cáo thành tích.pdf".into(),
        "achievement_summary" => "Tóm tắt thành tích.pdf".into(),
        "movement_report" if round.kind == RoundKind::Interim => format!(
            "Báo cáo sơ kết phong trào thi đua {} - {}.pdf",
            round.period_start_year, round.period_end_year
        ),
        "movement_report" => format!(
            "Báo cáo tổng kết phong trào thi đua {} - {}.pdf",
            round.period_start_year, round.period_end_year
        ),
        "launch_plan" => "Kế hoạch phát động phong trào thi đua.pdf".into(),
        _ => "Tài liệu kèm theo.pdf".into(),
    }
}

pub(super) fn document(
    row: &NominationRow,
    round: &RoundRow,
    kind: DocumentKind,
    uploaded_by: &str,
    at: NaiveDateTime,
) -> DocumentRow {
    let name = file_name(kind.as_str(), round);
    let mut lines = vec![
        name.trim_end_matches(".pdf").to_string(),
        row.nominee_name.clone(),
        row.workplace.clone(),
        round.title.clone(),
    ];
    if row.return_reason.is_some() {
        lines.push("Bản bổ sung".into());
    }
    let content = pdf(&lines);
    DocumentRow {
        id: new_id(),
        nomination_id: row.id.clone(),
        kind,
        file_name: name,
        media_type: "application/pdf".into(),
        size_bytes: content.len() as i64,
        sha256: hex::encode(Sha256::digest(&content)),
        content,
        uploaded_by: uploaded_by.into(),
        uploaded_at: at,
        removed_at: None,
    }
}
