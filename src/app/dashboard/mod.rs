//! A movement's figures per award round: nominations by status, award form and nominee
//! kind; quota used and remaining; the share of women among individual awardees; and
//! appraisals overdue. For the movement's reviewers and the province's leaders.

mod figures;

pub use figures::read;

use crate::domain::nomination::State;
use chrono::NaiveDate;
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
    fn add(&mut self, status: State, n: i64) {
        let slot = match status {
            State::Draft => &mut self.draft,
            State::Submitted => &mut self.submitted,
            State::Returned => &mut self.returned,
            State::Withdrawn => &mut self.withdrawn,
            State::Consolidated => &mut self.consolidated,
            State::Approved => &mut self.approved,
            State::Rejected => &mut self.rejected,
            State::Awarded => &mut self.awarded,
            State::NotAwarded => &mut self.not_awarded,
            State::PostedForComment => &mut self.posted_for_comment,
            State::ForwardedToCentral => &mut self.forwarded_to_central,
            State::StateAwarded => &mut self.state_awarded,
            State::StateDeclined => &mut self.state_declined,
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
    pub household: i64,
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
    /// Awarded households (hộ gia đình), counted apart as the Ministry's forms do.
    pub households: i64,
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
    "by_award_form": {"provincial_merit": 12, "state_award": 4}, "by_nominee_kind": {"collective": 7, "individual": 9, "household": 0},
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "quota": 10, "used": 1, "remaining": 9},
        {"award_form": "provincial_merit", "nominee_kind": "individual", "quota": 20, "used": 2, "remaining": 18}],
    "awardees": {"individuals": 2, "women": 1, "women_share_percent": 50.0, "collectives": 2, "collectives_with_70_percent_women": 1, "households": 0},
    "appraisals_waiting": 1, "appraisals_overdue": 1}]}))]
pub struct Dashboard {
    pub movement_id: String,
    /// The day the figures are counted on (overdue appraisals), in the province's time.
    pub as_of: NaiveDate,
    pub rounds: Vec<RoundFigures>,
}
