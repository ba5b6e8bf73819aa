//! Demo exemplary models of the demo movement (issue 12 item 1): a commune's digital
//! agriculture map, a hospital's electronic medical records and a school's STEM
//! programme, recognised by DIC and replicated by other units (some replications
//! confirmed, some waiting); one model waiting for DIC and one draft of the demo unit.
//! Rows are written as the API would have written them (versions, history steps,
//! actors); the dates are in the movement's past, so the demo holds on any later day.

use super::SeedError;
use crate::db::models::{ModelRow, MovementRow, ReplicationRow, UserRow};
use crate::db::repo::{exemplary_models as repo, users, workflow};
use crate::db::DbConnection;
use crate::domain::exemplary_model::{ModelStatus, ReplicationStatus};
use crate::domain::search::normalize;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::json;
use std::collections::HashMap;

pub struct Counts {
    pub models: usize,
    pub replications: usize,
}

/// A demo model: who, what, and how far it went.
struct ModelSeed {
    unit: &'static str,
    title: &'static str,
    field: &'static str,
    item: &'static str,
    description: &'static str,
    results: &'static str,
    figures: &'static [(&'static str, f64, &'static str)],
    responsible: &'static str,
    started_year: i32,
    /// Proposed on; submitted a week later.
    proposed_on: &'static str,
    /// DIC's decision (number, date), if recognised.
    decision: Option<(&'static str, &'static str)>,
    /// Other units' replications: (unit, started on, results, confirmed).
    replications: &'static [(&'static str, &'static str, &'static str, bool)],
    submitted: bool,
}

const MODELS: &[ModelSeed] = &[
    ModelSeed {
        unit: "H-TAMNONG",
        title: "Bản đồ số nông nghiệp xã Phú Cường",
        field: "agriculture",
        item: "i",
        description: "Số hóa toàn bộ vùng trồng lúa, sen và cây ăn trái của xã trên bản đồ số dùng chung; mỗi thửa có mã vùng trồng, lịch thời vụ và cảnh báo sâu bệnh.",
        results: "Nông dân tra cứu mã vùng trồng và lịch thời vụ trên điện thoại; hợp tác xã truy xuất nguồn gốc lúa xuất khẩu theo thửa.",
        figures: &[
            ("Diện tích vùng trồng được số hóa", 1250.0, "ha"),
            ("Hộ dân sử dụng ứng dụng", 2300.0, "hộ"),
            ("Mã vùng trồng được cấp", 18.0, "mã"),
        ],
        responsible: "UBND xã Phú Cường",
        started_year: 2022,
        proposed_on: "2024-09-16",
        decision: Some(("112/QĐ-STTTT", "2024-11-15")),
        replications: &[
            ("H-THAPMUOI", "2025-02-10", "Số hóa 800 ha vùng trồng lúa của 3 xã theo cách làm của xã Phú Cường.", true),
            ("H-CAOLANH", "2025-03-03", "Bản đồ số vùng trồng xoài 1.100 ha, 1.450 hộ sử dụng.", true),
            ("H-LAPVO", "2025-08-18", "Đang số hóa vùng trồng quýt hồng, đạt 40% diện tích.", false),
        ],
        submitted: true,
    },
    ModelSeed {
        unit: "SYT",
        title: "Bệnh án điện tử tại Bệnh viện Đa khoa Đồng Tháp",
        field: "health",
        item: "i",
        description: "Triển khai bệnh án điện tử thay bệnh án giấy ở toàn bộ khoa lâm sàng, kết nối với hồ sơ sức khỏe điện tử và thanh toán không dùng tiền mặt.",
        results: "Người bệnh không còn mang theo phim, phiếu xét nghiệm; thời gian chờ khám giảm; hồ sơ liên thông với bảo hiểm xã hội.",
        figures: &[
            ("Khoa lâm sàng dùng bệnh án điện tử", 100.0, "%"),
            ("Thời gian chờ khám trung bình giảm", 35.0, "%"),
        ],
        responsible: "Bệnh viện Đa khoa Đồng Tháp",
        started_year: 2023,
        proposed_on: "2025-04-07",
        decision: Some(("64/QĐ-STTTT", "2025-06-20")),
        replications: &[
            ("TP-SADEC", "2025-07-01", "Trung tâm Y tế Thành phố Sa Đéc triển khai bệnh án điện tử tại 12 khoa.", true),
            ("H-CHAUTHANH", "2025-10-06", "Trung tâm Y tế huyện đang triển khai bệnh án điện tử giai đoạn 1.", false),
        ],
        submitted: true,
    },
    ModelSeed {
        unit: "SGDDT",
        title: "Chương trình giáo dục STEM Trường THPT Chuyên Nguyễn Quang Diêu",
        field: "education",
        item: "i",
        description: "Câu lạc bộ STEM và robotics, học liệu số dùng chung và phòng thực hành IoT cho học sinh; giáo viên soạn bài giảng số trên nền tảng của Sở.",
        results: "Học sinh đạt giải cuộc thi khoa học kỹ thuật cấp tỉnh và quốc gia; học liệu số được chia sẻ cho các trường trong tỉnh.",
        figures: &[
            ("Học sinh tham gia câu lạc bộ STEM", 640.0, "học sinh"),
            ("Bài giảng số dùng chung", 215.0, "bài"),
        ],
        responsible: "Trường THPT Chuyên Nguyễn Quang Diêu",
        started_year: 2022,
        proposed_on: "2025-08-04",
        decision: Some(("98/QĐ-STTTT", "2025-09-10")),
        replications: &[(
            "H-THAPMUOI",
            "2025-10-20",
            "Trường THCS thị trấn Mỹ An thành lập câu lạc bộ STEM với 120 học sinh.",
            false,
        )],
        submitted: true,
    },
    ModelSeed {
        unit: "H-HONGNGU",
        title: "Trạm y tế xã thông minh",
        field: "health",
        item: "e",
        description: "Trạm y tế xã đặt lịch khám trực tuyến, khám từ xa với bác sĩ tuyến huyện, quản lý hồ sơ sức khỏe điện tử của người dân.",
        results: "Người dân xã Thường Thới Tiền đặt lịch khám trên điện thoại; 60% hồ sơ sức khỏe được cập nhật.",
        figures: &[("Hồ sơ sức khỏe điện tử được cập nhật", 60.0, "%")],
        responsible: "Trạm Y tế xã Thường Thới Tiền",
        started_year: 2024,
        proposed_on: "2025-10-13",
        decision: None,
        replications: &[],
        submitted: true,
    },
    ModelSeed {
        unit: "H-THAPMUOI",
        title: "Sổ tay nông dân điện tử xã Mỹ Hòa",
        field: "agriculture",
        item: "i",
        description: "Ứng dụng sổ tay ghi chép sản xuất, nhật ký đồng ruộng và kết nối thương lái cho nông dân trồng sen.",
        results: "Thí điểm với 150 hộ trồng sen.",
        figures: &[("Hộ thí điểm", 150.0, "hộ")],
        responsible: "UBND xã Mỹ Hòa",
        started_year: 2025,
        proposed_on: "2025-11-03",
        decision: None,
        replications: &[],
        submitted: false,
    },
];

fn day(s: &str) -> Result<NaiveDate, SeedError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| SeedError::Invalid(format!("bad date {s}")))
}

/// 9:00 in the province (02:00 UTC) on `d`.
fn morning(d: NaiveDate) -> Result<NaiveDateTime, SeedError> {
    d.and_hms_opt(2, 0, 0)
        .ok_or_else(|| SeedError::Invalid(format!("bad time on {d}")))
}

/// The demo accounts that act; another unit's steps are the seed's, as in the other
/// demo histories.
struct Actors {
    officer: UserRow,
    head: UserRow,
    dic: UserRow,
}

impl Actors {
    fn unit_user<'a>(&'a self, unit_id: &str, head: bool) -> (&'a str, &'a str, &'static str) {
        let (user, role) = if head {
            (&self.head, "unit_head")
        } else {
            (&self.officer, "unit_officer")
        };
        if user.unit_id == unit_id {
            (&user.id, &user.username, role)
        } else {
            ("seed", "seed", role)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    conn: &mut DbConnection,
    resource_type: &str,
    resource_id: &str,
    action: &str,
    (from, to): (&str, &str),
    (actor_id, actor_username, actor_role): (&str, &str, &str),
    comment: Option<&str>,
    at: NaiveDateTime,
) -> Result<(), SeedError> {
    workflow::record(
        conn,
        &workflow::Step {
            resource_type,
            resource_id,
            action,
            from_status: from,
            to_status: to,
            actor_id,
            actor_username,
            actor_role,
            comment,
            at,
        },
    )?;
    Ok(())
}

/// `units`: unit id by code.
pub fn load(
    conn: &mut DbConnection,
    movement: &MovementRow,
    units: &HashMap<&str, String>,
) -> Result<Counts, SeedError> {
    let mut user = |name: &str| -> Result<UserRow, SeedError> {
        users::find_by_username(conn, name)?
            .ok_or_else(|| SeedError::Invalid(format!("no demo account {name}")))
    };
    let actors = Actors {
        officer: user("unit_officer")?,
        head: user("unit_head")?,
        dic: user("dic_officer")?,
    };
    let unit = |code: &str| {
        units
            .get(code)
            .cloned()
            .ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")))
    };
    let dic = (
        actors.dic.id.as_str(),
        actors.dic.username.as_str(),
        "dic_officer",
    );
    let mut counts = Counts {
        models: 0,
        replications: 0,
    };
    for s in MODELS {
        let unit_id = unit(s.unit)?;
        let proposed = morning(day(s.proposed_on)?)?;
        let officer = actors.unit_user(&unit_id, false);
        let figures: Vec<_> = s
            .figures
            .iter()
            .map(|(i, v, u)| json!({"indicator": i, "value": v, "unit_of_measure": u}))
            .collect();
        let mut row = ModelRow {
            id: crate::db::models::new_id(),
            movement_id: movement.id.clone(),
            unit_id: unit_id.clone(),
            title: s.title.into(),
            search_text: normalize(&format!("{} {}", s.title, s.responsible)),
            field_code: s.field.into(),
            content_item: s.item.into(),
            description: s.description.into(),
            results: s.results.into(),
            figures: serde_json::Value::Array(figures).to_string(),
            responsible_unit: s.responsible.into(),
            started_year: s.started_year,
            status: ModelStatus::Draft,
            submitted_at: None,
            return_reason: None,
            decision_issuer_unit_id: None,
            decision_number: None,
            decision_date: None,
            decision_year: None,
            recognized_at: None,
            retired_at: None,
            retire_reason: None,
            version: 1,
            created_by: officer.0.to_string(),
            created_at: proposed,
            updated_at: proposed,
        };
        let id = row.id.clone();
        let mut steps = vec![("create", ("", "draft"), officer, None, proposed)];
        if s.submitted {
            let at = proposed + chrono::Duration::days(7);
            row.status = ModelStatus::Submitted;
            row.submitted_at = Some(at);
            row.version += 1;
            row.updated_at = at;
            steps.push((
                "submit",
                ("draft", "submitted"),
                actors.unit_user(&unit_id, true),
                None,
                at,
            ));
        }
        if let Some((number, date)) = s.decision {
            let date = day(date)?;
            let at = morning(date)? + chrono::Duration::hours(1);
            row.status = ModelStatus::Recognized;
            row.decision_issuer_unit_id = Some(movement.standing_unit_id.clone());
            row.decision_number = Some(number.into());
            row.decision_date = Some(date);
            row.decision_year = Some(date.year());
            row.recognized_at = Some(at);
            row.version += 1;
            row.updated_at = at;
            steps.push((
                "recognize",
                ("submitted", "recognized"),
                dic,
                Some("Mô hình tiêu biểu, có khả năng nhân rộng trong tỉnh."),
                at,
            ));
        }
        repo::insert(conn, &row)?;
        for (action, moves, who, comment, at) in steps {
            step(
                conn,
                "exemplary_model",
                &id,
                action,
                moves,
                who,
                comment,
                at,
            )?;
        }
        counts.models += 1;
        for (code, started, results, confirmed) in s.replications {
            let rep_unit = unit(code)?;
            let started_on = day(started)?;
            let registered = morning(started_on + chrono::Duration::days(30))?;
            let who = actors.unit_user(&rep_unit, false);
            let mut r = ReplicationRow {
                id: crate::db::models::new_id(),
                model_id: id.clone(),
                unit_id: rep_unit,
                started_on,
                results: (*results).into(),
                evidence: format!(
                    "Báo cáo kết quả nhân rộng mô hình ngày {}",
                    (started_on + chrono::Duration::days(28)).format("%d/%m/%Y")
                ),
                status: ReplicationStatus::Registered,
                confirmed_at: None,
                confirmed_by: None,
                version: 1,
                created_by: who.0.to_string(),
                created_at: registered,
                updated_at: registered,
            };
            let confirmed_at = registered + chrono::Duration::days(14);
            if *confirmed {
                r.status = ReplicationStatus::Confirmed;
                r.confirmed_at = Some(confirmed_at);
                r.confirmed_by = Some(actors.dic.id.clone());
                r.version = 2;
                r.updated_at = confirmed_at;
            }
            repo::insert_replication(conn, &r)?;
            step(
                conn,
                "model_replication",
                &r.id,
                "create",
                ("", "registered"),
                who,
                None,
                registered,
            )?;
            if *confirmed {
                step(
                    conn,
                    "model_replication",
                    &r.id,
                    "confirm",
                    ("registered", "confirmed"),
                    dic,
                    None,
                    confirmed_at,
                )?;
            }
            counts.replications += 1;
        }
    }
    Ok(counts)
}
