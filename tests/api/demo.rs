//! The demo data's award rounds, read through the API: the interim round SK-2022-2023
//! ran through every state of the nomination workflow (one submission to Home Affairs,
//! one decision of the Chair inside the quota, state awards posted, forwarded and
//! decided centrally), and the final round TK-2022-2025 is open with drafts — open
//! from the day the demo is loaded, so the README's walk-through works in any year.

use crate::fixtures::nominating::{multipart, round_id, BOUNDARY, REQUIRED};
use crate::fixtures::plans::{act, tag};
use crate::helpers::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

const STATES: [&str; 13] = [
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

/// The states a nomination reaches once DIC has consolidated it.
const CONSOLIDATED_ONWARDS: [&str; 9] = [
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

async fn list<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/nominations?limit=200&{query}"),
            Some(token),
        )
        .await;
    r.assert(200);
    assert!(r.body["next_cursor"].is_null(), "{}", r.text);
    r.body["items"].as_array().unwrap().clone()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn the_demo_interim_round_ran_through_every_state() {
    let app = spawn_app().await;
    let auditor = app.token("auditor").await;
    let sk = round_id(&app, "SK-2022-2023").await;
    let mut by_state: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for s in STATES {
        let items = list(&app, &auditor, &format!("round_id={sk}&status={s}")).await;
        assert!(!items.is_empty(), "no {s} nomination in the interim round");
        let mut full = Vec::new();
        for n in &items {
            assert_eq!(n["status"], s);
            assert_eq!(n["round_id"], sk.as_str());
            // A list item is the summary; the record has the nominee's details.
            assert!(n.get("individual").is_none(), "{n}");
            let r = app
                .get(&format!("/api/v1/nominations/{}", id(n)), Some(&auditor))
                .await;
            r.assert(200);
            assert_eq!(r.body["version"], n["version"]);
            full.push(r.body.clone());
        }
        by_state.insert(s, full);
    }
    let all: Vec<&Value> = by_state.values().flatten().collect();
    assert_eq!(
        all.len(),
        list(&app, &auditor, &format!("round_id={sk}")).await.len()
    );
    let units: BTreeSet<&str> = all.iter().map(|n| n["unit_id"].as_str().unwrap()).collect();
    assert!(units.len() >= 5, "{units:?}");
    let women = all
        .iter()
        .filter(|n| n["individual"]["gender"] == "female")
        .count();
    let men = all
        .iter()
        .filter(|n| n["individual"]["gender"] == "male")
        .count();
    assert!(women >= men && men > 0, "{women} women, {men} men");
    assert!(all.iter().any(|n| n["collective"]["team_name"].is_string()));
    for n in &by_state["returned"] {
        assert!(n["return_reason"].as_str().is_some_and(|r| !r.is_empty()));
    }
    for n in &by_state["rejected"] {
        assert_eq!(n["appraisal"]["verdict"], "reject", "{n}");
        assert!(n["appraisal"]["opinion"].is_string(), "{n}");
    }
    // One approved nominee is flagged and therefore not in the decision.
    assert!(by_state["approved"]
        .iter()
        .any(|n| n["clean_record"] == false));
    for s in [
        "posted_for_comment",
        "forwarded_to_central",
        "state_awarded",
        "state_declined",
    ] {
        assert!(
            by_state[s].iter().all(|n| n["award_form"] == "state_award"),
            "{s}"
        );
    }

    // The dossier of a nomination past draft is complete, its files intact.
    let awarded = &by_state["awarded"][0];
    let path = format!("/api/v1/nominations/{}", id(awarded));
    let one = app.get(&path, Some(&auditor)).await;
    one.assert(200);
    assert_eq!(one.body["dossier"]["missing"], serde_json::json!([]));
    let docs = app.get(&format!("{path}/documents"), Some(&auditor)).await;
    docs.assert(200);
    let doc = &docs.body["items"][0];
    assert_eq!(doc["media_type"], "application/pdf");
    let file = app
        .get(
            &format!("{path}/documents/{}", doc["id"].as_str().unwrap()),
            Some(&auditor),
        )
        .await;
    file.assert(200);
    assert!(file.text.starts_with("%PDF-") && file.text.trim_end().ends_with("%%EOF"));
    assert_eq!(
        hex::encode(Sha256::digest(file.text.as_bytes())),
        doc["sha256"].as_str().unwrap()
    );
    // Its history: every step, taken in the right role.
    let h = app.get(&format!("{path}/history"), Some(&auditor)).await;
    h.assert(200);
    let steps: Vec<(&str, &str)> = h.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["actor_role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(steps.first(), Some(&("create", "unit_officer")));
    assert_eq!(
        steps[steps.len() - 3..],
        [
            ("consolidate", "dic_officer"),
            ("approve", "home_affairs_officer"),
            ("award", "chair")
        ]
    );

    // What came after appraisal.
    let paths: BTreeMap<&str, String> = [
        "not_awarded",
        "posted_for_comment",
        "forwarded_to_central",
        "state_awarded",
    ]
    .into_iter()
    .map(|s| (s, format!("/api/v1/nominations/{}", id(&by_state[s][0]))))
    .collect();
    let read = |s: &str| app.get(&paths[s], Some(&auditor));
    let closed = read("not_awarded").await;
    assert!(
        closed.body["outcome"]["not_awarded_reason"].is_string(),
        "{}",
        closed.text
    );
    let posted = read("posted_for_comment").await;
    assert!(
        posted.body["outcome"]["comment_opens_on"].is_string(),
        "{}",
        posted.text
    );
    assert!(
        posted.body["outcome"]["comment_closes_on"].is_string(),
        "{}",
        posted.text
    );
    let forwarded = read("forwarded_to_central").await;
    assert!(
        forwarded.body["outcome"]["forwarded_at"].is_string(),
        "{}",
        forwarded.text
    );
    let decided = read("state_awarded").await;
    assert!(
        decided.body["outcome"]["central_decision_number"].is_string(),
        "{}",
        decided.text
    );

    // One submission, carrying every nomination from consolidated onwards.
    let subs = app
        .get(
            &format!("/api/v1/submissions?round_id={sk}"),
            Some(&auditor),
        )
        .await;
    subs.assert(200);
    let subs = subs.body["items"].as_array().unwrap();
    assert_eq!(subs.len(), 1, "{subs:?}");
    let carried: BTreeSet<String> = subs[0]["nomination_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = CONSOLIDATED_ONWARDS
        .iter()
        .flat_map(|s| by_state[s].iter().map(id))
        .collect();
    assert_eq!(carried, expected);
    for s in CONSOLIDATED_ONWARDS {
        for n in &by_state[s] {
            assert_eq!(n["submission_id"], subs[0]["id"], "{n}");
        }
    }

    // One decision, awarding exactly the awarded nominations, inside the quota.
    let decisions = app
        .get(&format!("/api/v1/decisions?round_id={sk}"), Some(&auditor))
        .await;
    decisions.assert(200);
    let decisions = decisions.body["items"].as_array().unwrap();
    assert_eq!(decisions.len(), 1);
    let awardees: BTreeSet<String> = decisions[0]["awardees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["nomination_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(awardees, by_state["awarded"].iter().map(id).collect());
    let m = crate::fixtures::plans::movement_id(&app).await;
    let round = app
        .get(
            &format!("/api/v1/movements/{m}/rounds/{sk}"),
            Some(&auditor),
        )
        .await;
    round.assert(200);
    for kind in ["collective", "individual"] {
        let q = round.body["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["award_form"] == "provincial_merit" && q["nominee_kind"] == kind)
            .unwrap();
        let n = by_state["awarded"]
            .iter()
            .filter(|a| a["nominee_kind"] == kind)
            .count() as i64;
        assert!(n > 0, "no {kind} awarded");
        assert_eq!(q["awarded"], n, "{kind}");
        assert!(n <= q["max_awards"].as_i64().unwrap());
        // State-award places: those the Chair forwarded (and what became of them).
        let q = round.body["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["award_form"] == "state_award" && q["nominee_kind"] == kind)
            .unwrap();
        let forwarded = ["forwarded_to_central", "state_awarded", "state_declined"]
            .iter()
            .flat_map(|s| by_state[*s].iter())
            .filter(|a| a["nominee_kind"] == kind)
            .count() as i64;
        assert_eq!(q["awarded"], forwarded, "state_award {kind}");
    }
}

#[actix_web::test]
async fn the_demo_final_round_is_open_with_drafts() {
    let app = spawn_app().await;
    let auditor = app.token("auditor").await;
    let tk = round_id(&app, "TK-2022-2025").await;
    let all = list(&app, &auditor, &format!("round_id={tk}")).await;
    let drafts = list(&app, &auditor, &format!("round_id={tk}&status=draft")).await;
    assert_eq!(all.len(), drafts.len(), "only drafts in the final round");
    assert!(drafts.len() >= 3);
    let units: BTreeSet<&str> = drafts
        .iter()
        .map(|n| n["unit_id"].as_str().unwrap())
        .collect();
    assert!(units.len() >= 3, "{units:?}");
    let mut partial = 0;
    for n in &drafts {
        let one = app
            .get(&format!("/api/v1/nominations/{}", id(n)), Some(&auditor))
            .await;
        one.assert(200);
        if !one.body["dossier"]["missing"]
            .as_array()
            .unwrap()
            .is_empty()
        {
            partial += 1;
        }
    }
    assert!(
        partial > 0 && partial < drafts.len(),
        "{partial} partial dossiers"
    );
    // Drafts are the unit's own: DIC does not see them.
    let dic = app.token("dic_officer").await;
    assert!(list(&app, &dic, &format!("round_id={tk}")).await.is_empty());
}

/// A small well-formed PDF (header, objects, a cross-reference table whose offsets
/// point at them, trailer), as a unit would scan and upload.
fn pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({title}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The README's nomination walk-through ("Try a nomination"), on a demo loaded on
/// 15 March 2028 and run that day: the open round takes nominations, and one goes
/// from draft to award and into the open data.
#[actix_web::test]
async fn the_demo_loaded_in_2028_takes_the_readmes_nomination_walk_through() {
    use chrono::TimeZone;
    let loaded = chrono::Utc.with_ymd_and_hms(2028, 3, 15, 1, 0, 0).unwrap();
    let db = empty_database();
    {
        let target = thidua::db::DatabaseTarget::parse(&db.url).unwrap();
        let pool = thidua::db::build_pool(&target, 1, std::time::Duration::from_secs(30)).unwrap();
        let mut conn = pool.get().unwrap();
        thidua::db::run_migrations(&mut conn).unwrap();
        let out = thidua::seed::load_demo(
            &mut conn,
            Some(DEMO_PASSWORD),
            loaded,
            chrono::NaiveDate::from_ymd_opt(2028, 3, 15).unwrap(),
        )
        .unwrap();
        assert_eq!(
            out.open_round,
            Some((
                "TK-2022-2025".to_string(),
                chrono::NaiveDate::from_ymd_opt(2028, 6, 13).unwrap()
            ))
        );
    }
    let app = spawn_app_on(db).await;
    // 10:00 in Đồng Tháp, the same day.
    app.state
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2028, 3, 15, 3, 0, 0).unwrap());

    // The plan's history stays: the interim round closed in 2023, the final one opened
    // on 1 October 2025; only the final round's closing moved.
    let admin = app.token("admin").await;
    let m = crate::fixtures::plans::movement_id(&app).await;
    let rounds = app
        .get(&format!("/api/v1/movements/{m}/rounds"), Some(&admin))
        .await;
    rounds.assert(200);
    let round = |code: &str| {
        rounds.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    let (sk, tk) = (round("SK-2022-2023"), round("TK-2022-2025"));
    assert_eq!(sk["nomination_closes_on"], "2023-11-30");
    assert_eq!(tk["nomination_opens_on"], "2025-10-01");
    assert_eq!(tk["nomination_closes_on"], "2028-06-13");
    assert_eq!(tk["report_due_on"], "2025-11-15");
    let tk = id_of(&tk);

    // 1. unit_officer drafts a nomination in the open round.
    let officer = app.token("unit_officer").await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            serde_json::json!({"round_id": tk, "award_form": "provincial_merit", "nominee_kind": "individual",
                "individual": {"full_name": "Trần Thị Ngọc Hân", "gender": "female", "birth_year": 1990,
                    "position": "Chuyên viên Phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười"},
                "achievement_summary": "Tham mưu đưa 100% thủ tục hành chính cấp huyện lên dịch vụ công trực tuyến toàn trình.",
                "clean_record": true}),
        )
        .await;
    r.assert(201);
    let path = format!("/api/v1/nominations/{}", id_of(&r.body));

    // 2. …uploads the dossier, one PDF per required kind.
    for kind in REQUIRED {
        let req = actix_web::test::TestRequest::post()
            .uri(&format!("{path}/documents"))
            .insert_header(("Authorization", format!("Bearer {officer}")))
            .insert_header((
                "Content-Type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            ))
            .set_payload(multipart(
                Some(kind),
                Some((&format!("{kind}.pdf"), &pdf(kind))),
            ));
        let res = actix_web::test::call_service(&app.service, req.to_request()).await;
        assert_eq!(res.status(), 201, "{kind}");
    }
    let n = app.get(&path, Some(&officer)).await;
    n.assert(200);
    assert_eq!(n.body["dossier"]["missing"], serde_json::json!([]));

    // 3. unit_head submits it.
    let head = app.token("unit_head").await;
    let r = act(&app, &head, &path, "submit", &tag(&n.body), None).await;
    r.assert(200);
    assert_eq!(r.body["status"], "submitted");

    // 4. dic_officer sends it to Home Affairs.
    let dic = app.token("dic_officer").await;
    let r = app
        .post(
            "/api/v1/submissions",
            Some(&dic),
            serde_json::json!({"round_id": tk, "letter_number": "35/TTr-STTTT", "letter_date": "2028-03-15",
                "note": "Đề nghị Sở Nội vụ thẩm định.", "nomination_ids": [id_of(&n.body)]}),
        )
        .await;
    r.assert(201);

    // 5. home_affairs_officer approves it.
    let ha = app.token("home_affairs_officer").await;
    let n = app.get(&path, Some(&ha)).await;
    assert_eq!(n.body["status"], "consolidated", "{}", n.text);
    let r = act(
        &app,
        &ha,
        &path,
        "appraise",
        &tag(&n.body),
        Some(serde_json::json!({"verdict": "approve", "opinion": "Đủ điều kiện, tiêu chuẩn."})),
    )
    .await;
    r.assert(200);
    assert_eq!(r.body["status"], "approved");

    // 6. chair awards it, signed today.
    let chair = app.token("chair").await;
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            serde_json::json!({"round_id": tk, "number": "512/QĐ-UBND", "signed_on": "2028-03-15",
                "signer": "Chủ tịch UBND Tỉnh", "nomination_ids": [id_of(&n.body)]}),
        )
        .await;
    r.assert(201);
    let n = app.get(&path, Some(&officer)).await;
    assert_eq!(n.body["status"], "awarded");

    // 7. It is open data.
    let awards = app
        .get(&format!("/api/v1/public/awards?round_id={tk}"), None)
        .await;
    awards.assert(200);
    assert!(
        awards.text.contains("512/QĐ-UBND") && awards.text.contains("Trần Thị Ngọc Hân"),
        "{}",
        awards.text
    );

    // After the window: refused, as any round's.
    app.state
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2028, 6, 14, 3, 0, 0).unwrap());
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            serde_json::json!({"round_id": tk, "award_form": "provincial_merit", "nominee_kind": "collective",
                "collective": {"unit_id": n.body["unit_id"], "team_name": "Tổ công nghệ số cộng đồng", "women_share_percent": 60.0},
                "achievement_summary": "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến.", "clean_record": true}),
        )
        .await;
    r.assert_problem(409, "round_closed");
    assert_eq!(r.body["closes_on"], "2028-06-13");
}
