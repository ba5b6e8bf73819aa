//! Movements, their criteria, award rounds and quotas.

use crate::db::models::{CriterionRow, MovementRow, QuotaRow, RoundRow};
use crate::db::schema::{award_rounds as r, criteria as c, movements as m, round_quotas as rq};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind, RoundKind};
use crate::domain::search;
use diesel::prelude::*;

pub struct MovementFilter {
    pub q: Option<String>,
    pub year: Option<i32>,
    pub after_code: Option<String>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, f: &MovementFilter) -> QueryResult<Vec<MovementRow>> {
    let mut query = m::table.into_boxed();
    if let Some(q) = &f.q {
        query = query.filter(
            m::title_search
                .like(search::contains_pattern(q))
                .escape('\\'),
        );
    }
    if let Some(y) = f.year {
        query = query
            .filter(m::period_start_year.le(y))
            .filter(m::period_end_year.ge(y));
    }
    if let Some(after) = &f.after_code {
        query = query.filter(m::code.gt(after.clone()));
    }
    query.order(m::code.asc()).limit(f.limit).load(conn)
}

/// The ids of the movements a reviewer acts for (`policy::Reviewed::ActingUnit`), as a
/// subquery: `movement_id IN (…)` inside a list's own statement. A `None` unit matches
/// nothing (`= NULL`).
#[diesel::dsl::auto_type(no_type_alias)]
pub fn acting_unit_ids<'a>(standing: Option<&'a str>, appraising: Option<&'a str>) -> _ {
    m::table.select(m::id).filter(
        m::standing_unit_id
            .nullable()
            .eq(standing)
            .or(m::appraising_unit_id.nullable().eq(appraising)),
    )
}

/// Every movement (a province runs a handful): for deciding what a caller may see.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<MovementRow>> {
    m::table.order(m::code.asc()).load(conn)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<MovementRow>> {
    m::table.find(id).first(conn).optional()
}

pub fn insert(conn: &mut DbConnection, row: &MovementRow) -> QueryResult<()> {
    diesel::insert_into(m::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update(
    conn: &mut DbConnection,
    row: &MovementRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        m::table
            .filter(m::id.eq(&row.id))
            .filter(m::version.eq(expected_version)),
    )
    .set((
        (
            m::code.eq(&row.code),
            m::title.eq(&row.title),
            m::title_search.eq(&row.title_search),
            m::theme.eq(&row.theme),
            m::period_start_year.eq(row.period_start_year),
            m::period_end_year.eq(row.period_end_year),
            m::legal_basis.eq(&row.legal_basis),
            m::plan_document.eq(&row.plan_document),
        ),
        (
            m::standing_unit_id.eq(&row.standing_unit_id),
            m::appraising_unit_id.eq(&row.appraising_unit_id),
            m::fields.eq(&row.fields),
            m::content_items.eq(&row.content_items),
            m::version.eq(row.version),
            m::updated_at.eq(row.updated_at),
        ),
        (
            m::annual_report_due_month.eq(row.annual_report_due_month),
            m::annual_report_due_day.eq(row.annual_report_due_day),
            m::review_working_days.eq(row.review_working_days),
        ),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn list_criteria(
    conn: &mut DbConnection,
    movement_id: &str,
    field_code: Option<&str>,
    after_code: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<CriterionRow>> {
    let mut query = c::table
        .filter(c::movement_id.eq(movement_id.to_string()))
        .into_boxed();
    if let Some(f) = field_code {
        query = query.filter(c::field_code.eq(f.to_string()));
    }
    if let Some(after) = after_code {
        query = query.filter(c::code.gt(after.to_string()));
    }
    query.order(c::code.asc()).limit(limit).load(conn)
}

pub fn find_criterion(
    conn: &mut DbConnection,
    movement_id: &str,
    id: &str,
) -> QueryResult<Option<CriterionRow>> {
    c::table
        .find(id)
        .filter(c::movement_id.eq(movement_id))
        .first(conn)
        .optional()
}

pub fn insert_criterion(conn: &mut DbConnection, row: &CriterionRow) -> QueryResult<()> {
    diesel::insert_into(c::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_criterion(
    conn: &mut DbConnection,
    row: &CriterionRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        c::table
            .filter(c::id.eq(&row.id))
            .filter(c::version.eq(expected_version)),
    )
    .set((
        c::code.eq(&row.code),
        c::title.eq(&row.title),
        c::field_code.eq(&row.field_code),
        c::unit_of_measure.eq(&row.unit_of_measure),
        c::max_score.eq(row.max_score),
        c::version.eq(row.version),
        c::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn delete_criterion(
    conn: &mut DbConnection,
    id: &str,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::delete(
        c::table
            .filter(c::id.eq(id))
            .filter(c::version.eq(expected_version)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

pub fn list_rounds(
    conn: &mut DbConnection,
    movement_id: &str,
    kind: Option<RoundKind>,
    after_code: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<RoundRow>> {
    let mut query = r::table
        .filter(r::movement_id.eq(movement_id.to_string()))
        .into_boxed();
    if let Some(k) = kind {
        query = query.filter(r::kind.eq(k));
    }
    if let Some(after) = after_code {
        query = query.filter(r::code.gt(after.to_string()));
    }
    query.order(r::code.asc()).limit(limit).load(conn)
}

pub fn find_round(
    conn: &mut DbConnection,
    movement_id: &str,
    id: &str,
) -> QueryResult<Option<RoundRow>> {
    r::table
        .find(id)
        .filter(r::movement_id.eq(movement_id))
        .first(conn)
        .optional()
}

pub fn insert_round(conn: &mut DbConnection, row: &RoundRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn update_round(
    conn: &mut DbConnection,
    row: &RoundRow,
    expected_version: i32,
) -> QueryResult<bool> {
    let n = diesel::update(
        r::table
            .filter(r::id.eq(&row.id))
            .filter(r::version.eq(expected_version)),
    )
    .set((
        r::code.eq(&row.code),
        r::kind.eq(row.kind),
        r::title.eq(&row.title),
        r::period_start_year.eq(row.period_start_year),
        r::period_end_year.eq(row.period_end_year),
        r::nomination_opens_on.eq(row.nomination_opens_on),
        r::nomination_closes_on.eq(row.nomination_closes_on),
        r::report_due_on.eq(row.report_due_on),
        r::appraisal_working_days.eq(row.appraisal_working_days),
        r::comment_working_days.eq(row.comment_working_days),
        r::required_documents.eq(&row.required_documents),
        r::version.eq(row.version),
        r::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn quotas_of(conn: &mut DbConnection, round_ids: &[String]) -> QueryResult<Vec<QuotaRow>> {
    if round_ids.is_empty() {
        return Ok(Vec::new());
    }
    rq::table
        .filter(rq::round_id.eq_any(round_ids.to_vec()))
        .order((
            rq::round_id.asc(),
            rq::award_form.asc(),
            rq::nominee_kind.asc(),
        ))
        .load(conn)
}

pub fn insert_quota(conn: &mut DbConnection, row: &QuotaRow) -> QueryResult<()> {
    diesel::insert_into(rq::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Sets a quota's maximum, never below what is already awarded (checked in the same
/// statement, so a decision awarding at the same moment cannot slip under it).
pub fn set_quota_max(
    conn: &mut DbConnection,
    round_id: &str,
    award_form: AwardForm,
    nominee_kind: NomineeKind,
    max_awards: Option<i32>,
) -> QueryResult<bool> {
    let target = rq::table
        .filter(rq::round_id.eq(round_id))
        .filter(rq::award_form.eq(award_form))
        .filter(rq::nominee_kind.eq(nominee_kind));
    let n = match max_awards {
        None => diesel::update(target)
            .set(rq::max_awards.eq(None::<i32>))
            .execute(conn)?,
        Some(max) => diesel::update(target.filter(rq::awarded.le(max)))
            .set(rq::max_awards.eq(Some(max)))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// The field codes a movement's criteria use.
pub fn criteria_field_codes(
    conn: &mut DbConnection,
    movement_id: &str,
) -> QueryResult<Vec<String>> {
    c::table
        .filter(c::movement_id.eq(movement_id))
        .select(c::field_code)
        .distinct()
        .order(c::field_code.asc())
        .load(conn)
}

/// Plans already set targets on the criterion (its maximum and field are then fixed:
/// scores and totals were given against them).
pub fn criterion_in_use(conn: &mut DbConnection, criterion_id: &str) -> QueryResult<bool> {
    use crate::db::schema::plan_targets as pt;
    diesel::select(diesel::dsl::exists(
        pt::table.filter(pt::criterion_id.eq(criterion_id)),
    ))
    .get_result(conn)
}

/// Holds the movement's row until the transaction ends, so that two requests that must
/// not interleave for one movement (issuing a roll-up) take turns on PostgreSQL too.
pub fn lock(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::update(m::table.find(id))
        .set(m::version.eq(m::version))
        .execute(conn)
        .map(|_| ())
}

pub fn find_round_by_id(conn: &mut DbConnection, id: &str) -> QueryResult<Option<RoundRow>> {
    r::table.find(id).first(conn).optional()
}
