//! Live rankings (issue 12 item 4): the ranking of units inside each bloc and cluster
//! from the accepted reports as they are now. The same roll-up an issued consolidated
//! report snapshots (`issue::roll_up`, `domain::rollup`), so a roll-up issued at the same
//! moment holds the same numbers. A fixed handful of statements (members with their
//! groups, the period's reports, their results, the criteria), never one per unit.

use super::{movement_for_review, period_data, resolve_period, PeriodQuery};
use crate::app::{Context, Result};
use crate::auth::policy::{ranking_scope, require, MovementRoles, Permission, RankingScope};
use crate::db::DbConnection;
use crate::domain::review::ReviewStatus;
use crate::domain::rollup::{GroupRanking, RankedUnit};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// What the caller is shown.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RankingView {
    /// Every bloc and cluster.
    Every,
    /// Only the blocs and clusters of the caller's unit.
    OwnGroups,
}

/// One bloc or cluster: its units best first, and its leading unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupStanding {
    #[serde(flatten)]
    pub ranking: GroupRanking,
    /// The unit ranked first (highest score; between equal scores, one with at least
    /// 70 % women; then the code); null while no unit of the group has an accepted report.
    pub leader: Option<RankedUnit>,
    /// Units with an accepted report (those that have a rank).
    #[schema(minimum = 0)]
    pub ranked: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "year": 2024, "round_id": null,
    "period_label": "Năm 2024", "due_on": "2024-12-10", "computed_at": "2026-12-04T09:30:00Z",
    "scope": "every",
    "groups": [{"group_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e5f", "group_code": "CUM-2",
        "group_name": "Cụm thi đua số 2", "ranked": 1,
        "leader": {"rank": 1, "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI",
            "name": "UBND Huyện Tháp Mười", "score": 72.2222, "score_sum": 13.0, "max_score_sum": 18.0,
            "women_share_percent": 72.0, "women_preferred": true, "report_status": "accepted", "late": false},
        "units": [{"rank": 1, "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "code": "H-THAPMUOI",
            "name": "UBND Huyện Tháp Mười", "score": 72.2222, "score_sum": 13.0, "max_score_sum": 18.0,
            "women_share_percent": 72.0, "women_preferred": true, "report_status": "accepted", "late": false},
            {"rank": null, "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e61", "code": "H-CAOLANH",
            "name": "UBND Huyện Cao Lãnh", "score": null, "score_sum": 0.0, "max_score_sum": 0.0,
            "women_share_percent": 41.0, "women_preferred": false, "report_status": "submitted", "late": true}]}]
}))]
pub struct Rankings {
    pub movement_id: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    /// "Năm 2024" or the round's title.
    pub period_label: String,
    /// The period's report due day: the member units are those that exist on it.
    pub due_on: NaiveDate,
    /// The moment the figures were read: accepting another report changes them.
    pub computed_at: DateTime<Utc>,
    pub scope: RankingView,
    pub groups: Vec<GroupStanding>,
}

/// The live rankings of a movement for a year or round. The movement's reviewers, the
/// Chair, admins and auditors read every group; a unit's officers and head only the
/// groups their unit belongs to (`RankingScope`).
pub fn rankings(
    conn: &mut DbConnection,
    ctx: &Context,
    movement_id: &str,
    q: PeriodQuery,
) -> Result<Rankings> {
    let movement = movement_for_review(conn, movement_id)?;
    let roles = MovementRoles::of(&movement);
    require(&ctx.actor, Permission::ReadRankings { movement: roles })?;
    let scope = ranking_scope(&ctx.actor, roles);
    let period = resolve_period(conn, &movement, q.year, q.round_id.as_deref())?;
    let data = period_data(conn, &movement, &period)?;
    let rollup = super::issue::roll_up(conn, &movement, &period, data)?;
    let groups = rollup
        .rankings
        .into_iter()
        .filter_map(|g| visible(g, &scope))
        .map(|ranking| GroupStanding {
            leader: ranking.units.iter().find(|u| u.rank == Some(1)).cloned(),
            ranked: ranking.units.iter().filter(|u| u.rank.is_some()).count(),
            ranking,
        })
        .collect();
    Ok(Rankings {
        movement_id: movement.id,
        year: period.year,
        round_id: period.round_id,
        period_label: period.label,
        due_on: period.due_on,
        computed_at: ctx.now,
        scope: match scope {
            RankingScope::Every => RankingView::Every,
            RankingScope::OwnGroups { .. } => RankingView::OwnGroups,
        },
        groups,
    })
}

/// The group as `scope` shows it: whole, or (for a member unit) only its own groups,
/// with the other units' drafts shown as nothing written.
fn visible(mut g: GroupRanking, scope: &RankingScope) -> Option<GroupRanking> {
    let RankingScope::OwnGroups { unit_id } = scope else {
        return Some(g);
    };
    if !g.units.iter().any(|u| &u.unit_id == unit_id) {
        return None;
    }
    for u in g.units.iter_mut().filter(|u| &u.unit_id != unit_id) {
        if u.report_status == ReviewStatus::Draft.as_str() {
            u.report_status = "not_started".to_string();
        }
    }
    Some(g)
}
