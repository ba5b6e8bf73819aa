//! A movement's dashboard (`GET /movements/{id}/dashboard`): per award round, the
//! nominations by status, award form and nominee kind, the quotas used and remaining,
//! the awardees and the share of women, and the appraisals waiting and overdue — on a
//! round created here, so every figure is counted by hand; and who may read it.
//!
//! The clock starts on Thursday 26 November 2026 (10:00 in the province). Appraisal has
//! 25 working days by default: a nomination consolidated that day is due on Thursday
//! 31 December and overdue from Friday 1 January 2027 (no holiday in between).

use crate::fixtures::consolidation::{appraise, consolidate};
use crate::fixtures::nominating::{create, in_window, path_of, read, submitted};
use crate::fixtures::plans::{act, at, movement_id, tag};
use crate::fixtures::state_awards::{approved_all, awarded_by, chair_ok, step_as, OPINION};
use crate::helpers::*;
use serde_json::{json, Value};

fn individual(round: &str, form: &str, name: &str, female: bool, birth_year: i32) -> Value {
    json!({"round_id": round, "award_form": form, "nominee_kind": "individual",
        "individual": {"full_name": name, "gender": if female { "female" } else { "male" },
            "birth_year": birth_year, "position": "Chuyên viên", "workplace": "UBND Huyện Tháp Mười"},
        "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số giai đoạn 2022–2025.",
        "clean_record": true})
}

fn team(round: &str, form: &str, unit: &str, name: &str, women: f64) -> Value {
    json!({"round_id": round, "award_form": form, "nominee_kind": "collective",
        "collective": {"unit_id": unit, "team_name": name, "women_share_percent": women},
        "achievement_summary": "Tập thể dẫn đầu về chuyển đổi số giai đoạn 2022–2025.",
        "clean_record": true})
}

/// A round of the demo movement with Bằng khen quotas of 5 individuals and 3
/// collectives, open for nominations until the end of 2026.
async fn new_round<S: TestService>(app: &TestApp<S>, code: &str) -> (String, String) {
    let m = movement_id(app).await;
    let admin = app.token("admin").await;
    let r = app
        .post(
            &format!("/api/v1/movements/{m}/rounds"),
            Some(&admin),
            json!({"code": code, "kind": "final", "title": "Đợt khen thưởng chuyên đề 2026",
                "period_start_year": 2026, "period_end_year": 2026,
                "nomination_opens_on": "2026-10-01", "nomination_closes_on": "2026-12-31",
                "quotas": [
                    {"award_form": "provincial_merit", "nominee_kind": "individual", "max_awards": 5},
                    {"award_form": "provincial_merit", "nominee_kind": "collective", "max_awards": 3}]}),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["appraisal_working_days"], 25);
    (m, id_of(&r.body))
}

async fn dashboard<S: TestService>(app: &TestApp<S>, user: &str, movement: &str) -> Value {
    let t = app.token(user).await;
    let r = app
        .get(&format!("/api/v1/movements/{movement}/dashboard"), Some(&t))
        .await;
    r.assert(200);
    assert_eq!(r.body["movement_id"], movement);
    r.body.clone()
}

/// The figures of one round.
fn figures_of(d: &Value, round: &str) -> Value {
    d["rounds"]
        .as_array()
        .unwrap_or_else(|| panic!("no rounds: {d}"))
        .iter()
        .find(|r| r["round_id"] == round)
        .unwrap_or_else(|| panic!("no round {round}: {d}"))
        .clone()
}

/// (quota, used, remaining) of a form and kind.
fn quota(f: &Value, form: &str, kind: &str) -> (Value, Value, Value) {
    let q = f["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["award_form"] == form && q["nominee_kind"] == kind)
        .unwrap_or_else(|| panic!("no {form} {kind} quota: {f}"));
    (
        q["quota"].clone(),
        q["used"].clone(),
        q["remaining"].clone(),
    )
}

fn statuses(counts: [i64; 13]) -> Value {
    let names = [
        "draft",
        "submitted",
        "returned",
        "withdrawn",
        "consolidated",
        "approved",
        "rejected",
        "awarded",
        "not_awarded",
        "posted_for_comment",
        "forwarded_to_central",
        "state_awarded",
        "state_declined",
    ];
    Value::Object(
        names
            .iter()
            .zip(counts)
            .map(|(n, c)| (n.to_string(), json!(c)))
            .collect(),
    )
}

#[actix_web::test]
async fn the_dashboard_counts_a_round_by_hand() {
    let app = spawn_app().await;
    in_window(&app);
    let (m, round) = new_round(&app, "CD-2026").await;
    let (_, empty) = new_round(&app, "CD-2026-B").await;
    let unit = app.unit_id("H-THAPMUOI").await;
    let pm = "provincial_merit";
    let sa = "state_award";
    let officer = app.token("unit_officer").await;
    let head = app.token("unit_head").await;
    let dic = app.token("dic_officer").await;
    let ha = app.token("home_affairs_officer").await;

    // An empty round: zeros, quotas untouched, no share of women.
    let f = figures_of(&dashboard(&app, "admin", &m).await, &round);
    assert_eq!(f["code"], "CD-2026");
    assert_eq!(f["title"], "Đợt khen thưởng chuyên đề 2026");
    assert_eq!(f["total"], 0);
    assert_eq!(f["by_status"], statuses([0; 13]));
    assert!(f["awardees"]["women_share_percent"].is_null(), "{f}");
    assert_eq!(quota(&f, pm, "individual"), (json!(5), json!(0), json!(5)));

    // Ten approved: four to be awarded by the Chair's decision (A, B, C, D), four state
    // awards (E awarded, I posted, N forwarded, O declined), K closed, P left approved.
    let noms = approved_all(
        &app,
        &round,
        vec![
            individual(&round, pm, "Nguyễn Thị Hồng Nhung", true, 1985),
            individual(&round, pm, "Phan Văn Lộc", false, 1977),
            team(&round, pm, &unit, "Tổ Chuyển đổi số", 72.5),
            team(&round, pm, &unit, "Tổ Một cửa liên thông", 50.0),
            individual(&round, sa, "Phạm Thị Thu Trang", true, 1979),
            team(&round, sa, &unit, "Tổ Công nghệ số cộng đồng", 80.0),
            individual(&round, sa, "Võ Văn Tài", false, 1969),
            team(&round, sa, &unit, "Tổ Thanh niên số", 75.0),
            individual(&round, pm, "Hồ Văn Kiệt", false, 1975),
            individual(&round, pm, "Trần Thị Mỹ Linh", true, 1986),
        ],
    )
    .await;
    let [a, b, c, d, e, i, n, o, k, _p]: [Value; 10] = noms.try_into().unwrap();

    // J rejected, H waiting for appraisal (consolidated today), G submitted, L returned,
    // M withdrawn, F a draft.
    let j = submitted(&app, individual(&round, pm, "Đinh Thị Lan", true, 1983)).await;
    let h = submitted(&app, individual(&round, pm, "Nguyễn Văn Sang", false, 1980)).await;
    consolidate(&app, &round, &[&j, &h]).await;
    let now = read(&app, &ha, &j).await;
    appraise(&app, &ha, &now, "reject", "Thành tích chưa đạt tiêu chuẩn.")
        .await
        .assert(200);
    submitted(&app, individual(&round, pm, "Lý Thị Diệu", true, 1981)).await;
    let l = submitted(&app, individual(&round, pm, "Tạ Văn Bảo", false, 1988)).await;
    act(
        &app,
        &dic,
        &path_of(&l),
        "return",
        &tag(&l),
        Some(json!({"reason": "Bổ sung biên bản họp Hội đồng."})),
    )
    .await
    .assert(200);
    let mm = submitted(&app, individual(&round, pm, "Cao Thị Mai", true, 1992)).await;
    act(&app, &head, &path_of(&mm), "withdraw", &tag(&mm), None)
        .await
        .assert(200);
    create(
        &app,
        &officer,
        individual(&round, pm, "Lâm Văn Tú", false, 1990),
    )
    .await;

    // The Chair's decision: two individuals and two collectives.
    let chair = app.token("chair").await;
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            json!({"round_id": round, "number": "2201/QĐ-UBND", "signed_on": "2026-11-26",
                "signer": "Chủ tịch UBND Tỉnh",
                "nomination_ids": [id_of(&a), id_of(&b), id_of(&c), id_of(&d)]}),
        )
        .await;
    r.assert(201);
    chair_ok(
        &app,
        &k,
        "close",
        Some(json!({"reason": "Đã được khen cho cùng thành tích."})),
        "not_awarded",
    )
    .await;
    let mut posted = vec![];
    for x in [&e, &i, &n, &o] {
        posted.push(chair_ok(&app, x, "post-for-comment", None, "posted_for_comment").await);
    }
    app.state.clock.set(at(2026, 12, 11, 3, 0, 0));
    let e = chair_ok(&app, &posted[0], "forward", None, "forwarded_to_central").await;
    chair_ok(&app, &posted[2], "forward", None, "forwarded_to_central").await;
    let o = chair_ok(&app, &posted[3], "forward", None, "forwarded_to_central").await;
    chair_ok(
        &app,
        &e,
        "central-outcome",
        Some(awarded_by("1234/QĐ-CTN", "2026-12-11")),
        "state_awarded",
    )
    .await;
    let r = step_as(
        &app,
        "chair",
        &o,
        "central-outcome",
        Some(json!({"outcome": "state_declined"})),
    )
    .await;
    r.assert(200);

    let d = dashboard(&app, "admin", &m).await;
    assert_eq!(d["as_of"], "2026-12-11");
    let f = figures_of(&d, &round);
    assert_eq!(f["total"], 16, "{f}");
    assert_eq!(
        f["by_status"],
        statuses([1, 1, 1, 1, 1, 1, 1, 4, 1, 1, 1, 1, 1]),
        "{f}"
    );
    assert_eq!(
        f["by_award_form"],
        json!({"provincial_merit": 12, "state_award": 4})
    );
    assert_eq!(
        f["by_nominee_kind"],
        json!({"collective": 4, "individual": 12, "household": 0})
    );
    // Two award forms by three nominee kinds (households since issue 12).
    assert_eq!(f["quotas"].as_array().unwrap().len(), 6, "{f}");
    assert_eq!(quota(&f, pm, "individual"), (json!(5), json!(2), json!(3)));
    assert_eq!(quota(&f, pm, "collective"), (json!(3), json!(2), json!(1)));
    // State awards have no fixed quota here; a place is taken when the Chair forwards:
    // E and N (individuals), O (a collective); I is only posted.
    assert_eq!(
        quota(&f, sa, "individual"),
        (Value::Null, json!(2), Value::Null)
    );
    assert_eq!(
        quota(&f, sa, "collective"),
        (Value::Null, json!(1), Value::Null)
    );
    // Awardees: A, B (Bằng khen) and E (state award); two women of three; C and D, of
    // which C has at least 70 % women.
    assert_eq!(
        f["awardees"],
        json!({"individuals": 3, "women": 2, "women_share_percent": 66.7,
            "collectives": 2, "collectives_with_70_percent_women": 1, "households": 0})
    );
    assert_eq!(f["appraisals_waiting"], 1);
    assert_eq!(f["appraisals_overdue"], 0);

    // The other new round stays empty; the demo's rounds are listed as well.
    let g = figures_of(&d, &empty);
    assert_eq!(g["total"], 0);
    assert_eq!(g["awardees"]["collectives"], 0);
    assert_eq!(quota(&g, pm, "collective"), (json!(3), json!(0), json!(3)));
    let codes: Vec<&str> = d["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    for code in ["SK-2022-2023", "TK-2022-2025", "CD-2026", "CD-2026-B"] {
        assert!(codes.contains(&code), "{codes:?}");
    }

    // Every reader sees the same figures.
    for user in ["dic_officer", "home_affairs_officer", "chair", "auditor"] {
        assert_eq!(dashboard(&app, user, &m).await, d, "{user}");
    }

    // H was consolidated on 26 November: due on the 25th working day, 31 December;
    // overdue from the 26th, Friday 1 January 2027 (province time).
    app.state.clock.set(at(2026, 12, 31, 16, 59, 59));
    let f = figures_of(&dashboard(&app, "chair", &m).await, &round);
    assert_eq!(
        (
            f["appraisals_waiting"].clone(),
            f["appraisals_overdue"].clone()
        ),
        (json!(1), json!(0))
    );
    app.state.clock.set(at(2026, 12, 31, 17, 0, 0));
    let d = dashboard(&app, "chair", &m).await;
    assert_eq!(d["as_of"], "2027-01-01");
    let f = figures_of(&d, &round);
    assert_eq!(
        (
            f["appraisals_waiting"].clone(),
            f["appraisals_overdue"].clone()
        ),
        (json!(1), json!(1))
    );
    assert_eq!(figures_of(&d, &empty)["appraisals_overdue"], 0);

    // The limit is the round's: with 26 working days H is due on 1 January.
    let admin = app.token("admin").await;
    let path = format!("/api/v1/movements/{m}/rounds/{round}");
    let r = app.get(&path, Some(&admin)).await;
    app.patch(
        &path,
        &admin,
        &r.etag(),
        json!({"appraisal_working_days": 26}),
    )
    .await
    .assert(200);
    let f = figures_of(&dashboard(&app, "chair", &m).await, &round);
    assert_eq!(f["appraisals_overdue"], 0);
    app.state.clock.set(at(2027, 1, 4, 3, 0, 0));
    let f = figures_of(&dashboard(&app, "chair", &m).await, &round);
    assert_eq!(f["appraisals_overdue"], 1);

    // Once appraised it no longer waits.
    let now = read(&app, &ha, &h).await;
    appraise(&app, &ha, &now, "approve", OPINION)
        .await
        .assert(200);
    let f = figures_of(&dashboard(&app, "chair", &m).await, &round);
    assert_eq!(
        (
            f["appraisals_waiting"].clone(),
            f["appraisals_overdue"].clone()
        ),
        (json!(0), json!(0))
    );
    assert_eq!(f["by_status"]["approved"], 2);
    assert_eq!(f["by_status"]["consolidated"], 0);
    assert_eq!(f["total"], 16);
}

#[actix_web::test]
async fn the_dashboard_is_for_the_movements_reviewers_and_leaders() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let path = format!("/api/v1/movements/{m}/dashboard");
    for user in [
        "admin",
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "auditor",
    ] {
        let t = app.token(user).await;
        let r = app.get(&path, Some(&t)).await;
        r.assert(200);
        assert!(
            r.body["rounds"].as_array().is_some_and(|r| r.len() >= 2),
            "{user}: {}",
            r.text
        );
    }
    for user in ["unit_officer", "unit_head"] {
        let t = app.token(user).await;
        app.get(&path, Some(&t))
            .await
            .assert_problem(403, "forbidden");
    }
    app.get(&path, None)
        .await
        .assert_problem(401, "unauthenticated");

    // A DIC officer of another department is no reviewer of this movement.
    let admin = app.token("admin").await;
    let snv = app.unit_id("SKHCN").await;
    app.post(
        "/api/v1/users",
        Some(&admin),
        json!({"username": "dic.skhcn", "full_name": "Cán Bộ Sở Khác", "unit_id": snv,
            "roles": ["dic_officer"], "password": DEMO_PASSWORD}),
    )
    .await
    .assert(201);
    let other = app.token("dic.skhcn").await;
    app.get(&path, Some(&other))
        .await
        .assert_problem(403, "forbidden");

    // An unknown movement.
    for user in ["admin", "chair"] {
        let t = app.token(user).await;
        app.get(
            "/api/v1/movements/01936f4e-6a1b-7c3d-9e2f-000000000000/dashboard",
            Some(&t),
        )
        .await
        .assert_problem(404, "not_found");
    }
}
