//! Replications (nhân rộng): another unit registers that it replicates a recognised
//! model (its start and results, with evidence); DIC of the movement's standing unit
//! may confirm it. Confirmed replications are counted in the open data.

use super::model::{NewReplication, Replication, ReplicationList};
use super::visible;
use crate::app::version::IfMatch;
use crate::app::workflow::{self, Move};
use crate::app::{audit, Context, Result};
use crate::auth::policy::exemplary_models::{confirm_replication as may_confirm, replicate_model};
use crate::auth::policy::{require, MovementRoles};
use crate::auth::Role;
use crate::db::models::{new_id, ReplicationRow};
use crate::db::repo::{exemplary_models as repo, organisation};
use crate::db::DbConnection;
use crate::domain::exemplary_model::ReplicationStatus;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};

/// The history's name for a replication.
pub const REPLICATION: &str = "model_replication";

/// 409 `already_exists`: the unit registered its replication of the model already.
fn duplicate() -> ApiError {
    ApiError::new(ErrorCode::AlreadyExists).detail(
        "The unit already registered its replication of this model",
        "Đơn vị đã đăng ký nhân rộng mô hình này",
    )
}

/// Registers a replication of a recognised model by the caller's unit (or `unit_id`):
/// its officers and head (403); never the model's own unit, started not after today
/// (422); the model recognised (409 `invalid_state`); once per unit (409
/// `already_exists`). Audited as `exemplary_model.replication.create`.
pub fn register_replication(
    conn: &mut DbConnection,
    ctx: &Context,
    model_id: &str,
    input: NewReplication,
) -> Result<Replication> {
    let (model, _, _) = visible(conn, ctx, model_id)?;
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    require(&ctx.actor, replicate_model(&unit_id))?;
    if !model.status.replicable() {
        return Err(ApiError::new(ErrorCode::InvalidState)
            .detail(
                format!(
                    "Only a recognized model is replicated; this one is {}",
                    model.status
                ),
                "Chỉ mô hình đã được công nhận mới được đăng ký nhân rộng",
            )
            .with("current_state", model.status.as_str()));
    }
    let unit = organisation::find_unit(conn, &unit_id)?.ok_or_else(ApiError::not_found)?;
    let mut c = Checks::new();
    if unit.id == model.unit_id {
        c.fail(
            "unit_id",
            "the model's own unit does not replicate it",
            "đơn vị có mô hình không tự đăng ký nhân rộng mô hình của mình",
        );
    }
    if input.started_on > ctx.today {
        c.fail(
            "started_on",
            format!("must not be after today ({})", ctx.today),
            format!(
                "không được sau ngày hôm nay ({})",
                ctx.today.format("%d/%m/%Y")
            ),
        );
    }
    let results = c.text("results", &input.results, 10_000);
    let evidence = c.optional_text("evidence", &input.evidence, 2000);
    c.finish()?;
    if repo::replication_of_unit(conn, &model.id, &unit.id)?.is_some() {
        return Err(duplicate());
    }
    let t = ctx.now_utc();
    let row = ReplicationRow {
        id: new_id(),
        model_id: model.id.clone(),
        unit_id: unit.id.clone(),
        started_on: input.started_on,
        results,
        evidence,
        status: ReplicationStatus::Registered,
        confirmed_at: None,
        confirmed_by: None,
        version: 1,
        created_by: ctx.actor.user_id.clone(),
        created_at: t,
        updated_at: t,
    };
    repo::insert_replication(conn, &row).map_err(|e| match ApiError::from(e) {
        // The same unit registering twice at once: the unique index decides.
        e if e.code == ErrorCode::AlreadyExists => duplicate(),
        e => e,
    })?;
    let acted_as = [Role::UnitOfficer, Role::UnitHead]
        .into_iter()
        .find(|r| ctx.actor.has(*r))
        .map_or("", Role::as_str);
    workflow::record(
        conn,
        ctx,
        REPLICATION,
        &row.id,
        &Move {
            action: "create",
            from: "",
            to: ReplicationStatus::Registered.as_str(),
            acted_as,
            comment: None,
        },
    )?;
    let out = Replication::from_row(row, unit.name);
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.replication.create",
        super::RESOURCE,
        &model.id,
        &out,
    )?;
    Ok(out)
}

/// The model's replications, oldest first, to those who may see the model.
pub fn list_replications(
    conn: &mut DbConnection,
    ctx: &Context,
    model_id: &str,
) -> Result<ReplicationList> {
    visible(conn, ctx, model_id)?;
    Ok(ReplicationList {
        items: repo::replications(conn, model_id)?
            .into_iter()
            .map(|(r, name)| Replication::from_row(r, name))
            .collect(),
    })
}

/// Confirms a registered replication: DIC of the model's movement's standing unit
/// (403), at the replication's version (412), once (409 `invalid_state`). Recorded in
/// the replication's history; audited as `exemplary_model.replication.confirm`.
pub fn confirm_replication(
    conn: &mut DbConnection,
    ctx: &Context,
    model_id: &str,
    replication_id: &str,
    comment: Option<String>,
    expected: IfMatch,
) -> Result<Replication> {
    let (_, _, movement) = visible(conn, ctx, model_id)?;
    let (before, unit_name) =
        repo::replication(conn, model_id, replication_id)?.ok_or_else(ApiError::not_found)?;
    require(&ctx.actor, may_confirm(MovementRoles::of(&movement)))?;
    if before.status != ReplicationStatus::Registered {
        return Err(ApiError::new(ErrorCode::InvalidState)
            .detail(
                "The replication is confirmed already",
                "Việc nhân rộng này đã được xác nhận",
            )
            .with("current_state", before.status.as_str()));
    }
    let comment = workflow::checked_text(comment.as_deref(), false, "comment")?;
    let version = expected.check(before.version)?;
    let now = ctx.now_utc();
    let mut row = before.clone();
    row.status = ReplicationStatus::Confirmed;
    row.confirmed_at = Some(now);
    row.confirmed_by = Some(ctx.actor.user_id.clone());
    row.version += 1;
    row.updated_at = now;
    if !repo::update_replication(conn, &row, version)? {
        return Err(crate::app::version::lost(
            repo::replication(conn, model_id, replication_id)?.map(|(r, _)| r.version),
        ));
    }
    workflow::record(
        conn,
        ctx,
        REPLICATION,
        &row.id,
        &Move {
            action: "confirm",
            from: ReplicationStatus::Registered.as_str(),
            to: ReplicationStatus::Confirmed.as_str(),
            acted_as: Role::DicOfficer.as_str(),
            comment,
        },
    )?;
    let old = Replication::from_row(before, unit_name.clone());
    let new = Replication::from_row(row, unit_name);
    audit::audit_changed(
        conn,
        &ctx.audit_actor(),
        "exemplary_model.replication.confirm",
        super::RESOURCE,
        model_id,
        &old,
        &new,
    )?;
    Ok(new)
}
