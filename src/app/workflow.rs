//! The one step pipeline of every workflow (plans, reports, nominations — the Chair's
//! award in a decision and DIC's consolidation into a submission included):
//!
//! load what the caller may see (404 otherwise) → authorise (`auth::policy`) → the
//! domain's transition (409 `invalid_state`) → the step's own checks → `If-Match`
//! (412) → the changed record (taking what the step needs, such as a quota place) →
//! a conditional update on the version (lost to another request: 412 with `If-Match`,
//! else 409 with the current state) → history → audit → the event hook.
//!
//! Each resource says how it is loaded, viewed and saved ([`Workflow`]); each step what
//! it allows and changes ([`Step`]); [`take`] runs them in that order, in the caller's
//! transaction.

use super::version::IfMatch;
use super::{audit, Context, Result};
use crate::db::models::WorkflowEventRow;
use crate::db::repo::workflow as repo;
use crate::db::DbConnection;
use crate::domain::validate::Checks;
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// A record with a workflow.
pub trait Workflow {
    /// Its name in the history and the audit trail (`plan`, `report`, `nomination`).
    const RESOURCE: &'static str;
    /// The record with what its steps' rules need (its movement, round, dossier, …).
    type Record: Clone;
    /// The record as the caller reads it: the step's answer and the audit's before/after.
    type View: Serialize;

    /// The record, if the caller may see it (else 404 `not_found`).
    fn load(conn: &mut DbConnection, ctx: &Context, id: &str) -> Result<Self::Record>;
    fn id(record: &Self::Record) -> &str;
    fn version(record: &Self::Record) -> i32;
    fn view(conn: &mut DbConnection, ctx: &Context, record: &Self::Record) -> Result<Self::View>;
    /// The record as the audit trail compares it before and after a step, when that is
    /// not its view: without what no step changes and costs reads (a nomination's
    /// award history). None: the view itself.
    fn audited(
        _conn: &mut DbConnection,
        _ctx: &Context,
        _record: &Self::Record,
    ) -> Result<Option<Self::View>> {
        Ok(None)
    }
    /// Stores `record` if its stored version is still `expected`; false when not.
    fn save(conn: &mut DbConnection, record: &Self::Record, expected: i32) -> Result<bool>;
}

/// Where a step leads, as the history records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The step's name (`submit`, `return`, `award`, …).
    pub action: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    /// The role the step is taken in.
    pub acted_as: &'static str,
    /// The comment, reason or opinion, checked.
    pub comment: Option<String>,
}

/// One kind of step on records of `W`.
pub trait Step<W: Workflow> {
    /// May the caller take this step on this record (403 `forbidden` if not)?
    fn authorise(&self, conn: &mut DbConnection, ctx: &Context, record: &W::Record) -> Result<()>;
    /// Where the step leads from the record's state (409 `invalid_state` if nowhere),
    /// with its comment checked.
    fn transition(&self, ctx: &Context, record: &W::Record) -> Result<Move>;
    /// The step's own rules, which read but change nothing (a window, a complete
    /// dossier): checked before the version, so a stale caller learns what to fix.
    fn check(
        &self,
        _conn: &mut DbConnection,
        _ctx: &Context,
        _record: &W::Record,
        _to: &Move,
    ) -> Result<()> {
        Ok(())
    }
    /// The record after the step, its version not yet raised (the pipeline raises it).
    /// It may take what the step needs (a quota place) in the same transaction.
    fn apply(
        &self,
        conn: &mut DbConnection,
        ctx: &Context,
        record: W::Record,
        to: &Move,
    ) -> Result<W::Record>;
}

/// Raising a record's version: the pipeline calls it once per step.
pub trait Versioned {
    fn bump(&mut self, at: chrono::NaiveDateTime);
}

/// Takes one step: the whole pipeline, in the caller's transaction.
pub fn take<W, S>(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    step: &S,
    expected: IfMatch,
) -> Result<W::View>
where
    W: Workflow,
    W::Record: Versioned,
    S: Step<W>,
{
    let before = W::load(conn, ctx, id)?;
    take_loaded::<W, S>(conn, ctx, before, step, expected)
}

/// [`take`] on a record already loaded (as the caller may see it): batches (a decision,
/// a consolidation) load their nominations together.
pub fn take_loaded<W, S>(
    conn: &mut DbConnection,
    ctx: &Context,
    before: W::Record,
    step: &S,
    expected: IfMatch,
) -> Result<W::View>
where
    W: Workflow,
    W::Record: Versioned,
    S: Step<W>,
{
    step.authorise(conn, ctx, &before)?;
    let to = step.transition(ctx, &before)?;
    step.check(conn, ctx, &before, &to)?;
    let version = expected.check(W::version(&before))?;
    let old = match W::audited(conn, ctx, &before)? {
        Some(old) => old,
        None => W::view(conn, ctx, &before)?,
    };
    let mut after = step.apply(conn, ctx, before, &to)?;
    after.bump(ctx.now_utc());
    if !W::save(conn, &after, version)? {
        return Err(lost_race::<W, S>(conn, ctx, W::id(&after), step, expected));
    }
    let id = W::id(&after).to_string();
    record(conn, ctx, W::RESOURCE, &id, &to)?;
    let new = W::view(conn, ctx, &after)?;
    let new_audited = W::audited(conn, ctx, &after)?;
    audit::audit_changed(
        conn,
        &ctx.audit_actor(),
        &format!("{}.{}", W::RESOURCE, to.action),
        W::RESOURCE,
        &id,
        &old,
        new_audited.as_ref().unwrap_or(&new),
    )?;
    step_taken(conn, ctx, W::RESOURCE, &id, &to)?;
    Ok(new)
}

/// Another request changed the record between its load and its save. A caller that
/// named a version gets 412 `stale_version`: that version is no longer current. One that
/// named none (a batch: a decision, a consolidation; or `If-Match: *`) asked for no
/// version, so losing the race is a state conflict, answered as if the request had come
/// a moment later: the step's own 409 `invalid_state` from the record's current state,
/// or 409 `conflict` with that state when the step would still be possible (issue 9
/// item 10).
fn lost_race<W, S>(
    conn: &mut DbConnection,
    ctx: &Context,
    id: &str,
    step: &S,
    expected: IfMatch,
) -> ApiError
where
    W: Workflow,
    S: Step<W>,
{
    // Read again: the winner has committed (the conditional update waited for it).
    let current = match W::load(conn, ctx, id) {
        Ok(current) => current,
        Err(e) => return e,
    };
    if let IfMatch::Version(_) = expected {
        return ApiError::stale(W::version(&current));
    }
    match step.transition(ctx, &current) {
        Err(e) => e,
        Ok(to) => super::version::conflict(to.from, W::version(&current)),
    }
}

/// Where the notifications (outbox) will write the step's event, in the same
/// transaction; nothing subscribes to steps yet.
fn step_taken(
    _conn: &mut DbConnection,
    _ctx: &Context,
    _resource_type: &str,
    _id: &str,
    _to: &Move,
) -> Result<()> {
    Ok(())
}

/// Records a step in the history (also the creation of a record, with `from` empty).
pub fn record(
    conn: &mut DbConnection,
    ctx: &Context,
    resource_type: &str,
    resource_id: &str,
    to: &Move,
) -> Result<()> {
    repo::record(
        conn,
        &repo::Step {
            resource_type,
            resource_id,
            action: to.action,
            from_status: to.from,
            to_status: to.to,
            actor_id: &ctx.actor.user_id,
            actor_username: &ctx.actor.username,
            actor_role: to.acted_as,
            comment: to.comment.as_deref(),
            at: ctx.now_utc(),
        },
    )?;
    Ok(())
}

/// A step's free text, named as the request names it (`reason`, `comment`, `opinion`):
/// at most 2000 characters; required for returns and appraisals.
pub fn checked_text(comment: Option<&str>, required: bool, field: &str) -> Result<Option<String>> {
    let mut c = Checks::new();
    let text = match comment {
        Some(t) if required => Some(c.text(field, t, 2000)),
        Some(t) => Some(c.optional_text(field, t, 2000)).filter(|s| !s.is_empty()),
        None if required => {
            c.fail(field, "a reason is required", "cần nêu lý do");
            None
        }
        None => None,
    };
    c.finish()?;
    Ok(text)
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ec0", "action": "return", "from_status": "submitted", "to_status": "returned",
    "actor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e71", "actor_username": "dic_officer", "actor_role": "dic_officer",
    "comment": "Đề nghị bổ sung số liệu chỉ tiêu NN-02.", "occurred_at": "2026-12-11T02:30:00Z"
}))]
pub struct HistoryEntry {
    pub id: String,
    /// `create`, `submit`, `accept`, `return`
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub actor_id: String,
    pub actor_username: String,
    /// The role the step was taken in.
    pub actor_role: String,
    pub comment: Option<String>,
    pub occurred_at: DateTime<Utc>,
}

impl From<WorkflowEventRow> for HistoryEntry {
    fn from(r: WorkflowEventRow) -> Self {
        Self {
            id: r.id,
            action: r.action,
            from_status: r.from_status,
            to_status: r.to_status,
            actor_id: r.actor_id,
            actor_username: r.actor_username,
            actor_role: r.actor_role,
            comment: r.comment,
            occurred_at: r.occurred_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct History {
    pub items: Vec<HistoryEntry>,
}

/// Every step a record went through, oldest first (the caller's right to see the
/// record is checked by the resource's own read).
pub fn history(conn: &mut DbConnection, resource_type: &str, id: &str) -> Result<History> {
    Ok(History {
        items: repo::history(conn, resource_type, id)?
            .into_iter()
            .map(HistoryEntry::from)
            .collect(),
    })
}

/// Who last submitted the record (a reviewer never reviews their own sign-off).
pub fn last_submitter(
    conn: &mut DbConnection,
    resource_type: &str,
    id: &str,
) -> Result<Option<String>> {
    Ok(repo::last_submitter(conn, resource_type, id)?)
}
