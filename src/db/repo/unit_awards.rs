//! Giấy khen recorded by units, and the award history: every award one nominee key
//! received, from the three sources (Giấy khen of units, the Chair's decisions, the
//! central level's state awards).

use crate::auth::policy::{Reviewed, Visibility};
use crate::db::models::UnitAwardRow;
use crate::db::repo::movements;
use crate::db::schema::{movements as m, unit_awards as ua, units as u};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::domain::nomination::State;
use chrono::NaiveDate;
use diesel::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct UnitAwardFilter {
    /// The awarding unit.
    pub unit_id: Option<String>,
    pub movement_id: Option<String>,
    pub year: Option<i32>,
    pub recipient_kind: Option<NomineeKind>,
    /// A LIKE pattern over the normalised recipient name.
    pub q_pattern: Option<String>,
    pub after_id: Option<String>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, row: &UnitAwardRow) -> QueryResult<()> {
    diesel::insert_into(ua::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The award and its awarding unit's name.
pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<(UnitAwardRow, String)>> {
    ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .filter(ua::id.eq(id))
        .select((ua::all_columns, u::name))
        .first(conn)
        .optional()
}

/// The award the unique rule (unit, movement, year, recipient) would collide with.
pub fn find_same(conn: &mut DbConnection, row: &UnitAwardRow) -> QueryResult<Option<UnitAwardRow>> {
    ua::table
        .filter(ua::unit_id.eq(&row.unit_id))
        .filter(ua::movement_id.eq(&row.movement_id))
        .filter(ua::year.eq(row.year))
        .filter(ua::recipient_key.eq(&row.recipient_key))
        .first(conn)
        .optional()
}

/// A page in id order (ids are time-ordered), with the awarding units' names.
pub fn list(
    conn: &mut DbConnection,
    f: &UnitAwardFilter,
    scope: &Visibility,
) -> QueryResult<Vec<(UnitAwardRow, String)>> {
    let mut q = ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .select((ua::all_columns, u::name))
        .into_boxed();
    if let Visibility::Scoped { unit_id, reviewed } = scope {
        let own = ua::unit_id.eq(unit_id.as_str());
        q = match reviewed {
            Reviewed::Nothing => q.filter(own),
            Reviewed::Every => q,
            Reviewed::ActingUnit {
                standing,
                appraising,
            } => q.filter(own.or(ua::movement_id.eq_any(movements::acting_unit_ids(
                standing.as_deref(),
                appraising.as_deref(),
            )))),
        };
    }
    if let Some(v) = &f.unit_id {
        q = q.filter(ua::unit_id.eq(v.clone()));
    }
    if let Some(v) = &f.movement_id {
        q = q.filter(ua::movement_id.eq(v.clone()));
    }
    if let Some(v) = f.year {
        q = q.filter(ua::year.eq(v));
    }
    if let Some(v) = f.recipient_kind {
        q = q.filter(ua::recipient_kind.eq(v));
    }
    if let Some(p) = &f.q_pattern {
        q = q.filter(ua::recipient_search.like(p.clone()).escape('\\'));
    }
    if let Some(v) = &f.after_id {
        q = q.filter(ua::id.gt(v.clone()));
    }
    q.order(ua::id.asc()).limit(f.limit).load(conn)
}

/// History (a): every Giấy khen of a recipient key, with the awarding unit's name and
/// the acting units of its movement (standing, appraising) to decide who may read it.
/// Unordered: the history sorts all its sources together.
pub fn unit_awards_by_key(
    conn: &mut DbConnection,
    key: &str,
) -> QueryResult<Vec<(UnitAwardRow, String, String, String)>> {
    ua::table
        .inner_join(u::table.on(u::id.eq(ua::unit_id)))
        .inner_join(m::table.on(m::id.eq(ua::movement_id)))
        .filter(ua::recipient_key.eq(key))
        .select((
            ua::all_columns,
            u::name,
            m::standing_unit_id,
            m::appraising_unit_id,
        ))
        .load(conn)
}

/// One entry of a nominee key's award history, from any of its three sources.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct HistoryRow {
    /// `unit_certificate`, `provincial_merit` or `state_award`.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub source: String,
    /// The Giấy khen's id, or the nomination's.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub record_id: String,
    /// The Giấy khen's title (the other sources' titles are fixed).
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub title: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub nominee_name: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub decision_number: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Date>)]
    pub decided_on: Option<NaiveDate>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub issuer_unit_id: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub issuer_name: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub movement_id: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub round_id: Option<String>,
    /// A Giấy khen's movement's acting units, to decide who may read it.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub standing_unit_id: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub appraising_unit_id: Option<String>,
}

/// The whole award history of a key in one statement (every nomination read shows it):
/// (a) the Giấy khen of units, with the awarding unit's name and the movement's acting
/// units; (b) the Chair's Bằng khen: awarded provincial-merit nominations with the
/// decision that awarded them and its issuer; (c) state awards the central level
/// granted, with its decision as recorded (no issuer in the province). Unordered.
pub fn history_by_key(conn: &mut DbConnection, key: &str) -> QueryResult<Vec<HistoryRow>> {
    HistoryQuery { key }.load(conn)
}

/// [`history_by_key`]'s UNION ALL as a query of our own rather than `sql_query`: diesel
/// never caches a raw query's prepared statement, and PostgreSQL spent ten times its
/// execution (~1 ms against ~0.1) planning it on every read. This one binds through the
/// backend (`$N` or `?`) and is cached by its SQL text like any DSL query.
#[derive(Debug, Clone, Copy)]
struct HistoryQuery<'a> {
    key: &'a str,
}

/// No static id: diesel then keys its statement cache by the SQL text (one text here).
impl diesel::query_builder::QueryId for HistoryQuery<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl diesel::query_builder::Query for HistoryQuery<'_> {
    type SqlType = diesel::sql_types::Untyped;
}

impl<DB> diesel::query_builder::QueryFragment<DB> for HistoryQuery<'_>
where
    DB: diesel::backend::Backend,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
    DB: diesel::sql_types::HasSqlType<diesel::sql_types::Text>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        use diesel::sql_types::Text;
        out.push_sql(
            "SELECT 'unit_certificate' AS source, ua.id AS record_id, ua.title AS title, \
                    ua.recipient_name AS nominee_name, ua.decision_number AS decision_number, \
                    ua.decided_on AS decided_on, ua.unit_id AS issuer_unit_id, \
                    u.name AS issuer_name, ua.movement_id AS movement_id, \
                    CAST(NULL AS TEXT) AS round_id, m.standing_unit_id AS standing_unit_id, \
                    m.appraising_unit_id AS appraising_unit_id \
               FROM unit_awards ua \
               JOIN units u ON u.id = ua.unit_id \
               JOIN movements m ON m.id = ua.movement_id \
              WHERE ua.recipient_key = ",
        );
        out.push_bind_param::<Text, str>(self.key)?;
        out.push_sql(
            " UNION ALL \
             SELECT 'provincial_merit', n.id, CAST(NULL AS TEXT), n.nominee_name, d.number, \
                    d.signed_on, d.issuer_unit_id, u.name, n.movement_id, n.round_id, \
                    CAST(NULL AS TEXT), CAST(NULL AS TEXT) \
               FROM nominations n \
               JOIN decision_nominations dn ON dn.nomination_id = n.id \
               JOIN decisions d ON d.id = dn.decision_id \
               JOIN units u ON u.id = d.issuer_unit_id \
              WHERE n.nominee_key = ",
        );
        out.push_bind_param::<Text, str>(self.key)?;
        out.push_sql(" AND n.status = ");
        out.push_bind_param::<Text, str>(State::Awarded.as_str())?;
        out.push_sql(" AND n.award_form = ");
        out.push_bind_param::<Text, str>(AwardForm::ProvincialMerit.as_str())?;
        out.push_sql(
            " UNION ALL \
             SELECT 'state_award', n.id, CAST(NULL AS TEXT), n.nominee_name, \
                    o.central_decision_number, o.central_decided_on, CAST(NULL AS TEXT), \
                    CAST(NULL AS TEXT), n.movement_id, n.round_id, CAST(NULL AS TEXT), \
                    CAST(NULL AS TEXT) \
               FROM nominations n \
               LEFT JOIN nomination_outcomes o ON o.nomination_id = n.id \
              WHERE n.nominee_key = ",
        );
        out.push_bind_param::<Text, str>(self.key)?;
        out.push_sql(" AND n.status = ");
        out.push_bind_param::<Text, str>(State::StateAwarded.as_str())?;
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for HistoryQuery<'_> {}
