//! The authorisation matrix: every operation of the OpenAPI document, called as each
//! demo role and without a token, against a table written from `src/auth/policy.rs`.

use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// No token needed (public data, health, metrics, login/refresh/logout).
    Public,
    /// Any signed-in user (ReadOrganisation, /me).
    AnyRole,
    /// Only these roles; every other signed-in role gets 403.
    Only(&'static [&'static str]),
    /// Decided by the record's unit, state and movement (ReadUnitRecord,
    /// EditUnitRecord, SubmitUnitRecord, ReviewMovement): every role and a user of
    /// another unit are tried step by step in `plans.rs` and `reports.rs`.
    Ownership,
}

/// ManageOrganisation and ManageUsers.
const ADMIN: &[&str] = &["admin"];
/// ReadUsers and ReadAudit.
const ADMIN_AUDITOR: &[&str] = &["admin", "auditor"];
/// ManageCriteria on the demo movement, whose standing unit is `dic_officer`'s STTTT.
const CRITERIA_MANAGERS: &[&str] = &["admin", "dic_officer"];
/// ReadReportStatus on the demo movement: its reviewers and the province's leaders.
const MOVEMENT_READERS: &[&str] = &[
    "admin",
    "dic_officer",
    "home_affairs_officer",
    "chair",
    "auditor",
];
/// ReviewMovement on the demo movement.
const DIC: &[&str] = &["dic_officer"];
/// RecordUnitAward for the caller's own unit (H-THAPMUOI's head).
const UNIT_HEAD: &[&str] = &["unit_head"];

struct Rule {
    op: &'static str,
    method: &'static str,
    path: &'static str,
    access: Access,
    /// The answer an allowed caller gets with the real ids and valid bodies we send.
    ok: u16,
}

const fn rule(
    op: &'static str,
    method: &'static str,
    path: &'static str,
    access: Access,
    ok: u16,
) -> Rule {
    Rule {
        op,
        method,
        path,
        access,
        ok,
    }
}

use Access::{AnyRole, Only, Ownership, Public};

#[rustfmt::skip]
const TABLE: &[Rule] = &[
    // operations
    rule("get_liveness", "GET", "/health/live", Public, 200),
    rule("get_readiness", "GET", "/health/ready", Public, 200),
    rule("get_metrics", "GET", "/metrics", Public, 200),
    // auth
    rule("issue_token", "POST", "/api/v1/auth/token", Public, 200),
    rule("refresh_token", "POST", "/api/v1/auth/refresh", Public, 200),
    rule("logout", "POST", "/api/v1/auth/logout", Public, 204),
    rule("get_me", "GET", "/api/v1/me", AnyRole, 200),
    // users: ReadUsers / ManageUsers
    rule("list_users", "GET", "/api/v1/users", Only(ADMIN_AUDITOR), 200),
    rule("create_user", "POST", "/api/v1/users", Only(ADMIN), 201),
    rule("get_user", "GET", "/api/v1/users/{id}", Only(ADMIN_AUDITOR), 200),
    rule("update_user", "PATCH", "/api/v1/users/{id}", Only(ADMIN), 200),
    rule("deactivate_user", "POST", "/api/v1/users/{id}/deactivate", Only(ADMIN), 200),
    // groups and units: ReadOrganisation / ManageOrganisation
    rule("list_groups", "GET", "/api/v1/groups", AnyRole, 200),
    rule("create_group", "POST", "/api/v1/groups", Only(ADMIN), 201),
    rule("get_group", "GET", "/api/v1/groups/{id}", AnyRole, 200),
    rule("update_group", "PATCH", "/api/v1/groups/{id}", Only(ADMIN), 200),
    rule("list_units", "GET", "/api/v1/units", AnyRole, 200),
    rule("create_unit", "POST", "/api/v1/units", Only(ADMIN), 201),
    rule("get_unit", "GET", "/api/v1/units/{id}", AnyRole, 200),
    rule("update_unit", "PATCH", "/api/v1/units/{id}", Only(ADMIN), 200),
    // movements: ReadOrganisation / ManageOrganisation
    rule("list_movements", "GET", "/api/v1/movements", AnyRole, 200),
    rule("create_movement", "POST", "/api/v1/movements", Only(ADMIN), 201),
    rule("get_movement", "GET", "/api/v1/movements/{id}", AnyRole, 200),
    rule("update_movement", "PATCH", "/api/v1/movements/{id}", Only(ADMIN), 200),
    // criteria: ReadOrganisation / ManageCriteria
    rule("list_criteria", "GET", "/api/v1/movements/{movement_id}/criteria", AnyRole, 200),
    rule("create_criterion", "POST", "/api/v1/movements/{movement_id}/criteria", Only(CRITERIA_MANAGERS), 201),
    rule("get_criterion", "GET", "/api/v1/movements/{movement_id}/criteria/{id}", AnyRole, 200),
    rule("update_criterion", "PATCH", "/api/v1/movements/{movement_id}/criteria/{id}", Only(CRITERIA_MANAGERS), 200),
    rule("delete_criterion", "DELETE", "/api/v1/movements/{movement_id}/criteria/{id}", Only(CRITERIA_MANAGERS), 204),
    // rounds: ReadOrganisation / ManageOrganisation
    rule("list_rounds", "GET", "/api/v1/movements/{movement_id}/rounds", AnyRole, 200),
    rule("create_round", "POST", "/api/v1/movements/{movement_id}/rounds", Only(ADMIN), 201),
    rule("get_round", "GET", "/api/v1/movements/{movement_id}/rounds/{id}", AnyRole, 200),
    rule("update_round", "PATCH", "/api/v1/movements/{movement_id}/rounds/{id}", Only(ADMIN), 200),
    // plans and reports: ownership and review (see plans.rs, reports.rs)
    rule("list_plans", "GET", "/api/v1/plans", AnyRole, 200),
    rule("create_plan", "POST", "/api/v1/plans", Ownership, 201),
    rule("get_plan", "GET", "/api/v1/plans/{id}", Ownership, 200),
    rule("update_plan", "PATCH", "/api/v1/plans/{id}", Ownership, 200),
    rule("submit_plan", "POST", "/api/v1/plans/{id}/submit", Ownership, 200),
    rule("accept_plan", "POST", "/api/v1/plans/{id}/accept", Ownership, 200),
    rule("return_plan", "POST", "/api/v1/plans/{id}/return", Ownership, 200),
    rule("get_plan_history", "GET", "/api/v1/plans/{id}/history", Ownership, 200),
    rule("list_reports", "GET", "/api/v1/reports", AnyRole, 200),
    rule("create_report", "POST", "/api/v1/reports", Ownership, 201),
    rule("get_report", "GET", "/api/v1/reports/{id}", Ownership, 200),
    rule("update_report", "PATCH", "/api/v1/reports/{id}", Ownership, 200),
    rule("submit_report", "POST", "/api/v1/reports/{id}/submit", Ownership, 200),
    rule("accept_report", "POST", "/api/v1/reports/{id}/accept", Ownership, 200),
    rule("return_report", "POST", "/api/v1/reports/{id}/return", Ownership, 200),
    rule("get_report_history", "GET", "/api/v1/reports/{id}/history", Ownership, 200),
    rule("get_report_status", "GET", "/api/v1/movements/{id}/report-status", Only(MOVEMENT_READERS), 200),
    // Every demo role: the reviewers every group, the unit's officer and head their own (rankings.rs).
    rule("get_rankings", "GET", "/api/v1/movements/{id}/rankings", AnyRole, 200),
    rule("issue_consolidated_report", "POST", "/api/v1/consolidated-reports", Only(DIC), 201),
    rule("list_consolidated_reports", "GET", "/api/v1/consolidated-reports", AnyRole, 200),
    rule("get_consolidated_report", "GET", "/api/v1/consolidated-reports/{id}", Ownership, 200),
    rule("get_consolidated_report_csv", "GET", "/api/v1/consolidated-reports/{id}.csv", Ownership, 200),
    // nominations: ownership and review (see nominations.rs)
    rule("list_nominations", "GET", "/api/v1/nominations", AnyRole, 200),
    rule("create_nomination", "POST", "/api/v1/nominations", Ownership, 201),
    rule("get_nomination", "GET", "/api/v1/nominations/{id}", Ownership, 200),
    rule("update_nomination", "PATCH", "/api/v1/nominations/{id}", Ownership, 200),
    rule("submit_nomination", "POST", "/api/v1/nominations/{id}/submit", Ownership, 200),
    rule("withdraw_nomination", "POST", "/api/v1/nominations/{id}/withdraw", Ownership, 200),
    rule("return_nomination", "POST", "/api/v1/nominations/{id}/return", Ownership, 200),
    rule("get_nomination_history", "GET", "/api/v1/nominations/{id}/history", Ownership, 200),
    rule("appraise_nomination", "POST", "/api/v1/nominations/{id}/appraise", Ownership, 200),
    // the Chair's steps after appraisal (see state_awards.rs) and the dashboard
    rule("close_nomination", "POST", "/api/v1/nominations/{id}/close", Ownership, 200),
    rule("post_nomination_for_comment", "POST", "/api/v1/nominations/{id}/post-for-comment", Ownership, 200),
    rule("forward_nomination", "POST", "/api/v1/nominations/{id}/forward", Ownership, 200),
    rule("record_central_outcome", "POST", "/api/v1/nominations/{id}/central-outcome", Ownership, 200),
    rule("get_dashboard", "GET", "/api/v1/movements/{id}/dashboard", Only(MOVEMENT_READERS), 200),
    rule("create_submission", "POST", "/api/v1/submissions", Ownership, 201),
    rule("list_submissions", "GET", "/api/v1/submissions", AnyRole, 200),
    rule("get_submission", "GET", "/api/v1/submissions/{id}", Ownership, 200),
    rule("create_decision", "POST", "/api/v1/decisions", Ownership, 201),
    rule("list_decisions", "GET", "/api/v1/decisions", AnyRole, 200),
    rule("get_decision", "GET", "/api/v1/decisions/{id}", Ownership, 200),
    rule("upload_document", "POST", "/api/v1/nominations/{id}/documents", Ownership, 201),
    rule("list_documents", "GET", "/api/v1/nominations/{id}/documents", Ownership, 200),
    rule("download_document", "GET", "/api/v1/nominations/{id}/documents/{document_id}", Ownership, 200),
    rule("delete_document", "DELETE", "/api/v1/nominations/{id}/documents/{document_id}", Ownership, 204),
    // Giấy khen and award history: RecordUnitAward, ReadUnitAwards, ReadAwardHistory. Every
    // demo role reads H-THAPMUOI's award (its own unit's, or all units'); another unit's
    // user gets 404 (see unit_awards.rs).
    rule("create_unit_award", "POST", "/api/v1/unit-awards", Only(UNIT_HEAD), 201),
    rule("list_unit_awards", "GET", "/api/v1/unit-awards", AnyRole, 200),
    rule("get_unit_award", "GET", "/api/v1/unit-awards/{id}", AnyRole, 200),
    rule("get_award_history", "GET", "/api/v1/award-history", AnyRole, 200),
    // exemplary models (issue 12): decided by the model's unit, state and movement (see
    // exemplary_models/); the list is any signed-in user's, scoped.
    rule("create_exemplary_model", "POST", "/api/v1/exemplary-models", Ownership, 201),
    rule("list_exemplary_models", "GET", "/api/v1/exemplary-models", AnyRole, 200),
    rule("get_exemplary_model", "GET", "/api/v1/exemplary-models/{id}", Ownership, 200),
    rule("update_exemplary_model", "PATCH", "/api/v1/exemplary-models/{id}", Ownership, 200),
    rule("submit_exemplary_model", "POST", "/api/v1/exemplary-models/{id}/submit", Ownership, 200),
    rule("recognize_exemplary_model", "POST", "/api/v1/exemplary-models/{id}/recognize", Ownership, 200),
    rule("return_exemplary_model", "POST", "/api/v1/exemplary-models/{id}/return", Ownership, 200),
    rule("retire_exemplary_model", "POST", "/api/v1/exemplary-models/{id}/retire", Ownership, 200),
    rule("get_exemplary_model_history", "GET", "/api/v1/exemplary-models/{id}/history", Ownership, 200),
    rule("upload_exemplary_model_document", "POST", "/api/v1/exemplary-models/{id}/documents", Ownership, 201),
    rule("list_exemplary_model_documents", "GET", "/api/v1/exemplary-models/{id}/documents", Ownership, 200),
    rule("download_exemplary_model_document", "GET", "/api/v1/exemplary-models/{id}/documents/{document_id}", Ownership, 200),
    rule("delete_exemplary_model_document", "DELETE", "/api/v1/exemplary-models/{id}/documents/{document_id}", Ownership, 204),
    rule("create_model_replication", "POST", "/api/v1/exemplary-models/{id}/replications", Ownership, 201),
    rule("list_model_replications", "GET", "/api/v1/exemplary-models/{id}/replications", Ownership, 200),
    rule("confirm_model_replication", "POST", "/api/v1/exemplary-models/{id}/replications/{replication_id}/confirm", Ownership, 200),
    // deadlines and holidays
    rule("list_deadlines", "GET", "/api/v1/deadlines", AnyRole, 200),
    rule("list_holidays", "GET", "/api/v1/holidays", AnyRole, 200),
    rule("create_holiday", "POST", "/api/v1/holidays", Only(ADMIN), 201),
    rule("delete_holiday", "DELETE", "/api/v1/holidays/{day}", Only(ADMIN), 204),
    // audit: ReadAudit
    rule("list_audit_events", "GET", "/api/v1/audit-events", Only(ADMIN_AUDITOR), 200),
    // personal data (issue 9 item 16): ExportPersonalData
    rule("export_personal_data", "GET", "/api/v1/personal-data", Only(ADMIN), 200),
    rule("download_personal_data_document", "GET", "/api/v1/personal-data/documents/{document_id}", Only(ADMIN), 200),
    // open data
    rule("list_public_movements", "GET", "/api/v1/public/movements", Public, 200),
    rule("get_public_movement", "GET", "/api/v1/public/movements/{id}", Public, 200),
    rule("list_public_decisions", "GET", "/api/v1/public/decisions", Public, 200),
    rule("list_public_awards", "GET", "/api/v1/public/awards", Public, 200),
    rule("list_comment_postings", "GET", "/api/v1/public/comment-postings", Public, 200),
    rule("list_public_movements_csv", "GET", "/api/v1/public/movements.csv", Public, 200),
    rule("list_public_decisions_csv", "GET", "/api/v1/public/decisions.csv", Public, 200),
    rule("list_public_awards_csv", "GET", "/api/v1/public/awards.csv", Public, 200),
    rule("list_comment_postings_csv", "GET", "/api/v1/public/comment-postings.csv", Public, 200),
    rule("list_public_exemplary_models", "GET", "/api/v1/public/exemplary-models", Public, 200),
    rule("list_public_exemplary_models_csv", "GET", "/api/v1/public/exemplary-models.csv", Public, 200),
];

impl Rule {
    fn allows(&self, caller: Option<&str>) -> bool {
        match (self.access, caller) {
            (Public, _) => true,
            (_, None) => false,
            (AnyRole, Some(_)) => true,
            (Only(roles), Some(role)) => roles.contains(&role),
            (Ownership, Some(_)) => true,
        }
    }
}

/// Every caller of the matrix: the seven demo roles, then no token.
fn callers() -> Vec<Option<&'static str>> {
    ROLES.iter().copied().map(Some).chain([None]).collect()
}

fn tag(caller: Option<&str>) -> &str {
    caller.unwrap_or("anonymous")
}

/// Real records the calls address, so allowed calls reach their handler and succeed.
struct Ids {
    movement: String,
    standing_unit: String,
    appraising_unit: String,
    /// H-THAPMUOI, read and used as a new user's unit.
    unit: String,
    /// BAODT, renamed by `update_unit`.
    unit_to_change: String,
    /// CUM-2.
    group: String,
    /// SK-2022-2023.
    round: String,
    /// YT-01.
    criterion: String,
    /// An account created for `update_user`.
    user: String,
    /// Per caller: an account that caller tries to deactivate.
    deactivate: HashMap<String, String>,
    /// Per caller: a criterion that caller tries to delete.
    delete: HashMap<String, String>,
    /// A roll-up issued by DIC.
    consolidated: String,
    /// A Giấy khen recorded by H-THAPMUOI's head.
    unit_award: String,
}

fn find_code<'a>(items: &'a Value, code: &str) -> &'a Value {
    items["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("{code} not in {items}"))
}

async fn create_account<S: TestService>(app: &TestApp<S>, username: &str, unit: &str) -> String {
    let admin = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": username, "full_name": "Người Kiểm Thử", "unit_id": unit,
                "roles": ["unit_officer"], "password": DEMO_PASSWORD}),
        )
        .await;
    r.assert(201);
    r.body["id"].as_str().unwrap().to_string()
}

async fn create_criterion<S: TestService>(app: &TestApp<S>, movement: &str, code: &str) -> String {
    let admin = app.token("admin").await;
    let r = app
        .post(
            &format!("/api/v1/movements/{movement}/criteria"),
            Some(&admin),
            json!({"code": code, "title": "Tiêu chí để xóa", "field_code": "other",
                "unit_of_measure": "%", "max_score": 1.0}),
        )
        .await;
    r.assert(201);
    r.body["id"].as_str().unwrap().to_string()
}

fn unit_award(movement: &str, name: &str) -> Value {
    json!({"movement_id": movement, "recipient_kind": "individual",
        "individual": {"full_name": name, "gender": "female", "birth_year": 1985,
            "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
        "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025.",
        "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15"})
}

async fn prepare<S: TestService>(app: &TestApp<S>) -> Ids {
    let admin = app.token("admin").await;
    let movement = app.movement().await;
    let m = movement["id"].as_str().unwrap().to_string();
    let groups = app.get("/api/v1/groups", Some(&admin)).await;
    let rounds = app
        .get(&format!("/api/v1/movements/{m}/rounds"), Some(&admin))
        .await;
    let criteria = app
        .get(&format!("/api/v1/movements/{m}/criteria"), Some(&admin))
        .await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let mut ids = Ids {
        standing_unit: movement["standing_unit_id"].as_str().unwrap().into(),
        appraising_unit: movement["appraising_unit_id"].as_str().unwrap().into(),
        unit_to_change: app.unit_id("BAODT").await,
        group: find_code(&groups.body, "CUM-2")["id"]
            .as_str()
            .unwrap()
            .into(),
        round: find_code(&rounds.body, "SK-2022-2023")["id"]
            .as_str()
            .unwrap()
            .into(),
        criterion: find_code(&criteria.body, "YT-01")["id"]
            .as_str()
            .unwrap()
            .into(),
        user: create_account(app, "policy.target", &unit).await,
        deactivate: HashMap::new(),
        delete: HashMap::new(),
        consolidated: String::new(),
        unit_award: String::new(),
        unit,
        movement: m,
    };
    assert_eq!(ids.standing_unit, app.unit_id("STTTT").await);
    let dic = app.token("dic_officer").await;
    let issued = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": ids.movement, "year": 2024}),
        )
        .await;
    issued.assert(201);
    ids.consolidated = issued.body["id"].as_str().unwrap().to_string();
    let head = app.token("unit_head").await;
    let award = app
        .post(
            "/api/v1/unit-awards",
            Some(&head),
            unit_award(&ids.movement, "Nguyễn Thị Hoa"),
        )
        .await;
    award.assert(201);
    ids.unit_award = award.body["id"].as_str().unwrap().to_string();
    let holiday = app
        .post(
            "/api/v1/holidays",
            Some(&admin),
            json!({"day": "2030-01-01", "name": "Tết Dương lịch"}),
        )
        .await;
    holiday.assert(201);
    for caller in callers() {
        let t = tag(caller);
        let user = create_account(app, &format!("victim.{t}"), &ids.unit).await;
        ids.deactivate.insert(t.to_string(), user);
        let criterion = create_criterion(app, &ids.movement, &format!("DEL-{t}")).await;
        ids.delete.insert(t.to_string(), criterion);
    }
    ids
}

/// The request `caller` sends for `rule`: real ids, a valid body, and for changes the
/// `If-Match` of the record as it is now (read by the admin just before).
async fn request_for<S: TestService>(
    app: &TestApp<S>,
    ids: &Ids,
    rule: &Rule,
    caller: Option<&str>,
) -> Call {
    let t = tag(caller);
    let login_as = caller.unwrap_or("admin");
    let m = &ids.movement;
    // (path, body, the resource whose ETag goes in If-Match)
    let (path, body, versioned): (String, Option<Value>, Option<String>) = match rule.op {
        "get_liveness" => ("/health/live".into(), None, None),
        "get_readiness" => ("/health/ready".into(), None, None),
        "get_metrics" => ("/metrics".into(), None, None),
        "issue_token" => (
            "/api/v1/auth/token".into(),
            Some(json!({"username": login_as, "password": DEMO_PASSWORD})),
            None,
        ),
        "refresh_token" | "logout" => {
            let login = app.login(login_as, DEMO_PASSWORD).await;
            login.assert(200);
            let refresh = login.body["refresh_token"].clone();
            (
                rule.path.into(),
                Some(json!({"refresh_token": refresh})),
                None,
            )
        }
        "get_me" => ("/api/v1/me".into(), None, None),
        "list_users" => ("/api/v1/users".into(), None, None),
        "create_user" => (
            "/api/v1/users".into(),
            Some(
                json!({"username": format!("new.{t}"), "full_name": "Người Mới",
                "unit_id": ids.unit, "roles": ["unit_officer"], "password": DEMO_PASSWORD}),
            ),
            None,
        ),
        "get_user" => (format!("/api/v1/users/{}", ids.user), None, None),
        "update_user" => {
            let p = format!("/api/v1/users/{}", ids.user);
            (
                p.clone(),
                Some(json!({"full_name": format!("Người Kiểm Thử {t}")})),
                Some(p),
            )
        }
        "deactivate_user" => {
            let p = format!("/api/v1/users/{}", ids.deactivate[t]);
            (format!("{p}/deactivate"), None, Some(p))
        }
        "list_groups" => ("/api/v1/groups".into(), None, None),
        "create_group" => (
            "/api/v1/groups".into(),
            Some(
                json!({"code": format!("KHOI-{t}"), "name": format!("Khối kiểm thử {t}"),
                "kind": "bloc"}),
            ),
            None,
        ),
        "get_group" => (format!("/api/v1/groups/{}", ids.group), None, None),
        "update_group" => {
            let p = format!("/api/v1/groups/{}", ids.group);
            (
                p.clone(),
                Some(json!({"description": format!("Vùng giữa ({t})")})),
                Some(p),
            )
        }
        "list_units" => ("/api/v1/units".into(), None, None),
        "create_unit" => (
            "/api/v1/units".into(),
            Some(
                json!({"code": format!("U-{t}"), "name": format!("Đơn vị kiểm thử {t}"),
                "kind": "organisation", "group_id": ids.group, "valid_from": "2022-01-01"}),
            ),
            None,
        ),
        "get_unit" => (format!("/api/v1/units/{}", ids.unit), None, None),
        "update_unit" => {
            let p = format!("/api/v1/units/{}", ids.unit_to_change);
            (
                p.clone(),
                Some(json!({"name": format!("Báo Đồng Tháp ({t})")})),
                Some(p),
            )
        }
        "list_movements" => ("/api/v1/movements".into(), None, None),
        "create_movement" => (
            "/api/v1/movements".into(),
            Some(
                json!({"code": format!("M-{t}"), "title": format!("Phong trào kiểm thử {t}"),
                "theme": "Thi đua kiểm thử", "period_start_year": 2026, "period_end_year": 2030,
                "standing_unit_id": ids.standing_unit, "appraising_unit_id": ids.appraising_unit,
                "fields": [{"code": "other", "name": "Các lĩnh vực còn lại"}]}),
            ),
            None,
        ),
        "get_movement" => (format!("/api/v1/movements/{m}"), None, None),
        "update_movement" => {
            let p = format!("/api/v1/movements/{m}");
            (
                p.clone(),
                Some(json!({"legal_basis": format!("Căn cứ kiểm thử ({t})")})),
                Some(p),
            )
        }
        "list_criteria" => (format!("/api/v1/movements/{m}/criteria"), None, None),
        "create_criterion" => (
            format!("/api/v1/movements/{m}/criteria"),
            Some(json!({"code": format!("NEW-{t}"), "title": "Tiêu chí mới",
                "field_code": "health", "unit_of_measure": "%", "max_score": 5.0})),
            None,
        ),
        "get_criterion" => (
            format!("/api/v1/movements/{m}/criteria/{}", ids.criterion),
            None,
            None,
        ),
        "update_criterion" => {
            let p = format!("/api/v1/movements/{m}/criteria/{}", ids.criterion);
            let title = format!("Tỷ lệ bệnh viện triển khai bệnh án điện tử ({t})");
            (p.clone(), Some(json!({"title": title})), Some(p))
        }
        "delete_criterion" => {
            let p = format!("/api/v1/movements/{m}/criteria/{}", ids.delete[t]);
            (p.clone(), None, Some(p))
        }
        "list_rounds" => (format!("/api/v1/movements/{m}/rounds"), None, None),
        "create_round" => (
            format!("/api/v1/movements/{m}/rounds"),
            Some(
                json!({"code": format!("R-{t}"), "kind": "final", "title": "Đợt kiểm thử",
                "period_start_year": 2026, "period_end_year": 2026,
                "nomination_opens_on": "2026-10-01", "nomination_closes_on": "2026-11-30"}),
            ),
            None,
        ),
        "get_round" => (
            format!("/api/v1/movements/{m}/rounds/{}", ids.round),
            None,
            None,
        ),
        "update_round" => {
            let p = format!("/api/v1/movements/{m}/rounds/{}", ids.round);
            (
                p.clone(),
                Some(json!({"comment_working_days": 12})),
                Some(p),
            )
        }
        "list_plans" => ("/api/v1/plans".into(), None, None),
        "list_reports" => ("/api/v1/reports".into(), None, None),
        "list_nominations" => ("/api/v1/nominations".into(), None, None),
        "list_submissions" => ("/api/v1/submissions".into(), None, None),
        "list_decisions" => ("/api/v1/decisions".into(), None, None),
        "list_public_decisions" => ("/api/v1/public/decisions".into(), None, None),
        "list_public_awards" => ("/api/v1/public/awards".into(), None, None),
        "list_comment_postings" => ("/api/v1/public/comment-postings".into(), None, None),
        "list_public_movements_csv" => ("/api/v1/public/movements.csv".into(), None, None),
        "list_public_decisions_csv" => ("/api/v1/public/decisions.csv".into(), None, None),
        "list_public_awards_csv" => ("/api/v1/public/awards.csv".into(), None, None),
        "list_comment_postings_csv" => ("/api/v1/public/comment-postings.csv".into(), None, None),
        "list_public_exemplary_models" => ("/api/v1/public/exemplary-models".into(), None, None),
        "list_public_exemplary_models_csv" => {
            ("/api/v1/public/exemplary-models.csv".into(), None, None)
        }
        "list_exemplary_models" => ("/api/v1/exemplary-models".into(), None, None),
        "get_dashboard" => (format!("/api/v1/movements/{m}/dashboard"), None, None),
        "get_report_status" => (
            format!("/api/v1/movements/{m}/report-status?year=2024"),
            None,
            None,
        ),
        "get_rankings" => (
            format!("/api/v1/movements/{m}/rankings?year=2024"),
            None,
            None,
        ),
        "issue_consolidated_report" => (
            "/api/v1/consolidated-reports".into(),
            Some(json!({"movement_id": m, "year": 2023})),
            None,
        ),
        "list_consolidated_reports" => ("/api/v1/consolidated-reports".into(), None, None),
        "get_consolidated_report" => (
            format!("/api/v1/consolidated-reports/{}", ids.consolidated),
            None,
            None,
        ),
        "get_consolidated_report_csv" => (
            format!("/api/v1/consolidated-reports/{}.csv", ids.consolidated),
            None,
            None,
        ),
        "create_unit_award" => (
            "/api/v1/unit-awards".into(),
            Some(unit_award(m, &format!("Người Nhận {t}"))),
            None,
        ),
        "list_unit_awards" => ("/api/v1/unit-awards".into(), None, None),
        "get_unit_award" => (
            format!("/api/v1/unit-awards/{}", ids.unit_award),
            None,
            None,
        ),
        "get_award_history" => (
            "/api/v1/award-history?nominee=person%3Anguyen%20thi%20hoa%3A1985".into(),
            None,
            None,
        ),
        "list_deadlines" => ("/api/v1/deadlines".into(), None, None),
        "list_holidays" => ("/api/v1/holidays".into(), None, None),
        "create_holiday" => (
            "/api/v1/holidays".into(),
            Some(json!({"day": "2031-01-01", "name": "Tết Dương lịch"})),
            None,
        ),
        "delete_holiday" => ("/api/v1/holidays/2030-01-01".into(), None, None),
        "list_audit_events" => ("/api/v1/audit-events".into(), None, None),
        "export_personal_data" => (
            "/api/v1/personal-data?nominee=person%3Adang%20thi%20my%20linh%3A1988".into(),
            None,
            None,
        ),
        "download_personal_data_document" => {
            use diesel::prelude::*;
            use thidua::db::schema::nomination_documents as d;
            let mut conn = app.state.pool.get().unwrap();
            let id: String = d::table
                .select(d::id)
                .order(d::id.asc())
                .first(&mut conn)
                .unwrap();
            (format!("/api/v1/personal-data/documents/{id}"), None, None)
        }
        "list_public_movements" => ("/api/v1/public/movements".into(), None, None),
        "get_public_movement" => (format!("/api/v1/public/movements/{m}"), None, None),
        other => panic!("the matrix has no request for {other}: add one"),
    };
    let mut headers = vec![];
    if let Some(resource) = versioned {
        let admin = app.token("admin").await;
        let current = app.get(&resource, Some(&admin)).await;
        current.assert(200);
        headers.push(("If-Match".to_string(), current.etag()));
    }
    let token = match caller {
        Some(role) => Some(app.token(role).await),
        None => None,
    };
    Call {
        method: rule.method,
        path,
        token,
        body,
        headers,
    }
}

fn document_operations() -> Vec<(String, String, String, bool)> {
    let doc = serde_json::to_value(thidua::openapi::document()).unwrap();
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete") {
                continue;
            }
            let public = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().all(|r| r.as_object().unwrap().is_empty()));
            out.push((
                op["operationId"].as_str().unwrap().to_string(),
                method.to_uppercase(),
                path.clone(),
                public,
            ));
        }
    }
    out
}

#[test]
fn the_table_covers_every_operation_of_the_document() {
    let ops = document_operations();
    assert!(ops.len() >= 30, "only {} operations", ops.len());
    let mut seen = BTreeSet::new();
    for (id, method, path, public) in &ops {
        let rule = TABLE
            .iter()
            .find(|r| r.op == id)
            .unwrap_or_else(|| panic!("{method} {path} ({id}) has no row in the policy table"));
        assert_eq!(rule.method, method, "{id}: method");
        assert_eq!(rule.path, path, "{id}: path");
        assert_eq!(
            rule.access == Public,
            *public,
            "{id}: the table and the document disagree on whether it needs a token"
        );
        assert!(seen.insert(id.clone()), "{id} twice in the document");
    }
    for r in TABLE {
        assert!(
            seen.contains(r.op),
            "the table has a row for {} that the document does not have",
            r.op
        );
    }
    assert_eq!(seen.len(), TABLE.len(), "one row per operation");
}

#[actix_web::test]
async fn every_operation_answers_each_role_as_the_policy_says() {
    let app = spawn_app().await;
    let ids = prepare(&app).await;
    let mut failures = vec![];
    for rule in TABLE.iter().filter(|r| r.access != Ownership) {
        for caller in callers() {
            let call = request_for(&app, &ids, rule, caller).await;
            let r = app.send(call).await;
            let who = tag(caller);
            let status = r.status.as_u16();
            let expected: (u16, &str) = if rule.allows(caller) {
                (rule.ok, "")
            } else if caller.is_none() {
                (401, "unauthenticated")
            } else {
                (403, "forbidden")
            };
            let code_ok = expected.1.is_empty() || r.code() == expected.1;
            if status != expected.0 || !code_ok {
                failures.push(format!(
                    "{} {} as {who}: expected {} {}, got {status} {}",
                    rule.method, rule.op, expected.0, expected.1, r.text
                ));
            }
            if !rule.allows(caller) {
                assert_eq!(
                    r.header("content-type").as_deref(),
                    Some("application/problem+json"),
                    "{} as {who}",
                    rule.op
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Refused writes changed nothing; allowed ones each did their one change.
    let admin = app.token("admin").await;
    let groups = app.get("/api/v1/groups?q=kiem%20thu", Some(&admin)).await;
    let codes: Vec<&str> = groups.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["KHOI-admin"]);
    let group = app
        .get(&format!("/api/v1/groups/{}", ids.group), Some(&admin))
        .await;
    assert_eq!(group.body["version"], 2, "only the admin changed CUM-2");
    assert_eq!(group.body["description"], "Vùng giữa (admin)");
    let m = &ids.movement;
    let criteria = app
        .get(&format!("/api/v1/movements/{m}/criteria"), Some(&admin))
        .await;
    let codes: BTreeSet<&str> = criteria.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .filter(|c| c.starts_with("NEW-") || c.starts_with("DEL-"))
        .collect();
    let expected: BTreeSet<&str> = [
        "NEW-admin",
        "NEW-dic_officer",
        "DEL-home_affairs_officer",
        "DEL-chair",
        "DEL-unit_officer",
        "DEL-unit_head",
        "DEL-auditor",
        "DEL-anonymous",
    ]
    .into();
    assert_eq!(codes, expected);
    let criterion = app
        .get(
            &format!("/api/v1/movements/{m}/criteria/{}", ids.criterion),
            Some(&admin),
        )
        .await;
    assert_eq!(criterion.body["version"], 3, "admin and DIC changed YT-01");
    for caller in callers() {
        let t = tag(caller);
        let user = app
            .get(
                &format!("/api/v1/users/{}", ids.deactivate[t]),
                Some(&admin),
            )
            .await;
        assert_eq!(user.body["active"], t != "admin", "victim of {t}");
    }
    let users = app.get("/api/v1/users?limit=200", Some(&admin)).await;
    let new: Vec<&str> = users.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .filter(|u| u.starts_with("new."))
        .collect();
    assert_eq!(new, ["new.admin"]);
}

async fn delete<S: TestService>(app: &TestApp<S>, path: &str, token: &str, etag: &str) -> Reply {
    app.send(Call {
        method: "DELETE",
        path: path.into(),
        token: Some(token.into()),
        body: None,
        headers: vec![("If-Match".into(), etag.into())],
    })
    .await
}

async fn new_dic<S: TestService>(app: &TestApp<S>, username: &str, unit_code: &str) -> String {
    let admin = app.token("admin").await;
    let unit = app.unit_id(unit_code).await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": username, "full_name": "Cán Bộ Sở Khác", "unit_id": unit,
                "roles": ["dic_officer"], "password": DEMO_PASSWORD}),
        )
        .await;
    r.assert(201);
    app.token(username).await
}

fn new_criterion(code: &str) -> Value {
    json!({"code": code, "title": "Tỷ lệ dịch vụ công trực tuyến", "field_code": "other",
        "unit_of_measure": "%", "max_score": 4.0})
}

#[actix_web::test]
async fn a_dic_officer_of_another_unit_cannot_define_the_movements_criteria() {
    let app = spawn_app().await;
    let m = app.movement().await;
    let mid = m["id"].as_str().unwrap();
    let admin = app.token("admin").await;
    let other = new_dic(&app, "dic.snv", "SNV").await;
    let criteria = format!("/api/v1/movements/{mid}/criteria");
    app.post(&criteria, Some(&other), new_criterion("KH-05"))
        .await
        .assert_problem(403, "forbidden");
    let list = app.get(&criteria, Some(&admin)).await;
    let yt01 = find_code(&list.body, "YT-01")["id"].as_str().unwrap();
    let path = format!("{criteria}/{yt01}");
    let before = app.get(&path, Some(&other)).await;
    before.assert(200);
    let etag = before.etag();
    app.patch(&path, &other, &etag, json!({"max_score": 1.0}))
        .await
        .assert_problem(403, "forbidden");
    delete(&app, &path, &other, &etag)
        .await
        .assert_problem(403, "forbidden");
    // Nothing changed: same version, same score, no new criterion.
    let after = app.get(&path, Some(&admin)).await;
    assert_eq!(after.etag(), etag);
    assert_eq!(after.body["max_score"], 8.0);
    let list = app.get(&criteria, Some(&admin)).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 14);
    // A non-DIC role in the standing unit itself is refused too.
    let stttt = app.unit_id("STTTT").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            json!({"username": "officer.stttt", "full_name": "Cán Bộ STTTT", "unit_id": stttt,
                "roles": ["unit_officer", "unit_head"], "password": DEMO_PASSWORD}),
        )
        .await;
    r.assert(201);
    let officer = app.token("officer.stttt").await;
    app.post(&criteria, Some(&officer), new_criterion("KH-05"))
        .await
        .assert_problem(403, "forbidden");
    // The movement's own DIC can.
    let dic = app.token("dic_officer").await;
    app.post(&criteria, Some(&dic), new_criterion("KH-05"))
        .await
        .assert(201);
}

#[actix_web::test]
async fn moving_the_standing_unit_hands_the_criteria_to_the_new_dic() {
    let app = spawn_app().await;
    let admin = app.token("admin").await;
    let old_dic = app.token("dic_officer").await;
    let new = new_dic(&app, "dic.skhcn", "SKHCN").await;
    let m = app.movement().await;
    let mid = m["id"].as_str().unwrap();
    let movement = format!("/api/v1/movements/{mid}");
    let criteria = format!("{movement}/criteria");
    // Before: the old DIC defines, the new one cannot.
    app.post(&criteria, Some(&new), new_criterion("KH-05"))
        .await
        .assert_problem(403, "forbidden");
    let created = app
        .post(&criteria, Some(&old_dic), new_criterion("KH-05"))
        .await;
    created.assert(201);
    let kh05 = format!("{criteria}/{}", created.body["id"].as_str().unwrap());
    let list = app.get(&criteria, Some(&admin)).await;
    let kh01 = format!(
        "{criteria}/{}",
        find_code(&list.body, "KH-01")["id"].as_str().unwrap()
    );

    // The Department of Science and Technology takes over the standing role.
    let skhcn = app.unit_id("SKHCN").await;
    let current = app.get(&movement, Some(&admin)).await;
    app.patch(
        &movement,
        &admin,
        "\"7\"",
        json!({"standing_unit_id": skhcn}),
    )
    .await
    .assert_problem(412, "stale_version");
    let moved = app
        .patch(
            &movement,
            &admin,
            &current.etag(),
            json!({"standing_unit_id": skhcn}),
        )
        .await;
    moved.assert(200);
    assert_eq!(moved.body["standing_unit_id"], skhcn.as_str());
    assert_eq!(moved.etag(), "\"2\"");

    // After: the new DIC creates, changes and deletes; the old one is refused.
    app.post(&criteria, Some(&old_dic), new_criterion("KH-06"))
        .await
        .assert_problem(403, "forbidden");
    app.post(&criteria, Some(&new), new_criterion("KH-06"))
        .await
        .assert(201);
    let etag = app.get(&kh01, Some(&admin)).await.etag();
    // (Demo plans set targets on KH-01, so its maximum is fixed: its title changes.)
    let title = json!({"title": "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình"});
    app.patch(&kh01, &old_dic, &etag, title.clone())
        .await
        .assert_problem(403, "forbidden");
    let changed = app.patch(&kh01, &new, &etag, title).await;
    changed.assert(200);
    assert_eq!(changed.body["version"], 2);
    let etag = app.get(&kh05, Some(&admin)).await.etag();
    delete(&app, &kh05, &old_dic, &etag)
        .await
        .assert_problem(403, "forbidden");
    delete(&app, &kh05, &new, &etag).await.assert(204);
    app.get(&kh05, Some(&admin)).await.assert(404);
    // Reading stays open to both.
    app.get(&criteria, Some(&old_dic)).await.assert(200);
}
