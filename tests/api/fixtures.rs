//! Fixtures shared by test files, built through `thidua::app` (use-case tests): the
//! demo's open round, a nomination drafted by the unit, its complete dossier, and the
//! steps that carry it along the workflow.

#![allow(dead_code)] // each test file uses some of them

use crate::helpers::AppDb;
use chrono::TimeZone;
use thidua::app::dossier::{self, Upload};
use thidua::app::nominations::{
    self as nominations, Individual, NewNomination, Nomination, NominationStep,
};
use thidua::app::version::IfMatch;
use thidua::app::Context;
use thidua::domain::award::{AwardForm, DocumentKind, NomineeKind, DEFAULT_REQUIRED_DOCUMENTS};
use thidua::domain::nomination::Step;
use thidua::domain::nominee::Gender;
use thidua::error::ApiError;

/// The demo's final round, open from 2025-10-01 to 2026-12-31.
pub const OPEN_ROUND: &str = "TK-2022-2025";

/// A demo database whose clock stands inside the open round's window (26 November 2026).
pub fn app_db_in_window() -> AppDb {
    let mut db = crate::helpers::app_db();
    db.now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 26, 3, 0, 0)
        .single()
        .unwrap();
    db
}

/// The id of the demo round `code`.
pub fn round_id(db: &AppDb, code: &str) -> String {
    let mut conn = db.conn();
    let movements = thidua::db::repo::movements::all(&mut conn).unwrap();
    movements
        .iter()
        .flat_map(|m| {
            thidua::db::repo::movements::list_rounds(&mut conn, &m.id, None, None, 200).unwrap()
        })
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no round {code}"))
        .id
}

/// A new individual nomination of the caller's unit in the open round.
pub fn new_person(db: &AppDb, name: &str, form: AwardForm) -> NewNomination {
    NewNomination {
        round_id: round_id(db, OPEN_ROUND),
        unit_id: None,
        award_form: form,
        nominee_kind: NomineeKind::Individual,
        collective: None,
        individual: Some(Individual {
            full_name: name.into(),
            gender: Gender::Female,
            birth_year: 1985,
            position: "Chuyên viên".into(),
            workplace: "UBND Huyện Tháp Mười".into(),
        }),
        achievement_summary: "Hoàn thành xuất sắc nhiệm vụ năm 2025.".into(),
        clean_record: true,
    }
}

/// Drafted by the demo unit officer.
pub fn drafted(db: &AppDb, input: NewNomination) -> Nomination {
    let ctx = db.ctx("unit_officer");
    db.tx(|conn| nominations::create(conn, &ctx, input))
        .unwrap()
}

pub const PDF: &[u8] = b"%PDF-1.4\n%test\n";

/// Adds one PDF of `kind` to the dossier, as the unit officer.
pub fn add_file(db: &AppDb, id: &str, kind: DocumentKind) -> Result<(), ApiError> {
    let ctx = db.ctx("unit_officer");
    let file = dossier::check_file(Upload {
        kind: Some(kind),
        file_name: Some(format!("{}.pdf", kind.as_str())),
        bytes: PDF.to_vec(),
    })?;
    db.tx(|conn| dossier::add(conn, &ctx, id, file)).map(|_| ())
}

/// Every required file of the demo's rounds.
pub fn complete_dossier(db: &AppDb, id: &str) {
    for kind in DEFAULT_REQUIRED_DOCUMENTS {
        add_file(db, id, kind).unwrap();
    }
}

/// Takes `step` as `username` on the nomination's current version.
pub fn take(
    db: &AppDb,
    username: &str,
    id: &str,
    step: Step,
    comment: Option<&str>,
) -> Result<Nomination, ApiError> {
    let ctx: Context = db.ctx(username);
    let s = NominationStep::new(step, comment.map(str::to_string));
    db.tx(|conn| nominations::take(conn, &ctx, id, &s, IfMatch::Any))
}

/// A complete nomination submitted by the unit head.
pub fn submitted(db: &AppDb, input: NewNomination) -> Nomination {
    let n = drafted(db, input);
    complete_dossier(db, &n.id);
    take(db, "unit_head", &n.id, Step::Submit, None).unwrap()
}

/// Submitted, consolidated by DIC and approved by Home Affairs.
pub fn approved(db: &AppDb, input: NewNomination) -> Nomination {
    let n = submitted(db, input);
    take(
        db,
        "dic_officer",
        &n.id,
        Step::Consolidate,
        Some("215/TTr-STTTT"),
    )
    .unwrap();
    take(
        db,
        "home_affairs_officer",
        &n.id,
        Step::Approve,
        Some("Đủ điều kiện."),
    )
    .unwrap()
}
