//! A movement's figures per award round: nominations by status, award form and nominee
//! kind; quota used and remaining; the share of women among individual awardees; and
//! appraisals overdue. For the movement's reviewers and the province's leaders.

use crate::api::deadlines::calendar;
use crate::api::plans::movement_roles;
use crate::api::run;
use crate::auth::policy::{require, Permission};
use crate::auth::LegacyCaller;
use crate::db::repo::{figures, movements};
use crate::domain::calendar::Calendar;
use crate::error::ApiError;
use crate::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::{NaiveDate, TimeZone};
use serde::Serialize;
use utoipa::ToSchema;

/// Nominations in each state.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct StatusCounts {
    pub draft: i64,
    pub submitted: i64,
    pub returned: i64,
    pub withdrawn: i64,
    pub consolidated: i64,
    pub approved: i64,
    pub rejected: i64,
    pub awarded: i64,
    pub not_awarded: i64,
    pub posted_for_comment: i64,
    pub forwarded_to_central: i64,
    pub state_awarded: i64,
    pub state_declined: i64,
}

impl StatusCounts {
    fn add(&mut self, status: &str, n: i64) {
        let slot = match status {
            "draft" => &mut self.draft,
            "submitted" => &mut self.submitted,
            "returned" => &mut self.returned,
            "withdrawn" => &mut self.withdrawn,
            "consolidated" => &mut self.consolidated,
            "approved" => &mut self.approved,
            "rejected" => &mut self.rejected,
            "awarded" => &mut self.awarded,
            "not_awarded" => &mut self.not_awarded,
            "posted_for_comment" => &mut self.posted_for_comment,
            "forwarded_to_central" => &mut self.forwarded_to_central,
            "state_awarded" => &mut self.state_awarded,
            "state_declined" => &mut self.state_declined,
            other => {
                tracing::warn!(
                    status = other,
                    "a nomination status the dashboard does not know"
                );
                return;
            }
        };
        *slot += n;
    }
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct FormCounts {
    pub provincial_merit: i64,
    pub state_award: i64,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct KindCounts {
    pub collective: i64,
    pub individual: i64,
}

/// A quota of the round and how much of it decisions have used.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuotaUse {
    pub award_form: String,
    pub nominee_kind: String,
    /// null: no fixed quota (state awards).
    pub quota: Option<i32>,
    /// Places taken: Bằng khen by the Chair's decisions; state awards when forwarded to
    /// the central level.
    pub used: i32,
    pub remaining: Option<i32>,
}

/// Who was awarded (Bằng khen or a state award), and the share of women.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct Awardees {
    pub individuals: i64,
    pub women: i64,
    /// Women among individual awardees, in percent (null with no individual awardee).
    pub women_share_percent: Option<f64>,
    pub collectives: i64,
    /// Awarded collectives with at least 70 % women.
    pub collectives_with_70_percent_women: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoundFigures {
    pub round_id: String,
    pub code: String,
    pub title: String,
    pub total: i64,
    pub by_status: StatusCounts,
    pub by_award_form: FormCounts,
    pub by_nominee_kind: KindCounts,
    pub quotas: Vec<QuotaUse>,
    pub awardees: Awardees,
    /// Consolidated, waiting for Home Affairs.
    pub appraisals_waiting: i64,
    /// Of those, waiting longer than the round's working-day limit.
    pub appraisals_overdue: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "as_of": "2026-11-26", "rounds": [{
    "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "code": "SO-KET-2023", "title": "Sơ kết 2022–2023", "total": 16,
    "by_status": {"draft": 1, "submitted": 1, "returned": 1, "withdrawn": 1, "consolidated": 1, "approved": 2, "rejected": 1,
        "awarded": 3, "not_awarded": 1, "posted_for_comment": 1, "forwarded_to_central": 1, "state_awarded": 1, "state_declined": 1},
    "by_award_form": {"provincial_merit": 12, "state_award": 4}, "by_nominee_kind": {"collective": 7, "individual": 9},
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "quota": 10, "used": 1, "remaining": 9},
        {"award_form": "provincial_merit", "nominee_kind": "individual", "quota": 20, "used": 2, "remaining": 18}],
    "awardees": {"individuals": 2, "women": 1, "women_share_percent": 50.0, "collectives": 2, "collectives_with_70_percent_women": 1},
    "appraisals_waiting": 1, "appraisals_overdue": 1}]}))]
pub struct Dashboard {
    pub movement_id: String,
    /// The day the figures are counted on (overdue appraisals), in the province's time.
    pub as_of: NaiveDate,
    pub rounds: Vec<RoundFigures>,
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

/// Figures of every award round of the movement.
#[utoipa::path(
    tag = "nominations",
    params(("id" = String, Path, description = "Movement id")),
    responses(
        (status = 200, description = "The movement's figures, per round", body = Dashboard),
        (status = 403, description = "Only the movement's reviewers, the Chair, admins and auditors"),
        (status = 404, description = "No such movement"),
    )
)]
#[get("/movements/{id}/dashboard")]
pub async fn get_dashboard(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let today = state.today();
    let tz = state.settings.time_zone;
    let out = run(&state.pool, move |conn| {
        let movement = movements::find(conn, &id)?.ok_or_else(ApiError::not_found)?;
        require(
            &caller.actor,
            Permission::ReadDashboard {
                movement: movement_roles(&movement),
            },
        )?;
        let rounds = movements::list_rounds(conn, &movement.id, None, None, 1000)?;
        let ids: Vec<String> = rounds.iter().map(|r| r.id.clone()).collect();
        let quotas = movements::quotas_of(conn, &ids)?;
        let counts = figures::nomination_counts(conn, &movement.id)?;
        let cal = calendar(
            conn,
            today - chrono::Duration::days(800),
            today + chrono::Duration::days(10),
        )?;
        let mut out = Vec::new();
        for r in rounds {
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
            for c in counts.iter().filter(|c| c.round_id == r.id) {
                f.total += c.count;
                f.by_status.add(&c.status, c.count);
                match c.award_form.as_str() {
                    "state_award" => f.by_award_form.state_award += c.count,
                    _ => f.by_award_form.provincial_merit += c.count,
                }
                let individual = c.nominee_kind == "individual";
                if individual {
                    f.by_nominee_kind.individual += c.count;
                } else {
                    f.by_nominee_kind.collective += c.count;
                }
                if matches!(c.status.as_str(), "awarded" | "state_awarded") {
                    if individual {
                        f.awardees.individuals += c.count;
                        if c.gender.as_deref() == Some("female") {
                            f.awardees.women += c.count;
                        }
                    } else {
                        f.awardees.collectives += c.count;
                    }
                }
                if c.status == "consolidated" {
                    f.appraisals_waiting += c.count;
                }
            }
            if f.awardees.individuals > 0 {
                let share = 100.0 * f.awardees.women as f64 / f.awardees.individuals as f64;
                f.awardees.women_share_percent = Some((share * 10.0).round() / 10.0);
            }
            if f.awardees.collectives > 0 {
                f.awardees.collectives_with_70_percent_women =
                    figures::awarded_collectives_with_women(conn, &r.id, 70.0)?;
            }
            if f.appraisals_waiting > 0 {
                // Overdue = consolidated before the local midnight after the last start
                // day whose limit has passed.
                let last = last_overdue_start(&cal, today, r.appraisal_working_days.max(0) as u32);
                let midnight = (last + chrono::Duration::days(1)).and_hms_opt(0, 0, 0);
                if let Some(local) = midnight.and_then(|m| tz.from_local_datetime(&m).earliest()) {
                    f.appraisals_overdue =
                        figures::waiting_since_before(conn, &r.id, local.naive_utc())?;
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
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
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
