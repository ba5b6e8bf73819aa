//! Retries of creates and steps: a request sent again with the same `Idempotency-Key`
//! gets the first answer instead of running twice, on any number of instances.

use super::Result;
use crate::db::models::{now, IdempotencyRow};
use crate::db::repo::idempotency;
use crate::db::DbConnection;
use crate::error::{ApiError, ErrorCode};
use serde::Serialize;

/// The answer of a create (201, with the new record's location) or of a workflow step
/// (200), as kept for a retry.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
    /// Empty when the answer has no `Location`.
    pub location: String,
    pub version: Option<i32>,
}

impl Answer {
    /// 201 Created at `location`.
    pub fn created<T: Serialize>(body: &T, location: String, version: Option<i32>) -> Result<Self> {
        Ok(Self {
            body: serde_json::to_value(body).map_err(ApiError::internal)?,
            location,
            version,
            status: 201,
        })
    }

    /// 200 with the record's new version: a step on an existing record.
    pub fn stepped<T: Serialize>(body: &T, version: i32) -> Result<Self> {
        Ok(Self {
            body: serde_json::to_value(body).map_err(ApiError::internal)?,
            location: String::new(),
            version: Some(version),
            status: 200,
        })
    }
}

/// A retry key of one user, and the fingerprint of the request it was first sent with.
#[derive(Debug, Clone)]
pub struct Key {
    pub key: String,
    pub fingerprint: String,
}

/// Runs `f` once per key, inside the caller's transaction: claims the key first (a
/// concurrent request with the same key, on another instance, waits on it and then
/// replays this answer), runs `f`, keeps its answer. The same key with another request
/// is refused (422 `idempotency_key_reused`). The flag says the answer is a replay.
pub fn once(
    conn: &mut DbConnection,
    user_id: &str,
    key: Option<&Key>,
    f: impl FnOnce(&mut DbConnection) -> Result<Answer>,
) -> Result<(Answer, bool)> {
    let Some(key) = key else {
        return Ok((f(conn)?, false));
    };
    let claimed = idempotency::claim(
        conn,
        &IdempotencyRow {
            user_id: user_id.to_string(),
            idempotency_key: key.key.clone(),
            request_fingerprint: key.fingerprint.clone(),
            response_status: 0,
            response_body: String::new(),
            response_location: None,
            created_at: now(),
        },
    )?;
    if !claimed {
        let stored = idempotency::find(conn, user_id, &key.key)?
            .ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
        if stored.request_fingerprint != key.fingerprint {
            return Err(ApiError::new(ErrorCode::IdempotencyKeyReused));
        }
        let body: serde_json::Value =
            serde_json::from_str(&stored.response_body).map_err(ApiError::internal)?;
        let version = body
            .get("version")
            .and_then(serde_json::Value::as_i64)
            .and_then(|v| i32::try_from(v).ok());
        let status = u16::try_from(stored.response_status)
            .ok()
            .filter(|s| (200..300).contains(s))
            .unwrap_or(201);
        return Ok((
            Answer {
                body,
                location: stored.response_location.unwrap_or_default(),
                version,
                status,
            },
            true,
        ));
    }
    let answer = f(conn)?;
    idempotency::complete(
        conn,
        user_id,
        &key.key,
        i32::from(answer.status),
        &answer.body.to_string(),
        Some(&answer.location),
    )?;
    Ok((answer, false))
}
