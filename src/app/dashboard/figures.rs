//! Counting a movement's figures, per round.

use super::{Awardees, Dashboard, FormCounts, KindCounts, QuotaUse, RoundFigures, StatusCounts};
use crate::app::deadlines::calendar;
use crate::app::{Context, Result};
use crate::auth::policy::{require, MovementRoles, Permission};
use crate::db::models::RoundRow;
use crate::db::repo::{figures, movements};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::domain::calendar::Calendar;
use crate::domain::nomination::State;
use crate::error::ApiError;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use std::collections::HashMap;

/// The female gender as stored.
const FEMALE: &str = "female";

/// Figures of every award round of the movement, counted on `ctx.today`: the movement's
/// reviewers, the Chair, admins and auditors only (403); 404 for no such movement. A
/// fixed number of statements, whatever the number of rounds.
pub fn read(conn: &mut DbConnection, ctx: &Context, movement_id: &str) -> Result<Dashboard> {
    let movement = movements::find(conn, movement_id)?.ok_or_else(ApiError::not_found)?;
    require(
        &ctx.actor,
        Permission::ReadDashboard {
            movement: MovementRoles::of(&movement),
        },
    )?;
    let today = ctx.today;
    let rounds = movements::list_rounds(conn, &movement.id, None, None, 1000)?;
    let ids: Vec<String> = rounds.iter().map(|r| r.id.clone()).collect();
    let quotas = movements::quotas_of(conn, &ids)?;
    let counts = figures::nomination_counts(conn, &movement.id)?;
    let with_women: HashMap<String, i64> =
        figures::awarded_collectives_with_women(conn, &movement.id, 70.0)?
            .into_iter()
            .collect();
    let waiting = figures::waiting_for_appraisal(conn, &movement.id)?;
    let cal = calendar(
        conn,
        today - chrono::Duration::days(800),
        today + chrono::Duration::days(10),
    )?;
    let mut out = Vec::new();
    for r in rounds {
        let mut f = counted(&r, counts.iter().filter(|c| c.round_id == r.id));
        if f.awardees.collectives > 0 {
            f.awardees.collectives_with_70_percent_women =
                with_women.get(&r.id).copied().unwrap_or(0);
        }
        if f.appraisals_waiting > 0 {
            if let Some(cutoff) = overdue_cutoff(ctx, &cal, &r) {
                f.appraisals_overdue = waiting
                    .iter()
                    .filter(|(round_id, at)| *round_id == r.id && at.is_some_and(|t| t < cutoff))
                    .count()
                    .try_into()
                    .map_err(ApiError::internal)?;
            }
        }
        f.quotas = quotas
            .iter()
            .filter(|q| q.round_id == r.id)
            .map(|q| {
                // Places taken: Bằng khen by the Chair's decisions, state awards
                // when the Chair forwards them.
                let used = q.awarded;
                QuotaUse {
                    award_form: q.award_form.to_string(),
                    nominee_kind: q.nominee_kind.to_string(),
                    quota: q.max_awards,
                    used,
                    remaining: q.max_awards.map(|m| (m - used).max(0)),
                }
            })
            .collect();
        out.push(f);
    }
    Ok(Dashboard {
        movement_id: movement.id,
        as_of: today,
        rounds: out,
    })
}

/// The round's figures from its nominations' counts (without the quotas, the collectives
/// with many women and the overdue appraisals).
fn counted<'a>(
    r: &RoundRow,
    counts: impl Iterator<Item = &'a figures::NominationCount>,
) -> RoundFigures {
    let mut f = RoundFigures {
        round_id: r.id.clone(),
        code: r.code.clone(),
        title: r.title.clone(),
        total: 0,
        by_status: StatusCounts::default(),
        by_award_form: FormCounts::default(),
        by_nominee_kind: KindCounts::default(),
        quotas: Vec::new(),
        awardees: Awardees::default(),
        appraisals_waiting: 0,
        appraisals_overdue: 0,
    };
    for c in counts {
        f.total += c.count;
        f.by_status.add(c.status, c.count);
        match c.award_form {
            AwardForm::StateAward => f.by_award_form.state_award += c.count,
            AwardForm::ProvincialMerit => f.by_award_form.provincial_merit += c.count,
        }
        match c.nominee_kind {
            NomineeKind::Individual => f.by_nominee_kind.individual += c.count,
            NomineeKind::Collective => f.by_nominee_kind.collective += c.count,
            NomineeKind::Household => f.by_nominee_kind.household += c.count,
        }
        if matches!(c.status, State::Awarded | State::StateAwarded) {
            match c.nominee_kind {
                NomineeKind::Individual => {
                    f.awardees.individuals += c.count;
                    if c.gender.as_deref() == Some(FEMALE) {
                        f.awardees.women += c.count;
                    }
                }
                NomineeKind::Collective => f.awardees.collectives += c.count,
                NomineeKind::Household => f.awardees.households += c.count,
            }
        }
        if c.status == State::Consolidated {
            f.appraisals_waiting += c.count;
        }
    }
    if f.awardees.individuals > 0 {
        let share = 100.0 * ratio(f.awardees.women, f.awardees.individuals);
        f.awardees.women_share_percent = Some((share * 10.0).round() / 10.0);
    }
    f
}

/// `part / whole` (counts of nominations, far below 2^31).
fn ratio(part: i64, whole: i64) -> f64 {
    let as_f64 = |n: i64| i32::try_from(n).map(f64::from).unwrap_or(f64::MAX);
    as_f64(part) / as_f64(whole)
}

/// Overdue = consolidated before the local midnight after the last start day whose
/// limit has passed (None when that midnight does not exist in the province's time).
fn overdue_cutoff(ctx: &Context, cal: &Calendar, r: &RoundRow) -> Option<NaiveDateTime> {
    let days = u32::try_from(r.appraisal_working_days).unwrap_or(0);
    let last = last_overdue_start(cal, ctx.today, days);
    let midnight = (last + chrono::Duration::days(1)).and_hms_opt(0, 0, 0)?;
    let local = ctx.time_zone.from_local_datetime(&midnight).earliest()?;
    Some(local.naive_utc())
}

/// The latest consolidation day whose appraisal limit of `days` working days has
/// passed by `today`: consolidated on or before it means overdue.
fn last_overdue_start(cal: &Calendar, today: NaiveDate, days: u32) -> NaiveDate {
    let mut start = today - chrono::Duration::days(1);
    while cal.add_working_days(start, days) >= today {
        start -= chrono::Duration::days(1);
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn overdue_starts_at_the_day_whose_limit_has_passed() {
        let cal = Calendar::new([]);
        // Thursday 26 November 2026; 2 working days from Monday 23 end on Wednesday 25.
        assert_eq!(
            last_overdue_start(&cal, d("2026-11-26"), 2),
            d("2026-11-23")
        );
        // From Friday 20, 2 working days end on Tuesday 24: also overdue; Tuesday 24
        // ends on Thursday 26, today: due, not overdue.
        assert!(cal.add_working_days(d("2026-11-24"), 2) == d("2026-11-26"));
        // 25 working days back from Wednesday 25 November start after Wednesday 21
        // October; a holiday on Monday 2 November moves that back one working day.
        assert_eq!(
            last_overdue_start(&cal, d("2026-11-26"), 25),
            d("2026-10-21")
        );
        let with_holiday = Calendar::new([d("2026-11-02")]);
        assert_eq!(
            last_overdue_start(&with_holiday, d("2026-11-26"), 25),
            d("2026-10-20")
        );
    }
}
