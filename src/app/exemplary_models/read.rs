//! Reading models: a page the caller may see, one model, its history.

use super::model::{ExemplaryModel, ExemplaryModelPage, ModelQuery};
use super::{visible, RESOURCE};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter, year_filter};
use crate::app::workflow::{self, History};
use crate::app::{Context, Result};
use crate::auth::policy::exemplary_models::model_scope;
use crate::db::repo::exemplary_models as repo;
use crate::db::DbConnection;
use crate::domain::search;

/// The models the caller may see (their unit's; the recognised ones; for DIC of a
/// movement's standing unit its sent ones; all for auditors), oldest first, filtered
/// and a page at a time.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: ModelQuery) -> Result<ExemplaryModelPage> {
    let limit = page_limit(q.limit)?;
    let filter = repo::ModelFilter {
        movement_id: text_filter("movement_id", q.movement_id, 36)?,
        field_code: text_filter("field", q.field, 40)?,
        unit_id: text_filter("unit_id", q.unit_id, 36)?,
        status: q.status,
        started_year: year_filter(q.year)?,
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = repo::list(conn, &filter, &model_scope(&ctx.actor))?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |(r, _)| r.id.clone(),
        |(r, name)| ExemplaryModel::from_row(r, name),
    );
    Ok(ExemplaryModelPage {
        items: items.into_iter().collect::<Result<_>>()?,
        next_cursor,
    })
}

/// The model, if the caller may see it (else 404).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<ExemplaryModel> {
    let (row, unit_name, _) = visible(conn, ctx, id)?;
    ExemplaryModel::from_row(row, unit_name)
}

/// Every step the model went through, oldest first (to those who may see it).
pub fn history(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<History> {
    visible(conn, ctx, id)?;
    workflow::history(conn, RESOURCE, id)
}
