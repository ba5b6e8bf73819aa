//! Rows as stored. Fields follow the column order of `schema.rs` (default selection).

use super::schema::*;
use crate::domain::award::{AwardForm, DocumentKind, NomineeKind, RoundKind};
use crate::domain::nomination::{State, Verdict};
use crate::domain::nominee::Gender;
use crate::domain::organisation::{GroupKind, UnitKind};
use crate::domain::role::Roles;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = emulation_groups)]
pub struct GroupRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub name_search: String,
    pub kind: GroupKind,
    pub description: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub name_search: String,
    pub kind: UnitKind,
    pub group_id: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub women_share_percent: Option<f64>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub unit_id: String,
    pub roles: Roles,
    pub password_hash: String,
    pub active: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = login_throttle)]
pub struct LoginThrottleRow {
    pub throttle_key: String,
    pub window_started_at: NaiveDateTime,
    pub failures: i32,
    pub locked_until: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = movements)]
pub struct MovementRow {
    pub id: String,
    pub code: String,
    pub title: String,
    pub title_search: String,
    pub theme: String,
    pub period_start_year: i32,
    pub period_end_year: i32,
    pub legal_basis: String,
    pub plan_document: String,
    pub standing_unit_id: String,
    pub appraising_unit_id: String,
    pub fields: String,
    pub content_items: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub annual_report_due_month: i32,
    pub annual_report_due_day: i32,
    pub review_working_days: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = criteria)]
pub struct CriterionRow {
    pub id: String,
    pub movement_id: String,
    pub code: String,
    pub title: String,
    pub field_code: String,
    pub unit_of_measure: String,
    pub max_score: f64,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = award_rounds)]
pub struct RoundRow {
    pub id: String,
    pub movement_id: String,
    pub code: String,
    pub kind: RoundKind,
    pub title: String,
    pub period_start_year: i32,
    pub period_end_year: i32,
    pub nomination_opens_on: NaiveDate,
    pub nomination_closes_on: NaiveDate,
    pub report_due_on: Option<NaiveDate>,
    pub appraisal_working_days: i32,
    pub comment_working_days: i32,
    pub required_documents: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = round_quotas)]
pub struct QuotaRow {
    pub round_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub max_awards: Option<i32>,
    pub awarded: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub actor_username: Option<String>,
    pub actor_roles: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub request_id: Option<String>,
    pub changes: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub user_id: String,
    pub idempotency_key: String,
    pub request_fingerprint: String,
    pub response_status: i32,
    pub response_body: String,
    pub response_location: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    pub kind: crate::domain::review::PlanKind,
    pub year: Option<i32>,
    pub period_key: String,
    pub title: String,
    pub description: String,
    pub status: crate::domain::review::ReviewStatus,
    pub submitted_at: Option<NaiveDateTime>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub return_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = plan_targets)]
pub struct TargetRow {
    pub id: String,
    pub plan_id: String,
    pub criterion_id: String,
    pub target_value: f64,
    pub unit_of_measure: String,
    pub note: String,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    pub plan_id: String,
    pub kind: crate::domain::review::ReportKind,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub period_key: String,
    pub narrative: String,
    pub status: crate::domain::review::ReviewStatus,
    pub due_on: NaiveDate,
    pub first_submitted_at: Option<NaiveDateTime>,
    pub submitted_at: Option<NaiveDateTime>,
    pub late: bool,
    pub reviewed_at: Option<NaiveDateTime>,
    pub return_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = report_results)]
pub struct ResultRow {
    pub id: String,
    pub report_id: String,
    pub target_id: String,
    pub criterion_id: String,
    pub achieved_value: f64,
    pub self_score: f64,
    pub assessed_score: Option<f64>,
    pub evidence: String,
    pub evidence_url: Option<String>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = workflow_events)]
pub struct WorkflowEventRow {
    pub id: String,
    pub resource_type: String,
    pub resource_id: String,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub actor_id: String,
    pub actor_username: String,
    pub actor_role: String,
    pub comment: Option<String>,
    pub occurred_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = consolidated_reports)]
pub struct RollupRow {
    pub id: String,
    pub movement_id: String,
    pub period_key: String,
    pub year: Option<i32>,
    pub round_id: Option<String>,
    pub is_current: bool,
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
    pub content: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = public_holidays)]
pub struct HolidayRow {
    pub day: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = nominations)]
pub struct NominationRow {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    pub unit_id: String,
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    pub nominee_unit_id: Option<String>,
    pub nominee_name: String,
    pub nominee_search: String,
    pub nominee_key: String,
    pub women_share_percent: Option<f64>,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    pub position: String,
    pub workplace: String,
    pub achievement_summary: String,
    pub clean_record: bool,
    pub status: State,
    pub submitted_at: Option<NaiveDateTime>,
    pub return_reason: Option<String>,
    pub submission_id: Option<String>,
    pub consolidated_at: Option<NaiveDateTime>,
    pub appraisal_verdict: Option<Verdict>,
    pub appraisal_opinion: Option<String>,
    pub appraised_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = submissions)]
pub struct SubmissionRow {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub note: String,
    pub sent_by: String,
    pub sent_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = decisions)]
pub struct DecisionRow {
    pub id: String,
    pub round_id: String,
    pub movement_id: String,
    pub issuer_unit_id: String,
    pub number: String,
    pub year: i32,
    pub signed_on: NaiveDate,
    pub signer: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// What came after appraisal: a close without award, a state award's comment window,
/// forwarding and central outcome.
#[derive(Debug, Clone, Default, PartialEq, Queryable, Insertable, AsChangeset)]
#[diesel(table_name = nomination_outcomes, treat_none_as_null = true)]
pub struct OutcomeRow {
    pub nomination_id: String,
    pub not_awarded_reason: Option<String>,
    pub comment_opens_on: Option<NaiveDate>,
    pub comment_closes_on: Option<NaiveDate>,
    pub forwarded_at: Option<NaiveDateTime>,
    pub central_decision_number: Option<String>,
    pub central_decided_on: Option<NaiveDate>,
    pub central_recorded_at: Option<NaiveDateTime>,
}

/// A Giấy khen recorded by a unit.
#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = unit_awards)]
pub struct UnitAwardRow {
    pub id: String,
    pub unit_id: String,
    pub movement_id: String,
    pub recipient_kind: crate::domain::award::NomineeKind,
    pub recipient_unit_id: Option<String>,
    pub recipient_name: String,
    pub recipient_search: String,
    pub recipient_key: String,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub position: String,
    pub women_share_percent: Option<f64>,
    pub title: String,
    pub achievement: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub year: i32,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

/// A dossier file without its bytes (lists); `DocumentRow` adds them.
#[derive(Debug, Clone, Queryable)]
pub struct DocumentMeta {
    pub id: String,
    pub nomination_id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = nomination_documents)]
pub struct DocumentRow {
    pub id: String,
    pub nomination_id: String,
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub content: Vec<u8>,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

/// A new id: UUID v7, so ids sort by creation time (stable list order, audit cursor).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, in UTC, to the microsecond (both backends keep that much).
pub fn now() -> NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}
