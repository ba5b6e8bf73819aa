//! Workflow history (who moved a record from which state to which, when, why), and
//! the public holidays that working-day limits skip.

use crate::db::models::{new_id, HolidayRow, WorkflowEventRow};
use crate::db::schema::{public_holidays as h, workflow_events as w};
use crate::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

pub struct Step<'a> {
    pub resource_type: &'a str,
    pub resource_id: &'a str,
    pub action: &'a str,
    pub from_status: &'a str,
    pub to_status: &'a str,
    pub actor_id: &'a str,
    pub actor_username: &'a str,
    pub actor_role: &'a str,
    pub comment: Option<&'a str>,
    pub at: NaiveDateTime,
}

pub fn record(conn: &mut DbConnection, s: &Step<'_>) -> QueryResult<()> {
    let row = WorkflowEventRow {
        id: new_id(),
        resource_type: s.resource_type.into(),
        resource_id: s.resource_id.into(),
        action: s.action.into(),
        from_status: s.from_status.into(),
        to_status: s.to_status.into(),
        actor_id: s.actor_id.into(),
        actor_username: s.actor_username.into(),
        actor_role: s.actor_role.into(),
        comment: s.comment.map(str::to_string),
        occurred_at: s.at,
    };
    diesel::insert_into(w::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

pub fn history(
    conn: &mut DbConnection,
    resource_type: &str,
    resource_id: &str,
) -> QueryResult<Vec<WorkflowEventRow>> {
    w::table
        .filter(w::resource_type.eq(resource_type))
        .filter(w::resource_id.eq(resource_id))
        .order(w::id.asc())
        .load(conn)
}

/// The actor of the record's latest `submit`.
pub fn last_submitter(
    conn: &mut DbConnection,
    resource_type: &str,
    resource_id: &str,
) -> QueryResult<Option<String>> {
    w::table
        .filter(w::resource_type.eq(resource_type))
        .filter(w::resource_id.eq(resource_id))
        .filter(w::action.eq("submit"))
        .order(w::id.desc())
        .select(w::actor_id)
        .first(conn)
        .optional()
}

pub fn holidays_between(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<HolidayRow>> {
    h::table
        .filter(h::day.ge(from))
        .filter(h::day.le(to))
        .order(h::day.asc())
        .load(conn)
}

pub fn find_holiday(conn: &mut DbConnection, day: NaiveDate) -> QueryResult<Option<HolidayRow>> {
    h::table.find(day).first(conn).optional()
}

pub fn insert_holiday(conn: &mut DbConnection, row: &HolidayRow) -> QueryResult<()> {
    diesel::insert_into(h::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn delete_holiday(conn: &mut DbConnection, day: NaiveDate) -> QueryResult<bool> {
    Ok(diesel::delete(h::table.find(day)).execute(conn)? == 1)
}
