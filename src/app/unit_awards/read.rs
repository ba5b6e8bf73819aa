//! Reading Giấy khen: a page the caller may see, one award, and the caller's scope.

use super::{UnitAward, UnitAwardPage, UnitAwardQuery};
use crate::app::page::{decode_cursor, page_limit, paginate, text_filter, year_filter};
use crate::app::{Context, Result};
use crate::auth::policy::{allows, unit_award_scope, MovementRoles, Permission, Visibility};
use crate::auth::Actor;
use crate::db::repo::{movements, unit_awards as repo};
use crate::db::DbConnection;
use crate::domain::search;
use crate::error::ApiError;

/// The Giấy khen the caller may see, oldest first, filtered and a page at a time: every
/// unit's for admins, auditors and the Chair; for everyone else their own unit's, and
/// for DIC and Home Affairs officers also those of the movements they review.
pub fn list(conn: &mut DbConnection, ctx: &Context, q: UnitAwardQuery) -> Result<UnitAwardPage> {
    let limit = page_limit(q.limit)?;
    let filter = repo::UnitAwardFilter {
        unit_id: q.unit_id,
        movement_id: q.movement_id,
        year: year_filter(q.year)?,
        recipient_kind: q.recipient_kind,
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let scope = scope(&ctx.actor);
    let rows = repo::list(conn, &filter, &scope)?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |(r, _)| r.id.clone(),
        |(r, name)| UnitAward::from_row(r, name),
    );
    Ok(UnitAwardPage {
        items: items.into_iter().collect::<Result<_>>()?,
        next_cursor,
    })
}

/// Which Giấy khen the caller's lists hold (`policy::unit_award_scope`).
pub fn scope(actor: &Actor) -> Visibility {
    unit_award_scope(actor)
}

/// The award, if the caller may read it (`Permission::ReadUnitAward`), else 404.
pub fn get(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<UnitAward> {
    let (row, name) = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
    if !allows(
        &ctx.actor,
        Permission::ReadUnitAward {
            unit_id: &row.unit_id,
            movement: MovementRoles::of(&movement),
        },
    ) {
        return Err(ApiError::not_found());
    }
    UnitAward::from_row(row, name)
}
