//! Fixtures of the batch use cases (DIC's consolidation, the Chair's decision): the
//! demo's records found by what they are, and the few changes the tests set up, made
//! through `thidua::app` where a use case exists and as database builders otherwise
//! (a quota, the movement's standing unit).

use diesel::prelude::*;
use thidua::app::Context;
use thidua::db::models::{NominationRow, QuotaRow, RoundRow};
use thidua::db::schema::{award_rounds as r, movements as m, nominations as n, units as u};
use thidua::db::schema::{round_quotas as rq, submissions as s, workflow_events as w};
use thidua::db::DbConnection;

/// The interim round of the demo (closed; its nominations went through every step).
pub const INTERIM: &str = "SK-2022-2023";
/// The final round of the demo (open; drafts only).
pub const FINAL: &str = "TK-2022-2025";

pub fn round(conn: &mut DbConnection, code: &str) -> RoundRow {
    r::table.filter(r::code.eq(code)).first(conn).unwrap()
}

/// The demo nomination of the unit `unit_code` in `round_code` now in `status`.
pub fn nomination(
    conn: &mut DbConnection,
    round_code: &str,
    unit_code: &str,
    status: &str,
) -> NominationRow {
    let round = round(conn, round_code);
    let unit: String = u::table
        .filter(u::code.eq(unit_code))
        .select(u::id)
        .first(conn)
        .unwrap();
    n::table
        .filter(n::round_id.eq(round.id))
        .filter(n::unit_id.eq(unit))
        .filter(n::status.eq(status))
        .order(n::id.asc())
        .first(conn)
        .unwrap()
}

pub fn reload(conn: &mut DbConnection, row: &NominationRow) -> NominationRow {
    n::table.find(&row.id).first(conn).unwrap()
}

/// The latest history entry of a nomination: (action, from, to, role, comment).
pub fn last_step(
    conn: &mut DbConnection,
    id: &str,
) -> (String, String, String, String, Option<String>) {
    w::table
        .filter(w::resource_type.eq("nomination"))
        .filter(w::resource_id.eq(id))
        .order(w::id.desc())
        .select((
            w::action,
            w::from_status,
            w::to_status,
            w::actor_role,
            w::comment,
        ))
        .first(conn)
        .unwrap()
}

pub fn submissions(conn: &mut DbConnection) -> i64 {
    s::table.count().get_result(conn).unwrap()
}

pub fn quota(conn: &mut DbConnection, round_id: &str, form: &str, kind: &str) -> QuotaRow {
    rq::table
        .filter(rq::round_id.eq(round_id))
        .filter(rq::award_form.eq(form))
        .filter(rq::nominee_kind.eq(kind))
        .first(conn)
        .unwrap()
}

/// Sets the round's maximum for provincial merit of the kind (a builder: the rounds'
/// own change goes through `app` with its checks).
pub fn set_quota(conn: &mut DbConnection, round_id: &str, kind: &str, max: Option<i32>) {
    diesel::update(
        rq::table
            .filter(rq::round_id.eq(round_id))
            .filter(rq::award_form.eq("provincial_merit"))
            .filter(rq::nominee_kind.eq(kind)),
    )
    .set(rq::max_awards.eq(max))
    .execute(conn)
    .unwrap();
}

/// Hands the demo movement to another standing unit: the demo's DIC no longer
/// reviews it.
pub fn move_standing_unit(conn: &mut DbConnection, unit_code: &str) {
    let unit: String = u::table
        .filter(u::code.eq(unit_code))
        .select(u::id)
        .first(conn)
        .unwrap();
    diesel::update(m::table)
        .set(m::standing_unit_id.eq(unit))
        .execute(conn)
        .unwrap();
}

/// A DIC letter consolidating `rows` of `round`.
pub fn letter(
    round: &RoundRow,
    rows: &[&NominationRow],
) -> thidua::app::consolidation::NewSubmission {
    thidua::app::consolidation::NewSubmission {
        round_id: round.id.clone(),
        letter_number: "301/TTr-STTTT".into(),
        letter_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        note: String::new(),
        nomination_ids: rows.iter().map(|r| r.id.clone()).collect(),
    }
}

/// A decision of the Chair awarding `rows` of `round`.
pub fn decision(
    round: &RoundRow,
    number: &str,
    rows: &[&NominationRow],
) -> thidua::app::decisions::NewDecision {
    thidua::app::decisions::NewDecision {
        round_id: round.id.clone(),
        number: number.into(),
        // Today in the province (a decision is never signed later, nor before the
        // appraisal, which these fixtures take today).
        signed_on: chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
            .date_naive(),
        signer: "Chủ tịch UBND Tỉnh".into(),
        nomination_ids: rows.iter().map(|r| r.id.clone()).collect(),
    }
}

/// The demo's submitted nomination of Sở Công Thương, consolidated by DIC and approved
/// by Home Affairs (both through `app`): ready for the Chair.
pub fn approved(conn: &mut DbConnection, dic: &Context, home_affairs: &Context) -> NominationRow {
    use thidua::app::nominations::{take, NominationStep};
    use thidua::domain::nomination::Step;
    let round = round(conn, INTERIM);
    let row = nomination(conn, INTERIM, "SCT", "submitted");
    thidua::app::in_transaction(conn, |conn| {
        thidua::app::consolidation::consolidate(conn, dic, letter(&round, &[&row]))?;
        let approve = NominationStep::new(
            Step::Approve,
            Some("Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen.".into()),
        );
        take(
            conn,
            home_affairs,
            &row.id,
            &approve,
            thidua::app::version::IfMatch::Any,
        )
    })
    .unwrap();
    reload(conn, &row)
}
