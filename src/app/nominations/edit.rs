//! Drafting a nomination and changing it while it is a draft or returned.

use super::case::{dossier_status, load_visible, view, with_award_history, Nominations};
use super::model::{NewNomination, Nomination, NominationChanges};
use super::rules::{
    require_editable, require_fitting_achievement, require_not_duplicate, require_open,
    set_nominee, NomineeInput,
};
use crate::app::audit::{audit_changed, audit_created};
use crate::app::exemplary_models;
use crate::app::version::IfMatch;
use crate::app::workflow::{self, Move, Workflow};
use crate::app::{Context, Result};
use crate::auth::policy::{require, MovementRoles, Permission};
use crate::auth::Role;
use crate::db::models::{new_id, NominationRow};
use crate::db::repo::{movements, nominations as repo};
use crate::db::DbConnection;
use crate::domain::achievement::{default_for, dic_may_propose};
use crate::domain::nomination::State;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// Two writes of the same nominee at the same moment: the unique index decides.
fn duplicate_on_conflict(e: diesel::result::Error) -> ApiError {
    match ApiError::from(e) {
        e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::DuplicateNomination),
        e => e,
    }
}

/// The role a person drafts in (an officer or the head).
fn drafting_role(ctx: &Context) -> &'static str {
    [Role::UnitOfficer, Role::UnitHead]
        .iter()
        .find(|r| ctx.actor.has(**r))
        .or(ctx.actor.roles.first())
        .map_or("", |r| r.as_str())
}

/// Drafts a nomination for the caller's unit (or `unit_id`), inside the round's
/// nomination window (unit officer or head; in an ad hoc round also a DIC officer of
/// the movement's standing unit, for DIC); the same nominee twice in one round is
/// refused (409 `duplicate_nomination`), an achievement type the round's kind does not
/// take is 422.
pub fn create(conn: &mut DbConnection, ctx: &Context, input: NewNomination) -> Result<Nomination> {
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    // Rounds are readable by every user: a missing one is 404 before the permission.
    let round =
        movements::find_round_by_id(conn, &input.round_id)?.ok_or_else(ApiError::not_found)?;
    let dic_proposes = dic_may_propose(round.kind);
    // The movement's acting units matter only where DIC may propose (one read saved on
    // every other draft).
    let movement = if dic_proposes {
        Some(movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?)
    } else {
        None
    };
    require(
        &ctx.actor,
        Permission::DraftNomination {
            unit_id: &unit_id,
            dic_proposes,
            movement: movement.as_ref().map_or(
                MovementRoles {
                    standing_unit_id: "",
                    appraising_unit_id: "",
                },
                MovementRoles::of,
            ),
        },
    )?;
    let mut c = Checks::new();
    let summary = c.text("achievement_summary", &input.achievement_summary, 10_000);
    c.finish()?;
    let cited = exemplary_models::check_cited(conn, &input.model_ids)?;
    let t = ctx.now_utc();
    let mut row = NominationRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: round.movement_id.clone(),
        unit_id,
        award_form: input.award_form,
        nominee_kind: input.nominee_kind,
        nominee_unit_id: None,
        nominee_name: String::new(),
        nominee_search: String::new(),
        nominee_key: String::new(),
        women_share_percent: None,
        gender: None,
        birth_year: None,
        position: String::new(),
        workplace: String::new(),
        achievement_summary: summary,
        clean_record: input.clean_record,
        status: State::Draft,
        submitted_at: None,
        return_reason: None,
        submission_id: None,
        consolidated_at: None,
        appraisal_verdict: None,
        appraisal_opinion: None,
        appraised_at: None,
        version: 1,
        created_at: t,
        updated_at: t,
        achievement_type: input
            .achievement_type
            .unwrap_or_else(|| default_for(round.kind)),
        household_members: None,
        cited_model_ids: exemplary_models::stored_citations(&cited),
    };
    set_nominee(
        conn,
        &mut row,
        input.nominee_kind,
        NomineeInput {
            collective: input.collective.as_ref(),
            individual: input.individual.as_ref(),
            household: input.household.as_ref(),
        },
    )?;
    require_fitting_achievement(&round, row.achievement_type)?;
    require_open(&round, ctx.today)?;
    require_not_duplicate(conn, &ctx.actor, &row)?;
    repo::insert(conn, &row).map_err(duplicate_on_conflict)?;
    workflow::record(
        conn,
        ctx,
        Nominations::RESOURCE,
        &row.id,
        &Move {
            action: "create",
            from: "",
            to: State::Draft.as_str(),
            acted_as: drafting_role(ctx),
            comment: None,
        },
    )?;
    // As a read would show it: a new draft has no file and no outcome.
    let key = row.nominee_key.clone();
    let mut out = Nomination::from_row(row, Some(dossier_status(&round, &[])?))?;
    with_award_history(conn, ctx, &mut out, &key)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "nomination.create",
        Nominations::RESOURCE,
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// Changes a draft or returned nomination (unit officer or head).
pub fn update(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    ch: NominationChanges,
    expected: IfMatch,
) -> Result<Nomination> {
    let before = load_visible(conn, ctx, id)?;
    require(
        &ctx.actor,
        Permission::DraftNomination {
            unit_id: &before.row.unit_id,
            dic_proposes: dic_may_propose(before.round.kind),
            movement: before.movement_roles(),
        },
    )?;
    require_editable(&before.row)?;
    let old = view(conn, ctx, &before)?;
    let mut after = before.clone();
    let row = &mut after.row;
    let nominee = NomineeInput {
        collective: ch.collective.as_ref(),
        individual: ch.individual.as_ref(),
        household: ch.household.as_ref(),
    };
    if nominee.given() {
        let kind = row.nominee_kind;
        set_nominee(conn, row, kind, nominee)?;
    }
    if let Some(a) = ch.achievement_type {
        require_fitting_achievement(&before.round, a)?;
        row.achievement_type = a;
    }
    if let Some(s) = &ch.achievement_summary {
        let mut c = Checks::new();
        row.achievement_summary = c.text("achievement_summary", s, 10_000);
        c.finish()?;
    }
    if let Some(v) = ch.clean_record {
        row.clean_record = v;
    }
    if let Some(ids) = &ch.model_ids {
        row.cited_model_ids =
            exemplary_models::stored_citations(&exemplary_models::check_cited(conn, ids)?);
    }
    require_not_duplicate(conn, &ctx.actor, row)?;
    let version = expected.check(before.row.version)?;
    row.version += 1;
    row.updated_at = ctx.now_utc();
    if !repo::update(conn, row, version).map_err(duplicate_on_conflict)? {
        return Err(crate::app::version::lost(
            crate::db::repo::nominations::find(conn, &row.id)?.map(|r| r.version),
        ));
    }
    let new = view(conn, ctx, &after)?;
    audit_changed(
        conn,
        &ctx.audit_actor(),
        "nomination.update",
        Nominations::RESOURCE,
        &new.id,
        &old,
        &new,
    )?;
    Ok(new)
}
