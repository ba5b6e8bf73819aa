//! Demo nominations: the interim round 2022–2023 as it could have run — nominations
//! from many member units in every state of the workflow, their dossiers, DIC's
//! submission to Home Affairs, the appraisals, the Chair's decision inside the quota and
//! the state awards' public comment, forwarding and central outcome — and the final
//! round open with a few drafts. Rows are written as the API would have written them
//! (same columns, versions, history steps and actors); dates are fixed, so the demo is
//! the same every time.

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

/// A one-page PDF naming the document (ASCII text; the file's name keeps the marks).
fn pdf(lines: &[String]) -> Vec<u8> {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let ascii = |s: &str| -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c if c.is_ascii() && !c.is_ascii_control() => c,
                _ => '-',
            })
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect()
    };
    let mut text = String::from("BT /F1 12 Tf 56 780 Td 16 TL");
    for l in lines {
        text.push_str(&format!(" ({}) '", ascii(l)));
    }
    text.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn file_name(kind: &str, round: &RoundRow) -> String {
    match kind {
        "proposal_letter" => "Tờ trình đề nghị khen thưởng.pdf".into(),
        "council_minutes" => "Biên bản họp Hội đồng Thi đua - Khen thưởng.pdf".into(),
        "achievement_report" => "Báo cáo thành tích.pdf".into(),
        "achievement_summary" => "Tóm tắt thành tích.pdf".into(),
        "movement_report" if round.kind == RoundKind::Interim => format!(
            "Báo cáo sơ kết phong trào thi đua {} - {}.pdf",
            round.period_start_year, round.period_end_year
        ),
        "movement_report" => format!(
            "Báo cáo tổng kết phong trào thi đua {} - {}.pdf",
            round.period_start_year, round.period_end_year
        ),
        "launch_plan" => "Kế hoạch phát động phong trào thi đua.pdf".into(),
        _ => "Tài liệu kèm theo.pdf".into(),
    }
}

fn document(
    row: &NominationRow,
    round: &RoundRow,
    kind: DocumentKind,
    uploaded_by: &str,
    at: NaiveDateTime,
) -> DocumentRow {
    let name = file_name(kind.as_str(), round);
    let mut lines = vec![
        name.trim_end_matches(".pdf").to_string(),
        row.nominee_name.clone(),
        row.workplace.clone(),
        round.title.clone(),
    ];
    if row.return_reason.is_some() {
        lines.push("Bản bổ sung".into());
    }
    let content = pdf(&lines);
    DocumentRow {
        id: new_id(),
        nomination_id: row.id.clone(),
        kind,
        file_name: name,
        media_type: "application/pdf".into(),
        size_bytes: content.len() as i64,
        sha256: hex::encode(Sha256::digest(&content)),
        content,
        uploaded_by: uploaded_by.into(),
        uploaded_at: at,
        removed_at: None,
    }
}

/// The nomination as drafted (nominee columns as `set_nominee` fills them).
fn drafted(
    c: &Case,
    round: &RoundRow,
    units: &HashMap<&str, String>,
    names: &HashMap<String, String>,
    created: NaiveDateTime,
) -> Result<NominationRow, SeedError> {
    let unit_id = |code: &str| {
        units
            .get(code)
            .cloned()
            .ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")))
    };
    let mut row = NominationRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: round.movement_id.clone(),
        unit_id: unit_id(c.unit)?,
        award_form: vocab(c.form)?,
        nominee_kind: NomineeKind::Individual,
        nominee_unit_id: None,
        nominee_name: String::new(),
        nominee_search: String::new(),
        nominee_key: String::new(),
        women_share_percent: None,
        gender: None,
        birth_year: None,
        position: String::new(),
        workplace: String::new(),
        achievement_summary: c.summary.into(),
        clean_record: c.clean_record,
        status: State::Draft,
        submitted_at: None,
        return_reason: None,
        submission_id: None,
        consolidated_at: None,
        appraisal_verdict: None,
        appraisal_opinion: None,
        appraised_at: None,
        version: 1,
        created_at: created,
        updated_at: created,
    };
    match c.who {
        Who::Collective { unit, team, women } => {
            let id = unit_id(unit)?;
            let name = names
                .get(&id)
                .cloned()
                .ok_or_else(|| SeedError::Invalid(format!("unknown unit {unit}")))?;
            row.nominee_kind = NomineeKind::Collective;
            row.women_share_percent = Some(women);
            row.workplace = name.clone();
            match team {
                Some(t) => {
                    row.nominee_key = Nominee::Collective {
                        unit_id: &id,
                        team: Some(t),
                    }
                    .key();
                    row.nominee_search = normalize(&format!("{t} {name}"));
                    row.nominee_name = t.into();
                }
                None => {
                    row.nominee_key = Nominee::Collective {
                        unit_id: &id,
                        team: None,
                    }
                    .key();
                    row.nominee_search = normalize(&name);
                    row.nominee_name = name;
                }
            }
            row.nominee_unit_id = Some(id);
        }
        Who::Person {
            name,
            female,
            birth_year,
            position,
            workplace,
        } => {
            row.nominee_kind = NomineeKind::Individual;
            row.gender = Some(if female { Gender::Female } else { Gender::Male });
            row.birth_year = Some(birth_year);
            row.position = position.into();
            row.workplace = workplace.into();
            row.nominee_key = Nominee::Person {
                full_name: name,
                birth_year,
            }
            .key();
            row.nominee_search = normalize(name);
            row.nominee_name = name.into();
        }
    }
    Ok(row)
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

/// The steps of case `i` (the create step first), and what they leave in the outcome
/// row; the comment windows are counted in working days as the API counts them.
fn timeline(
    c: &Case,
    i: usize,
    round: &Round<'_>,
    created: NaiveDateTime,
) -> Result<(Timeline, OutcomeRow), SeedError> {
    let r = round.row;
    let mut t = Timeline(Vec::new());
    let mut out = OutcomeRow::default();
    t.step("create", ("", "draft"), By::UnitOfficer, None, created);
    let submitted = match c.fate {
        Fate::Draft { .. } => return Ok((t, out)),
        // Sent on the window's last days, after DIC had prepared its letter.
        Fate::Submitted => at(2023, 11, 29, 2, 30)?,
        _ => created + Duration::days(21 + (i % 3) as i64) + Duration::hours(1),
    };
    if submitted.date() > r.nomination_closes_on {
        return Err(SeedError::Invalid("submitted after the window".into()));
    }
    t.step(
        "submit",
        ("draft", "submitted"),
        By::UnitHead,
        None,
        submitted,
    );
    let consolidated = round
        .submission
        .map(|s| s.sent_at)
        .ok_or_else(|| SeedError::Invalid("no submission in the round".into()))?;
    let decided = round
        .decision
        .map(|d| d.created_at)
        .ok_or_else(|| SeedError::Invalid("no decision in the round".into()))?;
    let consolidate = |t: &mut Timeline| {
        t.step(
            "consolidate",
            ("submitted", "consolidated"),
            By::Dic,
            Some(SUBMISSION_LETTER),
            consolidated,
        )
    };
    // State awards are appraised first: their public comment takes ten working days.
    let appraised = if c.form == SA {
        at(2023, 12, 7, 2, 0)?
    } else {
        at(2023, 12, 12 + (i % 4) as u32, 2, 0)?
    } + Duration::minutes(10 * i as i64);
    let approve = |t: &mut Timeline, opinion: &str| {
        t.step(
            "approve",
            ("consolidated", "approved"),
            By::HomeAffairs,
            Some(opinion),
            appraised,
        )
    };
    let window = |opens: NaiveDate| {
        let closes = round
            .calendar
            .add_working_days(opens, r.comment_working_days.max(0) as u32);
        (Some(opens), Some(closes))
    };
    match c.fate {
        Fate::Draft { .. } | Fate::Submitted => {}
        Fate::Returned { reason } => t.step(
            "return",
            ("submitted", "returned"),
            By::Dic,
            Some(reason),
            submitted + Duration::days(8),
        ),
        Fate::Withdrawn { comment } => t.step(
            "withdraw",
            ("submitted", "withdrawn"),
            By::UnitHead,
            Some(comment),
            submitted + Duration::days(10),
        ),
        Fate::Consolidated => consolidate(&mut t),
        Fate::Approved { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
        }
        Fate::Rejected { opinion } => {
            consolidate(&mut t);
            t.step(
                "reject",
                ("consolidated", "rejected"),
                By::HomeAffairs,
                Some(opinion),
                appraised,
            );
        }
        Fate::Awarded {
            opinion,
            returned_once,
        } => {
            if let Some(reason) = returned_once {
                let back = submitted + Duration::days(6);
                t.step(
                    "return",
                    ("submitted", "returned"),
                    By::Dic,
                    Some(reason),
                    back,
                );
                let again = back + Duration::days(7);
                if again.date() > r.nomination_closes_on {
                    return Err(SeedError::Invalid("resubmitted after the window".into()));
                }
                t.step(
                    "submit",
                    ("returned", "submitted"),
                    By::UnitHead,
                    None,
                    again,
                );
            }
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "award",
                ("approved", "awarded"),
                By::Chair,
                Some(DECISION_NUMBER),
                decided,
            );
        }
        Fate::NotAwarded { opinion, reason } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "close",
                ("approved", "not_awarded"),
                By::Chair,
                Some(reason),
                decided + Duration::minutes(30),
            );
            out.not_awarded_reason = Some(reason.into());
        }
        Fate::Posted { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 27, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
        }
        Fate::Forwarded { opinion }
        | Fate::StateAwarded { opinion, .. }
        | Fate::StateDeclined { opinion, .. } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 8, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
            // Forwarded once the comment window has closed.
            let forwarded = at(2023, 12, 26, 3, 0)?;
            if out.comment_closes_on.is_some_and(|c| forwarded.date() <= c) {
                return Err(SeedError::Invalid(
                    "forwarded inside the comment window".into(),
                ));
            }
            t.step(
                "forward",
                ("posted_for_comment", "forwarded_to_central"),
                By::Chair,
                None,
                forwarded,
            );
            out.forwarded_at = Some(forwarded);
            let recorded = at(2024, 4, 15, 2, 0)?;
            match c.fate {
                Fate::StateAwarded {
                    number, decided_on, ..
                } => {
                    t.step(
                        "state_awarded",
                        ("forwarded_to_central", "state_awarded"),
                        By::Chair,
                        None,
                        recorded,
                    );
                    out.central_decision_number = Some(number.into());
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                Fate::StateDeclined {
                    comment,
                    decided_on,
                    ..
                } => {
                    t.step(
                        "state_declined",
                        ("forwarded_to_central", "state_declined"),
                        By::Chair,
                        Some(comment),
                        recorded,
                    );
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                _ => {}
            }
        }
    }
    Ok((t, out))
}

/// Writes case `i` of the round with its dossier, history, submission link and
/// outcome; returns the nomination and the number of files.
fn write(
    conn: &mut DbConnection,
    c: &Case,
    i: usize,
    round: &Round<'_>,
    cx: &Context<'_>,
) -> Result<(NominationRow, usize), SeedError> {
    let r = round.row;
    let created = (r.nomination_opens_on + Duration::days(1 + i as i64))
        .and_hms_opt(1, 30, 0)
        .ok_or_else(|| SeedError::Invalid("bad time".into()))?
        + Duration::minutes(17 * i as i64);
    let mut row = drafted(c, r, cx.units, cx.names, created)?;
    let (_, uploader, _) = cx.actors.of(By::UnitOfficer, &row.unit_id);
    let uploader = uploader.to_string();
    let (t, mut outcome) = timeline(c, i, round, created)?;

    // The dossier: uploaded the day after drafting (all required kinds once submitted).
    let kinds: Vec<DocumentKind> = r
        .required_documents
        .split_whitespace()
        .map(vocab)
        .collect::<Result<_, _>>()?;
    let count = match c.fate {
        Fate::Draft { documents } => documents.min(kinds.len()),
        _ => kinds.len(),
    };
    let uploaded = created + Duration::days(1);
    let mut docs: Vec<DocumentRow> = kinds[..count]
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            document(
                &row,
                r,
                *kind,
                &uploader,
                uploaded + Duration::minutes(6 * k as i64),
            )
        })
        .collect();
    // Returned once: the unit replaced the minutes before submitting again.
    let mut submits = t.0.iter().filter(|e| e.action == "submit").map(|e| e.at);
    if let (Some(_), Some(again)) = (submits.next(), submits.next()) {
        let fixed = again - Duration::days(1);
        if let Some(old) = docs
            .iter_mut()
            .find(|d| d.kind == DocumentKind::CouncilMinutes)
        {
            old.removed_at = Some(fixed);
        }
        // The replacement says so: drafted while the nomination was returned.
        let returned = NominationRow {
            return_reason: Some(String::new()),
            ..row.clone()
        };
        docs.push(document(
            &returned,
            r,
            DocumentKind::CouncilMinutes,
            &uploader,
            fixed + Duration::minutes(5),
        ));
    }
    // Each upload and removal moved the version, as each step did.
    let changes = docs.len() + docs.iter().filter(|d| d.removed_at.is_some()).count();
    for e in &t.0[1..] {
        match e.action {
            "submit" => {
                row.submitted_at = Some(e.at);
                row.return_reason = None;
            }
            "return" => row.return_reason = e.comment.clone(),
            "consolidate" => {
                row.submission_id = round.submission.map(|s| s.id.clone());
                row.consolidated_at = Some(e.at);
            }
            "approve" | "reject" => {
                row.appraisal_verdict = Some(vocab(e.action)?);
                row.appraisal_opinion = e.comment.clone();
                row.appraised_at = Some(e.at);
            }
            _ => {}
        }
        row.status = vocab(e.to)?;
    }
    row.version = 1 + (changes + t.0.len() - 1) as i32;
    row.updated_at =
        t.0.iter()
            .map(|e| e.at)
            .chain(docs.iter().map(|d| d.removed_at.unwrap_or(d.uploaded_at)))
            .max()
            .unwrap_or(created);

    repo::insert(conn, &row)?;
    docs.sort_by_key(|d| d.uploaded_at);
    for d in &docs {
        crate::db::repo::dossier::insert_document(conn, d)?;
    }
    for e in &t.0 {
        let (id, username, role) = cx.actors.of(e.by, &row.unit_id);
        workflow::record(
            conn,
            &workflow::Step {
                resource_type: "nomination",
                resource_id: &row.id,
                action: e.action,
                from_status: e.from,
                to_status: e.to,
                actor_id: id,
                actor_username: username,
                actor_role: role,
                comment: e.comment.as_deref(),
                at: e.at,
            },
        )?;
    }
    if let (Some(sub), Some(_)) = (round.submission, row.consolidated_at) {
        submissions::add_nominations(conn, &sub.id, std::slice::from_ref(&row.id))?;
    }
    outcome.nomination_id = row.id.clone();
    let empty = OutcomeRow {
        nomination_id: row.id.clone(),
        ..OutcomeRow::default()
    };
    if outcome != empty {
        repo::save_outcome(conn, &outcome)?;
    }
    Ok((row, docs.len()))
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
