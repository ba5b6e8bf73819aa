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

/// The counter `key` in a window of `window_seconds`, created at zero when missing and
/// started again when its window is over. Raw SQL for the insert: `ON CONFLICT DO
/// NOTHING` is accepted by both backends (diesel's `on_conflict` is not, through
/// `MultiConnection`), so two first failures racing never meet a unique violation.
pub fn throttle_counter(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
    window_seconds: i64,
) -> QueryResult<LoginThrottleRow> {
    ensure_throttle_row(conn, key, now)?;
    // Only one of racing restarts matches: the others see the new window's start.
    let window_start = now - chrono::Duration::seconds(window_seconds);
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
    lt::table.find(key).first(conn)
}

fn ensure_throttle_row(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<()> {
    use diesel::sql_types::{Text, Timestamp};
    diesel::sql_query(
        "INSERT INTO login_throttle (throttle_key, window_started_at, failures, locked_until) \
         VALUES ($1, $2, 0, NULL) ON CONFLICT (throttle_key) DO NOTHING",
    )
    .bind::<Text, _>(key)
    .bind::<Timestamp, _>(now)
    .execute(conn)
    .map(|_| ())
}

/// Counts one attempt against `key` only while it is below `limit`, in one statement
/// (no read between the check and the count, on any number of instances). The new
/// count, or None when the limit is reached.
pub fn claim_below(conn: &mut DbConnection, key: &str, limit: i32) -> QueryResult<Option<i32>> {
    diesel::update(lt::table.find(key).filter(lt::failures.lt(limit)))
        .set(lt::failures.eq(lt::failures + 1))
        .returning(lt::failures)
        .get_result(conn)
        .optional()
}

/// Counts one attempt against `key` whatever its count (an exempt attempt still counts).
pub fn claim_always(conn: &mut DbConnection, key: &str) -> QueryResult<Option<i32>> {
    diesel::update(lt::table.find(key))
        .set(lt::failures.eq(lt::failures + 1))
        .returning(lt::failures)
        .get_result(conn)
        .optional()
}

/// Counts one attempt against `seen` (compare and set): true only if nobody counted
/// since `seen` was read. Sets the key's next allowed time with it.
pub fn claim_after(
    conn: &mut DbConnection,
    seen: &LoginThrottleRow,
    locked_until: Option<NaiveDateTime>,
) -> QueryResult<bool> {
    let n = diesel::update(
        lt::table
            .find(&seen.throttle_key)
            .filter(lt::failures.eq(seen.failures))
            .filter(lt::window_started_at.eq(seen.window_started_at)),
    )
    .set((
        lt::failures.eq(seen.failures + 1),
        lt::locked_until.eq(locked_until),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Gives back an attempt counted against `key` (it succeeded, or was refused later).
pub fn release_claim(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::update(lt::table.find(key).filter(lt::failures.gt(0)))
        .set(lt::failures.eq(lt::failures - 1))
        .execute(conn)
        .map(|_| ())
}

/// When `key` (a marker, not a counter) was last set.
pub fn marker_set_at(conn: &mut DbConnection, key: &str) -> QueryResult<Option<NaiveDateTime>> {
    lt::table
        .find(key)
        .select(lt::window_started_at)
        .first(conn)
        .optional()
}

/// Sets the marker `key` to `now`.
pub fn set_marker(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<()> {
    ensure_throttle_row(conn, key, now)?;
    diesel::update(lt::table.find(key))
        .set(lt::window_started_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Whether the login (refresh-token family) `session` of `user_id` is still live: some
/// token of it not revoked. Logout, a password change, deactivation and refresh-token
/// reuse revoke every token of it.
pub fn session_live(conn: &mut DbConnection, session: &str, user_id: &str) -> QueryResult<bool> {
    use diesel::dsl::{exists, select};
    select(exists(
        rt::table
            .filter(rt::family_id.eq(session))
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    ))
    .get_result(conn)
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
