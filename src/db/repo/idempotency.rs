//! Stored first answers of creating requests sent with an `Idempotency-Key`.

use crate::db::models::IdempotencyRow;
use crate::db::schema::idempotency_keys as t;
use crate::db::DbConnection;
use diesel::prelude::*;

pub fn find(
    conn: &mut DbConnection,
    user_id: &str,
    key: &str,
) -> QueryResult<Option<IdempotencyRow>> {
    t::table.find((user_id, key)).first(conn).optional()
}

/// Claims the key for a request about to run: inserts it unless it exists. On
/// PostgreSQL, a concurrent request holding the same uncommitted key makes this wait
/// until that one ends; false when the key is (now) taken, then `find` sees its answer.
pub fn claim(conn: &mut DbConnection, row: &IdempotencyRow) -> QueryResult<bool> {
    // ON CONFLICT is not in diesel's multi-backend dialect; both backends have it.
    let insert = diesel::insert_into(t::table)
        .values(row)
        .on_conflict_do_nothing();
    let n = match conn {
        DbConnection::Postgresql(c) => insert.execute(c)?,
        DbConnection::Sqlite(c) => insert.execute(c)?,
    };
    Ok(n == 1)
}

/// Stores the answer of the request that claimed the key.
pub fn complete(
    conn: &mut DbConnection,
    user_id: &str,
    key: &str,
    status: i32,
    body: &str,
    location: Option<&str>,
) -> QueryResult<()> {
    diesel::update(t::table.find((user_id, key)))
        .set((
            t::response_status.eq(status),
            t::response_body.eq(body),
            t::response_location.eq(location),
        ))
        .execute(conn)
        .map(|_| ())
}
