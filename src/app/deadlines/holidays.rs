//! Public holidays: the days off that working-day limits skip (admins manage them).

use crate::app::audit::audit_created;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::HolidayRow;
use crate::db::repo::workflow;
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"day": "2026-09-02", "name": "Quốc khánh"}))]
pub struct Holiday {
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub day: NaiveDate,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HolidayList {
    pub items: Vec<Holiday>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayQuery {
    /// The holidays of this year (default: all).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

/// The public holidays of a year (2000…2100) or of all years, by day; any signed-in user.
pub fn list_holidays(
    conn: &mut DbConnection,
    _ctx: &Context,
    q: HolidayQuery,
) -> Result<HolidayList> {
    let (from, to) = match q.year {
        Some(y) if (2000..=2100).contains(&y) => (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ),
        Some(_) => {
            return Err(ApiError::invalid(
                "year",
                "must be between 2000 and 2100",
                "phải từ 2000 đến 2100",
            ))
        }
        None => (
            NaiveDate::from_ymd_opt(1900, 1, 1),
            NaiveDate::from_ymd_opt(2999, 12, 31),
        ),
    };
    let (from, to) = from.zip(to).ok_or_else(|| ApiError::internal("date"))?;
    Ok(HolidayList {
        items: workflow::holidays_between(conn, from, to)?
            .into_iter()
            .map(|h| Holiday {
                day: h.day,
                name: h.name,
            })
            .collect(),
    })
}

/// Add a public holiday (admins only; 409 `already_exists` when the day is one already).
/// Audited as `holiday.create`.
pub fn add_holiday(conn: &mut DbConnection, ctx: &Context, input: Holiday) -> Result<Holiday> {
    require(&ctx.actor, Permission::ManageHolidays)?;
    let mut c = Checks::new();
    let name = c.text("name", &input.name, 200);
    c.finish()?;
    let day = input.day;
    if workflow::find_holiday(conn, day)?.is_some() {
        return Err(ApiError::new(ErrorCode::AlreadyExists));
    }
    let row = HolidayRow { day, name };
    workflow::insert_holiday(conn, &row)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "holiday.create",
        "holiday",
        &day.to_string(),
        &Holiday {
            day,
            name: row.name.clone(),
        },
    )?;
    Ok(Holiday {
        day,
        name: input.name.trim().to_string(),
    })
}

/// Remove a public holiday (admins only; 404 when the day is none). Audited as
/// `holiday.delete`.
pub fn remove_holiday(conn: &mut DbConnection, ctx: &Context, day: NaiveDate) -> Result<()> {
    require(&ctx.actor, Permission::ManageHolidays)?;
    if !workflow::delete_holiday(conn, day)? {
        return Err(ApiError::not_found());
    }
    audit_created(
        conn,
        &ctx.audit_actor(),
        "holiday.delete",
        "holiday",
        &day.to_string(),
        &serde_json::json!({ "day": day }),
    )?;
    Ok(())
}
