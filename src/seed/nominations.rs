//! Demo nominations: the interim round 2022–2023 as it could have run — nominations
//! from many member units in every state of the workflow, their dossiers, DIC's
//! submission to Home Affairs, the appraisals, the Chair's decision inside the quota and
//! the state awards' public comment, forwarding and central outcome — and the final
//! round open with a few drafts. Rows are written as the API would have written them
//! (same columns, versions, history steps and actors); dates are fixed, so the demo is
//! the same every time.

use super::{data, history::HOLIDAYS, SeedError};
use crate::db::models::{
    new_id, DecisionRow, DocumentRow, MovementRow, NominationRow, OutcomeRow, RoundRow,
    SubmissionRow, UserRow,
};
use crate::db::repo::{decisions, movements, nominations as repo, users, workflow};
use crate::db::DbConnection;
use crate::domain::calendar::Calendar;
use crate::domain::search::normalize;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// DIC's letter sending the consolidated nominations to Home Affairs.
pub const SUBMISSION_LETTER: &str = "215/TTr-STTTT";
/// The Chair's decision of the interim round.
pub const DECISION_NUMBER: &str = "3012/QĐ-UBND";

enum Who {
    /// A member unit (`team: None`) or a named team inside it.
    Collective {
        unit: &'static str,
        team: Option<&'static str>,
        women: f64,
    },
    Person {
        name: &'static str,
        female: bool,
        birth_year: i32,
        position: &'static str,
        workplace: &'static str,
    },
}

/// Where a nomination ended up, and what the reviewers wrote on the way.
enum Fate {
    /// Never submitted; `documents` of the required kinds uploaded.
    Draft {
        documents: usize,
    },
    Submitted,
    Returned {
        reason: &'static str,
    },
    Withdrawn {
        comment: &'static str,
    },
    Consolidated,
    Approved {
        opinion: &'static str,
    },
    Rejected {
        opinion: &'static str,
    },
    /// In the Chair's decision; `returned_once`: DIC returned it once before (a
    /// document replaced, then submitted again).
    Awarded {
        opinion: &'static str,
        returned_once: Option<&'static str>,
    },
    NotAwarded {
        opinion: &'static str,
        reason: &'static str,
    },
    Posted {
        opinion: &'static str,
    },
    Forwarded {
        opinion: &'static str,
    },
    StateAwarded {
        opinion: &'static str,
        number: &'static str,
        decided_on: &'static str,
    },
    StateDeclined {
        opinion: &'static str,
        comment: &'static str,
        decided_on: &'static str,
    },
}

struct Case {
    /// The proposing unit's code.
    unit: &'static str,
    form: &'static str,
    who: Who,
    summary: &'static str,
    clean_record: bool,
    fate: Fate,
}

const PM: &str = "provincial_merit";
const SA: &str = "state_award";
const OK: &str = "Đạt tiêu chuẩn, đủ hồ sơ theo quy định; đề nghị trình Chủ tịch UBND Tỉnh.";

#[rustfmt::skip]
const INTERIM: &[Case] = &[
    Case { unit: "H-LAIVUNG", form: PM, clean_record: true,
        who: Who::Person { name: "Phan Thị Ngọc Hân", female: true, birth_year: 1990,
            position: "Công chức Văn phòng - Thống kê xã Tân Thành", workplace: "UBND xã Tân Thành, Huyện Lai Vung" },
        summary: "Thành lập và điều hành tổ công nghệ số cộng đồng của xã; hướng dẫn hơn 1.200 người dân cài đặt VNeID và nộp hồ sơ dịch vụ công trực tuyến.",
        fate: Fate::Draft { documents: 2 } },
    Case { unit: "SCT", form: PM, clean_record: true,
        who: Who::Collective { unit: "SCT", team: None, women: 48.0 },
        summary: "Đưa 100% sản phẩm OCOP của Tỉnh lên sàn thương mại điện tử; hỗ trợ 350 doanh nghiệp, hộ kinh doanh thanh toán không dùng tiền mặt.",
        fate: Fate::Submitted },
    Case { unit: "H-CAOLANH", form: PM, clean_record: true,
        who: Who::Person { name: "Lê Văn Tùng", female: false, birth_year: 1982,
            position: "Phó Chủ tịch UBND xã Mỹ Long", workplace: "UBND xã Mỹ Long, Huyện Cao Lãnh" },
        summary: "Chỉ đạo số hóa 100% hồ sơ hộ tịch của xã; tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình năm 2023 đạt 76%.",
        fate: Fate::Returned { reason: "Báo cáo thành tích chưa có số liệu minh chứng năm 2023 và chưa có xác nhận của UBND Huyện; đề nghị bổ sung, hoàn chỉnh hồ sơ." } },
    Case { unit: "TP-SADEC", form: PM, clean_record: true,
        who: Who::Person { name: "Trần Thị Kim Loan", female: true, birth_year: 1987,
            position: "Chuyên viên Phòng Văn hóa và Thông tin", workplace: "UBND Thành phố Sa Đéc" },
        summary: "Tham mưu xây dựng bản đồ số làng hoa Sa Đéc, tích hợp thanh toán điện tử cho 60 điểm du lịch.",
        fate: Fate::Withdrawn { comment: "Đơn vị rút hồ sơ để đề nghị khen thưởng tại đợt tổng kết giai đoạn 2022 - 2025." } },
    Case { unit: "BHXH", form: PM, clean_record: true,
        who: Who::Person { name: "Nguyễn Hoàng Phúc", female: false, birth_year: 1985,
            position: "Phó Trưởng phòng Công nghệ thông tin", workplace: "Bảo hiểm xã hội tỉnh Đồng Tháp" },
        summary: "Triển khai ứng dụng VssID cho 92% người tham gia bảo hiểm; liên thông dữ liệu khám, chữa bệnh với 100% cơ sở y tế.",
        fate: Fate::Consolidated },
    // Flagged: an unresolved complaint was declared; approved on merit, never awarded.
    Case { unit: "SGDDT", form: PM, clean_record: false,
        who: Who::Person { name: "Võ Thị Thanh Thảo", female: true, birth_year: 1984,
            position: "Phó Trưởng phòng Giáo dục Trung học", workplace: "Sở Giáo dục và Đào tạo" },
        summary: "Chủ trì xây dựng kho học liệu số dùng chung của ngành với hơn 4.000 bài giảng điện tử.",
        fate: Fate::Approved { opinion: "Thành tích đạt tiêu chuẩn; đề nghị chờ kết quả giải quyết khiếu nại trước khi trình khen thưởng." } },
    Case { unit: "TP-HONGNGU", form: PM, clean_record: true,
        who: Who::Collective { unit: "TP-HONGNGU", team: None, women: 41.0 },
        summary: "Triển khai hệ thống camera giám sát an ninh trật tự và wifi công cộng tại trung tâm thành phố.",
        fate: Fate::Rejected { opinion: "Không đạt: tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình năm 2023 đạt 38%, thấp hơn chỉ tiêu của Kế hoạch số 207/KH-UBND." } },
    Case { unit: "H-THAPMUOI", form: PM, clean_record: true,
        who: Who::Collective { unit: "H-THAPMUOI", team: None, women: 46.0 },
        summary: "Dẫn đầu Cụm thi đua số 2 về chuyển đổi số năm 2022 và 2023; 100% xã, thị trấn có tổ công nghệ số cộng đồng; 82% hồ sơ được xử lý trực tuyến toàn trình.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "SYT", form: PM, clean_record: true,
        who: Who::Collective { unit: "SYT", team: Some("Phòng Công nghệ thông tin Bệnh viện Đa khoa Đồng Tháp"), women: 71.4 },
        summary: "Triển khai bệnh án điện tử tại Bệnh viện Đa khoa Đồng Tháp từ tháng 6/2023; kết nối khám, chữa bệnh từ xa với Bệnh viện Chợ Rẫy.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "VNPT", form: PM, clean_record: true,
        who: Who::Collective { unit: "VNPT", team: None, women: 34.0 },
        summary: "Phủ sóng 4G đến 100% ấp, khóm; vận hành nền tảng chính quyền số và hệ thống thông tin giải quyết thủ tục hành chính của Tỉnh.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "H-THAPMUOI", form: PM, clean_record: true,
        who: Who::Person { name: "Đặng Thị Mỹ Linh", female: true, birth_year: 1988,
            position: "Chuyên viên Phòng Văn hóa và Thông tin", workplace: "UBND Huyện Tháp Mười" },
        summary: "Tham mưu thành lập 13/13 tổ công nghệ số cộng đồng; hướng dẫn người dân nộp hơn 5.000 hồ sơ dịch vụ công trực tuyến.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "SNNPTNT", form: PM, clean_record: true,
        who: Who::Person { name: "Huỳnh Văn Phước", female: false, birth_year: 1979,
            position: "Phó Chi cục trưởng Chi cục Trồng trọt và Bảo vệ thực vật", workplace: "Sở Nông nghiệp và Phát triển nông thôn" },
        summary: "Chủ trì xây dựng bản đồ số vùng trồng xoài, sen, lúa; cấp 215 mã số vùng trồng gắn truy xuất nguồn gốc điện tử.",
        fate: Fate::Awarded { opinion: OK, returned_once: Some("Biên bản họp Hội đồng Thi đua - Khen thưởng chưa có chữ ký của Chủ tịch Hội đồng; đề nghị bổ sung.") } },
    Case { unit: "SYT", form: PM, clean_record: true,
        who: Who::Person { name: "Lê Thị Bích Ngọc", female: true, birth_year: 1986,
            position: "Bác sĩ, Trưởng khoa Khám bệnh", workplace: "Bệnh viện Đa khoa khu vực Sa Đéc" },
        summary: "Đưa vào vận hành đặt lịch khám trực tuyến và thanh toán không dùng tiền mặt, giảm 40% thời gian chờ khám của người bệnh.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "STC", form: PM, clean_record: true,
        who: Who::Person { name: "Phạm Quốc Huy", female: false, birth_year: 1981,
            position: "Trưởng phòng Tin học và Thống kê", workplace: "Sở Tài chính" },
        summary: "Triển khai phần mềm quản lý tài sản công và ngân sách trực tuyến cho 100% đơn vị dự toán cấp Tỉnh.",
        fate: Fate::NotAwarded { opinion: OK,
            reason: "Cá nhân đã được tặng Bằng khen của Chủ tịch UBND Tỉnh tại Quyết định số 1520/QĐ-UBND ngày 15/8/2023 cho cùng thành tích; không khen thưởng trùng." } },
    Case { unit: "SGDDT", form: SA, clean_record: true,
        who: Who::Person { name: "Trương Thị Mỹ Dung", female: true, birth_year: 1976,
            position: "Hiệu trưởng Trường THPT Thành phố Cao Lãnh", workplace: "Trường THPT Thành phố Cao Lãnh, Sở Giáo dục và Đào tạo" },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: xây dựng mô hình trường học số đầu tiên của Tỉnh; 100% học sinh học tập trên nền tảng trực tuyến của ngành.",
        fate: Fate::Posted { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ; đề nghị lấy ý kiến công khai." } },
    Case { unit: "TP-CAOLANH", form: SA, clean_record: true,
        who: Who::Collective { unit: "TP-CAOLANH", team: None, women: 52.0 },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: vận hành Trung tâm giám sát, điều hành đô thị thông minh; 100% phường, xã có dịch vụ công trực tuyến toàn trình.",
        fate: Fate::Forwarded { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ." } },
    Case { unit: "TP-SADEC", form: SA, clean_record: true,
        who: Who::Collective { unit: "TP-SADEC", team: None, women: 55.0 },
        summary: "Đề nghị Huân chương Lao động hạng Ba: thành phố dẫn đầu Cụm thi đua số 3 về chuyển đổi số ba năm liền; mô hình làng hoa thông minh được nhân rộng.",
        fate: Fate::StateAwarded { opinion: "Đủ điều kiện đề nghị Huân chương Lao động hạng Ba.", number: "1234/QĐ-CTN", decided_on: "2024-03-20" } },
    Case { unit: "CUC-THUE", form: SA, clean_record: true,
        who: Who::Person { name: "Đỗ Thanh Bình", female: false, birth_year: 1972,
            position: "Phó Cục trưởng", workplace: "Cục Thuế tỉnh Đồng Tháp" },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: 99,8% doanh nghiệp khai thuế điện tử; triển khai hóa đơn điện tử khởi tạo từ máy tính tiền.",
        fate: Fate::StateDeclined { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ.",
            comment: "Hội đồng Thi đua - Khen thưởng Trung ương không xét: chưa đủ thời gian từ lần khen thưởng trước (Công văn số 845/BTĐKT-VI ngày 05/4/2024).",
            decided_on: "2024-04-05" } },
];

/// Other units' drafts: the demo unit's accounts start the final round with none.
#[rustfmt::skip]
const FINAL: &[Case] = &[
    Case { unit: "SKHCN", form: PM, clean_record: true,
        who: Who::Person { name: "Ngô Thị Phương Thảo", female: true, birth_year: 1991,
            position: "Chuyên viên Phòng Quản lý công nghệ", workplace: "Sở Khoa học và Công nghệ" },
        summary: "Xây dựng cơ sở dữ liệu khoa học và công nghệ của Tỉnh; công bố 12 bộ dữ liệu mở.",
        fate: Fate::Draft { documents: 6 } },
    Case { unit: "H-LAPVO", form: PM, clean_record: true,
        who: Who::Collective { unit: "H-LAPVO", team: Some("Tổ công nghệ số cộng đồng xã Tân Mỹ"), women: 64.0 },
        summary: "Hỗ trợ 100% hộ kinh doanh của xã mở tài khoản thanh toán điện tử; hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
        fate: Fate::Draft { documents: 3 } },
    Case { unit: "DPTTH", form: PM, clean_record: true,
        who: Who::Person { name: "Trần Minh Khang", female: false, birth_year: 1989,
            position: "Biên tập viên Phòng Thời sự", workplace: "Đài Phát thanh và Truyền hình Đồng Tháp" },
        summary: "Thực hiện chuyên mục “Chuyển đổi số” phát sóng hằng tuần giai đoạn 2022 - 2025.",
        fate: Fate::Draft { documents: 1 } },
    Case { unit: "H-CHAUTHANH", form: PM, clean_record: true,
        who: Who::Person { name: "Nguyễn Thị Kiều Oanh", female: true, birth_year: 1993,
            position: "Công chức Văn hóa - Xã hội xã An Nhơn", workplace: "UBND xã An Nhơn, Huyện Châu Thành" },
        summary: "Vận hành trang thông tin điện tử và nhóm Zalo của xã; 95% hồ sơ của xã nộp trực tuyến năm 2025.",
        fate: Fate::Draft { documents: 2 } },
];

pub struct Counts {
    pub nominations: usize,
    pub documents: usize,
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<NaiveDateTime, SeedError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, 0))
        .ok_or_else(|| SeedError::Invalid(format!("bad date {y}-{m}-{d}")))
}

fn day(s: &str) -> Result<NaiveDate, SeedError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| SeedError::Invalid(format!("bad date {s}")))
}

/// Who takes a step.
#[derive(Clone, Copy)]
enum By {
    UnitOfficer,
    UnitHead,
    Dic,
    HomeAffairs,
    Chair,
}

struct Event {
    action: &'static str,
    from: &'static str,
    to: &'static str,
    by: By,
    comment: Option<String>,
    at: NaiveDateTime,
}

/// The demo accounts acting in the workflow. The demo unit's steps are its own
/// accounts'; another unit's steps are the seed's (no account per unit), as in
/// `history`.
struct Actors {
    officer: UserRow,
    head: UserRow,
    dic: UserRow,
    home_affairs: UserRow,
    chair: UserRow,
}

impl Actors {
    fn load(conn: &mut DbConnection) -> Result<Self, SeedError> {
        let mut user = |name: &str| -> Result<UserRow, SeedError> {
            users::find_by_username(conn, name)?
                .ok_or_else(|| SeedError::Invalid(format!("no demo account {name}")))
        };
        Ok(Self {
            officer: user("unit_officer")?,
            head: user("unit_head")?,
            dic: user("dic_officer")?,
            home_affairs: user("home_affairs_officer")?,
            chair: user("chair")?,
        })
    }

    /// (actor id, username, role) of a step on a nomination of `unit_id`.
    fn of(&self, by: By, unit_id: &str) -> (&str, &str, &'static str) {
        let own = unit_id == self.officer.unit_id;
        let (user, role) = match by {
            By::UnitOfficer => (own.then_some(&self.officer), "unit_officer"),
            By::UnitHead => (own.then_some(&self.head), "unit_head"),
            By::Dic => (Some(&self.dic), "dic_officer"),
            By::HomeAffairs => (Some(&self.home_affairs), "home_affairs_officer"),
            By::Chair => (Some(&self.chair), "chair"),
        };
        match user {
            Some(u) => (&u.id, &u.username, role),
            None => ("seed", "seed", role),
        }
    }
}

/// A one-page PDF naming the document (ASCII text; the file's name keeps the marks).
fn pdf(lines: &[String]) -> Vec<u8> {
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

fn file_name(kind: &str, round: &RoundRow) -> String {
    match kind {
        "proposal_letter" => "Tờ trình đề nghị khen thưởng.pdf".into(),
        "council_minutes" => "Biên bản họp Hội đồng Thi đua - Khen thưởng.pdf".into(),
        "achievement_report" => "Báo cáo thành tích.pdf".into(),
        "achievement_summary" => "Tóm tắt thành tích.pdf".into(),
        "movement_report" if round.kind == "interim" => format!(
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

fn document(
    row: &NominationRow,
    round: &RoundRow,
    kind: &str,
    uploaded_by: &str,
    at: NaiveDateTime,
) -> DocumentRow {
    let name = file_name(kind, round);
    let content = pdf(&[
        name.trim_end_matches(".pdf").to_string(),
        row.nominee_name.clone(),
        row.workplace.clone(),
        round.title.clone(),
    ]);
    DocumentRow {
        id: new_id(),
        nomination_id: row.id.clone(),
        kind: kind.into(),
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

/// The nomination as drafted (nominee columns as `set_nominee` fills them).
fn drafted(
    c: &Case,
    round: &RoundRow,
    units: &HashMap<&str, String>,
    names: &HashMap<String, String>,
    created: NaiveDateTime,
) -> Result<NominationRow, SeedError> {
    let unit_id = |code: &str| {
        units
            .get(code)
            .cloned()
            .ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")))
    };
    let mut row = NominationRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: round.movement_id.clone(),
        unit_id: unit_id(c.unit)?,
        award_form: c.form.into(),
        nominee_kind: String::new(),
        nominee_unit_id: None,
        nominee_name: String::new(),
        nominee_search: String::new(),
        nominee_key: String::new(),
        women_share_percent: None,
        gender: None,
        birth_year: None,
        position: String::new(),
        workplace: String::new(),
        achievement_summary: c.summary.into(),
        clean_record: c.clean_record,
        status: "draft".into(),
        submitted_at: None,
        return_reason: None,
        submission_id: None,
        consolidated_at: None,
        appraisal_verdict: None,
        appraisal_opinion: None,
        appraised_at: None,
        version: 1,
        created_at: created,
        updated_at: created,
    };
    match c.who {
        Who::Collective { unit, team, women } => {
            let id = unit_id(unit)?;
            let name = names
                .get(&id)
                .cloned()
                .ok_or_else(|| SeedError::Invalid(format!("unknown unit {unit}")))?;
            row.nominee_kind = "collective".into();
            row.women_share_percent = Some(women);
            row.workplace = name.clone();
            match team {
                Some(t) => {
                    row.nominee_key = format!("team:{id}:{}", normalize(t));
                    row.nominee_search = normalize(&format!("{t} {name}"));
                    row.nominee_name = t.into();
                }
                None => {
                    row.nominee_key = format!("unit:{id}");
                    row.nominee_search = normalize(&name);
                    row.nominee_name = name;
                }
            }
            row.nominee_unit_id = Some(id);
        }
        Who::Person {
            name,
            female,
            birth_year,
            position,
            workplace,
        } => {
            row.nominee_kind = "individual".into();
            row.gender = Some(if female { "female" } else { "male" }.into());
            row.birth_year = Some(birth_year);
            row.position = position.into();
            row.workplace = workplace.into();
            row.nominee_key = format!("person:{}:{birth_year}", normalize(name));
            row.nominee_search = normalize(name);
            row.nominee_name = name.into();
        }
    }
    Ok(row)
}

/// The steps a nomination went through, oldest first.
struct Timeline(Vec<Event>);

impl Timeline {
    fn step(
        &mut self,
        action: &'static str,
        (from, to): (&'static str, &'static str),
        by: By,
        comment: Option<&str>,
        at: NaiveDateTime,
    ) {
        self.0.push(Event {
            action,
            from,
            to,
            by,
            comment: comment.map(str::to_string),
            at,
        });
    }
}

/// What happened in the round, shared by its nominations.
struct Round<'a> {
    row: &'a RoundRow,
    calendar: &'a Calendar,
    submission: Option<&'a SubmissionRow>,
    decision: Option<&'a DecisionRow>,
}

/// Shared look-ups.
struct Context<'a> {
    actors: &'a Actors,
    units: &'a HashMap<&'a str, String>,
    names: &'a HashMap<String, String>,
}

/// The steps of case `i` (the create step first), and what they leave in the outcome
/// row; the comment windows are counted in working days as the API counts them.
fn timeline(
    c: &Case,
    i: usize,
    round: &Round<'_>,
    created: NaiveDateTime,
) -> Result<(Timeline, OutcomeRow), SeedError> {
    let r = round.row;
    let mut t = Timeline(Vec::new());
    let mut out = OutcomeRow::default();
    t.step("create", ("", "draft"), By::UnitOfficer, None, created);
    let submitted = match c.fate {
        Fate::Draft { .. } => return Ok((t, out)),
        // Sent on the window's last days, after DIC had prepared its letter.
        Fate::Submitted => at(2023, 11, 29, 2, 30)?,
        _ => created + Duration::days(21 + (i % 3) as i64) + Duration::hours(1),
    };
    if submitted.date() > r.nomination_closes_on {
        return Err(SeedError::Invalid("submitted after the window".into()));
    }
    t.step(
        "submit",
        ("draft", "submitted"),
        By::UnitHead,
        None,
        submitted,
    );
    let consolidated = round
        .submission
        .map(|s| s.sent_at)
        .ok_or_else(|| SeedError::Invalid("no submission in the round".into()))?;
    let decided = round
        .decision
        .map(|d| d.created_at)
        .ok_or_else(|| SeedError::Invalid("no decision in the round".into()))?;
    let consolidate = |t: &mut Timeline| {
        t.step(
            "consolidate",
            ("submitted", "consolidated"),
            By::Dic,
            Some(SUBMISSION_LETTER),
            consolidated,
        )
    };
    // State awards are appraised first: their public comment takes ten working days.
    let appraised = if c.form == SA {
        at(2023, 12, 7, 2, 0)?
    } else {
        at(2023, 12, 12 + (i % 4) as u32, 2, 0)?
    } + Duration::minutes(10 * i as i64);
    let approve = |t: &mut Timeline, opinion: &str| {
        t.step(
            "approve",
            ("consolidated", "approved"),
            By::HomeAffairs,
            Some(opinion),
            appraised,
        )
    };
    let window = |opens: NaiveDate| {
        let closes = round
            .calendar
            .add_working_days(opens, r.comment_working_days.max(0) as u32);
        (Some(opens), Some(closes))
    };
    match c.fate {
        Fate::Draft { .. } | Fate::Submitted => {}
        Fate::Returned { reason } => t.step(
            "return",
            ("submitted", "returned"),
            By::Dic,
            Some(reason),
            submitted + Duration::days(8),
        ),
        Fate::Withdrawn { comment } => t.step(
            "withdraw",
            ("submitted", "withdrawn"),
            By::UnitHead,
            Some(comment),
            submitted + Duration::days(10),
        ),
        Fate::Consolidated => consolidate(&mut t),
        Fate::Approved { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
        }
        Fate::Rejected { opinion } => {
            consolidate(&mut t);
            t.step(
                "reject",
                ("consolidated", "rejected"),
                By::HomeAffairs,
                Some(opinion),
                appraised,
            );
        }
        Fate::Awarded {
            opinion,
            returned_once,
        } => {
            if let Some(reason) = returned_once {
                let back = submitted + Duration::days(6);
                t.step(
                    "return",
                    ("submitted", "returned"),
                    By::Dic,
                    Some(reason),
                    back,
                );
                let again = back + Duration::days(7);
                if again.date() > r.nomination_closes_on {
                    return Err(SeedError::Invalid("resubmitted after the window".into()));
                }
                t.step(
                    "submit",
                    ("returned", "submitted"),
                    By::UnitHead,
                    None,
                    again,
                );
            }
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "award",
                ("approved", "awarded"),
                By::Chair,
                Some(DECISION_NUMBER),
                decided,
            );
        }
        Fate::NotAwarded { opinion, reason } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "close",
                ("approved", "not_awarded"),
                By::Chair,
                Some(reason),
                decided + Duration::minutes(30),
            );
            out.not_awarded_reason = Some(reason.into());
        }
        Fate::Posted { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 27, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
        }
        Fate::Forwarded { opinion }
        | Fate::StateAwarded { opinion, .. }
        | Fate::StateDeclined { opinion, .. } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 8, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
            // Forwarded once the comment window has closed.
            let forwarded = at(2023, 12, 26, 3, 0)?;
            if out.comment_closes_on.is_some_and(|c| forwarded.date() <= c) {
                return Err(SeedError::Invalid(
                    "forwarded inside the comment window".into(),
                ));
            }
            t.step(
                "forward",
                ("posted_for_comment", "forwarded_to_central"),
                By::Chair,
                None,
                forwarded,
            );
            out.forwarded_at = Some(forwarded);
            let recorded = at(2024, 4, 15, 2, 0)?;
            match c.fate {
                Fate::StateAwarded {
                    number, decided_on, ..
                } => {
                    t.step(
                        "state_awarded",
                        ("forwarded_to_central", "state_awarded"),
                        By::Chair,
                        None,
                        recorded,
                    );
                    out.central_decision_number = Some(number.into());
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                Fate::StateDeclined {
                    comment,
                    decided_on,
                    ..
                } => {
                    t.step(
                        "state_declined",
                        ("forwarded_to_central", "state_declined"),
                        By::Chair,
                        Some(comment),
                        recorded,
                    );
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                _ => {}
            }
        }
    }
    Ok((t, out))
}

/// Writes case `i` of the round with its dossier, history, submission link and
/// outcome; returns the nomination and the number of files.
fn write(
    conn: &mut DbConnection,
    c: &Case,
    i: usize,
    round: &Round<'_>,
    cx: &Context<'_>,
) -> Result<(NominationRow, usize), SeedError> {
    let r = round.row;
    let created = (r.nomination_opens_on + Duration::days(1 + i as i64))
        .and_hms_opt(1, 30, 0)
        .ok_or_else(|| SeedError::Invalid("bad time".into()))?
        + Duration::minutes(17 * i as i64);
    let mut row = drafted(c, r, cx.units, cx.names, created)?;
    let (_, uploader, _) = cx.actors.of(By::UnitOfficer, &row.unit_id);
    let uploader = uploader.to_string();
    let (t, mut outcome) = timeline(c, i, round, created)?;

    // The dossier: uploaded the day after drafting (all required kinds once submitted).
    let kinds: Vec<&str> = r.required_documents.split_whitespace().collect();
    let count = match c.fate {
        Fate::Draft { documents } => documents.min(kinds.len()),
        _ => kinds.len(),
    };
    let uploaded = created + Duration::days(1);
    let mut docs: Vec<DocumentRow> = kinds[..count]
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            document(
                &row,
                r,
                kind,
                &uploader,
                uploaded + Duration::minutes(6 * k as i64),
            )
        })
        .collect();
    // Returned once: the unit replaced the minutes before submitting again.
    let mut submits = t.0.iter().filter(|e| e.action == "submit").map(|e| e.at);
    if let (Some(_), Some(again)) = (submits.next(), submits.next()) {
        let fixed = again - Duration::days(1);
        if let Some(old) = docs.iter_mut().find(|d| d.kind == "council_minutes") {
            old.removed_at = Some(fixed);
        }
        docs.push(document(
            &row,
            r,
            "council_minutes",
            &uploader,
            fixed + Duration::minutes(5),
        ));
    }
    // Each upload and removal moved the version, as each step did.
    let changes = docs.len() + docs.iter().filter(|d| d.removed_at.is_some()).count();
    for e in &t.0[1..] {
        match e.action {
            "submit" => {
                row.submitted_at = Some(e.at);
                row.return_reason = None;
            }
            "return" => row.return_reason = e.comment.clone(),
            "consolidate" => {
                row.submission_id = round.submission.map(|s| s.id.clone());
                row.consolidated_at = Some(e.at);
            }
            "approve" | "reject" => {
                row.appraisal_verdict = Some(e.action.into());
                row.appraisal_opinion = e.comment.clone();
                row.appraised_at = Some(e.at);
            }
            _ => {}
        }
        row.status = e.to.into();
    }
    row.version = 1 + (changes + t.0.len() - 1) as i32;
    row.updated_at =
        t.0.iter()
            .map(|e| e.at)
            .chain(docs.iter().map(|d| d.removed_at.unwrap_or(d.uploaded_at)))
            .max()
            .unwrap_or(created);

    repo::insert(conn, &row)?;
    docs.sort_by_key(|d| d.uploaded_at);
    for d in &docs {
        repo::insert_document(conn, d)?;
    }
    for e in &t.0 {
        let (id, username, role) = cx.actors.of(e.by, &row.unit_id);
        workflow::record(
            conn,
            &workflow::Step {
                resource_type: "nomination",
                resource_id: &row.id,
                action: e.action,
                from_status: e.from,
                to_status: e.to,
                actor_id: id,
                actor_username: username,
                actor_role: role,
                comment: e.comment.as_deref(),
                at: e.at,
            },
        )?;
    }
    if let (Some(sub), Some(_)) = (round.submission, row.consolidated_at) {
        repo::add_to_submission(conn, &sub.id, &row.id)?;
    }
    outcome.nomination_id = row.id.clone();
    let empty = OutcomeRow {
        nomination_id: row.id.clone(),
        ..OutcomeRow::default()
    };
    if outcome != empty {
        repo::save_outcome(conn, &outcome)?;
    }
    Ok((row, docs.len()))
}

fn round_of(
    conn: &mut DbConnection,
    movement: &MovementRow,
    kind: &str,
) -> Result<RoundRow, SeedError> {
    let code = data::MOVEMENT
        .rounds
        .iter()
        .find(|r| r.kind == kind)
        .map(|r| r.code)
        .ok_or_else(|| SeedError::Invalid(format!("no {kind} round in the demo")))?;
    movements::list_rounds(conn, &movement.id, Some(kind), None, 100)?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or_else(|| SeedError::Invalid(format!("round {code} not loaded")))
}

/// `units`: member unit id by code.
pub fn load(
    conn: &mut DbConnection,
    movement: &MovementRow,
    units: &HashMap<&str, String>,
) -> Result<Counts, SeedError> {
    let actors = Actors::load(conn)?;
    let names: HashMap<String, String> = data::UNITS
        .iter()
        .filter_map(|u| units.get(u.code).map(|id| (id.clone(), u.name.to_string())))
        .collect();
    let mut holidays = Vec::new();
    for (d, _) in HOLIDAYS {
        holidays.push(day(d)?);
    }
    let calendar = Calendar::new(holidays);
    let cx = Context {
        actors: &actors,
        units,
        names: &names,
    };
    let mut counts = Counts {
        nominations: 0,
        documents: 0,
    };

    let interim = round_of(conn, movement, "interim")?;
    let submission = SubmissionRow {
        id: new_id(),
        round_id: interim.id.clone(),
        movement_id: movement.id.clone(),
        letter_number: SUBMISSION_LETTER.into(),
        letter_date: day("2023-12-05")?,
        note: format!(
            "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh khen thưởng {}.",
            interim.title.to_lowercase()
        ),
        sent_by: actors.dic.id.clone(),
        sent_at: at(2023, 12, 5, 3, 0)?,
    };
    repo::insert_submission(conn, &submission)?;
    let decision = DecisionRow {
        id: new_id(),
        round_id: interim.id.clone(),
        movement_id: movement.id.clone(),
        issuer_unit_id: actors.chair.unit_id.clone(),
        number: DECISION_NUMBER.into(),
        year: 2023,
        signed_on: day("2023-12-28")?,
        signer: "Chủ tịch UBND Tỉnh".into(),
        created_by: actors.chair.id.clone(),
        created_at: at(2023, 12, 28, 8, 0)?,
    };
    decisions::insert(conn, &decision)?;
    let round = Round {
        row: &interim,
        calendar: &calendar,
        submission: Some(&submission),
        decision: Some(&decision),
    };
    let mut awarded: HashMap<String, i32> = HashMap::new();
    for (i, c) in INTERIM.iter().enumerate() {
        let (row, docs) = write(conn, c, i, &round, &cx)?;
        if row.status == "awarded" {
            decisions::add_nomination(conn, &decision.id, &row.id)?;
            *awarded.entry(row.nominee_kind.clone()).or_default() += 1;
        }
        counts.nominations += 1;
        counts.documents += docs;
    }
    // The decision's places, taken as the API takes them: never past the quota.
    for (kind, n) in &awarded {
        if !decisions::claim(conn, &interim.id, PM, kind, *n)? {
            return Err(SeedError::Invalid(format!(
                "decision {DECISION_NUMBER} exceeds the {kind} quota"
            )));
        }
    }

    let fin = round_of(conn, movement, "final")?;
    let round = Round {
        row: &fin,
        calendar: &calendar,
        submission: None,
        decision: None,
    };
    for (i, c) in FINAL.iter().enumerate() {
        let (_, docs) = write(conn, c, i, &round, &cx)?;
        counts.nominations += 1;
        counts.documents += docs;
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn texts(c: &Case) -> Vec<&'static str> {
        let mut out = vec![c.summary];
        match c.who {
            Who::Collective { team, .. } => out.extend(team),
            Who::Person {
                name,
                position,
                workplace,
                ..
            } => out.extend([name, position, workplace]),
        }
        match c.fate {
            Fate::Returned { reason } => out.push(reason),
            Fate::Withdrawn { comment } => out.push(comment),
            Fate::Approved { opinion }
            | Fate::Rejected { opinion }
            | Fate::Awarded { opinion, .. }
            | Fate::Posted { opinion }
            | Fate::Forwarded { opinion }
            | Fate::StateAwarded { opinion, .. } => out.push(opinion),
            Fate::NotAwarded { opinion, reason } => out.extend([opinion, reason]),
            Fate::StateDeclined {
                opinion, comment, ..
            } => out.extend([opinion, comment]),
            Fate::Draft { .. } | Fate::Submitted | Fate::Consolidated => {}
        }
        out
    }

    #[test]
    fn demo_texts_are_nfc() {
        for c in INTERIM.iter().chain(FINAL) {
            for t in texts(c) {
                assert_eq!(t.nfc().collect::<String>(), t, "{t}");
            }
        }
    }

    #[test]
    fn the_pdf_is_well_formed() {
        let bytes = pdf(&["Tờ trình (đề nghị)".to_string()]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        assert!(text.contains("(To trinh \\(de nghi\\)) '"));
        // Every xref offset points at its object.
        let xref = text.find("xref\n").unwrap();
        let start: usize = text.lines().rev().nth(1).unwrap().parse().unwrap();
        assert_eq!(start, xref);
        for (n, line) in text[xref..].lines().skip(3).take(5).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", n + 1)),
                "{line}"
            );
        }
        assert_eq!(
            crate::domain::dossier::sniff(&bytes).map(|t| t.media_type()),
            Some("application/pdf")
        );
    }
}
