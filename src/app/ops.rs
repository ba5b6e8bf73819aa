//! What operators ask of the service itself.

use crate::app::Result;
use crate::db::DbConnection;
use crate::error::ApiError;
use diesel::connection::SimpleConnection;

/// Readiness: the database answers (503 when it does not).
pub fn ready(conn: &mut DbConnection) -> Result<()> {
    conn.batch_execute("SELECT 1")
        .map_err(ApiError::unavailable)
}
