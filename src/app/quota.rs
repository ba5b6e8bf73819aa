//! A round's quotas (chỉ tiêu): how many awards of a form it allows for each nominee
//! kind. A place is taken by one conditional update, so two decisions (or two forwards)
//! at the same moment, on any number of instances, never both take the last place.

use super::Result;
use crate::db::repo::decisions as repo;
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use crate::error::{ApiError, ErrorCode};

/// Takes `count` places of the round's quota for the form and kind; a round without
/// that quota has none to give (409 `quota_exceeded`, `quota` null).
pub fn take(
    conn: &mut DbConnection,
    round_id: &str,
    form: AwardForm,
    kind: NomineeKind,
    count: i32,
) -> Result<()> {
    if repo::claim(conn, round_id, form.as_str(), kind.as_str(), count)? {
        return Ok(());
    }
    Err(quota_exceeded(conn, round_id, form, kind, count)?)
}

/// Takes `count` places where the round sets a quota for the form and kind; a round
/// without one has no limit.
pub fn take_where_set(
    conn: &mut DbConnection,
    round_id: &str,
    form: AwardForm,
    kind: NomineeKind,
    count: i32,
) -> Result<()> {
    if repo::claim_where_set(conn, round_id, form.as_str(), kind.as_str(), count)? {
        return Ok(());
    }
    Err(quota_exceeded(conn, round_id, form, kind, count)?)
}

/// 409 `quota_exceeded` with the quota, the places used and those requested.
pub fn quota_exceeded(
    conn: &mut DbConnection,
    round_id: &str,
    form: AwardForm,
    kind: NomineeKind,
    count: i32,
) -> Result<ApiError> {
    let (form, kind) = (form.as_str(), kind.as_str());
    let q = repo::quota(conn, round_id, form, kind)?;
    let max = q.as_ref().and_then(|q| q.max_awards);
    let used = q.as_ref().map(|q| q.awarded).unwrap_or(0);
    Ok(ApiError::new(ErrorCode::QuotaExceeded)
        .detail(
            format!(
                "The round allows {} {form} {kind} awards; {used} are used; {count} requested",
                max.unwrap_or(0)
            ),
            format!(
                "Đợt này cho phép {} ({form}, {kind}); đã dùng {used}; đề nghị thêm {count}",
                max.unwrap_or(0)
            ),
        )
        .with("award_form", form)
        .with("nominee_kind", kind)
        .with("quota", max)
        .with("used", used)
        .with("requested", count))
}
