//! Nominations and their dossier files.

use crate::auth::policy::{Reviewed, Visibility};
use crate::db::models::{MovementRow, NominationRow, OutcomeRow, RoundRow};
use crate::db::repo::movements;
use crate::db::schema::{
    award_rounds as r, movements as m, nomination_documents as d, nomination_outcomes as o,
    nominations as n, workflow_events as w,
};
use crate::db::DbConnection;
use crate::domain::achievement::AchievementType;
use crate::domain::award::{AwardForm, DocumentKind, NomineeKind};
use crate::domain::nomination::State;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct NominationFilter {
    pub round_id: Option<String>,
    pub unit_id: Option<String>,
    pub status: Option<State>,
    pub award_form: Option<AwardForm>,
    pub nominee_kind: Option<NomineeKind>,
    pub achievement_type: Option<AchievementType>,
    /// A LIKE pattern over the normalised nominee name.
    pub q_pattern: Option<String>,
    pub after_id: Option<String>,
    pub limit: i64,
}

/// The columns a list item shows (`app::nominations::NominationSummary`): the long
/// texts and the nominee's details stay in the table.
#[derive(Debug, Clone, Queryable)]
pub struct ListedNomination {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    pub unit_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    pub achievement_type: AchievementType,
    pub status: State,
    pub submitted_at: Option<NaiveDateTime>,
    pub submission_id: Option<String>,
    pub consolidated_at: Option<NaiveDateTime>,
    pub appraisal_verdict: Option<crate::domain::nomination::Verdict>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn list(
    conn: &mut DbConnection,
    f: &NominationFilter,
    vis: &Visibility,
) -> QueryResult<Vec<ListedNomination>> {
    let mut q = n::table.into_boxed();
    if let Visibility::Scoped { unit_id, reviewed } = vis {
        // Drafts are never sent, and a caller who reviews nothing sees only their unit:
        // then the plain unit filter lets the planner walk the unit's index in id order.
        let own = n::unit_id.eq(unit_id.as_str());
        q = match reviewed {
            _ if f.status == Some(State::Draft) => q.filter(own),
            Reviewed::Nothing => q.filter(own),
            Reviewed::Every => q.filter(own.or(n::submitted_at.is_not_null())),
            Reviewed::ActingUnit {
                standing,
                appraising,
            } => q.filter(
                own.or(n::submitted_at.is_not_null().and(n::movement_id.eq_any(
                    movements::acting_unit_ids(standing.as_deref(), appraising.as_deref()),
                ))),
            ),
        };
    }
    if let Some(v) = &f.round_id {
        q = q.filter(n::round_id.eq(v.clone()));
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(n::unit_id.eq(v.clone()));
    }
    if let Some(v) = f.status {
        q = q.filter(n::status.eq(v));
    }
    if let Some(v) = f.award_form {
        q = q.filter(n::award_form.eq(v));
    }
    if let Some(v) = f.nominee_kind {
        q = q.filter(n::nominee_kind.eq(v));
    }
    if let Some(v) = f.achievement_type {
        q = q.filter(n::achievement_type.eq(v));
    }
    if let Some(p) = &f.q_pattern {
        q = q.filter(n::nominee_search.like(p.clone()).escape('\\'));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(n::id.gt(v.clone()));
    }
    // A name search's best plan depends on its pattern (trigram index or the id order):
    // planned for its values. The other filters' generic plans are their indexes.
    if f.q_pattern.is_some() {
        q = q.filter(crate::db::planned_for_its_values());
    }
    q.order(n::id.asc())
        .limit(f.limit)
        .select((
            n::id,
            n::round_id,
            n::movement_id,
            n::unit_id,
            n::award_form,
            n::nominee_kind,
            n::nominee_name,
            n::achievement_type,
            n::status,
            n::submitted_at,
            n::submission_id,
            n::consolidated_at,
            n::appraisal_verdict,
            n::version,
            n::created_at,
            n::updated_at,
        ))
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<NominationRow>> {
    n::table.find(id).first(conn).optional()
}

/// A nomination with its movement, its round and its outcome (if any).
/// A nomination with its movement, round, outcome and the kinds of its current dossier
/// files (one per file).
pub type Loaded = (
    NominationRow,
    MovementRow,
    RoundRow,
    Option<OutcomeRow>,
    Vec<DocumentKind>,
);

/// These nominations with what their rules need, in one statement: each current dossier
/// file joined as a row of its kind (a nomination without files comes once, with none),
/// folded here. Plain DSL, so the statement is cached and prepared once per connection.
pub fn find_loaded(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<Loaded>> {
    type Stored = (
        NominationRow,
        MovementRow,
        RoundRow,
        Option<OutcomeRow>,
        Option<DocumentKind>,
    );
    let mut q = n::table
        .inner_join(m::table.on(m::id.eq(n::movement_id)))
        .inner_join(r::table.on(r::id.eq(n::round_id).and(r::movement_id.eq(n::movement_id))))
        .left_join(o::table)
        .left_join(d::table.on(d::nomination_id.eq(n::id).and(d::removed_at.is_null())))
        .into_boxed();
    // One id (every single read and step) as `id = $1`: PostgreSQL settles on a generic
    // plan for it, where `id = ANY($1)` was planned again on every run (~1.2 ms).
    q = match ids {
        [one] => q.filter(n::id.eq(one.as_str())),
        _ => q.filter(n::id.eq_any(ids.to_vec())),
    };
    let rows: Vec<Stored> = q
        .order((n::id.asc(), d::id.asc()))
        .select((
            n::all_columns,
            m::all_columns,
            r::all_columns,
            o::all_columns.nullable(),
            d::kind.nullable(),
        ))
        .load(conn)?;
    let mut out: Vec<Loaded> = Vec::new();
    for (row, movement, round, outcome, kind) in rows {
        match out.last_mut() {
            Some(last) if last.0.id == row.id => last.4.extend(kind),
            _ => out.push((row, movement, round, outcome, kind.into_iter().collect())),
        }
    }
    Ok(out)
}

/// Who last submitted each of these nominations, as (nomination id, user id), in one
/// query: the latest `submit` step of each comes last.
pub fn submitters_of(
    conn: &mut DbConnection,
    nomination_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    w::table
        .filter(w::resource_type.eq("nomination"))
        .filter(w::resource_id.eq_any(nomination_ids.to_vec()))
        .filter(w::action.eq("submit"))
        .order(w::id.asc())
        .select((w::resource_id, w::actor_id))
        .load(conn)
}

/// A nomination of the same nominee in the round that is still in play (the domain's
/// rule, `State::holds_the_nominee`).
pub fn find_active_by_nominee(
    conn: &mut DbConnection,
    round_id: &str,
    key: &str,
) -> QueryResult<Option<NominationRow>> {
    n::table
        .filter(n::round_id.eq(round_id))
        .filter(n::nominee_key.eq(key))
        .filter(n::status.ne_all(State::released().collect::<Vec<_>>()))
        .first(conn)
        .optional()
}

/// The achievement types of the round's nominations still in play, each once.
pub fn achievement_types_in_play(
    conn: &mut DbConnection,
    round_id: &str,
) -> QueryResult<Vec<AchievementType>> {
    n::table
        .filter(n::round_id.eq(round_id))
        .filter(n::status.ne_all(State::released().collect::<Vec<_>>()))
        .select(n::achievement_type)
        .distinct()
        .load(conn)
}

pub fn insert(conn: &mut DbConnection, row: &NominationRow) -> QueryResult<()> {
    diesel::insert_into(n::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(
    conn: &mut DbConnection,
    row: &NominationRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let count = diesel::update(
        n::table
            .filter(n::id.eq(&row.id))
            .filter(n::version.eq(expected_version)),
    )
    .set((
        (
            n::nominee_unit_id.eq(&row.nominee_unit_id),
            n::nominee_name.eq(&row.nominee_name),
            n::nominee_search.eq(&row.nominee_search),
            n::nominee_key.eq(&row.nominee_key),
            n::women_share_percent.eq(row.women_share_percent),
            n::gender.eq(&row.gender),
            n::birth_year.eq(row.birth_year),
            n::position.eq(&row.position),
            n::workplace.eq(&row.workplace),
        ),
        (
            n::achievement_summary.eq(&row.achievement_summary),
            n::clean_record.eq(row.clean_record),
            n::status.eq(&row.status),
            n::submitted_at.eq(row.submitted_at),
            n::return_reason.eq(&row.return_reason),
            n::version.eq(row.version),
            n::updated_at.eq(row.updated_at),
        ),
        (
            n::submission_id.eq(&row.submission_id),
            n::consolidated_at.eq(row.consolidated_at),
            n::appraisal_verdict.eq(&row.appraisal_verdict),
            n::appraisal_opinion.eq(&row.appraisal_opinion),
            n::appraised_at.eq(row.appraised_at),
            n::achievement_type.eq(row.achievement_type),
            n::household_members.eq(row.household_members),
            n::cited_model_ids.eq(&row.cited_model_ids),
        ),
    ))
    .execute(conn)?;
    Ok(count == 1)
}

/// Bumps the version of a nomination whose dossier changed, when it is still `expected`.
pub fn touch(
    conn: &mut DbConnection,
    id: &str,
    expected_version: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let count = diesel::update(
        n::table
            .filter(n::id.eq(id))
            .filter(n::version.eq(expected_version)),
    )
    .set((n::version.eq(expected_version + 1), n::updated_at.eq(at)))
    .execute(conn)?;
    Ok(count == 1)
}

/// Consolidated nominations of the movements, waiting for appraisal, oldest first.
pub fn waiting_for_appraisal(
    conn: &mut DbConnection,
    movement_ids: &[String],
) -> QueryResult<Vec<NominationRow>> {
    n::table
        .filter(n::status.eq(State::Consolidated))
        .filter(n::movement_id.eq_any(movement_ids.to_vec()))
        .order(n::consolidated_at.asc())
        .load(conn)
}

/// What came after appraisal, if anything did.
pub fn outcome(
    conn: &mut DbConnection,
    nomination_id: &str,
) -> QueryResult<Option<crate::db::models::OutcomeRow>> {
    use crate::db::schema::nomination_outcomes as o;
    o::table.find(nomination_id).first(conn).optional()
}

/// Writes the outcome row (the nomination's version, updated with it, guards races).
pub fn save_outcome(
    conn: &mut DbConnection,
    row: &crate::db::models::OutcomeRow,
) -> QueryResult<()> {
    use crate::db::schema::nomination_outcomes as o;
    diesel::delete(o::table.find(&row.nomination_id)).execute(conn)?;
    diesel::insert_into(o::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// State-award nominees posted for public comment, newest window first, with their
/// window; `open` = (true, day) keeps those still posted whose window includes that
/// day, (false, day) the others. Nominees not honoured in the end leave the list.
pub fn comment_postings(
    conn: &mut DbConnection,
    round_id: Option<&str>,
    open: Option<(bool, chrono::NaiveDate)>,
    after: Option<(chrono::NaiveDate, String)>,
    limit: i64,
) -> QueryResult<Vec<(NominationRow, crate::db::models::OutcomeRow)>> {
    use crate::db::schema::nomination_outcomes as o;
    let mut q = n::table
        .inner_join(o::table)
        .filter(o::comment_closes_on.is_not_null())
        .filter(n::award_form.eq(AwardForm::StateAward))
        // Closed without award or declined: no longer before the public.
        .filter(n::status.ne_all([State::NotAwarded, State::StateDeclined]))
        .into_boxed();
    if let Some(r) = round_id {
        q = q.filter(n::round_id.eq(r.to_string()));
    }
    match open {
        Some((true, day)) => {
            q = q
                .filter(n::status.eq(State::PostedForComment))
                .filter(o::comment_opens_on.le(day))
                .filter(o::comment_closes_on.ge(day));
        }
        Some((false, day)) => {
            q = q.filter(
                n::status
                    .ne(State::PostedForComment)
                    .or(o::comment_opens_on.gt(day))
                    .or(o::comment_closes_on.lt(day)),
            );
        }
        None => {}
    }
    if let Some((closes, id)) = after {
        q = q.filter(
            o::comment_closes_on
                .lt(closes)
                .or(o::comment_closes_on.eq(closes).and(n::id.gt(id))),
        );
    }
    q.order((o::comment_closes_on.desc(), n::id.asc()))
        .limit(limit)
        .load(conn)
}

/// The outcomes of these nominations that have one (one query for a page).
pub fn outcomes_of(
    conn: &mut DbConnection,
    nomination_ids: &[String],
) -> QueryResult<Vec<crate::db::models::OutcomeRow>> {
    use crate::db::schema::nomination_outcomes as o;
    o::table
        .filter(o::nomination_id.eq_any(nomination_ids.to_vec()))
        .load(conn)
}
