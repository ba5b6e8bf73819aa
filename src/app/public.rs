//! Open data (item f of the plan): what anyone may read without signing in.

use crate::app::page::{decode_cursor, page_limit, paginate};
use crate::app::Result;
use crate::db::repo::{decisions, nominations};
use crate::db::DbConnection;
use crate::domain::award::{AwardForm, NomineeKind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// An award as published: who, for which round, by which decision.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(example = json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "award_form": "provincial_merit", "nominee_kind": "individual", "nominee_name": "Nguyễn Thị Hoa",
    "workplace": "UBND xã Tháp Mười", "decision_number": "123/QĐ-UBND", "signed_on": "2025-12-20"}))]
pub struct PublicAward {
    pub nomination_id: String,
    pub round_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    /// The collective's or the person's name; a household's head (hộ ông/bà …).
    pub nominee_name: String,
    /// An individual's workplace, the collective's unit, or the household's commune.
    pub workplace: String,
    pub decision_number: Option<String>,
    pub signed_on: Option<NaiveDate>,
}

crate::page_type!(PublicAwardPage, PublicAward);

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwardQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}

/// Everyone awarded, newest first: name, kind, workplace, decision (no other personal
/// data). The page's decisions are read together, not one by one.
pub fn awards(conn: &mut DbConnection, q: AwardQuery) -> Result<PublicAwardPage> {
    let limit = page_limit(q.limit)?;
    let before = decode_cursor(q.cursor.as_deref())?;
    let rows = decisions::awarded(conn, q.round_id.as_deref(), before.as_deref(), limit + 1)?;
    let (rows, next_cursor) = paginate(rows, limit, |r| r.id.clone(), |r| r);
    // A Bằng khen by the Chair's decision; a state award by the central one.
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut decided: HashMap<String, (Option<String>, Option<NaiveDate>)> =
        nominations::outcomes_of(conn, &ids)?
            .into_iter()
            .map(|o| {
                (
                    o.nomination_id,
                    (o.central_decision_number, o.central_decided_on),
                )
            })
            .collect();
    for (id, d) in decisions::decisions_of(conn, &ids)? {
        decided.insert(id, (Some(d.number), Some(d.signed_on)));
    }
    let items = rows
        .into_iter()
        .map(|r| {
            let (decision_number, signed_on) = decided.remove(&r.id).unwrap_or((None, None));
            Ok(PublicAward {
                award_form: r.award_form,
                nominee_kind: r.nominee_kind,
                nomination_id: r.id,
                round_id: r.round_id,
                nominee_name: r.nominee_name,
                workplace: r.workplace,
                decision_number,
                signed_on,
            })
        })
        .collect::<Result<_>>()?;
    Ok(PublicAwardPage { items, next_cursor })
}
