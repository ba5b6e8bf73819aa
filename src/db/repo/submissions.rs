//! DIC's submissions (tờ trình tổng hợp) to Home Affairs and the nominations they carry.

use crate::db::models::SubmissionRow;
use crate::db::schema::{submission_nominations as sn, submissions as s, users as u};
use crate::db::DbConnection;
use diesel::prelude::*;

pub fn insert(conn: &mut DbConnection, row: &SubmissionRow) -> QueryResult<()> {
    diesel::insert_into(s::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<SubmissionRow>> {
    s::table.find(id).first(conn).optional()
}

/// Submissions of the given movements, oldest first.
pub fn list(
    conn: &mut DbConnection,
    movement_ids: &[String],
    round_id: Option<&str>,
    after_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<SubmissionRow>> {
    let mut q = s::table
        .filter(s::movement_id.eq_any(movement_ids.to_vec()))
        .into_boxed();
    if let Some(r) = round_id {
        q = q.filter(s::round_id.eq(r.to_string()));
    }
    if let Some(a) = after_id {
        q = q.filter(s::id.gt(a.to_string()));
    }
    q.order(s::id.asc()).limit(limit).load(conn)
}

/// The ids of the nominations of each of these submissions, as (submission id,
/// nomination id), in nomination id order (one query for a page).
pub fn nominations_of(
    conn: &mut DbConnection,
    submission_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    sn::table
        .filter(sn::submission_id.eq_any(submission_ids.to_vec()))
        .select((sn::submission_id, sn::nomination_id))
        .order(sn::nomination_id.asc())
        .load(conn)
}

/// The username of the sender of each of these submissions, as (submission id,
/// username); a submission whose sender is gone has none.
pub fn senders_of(
    conn: &mut DbConnection,
    submission_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    s::table
        .inner_join(u::table.on(u::id.eq(s::sent_by)))
        .filter(s::id.eq_any(submission_ids.to_vec()))
        .select((s::id, u::username))
        .load(conn)
}

/// Links the nominations to the submission (one statement for the batch).
pub fn add_nominations(
    conn: &mut DbConnection,
    submission_id: &str,
    nomination_ids: &[String],
) -> QueryResult<()> {
    let rows: Vec<_> = nomination_ids
        .iter()
        .map(|id| {
            (
                sn::submission_id.eq(submission_id),
                sn::nomination_id.eq(id),
            )
        })
        .collect();
    // A multi-row VALUES is not in diesel's multi-backend dialect; both backends have it.
    let insert = diesel::insert_into(sn::table).values(rows);
    match conn {
        DbConnection::Postgresql(c) => insert.execute(c)?,
        DbConnection::Sqlite(c) => insert.execute(c)?,
    };
    Ok(())
}
