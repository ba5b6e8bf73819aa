//! The stored nominee keys of nominations and Giấy khen, read and rewritten by
//! `app::nominations::rekey` when the key function changes (issue 9 item 8).

use crate::db::schema::{nominations as n, unit_awards as ua};
use crate::db::DbConnection;
use crate::domain::nomination::State;
use diesel::prelude::*;

/// What a nomination's key is computed from, with the key stored.
#[derive(Debug, Clone, Queryable)]
pub struct NominationKey {
    pub id: String,
    pub round_id: String,
    pub status: State,
    pub nominee_unit_id: Option<String>,
    pub nominee_name: String,
    pub birth_year: Option<i32>,
    pub nominee_key: String,
}

/// What a Giấy khen's key is computed from, with the key stored.
#[derive(Debug, Clone, Queryable)]
pub struct UnitAwardKey {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    pub year: i32,
    pub recipient_unit_id: Option<String>,
    pub recipient_name: String,
    pub birth_year: Option<i32>,
    pub recipient_key: String,
}

/// Every nomination's key inputs, in id order.
pub fn nominations(conn: &mut DbConnection) -> QueryResult<Vec<NominationKey>> {
    n::table
        .order(n::id)
        .select((
            n::id,
            n::round_id,
            n::status,
            n::nominee_unit_id,
            n::nominee_name,
            n::birth_year,
            n::nominee_key,
        ))
        .load(conn)
}

pub fn set_nomination_key(conn: &mut DbConnection, id: &str, key: &str) -> QueryResult<usize> {
    diesel::update(n::table.filter(n::id.eq(id)))
        .set(n::nominee_key.eq(key))
        .execute(conn)
}

/// Every Giấy khen's key inputs, in id order.
pub fn unit_awards(conn: &mut DbConnection) -> QueryResult<Vec<UnitAwardKey>> {
    ua::table
        .order(ua::id)
        .select((
            ua::id,
            ua::unit_id,
            ua::movement_id,
            ua::year,
            ua::recipient_unit_id,
            ua::recipient_name,
            ua::birth_year,
            ua::recipient_key,
        ))
        .load(conn)
}

pub fn set_unit_award_key(conn: &mut DbConnection, id: &str, key: &str) -> QueryResult<usize> {
    diesel::update(ua::table.filter(ua::id.eq(id)))
        .set(ua::recipient_key.eq(key))
        .execute(conn)
}
