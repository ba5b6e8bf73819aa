//! Plans and reports built through `app`, for the use-case tests of plans, reports and
//! the roll-up (no HTTP): the demo movement, its criteria, and actors of other units.

use crate::helpers::AppDb;
use thidua::app::plans::{self, NewPlan, Plan, PlanKind, TargetInput};
use thidua::app::reports::{self, NewReport, Report, ReportKind, ResultInput};
use thidua::app::version::IfMatch;
use thidua::app::Context;
use thidua::auth::Role;
use thidua::db::repo::{movements, organisation};
use thidua::error::ApiError;

/// The demo movement's id and its first `n` criteria's ids.
pub fn movement_and_criteria(db: &AppDb, n: usize) -> (String, Vec<String>) {
    let mut conn = db.conn();
    let m = movements::all(&mut conn).unwrap().remove(0);
    let criteria = movements::list_criteria(&mut conn, &m.id, None, None, 100).unwrap();
    (m.id, criteria.into_iter().take(n).map(|c| c.id).collect())
}

/// The id of a demo unit by code.
pub fn unit_id(db: &AppDb, code: &str) -> String {
    let mut conn = db.conn();
    organisation::find_unit_by_code(&mut conn, code)
        .unwrap()
        .unwrap_or_else(|| panic!("no unit {code}"))
        .id
}

/// `ctx` acting for another unit (same account, roles and time).
pub fn of_unit(mut ctx: Context, unit_id: &str) -> Context {
    ctx.actor.unit_id = unit_id.to_string();
    ctx
}

/// `ctx` with these roles.
pub fn with_roles(mut ctx: Context, roles: &[Role]) -> Context {
    ctx.actor.roles = roles.to_vec();
    ctx
}

/// An annual plan of `year` with a target for each criterion.
pub fn annual_plan(movement_id: &str, year: i32, criteria: &[String]) -> NewPlan {
    NewPlan {
        movement_id: movement_id.into(),
        unit_id: None,
        kind: PlanKind::Annual,
        year: Some(year),
        title: format!("Kế hoạch thi đua chuyển đổi số năm {year}"),
        description: String::new(),
        targets: criteria
            .iter()
            .map(|c| TargetInput {
                criterion_id: c.clone(),
                target_value: 90.0,
                unit_of_measure: None,
                note: String::new(),
            })
            .collect(),
    }
}

pub fn draft_plan(db: &AppDb, ctx: &Context, input: NewPlan) -> Plan {
    db.tx(|conn| plans::create(conn, ctx, input)).unwrap()
}

pub fn submitted_plan(db: &AppDb, ctx: &Context, input: NewPlan) -> Plan {
    let plan = draft_plan(db, ctx, input);
    db.tx(|conn| plans::submit(conn, ctx, &plan.id, None, IfMatch::Any))
        .unwrap()
}

/// The demo unit's plan of `year`, drafted and submitted by its head, accepted by DIC.
pub fn accepted_plan(db: &AppDb, year: i32, criteria: usize) -> Plan {
    let (m, c) = movement_and_criteria(db, criteria);
    let plan = submitted_plan(db, &db.ctx("unit_head"), annual_plan(&m, year, &c));
    db.tx(|conn| plans::accept(conn, &db.ctx("dic_officer"), &plan.id, None, IfMatch::Any))
        .unwrap()
}

/// The annual report of `plan`'s year with a result (self score 5) for each target.
pub fn annual_report(plan: &Plan) -> NewReport {
    NewReport {
        movement_id: plan.movement_id.clone(),
        unit_id: None,
        kind: ReportKind::Annual,
        year: plan.year,
        round_id: None,
        narrative: "Báo cáo kết quả thực hiện phong trào.".into(),
        results: plan
            .targets
            .iter()
            .map(|t| ResultInput {
                target_id: t.id.clone(),
                achieved_value: 80.0,
                self_score: 5.0,
                evidence: String::new(),
                evidence_url: None,
            })
            .collect(),
    }
}

pub fn draft_report(db: &AppDb, ctx: &Context, input: NewReport) -> Report {
    db.tx(|conn| reports::create(conn, ctx, input)).unwrap()
}

pub fn submitted_report(db: &AppDb, ctx: &Context, input: NewReport) -> Report {
    let r = draft_report(db, ctx, input);
    db.tx(|conn| reports::submit(conn, ctx, &r.id, None, IfMatch::Any))
        .unwrap()
}

/// The code of a refusal, and its `current_state` when there is one.
#[track_caller]
pub fn refused<T: std::fmt::Debug>(r: Result<T, ApiError>, code: &str) -> ApiError {
    let e = r.unwrap_err();
    assert_eq!(e.code.as_str(), code, "{e:?}");
    e
}
