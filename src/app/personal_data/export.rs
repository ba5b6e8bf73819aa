//! Everything held on one person, by nominee key, as one document (the admin's answer to
//! a data subject's request to see or receive their data; Law 91/2025/QH15). Audited.

use super::record_download;
use crate::app::audit_trail::AuditEvent;
use crate::app::award_history::{for_key, AwardRecord};
use crate::app::nominations::{dossier_status, Document, Nomination, NominationOutcome};
use crate::app::unit_awards::UnitAward;
use crate::app::workflow::{self, HistoryEntry};
use crate::app::{Context, Result};
use crate::auth::policy::{require, Permission};
use crate::db::models::DocumentRow;
use crate::db::repo::{
    audit as audit_repo, dossier as files, nominations as nomination_repo, personal_data as repo,
    unit_awards as unit_award_repo,
};
use crate::db::DbConnection;
use crate::domain::nominee::canonical_key;
use crate::domain::personal_data::Ground;
use crate::error::{ApiError, ErrorCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// The audit action of an export.
pub const EXPORT_ACTION: &str = "personal_data.export";

/// Why the service holds nominees' data, as the export states it.
const PURPOSE: &str = "Xét đề nghị khen thưởng trong phong trào thi đua (hồ sơ, thẩm định, quyết định khen thưởng) và lưu lịch sử khen thưởng";
const LEGAL_BASIS: &str = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 356/2025/NĐ-CP";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonalDataQuery {
    /// The person's nominee key as nominations and `GET /award-history` give it,
    /// `person:<name>:<year of birth>`, or a household's head as
    /// `household:<head's name>:<commune>` (names are normalised again: case,
    /// diacritics and spacing do not matter).
    #[param(max_length = 300, example = "person:dang thi my linh:1988")]
    pub nominee: String,
}

/// A dossier file held on the person: its metadata, and where the admin downloads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldDocument {
    pub document: Document,
    /// `GET` it (admin; audited); null once its content was erased.
    pub download_path: Option<String>,
}

/// When and why a nomination's personal data was anonymised.
#[derive(Debug, Serialize, ToSchema)]
pub struct Anonymised {
    pub anonymised_at: DateTime<Utc>,
    pub ground: Ground,
    pub retention_days: i64,
    pub files_erased: i64,
}

/// One nomination of the person, with its workflow history and dossier.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldNomination {
    pub nomination: Nomination,
    pub history: Vec<HistoryEntry>,
    /// Every file, removed ones included.
    pub documents: Vec<HeldDocument>,
    pub anonymised: Option<Anonymised>,
}

/// Everything the service holds under one person's nominee key.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "nominee_key": "person:dang thi my linh:1988",
    "generated_at": "2026-12-02T01:20:00Z",
    "purpose": PURPOSE,
    "legal_basis": LEGAL_BASIS,
    "retention_days": 730,
    "nominations": [{
        "nomination": {
            "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
            "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
            "award_form": "provincial_merit", "nominee_kind": "individual", "nominee_name": "Đặng Thị Mỹ Linh",
            "collective": null,
            "individual": {"full_name": "Đặng Thị Mỹ Linh", "gender": "female", "birth_year": 1988,
                "position": "Chuyên viên Phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười"},
            "household": null, "achievement_type": "routine",
            "achievement_summary": "Tham mưu triển khai 100% thủ tục hành chính trực tuyến toàn trình cấp huyện năm 2023.",
            "clean_record": true, "status": "awarded", "dossier": {"missing": [], "documents": 6},
            "submitted_at": "2023-10-20T02:00:00Z", "return_reason": null, "model_ids": [], "version": 9,
            "created_at": "2023-10-05T02:00:00Z", "updated_at": "2023-12-28T02:00:00Z"
        },
        "history": [{"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f31", "action": "submit", "from_status": "draft",
            "to_status": "submitted", "actor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e75", "actor_username": "unit_head",
            "actor_role": "unit_head", "comment": null, "occurred_at": "2023-10-20T02:00:00Z"}],
        "documents": [{"document": {"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f40", "kind": "proposal_letter",
            "file_name": "Tờ trình số 12-TTr-UBND.pdf", "media_type": "application/pdf", "size_bytes": 184220,
            "sha256": "9f2c0b8e4f6a1d3c5b7e9a0c2d4f6b8a1c3e5d7f9b0a2c4e6d8f0a1b3c5d7e9f", "uploaded_by": "unit_officer",
            "uploaded_at": "2023-10-06T02:00:00Z", "removed_at": null},
            "download_path": "/api/v1/personal-data/documents/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f40"}],
        "anonymised": null
    }],
    "awards": [{"source": "provincial_merit", "title": "Bằng khen của Chủ tịch UBND Tỉnh", "nominee_name": "Đặng Thị Mỹ Linh",
        "decision_number": "3012/QĐ-UBND", "decided_on": "2023-12-28",
        "issuer_unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e10", "issuer_name": "Văn phòng UBND Tỉnh",
        "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "round_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ea1",
        "unit_award_id": null, "nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20"}],
    "unit_awards": [],
    "audit_events": [{"id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4eb0", "occurred_at": "2026-11-30T08:15:02.123456Z",
        "actor_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e72", "actor_username": "home_affairs_officer",
        "actor_roles": ["home_affairs_officer"], "action": "nomination.read", "resource_type": "nomination",
        "resource_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f20", "request_id": "5f0c6a8e-2d0b-4a57-9b43-2f1c8d7e6a10",
        "changes": {"fields": ["nominee_name", "individual", "achievement_summary"], "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60"}}]
}))]
pub struct PersonalDataExport {
    pub nominee_key: String,
    pub generated_at: DateTime<Utc>,
    /// Why the service holds it.
    pub purpose: String,
    pub legal_basis: String,
    /// Days after a withdrawn, returned-and-abandoned or unawarded nomination's last step
    /// before its personal data is anonymised (awards are kept).
    pub retention_days: i64,
    /// Every nomination of the person, oldest first, with history and dossier.
    pub nominations: Vec<HeldNomination>,
    /// Every award of the person, from all sources (Giấy khen, Bằng khen, state awards).
    pub awards: Vec<AwardRecord>,
    /// The Giấy khen recorded for the person, in full.
    pub unit_awards: Vec<UnitAward>,
    /// Every audit event about these nominations and Giấy khen (changes, reads, list
    /// pages naming them, downloads) and earlier exports, oldest first.
    pub audit_events: Vec<AuditEvent>,
}

/// A person's key, or 422.
fn person_key(raw: &str) -> Result<String> {
    if raw.chars().count() > 300 {
        return Err(ApiError::invalid(
            "nominee",
            "at most 300 characters",
            "tối đa 300 ký tự",
        ));
    }
    canonical_key(raw)
        .filter(|k| k.starts_with("person:") || k.starts_with("household:"))
        .ok_or_else(|| {
            ApiError::invalid(
                "nominee",
                "a person's key, person:<name>:<year of birth> or household:<head's name>:<commune>",
                "khóa của một cá nhân, person:<họ tên>:<năm sinh> hoặc household:<họ tên chủ hộ>:<xã>",
            )
        })
}

/// Everything held on the person (admin; 403 otherwise), recorded in the audit trail.
pub fn export(
    conn: &mut DbConnection,
    ctx: &Context,
    q: PersonalDataQuery,
    retention_days: i64,
) -> Result<PersonalDataExport> {
    require(&ctx.actor, Permission::ExportPersonalData)?;
    let key = person_key(&q.nominee)?;
    let rows = repo::nominations_by_key(conn, &key)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let markers: HashMap<String, repo::AnonymisationRow> = repo::markers_of(conn, &ids)?
        .into_iter()
        .map(|m| (m.nomination_id.clone(), m))
        .collect();
    let mut nominations = Vec::new();
    let mut document_count = 0;
    for (row, _, round, outcome, kinds) in nomination_repo::find_loaded(conn, &ids)? {
        let all_docs = files::documents(conn, &row.id, true)?;
        let dossier = dossier_status(&round, &kinds)?;
        let anonymised = match markers.get(&row.id) {
            Some(m) => Some(Anonymised {
                anonymised_at: m.anonymised_at.and_utc(),
                ground: Ground::parse(&m.ground)
                    .ok_or_else(|| ApiError::internal(format!("unknown ground {}", m.ground)))?,
                retention_days: m.retention_days,
                files_erased: m.files_erased,
            }),
            None => None,
        };
        let history = workflow::history(conn, "nomination", &row.id)?.items;
        let mut nomination = Nomination::from_row(row, Some(dossier))?;
        nomination.outcome = outcome.map(NominationOutcome::from);
        document_count += all_docs.len();
        let documents = all_docs
            .into_iter()
            .map(|d| HeldDocument {
                download_path: anonymised
                    .is_none()
                    .then(|| format!("/api/v1/personal-data/documents/{}", d.id)),
                document: Document::from(d),
            })
            .collect();
        nominations.push(HeldNomination {
            nomination,
            history,
            documents,
            anonymised,
        });
    }
    let unit_awards = unit_award_repo::unit_awards_by_key(conn, &key)?
        .into_iter()
        .map(|(r, unit_name, _, _)| UnitAward::from_row(r, unit_name))
        .collect::<Result<Vec<_>>>()?;
    let mut about: Vec<String> = ids.clone();
    about.extend(unit_awards.iter().map(|u| u.id.clone()));
    about.push(key.clone());
    let audit_events = repo::audit_about(conn, &about, &ids, super::LIST_ACTION)?
        .into_iter()
        .map(AuditEvent::from_row)
        .collect::<Result<Vec<_>>>()?;
    let awards = for_key(conn, &ctx.actor, &key)?;
    audit_repo::record(
        conn,
        &ctx.audit_actor(),
        EXPORT_ACTION,
        "nominee",
        &key,
        &json!({
            "nomination_ids": ids,
            "unit_award_ids": unit_awards.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            "documents": document_count,
        }),
    )?;
    Ok(PersonalDataExport {
        nominee_key: key,
        generated_at: ctx.now,
        purpose: PURPOSE.into(),
        legal_basis: LEGAL_BASIS.into(),
        retention_days,
        nominations,
        awards,
        unit_awards,
        audit_events,
    })
}

/// One dossier file of any nomination, for the admin's export (403 otherwise; 404
/// unknown; 410 erased), recorded as a download for the export.
pub fn download(conn: &mut DbConnection, ctx: &Context, document_id: &str) -> Result<DocumentRow> {
    require(&ctx.actor, Permission::ExportPersonalData)?;
    let doc = repo::document_by_id(conn, document_id)?.ok_or_else(ApiError::not_found)?;
    if doc.content.is_empty() {
        return Err(ApiError::new(ErrorCode::PersonalDataErased));
    }
    record_download(conn, ctx, &doc, Some("personal_data_export"))?;
    Ok(doc)
}
