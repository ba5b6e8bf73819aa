//! User accounts.

use crate::auth::tokens::Subject;
use crate::db::models::UserRow;
use crate::db::schema::users as t;
use crate::db::DbConnection;
use crate::domain::role::Role;
use diesel::prelude::*;

pub fn find_for_subject(
    conn: &mut DbConnection,
    subject: &Subject,
) -> QueryResult<Option<UserRow>> {
    match subject {
        Subject::UserId(id) => find(conn, id),
        Subject::Username(name) => find_by_username(conn, name),
    }
}

/// The user a token names and whether its session (refresh family) is live, in one
/// statement: every authenticated request asks this.
pub fn find_with_session(
    conn: &mut DbConnection,
    subject: &Subject,
    session: Option<&str>,
) -> QueryResult<Option<(UserRow, bool)>> {
    use crate::db::schema::refresh_tokens as rt;
    use diesel::dsl::exists;
    match (subject, session) {
        (Subject::UserId(id), Some(session)) => t::table
            .find(id)
            .select((
                t::all_columns,
                exists(
                    rt::table
                        .filter(rt::family_id.eq(session))
                        .filter(rt::user_id.eq(id))
                        .filter(rt::revoked_at.is_null()),
                ),
            ))
            .first(conn)
            .optional(),
        (_, None) => Ok(find_for_subject(conn, subject)?.map(|u| (u, true))),
        (Subject::Username(_), Some(session)) => {
            let Some(user) = find_for_subject(conn, subject)? else {
                return Ok(None);
            };
            let live = crate::db::repo::security::session_live(conn, session, &user.id)?;
            Ok(Some((user, live)))
        }
    }
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    t::table.find(id).first(conn).optional()
}

pub fn find_by_username(conn: &mut DbConnection, username: &str) -> QueryResult<Option<UserRow>> {
    t::table
        .filter(t::username.eq(username))
        .first(conn)
        .optional()
}

pub struct UserFilter {
    pub unit_id: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub after_username: Option<String>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, f: &UserFilter) -> QueryResult<Vec<UserRow>> {
    let mut query = t::table.into_boxed();
    if let Some(unit) = &f.unit_id {
        query = query.filter(t::unit_id.eq(unit.clone()));
    }
    if let Some(role) = f.role {
        // Safe as a substring match: no role name contains another (tested in auth).
        query = query.filter(t::roles.like(format!("%{role}%")));
    }
    if let Some(active) = f.active {
        query = query.filter(t::active.eq(active));
    }
    if let Some(after) = &f.after_username {
        query = query.filter(t::username.gt(after.clone()));
    }
    query.order(t::username.asc()).limit(f.limit).load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(t::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(conn: &mut DbConnection, row: &UserRow, expected_version: i32) -> QueryResult<bool> {
    let n = diesel::update(
        t::table
            .filter(t::id.eq(&row.id))
            .filter(t::version.eq(expected_version)),
    )
    .set((
        t::full_name.eq(&row.full_name),
        t::unit_id.eq(&row.unit_id),
        t::roles.eq(&row.roles),
        t::password_hash.eq(&row.password_hash),
        t::active.eq(row.active),
        t::version.eq(row.version),
        t::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    t::table.count().get_result(conn)
}
