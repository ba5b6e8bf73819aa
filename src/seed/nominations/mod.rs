//! Demo nominations: the interim round 2022–2023 as it could have run — nominations
//! from many member units in every state of the workflow, their dossiers, DIC's
//! submission to Home Affairs, the appraisals, the Chair's decision inside the quota and
//! the state awards' public comment, forwarding and central outcome — and the final
//! round open with a few drafts. Rows are written as the API would have written them
//! (same columns, versions, history steps and actors); dates are fixed, so the demo is
//! the same every time.

mod documents;
mod timeline;
mod write;

use documents::document;
use timeline::timeline;
use write::write;

use super::nomination_cases::{Case, Fate, Who, FINAL, INTERIM, PM, SA};
use super::{data, history::HOLIDAYS, SeedError};
use crate::db::models::{
    new_id, DecisionRow, DocumentRow, MovementRow, NominationRow, OutcomeRow, RoundRow,
    SubmissionRow, UserRow,
};
use crate::db::repo::{decisions, movements, nominations as repo, submissions, users, workflow};
use crate::db::DbConnection;
use crate::domain::award::{DocumentKind, NomineeKind, RoundKind};
use crate::domain::calendar::Calendar;
use crate::domain::nomination::State;
use crate::domain::nominee::Gender;
use crate::domain::nominee::Nominee;
use crate::domain::search::normalize;
use crate::domain::vocab::UnknownValue;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// DIC's letter sending the consolidated nominations to Home Affairs.
pub const SUBMISSION_LETTER: &str = "215/TTr-STTTT";
/// The Chair's decision of the interim round.
pub const DECISION_NUMBER: &str = "3012/QĐ-UBND";

pub struct Counts {
    pub nominations: usize,
    pub documents: usize,
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<NaiveDateTime, SeedError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, 0))
        .ok_or_else(|| SeedError::Invalid(format!("bad date {y}-{m}-{d}")))
}

fn day(s: &str) -> Result<NaiveDate, SeedError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| SeedError::Invalid(format!("bad date {s}")))
}

/// Who takes a step.
#[derive(Clone, Copy)]
enum By {
    UnitOfficer,
    UnitHead,
    Dic,
    HomeAffairs,
    Chair,
}

struct Event {
    action: &'static str,
    from: &'static str,
    to: &'static str,
    by: By,
    comment: Option<String>,
    at: NaiveDateTime,
}

/// The demo accounts acting in the workflow. The demo unit's steps are its own
/// accounts'; another unit's steps are the seed's (no account per unit), as in
/// `history`.
struct Actors {
    officer: UserRow,
    head: UserRow,
    dic: UserRow,
    home_affairs: UserRow,
    chair: UserRow,
}

impl Actors {
    fn load(conn: &mut DbConnection) -> Result<Self, SeedError> {
        let mut user = |name: &str| -> Result<UserRow, SeedError> {
            users::find_by_username(conn, name)?
                .ok_or_else(|| SeedError::Invalid(format!("no demo account {name}")))
        };
        Ok(Self {
            officer: user("unit_officer")?,
            head: user("unit_head")?,
            dic: user("dic_officer")?,
            home_affairs: user("home_affairs_officer")?,
            chair: user("chair")?,
        })
    }

    /// (actor id, username, role) of a step on a nomination of `unit_id`.
    fn of(&self, by: By, unit_id: &str) -> (&str, &str, &'static str) {
        let own = unit_id == self.officer.unit_id;
        let (user, role) = match by {
            By::UnitOfficer => (own.then_some(&self.officer), "unit_officer"),
            By::UnitHead => (own.then_some(&self.head), "unit_head"),
            By::Dic => (Some(&self.dic), "dic_officer"),
            By::HomeAffairs => (Some(&self.home_affairs), "home_affairs_officer"),
            By::Chair => (Some(&self.chair), "chair"),
        };
        match user {
            Some(u) => (&u.id, &u.username, role),
            None => ("seed", "seed", role),
        }
    }
}

/// The steps a nomination went through, oldest first.
struct Timeline(Vec<Event>);

impl Timeline {
    fn step(
        &mut self,
        action: &'static str,
        (from, to): (&'static str, &'static str),
        by: By,
        comment: Option<&str>,
        at: NaiveDateTime,
    ) {
        self.0.push(Event {
            action,
            from,
            to,
            by,
            comment: comment.map(str::to_string),
            at,
        });
    }
}

/// What happened in the round, shared by its nominations.
struct Round<'a> {
    row: &'a RoundRow,
    calendar: &'a Calendar,
    submission: Option<&'a SubmissionRow>,
    decision: Option<&'a DecisionRow>,
}

/// Shared look-ups.
struct Context<'a> {
    actors: &'a Actors,
    units: &'a HashMap<&'a str, String>,
    names: &'a HashMap<String, String>,
}

fn round_of(
    conn: &mut DbConnection,
    movement: &MovementRow,
    kind: RoundKind,
) -> Result<RoundRow, SeedError> {
    let code = data::MOVEMENT
        .rounds
        .iter()
        .find(|r| r.kind == kind)
        .map(|r| r.code)
        .ok_or_else(|| SeedError::Invalid(format!("no {kind} round in the demo")))?;
    movements::list_rounds(conn, &movement.id, Some(kind), None, 100)?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or_else(|| SeedError::Invalid(format!("round {code} not loaded")))
}

/// `units`: member unit id by code.
pub fn load(
    conn: &mut DbConnection,
    movement: &MovementRow,
    units: &HashMap<&str, String>,
) -> Result<Counts, SeedError> {
    let actors = Actors::load(conn)?;
    let names: HashMap<String, String> = data::UNITS
        .iter()
        .filter_map(|u| units.get(u.code).map(|id| (id.clone(), u.name.to_string())))
        .collect();
    let mut holidays = Vec::new();
    for (d, _) in HOLIDAYS {
        holidays.push(day(d)?);
    }
    let calendar = Calendar::new(holidays);
    let cx = Context {
        actors: &actors,
        units,
        names: &names,
    };
    let mut counts = Counts {
        nominations: 0,
        documents: 0,
    };

    let interim = round_of(conn, movement, RoundKind::Interim)?;
    let submission = SubmissionRow {
        id: new_id(),
        round_id: interim.id.clone(),
        movement_id: movement.id.clone(),
        letter_number: SUBMISSION_LETTER.into(),
        letter_date: day("2023-12-05")?,
        note: format!(
            "Đề nghị Sở Nội vụ thẩm định, trình Chủ tịch UBND Tỉnh khen thưởng {}.",
            interim.title.to_lowercase()
        ),
        sent_by: actors.dic.id.clone(),
        sent_at: at(2023, 12, 5, 3, 0)?,
    };
    submissions::insert(conn, &submission)?;
    let decision = DecisionRow {
        id: new_id(),
        round_id: interim.id.clone(),
        movement_id: movement.id.clone(),
        issuer_unit_id: actors.chair.unit_id.clone(),
        number: DECISION_NUMBER.into(),
        year: 2023,
        signed_on: day("2023-12-28")?,
        signer: "Chủ tịch UBND Tỉnh".into(),
        created_by: actors.chair.id.clone(),
        created_at: at(2023, 12, 28, 8, 0)?,
    };
    decisions::insert(conn, &decision)?;
    let round = Round {
        row: &interim,
        calendar: &calendar,
        submission: Some(&submission),
        decision: Some(&decision),
    };
    let mut awarded: HashMap<String, i32> = HashMap::new();
    let mut forwarded: HashMap<String, i32> = HashMap::new();
    for (i, c) in INTERIM.iter().enumerate() {
        let (row, docs) = write(conn, c, i, &round, &cx)?;
        if row.status == State::Awarded {
            decisions::add_nominations(conn, &decision.id, std::slice::from_ref(&row.id))?;
            *awarded.entry(row.nominee_kind.to_string()).or_default() += 1;
        }
        if matches!(
            row.status.as_str(),
            "forwarded_to_central" | "state_awarded" | "state_declined"
        ) {
            *forwarded.entry(row.nominee_kind.to_string()).or_default() += 1;
        }
        counts.nominations += 1;
        counts.documents += docs;
    }
    // The decision's places, taken as the API takes them: never past the quota.
    for (kind, n) in &awarded {
        if !decisions::claim(conn, &interim.id, PM, kind, *n)? {
            return Err(SeedError::Invalid(format!(
                "decision {DECISION_NUMBER} exceeds the {kind} quota"
            )));
        }
    }

    // State-award places are taken when the Chair forwards (no fixed quota in the plan).
    for (kind, n) in &forwarded {
        if !decisions::claim_where_set(conn, &interim.id, "state_award", kind, *n)? {
            return Err(SeedError::Invalid(format!(
                "the forwarded state awards exceed the {kind} quota"
            )));
        }
    }

    let fin = round_of(conn, movement, RoundKind::Final)?;
    let round = Round {
        row: &fin,
        calendar: &calendar,
        submission: None,
        decision: None,
    };
    for (i, c) in FINAL.iter().enumerate() {
        let (_, docs) = write(conn, c, i, &round, &cx)?;
        counts.nominations += 1;
        counts.documents += docs;
    }
    Ok(counts)
}

/// A vocabulary value of the demo data (a typo in it is an error, not a default).
fn vocab<T: std::str::FromStr<Err = UnknownValue>>(s: &str) -> Result<T, SeedError> {
    s.parse()
        .map_err(|e: UnknownValue| SeedError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::documents::pdf;
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn texts(c: &Case) -> Vec<&'static str> {
        let mut out = vec![c.summary];
        match c.who {
            Who::Collective { team, .. } => out.extend(team),
            Who::Person {
                name,
                position,
                workplace,
                ..
            } => out.extend([name, position, workplace]),
        }
        match c.fate {
            Fate::Returned { reason } => out.push(reason),
            Fate::Withdrawn { comment } => out.push(comment),
            Fate::Approved { opinion }
            | Fate::Rejected { opinion }
            | Fate::Awarded { opinion, .. }
            | Fate::Posted { opinion }
            | Fate::Forwarded { opinion }
            | Fate::StateAwarded { opinion, .. } => out.push(opinion),
            Fate::NotAwarded { opinion, reason } => out.extend([opinion, reason]),
            Fate::StateDeclined {
                opinion, comment, ..
            } => out.extend([opinion, comment]),
            Fate::Draft { .. } | Fate::Submitted | Fate::Consolidated => {}
        }
        out
    }

    #[test]
    fn demo_texts_are_nfc() {
        for c in INTERIM.iter().chain(FINAL) {
            for t in texts(c) {
                assert_eq!(t.nfc().collect::<String>(), t, "{t}");
            }
        }
    }

    #[test]
    fn the_pdf_is_well_formed() {
        let bytes = pdf(&["Tờ trình (đề nghị)".to_string()]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        assert!(text.contains("(To trinh \\(de nghi\\)) '"));
        // Every xref offset points at its object.
        let xref = text.find("xref\n").unwrap();
        let start: usize = text.lines().rev().nth(1).unwrap().parse().unwrap();
        assert_eq!(start, xref);
        for (n, line) in text[xref..].lines().skip(3).take(5).enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", n + 1)),
                "{line}"
            );
        }
        assert_eq!(
            crate::domain::dossier::sniff(&bytes).map(|t| t.media_type()),
            Some("application/pdf")
        );
    }
}
