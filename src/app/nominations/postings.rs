//! State-level nominees posted for public comment before the Chair forwards them
//! (DOMAIN.md, "Rules from the law"): the list and each window, for anyone.

use crate::app::page::{decode_cursor, encode_cursor, page_limit};
use crate::app::Result;
use crate::db::repo::nominations as repo;
use crate::db::DbConnection;
use crate::domain::award::NomineeKind;
use crate::domain::nomination::State;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A nominee as posted: who, proposed by whom, for what, and until when comments are
/// taken. No other personal data (no year of birth, no gender, no dossier).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f21", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "nominee_kind": "collective",
    "nominee_name": "Phòng Văn hóa và Thông tin", "position": "", "workplace": "UBND Huyện Tháp Mười",
    "achievement_summary": "Dẫn đầu tỉnh về tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình giai đoạn 2022–2023.",
    "opens_on": "2024-01-08", "closes_on": "2024-01-22", "open": true}))]
pub struct CommentPosting {
    pub nomination_id: String,
    pub round_id: String,
    pub movement_id: String,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    /// An individual's position (empty for a collective).
    pub position: String,
    /// An individual's workplace, the collective's unit, or the household's commune.
    pub workplace: String,
    pub achievement_summary: String,
    /// First and last day of the comment window, both included.
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// Comments are taken today.
    pub open: bool,
}

crate::page_type!(CommentPostingPage, CommentPosting);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentPostingQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// true: only the postings taking comments today; false: only the others.
    pub open: Option<bool>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// The postings, latest window first, as of `today` (no caller: they are public). A
/// nominee closed without award or declined by the central level leaves the list.
pub fn list(
    conn: &mut DbConnection,
    today: NaiveDate,
    q: CommentPostingQuery,
) -> Result<CommentPostingPage> {
    let limit = page_limit(q.limit)?;
    // The cursor holds the last item's closing day and id.
    let after = match decode_cursor(q.cursor.as_deref())? {
        None => None,
        Some(c) => Some(
            c.split_once('|')
                .and_then(|(d, id)| Some((d.parse::<NaiveDate>().ok()?, id.to_string())))
                .ok_or_else(|| {
                    ApiError::invalid(
                        "cursor",
                        "not a cursor of this list",
                        "con trỏ không hợp lệ",
                    )
                })?,
        ),
    };
    let open = q.open.map(|o| (o, today));
    let mut rows = repo::comment_postings(conn, q.round_id.as_deref(), open, after, limit + 1)?;
    let has_more = i64::try_from(rows.len()).map_or(true, |n| n > limit);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let items: Vec<CommentPosting> = rows
        .into_iter()
        .filter_map(|(n, o)| {
            let (opens_on, closes_on) = (o.comment_opens_on?, o.comment_closes_on?);
            Some(CommentPosting {
                open: n.status == State::PostedForComment
                    && opens_on <= today
                    && today <= closes_on,
                nominee_kind: n.nominee_kind,
                nomination_id: n.id,
                round_id: n.round_id,
                movement_id: n.movement_id,
                nominee_name: n.nominee_name,
                position: n.position,
                workplace: n.workplace,
                achievement_summary: n.achievement_summary,
                opens_on,
                closes_on,
            })
        })
        .collect();
    let next_cursor = if has_more {
        items
            .last()
            .map(|p| encode_cursor(&format!("{}|{}", p.closes_on, p.nomination_id)))
    } else {
        None
    };
    Ok(CommentPostingPage { items, next_cursor })
}
