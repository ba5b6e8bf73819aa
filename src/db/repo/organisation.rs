//! Emulation groups (blocs, clusters) and units.

use crate::db::models::{GroupRow, UnitRow};
use crate::db::schema::{emulation_groups as g, units as u};
use crate::db::DbConnection;
use crate::domain::organisation::{GroupKind, UnitKind};
use crate::domain::search;
use diesel::prelude::*;

pub struct GroupFilter {
    pub kind: Option<GroupKind>,
    pub q: Option<String>,
    pub after_code: Option<String>,
    pub limit: i64,
}

pub fn list_groups(conn: &mut DbConnection, f: &GroupFilter) -> QueryResult<Vec<GroupRow>> {
    let mut query = g::table.into_boxed();
    if let Some(kind) = f.kind {
        query = query.filter(g::kind.eq(kind));
    }
    if let Some(q) = &f.q {
        query = query.filter(
            g::name_search
                .like(search::contains_pattern(q))
                .escape('\\'),
        );
    }
    if let Some(after) = &f.after_code {
        query = query.filter(g::code.gt(after.clone()));
    }
    query.order(g::code.asc()).limit(f.limit).load(conn)
}

pub fn find_group(conn: &mut DbConnection, id: &str) -> QueryResult<Option<GroupRow>> {
    g::table.find(id).first(conn).optional()
}

pub fn insert_group(conn: &mut DbConnection, row: &GroupRow) -> QueryResult<()> {
    diesel::insert_into(g::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Writes the editable fields when the stored version is `expected_version`; false when
/// someone else changed it first.
pub fn update_group(
    conn: &mut DbConnection,
    row: &GroupRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        g::table
            .filter(g::id.eq(&row.id))
            .filter(g::version.eq(expected_version)),
    )
    .set((
        g::code.eq(&row.code),
        g::name.eq(&row.name),
        g::name_search.eq(&row.name_search),
        g::kind.eq(row.kind),
        g::description.eq(&row.description),
        g::version.eq(row.version),
        g::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub struct UnitFilter {
    pub group_id: Option<String>,
    pub kind: Option<UnitKind>,
    pub q: Option<String>,
    /// Only units valid on this date.
    pub active_on: Option<chrono::NaiveDate>,
    /// Only the sub-units of this unit (issue 12 item 6).
    pub parent_id: Option<String>,
    /// `Some(true)`: only units with no parent; `Some(false)`: only sub-units.
    pub root: Option<bool>,
    pub after_code: Option<String>,
    pub limit: i64,
}

pub fn list_units(conn: &mut DbConnection, f: &UnitFilter) -> QueryResult<Vec<UnitRow>> {
    let mut query = u::table.into_boxed();
    if let Some(group) = &f.group_id {
        query = query.filter(u::group_id.eq(group.clone()));
    }
    if let Some(kind) = f.kind {
        query = query.filter(u::kind.eq(kind));
    }
    if let Some(q) = &f.q {
        // The search key holds the name and the code (see `search::key`).
        query = query.filter(
            u::name_search
                .like(search::contains_pattern(q))
                .escape('\\'),
        );
    }
    if let Some(day) = f.active_on {
        query = query
            .filter(u::valid_from.le(day))
            .filter(u::valid_to.is_null().or(u::valid_to.ge(day)));
    }
    if let Some(parent) = &f.parent_id {
        query = query.filter(u::parent_id.eq(parent.clone()));
    }
    match f.root {
        Some(true) => query = query.filter(u::parent_id.is_null()),
        Some(false) => query = query.filter(u::parent_id.is_not_null()),
        None => {}
    }
    if let Some(after) = &f.after_code {
        query = query.filter(u::code.gt(after.clone()));
    }
    query.order(u::code.asc()).limit(f.limit).load(conn)
}

pub fn find_unit(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UnitRow>> {
    u::table.find(id).first(conn).optional()
}

pub fn find_unit_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<UnitRow>> {
    u::table.filter(u::code.eq(code)).first(conn).optional()
}

pub fn insert_unit(conn: &mut DbConnection, row: &UnitRow) -> QueryResult<()> {
    diesel::insert_into(u::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_unit(
    conn: &mut DbConnection,
    row: &UnitRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        u::table
            .filter(u::id.eq(&row.id))
            .filter(u::version.eq(expected_version)),
    )
    .set((
        u::code.eq(&row.code),
        u::name.eq(&row.name),
        u::name_search.eq(&row.name_search),
        u::kind.eq(row.kind),
        u::group_id.eq(&row.group_id),
        u::valid_from.eq(row.valid_from),
        u::valid_to.eq(row.valid_to),
        u::successor_id.eq(&row.successor_id),
        u::women_share_percent.eq(row.women_share_percent),
        u::parent_id.eq(&row.parent_id),
        u::version.eq(row.version),
        u::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A unit and its chain of ancestors: the unit first, then its parent, the parent's
/// parent, …; at most `MAX_UNIT_DEPTH + 1` units and never one twice, so a corrupt
/// chain ends. One lookup per level: chains are two or three levels deep.
pub fn ancestors_of(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<UnitRow>> {
    let mut chain: Vec<UnitRow> = Vec::new();
    let mut next = Some(unit_id.to_string());
    while let Some(id) = next.take() {
        if chain.len() > crate::domain::organisation::MAX_UNIT_DEPTH
            || chain.iter().any(|r| r.id == id)
        {
            break;
        }
        let Some(row) = find_unit(conn, &id)? else {
            break;
        };
        next = row.parent_id.clone();
        chain.push(row);
    }
    Ok(chain)
}

/// The direct sub-units of a unit, by code.
pub fn children_of(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<UnitRow>> {
    u::table
        .filter(u::parent_id.eq(unit_id))
        .order(u::code.asc())
        .load(conn)
}

pub fn count_units(conn: &mut DbConnection) -> QueryResult<i64> {
    u::table.count().get_result(conn)
}

/// Member units (in a bloc or cluster) that exist on `day`, with their group, by group
/// and code.
pub fn members_on(
    conn: &mut DbConnection,
    day: chrono::NaiveDate,
) -> QueryResult<Vec<(UnitRow, GroupRow)>> {
    u::table
        .inner_join(g::table)
        .filter(u::valid_from.le(day))
        .filter(u::valid_to.is_null().or(u::valid_to.ge(day)))
        .order((g::code.asc(), u::code.asc()))
        .load(conn)
}
