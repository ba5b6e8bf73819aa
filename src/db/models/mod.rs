//! Rows as stored. Fields follow the column order of `schema.rs` (default selection).

mod commendation;
mod exemplary;

pub use commendation::*;
pub use exemplary::*;

use super::schema::*;
use crate::domain::award::{AwardForm, NomineeKind, RoundKind};
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
    /// The unit this one sits under (issue 12 item 6); never a cycle.
    pub parent_id: Option<String>,
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

/// A new id: UUID v7, so ids sort by creation time (stable list order, audit cursor).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, in UTC, to the microsecond (both backends keep that much).
pub fn now() -> NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}
