//! What is due or overdue for the caller, and the public holidays that working-day
//! limits skip (the working-day calendar).

mod holidays;
mod unit;
mod waiting;

pub use holidays::{
    add_holiday, list_holidays, remove_holiday, Holiday, HolidayList, HolidayQuery,
};

use crate::app::{Context, Result};
use crate::auth::policy::{owes_unit_deadlines, MovementRoles};
use crate::db::repo::{deadlines as repo, movements, workflow};
use crate::db::DbConnection;
use crate::domain::calendar::Calendar;
pub use crate::domain::deadline::DeadlineKind;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"kind": "report_due", "resource_type": "report", "resource_id": null,
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "title": "Báo cáo năm 2026: Đồng Tháp đẩy mạnh chương trình chuyển đổi số", "due_on": "2026-12-10",
    "days_left": 14, "working_days_waiting": null}))]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// `plan` or `report`
    pub resource_type: String,
    /// Null when the record does not exist yet.
    pub resource_id: Option<String>,
    pub movement_id: String,
    pub unit_id: String,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    /// Calendar days until due (negative when overdue).
    pub days_left: Option<i64>,
    /// For reviews: working days since submission.
    pub working_days_waiting: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Deadlines {
    /// Today in the province's time zone.
    pub today: NaiveDate,
    /// Overdue first, then by due date.
    pub items: Vec<Deadline>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// Look ahead this many days (default 30).
    #[param(minimum = 0, maximum = 366)]
    pub days: Option<i64>,
}

/// The working-day calendar between two days: weekends and the public holidays skipped.
pub fn calendar(conn: &mut DbConnection, from: NaiveDate, to: NaiveDate) -> Result<Calendar> {
    Ok(Calendar::new(
        workflow::holidays_between(conn, from, to)?
            .into_iter()
            .map(|h| h.day),
    ))
}

/// What is due in the next `days` days (default 30) and what is overdue, for the caller:
/// their unit's plans and reports; for DIC, plans and reports waiting for review longer
/// than the movement's working-day limit; for Home Affairs, consolidated nominations
/// waiting for appraisal longer than the round's limit (weekends and public holidays
/// skipped). Overdue first, then by due date; undated items last. A fixed number of
/// statements, whatever the number of items.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: DeadlineQuery) -> Result<Deadlines> {
    let days = q.days.unwrap_or(30);
    if !(0..=366).contains(&days) {
        return Err(ApiError::invalid(
            "days",
            "must be between 0 and 366",
            "phải từ 0 đến 366",
        ));
    }
    let today = ctx.today;
    let window = Window {
        today,
        horizon: today + chrono::Duration::days(days),
    };
    let all = movements::all(conn)?;
    let mut items = Vec::new();
    if owes_unit_deadlines(&ctx.actor) {
        unit::deadlines(conn, &ctx.actor.unit_id, &all, window, &mut items)?;
    }
    let roles: Vec<_> = all.iter().map(|m| (m, MovementRoles::of(m))).collect();
    items.extend(waiting::deadlines(conn, ctx, &roles, window)?);
    // Overdue first, then by due date; undated items (plans to write) last.
    items.sort_by_key(|d| {
        let rank = match d.due_on {
            Some(day) if day < today => 0,
            Some(_) => 1,
            None => 2,
        };
        (rank, d.due_on)
    });
    Ok(Deadlines { today, items })
}

/// Today and the last day the list looks ahead to.
#[derive(Debug, Clone, Copy)]
struct Window {
    today: NaiveDate,
    horizon: NaiveDate,
}

/// The rounds of the movements, grouped by movement in code order.
fn rounds_by_movement(
    conn: &mut DbConnection,
    movement_ids: Vec<String>,
) -> Result<std::collections::HashMap<String, Vec<repo::RoundLimits>>> {
    let mut out: std::collections::HashMap<String, Vec<repo::RoundLimits>> = Default::default();
    if movement_ids.is_empty() {
        return Ok(out);
    }
    for r in repo::rounds_of(conn, &movement_ids)? {
        out.entry(r.movement_id.clone()).or_default().push(r);
    }
    Ok(out)
}
