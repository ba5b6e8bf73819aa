//! Exemplary models (mô hình tiêu biểu, điển hình tiên tiến; issue 12 item 1): proposed
//! by a unit, submitted by its head, recognised by DIC of the movement's standing unit
//! with a decision of its own (or returned), later retired; evidence files as a
//! dossier's; replicated by other units, whose replication DIC may confirm; recognised
//! models and their confirmed replications are open data; nominations cite them.

mod citations;
mod documents;
mod model;
mod public;
mod read;
mod replications;
mod steps;
mod write;

pub use citations::{check_cited, cited_ids, recognitions_of_unit, stored_citations};
pub use documents::{add_document, changeable, download_document, list_documents, remove_document};
pub use model::*;
pub use public::{public_list, PublicModel, PublicModelPage, PublicModelQuery};
pub use read::{get, history, list};
pub use replications::{confirm_replication, list_replications, register_replication};
pub use steps::{recognize, retire, send_back, submit, ModelRecord, Models};
pub use write::{create, update};

use crate::app::{Context, Result};
use crate::auth::policy::exemplary_models::{may_read_model, ModelAt};
use crate::auth::policy::MovementRoles;
use crate::db::models::{ModelRow, MovementRow};
use crate::db::repo::{exemplary_models as repo, movements};
use crate::db::DbConnection;
use crate::error::ApiError;

/// The resource's name in the history and the audit trail.
pub const RESOURCE: &str = "exemplary_model";

/// The model, its unit's name and its movement, if the caller may see it (else 404).
pub(crate) fn visible(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
) -> Result<(ModelRow, String, MovementRow)> {
    let (row, unit_name) = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
    let at = ModelAt {
        status: row.status,
        unit_id: &row.unit_id,
        movement: MovementRoles::of(&movement),
        submitted_by: None,
    };
    if !may_read_model(&ctx.actor, at) {
        return Err(ApiError::not_found());
    }
    Ok((row, unit_name, movement))
}
