//! A nomination as its rules see it: the row with its movement, round, dossier status
//! and outcome, loaded as the caller may see it; and the nominations' [`Workflow`].

use super::model::{DossierStatus, Nomination, NominationOutcome};
use crate::app::workflow::{Versioned, Workflow};
use crate::app::{Context, Result};
use crate::auth::policy::{allows, MovementRoles, Permission};
use crate::auth::Actor;
use crate::db::models::{MovementRow, NominationRow, OutcomeRow, RoundRow};
use crate::db::repo::nominations as repo;
use crate::db::DbConnection;
use crate::domain::award::DocumentKind;
use crate::error::ApiError;
use std::collections::HashMap;

/// The nominations' workflow: `app::workflow::take::<Nominations, NominationStep>`.
pub struct Nominations;

/// A nomination loaded as the caller may see it, with what its steps' rules need.
#[derive(Debug, Clone)]
pub struct NominationCase {
    pub row: NominationRow,
    pub movement: MovementRow,
    pub round: RoundRow,
    /// What the dossier still lacks, and its number of files.
    pub dossier: DossierStatus,
    pub outcome: Option<OutcomeRow>,
    /// Who last submitted it, when known (a batch loads it; a single step asks only
    /// when its permission needs it).
    pub submitted_by: Option<Option<String>>,
    /// The read shows the nominee's award history (single reads; not in batches).
    pub with_history: bool,
    /// The step changed the outcome: it is saved with the nomination.
    pub(super) outcome_changed: bool,
}

impl NominationCase {
    /// The units that act for its movement.
    pub fn movement_roles(&self) -> MovementRoles<'_> {
        MovementRoles::of(&self.movement)
    }
}

/// May `actor` see this nomination: the proposing unit always, the movement's reviewers
/// once it has been submitted (a draft withdrawn before that was never sent), auditors
/// always.
pub fn visible(actor: &Actor, row: &NominationRow, movement: &MovementRow) -> bool {
    allows(
        actor,
        Permission::ReadUnitRecord {
            unit_id: &row.unit_id,
            draft: row.submitted_at.is_none(),
            movement: MovementRoles::of(movement),
        },
    )
}

/// The dossier's status: the required kinds without a file, and the number of files
/// (`present`: the kind of each current file).
pub fn dossier_status(round: &RoundRow, present: &[DocumentKind]) -> Result<DossierStatus> {
    let missing = crate::domain::dossier::missing_kinds(&round.required_documents, present)
        .map_err(ApiError::internal)?;
    Ok(DossierStatus {
        missing,
        documents: present.len(),
    })
}

/// The nomination's row and movement, if the caller may see it (else 404): for reads
/// of its history and dossier, which need neither its round nor its outcome.
pub fn visible_row(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(NominationRow, MovementRow)> {
    let (row, movement, _, _, _) = repo::find_loaded(conn, &[id.to_string()])?
        .pop()
        .ok_or_else(ApiError::not_found)?;
    if !visible(actor, &row, &movement) {
        return Err(ApiError::not_found());
    }
    Ok((row, movement))
}

/// The nomination, if the caller may see it (else 404), with its award history on read.
pub fn load_visible(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<NominationCase> {
    let (row, movement, round, outcome, kinds) = repo::find_loaded(conn, &[id.to_string()])?
        .pop()
        .ok_or_else(ApiError::not_found)?;
    if !visible(&ctx.actor, &row, &movement) {
        return Err(ApiError::not_found());
    }
    let dossier = dossier_status(&round, &kinds)?;
    Ok(NominationCase {
        row,
        movement,
        round,
        dossier,
        outcome,
        submitted_by: None,
        with_history: true,
        outcome_changed: false,
    })
}

/// These nominations as the caller may see them, in the order of `ids`, in a fixed
/// number of queries (the rows with movement, round and outcome; the dossiers; the
/// submitters). Those the caller may not see, or that do not exist, are left out: the
/// caller compares the ids. Read without award history.
pub fn load_visible_many(
    conn: &mut DbConnection,
    ctx: &Context,
    ids: &[String],
) -> Result<Vec<NominationCase>> {
    let loaded = repo::find_loaded(conn, ids)?;
    let loaded: Vec<_> = loaded
        .into_iter()
        .filter(|(row, movement, _, _, _)| visible(&ctx.actor, row, movement))
        .collect();
    let found: Vec<String> = loaded.iter().map(|(r, _, _, _, _)| r.id.clone()).collect();
    // The latest submit of each comes last.
    let submitters: HashMap<String, String> =
        repo::submitters_of(conn, &found)?.into_iter().collect();
    let mut by_id = HashMap::new();
    for (row, movement, round, outcome, kinds) in loaded {
        let dossier = dossier_status(&round, &kinds)?;
        let submitted_by = Some(submitters.get(&row.id).cloned());
        by_id.insert(
            row.id.clone(),
            NominationCase {
                row,
                movement,
                round,
                dossier,
                outcome,
                submitted_by,
                with_history: false,
                outcome_changed: false,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The nomination as the caller reads it.
pub fn view(conn: &mut DbConnection, ctx: &Context, case: &NominationCase) -> Result<Nomination> {
    let mut out = Nomination::from_row(case.row.clone(), Some(case.dossier.clone()))?;
    out.outcome = case.outcome.clone().map(NominationOutcome::from);
    if case.with_history {
        with_award_history(conn, ctx, &mut out, &case.row.nominee_key)?;
    }
    Ok(out)
}

/// Adds the nominee's award history as `ctx`'s caller may read it.
pub fn with_award_history(
    conn: &mut DbConnection,
    ctx: &Context,
    out: &mut Nomination,
    nominee_key: &str,
) -> Result<()> {
    out.award_history = Some(crate::app::award_history::for_key(
        conn,
        &ctx.actor,
        nominee_key,
    )?);
    Ok(())
}

impl Versioned for NominationCase {
    fn bump(&mut self, at: chrono::NaiveDateTime) {
        self.row.version += 1;
        self.row.updated_at = at;
    }
}

impl Workflow for Nominations {
    const RESOURCE: &'static str = "nomination";
    type Record = NominationCase;
    type View = Nomination;

    fn load(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<NominationCase> {
        load_visible(conn, ctx, id)
    }

    fn id(case: &NominationCase) -> &str {
        &case.row.id
    }

    fn version(case: &NominationCase) -> i32 {
        case.row.version
    }

    fn view(conn: &mut DbConnection, ctx: &Context, case: &NominationCase) -> Result<Nomination> {
        view(conn, ctx, case)
    }

    /// Without the award history: no step of this nomination changes it (its own award
    /// is in its status and outcome), and it would cost a read before and after.
    fn audited(
        conn: &mut DbConnection,
        ctx: &Context,
        case: &NominationCase,
    ) -> Result<Option<Nomination>> {
        let case = NominationCase {
            with_history: false,
            ..case.clone()
        };
        view(conn, ctx, &case).map(Some)
    }

    fn save(conn: &mut DbConnection, case: &NominationCase, expected: i32) -> Result<bool> {
        if !repo::update(conn, &case.row, expected)? {
            return Ok(false);
        }
        if case.outcome_changed {
            if let Some(outcome) = &case.outcome {
                repo::save_outcome(conn, outcome)?;
            }
        }
        Ok(true)
    }
}
