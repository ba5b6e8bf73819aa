//! A nomination's dossier files (their bytes stay out of lists).

use crate::db::models::{DocumentMeta, DocumentRow};
use crate::db::schema::nomination_documents as d;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

type MetaColumns = (
    d::id,
    d::nomination_id,
    d::kind,
    d::file_name,
    d::media_type,
    d::size_bytes,
    d::sha256,
    d::uploaded_by,
    d::uploaded_at,
    d::removed_at,
);
const META: MetaColumns = (
    d::id,
    d::nomination_id,
    d::kind,
    d::file_name,
    d::media_type,
    d::size_bytes,
    d::sha256,
    d::uploaded_by,
    d::uploaded_at,
    d::removed_at,
);

/// The dossier's files without their bytes; removed ones only when asked.
pub fn documents(
    conn: &mut DbConnection,
    nomination_id: &str,
    include_removed: bool,
) -> QueryResult<Vec<DocumentMeta>> {
    let mut q = d::table
        .filter(d::nomination_id.eq(nomination_id.to_string()))
        .into_boxed();
    if !include_removed {
        q = q.filter(d::removed_at.is_null());
    }
    q.select(META).order(d::id.asc()).load(conn)
}

pub fn document_meta(
    conn: &mut DbConnection,
    nomination_id: &str,
    id: &str,
) -> QueryResult<Option<DocumentMeta>> {
    d::table
        .filter(d::id.eq(id))
        .filter(d::nomination_id.eq(nomination_id))
        .select(META)
        .first(conn)
        .optional()
}

pub fn document(
    conn: &mut DbConnection,
    nomination_id: &str,
    id: &str,
) -> QueryResult<Option<DocumentRow>> {
    d::table
        .filter(d::id.eq(id))
        .filter(d::nomination_id.eq(nomination_id))
        .first(conn)
        .optional()
}

pub fn insert_document(conn: &mut DbConnection, row: &DocumentRow) -> QueryResult<()> {
    diesel::insert_into(d::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn remove_document(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let count = diesel::update(
        d::table
            .filter(d::id.eq(id))
            .filter(d::removed_at.is_null()),
    )
    .set(d::removed_at.eq(Some(at)))
    .execute(conn)?;
    Ok(count == 1)
}

/// The current dossier files of these nominations, without their bytes (one query).
pub fn documents_of(
    conn: &mut DbConnection,
    nomination_ids: &[String],
) -> QueryResult<Vec<DocumentMeta>> {
    d::table
        .filter(d::nomination_id.eq_any(nomination_ids.to_vec()))
        .filter(d::removed_at.is_null())
        .select(META)
        .order(d::id.asc())
        .load(conn)
}
