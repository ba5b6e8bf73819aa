//! Demo history: every member unit's annual plans and reports for 2022–2024, as the
//! movement could have run — most on time and accepted, some late, some returned or
//! still waiting for DIC in 2024, some never sent — so that report status, the roll-up
//! and the rankings show something real. Values are deterministic (derived from the
//! unit's position), not random, so the demo is the same every time.

use super::SeedError;
use crate::db::models::{
    new_id, CriterionRow, HolidayRow, MovementRow, PlanRow, ReportRow, ResultRow, TargetRow,
};
use crate::db::repo::{plans, reports, workflow};
use crate::db::DbConnection;
use crate::domain::review::{PlanKind, ReportKind, ReviewStatus};
use chrono::{NaiveDate, NaiveDateTime};

/// Vietnam's public holidays (weekdays off) that working-day limits skip.
pub const HOLIDAYS: &[(&str, &str)] = &[
    ("2022-01-03", "Tết Dương lịch (nghỉ bù)"),
    ("2022-01-31", "Tết Nguyên đán"),
    ("2022-02-01", "Tết Nguyên đán"),
    ("2022-02-02", "Tết Nguyên đán"),
    ("2022-02-03", "Tết Nguyên đán"),
    ("2022-02-04", "Tết Nguyên đán"),
    ("2022-04-11", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2022-05-02", "Ngày Chiến thắng (nghỉ bù)"),
    ("2022-05-03", "Quốc tế Lao động (nghỉ bù)"),
    ("2022-09-01", "Quốc khánh"),
    ("2022-09-02", "Quốc khánh"),
    ("2023-01-02", "Tết Dương lịch (nghỉ bù)"),
    ("2023-01-20", "Tết Nguyên đán"),
    ("2023-01-23", "Tết Nguyên đán"),
    ("2023-01-24", "Tết Nguyên đán"),
    ("2023-01-25", "Tết Nguyên đán"),
    ("2023-01-26", "Tết Nguyên đán"),
    ("2023-05-01", "Quốc tế Lao động"),
    ("2023-05-02", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2023-05-03", "Ngày Chiến thắng (nghỉ bù)"),
    ("2023-09-01", "Quốc khánh"),
    ("2023-09-04", "Quốc khánh (nghỉ bù)"),
    ("2024-01-01", "Tết Dương lịch"),
    ("2024-02-08", "Tết Nguyên đán"),
    ("2024-02-09", "Tết Nguyên đán"),
    ("2024-02-12", "Tết Nguyên đán"),
    ("2024-02-13", "Tết Nguyên đán"),
    ("2024-02-14", "Tết Nguyên đán"),
    ("2024-04-18", "Giỗ Tổ Hùng Vương"),
    ("2024-04-29", "Ngày Chiến thắng (hoán đổi)"),
    ("2024-04-30", "Ngày Chiến thắng"),
    ("2024-05-01", "Quốc tế Lao động"),
    ("2024-09-02", "Quốc khánh"),
    ("2024-09-03", "Quốc khánh"),
    ("2025-01-01", "Tết Dương lịch"),
    ("2025-01-27", "Tết Nguyên đán"),
    ("2025-01-28", "Tết Nguyên đán"),
    ("2025-01-29", "Tết Nguyên đán"),
    ("2025-01-30", "Tết Nguyên đán"),
    ("2025-01-31", "Tết Nguyên đán"),
    ("2025-04-07", "Giỗ Tổ Hùng Vương"),
    ("2025-04-30", "Ngày Chiến thắng"),
    ("2025-05-01", "Quốc tế Lao động"),
    ("2025-05-02", "Quốc tế Lao động (hoán đổi)"),
    ("2025-09-01", "Quốc khánh"),
    ("2025-09-02", "Quốc khánh"),
    ("2026-01-01", "Tết Dương lịch"),
    ("2026-02-16", "Tết Nguyên đán"),
    ("2026-02-17", "Tết Nguyên đán"),
    ("2026-02-18", "Tết Nguyên đán"),
    ("2026-02-19", "Tết Nguyên đán"),
    ("2026-02-20", "Tết Nguyên đán"),
    ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2026-04-30", "Ngày Chiến thắng"),
    ("2026-05-01", "Quốc tế Lao động"),
    ("2026-09-01", "Quốc khánh"),
    ("2026-09-02", "Quốc khánh"),
];

pub const YEARS: [i32; 3] = [2022, 2023, 2024];
const TARGETS_PER_PLAN: usize = 4;

fn at(y: i32, m: u32, d: u32, h: u32) -> Result<NaiveDateTime, SeedError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, 0, 0))
        .ok_or_else(|| SeedError::Invalid(format!("bad date {y}-{m}-{d}")))
}

pub struct Counts {
    pub plans: usize,
    pub reports: usize,
}

/// What happened to a unit's report of a year in the demo.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Missing,
    Returned,
    Waiting,
    Accepted,
}

fn fate(unit_index: usize, year: i32) -> Fate {
    if year < 2024 {
        return Fate::Accepted;
    }
    match unit_index % 10 {
        3 => Fate::Missing,
        5 => Fate::Returned,
        7 => Fate::Waiting,
        _ => Fate::Accepted,
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    conn: &mut DbConnection,
    kind: &str,
    id: &str,
    action: &str,
    from: &str,
    to: &str,
    role: &str,
    comment: Option<&str>,
    t: NaiveDateTime,
) -> Result<(), SeedError> {
    workflow::record(
        conn,
        &workflow::Step {
            resource_type: kind,
            resource_id: id,
            action,
            from_status: from,
            to_status: to,
            actor_id: "seed",
            actor_username: "seed",
            actor_role: role,
            comment,
            at: t,
        },
    )?;
    Ok(())
}

/// `units`: (id, code) of the member units, in a stable order.
pub fn load(
    conn: &mut DbConnection,
    movement: &MovementRow,
    units: &[(String, String)],
    criteria: &[CriterionRow],
) -> Result<Counts, SeedError> {
    for (day, name) in HOLIDAYS {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|_| SeedError::Invalid(format!("bad holiday {day}")))?;
        workflow::insert_holiday(
            conn,
            &HolidayRow {
                day,
                name: (*name).into(),
            },
        )?;
    }
    if criteria.is_empty() {
        return Ok(Counts {
            plans: 0,
            reports: 0,
        });
    }
    let mut counts = Counts {
        plans: 0,
        reports: 0,
    };
    for (i, (unit_id, _code)) in units.iter().enumerate() {
        for year in YEARS {
            let created = at(year, 2, 10 + (i % 10) as u32, 2)?;
            let submitted = at(year, 3, 1 + (i % 20) as u32, 3)?;
            let accepted = at(year, 3, 25, 8)?;
            let plan = PlanRow {
                id: new_id(),
                unit_id: unit_id.clone(),
                movement_id: movement.id.clone(),
                kind: PlanKind::Annual,
                year: Some(year),
                period_key: format!("annual:{year}"),
                title: format!("Kế hoạch thi đua chuyển đổi số năm {year}"),
                description:
                    "Triển khai các nội dung thi đua của Kế hoạch số 207/KH-UBND trong năm.".into(),
                status: ReviewStatus::Accepted,
                submitted_at: Some(submitted),
                reviewed_at: Some(accepted),
                return_reason: None,
                version: 3,
                created_at: created,
                updated_at: accepted,
            };
            plans::insert(conn, &plan)?;
            let mut targets = Vec::new();
            for k in 0..TARGETS_PER_PLAN {
                let c = &criteria[(i + k * 3 + year as usize) % criteria.len()];
                if targets.iter().any(|t: &TargetRow| t.criterion_id == c.id) {
                    continue;
                }
                let target_value = if c.unit_of_measure == "%" {
                    60.0 + ((i * 7 + k * 5) % 41) as f64
                } else {
                    2.0 + ((i + k * 3) % 19) as f64
                };
                targets.push(TargetRow {
                    id: new_id(),
                    plan_id: plan.id.clone(),
                    criterion_id: c.id.clone(),
                    target_value,
                    unit_of_measure: c.unit_of_measure.clone(),
                    note: String::new(),
                    position: k as i32,
                });
            }
            plans::replace_targets(conn, &plan.id, &targets)?;
            step(
                conn,
                "plan",
                &plan.id,
                "submit",
                "draft",
                "submitted",
                "unit_head",
                None,
                submitted,
            )?;
            step(
                conn,
                "plan",
                &plan.id,
                "accept",
                "submitted",
                "accepted",
                "dic_officer",
                None,
                accepted,
            )?;
            counts.plans += 1;

            let fate = fate(i, year);
            if fate == Fate::Missing {
                continue;
            }
            let late = i % 6 == 1;
            let due_on = NaiveDate::from_ymd_opt(year, 12, 10)
                .ok_or_else(|| SeedError::Invalid("due".into()))?;
            // 09:00 in Vietnam on 5 or 12 December.
            let sent = at(year, 12, if late { 12 } else { 5 }, 2)?;
            let reviewed = at(year, 12, 18, 8)?;
            let (status, reviewed_at, reason) = match fate {
                Fate::Accepted => (ReviewStatus::Accepted, Some(reviewed), None),
                Fate::Returned => (
                    ReviewStatus::Returned,
                    Some(reviewed),
                    Some("Đề nghị bổ sung minh chứng cho các chỉ tiêu chưa đạt.".to_string()),
                ),
                _ => (ReviewStatus::Submitted, None, None),
            };
            let report = ReportRow {
                id: new_id(),
                unit_id: unit_id.clone(),
                movement_id: movement.id.clone(),
                plan_id: plan.id.clone(),
                kind: ReportKind::Annual,
                year: Some(year),
                round_id: None,
                period_key: format!("annual:{year}"),
                narrative: format!(
                    "Báo cáo kết quả thực hiện phong trào thi đua chuyển đổi số năm {year}."
                ),
                status,
                due_on,
                first_submitted_at: Some(sent),
                submitted_at: Some(sent),
                late,
                reviewed_at,
                return_reason: reason.clone(),
                version: 3,
                created_at: at(year, 11, 20, 2)?,
                updated_at: reviewed_at.unwrap_or(sent),
            };
            reports::insert(conn, &report)?;
            let mut results = Vec::new();
            for (k, t) in targets.iter().enumerate() {
                let max = criteria
                    .iter()
                    .find(|c| c.id == t.criterion_id)
                    .map(|c| c.max_score)
                    .unwrap_or(0.0);
                let factor = 0.7 + ((i * 13 + k * 7 + year as usize) % 51) as f64 / 100.0;
                let mut achieved = (t.target_value * factor * 10.0).round() / 10.0;
                if t.unit_of_measure == "%" {
                    achieved = achieved.min(100.0);
                }
                let self_score = ((max * factor.min(1.0)) * 2.0).round() / 2.0;
                // DIC trims a few generous self-assessments.
                let assessed = if (i + k) % 5 == 0 {
                    (self_score - 0.5).max(0.0)
                } else {
                    self_score
                };
                results.push(ResultRow {
                    id: new_id(),
                    report_id: report.id.clone(),
                    target_id: t.id.clone(),
                    criterion_id: t.criterion_id.clone(),
                    achieved_value: achieved,
                    self_score,
                    assessed_score: (status == ReviewStatus::Accepted).then_some(assessed),
                    evidence: format!(
                        "Báo cáo số {}/BC-UBND ngày {:02}/12/{year}",
                        100 + i,
                        if late { 12 } else { 5 }
                    ),
                    evidence_url: None,
                });
            }
            reports::replace_results(conn, &report.id, &results)?;
            step(
                conn,
                "report",
                &report.id,
                "submit",
                "draft",
                "submitted",
                "unit_head",
                None,
                sent,
            )?;
            match fate {
                Fate::Accepted => step(
                    conn,
                    "report",
                    &report.id,
                    "accept",
                    "submitted",
                    "accepted",
                    "dic_officer",
                    None,
                    reviewed,
                )?,
                Fate::Returned => step(
                    conn,
                    "report",
                    &report.id,
                    "return",
                    "submitted",
                    "returned",
                    "dic_officer",
                    reason.as_deref(),
                    reviewed,
                )?,
                _ => {}
            }
            counts.reports += 1;
        }
    }
    Ok(counts)
}
