//! The retention run: the personal data of nominations that led to no award — withdrawn,
//! returned and not resubmitted, rejected, closed without award or declined centrally —
//! is anonymised once their last step is older than the retention period. Awarded
//! nominations (the public record) are never touched.
//!
//! One use case for the CLI (`thidua personal-data anonymise [--dry-run]`) and the
//! periodic run inside `serve`. One transaction per batch; each nomination is claimed by
//! a conditional update on its version and state, so several instances may run it at
//! once (the loser of a race skips the row) and a second run finds nothing: idempotent.

use crate::app::{in_transaction, Result};
use crate::db::models::NominationRow;
use crate::db::repo::audit::{self as audit_repo, AuditActor};
use crate::db::repo::personal_data::{self as repo, AnonymisationRow};
use crate::db::DbConnection;
use crate::domain::award::NomineeKind;
use crate::domain::nomination::State;
use crate::domain::personal_data::{
    anonymisable_states, anonymised_key, anonymised_search, generalised_birth_year, ground,
    redact_json, redact_text, Ground, ANONYMISED,
};
use crate::error::ApiError;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::json;

/// The audit action of one nomination's anonymisation.
pub const ANONYMISE_ACTION: &str = "nomination.anonymise";

/// How a run goes.
#[derive(Debug, Clone)]
pub struct RetentionRun {
    pub now: DateTime<Utc>,
    pub retention_days: i64,
    /// List what would be anonymised; change nothing.
    pub dry_run: bool,
    /// Nominations per transaction.
    pub batch_size: i64,
    /// Who runs it, for the audit trail (`cli`, `serve`).
    pub by: String,
}

impl RetentionRun {
    pub fn new(now: DateTime<Utc>, retention_days: i64, dry_run: bool, by: &str) -> Self {
        Self {
            now,
            retention_days,
            dry_run,
            batch_size: 100,
            by: by.into(),
        }
    }
}

/// One nomination anonymised (or, in a dry run, that would be).
#[derive(Debug, Clone, Serialize)]
pub struct AnonymisedNomination {
    pub nomination_id: String,
    pub status: State,
    pub ground: Ground,
    pub nominee_kind: NomineeKind,
    pub files_erased: i64,
}

/// What a run did.
#[derive(Debug, Clone, Serialize)]
pub struct AnonymisationRun {
    /// Nominations whose last step is before this time were due.
    pub cutoff: DateTime<Utc>,
    pub dry_run: bool,
    pub nominations: Vec<AnonymisedNomination>,
    /// Due, but changed by someone else (or another instance) meanwhile: left alone.
    pub skipped: usize,
    /// Stored answers of retried requests older than the cut-off, forgotten.
    pub forgotten_answers: usize,
}

/// Runs the retention rule once over every due nomination.
pub fn anonymise(conn: &mut DbConnection, run: &RetentionRun) -> Result<AnonymisationRun> {
    let cutoff = (run.now - Duration::days(run.retention_days)).naive_utc();
    let states = anonymisable_states();
    let actor = AuditActor {
        user_id: None,
        username: Some(format!("system:{}", run.by)),
        roles: String::new(),
        request_id: None,
    };
    let mut out = AnonymisationRun {
        cutoff: cutoff.and_utc(),
        dry_run: run.dry_run,
        nominations: Vec::new(),
        skipped: 0,
        forgotten_answers: 0,
    };
    let mut after: Option<String> = None;
    loop {
        let batch = |c: &mut DbConnection| -> Result<(usize, Option<String>, Vec<Option<_>>)> {
            let rows = repo::candidates(c, &states, cutoff, after.as_deref(), run.batch_size)?;
            let last = rows.last().map(|r| r.id.clone());
            let mut done = Vec::new();
            for row in &rows {
                done.push(if run.dry_run {
                    Some(would_anonymise(c, row)?)
                } else {
                    anonymise_one(c, row, run, &actor)?
                });
            }
            Ok((rows.len(), last, done))
        };
        let (count, last, done) = if run.dry_run {
            batch(conn)?
        } else {
            in_transaction(conn, batch)?
        };
        for d in done {
            match d {
                Some(n) => out.nominations.push(n),
                None => out.skipped += 1,
            }
        }
        after = last;
        if i64::try_from(count).unwrap_or(i64::MAX) < run.batch_size {
            break;
        }
    }
    if !run.dry_run {
        out.forgotten_answers =
            in_transaction(conn, |c| Ok(repo::forget_answers_before(c, cutoff)?))?;
    }
    if !out.nominations.is_empty() {
        tracing::info!(
            anonymised = out.nominations.len(),
            skipped = out.skipped,
            dry_run = run.dry_run,
            "personal data retention run"
        );
    }
    Ok(out)
}

fn ground_of(row: &NominationRow) -> Result<Ground> {
    ground(row.status).ok_or_else(|| {
        ApiError::internal(format!(
            "nomination {} is not due for anonymisation",
            row.id
        ))
    })
}

fn would_anonymise(conn: &mut DbConnection, row: &NominationRow) -> Result<AnonymisedNomination> {
    Ok(AnonymisedNomination {
        nomination_id: row.id.clone(),
        status: row.status,
        ground: ground_of(row)?,
        nominee_kind: row.nominee_kind,
        files_erased: i64::try_from(repo::file_names(conn, &row.id)?.len()).unwrap_or(i64::MAX),
    })
}

/// The nomination with its person replaced: name, key, position and achievement become
/// the placeholder, the year of birth its decade; gender and workplace stay (the figures
/// by gender and unit still hold); the name leaves the reasons and opinions. A
/// household's head is a person too (its commune stays, as a workplace does). A
/// collective names no person: only its files are erased.
fn anonymised_row(row: &NominationRow, at: NaiveDateTime) -> NominationRow {
    let mut new = row.clone();
    new.updated_at = at;
    if !row.nominee_kind.names_a_person() {
        return new;
    }
    let name = &row.nominee_name;
    new.nominee_name = ANONYMISED.into();
    new.nominee_search = anonymised_search();
    new.nominee_key = anonymised_key(&row.id);
    new.birth_year = row.birth_year.map(generalised_birth_year);
    new.position = ANONYMISED.into();
    new.achievement_summary = ANONYMISED.into();
    new.return_reason = row.return_reason.as_deref().map(|t| redact_text(t, name));
    new.appraisal_opinion = row
        .appraisal_opinion
        .as_deref()
        .map(|t| redact_text(t, name));
    new
}

/// Anonymises one nomination, or `None` when someone changed it since it was read.
fn anonymise_one(
    conn: &mut DbConnection,
    row: &NominationRow,
    run: &RetentionRun,
    actor: &AuditActor,
) -> Result<Option<AnonymisedNomination>> {
    let ground = ground_of(row)?;
    let at = run.now.naive_utc();
    if !repo::overwrite_nominee(conn, &anonymised_row(row, at), row.version, row.status)? {
        return Ok(None);
    }
    let individual = row.nominee_kind.names_a_person();
    let name = row.nominee_name.as_str();
    let files = repo::file_names(conn, &row.id)?;
    for (id, file_name) in &files {
        let kept_name = if individual {
            redact_text(file_name, name)
        } else {
            file_name.clone()
        };
        repo::erase_file(conn, id, &kept_name)?;
    }
    if individual {
        redact_records(conn, &row.id, name)?;
    }
    let files_erased = i64::try_from(files.len()).map_err(ApiError::internal)?;
    repo::insert_marker(
        conn,
        &AnonymisationRow {
            nomination_id: row.id.clone(),
            anonymised_at: at,
            ground: ground.as_str().into(),
            retention_days: run.retention_days,
            files_erased,
        },
    )?;
    audit_repo::record(
        conn,
        actor,
        ANONYMISE_ACTION,
        "nomination",
        &row.id,
        &json!({
            "ground": ground, "status": row.status, "nominee_kind": row.nominee_kind,
            "retention_days": run.retention_days, "files_erased": files_erased,
        }),
    )?;
    Ok(Some(AnonymisedNomination {
        nomination_id: row.id.clone(),
        status: row.status,
        ground,
        nominee_kind: row.nominee_kind,
        files_erased,
    }))
}

/// The name leaves the workflow comments, the close's reason and the audit trail's
/// copies of the nomination (their shape stays: same events, same fields).
fn redact_records(conn: &mut DbConnection, id: &str, name: &str) -> Result<()> {
    for (event_id, comment) in repo::step_comments(conn, id)? {
        if let Some(text) = comment {
            let redacted = redact_text(&text, name);
            if redacted != text {
                repo::set_step_comment(conn, &event_id, &redacted)?;
            }
        }
    }
    if let Some(Some(reason)) = repo::not_awarded_reason(conn, id)? {
        let redacted = redact_text(&reason, name);
        if redacted != reason {
            repo::set_not_awarded_reason(conn, id, &redacted)?;
        }
    }
    for (event_id, changes) in repo::audit_changes(conn, id)? {
        let mut value: serde_json::Value =
            serde_json::from_str(&changes).map_err(ApiError::internal)?;
        redact_json(&mut value, name);
        let redacted = value.to_string();
        if redacted != changes {
            repo::set_audit_changes(conn, &event_id, &redacted)?;
        }
    }
    Ok(())
}
