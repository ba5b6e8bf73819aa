//! What the Chair's steps after appraisal change in the nomination's outcome: a close
//! without award, a state award's comment window, forwarding (taking a quota place)
//! and the central outcome.

use super::case::NominationCase;
use super::steps::NominationStep;
use crate::app::workflow::Move;
use crate::app::{Context, Result};
use crate::db::models::OutcomeRow;
use crate::db::repo::workflow as holidays;
use crate::db::DbConnection;
use crate::domain::award::AwardForm;
use crate::domain::calendar::{local_day, Calendar};
use crate::domain::nomination::Step;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// The outcome of a nomination with nothing recorded yet.
pub fn blank_outcome(nomination_id: &str) -> OutcomeRow {
    OutcomeRow {
        nomination_id: nomination_id.to_string(),
        ..OutcomeRow::default()
    }
}

/// Changes `outcome` as the step `s` does (its version not yet saved).
pub(super) fn apply_outcome(
    conn: &mut DbConnection,
    ctx: &Context,
    s: &NominationStep,
    case: &NominationCase,
    outcome: &mut OutcomeRow,
    to: &Move,
) -> Result<()> {
    let today = ctx.today;
    match s.step {
        Step::CloseNotAwarded => outcome.not_awarded_reason = to.comment.clone(),
        Step::PostForComment => {
            // The window: the posting day, then the round's working days (10 by default).
            let days = case.round.comment_working_days.max(0);
            let until = today + chrono::Duration::days(i64::from(days) * 2 + 60);
            let cal = Calendar::new(
                holidays::holidays_between(conn, today, until)?
                    .into_iter()
                    .map(|h| h.day),
            );
            outcome.comment_opens_on = Some(today);
            outcome.comment_closes_on = Some(cal.add_working_days(today, days.unsigned_abs()));
        }
        Step::Forward => {
            if let Some(closes) = outcome.comment_closes_on.filter(|c| today <= *c) {
                return Err(ApiError::new(ErrorCode::CommentWindowOpen)
                    .detail(
                        format!("Public comment runs until {closes}"),
                        format!(
                            "Thời gian lấy ý kiến công khai đến hết ngày {}",
                            closes.format("%d/%m/%Y")
                        ),
                    )
                    .with("closes_on", closes.to_string()));
            }
            take_state_award_place(conn, case)?;
            outcome.forwarded_at = Some(ctx.now_utc());
        }
        Step::RecordStateAwarded | Step::RecordStateDeclined => {
            record_central(ctx, s, outcome)?;
        }
        _ => {}
    }
    Ok(())
}

/// A state-award quota, where the round sets one, limits what the province proposes: a
/// place is taken when the Chair forwards (409 `quota_exceeded` when none is left).
pub fn take_state_award_place(conn: &mut DbConnection, case: &NominationCase) -> Result<()> {
    crate::app::quota::take_where_set(
        conn,
        &case.round.id,
        AwardForm::StateAward,
        case.row.nominee_kind,
        1,
    )
}

/// The central level's answer: a number and a date for an award, a date neither in the
/// future nor before forwarding.
fn record_central(ctx: &Context, s: &NominationStep, outcome: &mut OutcomeRow) -> Result<()> {
    let awarded = s.step == Step::RecordStateAwarded;
    let detail = &s.detail;
    let mut c = Checks::new();
    let number = detail
        .decision_number
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| c.text("decision_number", n, 50));
    if awarded && number.is_none() {
        c.fail(
            "decision_number",
            "the central decision's number is required for an award",
            "cần ghi số quyết định khen thưởng của Trung ương",
        );
    }
    if awarded && detail.decided_on.is_none() {
        c.fail(
            "decided_on",
            "the central decision's date is required for an award",
            "cần ghi ngày ký quyết định khen thưởng của Trung ương",
        );
    }
    if let Some(d) = detail.decided_on.filter(|d| *d > ctx.today) {
        c.fail(
            "decided_on",
            format!("{d} is in the future").as_str(),
            "ngày quyết định không thể sau ngày hôm nay",
        );
    }
    // The central level decides on what the Chair forwarded, not before.
    let forwarded_on = outcome
        .forwarded_at
        .map(|t| local_day(t.and_utc(), ctx.time_zone));
    if let (Some(d), Some(f)) = (detail.decided_on, forwarded_on) {
        if d < f {
            c.fail(
                "decided_on",
                format!("{d} is before the nomination was forwarded ({f})").as_str(),
                "ngày quyết định không thể trước ngày trình Trung ương",
            );
        }
    }
    c.finish()?;
    outcome.central_decision_number = number;
    outcome.central_decided_on = detail.decided_on;
    outcome.central_recorded_at = Some(ctx.now_utc());
    Ok(())
}
