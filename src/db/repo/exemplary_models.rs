//! Exemplary models, their evidence files (bytes out of lists) and replications.

use crate::db::models::{ModelDocumentMeta, ModelDocumentRow, ModelRow, ReplicationRow};
use crate::db::schema::{
    exemplary_model_documents as d, exemplary_models as em, model_replications as r,
    movements as m, units as u,
};
use crate::db::DbConnection;
use crate::domain::exemplary_model::{ModelStatus, ReplicationStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// Which models a caller's lists hold (`policy::exemplary_models::model_scope`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelScope {
    All,
    /// The unit's own, the sent ones of the movements whose standing unit is
    /// `standing` (DIC), and the recognised (or retired) ones of everyone.
    Scoped {
        unit_id: String,
        standing: Option<String>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct ModelFilter {
    pub movement_id: Option<String>,
    pub field_code: Option<String>,
    pub unit_id: Option<String>,
    pub status: Option<ModelStatus>,
    pub started_year: Option<i32>,
    pub q_pattern: Option<String>,
    pub after_id: Option<String>,
    pub limit: i64,
}

const PUBLIC: [ModelStatus; 2] = [ModelStatus::Recognized, ModelStatus::Retired];

/// A page in id order (ids are time-ordered), with the proposing units' names.
pub fn list(
    conn: &mut DbConnection,
    f: &ModelFilter,
    scope: &ModelScope,
) -> QueryResult<Vec<(ModelRow, String)>> {
    let mut q = em::table
        .inner_join(u::table.on(u::id.eq(em::unit_id)))
        .select((em::all_columns, u::name))
        .into_boxed();
    if let ModelScope::Scoped { unit_id, standing } = scope {
        let own = em::unit_id.eq(unit_id.clone());
        let public = em::status.eq_any(PUBLIC);
        // A `None` standing unit matches no movement (`= NULL`).
        let reviewed = em::status.ne(ModelStatus::Draft).and(
            em::movement_id.eq_any(
                m::table
                    .select(m::id)
                    .filter(m::standing_unit_id.nullable().eq(standing.clone())),
            ),
        );
        q = q.filter(own.or(public).or(reviewed));
    }
    if let Some(v) = &f.movement_id {
        q = q.filter(em::movement_id.eq(v.clone()));
    }
    if let Some(v) = &f.field_code {
        q = q.filter(em::field_code.eq(v.clone()));
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(em::unit_id.eq(v.clone()));
    }
    if let Some(v) = f.status {
        q = q.filter(em::status.eq(v));
    }
    if let Some(v) = f.started_year {
        q = q.filter(em::started_year.eq(v));
    }
    if let Some(p) = &f.q_pattern {
        q = q.filter(em::search_text.like(p.clone()).escape('\\'));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(em::id.gt(v.clone()));
    }
    q.order(em::id.asc()).limit(f.limit).load(conn)
}

/// The model and its proposing unit's name.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(ModelRow, String)>> {
    em::table
        .inner_join(u::table.on(u::id.eq(em::unit_id)))
        .filter(em::id.eq(id))
        .select((em::all_columns, u::name))
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, row: &ModelRow) -> QueryResult<()> {
    diesel::insert_into(em::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Writes content and state when the stored version is still `expected`.
pub fn update(conn: &mut DbConnection, row: &ModelRow, expected: i32) -> QueryResult<bool> {
    let n = diesel::update(
        em::table
            .filter(em::id.eq(&row.id))
            .filter(em::version.eq(expected)),
    )
    .set((
        (
            em::title.eq(&row.title),
            em::search_text.eq(&row.search_text),
            em::field_code.eq(&row.field_code),
            em::content_item.eq(&row.content_item),
            em::description.eq(&row.description),
            em::results.eq(&row.results),
            em::figures.eq(&row.figures),
            em::responsible_unit.eq(&row.responsible_unit),
            em::started_year.eq(row.started_year),
            em::status.eq(row.status),
            em::submitted_at.eq(row.submitted_at),
            em::return_reason.eq(&row.return_reason),
        ),
        (
            em::decision_issuer_unit_id.eq(&row.decision_issuer_unit_id),
            em::decision_number.eq(&row.decision_number),
            em::decision_date.eq(row.decision_date),
            em::decision_year.eq(row.decision_year),
            em::recognized_at.eq(row.recognized_at),
            em::retired_at.eq(row.retired_at),
            em::retire_reason.eq(&row.retire_reason),
            em::version.eq(row.version),
            em::updated_at.eq(row.updated_at),
        ),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Raises the version (an evidence file came or went) if it is still `expected`.
pub fn touch(
    conn: &mut DbConnection,
    id: &str,
    expected: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        em::table
            .filter(em::id.eq(id))
            .filter(em::version.eq(expected)),
    )
    .set((em::version.eq(expected + 1), em::updated_at.eq(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// The model recognised under this number in the issuer's register that year.
pub fn find_by_decision(
    conn: &mut DbConnection,
    issuer_unit_id: &str,
    year: i32,
    number: &str,
) -> QueryResult<Option<String>> {
    em::table
        .filter(em::decision_issuer_unit_id.eq(issuer_unit_id))
        .filter(em::decision_year.eq(year))
        .filter(em::decision_number.eq(number))
        .select(em::id)
        .first(conn)
        .optional()
}

/// The statuses of these models (unknown ones are absent).
pub fn statuses(
    conn: &mut DbConnection,
    ids: &[String],
) -> QueryResult<HashMap<String, ModelStatus>> {
    Ok(em::table
        .filter(em::id.eq_any(ids.to_vec()))
        .select((em::id, em::status))
        .load::<(String, ModelStatus)>(conn)?
        .into_iter()
        .collect())
}

/// A unit's recognised (and later retired) models, oldest decision first.
pub fn recognized_of_unit(conn: &mut DbConnection, unit_id: &str) -> QueryResult<Vec<ModelRow>> {
    em::table
        .filter(em::unit_id.eq(unit_id))
        .filter(em::status.eq_any(PUBLIC))
        .order(em::id.asc())
        .load(conn)
}

// Evidence files.

type MetaColumns = (
    d::id,
    d::model_id,
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
    d::model_id,
    d::kind,
    d::file_name,
    d::media_type,
    d::size_bytes,
    d::sha256,
    d::uploaded_by,
    d::uploaded_at,
    d::removed_at,
);

pub fn documents(
    conn: &mut DbConnection,
    model_id: &str,
    include_removed: bool,
) -> QueryResult<Vec<ModelDocumentMeta>> {
    let mut q = d::table
        .filter(d::model_id.eq(model_id.to_string()))
        .into_boxed();
    if !include_removed {
        q = q.filter(d::removed_at.is_null());
    }
    q.select(META).order(d::id.asc()).load(conn)
}

pub fn document_meta(
    conn: &mut DbConnection,
    model_id: &str,
    id: &str,
) -> QueryResult<Option<ModelDocumentMeta>> {
    d::table
        .filter(d::id.eq(id))
        .filter(d::model_id.eq(model_id))
        .select(META)
        .first(conn)
        .optional()
}

pub fn document(
    conn: &mut DbConnection,
    model_id: &str,
    id: &str,
) -> QueryResult<Option<ModelDocumentRow>> {
    d::table
        .filter(d::id.eq(id))
        .filter(d::model_id.eq(model_id))
        .first(conn)
        .optional()
}

pub fn insert_document(conn: &mut DbConnection, row: &ModelDocumentRow) -> QueryResult<()> {
    diesel::insert_into(d::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn remove_document(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        d::table
            .filter(d::id.eq(id))
            .filter(d::removed_at.is_null()),
    )
    .set(d::removed_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

// Replications.

/// A model's replications in id order, with the replicating units' names.
pub fn replications(
    conn: &mut DbConnection,
    model_id: &str,
) -> QueryResult<Vec<(ReplicationRow, String)>> {
    r::table
        .inner_join(u::table.on(u::id.eq(r::unit_id)))
        .filter(r::model_id.eq(model_id))
        .select((r::all_columns, u::name))
        .order(r::id.asc())
        .load(conn)
}

pub fn replication(
    conn: &mut DbConnection,
    model_id: &str,
    id: &str,
) -> QueryResult<Option<(ReplicationRow, String)>> {
    r::table
        .inner_join(u::table.on(u::id.eq(r::unit_id)))
        .filter(r::model_id.eq(model_id))
        .filter(r::id.eq(id))
        .select((r::all_columns, u::name))
        .first(conn)
        .optional()
}

/// The unit's replication of the model, if it registered one.
pub fn replication_of_unit(
    conn: &mut DbConnection,
    model_id: &str,
    unit_id: &str,
) -> QueryResult<Option<String>> {
    r::table
        .filter(r::model_id.eq(model_id))
        .filter(r::unit_id.eq(unit_id))
        .select(r::id)
        .first(conn)
        .optional()
}

pub fn insert_replication(conn: &mut DbConnection, row: &ReplicationRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_replication(
    conn: &mut DbConnection,
    row: &ReplicationRow,
    expected: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        r::table
            .filter(r::id.eq(&row.id))
            .filter(r::version.eq(expected)),
    )
    .set((
        r::status.eq(row.status),
        r::confirmed_at.eq(row.confirmed_at),
        r::confirmed_by.eq(&row.confirmed_by),
        r::version.eq(row.version),
        r::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Confirmed replications per model, for these models (one query).
pub fn confirmed_counts(
    conn: &mut DbConnection,
    model_ids: &[String],
) -> QueryResult<HashMap<String, i64>> {
    Ok(r::table
        .filter(r::model_id.eq_any(model_ids.to_vec()))
        .filter(r::status.eq(ReplicationStatus::Confirmed))
        .group_by(r::model_id)
        .select((r::model_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}
