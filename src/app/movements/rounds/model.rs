//! What an award round is, as the API shows it and as it is opened and changed.

use crate::app::Result;
use crate::db::models::{QuotaRow, RoundRow};
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use crate::domain::award::{AwardForm, DocumentKind, NomineeKind, RoundKind};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10}))]
pub struct QuotaInput {
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    /// null: no fixed quota (state awards follow the Emulation Board's guidance).
    #[schema(minimum = 0, maximum = 100000)]
    pub max_awards: Option<i32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10, "awarded": 7}))]
pub struct Quota {
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub max_awards: Option<i32>,
    /// Places taken so far: Bằng khen by the Chair's decisions, state awards when the
    /// Chair forwards them to the central level.
    pub awarded: i32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea0", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "code": "SK-2022-2023", "kind": "interim", "title": "Sơ kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2023",
    "period_start_year": 2022, "period_end_year": 2023, "nomination_opens_on": "2023-10-01", "nomination_closes_on": "2023-11-30",
    "report_due_on": "2023-11-15", "appraisal_working_days": 25, "comment_working_days": 10,
    "required_documents": ["proposal_letter", "council_minutes", "achievement_report", "achievement_summary", "movement_report", "launch_plan"],
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 10, "awarded": 0},
               {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 20, "awarded": 0}],
    "version": 1, "created_at": "2026-11-26T08:00:00Z", "updated_at": "2026-11-26T08:00:00Z"
}))]
pub struct Round {
    pub id: String,
    pub movement_id: String,
    pub code: String,
    pub kind: RoundKind,
    pub title: String,
    pub period_start_year: i32,
    pub period_end_year: i32,
    /// First day nominations are accepted.
    pub nomination_opens_on: NaiveDate,
    /// Last day nominations are accepted.
    pub nomination_closes_on: NaiveDate,
    /// Interim/final reports are due by this day.
    pub report_due_on: Option<NaiveDate>,
    /// Working days Home Affairs has to appraise, counted from consolidation.
    pub appraisal_working_days: i32,
    /// Working days state-level nominees stay posted for public comment.
    pub comment_working_days: i32,
    pub required_documents: Vec<DocumentKind>,
    pub quotas: Vec<Quota>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Round {
    /// The round as stored, with its quotas among `quotas`. A stored document kind that
    /// is not in the vocabulary is an error, never dropped.
    pub fn from_rows(r: RoundRow, quotas: &[QuotaRow]) -> Result<Self> {
        Ok(Self {
            quotas: quotas
                .iter()
                .filter(|q| q.round_id == r.id)
                .map(|q| Quota {
                    award_form: q.award_form,
                    nominee_kind: q.nominee_kind,
                    max_awards: q.max_awards,
                    awarded: q.awarded,
                })
                .collect(),
            required_documents: documents_of(&r.required_documents)?,
            kind: r.kind,
            id: r.id,
            movement_id: r.movement_id,
            code: r.code,
            title: r.title,
            period_start_year: r.period_start_year,
            period_end_year: r.period_end_year,
            nomination_opens_on: r.nomination_opens_on,
            nomination_closes_on: r.nomination_closes_on,
            report_due_on: r.report_due_on,
            appraisal_working_days: r.appraisal_working_days,
            comment_working_days: r.comment_working_days,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
    }
}

/// The dossier of a round as stored: kinds, space-separated.
pub fn documents_of(stored: &str) -> Result<Vec<DocumentKind>> {
    stored
        .split_whitespace()
        .map(|k| k.parse::<DocumentKind>().map_err(ApiError::internal))
        .collect()
}

/// A dossier as a round stores it: sorted, without repeats, space-separated.
pub fn documents_text(docs: &[DocumentKind]) -> String {
    let mut d = docs.to_vec();
    d.sort();
    d.dedup();
    d.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" ")
}

crate::page_type!(RoundPage, Round);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "code": "TK-2022-2025", "kind": "final", "title": "Tổng kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2025",
    "period_start_year": 2022, "period_end_year": 2025, "nomination_opens_on": "2025-10-01", "nomination_closes_on": "2025-11-30",
    "report_due_on": "2025-11-15",
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 20},
               {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 30}]
}))]
pub struct NewRound {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: String,
    pub kind: RoundKind,
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: i32,
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub nomination_opens_on: NaiveDate,
    #[serde(deserialize_with = "crate::domain::when::date")]
    #[schema(max_length = 10)]
    pub nomination_closes_on: NaiveDate,
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub report_due_on: Option<NaiveDate>,
    /// Default 25; an ad hoc round's (`kind: ad_hoc`) is short, 10.
    #[schema(minimum = 1, maximum = 365)]
    pub appraisal_working_days: Option<i32>,
    /// Default 10.
    #[schema(minimum = 1, maximum = 365)]
    pub comment_working_days: Option<i32>,
    /// Default: the plan's list (all kinds but `other`).
    #[serde(
        default,
        deserialize_with = "crate::domain::validate::optional_distinct"
    )]
    #[schema(max_items = 7)]
    pub required_documents: Option<Vec<DocumentKind>>,
    /// Award forms and nominee kinds not listed have no fixed quota (an ad hoc round
    /// usually lists none).
    #[serde(default)]
    #[schema(max_items = 6)]
    pub quotas: Vec<QuotaInput>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"nomination_closes_on": "2025-12-10",
    "quotas": [{"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 30}]}))]
pub struct RoundChanges {
    #[schema(min_length = 1, max_length = 40, pattern = "^[A-Za-z0-9._-]+$")]
    pub code: Option<String>,
    /// Refused (409, reason `achievement_type_mismatch`) while a nomination in play has
    /// an achievement type the new kind does not take.
    pub kind: Option<RoundKind>,
    #[schema(min_length = 1, max_length = 500)]
    pub title: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start_year: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end_year: Option<i32>,
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub nomination_opens_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::domain::when::optional_date")]
    #[schema(max_length = 10)]
    pub nomination_closes_on: Option<NaiveDate>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "crate::domain::when::nullable_date")]
    #[schema(value_type = Option<NaiveDate>, max_length = 10)]
    pub report_due_on: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 365)]
    pub appraisal_working_days: Option<i32>,
    #[schema(minimum = 1, maximum = 365)]
    pub comment_working_days: Option<i32>,
    #[serde(
        default,
        deserialize_with = "crate::domain::validate::optional_distinct"
    )]
    #[schema(max_items = 7)]
    pub required_documents: Option<Vec<DocumentKind>>,
    /// Quotas to change; a maximum below what is already awarded is refused (409).
    #[schema(max_items = 6)]
    pub quotas: Option<Vec<QuotaInput>>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundQuery {
    pub kind: Option<RoundKind>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
