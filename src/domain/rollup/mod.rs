//! The province roll-up (báo cáo tổng hợp): coverage, totals per criterion and field,
//! and the ranking of units inside each bloc or cluster. A pure function of its inputs,
//! so its figures can be checked by hand.

use super::review::ReviewStatus;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// Share of women from which a collective is preferred between equals (Law 06/2022/QH15).
pub const WOMEN_PREFERENCE_PERCENT: f64 = 70.0;

pub struct UnitInput {
    pub id: String,
    pub code: String,
    pub name: String,
    pub group_id: Option<String>,
    pub group_code: String,
    pub group_name: String,
    pub women_share_percent: Option<f64>,
}

pub struct CriterionInput {
    pub id: String,
    pub code: String,
    pub title: String,
    pub field_code: String,
    pub unit_of_measure: String,
    pub max_score: f64,
}

pub struct ResultInput {
    pub criterion_id: String,
    pub target_value: f64,
    pub achieved_value: f64,
    pub assessed_score: Option<f64>,
}

pub struct ReportInput {
    pub unit_id: String,
    pub status: ReviewStatus,
    pub late: bool,
    pub results: Vec<ResultInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct UnitRef {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Coverage {
    /// Member units expected to report.
    pub expected: usize,
    /// Submitted or accepted.
    pub reported: usize,
    pub on_time: usize,
    pub late: usize,
    pub accepted: usize,
    pub missing: usize,
    pub late_units: Vec<UnitRef>,
    pub missing_units: Vec<UnitRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct CriterionTotal {
    pub criterion_id: String,
    pub code: String,
    pub title: String,
    pub field_code: String,
    pub unit_of_measure: String,
    /// Reported results for this criterion.
    pub results: usize,
    pub achieved_sum: f64,
    pub achieved_average: Option<f64>,
    pub target_sum: f64,
    /// achieved_sum / target_sum
    pub target_reached_share: Option<f64>,
    /// Units whose achieved value reached their target.
    pub units_reaching_target: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct FieldTotal {
    pub field_code: String,
    pub results: usize,
    /// Accepted scores.
    pub score_sum: f64,
    /// The maxima of the criteria scored.
    pub max_score_sum: f64,
    /// score_sum / max_score_sum
    pub score_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct RankedUnit {
    /// 1 = best in the group; null without an accepted report.
    pub rank: Option<u32>,
    pub unit_id: String,
    pub code: String,
    pub name: String,
    /// Accepted scores over the maxima of the criteria scored, in percent.
    pub score: Option<f64>,
    pub score_sum: f64,
    pub max_score_sum: f64,
    pub women_share_percent: Option<f64>,
    /// At least 70 % women: preferred between equal scores.
    pub women_preferred: bool,
    /// The report's state, or `not_started`.
    pub report_status: String,
    pub late: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct GroupRanking {
    pub group_id: Option<String>,
    pub group_code: String,
    pub group_name: String,
    pub units: Vec<RankedUnit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Rollup {
    pub coverage: Coverage,
    pub criteria: Vec<CriterionTotal>,
    pub fields: Vec<FieldTotal>,
    pub rankings: Vec<GroupRanking>,
}

fn reported(status: ReviewStatus) -> bool {
    matches!(status, ReviewStatus::Submitted | ReviewStatus::Accepted)
}

fn unit_ref(u: &UnitInput) -> UnitRef {
    UnitRef {
        id: u.id.clone(),
        code: u.code.clone(),
        name: u.name.clone(),
    }
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| round4(a / b))
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

pub fn roll_up(
    units: &[UnitInput],
    criteria: &[CriterionInput],
    reports: &[ReportInput],
) -> Rollup {
    let by_unit: HashMap<&str, &ReportInput> =
        reports.iter().map(|r| (r.unit_id.as_str(), r)).collect();
    let criteria_by_id: HashMap<&str, &CriterionInput> =
        criteria.iter().map(|c| (c.id.as_str(), c)).collect();

    // Coverage
    let mut coverage = Coverage {
        expected: units.len(),
        reported: 0,
        on_time: 0,
        late: 0,
        accepted: 0,
        missing: 0,
        late_units: vec![],
        missing_units: vec![],
    };
    for u in units {
        match by_unit.get(u.id.as_str()) {
            Some(r) if reported(r.status) => {
                coverage.reported += 1;
                if r.late {
                    coverage.late += 1;
                    coverage.late_units.push(unit_ref(u));
                } else {
                    coverage.on_time += 1;
                }
                if r.status == ReviewStatus::Accepted {
                    coverage.accepted += 1;
                }
            }
            _ => {
                coverage.missing += 1;
                coverage.missing_units.push(unit_ref(u));
            }
        }
    }

    // Totals over the reported results of expected units.
    let mut per_criterion: BTreeMap<&str, (usize, f64, f64, usize)> = BTreeMap::new();
    let mut per_field: BTreeMap<&str, (usize, f64, f64)> = BTreeMap::new();
    for u in units {
        let Some(r) = by_unit.get(u.id.as_str()).filter(|r| reported(r.status)) else {
            continue;
        };
        for res in &r.results {
            let Some(c) = criteria_by_id.get(res.criterion_id.as_str()) else {
                continue;
            };
            let e = per_criterion
                .entry(c.id.as_str())
                .or_insert((0, 0.0, 0.0, 0));
            e.0 += 1;
            e.1 += res.achieved_value;
            e.2 += res.target_value;
            if res.achieved_value >= res.target_value {
                e.3 += 1;
            }
            let f = per_field
                .entry(c.field_code.as_str())
                .or_insert((0, 0.0, 0.0));
            f.0 += 1;
            if r.status == ReviewStatus::Accepted {
                if let Some(s) = res.assessed_score {
                    f.1 += s;
                    f.2 += c.max_score;
                }
            }
        }
    }
    let criteria_totals = criteria
        .iter()
        .map(|c| {
            let (n, achieved, target, reaching) = per_criterion
                .get(c.id.as_str())
                .copied()
                .unwrap_or((0, 0.0, 0.0, 0));
            CriterionTotal {
                criterion_id: c.id.clone(),
                code: c.code.clone(),
                title: c.title.clone(),
                field_code: c.field_code.clone(),
                unit_of_measure: c.unit_of_measure.clone(),
                results: n,
                achieved_sum: round4(achieved),
                achieved_average: (n > 0).then(|| round4(achieved / n as f64)),
                target_sum: round4(target),
                target_reached_share: ratio(achieved, target),
                units_reaching_target: reaching,
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let field_totals = criteria
        .iter()
        .map(|c| c.field_code.as_str())
        .filter(|f| seen.insert(*f))
        .map(|f| {
            let (n, score, max) = per_field.get(f).copied().unwrap_or((0, 0.0, 0.0));
            FieldTotal {
                field_code: f.to_string(),
                results: n,
                score_sum: round4(score),
                max_score_sum: round4(max),
                score_share: ratio(score, max),
            }
        })
        .collect();

    // Rankings inside each group.
    let mut groups: BTreeMap<String, GroupRanking> = BTreeMap::new();
    for u in units {
        let r = by_unit.get(u.id.as_str());
        let (mut sum, mut max) = (0.0, 0.0);
        let accepted = r.is_some_and(|r| r.status == ReviewStatus::Accepted);
        if let Some(r) = r.filter(|_| accepted) {
            for res in &r.results {
                if let (Some(s), Some(c)) = (
                    res.assessed_score,
                    criteria_by_id.get(res.criterion_id.as_str()),
                ) {
                    sum += s;
                    max += c.max_score;
                }
            }
        }
        let score = if accepted {
            ratio(sum * 100.0, max).map(round4)
        } else {
            None
        };
        let women_preferred = u
            .women_share_percent
            .is_some_and(|w| w >= WOMEN_PREFERENCE_PERCENT);
        let entry = groups
            .entry(u.group_code.clone())
            .or_insert_with(|| GroupRanking {
                group_id: u.group_id.clone(),
                group_code: u.group_code.clone(),
                group_name: u.group_name.clone(),
                units: vec![],
            });
        entry.units.push(RankedUnit {
            rank: None,
            unit_id: u.id.clone(),
            code: u.code.clone(),
            name: u.name.clone(),
            score,
            score_sum: round4(sum),
            max_score_sum: round4(max),
            women_share_percent: u.women_share_percent,
            women_preferred,
            report_status: r
                .map(|r| r.status.as_str())
                .unwrap_or("not_started")
                .to_string(),
            late: r.is_some_and(|r| r.late && reported(r.status)),
        });
    }
    let mut rankings: Vec<GroupRanking> = groups.into_values().collect();
    for g in &mut rankings {
        // Higher score first; between equal scores, units with ≥ 70 % women first; then code.
        g.units.sort_by(|a, b| {
            let score = |u: &RankedUnit| u.score.unwrap_or(f64::NEG_INFINITY);
            score(b)
                .total_cmp(&score(a))
                .then(b.women_preferred.cmp(&a.women_preferred))
                .then(a.code.cmp(&b.code))
        });
        let mut rank = 0;
        for u in &mut g.units {
            if u.score.is_some() {
                rank += 1;
                u.rank = Some(rank);
            }
        }
    }
    Rollup {
        coverage,
        criteria: criteria_totals,
        fields: field_totals,
        rankings,
    }
}

#[cfg(test)]
mod tests;
