//! Loading nominations as the caller may see them; checking the nominee, the window and
//! the dossier.

use super::model::*;
use crate::api::plans::movement_roles;
use crate::api::rounds::{AwardForm, DocumentKind, NomineeKind};
use crate::auth::policy::{allows, Permission};
use crate::auth::Actor;
use crate::db::models::{MovementRow, NominationRow, OutcomeRow, RoundRow};
use crate::db::repo::{movements, nominations as repo, organisation};
use crate::db::DbConnection;
use crate::domain::nomination::{self as workflow, State};
use crate::domain::nominee::Nominee;
use crate::domain::search::normalize;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDate;

/// The nomination and its movement, if the caller may see it (else 404): the proposing
/// unit always, the movement's reviewers once it has been submitted (a draft withdrawn
/// before that was never sent), auditors always.
pub(super) fn load_visible(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> Result<(NominationRow, MovementRow), ApiError> {
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
    let perm = Permission::ReadUnitRecord {
        unit_id: &row.unit_id,
        draft: row.submitted_at.is_none(),
        movement: movement_roles(&movement),
    };
    if !allows(actor, perm) {
        return Err(ApiError::not_found());
    }
    Ok((row, movement))
}

/// The nomination's workflow state (an unknown status reads as a draft).
pub(super) fn state_of(r: &NominationRow) -> State {
    State::parse(&r.status).unwrap_or(State::Draft)
}

/// The nomination's award form as the state machine knows it.
pub(super) fn workflow_form(r: &NominationRow) -> workflow::AwardForm {
    if r.award_form == AwardForm::StateAward.as_str() {
        workflow::AwardForm::StateAward
    } else {
        workflow::AwardForm::ProvincialMerit
    }
}

/// 409 `round_closed` unless `today` is inside the round's nomination window.
pub(super) fn require_open(round: &RoundRow, today: NaiveDate) -> Result<(), ApiError> {
    if today < round.nomination_opens_on || today > round.nomination_closes_on {
        return Err(ApiError::new(ErrorCode::RoundClosed)
            .detail(
                format!(
                    "Nominations are accepted from {} to {}",
                    round.nomination_opens_on, round.nomination_closes_on
                ),
                format!(
                    "Chỉ nhận hồ sơ từ ngày {} đến ngày {}",
                    round.nomination_opens_on.format("%d/%m/%Y"),
                    round.nomination_closes_on.format("%d/%m/%Y")
                ),
            )
            .with("opens_on", round.nomination_opens_on.to_string())
            .with("closes_on", round.nomination_closes_on.to_string()));
    }
    Ok(())
}

/// Fills the nominee's columns of `row` from the input, checked. The nominee key names
/// who is nominated, for the rule that one achievement is rewarded once.
pub(super) fn set_nominee(
    conn: &mut DbConnection,
    row: &mut NominationRow,
    kind: NomineeKind,
    collective: Option<&Collective>,
    individual: Option<&Individual>,
) -> Result<(), ApiError> {
    let mut c = Checks::new();
    match (kind, collective, individual) {
        (NomineeKind::Collective, Some(col), None) => {
            let unit = organisation::find_unit(conn, &col.unit_id)?;
            let Some(unit) = unit else {
                return Err(ApiError::invalid(
                    "collective.unit_id",
                    "no such unit",
                    "không có đơn vị này",
                ));
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
                .map(|t| c.text("collective.team_name", t, 300));
            row.nominee_unit_id = Some(unit.id.clone());
            row.women_share_percent = Some(col.women_share_percent);
            row.gender = None;
            row.birth_year = None;
            row.position = String::new();
            row.workplace = unit.name.clone();
            row.nominee_key = Nominee::Collective {
                unit_id: &unit.id,
                team: team.as_deref(),
            }
            .key();
            match team {
                Some(t) => {
                    row.nominee_search = normalize(&format!("{t} {}", unit.name));
                    row.nominee_name = t;
                }
                None => {
                    row.nominee_search = normalize(&unit.name);
                    row.nominee_name = unit.name.clone();
                }
            }
        }
        (NomineeKind::Individual, None, Some(ind)) => {
            let name = c.text("individual.full_name", &ind.full_name, 200);
            c.range_i32("individual.birth_year", ind.birth_year, 1920, 2015);
            row.position = c.text("individual.position", &ind.position, 300);
            row.workplace = c.text("individual.workplace", &ind.workplace, 300);
            row.nominee_unit_id = None;
            row.women_share_percent = None;
            row.gender = Some(ind.gender.as_str().into());
            row.birth_year = Some(ind.birth_year);
            // The award history's key (shared with Giấy khen).
            row.nominee_key = Nominee::Person {
                full_name: &name,
                birth_year: ind.birth_year,
            }
            .key();
            row.nominee_search = normalize(&name);
            row.nominee_name = name;
        }
        (NomineeKind::Collective, _, _) => {
            c.fail(
                "collective",
                "a collective nomination gives `collective` and no `individual`",
                "đề nghị tập thể cần ghi `collective`, không ghi `individual`",
            );
        }
        (NomineeKind::Individual, _, _) => {
            c.fail(
                "individual",
                "an individual nomination gives `individual` and no `collective`",
                "đề nghị cá nhân cần ghi `individual`, không ghi `collective`",
            );
        }
    }
    c.finish()
}

/// 409 `duplicate_nomination` when the nominee is already nominated in the round.
pub(super) fn require_not_duplicate(
    conn: &mut DbConnection,
    row: &NominationRow,
) -> Result<(), ApiError> {
    match repo::find_active_by_nominee(conn, &row.round_id, &row.nominee_key)? {
        Some(other) if other.id != row.id => Err(ApiError::new(ErrorCode::DuplicateNomination)
            .detail(
                format!("{} is already nominated in this round", row.nominee_name),
                format!(
                    "{} đã được đề nghị khen thưởng trong đợt này",
                    row.nominee_name
                ),
            )
            .with("nomination_id", other.id)),
        _ => Ok(()),
    }
}

/// The required kinds without a file, and the number of files.
pub(super) fn dossier_status(
    conn: &mut DbConnection,
    row: &NominationRow,
    round: &RoundRow,
) -> Result<DossierStatus, ApiError> {
    let docs = repo::documents(conn, &row.id, false)?;
    let missing = round
        .required_documents
        .split_whitespace()
        .filter_map(DocumentKind::parse)
        .filter(|k| !docs.iter().any(|d| d.kind == k.as_str()))
        .collect();
    Ok(DossierStatus {
        missing,
        documents: docs.len(),
    })
}

pub(super) fn round_of(conn: &mut DbConnection, row: &NominationRow) -> Result<RoundRow, ApiError> {
    movements::find_round(conn, &row.movement_id, &row.round_id)?
        .ok_or_else(|| ApiError::internal("nomination without round"))
}

pub(super) fn read(
    conn: &mut DbConnection,
    row: NominationRow,
    actor: &Actor,
) -> Result<Nomination, ApiError> {
    let round = round_of(conn, &row)?;
    let dossier = dossier_status(conn, &row, &round)?;
    let outcome = repo::outcome(conn, &row.id)?;
    read_with(conn, actor, row, dossier, outcome)
}

/// As `read`, from the dossier status and the outcome the caller already holds (the
/// award history is loaded).
pub(super) fn read_with(
    conn: &mut DbConnection,
    actor: &Actor,
    row: NominationRow,
    dossier: DossierStatus,
    outcome: Option<OutcomeRow>,
) -> Result<Nomination, ApiError> {
    let history = crate::api::award_history::for_key(conn, actor, &row.nominee_key)?;
    let mut out = Nomination::from_row(row, Some(dossier));
    out.outcome = outcome.map(NominationOutcome::from);
    out.award_history = Some(history);
    Ok(out)
}
