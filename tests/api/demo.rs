//! The demo data's award rounds, read through the API: the interim round SK-2022-2023
//! ran through every state of the nomination workflow (one submission to Home Affairs,
//! one decision of the Chair inside the quota, state awards posted, forwarded and
//! decided centrally), and the final round TK-2022-2025 is open with drafts.

use crate::fixtures::nominating::round_id;
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
        for n in &items {
            assert_eq!(n["status"], s);
            assert_eq!(n["round_id"], sk.as_str());
        }
        by_state.insert(s, items);
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
