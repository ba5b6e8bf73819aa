//! Live rankings (`GET /movements/{id}/rankings`, issue 12 item 4): units ranked inside
//! each bloc and cluster from accepted reports as they are now, the women-share
//! tie-break and each group's leader; the same numbers as a roll-up issued at the same
//! moment; who reads every group, who only their own unit's, and who nothing.
//!
//! The 2025 figures are those of `rollup::cluster2` (cluster 2: H-THAPMUOI 72.2222 %,
//! TP-CAOLANH 75 % accepted, H-CAOLANH 75 % submitted late and waiting).

use crate::fixtures::plans::new_user;
use crate::fixtures::rollup::*;
use crate::helpers::*;
use crate::rollup::{cluster2, f, group, issue, ranked, ranking, set_women, unit_in};
use serde_json::{json, Value};

async fn rankings<S: TestService>(app: &TestApp<S>, m: &Movement, q: &str, token: &str) -> Reply {
    app.get(
        &format!("/api/v1/movements/{}/rankings?{q}", m.id),
        Some(token),
    )
    .await
}

fn group_codes(r: &Value) -> Vec<String> {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group_code"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn the_live_ranking_follows_accepted_reports_and_names_each_groups_leader() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let dic = app.token("dic_officer").await;
    let r = rankings(&app, &c2.m, "year=2025", &dic).await;
    r.assert(200);
    assert_eq!(r.body["movement_id"], c2.m.id.as_str());
    assert_eq!(r.body["year"], 2025);
    assert_eq!(r.body["round_id"], Value::Null);
    assert_eq!(r.body["period_label"], "Năm 2025");
    assert_eq!(r.body["due_on"], "2025-12-10");
    assert_eq!(r.body["scope"], "every");
    assert_eq!(r.body["computed_at"], "2025-12-11T02:00:00Z");
    // Every bloc and cluster of the demo, each unit once.
    assert_eq!(
        group_codes(&r.body),
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
    let units: usize = r.body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["units"].as_array().unwrap().len())
        .sum();
    assert_eq!(units, 41, "sub-units are in no group and are not ranked");
    // H-CAOLANH's report waits for review: no rank, no score yet.
    assert_eq!(
        ranking(&r.body, "CUM-2"),
        [
            ranked("TP-CAOLANH", Some(1), Some(75.0)),
            ranked("H-THAPMUOI", Some(2), Some(72.2222)),
            ranked("H-CAOLANH", None, None),
        ]
    );
    let cum2 = group(&r.body, "CUM-2");
    assert_eq!(cum2["ranked"], 2);
    assert_eq!(cum2["leader"]["code"], "TP-CAOLANH");
    assert_eq!(cum2["leader"], cum2["units"][0]);
    let cl = unit_in(cum2, "H-CAOLANH");
    assert_eq!(
        (cl["report_status"].as_str(), cl["late"].as_bool()),
        (Some("submitted"), Some(true))
    );
    let tm = unit_in(cum2, "H-THAPMUOI");
    assert_eq!((f(&tm["score_sum"]), f(&tm["max_score_sum"])), (13.0, 18.0));
    // A group without an accepted report has no leader.
    let cum1 = group(&r.body, "CUM-1");
    assert_eq!(cum1["leader"], Value::Null);
    assert_eq!(cum1["ranked"], 0);

    // DIC accepts H-CAOLANH's report: the live ranking moves at once. 75 % each: the
    // women-share rule and then the code decide between TP-CAOLANH and H-CAOLANH.
    step(&app, "reports", &c2.cl_report, "accept", &dic, None)
        .await
        .assert(200);
    set_women(&app, "H-CAOLANH", Some(80.0)).await;
    set_women(&app, "TP-CAOLANH", Some(40.0)).await;
    let r = rankings(&app, &c2.m, "year=2025", &dic).await;
    r.assert(200);
    assert_eq!(
        ranking(&r.body, "CUM-2"),
        [
            ranked("H-CAOLANH", Some(1), Some(75.0)),
            ranked("TP-CAOLANH", Some(2), Some(75.0)),
            ranked("H-THAPMUOI", Some(3), Some(72.2222)),
        ]
    );
    let cum2 = group(&r.body, "CUM-2");
    assert_eq!(cum2["leader"]["code"], "H-CAOLANH");
    assert_eq!(cum2["leader"]["women_preferred"], true);
    assert_eq!(cum2["ranked"], 3);
    // Exactly 70 % is preferred as well, 69.9 % is not: TP-CAOLANH leads.
    set_women(&app, "H-CAOLANH", Some(69.9)).await;
    set_women(&app, "TP-CAOLANH", Some(70.0)).await;
    let r = rankings(&app, &c2.m, "year=2025", &dic).await;
    assert_eq!(group(&r.body, "CUM-2")["leader"]["code"], "TP-CAOLANH");
}

#[actix_web::test]
async fn a_roll_up_issued_at_the_same_moment_holds_the_same_ranking() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let dic = app.token("dic_officer").await;
    for accept in [false, true] {
        if accept {
            step(&app, "reports", &c2.cl_report, "accept", &dic, None)
                .await
                .assert(200);
            set_women(&app, "TP-CAOLANH", Some(75.0)).await;
        }
        let live = rankings(&app, &c2.m, "year=2025", &dic).await;
        live.assert(200);
        let issued = issue(&app, &c2.m).await;
        assert_eq!(live.body["computed_at"], issued.body["issued_at"]);
        let snapshot = issued.body["rankings"].as_array().unwrap();
        let groups = live.body["groups"].as_array().unwrap();
        assert_eq!(groups.len(), snapshot.len());
        for (g, s) in groups.iter().zip(snapshot) {
            for key in ["group_id", "group_code", "group_name", "units"] {
                assert_eq!(g[key], s[key], "{key} of {}", s["group_code"]);
            }
        }
    }
}

#[actix_web::test]
async fn a_round_or_a_year_names_the_period_once() {
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
    let r = rankings(&app, &m, &format!("round_id={}", id_of(&round)), &dic).await;
    r.assert(200);
    assert_eq!(r.body["round_id"], round["id"]);
    assert_eq!(r.body["year"], Value::Null);
    assert_eq!(r.body["period_label"], round["title"]);
    // The demo's 2024 reports: some accepted, so every group has standings.
    let r = rankings(&app, &m, "year=2024", &dic).await;
    r.assert(200);
    assert!(r.body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["ranked"].as_u64().unwrap() > 0));
    for q in [
        String::new(),
        format!("year=2025&round_id={}", id_of(&round)),
        "year=1999".into(),
        format!("round_id={NO_SUCH_ID}"),
    ] {
        rankings(&app, &m, &q, &dic)
            .await
            .assert_problem(422, "validation_failed");
    }
    app.get(
        "/api/v1/movements/no-such-movement/rankings?year=2025",
        Some(&dic),
    )
    .await
    .assert_problem(404, "not_found");
    app.get(
        &format!("/api/v1/movements/{}/rankings?year=2025", m.id),
        None,
    )
    .await
    .assert(401);
}

#[actix_web::test]
async fn reviewers_read_every_group_and_a_unit_only_its_own() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let m = &c2.m;
    for role in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(role).await;
        let r = rankings(&app, m, "year=2025", &t).await;
        r.assert(200);
        assert_eq!(r.body["scope"], "every", "{role}");
        assert_eq!(r.body["groups"].as_array().unwrap().len(), 7, "{role}");
    }
    // The demo unit's officer and head: cluster 2 only, with the same figures.
    let dic = app.token("dic_officer").await;
    let whole = rankings(&app, m, "year=2025", &dic).await;
    for role in ["unit_officer", "unit_head"] {
        let t = app.token(role).await;
        let r = rankings(&app, m, "year=2025", &t).await;
        r.assert(200);
        assert_eq!(r.body["scope"], "own_groups", "{role}");
        assert_eq!(group_codes(&r.body), ["CUM-2"], "{role}");
        assert_eq!(group(&r.body, "CUM-2"), group(&whole.body, "CUM-2"));
    }
    // A unit of cluster 3 sees cluster 3, never cluster 2's scores.
    let sadec = head_of(&app, "TP-SADEC").await;
    let r = rankings(&app, m, "year=2025", &sadec).await;
    r.assert(200);
    assert_eq!(group_codes(&r.body), ["CUM-3"]);
    // A sub-unit is in no group: nothing to show, and no other group either.
    let commune = app.unit_id("TM-MYAN").await;
    let t = new_user(&app, "can.bo.myan", &commune, &["unit_officer"]).await;
    let r = rankings(&app, m, "year=2025", &t).await;
    r.assert(200);
    assert_eq!(r.body["groups"], json!([]));
    // DIC or Home Affairs officers of units that do not act for the movement: 403.
    let syt = app.unit_id("SYT").await;
    for (name, role) in [
        ("dic.syt", "dic_officer"),
        ("snv.syt", "home_affairs_officer"),
    ] {
        let t = new_user(&app, name, &syt, &[role]).await;
        rankings(&app, m, "year=2025", &t)
            .await
            .assert_problem(403, "forbidden");
    }
}

#[actix_web::test]
async fn another_units_draft_shows_as_nothing_written_to_a_member_unit() {
    let app = spawn_app().await;
    let c2 = cluster2(&app).await;
    let m = &c2.m;
    // TP Sa Đéc drafts its 2025 report and keeps it.
    let sadec = head_of(&app, "TP-SADEC").await;
    let plan = accepted_plan(&app, m, &sadec, &[("YT-01", 100.0)]).await;
    draft_report(&app, m, &sadec, &plan, &[("YT-01", 90.0, 7.0)]).await;
    let dic = app.token("dic_officer").await;
    let r = rankings(&app, m, "year=2025", &dic).await;
    let cum3 = group(&r.body, "CUM-3");
    assert_eq!(unit_in(cum3, "TP-SADEC")["report_status"], "draft");
    // Its own unit sees its draft; another member of cluster 3 does not.
    let r = rankings(&app, m, "year=2025", &sadec).await;
    assert_eq!(
        unit_in(group(&r.body, "CUM-3"), "TP-SADEC")["report_status"],
        "draft"
    );
    let lapvo = head_of(&app, "H-LAPVO").await;
    let r = rankings(&app, m, "year=2025", &lapvo).await;
    r.assert(200);
    let sd = unit_in(group(&r.body, "CUM-3"), "TP-SADEC");
    assert_eq!(sd["report_status"], "not_started");
    assert_eq!(sd["rank"], Value::Null);
}
