//! Reading nominations: one, a page of those the caller may see, and the history.

use super::case::{load_visible, view, visible_row, Nominations};
use super::model::{Nomination, NominationPage, NominationQuery, NominationSummary};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter};
use crate::app::workflow::{self, History, Workflow};
use crate::app::{Context, Result};
use crate::auth::policy::list_scope;
use crate::db::repo::nominations as repo;
use crate::db::DbConnection;
use crate::domain::search;

/// A nomination, with what its dossier still lacks, its outcome and the nominee's award
/// history (404 if the caller may not see it).
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Nomination> {
    let case = load_visible(conn, ctx, id)?;
    let out = view(conn, ctx, &case)?;
    crate::app::personal_data::audit_read(conn, ctx, &out)?;
    Ok(out)
}

/// The nominations the caller may see (their unit's, and the submitted ones of the
/// movements they review), oldest first.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: NominationQuery) -> Result<NominationPage> {
    let limit = page_limit(q.limit)?;
    let filter = repo::NominationFilter {
        round_id: q.round_id,
        unit_id: q.unit_id,
        status: q.status,
        award_form: q.award_form,
        nominee_kind: q.nominee_kind,
        achievement_type: q.achievement_type,
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let vis = list_scope(&ctx.actor);
    let rows = repo::list(conn, &filter, &vis)?;
    let (items, next_cursor) = paginate(rows, limit, |r| r.id.clone(), NominationSummary::from);
    crate::app::personal_data::audit_page_read(conn, ctx, &items)?;
    Ok(NominationPage { items, next_cursor })
}

/// Every step the nomination went through, oldest first.
pub fn history(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<History> {
    visible_row(conn, &ctx.actor, id)?;
    workflow::history(conn, Nominations::RESOURCE, id)
}
