//! Rows of nominations, their dossiers and outcomes, submissions, decisions and Giấy khen.

use crate::db::schema::*;
use crate::domain::achievement::AchievementType;
use crate::domain::award::{AwardForm, DocumentKind, NomineeKind};
use crate::domain::nomination::{State, Verdict};
use crate::domain::nominee::Gender;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

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
    /// What the Ministry's statistics count the award under.
    pub achievement_type: AchievementType,
    /// A household's number of members (other kinds: null).
    pub household_members: Option<i32>,
    /// The recognised exemplary models cited, ids space-separated (issue 12).
    pub cited_model_ids: String,
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
