//! Nominees' personal data (issue 9 item 16; Law 91/2025/QH15, Decree 356/2025/NĐ-CP):
//! names, year of birth, gender, position and dossier files are read only where the
//! audit trail says who read them, exported to the admin on request, and anonymised
//! once a nomination that led to no award has outlived its retention period.
//!
//! - Reads: every dossier download, and every read of an individual nomination's
//!   personal fields by a user outside the proposing unit, are audit events written in
//!   the same request ([`audit_read`], [`audit_page_read`], [`audit_download`]). A list
//!   page is one event naming the nominations read, so lists stay one insert away.
//! - [`export`]: everything held under one person's nominee key, as one document.
//! - [`anonymise`]: the retention run, from the CLI and periodically from `serve`.

mod anonymise;
mod export;
mod schedule;

pub use anonymise::{anonymise, AnonymisationRun, AnonymisedNomination, RetentionRun};
pub use export::{
    download, export, HeldDocument, HeldNomination, PersonalDataExport, PersonalDataQuery,
};
pub use schedule::schedule;

use crate::app::nominations::{Nomination, NominationSummary};
use crate::app::{Context, Result};
use crate::auth::policy::reads_as_outsider;
use crate::db::models::DocumentRow;
use crate::db::repo::audit as audit_repo;
use crate::db::DbConnection;
use crate::domain::award::NomineeKind;
use crate::error::{ApiError, ErrorCode};
use serde_json::json;

/// The audit action of a single read of a nomination's personal fields.
pub const READ_ACTION: &str = "nomination.read";
/// The audit action of a list page holding other units' individual nominations; its
/// `resource_id` is `*` and `changes.nomination_ids` names them.
pub const LIST_ACTION: &str = "nomination.list";
/// The audit action of a dossier file download.
pub const DOWNLOAD_ACTION: &str = "nomination.document.download";

/// The personal fields a read of an individual nomination shows.
const PERSONAL_FIELDS: [&str; 3] = ["nominee_name", "individual", "achievement_summary"];
/// The personal fields a read of a household nomination shows (its head's name).
const HOUSEHOLD_FIELDS: [&str; 3] = ["nominee_name", "household", "achievement_summary"];
/// What a list item shows of a person (`NominationSummary`).
const LISTED_PERSONAL_FIELDS: [&str; 1] = ["nominee_name"];

fn personal_read_by_outsider(ctx: &Context, n: &Nomination) -> bool {
    n.nominee_kind.names_a_person() && reads_as_outsider(&ctx.actor, &n.unit_id)
}

/// Records the read of one nomination when it names a person and the reader is outside
/// the proposing unit.
pub fn audit_read(conn: &mut DbConnection, ctx: &Context, n: &Nomination) -> Result<()> {
    if !personal_read_by_outsider(ctx, n) {
        return Ok(());
    }
    audit_repo::record(
        conn,
        &ctx.audit_actor(),
        READ_ACTION,
        "nomination",
        &n.id,
        &json!({"fields": if n.nominee_kind == NomineeKind::Household {
            HOUSEHOLD_FIELDS
        } else {
            PERSONAL_FIELDS
        }, "unit_id": n.unit_id}),
    )?;
    Ok(())
}

/// Records one event for a list page, naming the nominations on it that name a person
/// and were proposed by another unit than the reader's (none: no event).
pub fn audit_page_read(
    conn: &mut DbConnection,
    ctx: &Context,
    items: &[NominationSummary],
) -> Result<()> {
    let ids: Vec<&str> = items
        .iter()
        .filter(|n| n.nominee_kind.names_a_person() && reads_as_outsider(&ctx.actor, &n.unit_id))
        .map(|n| n.id.as_str())
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    audit_repo::record(
        conn,
        &ctx.audit_actor(),
        LIST_ACTION,
        "nomination",
        "*",
        &json!({"fields": LISTED_PERSONAL_FIELDS, "nomination_ids": ids}),
    )?;
    Ok(())
}

/// Records a dossier download (by anyone), and refuses a file whose content was erased
/// by the anonymisation (410): an upload is never empty, so empty content is erased.
pub fn audit_download(conn: &mut DbConnection, ctx: &Context, doc: &DocumentRow) -> Result<()> {
    if doc.content.is_empty() {
        return Err(ApiError::new(ErrorCode::PersonalDataErased));
    }
    record_download(conn, ctx, doc, None)
}

fn record_download(
    conn: &mut DbConnection,
    ctx: &Context,
    doc: &DocumentRow,
    purpose: Option<&str>,
) -> Result<()> {
    audit_repo::record(
        conn,
        &ctx.audit_actor(),
        DOWNLOAD_ACTION,
        "nomination",
        &doc.nomination_id,
        &json!({
            "document_id": doc.id, "kind": doc.kind, "file_name": doc.file_name,
            "sha256": doc.sha256, "size_bytes": doc.size_bytes, "purpose": purpose,
        }),
    )?;
    Ok(())
}
