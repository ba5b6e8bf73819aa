//! Giấy khen recorded by units, and the award history: every award one nominee key
//! received, from the three sources (Giấy khen of units, the Chair's decisions, the
//! central level's state awards).

use crate::auth::policy::Visibility;
use crate::db::models::UnitAwardRow;
use crate::db::schema::{
    decision_nominations as dn, decisions as d, movements as m, nomination_outcomes as o,
    nominations as n, unit_awards as ua, units as u,
};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::domain::nomination::State;
use chrono::NaiveDate;
use diesel::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct UnitAwardFilter {
    /// The awarding unit.
    pub unit_id: Option<String>,
    pub movement_id: Option<String>,
    pub year: Option<i32>,
    pub recipient_kind: Option<NomineeKind>,
    /// A LIKE pattern over the normalised recipient name.
    pub q_pattern: Option<String>,
    pub after_id: Option<String>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, row: &UnitAwardRow) -> QueryResult<()> {
    diesel::insert_into(ua::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The award and its awarding unit's name.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(UnitAwardRow, String)>> {
    ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .filter(ua::id.eq(id))
        .select((ua::all_columns, u::name))
        .first(conn)
        .optional()
}

/// The award the unique rule (unit, movement, year, recipient) would collide with.
pub fn find_same(conn: &mut DbConnection, row: &UnitAwardRow) -> QueryResult<Option<UnitAwardRow>> {
    ua::table
        .filter(ua::unit_id.eq(&row.unit_id))
        .filter(ua::movement_id.eq(&row.movement_id))
        .filter(ua::year.eq(row.year))
        .filter(ua::recipient_key.eq(&row.recipient_key))
        .first(conn)
        .optional()
}

/// A page in id order (ids are time-ordered), with the awarding units' names.
pub fn list(
    conn: &mut DbConnection,
    f: &UnitAwardFilter,
    scope: &Visibility,
) -> QueryResult<Vec<(UnitAwardRow, String)>> {
    let mut q = ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .select((ua::all_columns, u::name))
        .into_boxed();
    if let Visibility::Scoped {
        unit_id,
        reviewed_movements,
    } = scope
    {
        q = q.filter(
            ua::unit_id
                .eq(unit_id.clone())
                .or(ua::movement_id.eq_any(reviewed_movements.clone())),
        );
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(ua::unit_id.eq(v.clone()));
    }
    if let Some(v) = &f.movement_id {
        q = q.filter(ua::movement_id.eq(v.clone()));
    }
    if let Some(v) = f.year {
        q = q.filter(ua::year.eq(v));
    }
    if let Some(v) = f.recipient_kind {
        q = q.filter(ua::recipient_kind.eq(v));
    }
    if let Some(p) = &f.q_pattern {
        q = q.filter(ua::recipient_search.like(p.clone()).escape('\\'));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(ua::id.gt(v.clone()));
    }
    q.order(ua::id.asc()).limit(f.limit).load(conn)
}

/// History (a): every Giấy khen of a recipient key, with the awarding unit's name and
/// the acting units of its movement (standing, appraising) to decide who may read it.
/// Unordered: the history sorts all its sources together.
pub fn unit_awards_by_key(
    conn: &mut DbConnection,
    key: &str,
) -> QueryResult<Vec<(UnitAwardRow, String, String, String)>> {
    ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .inner_join(m::table.on(m::id.eq(ua::movement_id)))
        .filter(ua::recipient_key.eq(key))
        .select((
            ua::all_columns,
            u::name,
            m::standing_unit_id,
            m::appraising_unit_id,
        ))
        .load(conn)
}

/// An awarded nomination as the history shows it.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct AwardedNomination {
    pub nomination_id: String,
    pub nominee_name: String,
    pub movement_id: String,
    pub round_id: String,
    pub decision_number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub issuer_unit_id: Option<String>,
    pub issuer_name: Option<String>,
}

/// History (b): the Chair's Bằng khen — awarded provincial-merit nominations of the key,
/// with the decision that awarded them and its issuer. Unordered, as (a).
pub fn provincial_merit_by_key(
    conn: &mut DbConnection,
    key: &str,
) -> QueryResult<Vec<AwardedNomination>> {
    n::table
        .inner_join(dn::table.on(dn::nomination_id.eq(n::id)))
        .inner_join(d::table.on(d::id.eq(dn::decision_id)))
        .inner_join(u::table.on(u::id.eq(d::issuer_unit_id)))
        .filter(n::nominee_key.eq(key))
        .filter(n::status.eq(State::Awarded))
        .filter(n::award_form.eq(AwardForm::ProvincialMerit))
        .select((
            n::id,
            n::nominee_name,
            n::movement_id,
            n::round_id,
            d::number.nullable(),
            d::signed_on.nullable(),
            d::issuer_unit_id.nullable(),
            u::name.nullable(),
        ))
        .load(conn)
}

/// History (c): state awards the central level granted to the key, with its decision as
/// recorded (the issuer is the central level: no unit of the province). Unordered, as (a).
pub fn state_awards_by_key(
    conn: &mut DbConnection,
    key: &str,
) -> QueryResult<Vec<AwardedNomination>> {
    // (nomination, nominee name, movement, round, central number, central date)
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<NaiveDate>,
    );
    let rows: Vec<Row> = n::table
        .left_join(o::table)
        .filter(n::nominee_key.eq(key))
        .filter(n::status.eq(State::StateAwarded))
        .select((
            n::id,
            n::nominee_name,
            n::movement_id,
            n::round_id,
            o::central_decision_number.nullable(),
            o::central_decided_on.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(nomination_id, nominee_name, movement_id, round_id, number, on)| AwardedNomination {
                nomination_id,
                nominee_name,
                movement_id,
                round_id,
                decision_number: number,
                decided_on: on,
                issuer_unit_id: None,
                issuer_name: None,
            },
        )
        .collect())
}
