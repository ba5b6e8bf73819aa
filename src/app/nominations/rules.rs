//! The nomination's own rules: the window, the nominee (and the duplicate rule), the
//! states a change or a step needs, and their refusals.

use super::case::visible;
use super::model::{Collective, Household, Individual, NomineeKind};
use crate::app::Result;
use crate::auth::Actor;
use crate::db::models::{NominationRow, RoundRow};
use crate::db::repo::{movements, nominations as repo, organisation};
use crate::db::DbConnection;
use crate::domain::achievement::{allowed, fits, AchievementType};
use crate::domain::award::DocumentKind;
use crate::domain::nomination::State;
use crate::domain::nominee::{fold_name, name_text, Nominee};
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use chrono::NaiveDate;

/// 409 `round_closed` unless `today` is inside the round's nomination window.
pub fn require_open(round: &RoundRow, today: NaiveDate) -> Result<()> {
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

/// The nominee as the input gives it: the part its kind needs, and no other.
#[derive(Debug, Clone, Copy, Default)]
pub struct NomineeInput<'a> {
    pub collective: Option<&'a Collective>,
    pub individual: Option<&'a Individual>,
    pub household: Option<&'a Household>,
}

impl NomineeInput<'_> {
    /// Whether the input gives any part (a change that replaces the nominee).
    pub fn given(&self) -> bool {
        self.collective.is_some() || self.individual.is_some() || self.household.is_some()
    }
}

/// Fills the nominee's columns of `row` from the input, checked. The nominee key names
/// who is nominated, for the rule that one achievement is rewarded once.
pub fn set_nominee(
    conn: &mut DbConnection,
    row: &mut NominationRow,
    kind: NomineeKind,
    input: NomineeInput<'_>,
) -> Result<()> {
    let mut c = Checks::new();
    let parts = (input.collective, input.individual, input.household);
    match (kind, parts) {
        (NomineeKind::Collective, (Some(col), None, None)) => {
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
                .map(|t| name_text(&mut c, "collective.team_name", t, 300));
            row.nominee_unit_id = Some(unit.id.clone());
            row.women_share_percent = Some(col.women_share_percent);
            row.gender = None;
            row.birth_year = None;
            row.household_members = None;
            row.position = String::new();
            row.workplace = unit.name.clone();
            row.nominee_key = Nominee::Collective {
                unit_id: &unit.id,
                team: team.as_deref(),
            }
            .key();
            match team {
                Some(t) => {
                    row.nominee_search = fold_name(&format!("{t} {}", unit.name));
                    row.nominee_name = t;
                }
                None => {
                    row.nominee_search = fold_name(&unit.name);
                    row.nominee_name = unit.name.clone();
                }
            }
        }
        (NomineeKind::Individual, (None, Some(ind), None)) => {
            let name = name_text(&mut c, "individual.full_name", &ind.full_name, 200);
            c.range_i32("individual.birth_year", ind.birth_year, 1920, 2015);
            row.position = name_text(&mut c, "individual.position", &ind.position, 300);
            row.workplace = name_text(&mut c, "individual.workplace", &ind.workplace, 300);
            row.nominee_unit_id = None;
            row.women_share_percent = None;
            row.household_members = None;
            row.gender = Some(ind.gender);
            row.birth_year = Some(ind.birth_year);
            // The award history's key (shared with Giấy khen).
            row.nominee_key = Nominee::Person {
                full_name: &name,
                birth_year: ind.birth_year,
            }
            .key();
            row.nominee_search = fold_name(&name);
            row.nominee_name = name;
        }
        (NomineeKind::Household, (None, None, Some(h))) => {
            let head = name_text(&mut c, "household.head_full_name", &h.head_full_name, 200);
            let commune = name_text(&mut c, "household.commune", &h.commune, 300);
            c.range_i32("household.members_count", h.members_count, 1, 100);
            // The head's name and the commune only: no gender, year of birth or
            // position is kept for a household (personal data is minimised).
            row.nominee_unit_id = None;
            row.women_share_percent = None;
            row.gender = None;
            row.birth_year = None;
            row.position = String::new();
            row.household_members = Some(h.members_count);
            row.nominee_key = Nominee::Household {
                head_full_name: &head,
                commune: &commune,
            }
            .key();
            row.nominee_search = fold_name(&format!("{head} {commune}"));
            row.nominee_name = head;
            row.workplace = commune;
        }
        (kind, _) => {
            let (field, en, vi) = match kind {
                NomineeKind::Collective => (
                    "collective",
                    "a collective nomination gives `collective` and no `individual` or `household`",
                    "đề nghị tập thể cần ghi `collective`, không ghi `individual` hay `household`",
                ),
                NomineeKind::Individual => (
                    "individual",
                    "an individual nomination gives `individual` and no `collective` or `household`",
                    "đề nghị cá nhân cần ghi `individual`, không ghi `collective` hay `household`",
                ),
                NomineeKind::Household => (
                    "household",
                    "a household nomination gives `household` and no `collective` or `individual`",
                    "đề nghị hộ gia đình cần ghi `household`, không ghi `collective` hay `individual`",
                ),
            };
            c.fail(field, en, vi);
        }
    }
    c.finish()
}

/// 422 on `achievement_type` unless the round's kind takes it
/// (`domain::achievement::fits`).
pub fn require_fitting_achievement(round: &RoundRow, a: AchievementType) -> Result<()> {
    if fits(round.kind, a) {
        return Ok(());
    }
    let allowed: Vec<&str> = allowed(round.kind).iter().map(|t| t.as_str()).collect();
    Err(ApiError::invalid(
        "achievement_type",
        format!(
            "a {} round takes {}",
            round.kind.as_str(),
            allowed.join(", ")
        ),
        format!(
            "đợt khen thưởng loại {} chỉ nhận thành tích: {}",
            round.kind.as_str(),
            allowed.join(", ")
        ),
    ))
}

/// 409 `duplicate_nomination` when the nominee is already nominated in the round. The
/// other nomination's id is given only to a caller who may read it (`auth::policy`): an
/// officer of another unit learns that the person is taken, not which draft holds them.
pub fn require_not_duplicate(
    conn: &mut DbConnection,
    actor: &Actor,
    row: &NominationRow,
) -> Result<()> {
    let Some(other) = repo::find_active_by_nominee(conn, &row.round_id, &row.nominee_key)? else {
        return Ok(());
    };
    if other.id == row.id {
        return Ok(());
    }
    let e = ApiError::new(ErrorCode::DuplicateNomination).detail(
        format!("{} is already nominated in this round", row.nominee_name),
        format!(
            "{} đã được đề nghị khen thưởng trong đợt này",
            row.nominee_name
        ),
    );
    // Same round, so same movement as the caller's own nomination.
    let shown = match movements::find(conn, &other.movement_id)? {
        Some(m) => visible(actor, &other, &m),
        None => false,
    };
    Err(if shown {
        e.with("nomination_id", other.id)
    } else {
        e
    })
}

/// 409 `invalid_state`: the step is not possible from `from`.
pub fn invalid_state(from: State) -> ApiError {
    ApiError::new(ErrorCode::InvalidState)
        .detail(
            format!("This step is not possible while {}", from.as_str()),
            format!(
                "Không thể thực hiện bước này khi hồ sơ đang ở trạng thái {}",
                from.as_str()
            ),
        )
        .with("current_state", from.as_str())
}

/// 409 `invalid_state` unless the nomination is a draft or returned (its fields).
pub fn require_editable(row: &NominationRow) -> Result<()> {
    let s = row.status;
    if s.editable() {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::InvalidState)
        .detail(
            format!("A {} nomination can no longer be changed", s.as_str()),
            format!("Hồ sơ đề nghị ở trạng thái {} không thể sửa", s.as_str()),
        )
        .with("current_state", s.as_str()))
}

/// 422 `dossier_incomplete`, with the kinds `missing`.
pub fn dossier_incomplete(missing: &[DocumentKind]) -> ApiError {
    let kinds: Vec<&str> = missing.iter().map(|k| k.as_str()).collect();
    ApiError::new(ErrorCode::DossierIncomplete)
        .detail(
            format!("Missing: {}", kinds.join(", ")),
            format!("Còn thiếu: {}", kinds.join(", ")),
        )
        .with("missing", kinds)
}

/// 409 `nominee_flagged`: no award while under discipline, investigation or complaint.
pub fn nominee_flagged(row: &NominationRow) -> ApiError {
    ApiError::new(ErrorCode::NomineeFlagged)
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
        .with("nomination_id", row.id.clone())
}
