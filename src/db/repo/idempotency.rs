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

pub fn insert(conn: &mut DbConnection, row: &IdempotencyRow) -> QueryResult<()> {
    diesel::insert_into(t::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}
