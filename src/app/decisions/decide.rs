//! The Chair records a decision awarding Bằng khen to approved nominations.

use super::{Decision, NewDecision};
use crate::app::consolidation::batch::{authorise_all, checked_ids, take_each, visible};
use crate::app::nominations::{NominationCase, NominationStep};
use crate::app::{audit, quota, Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, DecisionRow};
use crate::db::repo::{decisions as repo, movements};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::domain::calendar::local_day;
use crate::domain::nomination::{self as workflow, Step};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::{Datelike, NaiveDate};
use serde_json::json;

/// Records the Chair's decision awarding Bằng khen to approved nominations. Refused as
/// a whole when it would pass the round's quota for a nominee kind (409
/// `quota_exceeded`), when a nominee is flagged (409 `nominee_flagged`) or a nomination
/// is not an approved provincial-merit one of the round (409 `invalid_state`), and when
/// the number is already in the register for that year (409 `already_exists`); 422 on
/// `signed_on` when it is after today (province time) or before the day the latest of
/// its nominations was appraised (a decision follows the appraisal it rests on).
pub fn decide(conn: &mut DbConnection, ctx: &Context, input: NewDecision) -> Result<Decision> {
    let actor = &ctx.actor;
    require(actor, Permission::Decide)?;
    let round =
        movements::find_round_by_id(conn, &input.round_id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &round.movement_id)?.ok_or_else(ApiError::not_found)?;
    let mut c = Checks::new();
    let number = c.text("number", &input.number, 50);
    let signer = c.text("signer", &input.signer, 200);
    let ids = checked_ids(&mut c, &input.nomination_ids);
    signed_not_in_future(&mut c, ctx, input.signed_on);
    c.finish()?;
    let year = input.signed_on.year();
    if repo::find_by_number(conn, &actor.unit_id, year, &number)?.is_some() {
        return Err(ApiError::new(ErrorCode::AlreadyExists).detail(
            format!("Decision {number} of {year} is already recorded"),
            format!("Quyết định số {number} năm {year} đã được ghi nhận"),
        ));
    }
    let step = NominationStep::new(Step::Award, Some(number.clone()));
    let cases = awardable(conn, ctx, &round.id, &ids, &step)?;
    signed_after_appraisal(ctx, input.signed_on, &cases)?;
    // Take the quota places first: the conditional update decides any race.
    for kind in NomineeKind::ALL {
        let count = cases.iter().filter(|c| c.row.nominee_kind == kind).count();
        if count > 0 {
            let count = i32::try_from(count).map_err(ApiError::internal)?;
            quota::take(conn, &round.id, AwardForm::ProvincialMerit, kind, count)?;
        }
    }
    let now = ctx.now_utc();
    let decision = DecisionRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: movement.id.clone(),
        issuer_unit_id: actor.unit_id.clone(),
        number,
        year,
        signed_on: input.signed_on,
        signer,
        created_by: actor.user_id.clone(),
        created_at: now,
    };
    // Two decisions with one number at once: the register's unique index decides.
    repo::insert(conn, &decision).map_err(|e| match ApiError::from(e) {
        e if e.code == ErrorCode::AlreadyExists => ApiError::new(ErrorCode::AlreadyExists),
        e => e,
    })?;
    take_each(conn, ctx, cases, &step)?;
    repo::add_nominations(conn, &decision.id, &ids)?;
    let out = super::render(conn, vec![decision])?
        .pop()
        .ok_or_else(|| ApiError::internal("decision not rendered"))?;
    audit::audit_created(
        conn,
        &ctx.audit_actor(),
        "decision.create",
        "decision",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// 422 on `signed_on`: a decision is not signed after today (the province's day).
fn signed_not_in_future(c: &mut Checks, ctx: &Context, signed_on: NaiveDate) {
    if signed_on > ctx.today {
        c.fail(
            "signed_on",
            format!("must not be after today ({})", ctx.today),
            format!(
                "không được sau ngày hôm nay ({})",
                ctx.today.format("%d/%m/%Y")
            ),
        );
    }
}

/// 422 on `signed_on` when it is before the day (province time) the latest of the
/// nominations was appraised, naming that day and nomination.
fn signed_after_appraisal(
    ctx: &Context,
    signed_on: NaiveDate,
    cases: &[NominationCase],
) -> Result<()> {
    let latest = cases
        .iter()
        .filter_map(|c| {
            let day = local_day(c.row.appraised_at?.and_utc(), ctx.time_zone);
            Some((day, c.row.id.as_str()))
        })
        .max();
    match latest {
        Some((day, id)) if signed_on < day => Err(ApiError::validation()
            .field(
                "signed_on",
                format!("must not be before the nominations' appraisal ({day})"),
                format!(
                    "không được trước ngày thẩm định hồ sơ ({})",
                    day.format("%d/%m/%Y")
                ),
            )
            .with("appraised_on", day.to_string())
            .with("nomination_id", id.to_string())),
        _ => Ok(()),
    }
}

/// The nominations of the batch, all approved provincial-merit ones of the round with
/// a clean record (else the decision is refused), in id order.
fn awardable(
    conn: &mut DbConnection,
    ctx: &Context,
    round_id: &str,
    ids: &[String],
    step: &NominationStep,
) -> Result<Vec<NominationCase>> {
    let mut found = visible(conn, ctx, ids)?;
    let mut cases = Vec::new();
    let mut refused = Vec::new();
    for id in ids {
        let Some(case) = found.remove(id) else {
            refused.push(json!({"id": id, "current_state": null}));
            continue;
        };
        let (from, form) = (case.row.status, case.row.award_form);
        if case.row.round_id != round_id || workflow::step(from, Step::Award, form).is_none() {
            refused.push(json!({"id": id, "current_state": from.as_str(), "award_form": form}));
        } else {
            cases.push(case);
        }
    }
    authorise_all(conn, ctx, &cases, step)?;
    // A flagged nominee is named first, wherever it is in the batch.
    if let Some(row) = cases.iter().map(|c| &c.row).find(|r| !r.clean_record) {
        return Err(ApiError::new(ErrorCode::NomineeFlagged)
            .detail(
                format!(
                    "{} is declared under discipline, investigation or complaint",
                    row.nominee_name
                ),
                format!(
                    "{} đang bị kỷ luật, điều tra hoặc có khiếu nại chưa giải quyết",
                    row.nominee_name
                ),
            )
            .with("nomination_id", row.id.clone()));
    }
    if !refused.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidState)
            .detail(
                "Only approved provincial-merit nominations of the round can be awarded",
                "Chỉ khen thưởng được hồ sơ Bằng khen đã thẩm định đạt của đợt này",
            )
            .with("nominations", refused));
    }
    Ok(cases)
}
