//! Giấy khen (unit_certificate): awarded by a unit's head under the unit's own authority
//! and recorded here with the unit's own decision number; no provincial review. Each one
//! enters the recipient's award history under the same key a nomination uses.

use crate::api::nominations::{Collective, Gender};
use crate::api::plans::movement_roles;
use crate::api::rounds::NomineeKind;
use crate::api::{
    audit_actor, audit_created, create_idempotent, decode_cursor, page_limit, page_type, paginate,
    run, text_filter, year_filter, Created,
};
use crate::auth::policy::{
    allows, reads_all_unit_awards, require, unit_award_scope, Permission, Visibility,
};
use crate::auth::{Actor, LegacyCaller};
use crate::db::models::{new_id, UnitAwardRow};
use crate::db::repo::{movements, organisation, unit_awards as repo};
use crate::db::DbConnection;
use crate::domain::nominee::Nominee;
use crate::domain::search;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The title when none is given.
pub const DEFAULT_TITLE: &str = "Giấy khen";

/// An individual recipient: only what the unit's decision names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
    "position": "Chuyên viên Phòng Văn hóa và Thông tin"}))]
pub struct AwardedIndividual {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    pub gender: Gender,
    #[schema(minimum = 1920, maximum = 2015)]
    pub birth_year: i32,
    #[schema(min_length = 1, max_length = 300)]
    pub position: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "recipient_kind": "individual",
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
    "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025 của UBND Huyện Tháp Mười.",
    "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15"
}))]
pub struct NewUnitAward {
    /// The awarding unit; default: the caller's (only its head records).
    pub unit_id: Option<String>,
    pub movement_id: String,
    pub recipient_kind: NomineeKind,
    /// Required for a collective recipient: the awarding unit itself (`unit_id`), or
    /// with `team_name` a named collective inside it; never another unit.
    pub collective: Option<Collective>,
    /// Required for an individual recipient.
    pub individual: Option<AwardedIndividual>,
    /// Default "Giấy khen"; e.g. "Giấy khen của Giám đốc Sở Thông tin và Truyền thông".
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 10000)]
    pub achievement: String,
    /// As in the unit's own register, e.g. "45/QĐ-STTTT" (never generated here; one
    /// decision may award several recipients).
    #[schema(min_length = 1, max_length = 50)]
    pub decision_number: String,
    /// The decision's date; not in the future, nor before 1 January of the movement's
    /// first year (`period_start_year`). Its year is the award's year.
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4f70", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "unit_name": "UBND Huyện Tháp Mười", "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80",
    "recipient_kind": "individual", "recipient_name": "Nguyễn Thị Hoa",
    "recipient_key": "person:nguyen thi hoa:1985", "collective": null,
    "individual": {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
        "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
    "title": "Giấy khen",
    "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025 của UBND Huyện Tháp Mười.",
    "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-15", "year": 2025,
    "created_by": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e75", "created_at": "2025-12-16T02:00:00Z"
}))]
pub struct UnitAward {
    pub id: String,
    /// The awarding unit.
    pub unit_id: String,
    pub unit_name: String,
    pub movement_id: String,
    pub recipient_kind: NomineeKind,
    /// The person, the unit, or the named collective.
    pub recipient_name: String,
    /// The award history's key (`GET /award-history?nominee=`), as for a nomination.
    pub recipient_key: String,
    pub collective: Option<Collective>,
    pub individual: Option<AwardedIndividual>,
    pub title: String,
    pub achievement: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub year: i32,
    /// The user who recorded it.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl UnitAward {
    fn from_row(r: UnitAwardRow, unit_name: String) -> Self {
        let kind = NomineeKind::parse(&r.recipient_kind).unwrap_or(NomineeKind::Individual);
        let collective = (kind == NomineeKind::Collective).then(|| {
            Collective::from_columns(
                r.recipient_unit_id.as_deref(),
                &r.recipient_key,
                &r.recipient_name,
                r.women_share_percent,
            )
        });
        let individual = (kind == NomineeKind::Individual).then(|| AwardedIndividual {
            full_name: r.recipient_name.clone(),
            gender: Gender::from_column(r.gender.as_deref()),
            birth_year: r.birth_year.unwrap_or_default(),
            position: r.position.clone(),
        });
        Self {
            id: r.id,
            unit_id: r.unit_id,
            unit_name,
            movement_id: r.movement_id,
            recipient_kind: kind,
            recipient_name: r.recipient_name,
            recipient_key: r.recipient_key,
            collective,
            individual,
            title: r.title,
            achievement: r.achievement,
            decision_number: r.decision_number,
            decided_on: r.decided_on,
            year: r.year,
            created_by: r.created_by,
            created_at: r.created_at.and_utc(),
        }
    }
}

page_type!(UnitAwardPage, UnitAward);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitAwardQuery {
    /// The awarding unit.
    pub unit_id: Option<String>,
    pub movement_id: Option<String>,
    /// The year of the unit's decision.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub recipient_kind: Option<NomineeKind>,
    /// Search in recipient names, ignoring diacritics and case ("nguyen thi hoa").
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Fills the recipient's columns of `row` from the input, checked; the key is the one a
/// nomination of the same person or collective gets.
fn set_recipient(
    conn: &mut DbConnection,
    row: &mut UnitAwardRow,
    c: &mut Checks,
    body: &NewUnitAward,
) -> Result<(), ApiError> {
    match (
        body.recipient_kind,
        body.collective.as_ref(),
        body.individual.as_ref(),
    ) {
        (NomineeKind::Collective, Some(col), None) => {
            // A unit's head awards under the unit's own authority: the unit itself or a
            // collective inside it, never another unit's.
            if col.unit_id != row.unit_id {
                c.fail(
                    "collective.unit_id",
                    "must be the awarding unit: its Giấy khen goes to the unit itself or a named collective inside it",
                    "phải là đơn vị khen thưởng: Giấy khen của đơn vị chỉ tặng cho chính đơn vị hoặc một tập thể thuộc đơn vị",
                );
                return Ok(());
            }
            let Some(unit) = organisation::find_unit(conn, &col.unit_id)? else {
                c.fail("collective.unit_id", "no such unit", "không có đơn vị này");
                return Ok(());
            };
            if !(0.0..=100.0).contains(&col.women_share_percent) {
                c.fail(
                    "collective.women_share_percent",
                    "must be between 0 and 100",
                    "phải từ 0 đến 100",
                );
            }
            let team = col
                .team_name
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| c.text("collective.team_name", t, 300));
            row.recipient_key = Nominee::Collective {
                unit_id: &unit.id,
                team: team.as_deref(),
            }
            .key();
            row.recipient_unit_id = Some(unit.id.clone());
            row.women_share_percent = Some(col.women_share_percent);
            match team {
                Some(t) => {
                    row.recipient_search = search::normalize(&format!("{t} {}", unit.name));
                    row.recipient_name = t;
                }
                None => {
                    row.recipient_search = search::normalize(&unit.name);
                    row.recipient_name = unit.name;
                }
            }
        }
        (NomineeKind::Individual, None, Some(ind)) => {
            let name = c.text("individual.full_name", &ind.full_name, 200);
            c.range_i32("individual.birth_year", ind.birth_year, 1920, 2015);
            row.position = c.text("individual.position", &ind.position, 300);
            row.gender = Some(ind.gender.as_str().into());
            row.birth_year = Some(ind.birth_year);
            row.recipient_key = Nominee::Person {
                full_name: &name,
                birth_year: ind.birth_year,
            }
            .key();
            row.recipient_search = search::normalize(&name);
            row.recipient_name = name;
        }
        (NomineeKind::Collective, _, _) => c.fail(
            "collective",
            "a collective recipient gives `collective` and no `individual`",
            "khen thưởng tập thể cần ghi `collective`, không ghi `individual`",
        ),
        (NomineeKind::Individual, _, _) => c.fail(
            "individual",
            "an individual recipient gives `individual` and no `collective`",
            "khen thưởng cá nhân cần ghi `individual`, không ghi `collective`",
        ),
    }
    Ok(())
}

/// 409 `duplicate_award`, naming the award already recorded.
fn duplicate(row: &UnitAwardRow, existing: Option<&UnitAwardRow>) -> ApiError {
    let e = ApiError::new(ErrorCode::DuplicateAward).detail(
        format!(
            "{} already received a Giấy khen of this unit for the movement in {}",
            row.recipient_name, row.year
        ),
        format!(
            "{} đã được đơn vị tặng Giấy khen trong phong trào này năm {}",
            row.recipient_name, row.year
        ),
    );
    match existing {
        Some(x) => e.with("unit_award_id", x.id.clone()),
        None => e,
    }
}

/// Record a Giấy khen awarded under the unit's own authority (the unit's head only; no
/// provincial review) to a person, or to the unit itself or a named collective inside
/// it. One per recipient, movement and year for a unit; the recipient's award history
/// shows it at once (to those who may read it).
#[utoipa::path(
    tag = "awards",
    request_body = NewUnitAward,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retry key: a repeat returns the first answer")),
    responses(
        (status = 201, description = "Recorded", body = UnitAward,
            headers(("Location" = String, description = "The new award"))),
        (status = 403, description = "Only the awarding unit's head records its Giấy khen"),
        (status = 409, description = "The unit already awarded this recipient for the movement in that year (`duplicate_award`, with `unit_award_id`)"),
        (status = 422, description = "Invalid input (`validation_failed`; `errors` names the fields, e.g. `movement_id`, `individual.birth_year`, `collective.unit_id` (not the awarding unit), `decided_on` (after today, or before 1 January of the movement's first year)), or an `Idempotency-Key` reused with another request (`idempotency_key_reused`)"),
    )
)]
#[post("/unit-awards")]
pub async fn create_unit_award(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    req: HttpRequest,
    body: web::Json<NewUnitAward>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let unit_id = body
        .unit_id
        .clone()
        .unwrap_or_else(|| caller.actor.unit_id.clone());
    require(
        &caller.actor,
        Permission::RecordUnitAward { unit_id: &unit_id },
    )?;
    let actor = caller.actor.clone();
    let audit = audit_actor(&caller);
    let st = state.clone();
    let input = body.clone();
    create_idempotent(&state.pool, &req, &caller, &input, move |conn| {
        let mut c = Checks::new();
        match movements::find(conn, &body.movement_id)? {
            None => c.fail("movement_id", "no such movement", "không có phong trào này"),
            Some(m) => {
                // Not before the movement's period began.
                let start = NaiveDate::from_ymd_opt(m.period_start_year, 1, 1);
                if start.is_some_and(|start| body.decided_on < start) {
                    c.fail(
                        "decided_on",
                        format!(
                            "must not be before the movement's period (1 January {})",
                            m.period_start_year
                        ),
                        format!(
                            "không được trước thời gian của phong trào (01/01/{})",
                            m.period_start_year
                        ),
                    );
                }
            }
        }
        let title = match body.title.as_deref() {
            Some(t) if !t.trim().is_empty() => c.text("title", t, 200),
            _ => DEFAULT_TITLE.to_string(),
        };
        let achievement = c.text("achievement", &body.achievement, 10_000);
        let decision_number = c.text("decision_number", &body.decision_number, 50);
        let today = st.today();
        if body.decided_on > today {
            c.fail(
                "decided_on",
                format!("must not be after today ({today})"),
                format!("không được sau ngày hôm nay ({})", today.format("%d/%m/%Y")),
            );
        }
        let t = st.clock.now().naive_utc();
        let mut row = UnitAwardRow {
            id: new_id(),
            unit_id: unit_id.clone(),
            movement_id: body.movement_id.clone(),
            recipient_kind: body.recipient_kind.as_str().into(),
            recipient_unit_id: None,
            recipient_name: String::new(),
            recipient_search: String::new(),
            recipient_key: String::new(),
            gender: None,
            birth_year: None,
            position: String::new(),
            women_share_percent: None,
            title,
            achievement,
            decision_number,
            decided_on: body.decided_on,
            year: body.decided_on.year(),
            created_by: actor.user_id.clone(),
            created_at: t,
        };
        set_recipient(conn, &mut row, &mut c, &body)?;
        c.finish()?;
        if let Some(existing) = repo::find_same(conn, &row)? {
            return Err(duplicate(&row, Some(&existing)));
        }
        repo::insert(conn, &row).map_err(|e| match ApiError::from(e) {
            // The same award recorded twice at the same moment: the unique index decides.
            e if e.code == ErrorCode::AlreadyExists => duplicate(&row, None),
            e => e,
        })?;
        let (row, unit_name) = repo::find(conn, &row.id)?
            .ok_or_else(|| ApiError::internal("unit award not found after insert"))?;
        let out = UnitAward::from_row(row, unit_name);
        audit_created(
            conn,
            &audit,
            "unit_award.create",
            "unit_award",
            &out.id,
            &out,
        )?;
        Created::new(&out, format!("/api/v1/unit-awards/{}", out.id), None)
    })
    .await
}

/// The Giấy khen the caller may see, oldest first: every unit's for admins, auditors and
/// the Chair; for everyone else their own unit's, and for DIC and Home Affairs officers
/// also those of the movements they review (the standing unit's DIC, the appraising
/// unit's Home Affairs).
#[utoipa::path(
    tag = "awards",
    params(UnitAwardQuery),
    responses(
        (status = 200, description = "A page of Giấy khen, oldest recorded first", body = UnitAwardPage),
        (status = 422, description = "A filter out of range (`year`, `limit`, `q` too long) or an unreadable `cursor` (`validation_failed`)"),
    )
)]
#[get("/unit-awards")]
pub async fn list_unit_awards(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<UnitAwardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let limit = page_limit(q.limit)?;
    let filter = repo::UnitAwardFilter {
        unit_id: q.unit_id,
        movement_id: q.movement_id,
        year: year_filter(q.year)?,
        recipient_kind: q.recipient_kind.map(|k| k.as_str().to_string()),
        q_pattern: text_filter("q", q.q, 200)?.map(|t| search::contains_pattern(&t)),
        after_id: decode_cursor(q.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = run(&state.pool, move |conn| {
        let scope = caller_scope(conn, &caller.actor)?;
        Ok(repo::list(conn, &filter, &scope)?)
    })
    .await?;
    let (items, next_cursor) = paginate(
        rows,
        limit,
        |(r, _)| r.id.clone(),
        |(r, name)| UnitAward::from_row(r, name),
    );
    Ok(HttpResponse::Ok().json(UnitAwardPage { items, next_cursor }))
}

/// Which Giấy khen the caller's lists hold (`policy::unit_award_scope`); the movements are
/// read only for callers whose view depends on them.
fn caller_scope(conn: &mut DbConnection, actor: &Actor) -> Result<Visibility, ApiError> {
    let all = if reads_all_unit_awards(actor) {
        Vec::new()
    } else {
        movements::all(conn)?
    };
    Ok(unit_award_scope(
        actor,
        all.iter().map(|m| (m.id.as_str(), movement_roles(m))),
    ))
}

/// The award, if the caller may see it (else 404).
fn load_visible(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<UnitAward, ApiError> {
    let (row, name) = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    let movement = movements::find(conn, &row.movement_id)?.ok_or_else(ApiError::not_found)?;
    if !allows(
        actor,
        Permission::ReadUnitAward {
            unit_id: &row.unit_id,
            movement: movement_roles(&movement),
        },
    ) {
        return Err(ApiError::not_found());
    }
    Ok(UnitAward::from_row(row, name))
}

/// Read a Giấy khen.
#[utoipa::path(
    tag = "awards",
    params(("id" = String, Path, description = "Unit award id")),
    responses(
        (status = 200, description = "The award", body = UnitAward),
        (status = 404, description = "No such award, or not visible to the caller: only the awarding unit's users, the reviewers of its movement (the standing unit's DIC, the appraising unit's Home Affairs), the Chair, admins and auditors read it"),
    )
)]
#[get("/unit-awards/{id}")]
pub async fn get_unit_award(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = run(&state.pool, move |conn| {
        load_visible(conn, &caller.actor, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
