//! What is due or overdue for the caller, and the public holidays that working-day
//! limits skip.

use super::plans::movement_roles;
use super::{audit_actor, audit_created, run, transaction};
use crate::auth::policy::{require, Permission};
use crate::auth::{LegacyCaller, Role};
use crate::db::models::{HolidayRow, MovementRow};
use crate::db::repo::{movements, plans, reports, workflow};
use crate::db::DbConnection;
use crate::domain::calendar::{local_day, Calendar};
use crate::domain::review::ReviewStatus;
use crate::domain::validate::Checks;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A plan of the caller's unit is still a draft or was returned.
    PlanNotSubmitted,
    /// The caller's unit has no annual plan for this year yet.
    PlanMissing,
    /// A report of the caller's unit is due soon.
    ReportDue,
    /// A report of the caller's unit is past its due day and not submitted.
    ReportOverdue,
    /// A submitted plan or report waits for the caller's review.
    ReviewDue,
    /// … longer than the movement's working-day limit.
    ReviewOverdue,
    /// A consolidated nomination waits for Home Affairs' appraisal.
    AppraisalDue,
    /// … longer than the round's working-day limit (25 by default).
    AppraisalOverdue,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"kind": "report_due", "resource_type": "report", "resource_id": null,
    "movement_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e80", "unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60",
    "title": "Báo cáo năm 2026: Đồng Tháp đẩy mạnh chương trình chuyển đổi số", "due_on": "2026-12-10",
    "days_left": 14, "working_days_waiting": null}))]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// `plan` or `report`
    pub resource_type: String,
    /// Null when the record does not exist yet.
    pub resource_id: Option<String>,
    pub movement_id: String,
    pub unit_id: String,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    /// Calendar days until due (negative when overdue).
    pub days_left: Option<i64>,
    /// For reviews: working days since submission.
    pub working_days_waiting: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Deadlines {
    /// Today in the province's time zone.
    pub today: NaiveDate,
    /// Overdue first, then by due date.
    pub items: Vec<Deadline>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// Look ahead this many days (default 30).
    #[param(minimum = 0, maximum = 366)]
    pub days: Option<i64>,
}

pub(crate) fn calendar(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Calendar, ApiError> {
    Ok(Calendar::new(
        workflow::holidays_between(conn, from, to)?
            .into_iter()
            .map(|h| h.day),
    ))
}

fn unit_deadlines(
    conn: &mut DbConnection,
    unit_id: &str,
    all: &[MovementRow],
    today: NaiveDate,
    horizon: NaiveDate,
    out: &mut Vec<Deadline>,
) -> Result<(), ApiError> {
    for p in plans::unsubmitted_of_unit(conn, unit_id)? {
        out.push(Deadline {
            kind: DeadlineKind::PlanNotSubmitted,
            resource_type: "plan".into(),
            resource_id: Some(p.id.clone()),
            movement_id: p.movement_id.clone(),
            unit_id: unit_id.into(),
            title: p.title.clone(),
            due_on: None,
            days_left: None,
            working_days_waiting: None,
        });
    }
    let unit_reports = reports::of_unit(conn, unit_id)?;
    let year = today.year();
    // An unsent report stays on the list for a year after its due day, across New Year.
    let oldest = today - chrono::Duration::days(366);
    for m in all
        .iter()
        .filter(|m| m.period_start_year <= year && year - 1 <= m.period_end_year)
    {
        let in_period = |y: i32| m.period_start_year <= y && y <= m.period_end_year;
        if in_period(year)
            && plans::find_by_period(conn, unit_id, &m.id, &format!("annual:{year}"))?.is_none()
            // An accepted period plan is enough to report on.
            && plans::find_by_period(conn, unit_id, &m.id, "period")?
                .is_none_or(|p| p.status != ReviewStatus::Accepted)
        {
            out.push(Deadline {
                kind: DeadlineKind::PlanMissing,
                resource_type: "plan".into(),
                resource_id: None,
                movement_id: m.id.clone(),
                unit_id: unit_id.into(),
                title: format!("Kế hoạch năm {year}: {}", m.title),
                due_on: None,
                days_left: None,
                working_days_waiting: None,
            });
        }
        // Reports due: the annual reports of this year and last, and the rounds' reports.
        let mut due: Vec<(String, String, NaiveDate)> = Vec::new();
        for y in [year - 1, year].into_iter().filter(|y| in_period(*y)) {
            if let Some(d) = crate::api::reports::annual_due_on(m, y) {
                due.push((
                    format!("annual:{y}"),
                    format!("Báo cáo năm {y}: {}", m.title),
                    d,
                ));
            }
        }
        for r in movements::list_rounds(conn, &m.id, None, None, 1000)? {
            if let Some(d) = r.report_due_on {
                due.push((format!("round:{}", r.id), format!("Báo cáo {}", r.title), d));
            }
        }
        for (key, title, due_on) in due {
            let report = unit_reports
                .iter()
                .find(|r| r.movement_id == m.id && r.period_key == key);
            let submitted = report.is_some_and(|r| {
                matches!(r.status, ReviewStatus::Submitted | ReviewStatus::Accepted)
            });
            // Older misses stay on the report status, not on this list.
            if submitted || due_on > horizon || due_on < oldest {
                continue;
            }
            out.push(Deadline {
                kind: if due_on < today {
                    DeadlineKind::ReportOverdue
                } else {
                    DeadlineKind::ReportDue
                },
                resource_type: "report".into(),
                resource_id: report.map(|r| r.id.clone()),
                movement_id: m.id.clone(),
                unit_id: unit_id.into(),
                title,
                due_on: Some(due_on),
                days_left: Some((due_on - today).num_days()),
                working_days_waiting: None,
            });
        }
    }
    Ok(())
}

fn unit_name(conn: &mut DbConnection, unit_id: &str) -> Result<String, ApiError> {
    Ok(crate::db::repo::organisation::find_unit(conn, unit_id)?
        .map(|u| u.name)
        .unwrap_or_default())
}

/// A record waiting since `start` for at most `limit_days` working days: due or
/// overdue, or None when due after the horizon. `title` is only made for listed items.
#[allow(clippy::too_many_arguments)]
fn waiting_item(
    cal: &Calendar,
    (due_kind, overdue_kind): (DeadlineKind, DeadlineKind),
    resource_type: &str,
    id: &str,
    movement_id: &str,
    unit_id: &str,
    title: impl FnOnce() -> Result<String, ApiError>,
    start: NaiveDate,
    limit_days: i32,
    today: NaiveDate,
    horizon: NaiveDate,
) -> Result<Option<Deadline>, ApiError> {
    let due_on = cal.add_working_days(start, limit_days.max(0) as u32);
    let waiting = cal.working_days_between(start, today);
    if due_on > horizon {
        return Ok(None);
    }
    Ok(Some(Deadline {
        kind: if due_on < today {
            overdue_kind
        } else {
            due_kind
        },
        resource_type: resource_type.into(),
        resource_id: Some(id.into()),
        movement_id: movement_id.into(),
        unit_id: unit_id.into(),
        title: title()?,
        due_on: Some(due_on),
        days_left: Some((due_on - today).num_days()),
        working_days_waiting: Some(waiting),
    }))
}

const REVIEW: (DeadlineKind, DeadlineKind) = (DeadlineKind::ReviewDue, DeadlineKind::ReviewOverdue);

/// What is due in the next `days` days and what is overdue, for the caller: their
/// unit's plans and reports; for DIC, plans and reports waiting for review longer than
/// the movement's working-day limit; for Home Affairs, consolidated nominations waiting
/// for appraisal longer than the round's limit (weekends and public holidays skipped).
#[utoipa::path(tag = "deadlines", params(DeadlineQuery), responses((status = 200, description = "Overdue first, then by due date", body = Deadlines)))]
#[get("/deadlines")]
pub async fn list_deadlines(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    query: web::Query<DeadlineQuery>,
) -> Result<HttpResponse, ApiError> {
    let days = query.days.unwrap_or(30);
    if !(0..=366).contains(&days) {
        return Err(ApiError::invalid(
            "days",
            "must be between 0 and 366",
            "phải từ 0 đến 366",
        ));
    }
    let today = state.today();
    let horizon = today + chrono::Duration::days(days);
    let tz = state.settings.time_zone;
    let actor = caller.actor;
    let out = run(&state.pool, move |conn| {
        let all = movements::all(conn)?;
        let mut items = Vec::new();
        if actor.has(Role::UnitOfficer) || actor.has(Role::UnitHead) {
            unit_deadlines(conn, &actor.unit_id, &all, today, horizon, &mut items)?;
        }
        let appraised: Vec<&MovementRow> = all
            .iter()
            .filter(|m| {
                crate::auth::policy::allows(
                    &actor,
                    Permission::AppraiseMovement {
                        movement: movement_roles(m),
                    },
                )
            })
            .collect();
        let reviewed: Vec<&MovementRow> = all
            .iter()
            .filter(|m| {
                actor.has(Role::DicOfficer)
                    && crate::auth::policy::allows(
                        &actor,
                        Permission::ReviewMovement {
                            movement: movement_roles(m),
                        },
                    )
            })
            .collect();
        // One calendar for both lists, read only when either has something to count.
        let cal = if appraised.is_empty() && reviewed.is_empty() {
            Calendar::new(std::iter::empty())
        } else {
            calendar(
                conn,
                today - chrono::Duration::days(400),
                horizon + chrono::Duration::days(400),
            )?
        };
        if !appraised.is_empty() {
            let ids: Vec<String> = appraised.iter().map(|m| m.id.clone()).collect();
            for n in crate::db::repo::nominations::waiting_for_appraisal(conn, &ids)? {
                let Some(round) = movements::find_round(conn, &n.movement_id, &n.round_id)? else {
                    continue;
                };
                let Some(since) = n.consolidated_at else {
                    continue;
                };
                // Counted in working days from consolidation: the dossier is complete then.
                items.extend(waiting_item(
                    &cal,
                    (DeadlineKind::AppraisalDue, DeadlineKind::AppraisalOverdue),
                    "nomination",
                    &n.id,
                    &n.movement_id,
                    &n.unit_id,
                    || {
                        Ok(format!(
                            "Thẩm định: {} — {}",
                            n.nominee_name,
                            unit_name(conn, &n.unit_id)?
                        ))
                    },
                    local_day(since.and_utc(), tz),
                    round.appraisal_working_days,
                    today,
                    horizon,
                )?);
            }
        }
        if !reviewed.is_empty() {
            let ids: Vec<String> = reviewed.iter().map(|m| m.id.clone()).collect();
            for p in plans::waiting_for_review(conn, &ids)? {
                let Some(m) = reviewed.iter().find(|m| m.id == p.movement_id) else {
                    continue;
                };
                let Some(submitted) = p.submitted_at else {
                    continue;
                };
                items.extend(waiting_item(
                    &cal,
                    REVIEW,
                    "plan",
                    &p.id,
                    &m.id,
                    &p.unit_id,
                    || Ok(format!("{} — {}", p.title, unit_name(conn, &p.unit_id)?)),
                    local_day(submitted.and_utc(), tz),
                    m.review_working_days,
                    today,
                    horizon,
                )?);
            }
            for r in reports::waiting_for_review(conn, &ids)? {
                let Some(m) = reviewed.iter().find(|m| m.id == r.movement_id) else {
                    continue;
                };
                let Some(submitted) = r.submitted_at else {
                    continue;
                };
                let what = match (r.kind.as_str(), r.year) {
                    ("annual", Some(y)) => format!("Báo cáo năm {y}"),
                    ("interim", _) => "Báo cáo sơ kết".to_string(),
                    _ => "Báo cáo tổng kết".to_string(),
                };
                items.extend(waiting_item(
                    &cal,
                    REVIEW,
                    "report",
                    &r.id,
                    &m.id,
                    &r.unit_id,
                    || Ok(format!("{what} — {}", unit_name(conn, &r.unit_id)?)),
                    local_day(submitted.and_utc(), tz),
                    m.review_working_days,
                    today,
                    horizon,
                )?);
            }
        }
        // Overdue first, then by due date; undated items (plans to write) last.
        items.sort_by_key(|d| {
            let rank = match d.due_on {
                Some(day) if day < today => 0,
                Some(_) => 1,
                None => 2,
            };
            (rank, d.due_on)
        });
        Ok(Deadlines { today, items })
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"day": "2026-09-02", "name": "Quốc khánh"}))]
pub struct Holiday {
    pub day: NaiveDate,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HolidayList {
    pub items: Vec<Holiday>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayQuery {
    /// The holidays of this year (default: all).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

/// Public holidays (days off that working-day limits skip).
#[utoipa::path(tag = "deadlines", params(HolidayQuery), responses((status = 200, description = "By day", body = HolidayList)))]
#[get("/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    _caller: LegacyCaller,
    query: web::Query<HolidayQuery>,
) -> Result<HttpResponse, ApiError> {
    let (from, to) = match query.year {
        Some(y) if (2000..=2100).contains(&y) => (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ),
        Some(_) => {
            return Err(ApiError::invalid(
                "year",
                "must be between 2000 and 2100",
                "phải từ 2000 đến 2100",
            ))
        }
        None => (
            NaiveDate::from_ymd_opt(1900, 1, 1),
            NaiveDate::from_ymd_opt(2999, 12, 31),
        ),
    };
    let (from, to) = from.zip(to).ok_or_else(|| ApiError::internal("date"))?;
    let rows = run(&state.pool, move |conn| {
        Ok(workflow::holidays_between(conn, from, to)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(HolidayList {
        items: rows
            .into_iter()
            .map(|h| Holiday {
                day: h.day,
                name: h.name,
            })
            .collect(),
    }))
}

/// Add a public holiday (admin).
#[utoipa::path(
    tag = "deadlines",
    request_body = Holiday,
    responses(
        (status = 201, description = "Added", body = Holiday, headers(("Location" = String, description = "The holiday"))),
        (status = 403, description = "Only admins manage holidays"),
        (status = 409, description = "That day is already a holiday (`already_exists`)"),
    )
)]
#[post("/holidays")]
pub async fn create_holiday(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    body: web::Json<Holiday>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageHolidays)?;
    let body = body.into_inner();
    let mut c = Checks::new();
    let name = c.text("name", &body.name, 200);
    c.finish()?;
    let audit = audit_actor(&caller);
    let day = body.day;
    transaction(&state.pool, move |conn| {
        if workflow::find_holiday(conn, day)?.is_some() {
            return Err(ApiError::new(ErrorCode::AlreadyExists));
        }
        let row = HolidayRow { day, name };
        workflow::insert_holiday(conn, &row)?;
        audit_created(
            conn,
            &audit,
            "holiday.create",
            "holiday",
            &day.to_string(),
            &Holiday {
                day,
                name: row.name.clone(),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/holidays/{day}")))
        .json(Holiday {
            day,
            name: body.name.trim().to_string(),
        }))
}

/// Remove a public holiday (admin).
#[utoipa::path(
    tag = "deadlines",
    params(("day" = NaiveDate, Path, description = "The day, YYYY-MM-DD")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only admins manage holidays"),
        (status = 404, description = "Not a holiday"),
    )
)]
#[delete("/holidays/{day}")]
pub async fn delete_holiday(
    state: web::Data<AppState>,
    caller: LegacyCaller,
    day: web::Path<NaiveDate>,
) -> Result<HttpResponse, ApiError> {
    require(&caller.actor, Permission::ManageHolidays)?;
    let day = day.into_inner();
    let audit = audit_actor(&caller);
    transaction(&state.pool, move |conn| {
        if !workflow::delete_holiday(conn, day)? {
            return Err(ApiError::not_found());
        }
        audit_created(
            conn,
            &audit,
            "holiday.delete",
            "holiday",
            &day.to_string(),
            &serde_json::json!({"day": day}),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
