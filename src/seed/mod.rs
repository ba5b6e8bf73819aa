//! Demo data: the Đồng Tháp plan 207/KH-UBND as the first movement, the province's
//! blocs, clusters and units of 2022, and one account per role.

pub mod data;
pub mod history;
mod nomination_cases;
pub mod nominations;

use crate::auth::{password, Role};
use crate::db::models::{
    new_id, now, CriterionRow, GroupRow, MovementRow, QuotaRow, RoundRow, UnitRow, UserRow,
};
use crate::db::repo::{audit, movements, organisation, users};
use crate::db::DbConnection;
use crate::domain::search::normalize;
use crate::error::ApiError;
use chrono::NaiveDate;
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

/// Loads the demo data in one transaction. The password is `demo_password` or, when
/// none is given, generated.
pub fn load_demo(
    conn: &mut DbConnection,
    demo_password: Option<&str>,
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
        let t = now();
        let actor = audit::AuditActor { username: Some("seed".into()), ..Default::default() };
        let mut group_ids = HashMap::new();
        for g in data::GROUPS {
            let row = GroupRow {
                id: new_id(),
                code: g.code.into(),
                name: g.name.into(),
                name_search: crate::domain::search::key(g.name, g.code),
                kind: g.kind.into(),
                description: g.description.into(),
                version: 1,
                created_at: t,
                updated_at: t,
            };
            organisation::insert_group(conn, &row)?;
            group_ids.insert(g.code, row.id);
        }
        let mut unit_ids = HashMap::new();
        for (position, u) in data::UNITS.iter().enumerate() {
            let group_id = match u.group_code {
                Some(code) => Some(group_ids.get(code).cloned().ok_or_else(|| SeedError::Invalid(format!("unknown group {code}")))?),
                None => None,
            };
            let row = UnitRow {
                id: new_id(),
                code: u.code.into(),
                name: u.name.into(),
                name_search: crate::domain::search::key(u.name, u.code),
                kind: u.kind.into(),
                group_id,
                valid_from: date("2022-01-01")?,
                valid_to: None,
                successor_id: None,
                version: 1,
                created_at: t,
                updated_at: t,
                // Demo figures (25–79 %): some units reach the 70 % that is preferred
                // between equal scores.
                women_share_percent: Some(25.0 + ((position * 17) % 55) as f64),
            };
            organisation::insert_unit(conn, &row)?;
            unit_ids.insert(u.code, row.id);
        }
        let unit = |code: &str| unit_ids.get(code).cloned().ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")));
        let m = &data::MOVEMENT;
        let fields: Vec<serde_json::Value> = m.fields.iter().map(|f| serde_json::json!({"code": f.code, "name": f.name})).collect();
        let items: Vec<serde_json::Value> = m.content_items.iter().map(|c| serde_json::json!({"code": c.code, "text": c.text})).collect();
        let movement = MovementRow {
            id: new_id(),
            code: m.code.into(),
            title: m.title.into(),
            title_search: normalize(m.title),
            theme: m.theme.into(),
            period_start_year: m.period_start_year,
            period_end_year: m.period_end_year,
            legal_basis: m.legal_basis.into(),
            plan_document: m.plan_document.into(),
            standing_unit_id: unit(m.standing_unit_code)?,
            appraising_unit_id: unit(m.appraising_unit_code)?,
            fields: serde_json::Value::Array(fields).to_string(),
            content_items: serde_json::Value::Array(items).to_string(),
            version: 1,
            created_at: t,
            updated_at: t,
            annual_report_due_month: 12,
            annual_report_due_day: 10,
            review_working_days: 10,
        };
        movements::insert(conn, &movement)?;
        let mut criteria = Vec::new();
        for c in m.criteria {
            let row = CriterionRow {
                id: new_id(),
                movement_id: movement.id.clone(),
                code: c.code.into(),
                title: c.title.into(),
                field_code: c.field_code.into(),
                unit_of_measure: c.unit_of_measure.into(),
                max_score: c.max_score,
                version: 1,
                created_at: t,
                updated_at: t,
            };
            movements::insert_criterion(conn, &row)?;
            criteria.push(row);
        }
        for r in m.rounds {
            let round = RoundRow {
                id: new_id(),
                movement_id: movement.id.clone(),
                code: r.code.into(),
                kind: r.kind.into(),
                title: r.title.into(),
                period_start_year: r.period_start_year,
                period_end_year: r.period_end_year,
                nomination_opens_on: date(r.nomination_opens_on)?,
                nomination_closes_on: date(r.nomination_closes_on)?,
                report_due_on: Some(date(r.report_due_on)?),
                appraisal_working_days: 25,
                comment_working_days: 10,
                required_documents: crate::api::rounds::default_required_documents(),
                version: 1,
                created_at: t,
                updated_at: t,
            };
            movements::insert_round(conn, &round)?;
            for q in r.quotas {
                movements::insert_quota(
                    conn,
                    &QuotaRow {
                        round_id: round.id.clone(),
                        award_form: q.award_form.into(),
                        nominee_kind: q.nominee_kind.into(),
                        max_awards: q.max_awards,
                        awarded: 0,
                    },
                )?;
            }
        }
        let mut accounts = Vec::new();
        for (role, unit_code, full_name) in DEMO_ACCOUNTS {
            users::insert(
                conn,
                &UserRow {
                    id: new_id(),
                    username: role.as_str().into(),
                    full_name: full_name.into(),
                    unit_id: unit(unit_code)?,
                    roles: role.as_str().into(),
                    password_hash: hash.clone(),
                    active: true,
                    version: 1,
                    created_at: t,
                    updated_at: t,
                },
            )?;
            accounts.push(DemoAccount { username: role.as_str().into(), unit_code: unit_code.into() });
        }
        let members: Vec<(String, String)> = data::UNITS
            .iter()
            .filter(|u| u.group_code.is_some())
            .filter_map(|u| unit_ids.get(u.code).map(|id| (id.clone(), u.code.to_string())))
            .collect();
        let history = history::load(conn, &movement, &members, &criteria)?;
        let nominations = nominations::load(conn, &movement, &unit_ids)?;
        audit::record(
            conn,
            &actor,
            "seed.demo",
            "movement",
            &movement.id,
            &serde_json::json!({
                "groups": data::GROUPS.len(), "units": data::UNITS.len(), "accounts": accounts.len(),
                "plans": history.plans, "reports": history.reports,
                "nominations": nominations.nominations, "documents": nominations.documents,
            }),
        )?;
        Ok(DemoOutcome { accounts, password: pw.clone(), generated_password: generated })
    })
}
