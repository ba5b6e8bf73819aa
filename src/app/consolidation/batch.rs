//! What a decision and a consolidation share: the batch of nominations they act on,
//! checked and loaded together (a fixed number of queries whatever its size).

use crate::app::Result;
use crate::auth::policy::{allows, MovementRoles, Permission};
use crate::auth::Actor;
use crate::db::models::NominationRow;
use crate::db::repo::{decisions, movements};
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use std::collections::HashMap;

/// The batch's ids, sorted: 1 to 500, no repeat (422 `validation_failed` otherwise,
/// reported with the request's other fields).
pub fn checked_ids(c: &mut Checks, given: &[String]) -> Vec<String> {
    let mut ids = given.to_vec();
    ids.sort();
    ids.dedup();
    if ids.is_empty() || ids.len() > 500 || ids.len() != given.len() {
        c.fail(
            "nomination_ids",
            "1 to 500 distinct nominations",
            "từ 1 đến 500 hồ sơ, không trùng",
        );
    }
    ids
}

/// The nominations of `ids` the caller may see, by id (two queries): one the caller may
/// not see is left out, as one that does not exist.
pub fn visible(
    conn: &mut DbConnection,
    actor: &Actor,
    ids: &[String],
) -> Result<HashMap<String, NominationRow>> {
    let rows = decisions::nominations_by_id(conn, ids)?;
    let movements: HashMap<String, _> = movements::all(conn)?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    Ok(rows
        .into_iter()
        .filter(|row| {
            movements.get(&row.movement_id).is_some_and(|m| {
                allows(
                    actor,
                    Permission::ReadUnitRecord {
                        unit_id: &row.unit_id,
                        draft: row.submitted_at.is_none(),
                        movement: MovementRoles::of(m),
                    },
                )
            })
        })
        .map(|row| (row.id.clone(), row))
        .collect())
}

/// A stored value of a vocabulary (an unknown one is an error, never a default).
pub fn stored<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(ApiError::internal)
}
