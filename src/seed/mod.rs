//! Demo data: the Đồng Tháp plan 207/KH-UBND as the first movement, the province's
//! blocs, clusters and units of 2022, and one account per role.

mod ad_hoc;
pub mod data;
pub mod exemplary_models;
pub mod history;
mod nomination_cases;
pub mod nominations;

use crate::app;
use crate::app::movements::rounds::{self, NewRound, QuotaInput};
use crate::app::movements::{criteria, criteria::NewCriterion, ContentItem, Field, NewMovement};
use crate::app::organisation::groups::{self, NewGroup};
use crate::app::organisation::units::{self, NewUnit};
use crate::app::users::NewAccount;
use crate::auth::{password, Role};
use crate::db::models::CriterionRow;
use crate::db::repo::{audit, movements, organisation, users};
use crate::db::DbConnection;
use crate::domain::award::DEFAULT_REQUIRED_DOCUMENTS;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::Connection;
use std::collections::HashMap;

/// The demo accounts: username = role name.
pub const DEMO_ACCOUNTS: [(Role, &str, &str); 7] = [
    (Role::Admin, "VPUBND", "Lê Minh Quản"),
    (Role::DicOfficer, "STTTT", "Phạm Thị Thu Hà"),
    (Role::HomeAffairsOfficer, "SNV", "Võ Văn Thẩm"),
    (Role::Chair, "VPUBND", "Trần Văn Chủ"),
    (Role::UnitOfficer, data::DEMO_UNIT_CODE, "Nguyễn Thị Mai"),
    (Role::UnitHead, data::DEMO_UNIT_CODE, "Nguyễn Văn Bình"),
    (Role::Auditor, "TTT", "Huỳnh Thanh Tra"),
];

pub struct DemoAccount {
    pub username: String,
    pub unit_code: String,
}

pub struct DemoOutcome {
    pub accounts: Vec<DemoAccount>,
    /// The password of every demo account.
    pub password: String,
    /// True when the password was generated (print it once).
    pub generated_password: bool,
    /// The round open for nominations (code, last day).
    pub open_round: Option<(String, NaiveDate)>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already holds data; demo data goes only into an empty database")]
    NotEmpty,
    #[error("demo data: {0}")]
    Invalid(String),
    #[error("database error while loading demo data: {0}")]
    Api(#[from] ApiError),
}

impl From<diesel::result::Error> for SeedError {
    fn from(e: diesel::result::Error) -> Self {
        SeedError::Api(e.into())
    }
}

fn date(s: &str) -> Result<NaiveDate, SeedError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| SeedError::Invalid(format!("bad date {s}")))
}

/// True when no unit and no user exists yet.
pub fn database_is_empty(conn: &mut DbConnection) -> Result<bool, SeedError> {
    Ok(organisation::count_units(conn)? == 0 && users::count(conn)? == 0)
}

/// The day the open round's window closes when the demo is loaded on `today`: the
/// plan's date, or [`data::OPEN_ROUND_DAYS`] after `today` if that is later. Its
/// opening, and every other date of the plan's history, stay as they were.
pub fn closes_on(round: &data::RoundSeed, today: NaiveDate) -> Result<NaiveDate, SeedError> {
    let planned = date(round.nomination_closes_on)?;
    if !round.stays_open {
        return Ok(planned);
    }
    Ok(planned.max(today + chrono::Duration::days(data::OPEN_ROUND_DAYS)))
}

/// Loads the demo data in one transaction, as on `now` (the service's clock) and
/// `today` (its day in the province's time zone): the open round stays open from that
/// day on. The password is `demo_password` or, when none is given, generated.
pub fn load_demo(
    conn: &mut DbConnection,
    demo_password: Option<&str>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<DemoOutcome, SeedError> {
    let (pw, generated) = match demo_password {
        Some(p) if p.chars().count() >= password::MIN_PASSWORD_CHARS => (p.to_string(), false),
        Some(_) => {
            return Err(SeedError::Invalid(
                "THIDUA_DEMO_PASSWORD must have at least 10 characters".into(),
            ))
        }
        None => (password::generate(), true),
    };
    let hash = password::hash(&pw).map_err(SeedError::Invalid)?;
    conn.transaction(|conn| {
        if !database_is_empty(conn)? {
            return Err(SeedError::NotEmpty);
        }
        let t = now.naive_utc();
        let actor = audit::AuditActor { username: Some("seed".into()), ..Default::default() };
        let mut group_ids = HashMap::new();
        for g in data::GROUPS {
            let group = groups::insert(conn, t, NewGroup {
                code: g.code.into(),
                name: g.name.into(),
                kind: g.kind,
                description: g.description.into(),
            })?;
            group_ids.insert(g.code, group.id);
        }
        let since = date("2022-01-01")?;
        let mut unit_ids = HashMap::new();
        for (position, u) in data::UNITS.iter().enumerate() {
            let group_id = match u.group_code {
                Some(code) => Some(group_ids.get(code).cloned().ok_or_else(|| SeedError::Invalid(format!("unknown group {code}")))?),
                None => None,
            };
            let unit = units::insert(conn, t, since, NewUnit {
                code: u.code.into(),
                name: u.name.into(),
                kind: u.kind,
                group_id,
                valid_from: Some(since),
                valid_to: None,
                successor_id: None,
                // Demo figures (25–79 %): some units reach the 70 % that is preferred
                // between equal scores.
                women_share_percent: Some(f64::from(25 + u32::try_from((position * 17) % 55).unwrap_or(0))),
                parent_id: match data::PARENTS.iter().find(|(child, _)| *child == u.code) {
                    Some((_, parent)) => Some(unit_ids.get(parent).cloned().ok_or_else(|| SeedError::Invalid(format!("parent {parent} not stored before {}", u.code)))?),
                    None => None,
                },
            })?;
            unit_ids.insert(u.code, unit.id);
        }
        let unit = |code: &str| unit_ids.get(code).cloned().ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")));
        let m = &data::MOVEMENT;
        let inserted = app::movements::insert(conn, t, NewMovement {
            code: m.code.into(),
            title: m.title.into(),
            theme: m.theme.into(),
            period_start_year: m.period_start_year,
            period_end_year: m.period_end_year,
            legal_basis: m.legal_basis.into(),
            plan_document: m.plan_document.into(),
            standing_unit_id: unit(m.standing_unit_code)?,
            appraising_unit_id: unit(m.appraising_unit_code)?,
            fields: m.fields.iter().map(|f| Field { code: f.code.into(), name: f.name.into() }).collect(),
            content_items: m.content_items.iter().map(|c| ContentItem { code: c.code.into(), text: c.text.into() }).collect(),
            annual_report_due_month: 12,
            annual_report_due_day: 10,
            review_working_days: 10,
        })?;
        // The workflow history below is written through the repositories, dated in the past.
        let movement = movements::find(conn, &inserted.id)?.ok_or_else(|| SeedError::Invalid("movement not stored".into()))?;
        let mut criterion_ids = Vec::new();
        for c in m.criteria {
            let criterion = criteria::insert(conn, t, &movement, NewCriterion {
                code: c.code.into(),
                title: c.title.into(),
                field_code: c.field_code.into(),
                unit_of_measure: c.unit_of_measure.into(),
                max_score: c.max_score,
            })?;
            criterion_ids.push(criterion.id);
        }
        let stored = movements::list_criteria(conn, &movement.id, None, None, 1000)?;
        let criteria: Vec<CriterionRow> = criterion_ids
            .iter()
            .filter_map(|id| stored.iter().find(|r| &r.id == id).cloned())
            .collect();
        for r in m.rounds {
            rounds::insert(conn, t, &movement.id, NewRound {
                code: r.code.into(),
                kind: r.kind,
                title: r.title.into(),
                period_start_year: r.period_start_year,
                period_end_year: r.period_end_year,
                nomination_opens_on: date(r.nomination_opens_on)?,
                nomination_closes_on: closes_on(r, today)?,
                report_due_on: Some(date(r.report_due_on)?),
                appraisal_working_days: Some(25),
                comment_working_days: Some(10),
                required_documents: Some(DEFAULT_REQUIRED_DOCUMENTS.to_vec()),
                quotas: r.quotas.iter().map(|q| QuotaInput {
                    award_form: q.award_form,
                    nominee_kind: q.nominee_kind,
                    max_awards: q.max_awards,
                }).collect(),
            })?;
        }
        let mut accounts = Vec::new();
        for (role, unit_code, full_name) in DEMO_ACCOUNTS {
            app::users::insert(conn, t, NewAccount {
                username: role.as_str().into(),
                full_name: full_name.into(),
                unit_id: unit(unit_code)?,
                roles: vec![role],
                password_hash: hash.clone(),
            })?;
            accounts.push(DemoAccount { username: role.as_str().into(), unit_code: unit_code.into() });
        }
        let members: Vec<(String, String)> = data::UNITS
            .iter()
            .filter(|u| u.group_code.is_some())
            .filter_map(|u| unit_ids.get(u.code).map(|id| (id.clone(), u.code.to_string())))
            .collect();
        let history = history::load(conn, &movement, &members, &criteria)?;
        let nominations = nominations::load(conn, &movement, &unit_ids)?;
        let ad_hoc_nominations = ad_hoc::load(conn, &movement, now, today)?;
        let models = exemplary_models::load(conn, &movement, &unit_ids)?;
        audit::record(
            conn,
            &actor,
            "seed.demo",
            "movement",
            &movement.id,
            &serde_json::json!({
                "groups": data::GROUPS.len(), "units": data::UNITS.len(), "accounts": accounts.len(),
                "plans": history.plans, "reports": history.reports,
                "nominations": nominations.nominations + ad_hoc_nominations, "documents": nominations.documents,
                "exemplary_models": models.models, "replications": models.replications,
            }),
        )?;
        let open_round = match m.rounds.iter().find(|r| r.stays_open) {
            Some(r) => Some((r.code.to_string(), closes_on(r, today)?)),
            None => None,
        };
        Ok(DemoOutcome { accounts, password: pw.clone(), generated_password: generated, open_round })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        date(s).unwrap()
    }

    #[test]
    fn the_open_round_stays_open_after_the_day_the_demo_is_loaded() {
        let [interim, fin] = data::MOVEMENT.rounds else {
            panic!("two rounds")
        };
        // The plan's own date while it is far enough ahead…
        assert_eq!(
            closes_on(fin, day("2026-10-01")).unwrap(),
            day("2026-12-31")
        );
        // …and 90 days from the load day after that.
        assert_eq!(
            closes_on(fin, day("2026-12-02")).unwrap(),
            day("2027-03-02")
        );
        assert_eq!(
            closes_on(fin, day("2028-03-15")).unwrap(),
            day("2028-06-13")
        );
        // History stays history.
        assert_eq!(
            closes_on(interim, day("2028-03-15")).unwrap(),
            day("2023-11-30")
        );
        assert_eq!(fin.nomination_opens_on, "2025-10-01");
    }
}
