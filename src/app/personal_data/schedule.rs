//! The retention run inside `serve`: every instance runs it on its own thread at the
//! configured interval; the runs' conditional updates keep instances from clashing.

use super::anonymise::{anonymise, RetentionRun};
use crate::db::DbPool;
use crate::Clock;
use std::time::Duration;

/// Starts the periodic run (`interval_seconds` 0: never). The first run comes a minute
/// after start (or sooner with a shorter interval), so start-up is not slowed.
pub fn schedule(pool: DbPool, clock: Clock, retention_days: i64, interval_seconds: u64) {
    if interval_seconds == 0 {
        return;
    }
    let started = std::thread::Builder::new()
        .name("personal-data-retention".into())
        .spawn(move || {
            let mut wait = Duration::from_secs(interval_seconds.min(60));
            loop {
                std::thread::sleep(wait);
                wait = Duration::from_secs(interval_seconds);
                let run = RetentionRun::new(clock.now(), retention_days, false, "serve");
                let result = pool
                    .get()
                    .map_err(|e| e.to_string())
                    .and_then(|mut conn| anonymise(&mut conn, &run).map_err(|e| e.to_string()));
                if let Err(e) = result {
                    tracing::warn!(error = %e, "personal data retention run failed; retried at the next interval");
                }
            }
        });
    if let Err(e) = started {
        tracing::error!(error = %e, "could not start the personal data retention run");
    }
}
