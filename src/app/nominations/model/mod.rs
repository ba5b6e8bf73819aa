//! The nomination resource's request and response types (the use cases' input and
//! output; the contract's schemas).

use crate::db::models::{NominationRow, OutcomeRow};
pub use crate::domain::achievement::AchievementType;
pub use crate::domain::award::{AwardForm, DocumentKind, NomineeKind};
pub use crate::domain::nomination::{State, Verdict};
pub use crate::domain::nominee::Gender;
use crate::page_type;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

mod document;
mod nominee;
pub use document::{Document, DocumentList, DocumentQuery};
pub use nominee::{Collective, Household, Individual};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DossierStatus {
    /// Kinds the round requires that have no file yet.
    pub missing: Vec<DocumentKind>,
    /// Files in the dossier now.
    pub documents: usize,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "award_form": "provincial_merit", "nominee_kind": "individual", "nominee_name": "Nguyễn Thị Hoa",
    "collective": null,
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa - Xã hội", "workplace": "UBND xã Tháp Mười"},
    "household": null, "achievement_type": "routine",
    "achievement_summary": "Tham mưu triển khai 100% thủ tục hành chính trực tuyến toàn trình cấp huyện năm 2024.",
    "clean_record": true, "status": "draft", "dossier": {"missing": ["council_minutes"], "documents": 5},
    "submitted_at": null, "return_reason": null, "model_ids": [], "version": 3,
    "created_at": "2025-10-05T02:00:00Z", "updated_at": "2025-10-06T02:00:00Z"
}))]
pub struct Nomination {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// The proposing unit.
    pub unit_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    pub collective: Option<Collective>,
    pub individual: Option<Individual>,
    pub household: Option<Household>,
    /// What the Ministry's statistics count the award under.
    pub achievement_type: AchievementType,
    pub achievement_summary: String,
    /// Declared: not under discipline, investigation or an unresolved complaint.
    pub clean_record: bool,
    pub status: State,
    /// In a list: null; read the nomination for its dossier.
    pub dossier: Option<DossierStatus>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub return_reason: Option<String>,
    /// DIC's submission (tờ trình tổng hợp) that consolidated it.
    pub submission_id: Option<String>,
    pub consolidated_at: Option<DateTime<Utc>>,
    /// Home Affairs' appraisal, once made.
    pub appraisal: Option<AppraisalResult>,
    /// After appraisal: a close without award, a state award's comment window,
    /// forwarding and central outcome (on a single read; null in lists).
    pub outcome: Option<NominationOutcome>,
    /// Every award the nominee already received in the service, from all sources (on a
    /// single read, for the reviewers' check that one achievement is rewarded once;
    /// null in lists); a Giấy khen only where the caller may read it, as in
    /// `GET /award-history`.
    pub award_history: Option<Vec<crate::app::award_history::AwardRecord>>,
    /// The recognised exemplary models the achievement cites, in the order given.
    #[schema(max_items = 20)]
    pub model_ids: Vec<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"not_awarded_reason": null, "comment_opens_on": "2024-01-08", "comment_closes_on": "2024-01-22",
    "forwarded_at": "2024-01-25T02:00:00Z", "central_decision_number": "1234/QĐ-CTN", "central_decided_on": "2024-06-14"}))]
pub struct NominationOutcome {
    pub not_awarded_reason: Option<String>,
    /// The public comment window (state awards), both days included.
    pub comment_opens_on: Option<NaiveDate>,
    pub comment_closes_on: Option<NaiveDate>,
    pub forwarded_at: Option<DateTime<Utc>>,
    /// The central decision (state awards), as numbered by its issuer.
    pub central_decision_number: Option<String>,
    pub central_decided_on: Option<NaiveDate>,
}

impl From<OutcomeRow> for NominationOutcome {
    fn from(o: OutcomeRow) -> Self {
        Self {
            not_awarded_reason: o.not_awarded_reason,
            comment_opens_on: o.comment_opens_on,
            comment_closes_on: o.comment_closes_on,
            forwarded_at: o.forwarded_at.map(|t| t.and_utc()),
            central_decision_number: o.central_decision_number,
            central_decided_on: o.central_decided_on,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppraisalResult {
    pub verdict: Verdict,
    pub opinion: String,
    pub appraised_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"verdict": "approve", "opinion": "Hồ sơ đầy đủ, thành tích đúng tiêu chuẩn Bằng khen của Chủ tịch UBND Tỉnh."}))]
pub struct Appraisal {
    pub verdict: Verdict,
    /// Home Affairs' opinion (mandatory).
    #[schema(min_length = 1, max_length = 2000)]
    pub opinion: String,
}

impl Nomination {
    /// The nomination as read. An individual stored without a gender or a year of birth
    /// is an error (500), never a default.
    pub fn from_row(r: NominationRow, dossier: Option<DossierStatus>) -> crate::app::Result<Self> {
        let kind = r.nominee_kind;
        let lacks = |what: &str| {
            crate::error::ApiError::internal(format!(
                "nomination {} names an individual or household without a {what}",
                r.id
            ))
        };
        let collective = (kind == NomineeKind::Collective).then(|| {
            Collective::from_columns(
                r.nominee_unit_id.as_deref(),
                &r.nominee_key,
                &r.nominee_name,
                r.women_share_percent,
            )
        });
        let individual = match kind {
            NomineeKind::Individual => Some(Individual {
                full_name: r.nominee_name.clone(),
                gender: r.gender.ok_or_else(|| lacks("gender"))?,
                birth_year: r.birth_year.ok_or_else(|| lacks("year of birth"))?,
                position: r.position.clone(),
                workplace: r.workplace.clone(),
            }),
            NomineeKind::Collective | NomineeKind::Household => None,
        };
        let household = match kind {
            NomineeKind::Household => Some(Household {
                head_full_name: r.nominee_name.clone(),
                commune: r.workplace.clone(),
                members_count: r
                    .household_members
                    .ok_or_else(|| lacks("number of household members"))?,
            }),
            NomineeKind::Collective | NomineeKind::Individual => None,
        };
        Ok(Self {
            household,
            achievement_type: r.achievement_type,
            award_form: r.award_form,
            nominee_kind: kind,
            status: r.status,
            collective,
            individual,
            id: r.id,
            round_id: r.round_id,
            movement_id: r.movement_id,
            unit_id: r.unit_id,
            nominee_name: r.nominee_name,
            achievement_summary: r.achievement_summary,
            clean_record: r.clean_record,
            dossier,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            return_reason: r.return_reason,
            appraisal: match (r.appraisal_verdict, r.appraisal_opinion, r.appraised_at) {
                (Some(verdict), Some(opinion), Some(at)) => Some(AppraisalResult {
                    verdict,
                    opinion,
                    appraised_at: at.and_utc(),
                }),
                _ => None,
            },
            outcome: None,
            award_history: None,
            model_ids: crate::app::exemplary_models::cited_ids(&r.cited_model_ids),
            submission_id: r.submission_id,
            consolidated_at: r.consolidated_at.map(|t| t.and_utc()),
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        })
    }
}

/// A nomination as a list shows it: what a row of the officials' table needs. The whole
/// record — the nominee's details, the achievement, the dossier, the appraisal, the
/// outcome and the award history — is `GET /nominations/{id}` (a list item is about a
/// seventh of its size, so a page of 50 costs a seventh to build and to send).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "award_form": "provincial_merit", "nominee_kind": "individual", "nominee_name": "Nguyễn Thị Hoa",
    "achievement_type": "routine", "status": "submitted", "submitted_at": "2025-10-20T02:00:00Z", "submission_id": null,
    "consolidated_at": null, "appraisal_verdict": null, "version": 4,
    "created_at": "2025-10-05T02:00:00Z", "updated_at": "2025-10-20T02:00:00Z"
}))]
pub struct NominationSummary {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    /// The proposing unit.
    pub unit_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub nominee_name: String,
    pub achievement_type: AchievementType,
    pub status: State,
    pub submitted_at: Option<DateTime<Utc>>,
    /// DIC's submission (tờ trình tổng hợp) that consolidated it.
    pub submission_id: Option<String>,
    pub consolidated_at: Option<DateTime<Utc>>,
    /// Home Affairs' verdict, once appraised (the opinion is on the record).
    pub appraisal_verdict: Option<Verdict>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<crate::db::repo::nominations::ListedNomination> for NominationSummary {
    fn from(r: crate::db::repo::nominations::ListedNomination) -> Self {
        Self {
            id: r.id,
            round_id: r.round_id,
            movement_id: r.movement_id,
            unit_id: r.unit_id,
            award_form: r.award_form,
            nominee_kind: r.nominee_kind,
            nominee_name: r.nominee_name,
            achievement_type: r.achievement_type,
            status: r.status,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            submission_id: r.submission_id,
            consolidated_at: r.consolidated_at.map(|t| t.and_utc()),
            appraisal_verdict: r.appraisal_verdict,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

page_type!(NominationPage, NominationSummary);

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1", "award_form": "provincial_merit", "nominee_kind": "individual",
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười"},
    "achievement_summary": "Tham mưu triển khai 100% thủ tục hành chính trực tuyến toàn trình cấp huyện năm 2024.",
    "clean_record": true
}))]
pub struct NewNomination {
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: String,
    /// Default: the caller's unit (a DIC officer proposing in an ad hoc round: DIC's).
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    /// Required for a collective nominee.
    pub collective: Option<Collective>,
    /// Required for an individual nominee.
    pub individual: Option<Individual>,
    /// Required for a household nominee.
    pub household: Option<Household>,
    /// Default: the one the round's kind stands for (`routine` in an interim or final
    /// round, `thematic` in a thematic one, `ad_hoc` in an ad hoc one); an ad hoc round
    /// takes only `ad_hoc`, a thematic one only `thematic`, the others anything but
    /// `ad_hoc` (422 otherwise).
    pub achievement_type: Option<AchievementType>,
    #[schema(min_length = 1, max_length = 10000)]
    pub achievement_summary: String,
    pub clean_record: bool,
    /// Recognised exemplary models (`/exemplary-models`) the achievement rests on.
    #[serde(default, deserialize_with = "crate::domain::id::list")]
    #[schema(max_items = 20)]
    pub model_ids: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"achievement_summary": "Bổ sung: chủ trì xây dựng bản đồ số nông nghiệp huyện."}))]
pub struct NominationChanges {
    /// Replaces the collective (collective nominations only).
    pub collective: Option<Collective>,
    /// Replaces the individual (individual nominations only).
    pub individual: Option<Individual>,
    /// Replaces the household (household nominations only).
    pub household: Option<Household>,
    /// Must fit the round's kind, as on creation.
    pub achievement_type: Option<AchievementType>,
    #[schema(min_length = 1, max_length = 10000)]
    pub achievement_summary: Option<String>,
    pub clean_record: Option<bool>,
    /// Replaces the cited exemplary models (recognised ones only).
    #[serde(default, deserialize_with = "crate::domain::id::optional_list")]
    #[schema(max_items = 20)]
    pub model_ids: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NominationQuery {
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub round_id: Option<String>,
    /// The proposing unit.
    #[serde(default, deserialize_with = "crate::domain::id::optional")]
    #[param(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: Option<String>,
    pub status: Option<State>,
    pub award_form: Option<AwardForm>,
    pub nominee_kind: Option<NomineeKind>,
    pub achievement_type: Option<AchievementType>,
    /// Search in nominee names, ignoring diacritics and case ("nguyen thi hoa").
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Page size: 1…200, default 50.
    #[param(minimum = 1, maximum = 200, default = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page; leave it out for the first page.
    #[param(max_length = 4096, pattern = "^[A-Za-z0-9_-]*$")]
    pub cursor: Option<String>,
}
