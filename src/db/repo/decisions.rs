//! The Chair's decisions and the quotas they draw on.

use crate::db::models::{DecisionRow, NominationRow, QuotaRow};
use crate::db::schema::{
    decision_nominations as dn, decisions as d, nominations as n, round_quotas as rq,
};
use crate::db::DbConnection;
use diesel::prelude::*;

pub fn insert(conn: &mut DbConnection, row: &DecisionRow) -> QueryResult<()> {
    diesel::insert_into(d::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<DecisionRow>> {
    d::table.find(id).first(conn).optional()
}

pub fn find_by_number(
    conn: &mut DbConnection,
    issuer: &str,
    year: i32,
    number: &str,
) -> QueryResult<Option<DecisionRow>> {
    d::table
        .filter(d::issuer_unit_id.eq(issuer))
        .filter(d::year.eq(year))
        .filter(d::number.eq(number))
        .first(conn)
        .optional()
}

/// Links the nominations to the decision (one statement for the batch).
pub fn add_nominations(
    conn: &mut DbConnection,
    decision_id: &str,
    nomination_ids: &[String],
) -> QueryResult<()> {
    let rows: Vec<_> = nomination_ids
        .iter()
        .map(|id| (dn::decision_id.eq(decision_id), dn::nomination_id.eq(id)))
        .collect();
    // A multi-row VALUES is not in diesel's multi-backend dialect; both backends have it.
    let insert = diesel::insert_into(dn::table).values(rows);
    match conn {
        DbConnection::Postgresql(c) => insert.execute(c)?,
        DbConnection::Sqlite(c) => insert.execute(c)?,
    };
    Ok(())
}

/// The nominations each of these decisions awards, as (decision id, nomination), by
/// nominee name (one query for a page).
pub fn nominations_of(
    conn: &mut DbConnection,
    decision_ids: &[String],
) -> QueryResult<Vec<(String, NominationRow)>> {
    dn::table
        .inner_join(n::table.on(n::id.eq(dn::nomination_id)))
        .filter(dn::decision_id.eq_any(decision_ids.to_vec()))
        .order((n::nominee_search.asc(), n::id.asc()))
        .select((dn::decision_id, n::all_columns))
        .load(conn)
}

/// Newest first.
pub fn list(
    conn: &mut DbConnection,
    round_id: Option<&str>,
    before_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<DecisionRow>> {
    let mut q = d::table.into_boxed();
    if let Some(r) = round_id {
        q = q.filter(d::round_id.eq(r.to_string()));
    }
    if let Some(b) = before_id {
        q = q.filter(d::id.lt(b.to_string()));
    }
    q.order(d::id.desc()).limit(limit).load(conn)
}

/// Awarded nominations, newest first (open data).
pub fn awarded(
    conn: &mut DbConnection,
    round_id: Option<&str>,
    before_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<NominationRow>> {
    let mut q = n::table
        .filter(n::status.eq_any(["awarded", "state_awarded"]))
        .into_boxed();
    if let Some(r) = round_id {
        q = q.filter(n::round_id.eq(r.to_string()));
    }
    if let Some(b) = before_id {
        q = q.filter(n::id.lt(b.to_string()));
    }
    q.order(n::id.desc()).limit(limit).load(conn)
}

pub fn quota(
    conn: &mut DbConnection,
    round_id: &str,
    form: &str,
    kind: &str,
) -> QueryResult<Option<QuotaRow>> {
    rq::table
        .filter(rq::round_id.eq(round_id))
        .filter(rq::award_form.eq(form))
        .filter(rq::nominee_kind.eq(kind))
        .first(conn)
        .optional()
}

/// Takes `count` places of a quota in one conditional statement: it succeeds only while
/// `awarded + count` stays within the maximum (or there is none). Two decisions at the
/// same moment, on any number of instances, cannot both take the last place: the
/// database evaluates the condition against the committed count.
pub fn claim(
    conn: &mut DbConnection,
    round_id: &str,
    form: &str,
    kind: &str,
    count: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        rq::table
            .filter(rq::round_id.eq(round_id))
            .filter(rq::award_form.eq(form))
            .filter(rq::nominee_kind.eq(kind))
            .filter(
                rq::max_awards
                    .is_null()
                    .or(rq::awarded.le(rq::max_awards.assume_not_null() - count)),
            ),
    )
    .set(rq::awarded.eq(rq::awarded + count))
    .execute(conn)?;
    Ok(n == 1)
}

/// Takes `count` places of a quota where the round sets one (`claim`); a round with no
/// quota row for the form and kind has no limit.
pub fn claim_where_set(
    conn: &mut DbConnection,
    round_id: &str,
    form: &str,
    kind: &str,
    count: i32,
) -> QueryResult<bool> {
    Ok(quota(conn, round_id, form, kind)?.is_none() || claim(conn, round_id, form, kind, count)?)
}

/// The decision of each of these nominations that has one (one query for a page).
pub fn decisions_of(
    conn: &mut DbConnection,
    nomination_ids: &[String],
) -> QueryResult<Vec<(String, DecisionRow)>> {
    dn::table
        .inner_join(d::table.on(d::id.eq(dn::decision_id)))
        .filter(dn::nomination_id.eq_any(nomination_ids.to_vec()))
        .select((dn::nomination_id, d::all_columns))
        .load(conn)
}
