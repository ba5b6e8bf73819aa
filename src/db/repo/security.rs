//! Refresh tokens, login throttling and the service's own secrets.

use crate::db::models::{LoginThrottleRow, RefreshTokenRow};
use crate::db::schema::{login_throttle as lt, refresh_tokens as rt, service_secrets as ss};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub fn insert_refresh_token(conn: &mut DbConnection, row: &RefreshTokenRow) -> QueryResult<()> {
    diesel::insert_into(rt::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find_refresh_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<RefreshTokenRow>> {
    rt::table
        .filter(rt::token_hash.eq(token_hash))
        .first(conn)
        .optional()
}

/// Marks a refresh token used, only if it is still unused and unrevoked. Exactly one of
/// two concurrent refreshes with the same token wins; the other sees `false`.
pub fn consume_refresh_token(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        rt::table
            .filter(rt::id.eq(id))
            .filter(rt::used_at.is_null())
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(
    conn: &mut DbConnection,
    family_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::family_id.eq(family_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(Some(now)))
    .execute(conn)
}

pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(Some(now)))
    .execute(conn)
}

pub fn find_throttle(conn: &mut DbConnection, key: &str) -> QueryResult<Option<LoginThrottleRow>> {
    lt::table.find(key).first(conn).optional()
}

/// Counts one failed login for `key` inside a window of `window_seconds`; locks the key
/// until `now + window` once `max_failures` is reached. Returns the new count.
/// Counters live in the database, so the limit holds across instances.
pub fn record_login_failure(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
    window_seconds: i64,
    max_failures: i32,
) -> QueryResult<i32> {
    let window_start = now - chrono::Duration::seconds(window_seconds);
    let lock_until = now + chrono::Duration::seconds(window_seconds);
    // An expired window starts again.
    diesel::update(
        lt::table
            .find(key)
            .filter(lt::window_started_at.lt(window_start)),
    )
    .set((
        lt::window_started_at.eq(now),
        lt::failures.eq(0),
        lt::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    let updated = diesel::update(lt::table.find(key))
        .set(lt::failures.eq(lt::failures + 1))
        .execute(conn)?;
    if updated == 0 {
        let row = LoginThrottleRow {
            throttle_key: key.to_string(),
            window_started_at: now,
            failures: 1,
            locked_until: None,
        };
        diesel::insert_into(lt::table).values(&row).execute(conn)?;
    }
    let failures: i32 = lt::table.find(key).select(lt::failures).first(conn)?;
    if failures >= max_failures {
        diesel::update(lt::table.find(key))
            .set(lt::locked_until.eq(Some(lock_until)))
            .execute(conn)?;
    }
    Ok(failures)
}

pub fn clear_throttle(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(lt::table.find(key))
        .execute(conn)
        .map(|_| ())
}

pub fn find_secret(conn: &mut DbConnection, name: &str) -> QueryResult<Option<String>> {
    ss::table
        .find(name)
        .select(ss::secret_value)
        .first(conn)
        .optional()
}

pub fn insert_secret(
    conn: &mut DbConnection,
    name: &str,
    value: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(ss::table)
        .values((
            ss::name.eq(name),
            ss::secret_value.eq(value),
            ss::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}
