//! Demo data of issue 12 (award kinds, households): an ad hoc round (khen thưởng đột
//! xuất) open around the day the demo is loaded, with two nominations DIC proposes
//! directly (plan V.1): a person and a household. Written through the use cases, as the
//! API would (drafts, audited); the demo unit's own lists stay as they were.

use super::{data, SeedError};
use crate::app::identity;
use crate::app::movements::rounds::{self, NewRound};
use crate::app::nominations::{self, Household, Individual, NewNomination};
use crate::app::Context;
use crate::auth::tokens::Subject;
use crate::db::models::MovementRow;
use crate::db::DbConnection;
use crate::domain::achievement::{AchievementType, AD_HOC_APPRAISAL_WORKING_DAYS};
use crate::domain::award::{AwardForm, DocumentKind, NomineeKind, RoundKind};
use crate::domain::nominee::Gender;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The ad hoc round's code for the year the demo is loaded.
pub fn round_code(today: NaiveDate) -> String {
    format!("DX-{}", today.year())
}

fn as_user(
    conn: &mut DbConnection,
    username: &str,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Context, SeedError> {
    let actor = identity::actor(conn, &Subject::Username(username.into()))?;
    let mut ctx = Context::new(actor, now, chrono_tz::Asia::Ho_Chi_Minh, None);
    ctx.today = today;
    Ok(ctx)
}

/// Loads the round and its nominations; the number of nominations written.
pub fn load(
    conn: &mut DbConnection,
    movement: &MovementRow,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<usize, SeedError> {
    let t = now.naive_utc();
    // Open from two weeks before the demo's day, as long as the open final round.
    let round = rounds::insert(
        conn,
        t,
        &movement.id,
        NewRound {
            code: round_code(today),
            kind: RoundKind::AdHoc,
            title: format!(
                "Khen thưởng đột xuất thành tích chuyển đổi số năm {}",
                today.year()
            ),
            period_start_year: today.year(),
            period_end_year: today.year(),
            nomination_opens_on: today - Duration::days(14),
            nomination_closes_on: today + Duration::days(data::OPEN_ROUND_DAYS),
            report_due_on: None,
            appraisal_working_days: Some(AD_HOC_APPRAISAL_WORKING_DAYS),
            comment_working_days: Some(10),
            // An ad hoc dossier is short: the letter and the summary of the achievement.
            required_documents: Some(vec![
                DocumentKind::ProposalLetter,
                DocumentKind::AchievementSummary,
            ]),
            // Usually no quota.
            quotas: Vec::new(),
        },
    )?;
    let dic = as_user(conn, "dic_officer", now, today)?;
    nominations::create(
        conn,
        &dic,
        NewNomination {
            round_id: round.id.clone(),
            unit_id: None,
            award_form: AwardForm::ProvincialMerit,
            nominee_kind: NomineeKind::Individual,
            collective: None,
            individual: Some(Individual {
                full_name: "Lê Minh Tâm".into(),
                gender: Gender::Male,
                birth_year: 1991,
                position: "Kỹ sư Trung tâm Giám sát an toàn thông tin".into(),
                workplace: "Sở Thông tin và Truyền thông".into(),
            }),
            household: None,
            achievement_type: None,
            achievement_summary: "Phát hiện và ngăn chặn kịp thời cuộc tấn công mã độc tống tiền vào Cổng dịch vụ công trực tuyến của Tỉnh, khôi phục hệ thống trong 4 giờ, không để mất dữ liệu của người dân và doanh nghiệp.".into(),
            clean_record: true,
            model_ids: Vec::new(),
        },
    )?;
    // DIC proposes for a household as well: the plan's participants include households
    // and residents (II.2.b).
    nominations::create(
        conn,
        &dic,
        NewNomination {
            round_id: round.id.clone(),
            unit_id: None,
            award_form: AwardForm::ProvincialMerit,
            nominee_kind: NomineeKind::Household,
            collective: None,
            individual: None,
            household: Some(Household {
                head_full_name: "Nguyễn Văn Bảy".into(),
                commune: "Xã Mỹ An".into(),
                members_count: 5,
            }),
            achievement_type: Some(AchievementType::AdHoc),
            achievement_summary: "Hiến 1.200 m² đất và góp kinh phí xây dựng trạm phát sóng di động, đưa sóng 4G đến 3 ấp vùng sâu của xã Mỹ An.".into(),
            clean_record: true,
            model_ids: Vec::new(),
        },
    )?;
    Ok(2)
}
