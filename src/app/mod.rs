//! The application layer: one function per thing a user does (a step, a create, a
//! read), taking a connection, a [`Context`] and typed input, returning a typed result
//! or the one error type. It knows nothing of HTTP: the API, the CLI, the seed, imports,
//! scheduled jobs and tests all call it, so each rule holds for all of them.

pub mod audit;
pub mod audit_trail;
pub mod award_history;
pub mod consolidation;
pub mod dashboard;
pub mod deadlines;
pub mod decisions;
pub mod dossier;
pub mod exemplary_models;
pub mod idempotency;
pub mod identity;
pub mod movements;
pub mod nominations;
pub mod ops;
pub mod organisation;
pub mod page;
pub mod personal_data;
pub mod plans;
pub mod public;
pub mod public_csv;
pub mod quota;
pub mod reports;
pub mod review;
pub mod rollup;
pub mod sessions;
pub mod unit_awards;
pub mod users;
pub mod version;
pub mod workflow;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::Connection;

/// The one error type of every use case (mapped to problem+json in `crate::error`).
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// Who acts and when: what every use case is given besides its input.
#[derive(Debug, Clone)]
pub struct Context {
    pub actor: Actor,
    /// The time the step records (UTC, microseconds).
    pub now: DateTime<Utc>,
    /// Today in the province's time zone (deadlines, windows).
    pub today: NaiveDate,
    /// The province's time zone.
    pub time_zone: chrono_tz::Tz,
    /// The request that acts, for the audit trail (None from the CLI and jobs).
    pub request_id: Option<String>,
}

impl Context {
    pub fn new(
        actor: Actor,
        now: DateTime<Utc>,
        time_zone: chrono_tz::Tz,
        request_id: Option<String>,
    ) -> Self {
        let today = now.with_timezone(&time_zone).date_naive();
        Self {
            actor,
            now,
            today,
            time_zone,
            request_id,
        }
    }

    /// `now` as the TIMESTAMP columns store it (UTC, no zone).
    pub fn now_utc(&self) -> NaiveDateTime {
        self.now.naive_utc()
    }

    /// Who acted, for the audit trail.
    pub fn audit_actor(&self) -> crate::db::repo::audit::AuditActor {
        crate::db::repo::audit::AuditActor {
            user_id: Some(self.actor.user_id.clone()),
            username: Some(self.actor.username.clone()),
            roles: crate::auth::Role::join(&self.actor.roles),
            request_id: self.request_id.clone(),
        }
    }
}

/// Runs `f` in one transaction: a refused request changes nothing. On SQLite the write
/// lock is taken first (see `db::take_write_lock`).
pub fn in_transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T>,
) -> Result<T> {
    conn.transaction(|conn| {
        crate::db::take_write_lock(conn)?;
        f(conn)
    })
}

/// For optional fields of a change: absent = unchanged, `null` = cleared.
pub fn double_option<'de, T, D>(d: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(d).map(Some)
}
