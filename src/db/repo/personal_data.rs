//! Nominees' personal data: the nominations whose retention has run out, their
//! anonymisation (conditional on the version, so several instances may run it), and what
//! an export gathers about one person.

use crate::db::models::{AuditEventRow, DocumentRow, NominationRow};
use crate::db::schema::{
    audit_events as ae, award_rounds as r, idempotency_keys as ik, nomination_documents as d,
    nomination_outcomes as o, nominations as n, workflow_events as w,
};
use crate::db::DbConnection;
use crate::domain::nomination::State;
use chrono::NaiveDateTime;
use diesel::dsl::{exists, not};
use diesel::prelude::*;

diesel::table! {
    /// One row per anonymised nomination: when, on which ground, after which period.
    nomination_anonymisations (nomination_id) {
        nomination_id -> Text,
        anonymised_at -> Timestamp,
        ground -> Text,
        retention_days -> BigInt,
        files_erased -> BigInt,
    }
}

use crate::db::schema::nominations;
diesel::allow_tables_to_appear_in_same_query!(nomination_anonymisations, nominations);

use nomination_anonymisations as a;

#[derive(Debug, Clone, PartialEq, Queryable, Insertable)]
#[diesel(table_name = nomination_anonymisations)]
pub struct AnonymisationRow {
    pub nomination_id: String,
    pub anonymised_at: NaiveDateTime,
    pub ground: String,
    pub retention_days: i64,
    pub files_erased: i64,
}

/// Nominations in `states`, not yet anonymised, whose every step, edit and creation is
/// older than `cutoff`, in id order after `after_id`. A returned nomination counts only
/// once its round's nomination window closed before `cutoff`: until then the unit may
/// still correct and resubmit it, so it is not abandoned.
pub fn candidates(
    conn: &mut DbConnection,
    states: &[State],
    cutoff: NaiveDateTime,
    after_id: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<NominationRow>> {
    let mut q = n::table
        .filter(n::status.eq_any(states.to_vec()))
        .filter(n::created_at.lt(cutoff))
        .filter(n::updated_at.lt(cutoff))
        .filter(
            n::status.ne(State::Returned).or(exists(
                r::table
                    .filter(r::id.eq(n::round_id))
                    .filter(r::nomination_closes_on.lt(cutoff.date())),
            )),
        )
        .filter(not(exists(a::table.filter(a::nomination_id.eq(n::id)))))
        .filter(not(exists(
            w::table
                .filter(w::resource_type.eq("nomination"))
                .filter(w::resource_id.eq(n::id))
                .filter(w::occurred_at.ge(cutoff)),
        )))
        .into_boxed();
    if let Some(after) = after_id {
        q = q.filter(n::id.gt(after.to_string()));
    }
    q.order(n::id.asc()).limit(limit).load(conn)
}

/// Writes the anonymised nominee over the nomination if it is still at `expected`
/// version and state (another instance, or the unit resubmitting, wins otherwise).
pub fn overwrite_nominee(
    conn: &mut DbConnection,
    row: &NominationRow,
    expected_version: i32,
    expected_status: State,
) -> QueryResult<bool> {
    let count = diesel::update(
        n::table
            .filter(n::id.eq(&row.id))
            .filter(n::version.eq(expected_version))
            .filter(n::status.eq(expected_status)),
    )
    .set((
        n::nominee_name.eq(&row.nominee_name),
        n::nominee_search.eq(&row.nominee_search),
        n::nominee_key.eq(&row.nominee_key),
        n::birth_year.eq(row.birth_year),
        n::position.eq(&row.position),
        n::achievement_summary.eq(&row.achievement_summary),
        n::return_reason.eq(&row.return_reason),
        n::appraisal_opinion.eq(&row.appraisal_opinion),
        n::version.eq(expected_version + 1),
        n::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(count == 1)
}

pub fn insert_marker(conn: &mut DbConnection, row: &AnonymisationRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The anonymisation records of these nominations.
pub fn markers_of(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<AnonymisationRow>> {
    a::table
        .filter(a::nomination_id.eq_any(ids.to_vec()))
        .load(conn)
}

/// The dossier's files (their names), to erase.
pub fn file_names(
    conn: &mut DbConnection,
    nomination_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    d::table
        .filter(d::nomination_id.eq(nomination_id))
        .select((d::id, d::file_name))
        .order(d::id.asc())
        .load(conn)
}

/// Empties one file's content and renames it.
pub fn erase_file(conn: &mut DbConnection, id: &str, file_name: &str) -> QueryResult<()> {
    diesel::update(d::table.filter(d::id.eq(id)))
        .set((d::content.eq(Vec::<u8>::new()), d::file_name.eq(file_name)))
        .execute(conn)
        .map(|_| ())
}

/// The comments of the nomination's workflow steps, as (event id, comment).
pub fn step_comments(
    conn: &mut DbConnection,
    nomination_id: &str,
) -> QueryResult<Vec<(String, Option<String>)>> {
    w::table
        .filter(w::resource_type.eq("nomination"))
        .filter(w::resource_id.eq(nomination_id))
        .select((w::id, w::comment))
        .load(conn)
}

pub fn set_step_comment(conn: &mut DbConnection, id: &str, comment: &str) -> QueryResult<()> {
    diesel::update(w::table.filter(w::id.eq(id)))
        .set(w::comment.eq(comment))
        .execute(conn)
        .map(|_| ())
}

pub fn not_awarded_reason(
    conn: &mut DbConnection,
    nomination_id: &str,
) -> QueryResult<Option<Option<String>>> {
    o::table
        .find(nomination_id)
        .select(o::not_awarded_reason)
        .first(conn)
        .optional()
}

pub fn set_not_awarded_reason(
    conn: &mut DbConnection,
    nomination_id: &str,
    reason: &str,
) -> QueryResult<()> {
    diesel::update(o::table.find(nomination_id))
        .set(o::not_awarded_reason.eq(reason))
        .execute(conn)
        .map(|_| ())
}

/// The audit events recorded on the nomination, as (event id, changes).
pub fn audit_changes(
    conn: &mut DbConnection,
    nomination_id: &str,
) -> QueryResult<Vec<(String, String)>> {
    ae::table
        .filter(ae::resource_type.eq("nomination"))
        .filter(ae::resource_id.eq(nomination_id))
        .select((ae::id, ae::changes))
        .load(conn)
}

pub fn set_audit_changes(conn: &mut DbConnection, id: &str, changes: &str) -> QueryResult<()> {
    diesel::update(ae::table.filter(ae::id.eq(id)))
        .set(ae::changes.eq(changes))
        .execute(conn)
        .map(|_| ())
}

/// Forgets stored answers of retried requests older than `cutoff` (they may hold a
/// nominee as answered then; nobody retries a request that old).
pub fn forget_answers_before(conn: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(ik::table.filter(ik::created_at.lt(cutoff))).execute(conn)
}

/// Every nomination held under a nominee key, oldest first.
pub fn nominations_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Vec<NominationRow>> {
    n::table
        .filter(n::nominee_key.eq(key))
        .order(n::id.asc())
        .load(conn)
}

/// The audit events about these records (`resource_ids`, any type), and the list reads
/// that named one of `listed` nominations, oldest first.
pub fn audit_about(
    conn: &mut DbConnection,
    resource_ids: &[String],
    listed: &[String],
    list_action: &str,
) -> QueryResult<Vec<AuditEventRow>> {
    let mut rows: Vec<AuditEventRow> = ae::table
        .filter(ae::resource_id.eq_any(resource_ids.to_vec()))
        .load(conn)?;
    for id in listed {
        // Ids are UUIDs: a plain substring match on the event's JSON is exact.
        let pattern = format!("%\"{id}\"%");
        rows.extend(
            ae::table
                .filter(ae::action.eq(list_action))
                .filter(ae::changes.like(pattern))
                .load::<AuditEventRow>(conn)?,
        );
    }
    rows.sort_by(|x, y| x.id.cmp(&y.id));
    rows.dedup_by(|x, y| x.id == y.id);
    Ok(rows)
}

/// Any dossier file, by id (the admin's export).
pub fn document_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<DocumentRow>> {
    d::table.find(id).first(conn).optional()
}
