//! Recording a Giấy khen: the awarding unit's head only, checked input, one per
//! recipient, movement and year for a unit.

use super::{NewUnitAward, UnitAward, DEFAULT_TITLE};
use crate::app::audit::audit_created;
use crate::app::organisation::parents;
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::{new_id, UnitAwardRow};
use crate::db::repo::{movements, organisation, unit_awards as repo};
use crate::db::DbConnection;
use crate::domain::award::NomineeKind;
use crate::domain::nominee::{fold_name, name_text, Nominee};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::{Datelike, NaiveDate};

/// Record a Giấy khen awarded under the unit's own authority (by default the caller's
/// unit; its head only) to a person, or to the unit itself or a named collective inside
/// it: 403 for anyone else, 422 for invalid input, 409 `duplicate_award` when the unit
/// already awarded the recipient for the movement in that year. Audited as
/// `unit_award.create`.
pub fn record(conn: &mut DbConnection, ctx: &Context, input: NewUnitAward) -> Result<UnitAward> {
    let unit_id = input
        .unit_id
        .clone()
        .unwrap_or_else(|| ctx.actor.unit_id.clone());
    require(
        &ctx.actor,
        Permission::RecordUnitAward { unit_id: &unit_id },
    )?;
    let mut c = Checks::new();
    check_movement_period(conn, &mut c, &input)?;
    let title = match input.title.as_deref() {
        Some(t) if !t.trim().is_empty() => c.text("title", t, 200),
        _ => DEFAULT_TITLE.to_string(),
    };
    let achievement = c.text("achievement", &input.achievement, 10_000);
    let decision_number = c.text("decision_number", &input.decision_number, 50);
    let today = ctx.today;
    if input.decided_on > today {
        c.fail(
            "decided_on",
            format!("must not be after today ({today})"),
            format!("không được sau ngày hôm nay ({})", today.format("%d/%m/%Y")),
        );
    }
    let mut row = UnitAwardRow {
        id: new_id(),
        unit_id,
        movement_id: input.movement_id.clone(),
        recipient_kind: input.recipient_kind,
        recipient_unit_id: None,
        recipient_name: String::new(),
        recipient_search: String::new(),
        recipient_key: String::new(),
        gender: None,
        birth_year: None,
        position: String::new(),
        women_share_percent: None,
        title,
        achievement,
        decision_number,
        decided_on: input.decided_on,
        year: input.decided_on.year(),
        created_by: ctx.actor.user_id.clone(),
        created_at: ctx.now_utc(),
    };
    set_recipient(conn, &mut row, &mut c, &input)?;
    c.finish()?;
    if let Some(existing) = repo::find_same(conn, &row)? {
        return Err(duplicate(&row, Some(&existing)));
    }
    repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
        // The same award recorded twice at the same moment: the unique index decides.
        e if e.code == ErrorCode::AlreadyExists => duplicate(&row, None),
        e => e,
    })?;
    let (row, unit_name) = repo::find(conn, &row.id)?
        .ok_or_else(|| ApiError::internal("unit award not found after insert"))?;
    let out = UnitAward::from_row(row, unit_name)?;
    audit_created(
        conn,
        &ctx.audit_actor(),
        "unit_award.create",
        "unit_award",
        &out.id,
        &out,
    )?;
    Ok(out)
}

/// The movement exists, and the decision is not before its period began.
fn check_movement_period(
    conn: &mut DbConnection,
    c: &mut Checks,
    input: &NewUnitAward,
) -> Result<()> {
    let Some(m) = movements::find(conn, &input.movement_id)? else {
        c.fail("movement_id", "no such movement", "không có phong trào này");
        return Ok(());
    };
    let start = NaiveDate::from_ymd_opt(m.period_start_year, 1, 1);
    if start.is_some_and(|start| input.decided_on < start) {
        c.fail(
            "decided_on",
            format!(
                "must not be before the movement's period (1 January {})",
                m.period_start_year
            ),
            format!(
                "không được trước thời gian của phong trào (01/01/{})",
                m.period_start_year
            ),
        );
    }
    Ok(())
}

/// Fills the recipient's columns of `row` from the input, checked; the key is the one a
/// nomination of the same person or collective gets.
fn set_recipient(
    conn: &mut DbConnection,
    row: &mut UnitAwardRow,
    c: &mut Checks,
    input: &NewUnitAward,
) -> Result<()> {
    match (
        input.recipient_kind,
        input.collective.as_ref(),
        input.individual.as_ref(),
    ) {
        (NomineeKind::Collective, Some(col), None) => {
            // A unit's head awards under the unit's own authority: the unit itself, one of
            // its sub-units at any depth (issue 12 item 6), or a collective inside either;
            // never a unit outside it.
            if col.unit_id != row.unit_id
                && !parents::is_descendant(conn, &col.unit_id, &row.unit_id)?
            {
                c.fail(
                    "collective.unit_id",
                    "must be the awarding unit or one of its sub-units: its Giấy khen goes to the unit, a sub-unit, or a named collective inside them",
                    "phải là đơn vị khen thưởng hoặc đơn vị trực thuộc: Giấy khen của đơn vị chỉ tặng cho chính đơn vị, đơn vị trực thuộc hoặc một tập thể thuộc các đơn vị đó",
                );
                return Ok(());
            }
            let Some(unit) = organisation::find_unit(conn, &col.unit_id)? else {
                c.fail("collective.unit_id", "no such unit", "không có đơn vị này");
                return Ok(());
            };
            if !(0.0..=100.0).contains(&col.women_share_percent) {
                c.fail(
                    "collective.women_share_percent",
                    "must be between 0 and 100",
                    "phải từ 0 đến 100",
                );
            }
            let team = col
                .team_name
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| name_text(c, "collective.team_name", t, 300));
            row.recipient_key = Nominee::Collective {
                unit_id: &unit.id,
                team: team.as_deref(),
            }
            .key();
            row.recipient_unit_id = Some(unit.id.clone());
            row.women_share_percent = Some(col.women_share_percent);
            match team {
                Some(t) => {
                    row.recipient_search = fold_name(&format!("{t} {}", unit.name));
                    row.recipient_name = t;
                }
                None => {
                    row.recipient_search = fold_name(&unit.name);
                    row.recipient_name = unit.name;
                }
            }
        }
        (NomineeKind::Individual, None, Some(ind)) => {
            let name = name_text(c, "individual.full_name", &ind.full_name, 200);
            c.range_i32("individual.birth_year", ind.birth_year, 1920, 2015);
            row.position = name_text(c, "individual.position", &ind.position, 300);
            row.gender = Some(ind.gender.as_str().into());
            row.birth_year = Some(ind.birth_year);
            row.recipient_key = Nominee::Person {
                full_name: &name,
                birth_year: ind.birth_year,
            }
            .key();
            row.recipient_search = fold_name(&name);
            row.recipient_name = name;
        }
        (NomineeKind::Collective, _, _) => c.fail(
            "collective",
            "a collective recipient gives `collective` and no `individual`",
            "khen thưởng tập thể cần ghi `collective`, không ghi `individual`",
        ),
        (NomineeKind::Individual, _, _) => c.fail(
            "individual",
            "an individual recipient gives `individual` and no `collective`",
            "khen thưởng cá nhân cần ghi `individual`, không ghi `collective`",
        ),
        // Households are nominated (`/nominations`); the unit register holds collectives
        // and individuals only.
        (NomineeKind::Household, _, _) => c.fail(
            "recipient_kind",
            "a Giấy khen is recorded for a collective or an individual; nominate a household instead",
            "Giấy khen chỉ ghi nhận cho tập thể hoặc cá nhân; hộ gia đình được đề nghị khen thưởng qua hồ sơ đề nghị",
        ),
    }
    Ok(())
}

/// 409 `duplicate_award`, naming the award already recorded.
fn duplicate(row: &UnitAwardRow, existing: Option<&UnitAwardRow>) -> ApiError {
    let e = ApiError::new(ErrorCode::DuplicateAward).detail(
        format!(
            "{} already received a Giấy khen of this unit for the movement in {}",
            row.recipient_name, row.year
        ),
        format!(
            "{} đã được đơn vị tặng Giấy khen trong phong trào này năm {}",
            row.recipient_name, row.year
        ),
    );
    match existing {
        Some(x) => e.with("unit_award_id", x.id.clone()),
        None => e,
    }
}
