//! Report status (who reported for a year or round) and the consolidated report (the
//! province roll-up DIC issues): figures checked against hand computations.
//!
//! Everything here is created for 2025, and only 2025 is asserted on, so demo data for
//! earlier years does not change the outcome. The workflow helpers are shared with the
//! deadline tests.

use crate::fixtures::rollup::*;
use crate::helpers::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

pub(crate) async fn set_women<S: TestService>(app: &TestApp<S>, code: &str, share: Option<f64>) {
    let admin = app.token("admin").await;
    let id = app.unit_id(code).await;
    let path = format!("/api/v1/units/{id}");
    let etag = app.get(&path, Some(&admin)).await.etag();
    let r = app
        .patch(&path, &admin, &etag, json!({"women_share_percent": share}))
        .await;
    r.assert(200);
    assert_eq!(r.body["women_share_percent"].as_f64(), share);
    assert_eq!(
        women_of(app, code).await,
        share,
        "PATCH /units/{{id}} answered women_share_percent {share:?}, but did not store it"
    );
}

/// The share of women of a unit, as stored.
pub(crate) async fn women_of<S: TestService>(app: &TestApp<S>, code: &str) -> Option<f64> {
    let admin = app.token("admin").await;
    let id = app.unit_id(code).await;
    let r = app.get(&format!("/api/v1/units/{id}"), Some(&admin)).await;
    r.assert(200);
    r.body["women_share_percent"].as_f64()
}

/// Two units with equal scores, in the order the rule puts them: at least 70 % women
/// first, then by code.
async fn tie_order<S: TestService>(
    app: &TestApp<S>,
    a: &'static str,
    b: &'static str,
) -> [&'static str; 2] {
    let preferred = |w: Option<f64>| w.is_some_and(|w| w >= 70.0);
    let (pa, pb) = (
        preferred(women_of(app, a).await),
        preferred(women_of(app, b).await),
    );
    if pa != pb {
        if pa {
            [a, b]
        } else {
            [b, a]
        }
    } else if a < b {
        [a, b]
    } else {
        [b, a]
    }
}

async fn end_unit<S: TestService>(app: &TestApp<S>, code: &str, last_day: &str) {
    let admin = app.token("admin").await;
    let id = app.unit_id(code).await;
    let path = format!("/api/v1/units/{id}");
    let etag = app.get(&path, Some(&admin)).await.etag();
    app.patch(&path, &admin, &etag, json!({"valid_to": last_day}))
        .await
        .assert(200);
}

pub(crate) fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub(crate) fn group<'a>(status: &'a Value, code: &str) -> &'a Value {
    let key = if status.get("groups").is_some() {
        "groups"
    } else {
        "rankings"
    };
    status[key]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group_code"] == code)
        .unwrap_or_else(|| panic!("no group {code} in {status}"))
}

pub(crate) fn unit_in<'a>(group: &'a Value, code: &str) -> &'a Value {
    group["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("no unit {code} in {group}"))
}

const STATES: [&str; 6] = [
    "not_started",
    "draft",
    "submitted_on_time",
    "submitted_late",
    "returned",
    "accepted",
];

/// Totals add up: each state once per unit, in the group and overall.
fn check_totals_add_up(status: &Value) {
    let mut overall: HashMap<&str, u64> = HashMap::new();
    let mut expected = 0;
    for g in status["groups"].as_array().unwrap() {
        let units = g["units"].as_array().unwrap();
        assert_eq!(g["totals"]["expected"], units.len(), "{}", g["group_code"]);
        for s in STATES {
            let n = units.iter().filter(|u| u["state"] == s).count();
            assert_eq!(g["totals"][s], n, "{} {s}", g["group_code"]);
            *overall.entry(s).or_default() += n as u64;
        }
        expected += units.len() as u64;
    }
    assert_eq!(status["totals"]["expected"], expected);
    for s in STATES {
        assert_eq!(status["totals"][s], overall[s], "{s}");
    }
    let sum: u64 = STATES
        .iter()
        .map(|s| status["totals"][*s].as_u64().unwrap())
        .sum();
    assert_eq!(sum, expected);
}

async fn report_status<S: TestService>(app: &TestApp<S>, query: &str, token: &str) -> Reply {
    let m = app.movement().await;
    app.get(
        &format!(
            "/api/v1/movements/{}/report-status?{query}",
            m["id"].as_str().unwrap()
        ),
        Some(token),
    )
    .await
}

#[actix_web::test]
async fn report_status_lists_every_member_unit_under_its_group_with_its_state() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let dic = app.token("dic_officer").await;
    set_clock(&app, "2025-11-26T03:00:00Z");

    // H-THAPMUOI: accepted
    let tm = head_of(&app, "H-THAPMUOI").await;
    let plan = accepted_plan(&app, &m, &tm, &[("KH-01", 90.0)]).await;
    let tm_report = draft_report(&app, &m, &tm, &plan, &[("KH-01", 92.0, 9.0)]).await;
    step(&app, "reports", &id_of(&tm_report), "submit", &tm, None)
        .await
        .assert(200);
    step(&app, "reports", &id_of(&tm_report), "accept", &dic, None)
        .await
        .assert(200);
    // TP-CAOLANH: submitted on time
    let tp = head_of(&app, "TP-CAOLANH").await;
    let plan = accepted_plan(&app, &m, &tp, &[("YT-01", 90.0)]).await;
    let tp_report = draft_report(&app, &m, &tp, &plan, &[("YT-01", 90.0, 6.0)]).await;
    step(&app, "reports", &id_of(&tp_report), "submit", &tp, None)
        .await
        .assert(200);
    // TP-SADEC: a draft
    let sd = head_of(&app, "TP-SADEC").await;
    let plan = accepted_plan(&app, &m, &sd, &[("GD-01", 80.0)]).await;
    let sd_report = draft_report(&app, &m, &sd, &plan, &[("GD-01", 70.0, 5.0)]).await;
    // H-LAPVO: returned
    let lv = head_of(&app, "H-LAPVO").await;
    let plan = accepted_plan(&app, &m, &lv, &[("NN-01", 3.0)]).await;
    let lv_report = draft_report(&app, &m, &lv, &plan, &[("NN-01", 2.0, 4.0)]).await;
    step(&app, "reports", &id_of(&lv_report), "submit", &lv, None)
        .await
        .assert(200);
    step(
        &app,
        "reports",
        &id_of(&lv_report),
        "return",
        &dic,
        Some(json!({"reason": "Thiếu minh chứng cho chỉ tiêu NN-01"})),
    )
    .await
    .assert(200);
    // H-LAIVUNG: an accepted plan, but no report
    let lvg = head_of(&app, "H-LAIVUNG").await;
    accepted_plan(&app, &m, &lvg, &[("NN-02", 50.0)]).await;
    // H-CAOLANH: submitted at 09:00 on 11 December, Vietnam time: late
    let cl = head_of(&app, "H-CAOLANH").await;
    let plan = accepted_plan(&app, &m, &cl, &[("GD-02", 100.0)]).await;
    let cl_report = draft_report(&app, &m, &cl, &plan, &[("GD-02", 100.0, 6.0)]).await;
    set_clock(&app, "2025-12-11T02:00:00Z");
    let r = step(&app, "reports", &id_of(&cl_report), "submit", &cl, None).await;
    r.assert(200);
    assert_eq!(r.body["late"], true);

    let r = report_status(&app, "year=2025", &dic).await;
    r.assert(200);
    let s = &r.body;
    assert_eq!(s["movement_id"], m.id.as_str());
    assert_eq!(
        (s["year"].clone(), s["round_id"].clone()),
        (json!(2025), Value::Null)
    );
    assert_eq!(s["due_on"], "2025-12-10");
    assert_eq!(
        s["totals"],
        json!({"expected": 41, "not_started": 36, "draft": 1, "submitted_on_time": 1,
               "submitted_late": 1, "returned": 1, "accepted": 1})
    );
    check_totals_add_up(s);
    let group_codes: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group_code"].as_str().unwrap())
        .collect();
    assert_eq!(
        group_codes,
        [
            "CUM-1",
            "CUM-2",
            "CUM-3",
            "KHOI-KT",
            "KHOI-NCTH",
            "KHOI-TW",
            "KHOI-VHXH"
        ]
    );
    // Every member unit once, under its own group.
    let admin = app.token("admin").await;
    let mut seen = BTreeSet::new();
    for g in s["groups"].as_array().unwrap() {
        let members = app
            .get(
                &format!(
                    "/api/v1/units?group_id={}&limit=200",
                    g["group_id"].as_str().unwrap()
                ),
                Some(&admin),
            )
            .await;
        let expected: BTreeSet<&str> = members.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        let listed: BTreeSet<&str> = g["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        assert_eq!(listed, expected, "{}", g["group_code"]);
        for u in g["units"].as_array().unwrap() {
            assert!(seen.insert(u["unit_id"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(seen.len(), 41);

    let cum2 = group(s, "CUM-2");
    assert_eq!(cum2["group_name"], "Cụm thi đua số 2");
    let cum2_units: Vec<(&str, &str, &str, bool)> = cum2["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["code"].as_str().unwrap(),
                u["name"].as_str().unwrap(),
                u["state"].as_str().unwrap(),
                u["late"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cum2_units,
        [
            ("H-CAOLANH", "UBND Huyện Cao Lãnh", "submitted_late", true),
            ("H-THAPMUOI", "UBND Huyện Tháp Mười", "accepted", false),
            (
                "TP-CAOLANH",
                "UBND Thành phố Cao Lãnh",
                "submitted_on_time",
                false
            ),
        ]
    );
    assert_eq!(
        cum2["totals"],
        json!({"expected": 3, "not_started": 0, "draft": 0, "submitted_on_time": 1,
               "submitted_late": 1, "returned": 0, "accepted": 1})
    );
    let late = unit_in(cum2, "H-CAOLANH");
    assert_eq!(late["report_id"], cl_report["id"]);
    assert_eq!(late["submitted_at"], "2025-12-11T02:00:00Z");
    assert_eq!(unit_in(cum2, "H-THAPMUOI")["report_id"], tm_report["id"]);
    assert_eq!(unit_in(cum2, "TP-CAOLANH")["report_id"], tp_report["id"]);
    assert_eq!(
        unit_in(cum2, "TP-CAOLANH")["submitted_at"],
        "2025-11-26T03:00:00Z"
    );

    let cum3 = group(s, "CUM-3");
    assert_eq!(unit_in(cum3, "TP-SADEC")["state"], "draft");
    assert_eq!(unit_in(cum3, "TP-SADEC")["report_id"], sd_report["id"]);
    assert_eq!(unit_in(cum3, "TP-SADEC")["submitted_at"], Value::Null);
    assert_eq!(unit_in(cum3, "H-LAPVO")["state"], "returned");
    // An accepted plan is not a report.
    assert_eq!(unit_in(cum3, "H-LAIVUNG")["state"], "not_started");
    assert_eq!(unit_in(cum3, "H-LAIVUNG")["report_id"], Value::Null);
    assert_eq!(
        cum3["totals"],
        json!({"expected": 4, "not_started": 2, "draft": 1, "submitted_on_time": 0,
               "submitted_late": 0, "returned": 1, "accepted": 0})
    );
    assert_eq!(group(s, "KHOI-KT")["totals"]["expected"], 9);
    assert_eq!(group(s, "KHOI-KT")["totals"]["not_started"], 9);

    // The movement's reviewers and the province's leaders read it; units do not.
    for who in ["home_affairs_officer", "chair", "admin", "auditor"] {
        let t = app.token(who).await;
        let r = report_status(&app, "year=2025", &t).await;
        r.assert(200);
        assert_eq!(r.body["totals"], s["totals"], "{who}");
    }
    for who in ["unit_head", "unit_officer"] {
        let t = app.token(who).await;
        report_status(&app, "year=2025", &t)
            .await
            .assert_problem(403, "forbidden");
    }
    // Nor a head of another unit
    report_status(&app, "year=2025", &cl)
        .await
        .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn report_status_for_a_round_and_the_period_must_be_named_once() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let dic = app.token("dic_officer").await;
    set_clock(&app, "2025-11-26T03:00:00Z");
    let tm = head_of(&app, "H-THAPMUOI").await;
    let plan = accepted_plan(&app, &m, &tm, &[("KH-01", 90.0)]).await;
    let report = draft_report(&app, &m, &tm, &plan, &[("KH-01", 92.0, 9.0)]).await;
    step(&app, "reports", &id_of(&report), "submit", &tm, None)
        .await
        .assert(200);

    let rounds = app
        .get(&format!("/api/v1/movements/{}/rounds", m.id), Some(&dic))
        .await;
    rounds.assert(200);
    let final_round = rounds.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "TK-2022-2025")
        .unwrap()
        .clone();
    let round_id = final_round["id"].as_str().unwrap();
    let r = report_status(&app, &format!("round_id={round_id}"), &dic).await;
    r.assert(200);
    assert_eq!(r.body["round_id"], round_id);
    assert_eq!(r.body["year"], Value::Null);
    assert_eq!(r.body["due_on"], "2025-11-15");
    assert_eq!(r.body["totals"]["expected"], 41);
    check_totals_add_up(&r.body);
    // The annual report is not a report of the round.
    let tm_in_round = unit_in(group(&r.body, "CUM-2"), "H-THAPMUOI");
    assert_ne!(tm_in_round["report_id"], report["id"]);
    let annual = report_status(&app, "year=2025", &dic).await;
    let tm_in_year = unit_in(group(&annual.body, "CUM-2"), "H-THAPMUOI");
    assert_eq!(tm_in_year["state"], "submitted_on_time");
    assert_eq!(tm_in_year["report_id"], report["id"]);

    // Neither, both, out of range, another movement's round: 422.
    for q in [
        "".to_string(),
        format!("year=2025&round_id={round_id}"),
        "year=1999".to_string(),
        format!("round_id={NO_SUCH_ID}"),
    ] {
        let r = report_status(&app, &q, &dic).await;
        r.assert_problem(422, "validation_failed");
    }
    app.get(
        "/api/v1/movements/no-such-movement/report-status?year=2025",
        Some(&dic),
    )
    .await
    .assert_problem(404, "not_found");
    app.get(
        &format!("/api/v1/movements/{}/report-status?year=2025", m.id),
        None,
    )
    .await
    .assert(401);
}

#[actix_web::test]
async fn a_unit_that_ended_before_the_due_day_is_not_expected() {
    let app = spawn_app().await;
    let dic = app.token("dic_officer").await;
    let m = demo_movement(&app).await;
    // Tam Nông merged mid-2025; Hồng Ngự existed until the due day itself.
    end_unit(&app, "H-TAMNONG", "2025-06-30").await;
    end_unit(&app, "H-HONGNGU", "2025-12-10").await;

    let r = report_status(&app, "year=2025", &dic).await;
    r.assert(200);
    assert_eq!(r.body["totals"]["expected"], 40);
    check_totals_add_up(&r.body);
    let cum1 = group(&r.body, "CUM-1");
    let codes: Vec<&str> = cum1["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["H-HONGNGU", "H-TANHONG", "H-THANHBINH", "TP-HONGNGU"]
    );
    assert_eq!(cum1["totals"]["expected"], 4);
    // In 2024 it still existed on the due day.
    let r = report_status(&app, "year=2024", &dic).await;
    r.assert(200);
    assert_eq!(r.body["totals"]["expected"], 41);
    assert!(unit_in(group(&r.body, "CUM-1"), "H-TAMNONG").is_object());

    // Nor missing from the roll-up.
    set_clock(&app, "2025-12-11T02:00:00Z");
    let r = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": m.id, "year": YEAR}),
        )
        .await;
    r.assert(201);
    let coverage = &r.body["coverage"];
    assert_eq!(coverage["expected"], 40);
    assert_eq!(coverage["missing"], 40);
    let missing: Vec<&str> = coverage["missing_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert!(!missing.contains(&"H-TAMNONG"));
    assert!(missing.contains(&"H-HONGNGU"));
    let ranked_cum1 = group(&r.body, "CUM-1")["units"].as_array().unwrap().len();
    assert_eq!(ranked_cum1, 4);
}

/// Cluster 2 for 2025, each unit with a 2025 plan and report:
///
/// | unit        | criterion (max) | target | achieved | self | assessed |
/// |-------------|-----------------|--------|----------|------|----------|
/// | H-THAPMUOI  | YT-01 (8)       | 100    | 95       | 7    | 5 (DIC)  |
/// |             | KH-01 (10)      | 90     | 92       | 8    | 8        |
/// | TP-CAOLANH  | YT-01 (8)       | 90     | 90       | 6    | 6        |
/// |             | GD-01 (8)       | 80     | 60       | 6    | 6        |
/// | H-CAOLANH   | GD-01 (8)       | 70     | 75       | 6    | —        |
/// |             | KH-01 (10)      | 100    | 100      | 7.5  | —        |
///
/// H-THAPMUOI and TP-CAOLANH submit on 26 November and are accepted; H-CAOLANH submits
/// at 09:00 on 11 December (Vietnam): late, and left waiting for review. The shares of
/// women are the demo's. The clock stays at 2025-12-11T02:00:00Z.
pub(crate) struct Cluster2 {
    pub(crate) m: Movement,
    pub(crate) cl_report: String,
}

pub(crate) async fn cluster2<S: TestService>(app: &TestApp<S>) -> Cluster2 {
    let m = demo_movement(app).await;
    let dic = app.token("dic_officer").await;
    set_clock(app, "2025-11-26T03:00:00Z");

    let tm = head_of(app, "H-THAPMUOI").await;
    let plan = accepted_plan(app, &m, &tm, &[("YT-01", 100.0), ("KH-01", 90.0)]).await;
    let report = draft_report(
        app,
        &m,
        &tm,
        &plan,
        &[("YT-01", 95.0, 7.0), ("KH-01", 92.0, 8.0)],
    )
    .await;
    step(app, "reports", &id_of(&report), "submit", &tm, None)
        .await
        .assert(200);
    let r = step(
        app,
        "reports",
        &id_of(&report),
        "accept",
        &dic,
        Some(
            json!({"comment": "Điều chỉnh điểm YT-01 theo số liệu Sở Y tế",
                    "assessed_scores": [{"target_id": target_of(&plan, "YT-01"), "score": 5.0}]}),
        ),
    )
    .await;
    r.assert(200);
    let yt = r.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["criterion_code"] == "YT-01")
        .unwrap();
    assert_eq!((f(&yt["self_score"]), f(&yt["assessed_score"])), (7.0, 5.0));

    let tp = head_of(app, "TP-CAOLANH").await;
    let plan = accepted_plan(app, &m, &tp, &[("YT-01", 90.0), ("GD-01", 80.0)]).await;
    let report = draft_report(
        app,
        &m,
        &tp,
        &plan,
        &[("YT-01", 90.0, 6.0), ("GD-01", 60.0, 6.0)],
    )
    .await;
    step(app, "reports", &id_of(&report), "submit", &tp, None)
        .await
        .assert(200);
    step(app, "reports", &id_of(&report), "accept", &dic, None)
        .await
        .assert(200);

    let cl = head_of(app, "H-CAOLANH").await;
    let plan = accepted_plan(app, &m, &cl, &[("GD-01", 70.0), ("KH-01", 100.0)]).await;
    let report = draft_report(
        app,
        &m,
        &cl,
        &plan,
        &[("GD-01", 75.0, 6.0), ("KH-01", 100.0, 7.5)],
    )
    .await;
    set_clock(app, "2025-12-11T02:00:00Z");
    let r = step(app, "reports", &id_of(&report), "submit", &cl, None).await;
    r.assert(200);
    assert_eq!(r.body["late"], true);
    Cluster2 {
        m,
        cl_report: id_of(&report),
    }
}

pub(crate) async fn issue<S: TestService>(app: &TestApp<S>, m: &Movement) -> Reply {
    let dic = app.token("dic_officer").await;
    let r = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": m.id, "year": YEAR}),
        )
        .await;
    r.assert(201);
    r
}

fn field<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field_code"] == code)
        .unwrap_or_else(|| panic!("no field {code}"))
}

/// (code, rank, score) of a group's ranking, in order.
pub(crate) fn ranking(report: &Value, group_code: &str) -> Vec<(String, Option<u64>, Option<f64>)> {
    group(report, group_code)["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["code"].as_str().unwrap().to_string(),
                u["rank"].as_u64(),
                u["score"].as_f64(),
            )
        })
        .collect()
}

pub(crate) fn ranked(
    code: &str,
    rank: Option<u64>,
    score: Option<f64>,
) -> (String, Option<u64>, Option<f64>) {
    (code.to_string(), rank, score)
}

#[actix_web::test]
async fn the_roll_up_matches_a_hand_computation() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let res = issue(&app, &c2.m).await;
    let id = id_of(&res.body);
    assert_eq!(
        res.header("location").unwrap(),
        format!("/api/v1/consolidated-reports/{id}")
    );
    let b = &res.body;
    assert_eq!(b["current"], true);
    assert_eq!(b["movement_id"], c2.m.id.as_str());
    assert_eq!(
        b["movement_title"],
        "Đồng Tháp đẩy mạnh chương trình chuyển đổi số"
    );
    assert_eq!(b["year"], 2025);
    assert_eq!(b["round_id"], Value::Null);
    assert_eq!(b["period_label"], "Năm 2025");
    assert_eq!(b["due_on"], "2025-12-10");
    assert_eq!(b["issued_at"], "2025-12-11T02:00:00Z");
    assert_eq!(b["issued_by"]["username"], "dic_officer");
    assert_eq!(b["issued_by"]["full_name"], "Phạm Thị Thu Hà");
    assert_eq!(b["field_names"]["health"], "Y tế");
    assert_eq!(b["field_names"]["education"], "Giáo dục và đào tạo");

    // Coverage: 3 reported of 41 (2 on time, 1 late), 2 accepted, 38 missing.
    let cov = &b["coverage"];
    assert_eq!(
        (
            cov["expected"].clone(),
            cov["reported"].clone(),
            cov["on_time"].clone(),
            cov["late"].clone(),
            cov["accepted"].clone(),
            cov["missing"].clone()
        ),
        (json!(41), json!(3), json!(2), json!(1), json!(2), json!(38))
    );
    let cl_id = app.unit_id("H-CAOLANH").await;
    assert_eq!(
        cov["late_units"],
        json!([{"id": cl_id, "code": "H-CAOLANH", "name": "UBND Huyện Cao Lãnh"}])
    );
    let missing = cov["missing_units"].as_array().unwrap();
    assert_eq!(missing.len(), 38);
    assert!(missing
        .iter()
        .any(|u| u["code"] == "H-TANHONG" && u["name"] == "UBND Huyện Tân Hồng"));
    assert!(missing
        .iter()
        .any(|u| u["code"] == "STTTT" && u["name"] == "Sở Thông tin và Truyền thông"));
    for code in ["H-THAPMUOI", "TP-CAOLANH", "H-CAOLANH"] {
        assert!(!missing.iter().any(|u| u["code"] == code), "{code}");
    }

    // Per criterion, over the reported (submitted or accepted) results.
    // YT-01: Tháp Mười 95/100, TP Cao Lãnh 90/90 → 185/190 = 0.97368…, 1 reaching.
    let yt = criterion(b, "YT-01");
    assert_eq!(yt["results"], 2);
    assert_eq!(f(&yt["achieved_sum"]), 185.0);
    assert_eq!(f(&yt["target_sum"]), 190.0);
    assert_eq!(f(&yt["achieved_average"]), 92.5);
    assert_eq!(f(&yt["target_reached_share"]), 0.9737);
    assert_eq!(yt["units_reaching_target"], 1);
    assert_eq!(yt["field_code"], "health");
    assert_eq!(yt["unit_of_measure"], "%");
    // GD-01: TP Cao Lãnh 60/80, H. Cao Lãnh 75/70 → 135/150 = 0.9, 1 reaching.
    let gd = criterion(b, "GD-01");
    assert_eq!(gd["results"], 2);
    assert_eq!(
        (f(&gd["achieved_sum"]), f(&gd["target_sum"])),
        (135.0, 150.0)
    );
    assert_eq!(f(&gd["achieved_average"]), 67.5);
    assert_eq!(f(&gd["target_reached_share"]), 0.9);
    assert_eq!(gd["units_reaching_target"], 1);
    // KH-01: Tháp Mười 92/90, H. Cao Lãnh 100/100 → 192/190 = 1.010526…, both reaching.
    let kh = criterion(b, "KH-01");
    assert_eq!(kh["results"], 2);
    assert_eq!(
        (f(&kh["achieved_sum"]), f(&kh["target_sum"])),
        (192.0, 190.0)
    );
    assert_eq!(f(&kh["achieved_average"]), 96.0);
    assert_eq!(f(&kh["target_reached_share"]), 1.0105);
    assert_eq!(kh["units_reaching_target"], 2);
    // A criterion nobody reported on.
    let nn = criterion(b, "NN-01");
    assert_eq!(nn["results"], 0);
    assert_eq!(f(&nn["achieved_sum"]), 0.0);
    assert_eq!(nn["achieved_average"], Value::Null);
    assert_eq!(nn["target_reached_share"], Value::Null);
    assert_eq!(b["criteria"].as_array().unwrap().len(), 14);

    // Per field: results of reported reports; scores only of accepted ones.
    // health: 5 (assessed, not the self score 7) + 6 of 8 + 8.
    let health = field(b, "health");
    assert_eq!(health["results"], 2);
    assert_eq!(
        (f(&health["score_sum"]), f(&health["max_score_sum"])),
        (11.0, 16.0)
    );
    assert_eq!(f(&health["score_share"]), 0.6875);
    // education: TP Cao Lãnh's 6 of 8; H. Cao Lãnh's result counts, its score not yet.
    let edu = field(b, "education");
    assert_eq!(edu["results"], 2);
    assert_eq!((f(&edu["score_sum"]), f(&edu["max_score_sum"])), (6.0, 8.0));
    assert_eq!(f(&edu["score_share"]), 0.75);
    // other: Tháp Mười's 8 of 10.
    let other = field(b, "other");
    assert_eq!(other["results"], 2);
    assert_eq!(
        (f(&other["score_sum"]), f(&other["max_score_sum"])),
        (8.0, 10.0)
    );
    assert_eq!(f(&other["score_share"]), 0.8);
    let agri = field(b, "agriculture");
    assert_eq!(agri["results"], 0);
    assert_eq!(agri["score_share"], Value::Null);

    // Ranking in cluster 2, normalised to the maxima of the criteria scored:
    // TP Cao Lãnh 12/16 = 75 % ranks above Tháp Mười 13/18 = 72.2222 % although 13 > 12;
    // H. Cao Lãnh is not accepted yet: listed, not ranked.
    assert_eq!(
        ranking(b, "CUM-2"),
        [
            ranked("TP-CAOLANH", Some(1), Some(75.0)),
            ranked("H-THAPMUOI", Some(2), Some(72.2222)),
            ranked("H-CAOLANH", None, None),
        ]
    );
    let cum2 = group(b, "CUM-2");
    assert_eq!(cum2["group_name"], "Cụm thi đua số 2");
    let tm = unit_in(cum2, "H-THAPMUOI");
    assert_eq!((f(&tm["score_sum"]), f(&tm["max_score_sum"])), (13.0, 18.0));
    assert_eq!(tm["name"], "UBND Huyện Tháp Mười");
    // The share of women is shown, and whether it reaches 70 %.
    for u in cum2["units"].as_array().unwrap() {
        let w = women_of(&app, u["code"].as_str().unwrap()).await;
        assert_eq!(u["women_share_percent"].as_f64(), w);
        assert_eq!(u["women_preferred"], w.is_some_and(|w| w >= 70.0));
    }
    assert_eq!(tm["report_status"], "accepted");
    assert_eq!(tm["late"], false);
    let cl = unit_in(cum2, "H-CAOLANH");
    assert_eq!(cl["report_status"], "submitted");
    assert_eq!(cl["late"], true);
    assert_eq!(f(&cl["score_sum"]), 0.0);
    // Every other group: all listed, nobody ranked.
    assert_eq!(b["rankings"].as_array().unwrap().len(), 7);
    let cum3 = group(b, "CUM-3")["units"].as_array().unwrap();
    assert_eq!(cum3.len(), 4);
    assert!(cum3
        .iter()
        .all(|u| u["rank"].is_null() && u["report_status"] == "not_started"));
}

#[actix_web::test]
async fn an_issued_roll_up_is_a_snapshot_and_the_newest_is_current() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let dic = app.token("dic_officer").await;
    let first = issue(&app, &c2.m).await.body.clone();
    let first_id = id_of(&first);
    let path = format!("/api/v1/consolidated-reports/{first_id}");
    let read = app.get(&path, Some(&dic)).await;
    read.assert(200);
    assert_eq!(read.body, first);

    // DIC accepts H. Cao Lãnh's report, its unit name changes: the issued one stays.
    step(&app, "reports", &c2.cl_report, "accept", &dic, None)
        .await
        .assert(200);
    let admin = app.token("admin").await;
    let cl_id = app.unit_id("H-CAOLANH").await;
    let unit_path = format!("/api/v1/units/{cl_id}");
    let etag = app.get(&unit_path, Some(&admin)).await.etag();
    app.patch(
        &unit_path,
        &admin,
        &etag,
        json!({"name": "UBND Huyện Cao Lãnh (mới)"}),
    )
    .await
    .assert(200);
    let read = app.get(&path, Some(&dic)).await;
    read.assert(200);
    assert_eq!(read.body, first);

    // Issued again: H. Cao Lãnh (6 + 7.5 = 13.5 of 18 = 75 %) ties TP Cao Lãnh
    // (12 of 16 = 75 %): women, then the code, decide.
    set_clock(&app, "2025-12-12T02:00:00Z");
    let second = issue(&app, &c2.m).await.body.clone();
    assert_eq!(second["current"], true);
    assert_eq!(second["coverage"]["accepted"], 3);
    let [a, b] = tie_order(&app, "H-CAOLANH", "TP-CAOLANH").await;
    assert_eq!(
        ranking(&second, "CUM-2"),
        [
            ranked(a, Some(1), Some(75.0)),
            ranked(b, Some(2), Some(75.0)),
            ranked("H-THAPMUOI", Some(3), Some(72.2222)),
        ]
    );
    assert_eq!(
        unit_in(group(&second, "CUM-2"), "H-CAOLANH")["name"],
        "UBND Huyện Cao Lãnh (mới)"
    );
    // education: 6 + 6 of 16; other: 8 + 7.5 of 20.
    let edu = field(&second, "education");
    assert_eq!(
        (f(&edu["score_sum"]), f(&edu["max_score_sum"])),
        (12.0, 16.0)
    );
    let other = field(&second, "other");
    assert_eq!(
        (f(&other["score_sum"]), f(&other["max_score_sum"])),
        (15.5, 20.0)
    );
    assert_eq!(f(&other["score_share"]), 0.775);

    // Sa Đéc reports late (on 12 December) and is accepted: a third roll-up.
    let sd = head_of(&app, "TP-SADEC").await;
    let plan = accepted_plan(&app, &c2.m, &sd, &[("GD-01", 80.0)]).await;
    let report = draft_report(&app, &c2.m, &sd, &plan, &[("GD-01", 80.0, 8.0)]).await;
    step(&app, "reports", &id_of(&report), "submit", &sd, None)
        .await
        .assert(200);
    step(&app, "reports", &id_of(&report), "accept", &dic, None)
        .await
        .assert(200);
    set_clock(&app, "2025-12-13T02:00:00Z");
    let third = issue(&app, &c2.m).await.body.clone();
    assert_eq!(
        (
            third["coverage"]["reported"].clone(),
            third["coverage"]["late"].clone()
        ),
        (json!(4), json!(2))
    );
    assert_eq!(
        ranking(&third, "CUM-3")[0],
        ranked("TP-SADEC", Some(1), Some(100.0))
    );
    assert_eq!(
        ranking(&third, "CUM-2"),
        ranking(&second, "CUM-2"),
        "nothing changed in cluster 2"
    );

    // All three kept; only the newest is current.
    let read = app.get(&path, Some(&dic)).await;
    assert_eq!(read.body["current"], false);
    let mut unchanged = read.body.clone();
    unchanged["current"] = json!(true);
    assert_eq!(unchanged, first);
    let second_read = app
        .get(
            &format!("/api/v1/consolidated-reports/{}", id_of(&second)),
            Some(&dic),
        )
        .await;
    assert_eq!(second_read.body["current"], false);
    assert_eq!(
        ranking(&second_read.body, "CUM-3")[0],
        ranked("H-CHAUTHANH", None, None),
        "Sa Đéc's later report is not in the second roll-up"
    );

    let list = app
        .get(
            &format!(
                "/api/v1/consolidated-reports?movement_id={}&year=2025",
                c2.m.id
            ),
            Some(&dic),
        )
        .await;
    list.assert(200);
    let items: Vec<(String, bool, String)> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                id_of(i),
                i["current"].as_bool().unwrap(),
                i["issued_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (id_of(&third), true, "2025-12-13T02:00:00Z".to_string()),
            (id_of(&second), false, "2025-12-12T02:00:00Z".to_string()),
            (first_id.clone(), false, "2025-12-11T02:00:00Z".to_string()),
        ]
    );
    let summary = &list.body["items"][2];
    assert_eq!(summary["period_label"], "Năm 2025");
    assert_eq!(summary["coverage"]["accepted"], 2);
    assert_eq!(summary["issued_by"]["username"], "dic_officer");
    let current = app
        .get(
            &format!(
                "/api/v1/consolidated-reports?movement_id={}&year=2025&current=true",
                c2.m.id
            ),
            Some(&dic),
        )
        .await;
    current.assert(200);
    let ids: Vec<String> = current.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(ids, [id_of(&third)]);
    // Another year's roll-up does not touch 2025's current one.
    let other_year = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": c2.m.id, "year": 2024}),
        )
        .await;
    other_year.assert(201);
    let current = app
        .get(
            &format!(
                "/api/v1/consolidated-reports?movement_id={}&year=2025&current=true",
                c2.m.id
            ),
            Some(&dic),
        )
        .await;
    assert_eq!(current.body["items"][0]["id"], third["id"]);
}

#[actix_web::test]
async fn equal_scores_prefer_units_with_at_least_70_percent_women_then_the_code() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let dic = app.token("dic_officer").await;
    step(&app, "reports", &c2.cl_report, "accept", &dic, None)
        .await
        .assert(200);
    // H. Cao Lãnh and TP Cao Lãnh both score 75 %.
    // Exactly 70 % is preferred; 69.9 % is not: TP Cao Lãnh first despite its code.
    set_women(&app, "TP-CAOLANH", Some(70.0)).await;
    set_women(&app, "H-CAOLANH", Some(69.9)).await;
    let r = issue(&app, &c2.m).await;
    assert_eq!(
        ranking(&r.body, "CUM-2"),
        [
            ranked("TP-CAOLANH", Some(1), Some(75.0)),
            ranked("H-CAOLANH", Some(2), Some(75.0)),
            ranked("H-THAPMUOI", Some(3), Some(72.2222)),
        ]
    );
    let cum2 = group(&r.body, "CUM-2");
    assert_eq!(unit_in(cum2, "TP-CAOLANH")["women_preferred"], true);
    assert_eq!(f(&unit_in(cum2, "TP-CAOLANH")["women_share_percent"]), 70.0);
    assert_eq!(unit_in(cum2, "H-CAOLANH")["women_preferred"], false);
    assert_eq!(f(&unit_in(cum2, "H-CAOLANH")["women_share_percent"]), 69.9);
    // Neither preferred (one unknown): the code decides.
    set_women(&app, "TP-CAOLANH", None).await;
    let r = issue(&app, &c2.m).await;
    assert_eq!(
        ranking(&r.body, "CUM-2")[..2],
        [
            ranked("H-CAOLANH", Some(1), Some(75.0)),
            ranked("TP-CAOLANH", Some(2), Some(75.0)),
        ]
    );
    assert_eq!(
        unit_in(group(&r.body, "CUM-2"), "TP-CAOLANH")["women_share_percent"],
        Value::Null
    );
    // Both preferred: the code decides again.
    set_women(&app, "TP-CAOLANH", Some(100.0)).await;
    set_women(&app, "H-CAOLANH", Some(75.0)).await;
    let r = issue(&app, &c2.m).await;
    assert_eq!(
        ranking(&r.body, "CUM-2")[..2],
        [
            ranked("H-CAOLANH", Some(1), Some(75.0)),
            ranked("TP-CAOLANH", Some(2), Some(75.0)),
        ]
    );
    // Women never lift a lower score: Tháp Mười at 100 % stays third.
    set_women(&app, "H-THAPMUOI", Some(100.0)).await;
    let r = issue(&app, &c2.m).await;
    assert_eq!(
        ranking(&r.body, "CUM-2")[2],
        ranked("H-THAPMUOI", Some(3), Some(72.2222))
    );
}

#[actix_web::test]
async fn the_roll_up_reads_as_csv_with_a_bom_for_excel() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let issued = issue(&app, &c2.m).await;
    let mut women = HashMap::new();
    for code in ["TP-CAOLANH", "H-THAPMUOI", "H-CAOLANH", "SKHDT"] {
        let w = women_of(&app, code).await;
        let preferred = if w.is_some_and(|w| w >= 70.0) {
            "có"
        } else {
            ""
        };
        let shown = w.map(|w| format!("{w:.1}")).unwrap_or_default();
        women.insert(code, format!("{shown},{preferred}"));
    }
    let dic = app.token("dic_officer").await;
    let r = app
        .send(Call {
            method: "GET",
            path: format!("/api/v1/consolidated-reports/{}.csv", id_of(&issued.body)),
            token: Some(dic.clone()),
            body: None,
            headers: vec![("Accept".into(), "text/csv".into())],
        })
        .await;
    r.assert(200);
    let ct = r.header("content-type").unwrap();
    assert!(ct.starts_with("text/csv"), "{ct}");
    assert!(ct.to_lowercase().contains("charset=utf-8"), "{ct}");
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("bao-cao-tong-hop-2025.csv"));
    let bytes = r.text.as_bytes();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let text = r.text.strip_prefix('\u{feff}').unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Khối/Cụm thi đua,Hạng,Mã đơn vị,Tên đơn vị,Điểm (%),Tổng điểm,Điểm tối đa,Tỷ lệ nữ (%),Ưu tiên (≥70% nữ),Trạng thái báo cáo,Nộp muộn"
    );
    // One line per member unit, and a final line break.
    assert_eq!(lines.len(), 1 + 41 + 1);
    assert_eq!(lines[42], "");
    let cum2: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Cụm thi đua số 2,"))
        .collect();
    assert_eq!(
        cum2,
        [
            format!(
                "Cụm thi đua số 2,1,TP-CAOLANH,UBND Thành phố Cao Lãnh,75.00,12.00,16.00,{},Đã chấp nhận,",
                women["TP-CAOLANH"]
            ),
            format!(
                "Cụm thi đua số 2,2,H-THAPMUOI,UBND Huyện Tháp Mười,72.22,13.00,18.00,{},Đã chấp nhận,",
                women["H-THAPMUOI"]
            ),
            format!(
                "Cụm thi đua số 2,,H-CAOLANH,UBND Huyện Cao Lãnh,,0.00,0.00,{},Đã gửi,có",
                women["H-CAOLANH"]
            ),
        ]
    );
    // A group name with a comma is quoted.
    let skhdt = format!(
        "\"Khối thi đua các Sở, ngành kinh tế\",,SKHDT,Sở Kế hoạch và Đầu tư,,0.00,0.00,{},Chưa báo cáo,",
        women["SKHDT"]
    );
    assert!(lines.contains(&skhdt.as_str()), "{skhdt} not in {text}");
    // Without the Accept header: JSON.
    let json_read = app
        .get(
            &format!("/api/v1/consolidated-reports/{}", id_of(&issued.body)),
            Some(&dic),
        )
        .await;
    json_read.assert(200);
    assert!(json_read
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(json_read.body, issued.body);
}

#[actix_web::test]
async fn only_dic_of_the_standing_unit_issues_the_roll_up() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    for who in [
        "unit_head",
        "unit_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(who).await;
        app.post(
            "/api/v1/consolidated-reports",
            Some(&t),
            json!({"movement_id": m.id, "year": YEAR}),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    app.post(
        "/api/v1/consolidated-reports",
        None,
        json!({"movement_id": m.id, "year": YEAR}),
    )
    .await
    .assert(401);
    let dic = app.token("dic_officer").await;
    app.post(
        "/api/v1/consolidated-reports",
        Some(&dic),
        json!({"movement_id": NO_SUCH_ID, "year": YEAR}),
    )
    .await
    .assert_problem(404, "not_found");
    app.post(
        "/api/v1/consolidated-reports",
        Some(&dic),
        json!({"movement_id": m.id}),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.get("/api/v1/consolidated-reports/no-such-report", Some(&dic))
        .await
        .assert_problem(404, "not_found");
    // Nothing was issued by the refused attempts.
    let list = app
        .get(
            &format!("/api/v1/consolidated-reports?movement_id={}", m.id),
            Some(&dic),
        )
        .await;
    list.assert(200);
    assert!(list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["year"] != YEAR));
    // A DIC officer of another unit is not the standing agency.
    let admin = app.token("admin").await;
    let snv = app.unit_id("SNV").await;
    app.post(
        "/api/v1/users",
        Some(&admin),
        json!({"username": "dic.khac", "full_name": "Đỗ Văn Khác", "unit_id": snv,
               "roles": ["dic_officer"], "password": PASSWORD}),
    )
    .await
    .assert(201);
    let other = app.login("dic.khac", PASSWORD).await.body["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        "/api/v1/consolidated-reports",
        Some(&other),
        json!({"movement_id": m.id, "year": YEAR}),
    )
    .await
    .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn a_roll_up_for_an_award_round_is_labelled_by_the_round() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let dic = app.token("dic_officer").await;
    let rounds = app
        .get(&format!("/api/v1/movements/{}/rounds", m.id), Some(&dic))
        .await;
    let round = rounds.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "TK-2022-2025")
        .unwrap()
        .clone();
    set_clock(&app, "2025-11-20T03:00:00Z");
    let r = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            json!({"movement_id": m.id, "round_id": round["id"]}),
        )
        .await;
    r.assert(201);
    assert_eq!(r.body["round_id"], round["id"]);
    assert_eq!(r.body["year"], Value::Null);
    assert_eq!(r.body["period_label"], round["title"]);
    assert_eq!(r.body["due_on"], "2025-11-15");
    assert_eq!(r.body["coverage"]["expected"], 41);
    // Both year and round: refused.
    app.post(
        "/api/v1/consolidated-reports",
        Some(&dic),
        json!({"movement_id": m.id, "year": YEAR, "round_id": round["id"]}),
    )
    .await
    .assert_problem(422, "validation_failed");
    // Listed under its round, not under a year.
    let list = app
        .get(
            &format!(
                "/api/v1/consolidated-reports?round_id={}",
                round["id"].as_str().unwrap()
            ),
            Some(&dic),
        )
        .await;
    assert_eq!(list.body["items"][0]["id"], r.body["id"]);
    assert_eq!(list.body["items"][0]["current"], true);
    let by_year = app
        .get("/api/v1/consolidated-reports?year=2025", Some(&dic))
        .await;
    assert!(!by_year.text.contains(r.body["id"].as_str().unwrap()));
    // Its CSV is named for a round.
    let csv = app
        .send(Call {
            method: "GET",
            path: format!("/api/v1/consolidated-reports/{}.csv", id_of(&r.body)),
            token: Some(dic.clone()),
            body: None,
            headers: vec![("Accept".into(), "text/csv".into())],
        })
        .await;
    csv.assert(200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("bao-cao-tong-hop-dot.csv"));
}

#[actix_web::test]
async fn roll_ups_are_read_by_the_movements_reviewers_only() {
    let app = spawn_app().await;
    let m = app.movement().await;
    let dic = app.token("dic_officer").await;
    let issued = app
        .post(
            "/api/v1/consolidated-reports",
            Some(&dic),
            serde_json::json!({"movement_id": m["id"], "year": 2024}),
        )
        .await;
    issued.assert(201);
    let path = format!(
        "/api/v1/consolidated-reports/{}",
        issued.body["id"].as_str().unwrap()
    );
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(role).await;
        app.get(&path, Some(&t)).await.assert(200);
        let list = app.get("/api/v1/consolidated-reports", Some(&t)).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1, "{role}");
    }
    for role in ["unit_officer", "unit_head"] {
        let t = app.token(role).await;
        app.get(&path, Some(&t))
            .await
            .assert_problem(404, "not_found");
        let list = app.get("/api/v1/consolidated-reports", Some(&t)).await;
        assert!(list.body["items"].as_array().unwrap().is_empty(), "{role}");
    }
}

#[actix_web::test]
async fn simultaneous_or_retried_issues_leave_one_current_roll_up() {
    let app = spawn_app().await;
    let m = demo_movement(&app).await;
    let dic = app.token("dic_officer").await;
    let call = |key: Option<&str>| Call {
        method: "POST",
        path: "/api/v1/consolidated-reports".into(),
        token: Some(dic.clone()),
        body: Some(serde_json::json!({"movement_id": m.id, "year": 2024})),
        headers: key
            .map(|k| vec![("Idempotency-Key".to_string(), k.to_string())])
            .unwrap_or_default(),
    };
    // Two at the same moment: both are issued, one after the other; one stays current.
    let (a, b) = futures_util::future::join(app.send(call(None)), app.send(call(None))).await;
    a.assert(201);
    b.assert(201);
    let current = app
        .get(
            "/api/v1/consolidated-reports?current=true&year=2024",
            Some(&dic),
        )
        .await;
    assert_eq!(
        current.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        current.text
    );
    // A retry with the same key returns the first answer, not a third snapshot.
    let first = app.send(call(Some("tong-hop-2024-lan-1"))).await;
    first.assert(201);
    let retry = app.send(call(Some("tong-hop-2024-lan-1"))).await;
    retry.assert(201);
    assert_eq!(retry.body["id"], first.body["id"]);
    assert_eq!(
        retry.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    let all = app
        .get("/api/v1/consolidated-reports?year=2024", Some(&dic))
        .await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
}
