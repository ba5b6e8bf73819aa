//! Giấy khen recorded by a unit's head (`/unit-awards`) and the award history
//! (`/award-history`): who records, validation (a collective of the awarding unit only, a
//! date inside the movement's time), the one-per-recipient-movement-year rule, idempotent
//! retries, who sees which awards (the unit, the reviewers of the award's movement, the
//! Chair, admins, auditors), and the history combining a unit's Giấy khen with the
//! Chair's Bằng khen under the nomination's nominee key — without another unit's Giấy
//! khen, on `/award-history` and on a nomination's read alike.
//!
//! The demo unit H-THAPMUOI (UBND Huyện Tháp Mười) holds the `unit_officer` and
//! `unit_head` accounts; the demo data holds no Giấy khen. The clock is fixed inside the
//! open round's window (Thursday 26 November 2026).

use crate::fixtures::consolidation::{appraise, consolidate};
use crate::fixtures::nominating::{collective, in_window, open_round, person, submitted};
use crate::fixtures::plans::{fresh_unit, ids, movement_id, new_user};
use crate::helpers::*;
use serde_json::{json, Value};

const HOA_KEY: &str = "person:nguyen thi hoa:1985";
const TEAM: &str = "Phòng Văn hóa và Thông tin";

fn individual(movement: &str, name: &str, birth_year: i32, number: &str, on: &str) -> Value {
    json!({"movement_id": movement, "recipient_kind": "individual",
        "individual": {"full_name": name, "gender": "female", "birth_year": birth_year,
            "position": "Chuyên viên Phòng Văn hóa và Thông tin"},
        "achievement": "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2025.",
        "decision_number": number, "decided_on": on})
}

fn team(movement: &str, unit: &str, team: Option<&str>, number: &str, on: &str) -> Value {
    json!({"movement_id": movement, "recipient_kind": "collective",
        "collective": {"unit_id": unit, "team_name": team, "women_share_percent": 71.5},
        "title": "Giấy khen của Chủ tịch UBND Huyện Tháp Mười",
        "achievement": "Dẫn đầu huyện về dịch vụ công trực tuyến toàn trình năm 2025.",
        "decision_number": number, "decided_on": on})
}

async fn record<S: TestService>(app: &TestApp<S>, token: &str, body: Value) -> Reply {
    app.post("/api/v1/unit-awards", Some(token), body).await
}

async fn recorded<S: TestService>(app: &TestApp<S>, token: &str, body: Value) -> Value {
    let r = record(app, token, body).await;
    r.assert(201);
    r.body.clone()
}

async fn listed<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Vec<String> {
    let r = app
        .get(&format!("/api/v1/unit-awards{query}"), Some(token))
        .await;
    r.assert(200);
    ids(&r)
}

async fn history<S: TestService>(app: &TestApp<S>, token: &str, query: &str) -> Reply {
    app.get(&format!("/api/v1/award-history?{query}"), Some(token))
        .await
}

/// (source, title, nominee_name, decision_number, decided_on) of each history item.
fn summary(h: &Value) -> Vec<(String, String, String, String, String)> {
    h["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {h}"))
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
            (
                s("source"),
                s("title"),
                s("nominee_name"),
                s("decision_number"),
                s("decided_on"),
            )
        })
        .collect()
}

fn enc(s: &str) -> String {
    s.replace('%', "%25")
        .replace(' ', "%20")
        .replace(':', "%3A")
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                let mut b = [0; 4];
                c.encode_utf8(&mut b)
                    .bytes()
                    .map(|x| format!("%{x:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// The nominations, submitted, consolidated, approved and awarded by the Chair's
/// decision `number` of 26 November 2026; the decision.
async fn awarded<S: TestService>(
    app: &TestApp<S>,
    round: &str,
    number: &str,
    bodies: Vec<Value>,
) -> Value {
    let mut noms = Vec::new();
    for b in bodies {
        noms.push(submitted(app, b).await);
    }
    let refs: Vec<&Value> = noms.iter().collect();
    consolidate(app, round, &refs).await;
    let ha = app.token("home_affairs_officer").await;
    for n in &noms {
        let now = app
            .get(&format!("/api/v1/nominations/{}", id_of(n)), Some(&ha))
            .await;
        now.assert(200);
        let r = appraise(app, &ha, &now.body, "approve", "Đạt tiêu chuẩn Bằng khen.").await;
        r.assert(200);
    }
    let chair = app.token("chair").await;
    let r = app
        .post(
            "/api/v1/decisions",
            Some(&chair),
            json!({"round_id": round, "number": number, "signed_on": "2026-11-26",
                "signer": "Chủ tịch UBND Tỉnh",
                "nomination_ids": noms.iter().map(id_of).collect::<Vec<_>>()}),
        )
        .await;
    r.assert(201);
    r.body.clone()
}

#[actix_web::test]
async fn the_unit_head_records_giay_khen_for_a_person_and_a_collective() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let head = app.token("unit_head").await;

    let r = record(
        &app,
        &head,
        individual(&m, " Nguyễn Thị Hoa ", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    r.assert(201);
    let a = r.body.clone();
    let id = id_of(&a);
    assert_eq!(
        r.header("location").as_deref(),
        Some(format!("/api/v1/unit-awards/{id}").as_str())
    );
    assert_eq!(a["unit_id"], tm.as_str());
    assert_eq!(a["unit_name"], "UBND Huyện Tháp Mười");
    assert_eq!(a["movement_id"], m.as_str());
    assert_eq!(a["recipient_kind"], "individual");
    assert_eq!(a["recipient_name"], "Nguyễn Thị Hoa");
    assert_eq!(a["recipient_key"], HOA_KEY);
    assert_eq!(a["title"], "Giấy khen");
    assert_eq!(a["decision_number"], "45/QĐ-UBND");
    assert_eq!(a["decided_on"], "2025-12-15");
    assert_eq!(a["year"], 2025);
    assert_eq!(a["individual"]["birth_year"], 1985);
    assert_eq!(a["individual"]["gender"], "female");
    assert_eq!(a["collective"], Value::Null);
    assert_eq!(a["created_at"], "2026-11-26T03:00:00Z");

    let c = recorded(
        &app,
        &head,
        team(&m, &tm, Some(TEAM), "46/QĐ-UBND", "2025-12-15"),
    )
    .await;
    assert_eq!(c["recipient_kind"], "collective");
    assert_eq!(c["recipient_name"], TEAM);
    assert_eq!(
        c["recipient_key"],
        format!("team:{tm}:phong van hoa va thong tin")
    );
    assert_eq!(c["title"], "Giấy khen của Chủ tịch UBND Huyện Tháp Mười");
    assert_eq!(c["collective"]["unit_id"], tm.as_str());
    assert_eq!(c["collective"]["team_name"], TEAM);
    assert_eq!(c["collective"]["women_share_percent"], 71.5);
    assert_eq!(c["individual"], Value::Null);

    // Read back as recorded, by the unit's officer and by a reviewer.
    for user in ["unit_officer", "dic_officer"] {
        let t = app.token(user).await;
        let r = app
            .get(&format!("/api/v1/unit-awards/{id}"), Some(&t))
            .await;
        r.assert(200);
        assert_eq!(r.body, a, "{user}");
    }
    // The creation is in the audit trail.
    let admin = app.token("admin").await;
    let audit = app
        .get(
            &format!("/api/v1/audit-events?resource_type=unit_award&resource_id={id}"),
            Some(&admin),
        )
        .await;
    audit.assert(200);
    let events = audit.body["items"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{}", audit.text);
    assert_eq!(events[0]["action"], "unit_award.create");
    assert_eq!(events[0]["actor_username"], "unit_head");
}

#[actix_web::test]
async fn only_the_awarding_units_head_records_its_giay_khen() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let body = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    for user in [
        "unit_officer",
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(user).await;
        record(&app, &t, body.clone())
            .await
            .assert_problem(403, "forbidden");
    }
    // The head of Tháp Mười cannot record for another unit.
    let head = app.token("unit_head").await;
    let stttt = app.unit_id("STTTT").await;
    let mut other = body.clone();
    other["unit_id"] = json!(stttt);
    record(&app, &head, other)
        .await
        .assert_problem(403, "forbidden");
    app.post("/api/v1/unit-awards", None, body.clone())
        .await
        .assert_problem(401, "unauthenticated");
    // Nothing was recorded.
    let admin = app.token("admin").await;
    assert!(listed(&app, &admin, "").await.is_empty());
    // Naming its own unit explicitly is the same as the default.
    let tm = app.unit_id("H-THAPMUOI").await;
    let mut own = body;
    own["unit_id"] = json!(tm);
    let a = recorded(&app, &head, own).await;
    assert_eq!(a["unit_id"], tm.as_str());
}

#[actix_web::test]
async fn invalid_giay_khen_are_refused_with_the_fields() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let head = app.token("unit_head").await;
    let fields = |r: &Reply| -> Vec<String> {
        r.assert_problem(422, "validation_failed");
        let mut v: Vec<String> = r.body["errors"]
            .as_object()
            .unwrap_or_else(|| panic!("no errors: {}", r.text))
            .keys()
            .cloned()
            .collect();
        v.sort();
        v
    };

    let mut bad = individual(&m, "  ", 1890, " ", "2026-11-27");
    bad["achievement"] = json!("");
    let r = record(&app, &head, bad).await;
    assert_eq!(
        fields(&r),
        [
            "achievement",
            "decided_on",
            "decision_number",
            "individual.birth_year",
            "individual.full_name"
        ]
    );

    let r = record(
        &app,
        &head,
        individual(
            "no-such-movement",
            "Nguyễn Thị Hoa",
            1985,
            "45/QĐ-UBND",
            "2025-12-15",
        ),
    )
    .await;
    assert_eq!(fields(&r), ["movement_id"]);

    let mut both = team(&m, &tm, None, "45/QĐ-UBND", "2025-12-15");
    both["individual"] =
        individual(&m, "Nguyễn Thị Hoa", 1985, "x", "2025-12-15")["individual"].clone();
    assert_eq!(fields(&record(&app, &head, both).await), ["collective"]);

    let mut none = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    none["individual"] = Value::Null;
    assert_eq!(fields(&record(&app, &head, none).await), ["individual"]);

    let mut share = team(&m, &tm, None, "45/QĐ-UBND", "2025-12-15");
    share["collective"]["women_share_percent"] = json!(120.0);
    assert_eq!(
        fields(&record(&app, &head, share).await),
        ["collective.women_share_percent"]
    );

    let unknown = team(&m, "no-such-unit", None, "45/QĐ-UBND", "2025-12-15");
    assert_eq!(
        fields(&record(&app, &head, unknown).await),
        ["collective.unit_id"]
    );

    let mut title = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    title["title"] = json!("G".repeat(201));
    assert_eq!(fields(&record(&app, &head, title).await), ["title"]);

    // Unreadable values and unknown fields: 422 from the JSON reader.
    let mut kind = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    kind["recipient_kind"] = json!("team");
    record(&app, &head, kind)
        .await
        .assert_problem(422, "validation_failed");
    let mut extra = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    extra["workplace"] = json!("UBND Huyện Tháp Mười");
    record(&app, &head, extra)
        .await
        .assert_problem(422, "validation_failed");

    let admin = app.token("admin").await;
    assert!(listed(&app, &admin, "").await.is_empty());
}

#[actix_web::test]
async fn a_recipient_gets_one_giay_khen_per_movement_and_year_from_a_unit() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let head = app.token("unit_head").await;
    let first = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    // The same person written another way, by another decision of the same year.
    let r = record(
        &app,
        &head,
        individual(&m, "NGUYEN  thi hoa", 1985, "52/QĐ-UBND", "2025-12-30"),
    )
    .await;
    r.assert_problem(409, "duplicate_award");
    assert_eq!(r.body["unit_award_id"], first["id"]);
    let vi = app
        .send(Call {
            method: "POST",
            path: "/api/v1/unit-awards".into(),
            token: Some(head.clone()),
            body: Some(individual(
                &m,
                "Nguyễn Thị Hoa",
                1985,
                "52/QĐ-UBND",
                "2025-12-30",
            )),
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    vi.assert_problem(409, "duplicate_award");
    assert_eq!(
        vi.body["title"],
        "Đơn vị đã khen thưởng đối tượng này trong phong trào và năm đó"
    );
    // Another year, another person of the same name (born another year): recorded.
    let next = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "12/QĐ-UBND", "2026-03-02"),
    )
    .await;
    assert_eq!(next["year"], 2026);
    let namesake = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1990, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    assert_eq!(namesake["recipient_key"], "person:nguyen thi hoa:1990");
    // The unit itself and a team inside it are two recipients.
    recorded(&app, &head, team(&m, &tm, None, "46/QĐ-UBND", "2025-12-15")).await;
    recorded(
        &app,
        &head,
        team(&m, &tm, Some(TEAM), "46/QĐ-UBND", "2025-12-15"),
    )
    .await;
    record(
        &app,
        &head,
        team(
            &m,
            &tm,
            Some("phòng văn hóa và thông tin"),
            "47/QĐ-UBND",
            "2025-12-20",
        ),
    )
    .await
    .assert_problem(409, "duplicate_award");
    let admin = app.token("admin").await;
    assert_eq!(listed(&app, &admin, "").await.len(), 5);
}

#[actix_web::test]
async fn recording_is_idempotent_with_a_key() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let body = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15");
    let send = |body: Value| Call {
        method: "POST",
        path: "/api/v1/unit-awards".into(),
        token: Some(head.clone()),
        body: Some(body),
        headers: vec![("Idempotency-Key".into(), "gk-45-2025-hoa".into())],
    };
    let first = app.send(send(body.clone())).await;
    first.assert(201);
    assert_eq!(first.header("idempotency-replayed"), None);
    let again = app.send(send(body.clone())).await;
    again.assert(201);
    assert_eq!(
        again.header("idempotency-replayed").as_deref(),
        Some("true")
    );
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("location"), first.header("location"));
    let mut other = body;
    other["decision_number"] = json!("46/QĐ-UBND");
    app.send(send(other))
        .await
        .assert_problem(422, "idempotency_key_reused");
    let admin = app.token("admin").await;
    assert_eq!(listed(&app, &admin, "").await, [id_of(&first.body)]);
}

#[actix_web::test]
async fn units_see_their_own_giay_khen_and_reviewers_see_all() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let hoa = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    let team_award = recorded(
        &app,
        &head,
        team(&m, &tm, Some(TEAM), "12/QĐ-UBND", "2026-03-02"),
    )
    .await;
    let (other_unit, other) = fresh_unit(&app, "H-THUNGHIEM", Some("CUM-2")).await;
    let lan = recorded(
        &app,
        &other,
        individual(&m, "Trần Thị Lan", 1979, "7/QĐ-UBND", "2025-11-20"),
    )
    .await;
    assert_eq!(lan["unit_id"], other_unit.as_str());
    let (hoa_id, team_id, lan_id) = (id_of(&hoa), id_of(&team_award), id_of(&lan));

    // Unit users: their own unit's only; another unit's answers 404.
    let officer = app.token("unit_officer").await;
    assert_eq!(
        listed(&app, &officer, "").await,
        [hoa_id.clone(), team_id.clone()]
    );
    assert_eq!(listed(&app, &other, "").await, [lan_id.as_str()]);
    assert!(listed(&app, &officer, &format!("?unit_id={other_unit}"))
        .await
        .is_empty());
    app.get(&format!("/api/v1/unit-awards/{lan_id}"), Some(&officer))
        .await
        .assert_problem(404, "not_found");
    app.get(&format!("/api/v1/unit-awards/{hoa_id}"), Some(&other))
        .await
        .assert_problem(404, "not_found");
    app.get("/api/v1/unit-awards/no-such-award", Some(&officer))
        .await
        .assert_problem(404, "not_found");

    // Reviewers and the province's leaders: every unit's.
    for user in [
        "admin",
        "auditor",
        "chair",
        "dic_officer",
        "home_affairs_officer",
    ] {
        let t = app.token(user).await;
        assert_eq!(
            listed(&app, &t, "").await,
            [hoa_id.clone(), team_id.clone(), lan_id.clone()],
            "{user}"
        );
        let r = app
            .get(&format!("/api/v1/unit-awards/{lan_id}"), Some(&t))
            .await;
        r.assert(200);
        assert_eq!(r.body["recipient_name"], "Trần Thị Lan", "{user}");
    }

    // Filters and pages.
    let dic = app.token("dic_officer").await;
    assert_eq!(
        listed(&app, &dic, &format!("?unit_id={other_unit}")).await,
        [lan_id.as_str()]
    );
    assert_eq!(listed(&app, &dic, "?year=2026").await, [team_id.as_str()]);
    assert_eq!(
        listed(&app, &dic, "?recipient_kind=individual").await,
        [hoa_id.clone(), lan_id.clone()]
    );
    assert_eq!(
        listed(&app, &dic, "?q=nguyen%20thi%20HOA").await,
        [hoa_id.as_str()]
    );
    assert_eq!(listed(&app, &dic, "?q=van%20hoa").await, [team_id.as_str()]);
    assert_eq!(
        listed(&app, &dic, &format!("?movement_id={m}&limit=200"))
            .await
            .len(),
        3
    );
    assert!(listed(&app, &dic, &format!("?movement_id={NO_SUCH_ID}"))
        .await
        .is_empty());
    let p1 = app.get("/api/v1/unit-awards?limit=2", Some(&dic)).await;
    p1.assert(200);
    assert_eq!(ids(&p1), [hoa_id.clone(), team_id.clone()]);
    let cursor = p1.body["next_cursor"].as_str().unwrap().to_string();
    let p2 = app
        .get(
            &format!("/api/v1/unit-awards?limit=2&cursor={cursor}"),
            Some(&dic),
        )
        .await;
    p2.assert(200);
    assert_eq!(ids(&p2), [lan_id]);
    assert_eq!(p2.body["next_cursor"], Value::Null);
    app.get("/api/v1/unit-awards?year=1800", Some(&dic))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/unit-awards?cursor=%21%21", Some(&dic))
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn the_history_combines_giay_khen_and_the_chairs_bang_khen() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let round = open_round(&app).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let vpubnd = app.unit_id("VPUBND").await;
    let head = app.token("unit_head").await;
    let gk = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    let gk_team = recorded(
        &app,
        &head,
        team(&m, &tm, Some(TEAM), "46/QĐ-UBND", "2025-12-16"),
    )
    .await;
    // A namesake born in another year has a history of their own.
    recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1990, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    let d = awarded(
        &app,
        &round,
        "2150/QĐ-UBND",
        vec![
            person(&round, "Nguyễn Thị Hoa", 1985),
            collective(&round, &tm, Some(TEAM)),
        ],
    )
    .await;
    let noms: Vec<&Value> = d["awardees"].as_array().unwrap().iter().collect();
    let nom_of = |name: &str| {
        noms.iter()
            .find(|a| a["nominee_name"] == name)
            .unwrap_or_else(|| panic!("{name} not awarded: {d}"))["nomination_id"]
            .clone()
    };

    // A person, by key: the Giấy khen of 2025, then the Bằng khen of 2026.
    let officer = app.token("unit_officer").await;
    let r = history(&app, &officer, &format!("nominee={}", enc(HOA_KEY))).await;
    r.assert(200);
    assert_eq!(r.body["nominee_key"], HOA_KEY);
    assert_eq!(
        summary(&r.body),
        [
            (
                "unit_certificate".into(),
                "Giấy khen".into(),
                "Nguyễn Thị Hoa".into(),
                "45/QĐ-UBND".into(),
                "2025-12-15".into()
            ),
            (
                "provincial_merit".into(),
                "Bằng khen của Chủ tịch UBND Tỉnh".into(),
                "Nguyễn Thị Hoa".into(),
                "2150/QĐ-UBND".into(),
                "2026-11-26".into()
            ),
        ]
    );
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items[0]["unit_award_id"], gk["id"]);
    assert_eq!(items[0]["nomination_id"], Value::Null);
    assert_eq!(items[0]["round_id"], Value::Null);
    assert_eq!(items[0]["issuer_unit_id"], tm.as_str());
    assert_eq!(items[0]["issuer_name"], "UBND Huyện Tháp Mười");
    assert_eq!(items[0]["movement_id"], m.as_str());
    assert_eq!(items[1]["nomination_id"], nom_of("Nguyễn Thị Hoa"));
    assert_eq!(items[1]["unit_award_id"], Value::Null);
    assert_eq!(items[1]["round_id"], round.as_str());
    assert_eq!(items[1]["issuer_unit_id"], vpubnd.as_str());
    assert_eq!(items[1]["issuer_name"], "Văn phòng UBND Tỉnh");
    assert_eq!(items[1]["movement_id"], m.as_str());

    // By name and year of birth: the same answer, whatever the diacritics and case.
    for name in ["Nguyễn Thị Hoa", "nguyen thi HOA", "  NGUYỄN   THỊ HOA "] {
        let by_name = history(
            &app,
            &officer,
            &format!("name={}&birth_year=1985", enc(name)),
        )
        .await;
        by_name.assert(200);
        assert_eq!(by_name.body, r.body, "{name}");
    }
    // Every signed-in role may ask; the namesake's history is apart.
    for user in ROLES {
        let t = app.token(user).await;
        let same = history(&app, &t, &format!("nominee={}", enc(HOA_KEY))).await;
        same.assert(200);
        assert_eq!(same.body, r.body, "{user}");
    }
    let namesake = history(
        &app,
        &officer,
        &format!("name={}&birth_year=1990", enc("Nguyễn Thị Hoa")),
    )
    .await;
    namesake.assert(200);
    assert_eq!(namesake.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(namesake.body["items"][0]["source"], "unit_certificate");
    let nobody = history(
        &app,
        &officer,
        &format!("name={}&birth_year=1970", enc("Phạm Văn A")),
    )
    .await;
    nobody.assert(200);
    assert_eq!(nobody.body["nominee_key"], "person:pham van a:1970");
    assert_eq!(nobody.body["items"], json!([]));

    // A collective, by unit and team name: the same two sources.
    let dic = app.token("dic_officer").await;
    let c = history(&app, &dic, &format!("unit_id={tm}&team_name={}", enc(TEAM))).await;
    c.assert(200);
    let team_key = format!("team:{tm}:phong van hoa va thong tin");
    assert_eq!(c.body["nominee_key"], team_key.as_str());
    assert_eq!(
        summary(&c.body),
        [
            (
                "unit_certificate".into(),
                "Giấy khen của Chủ tịch UBND Huyện Tháp Mười".into(),
                TEAM.into(),
                "46/QĐ-UBND".into(),
                "2025-12-16".into()
            ),
            (
                "provincial_merit".into(),
                "Bằng khen của Chủ tịch UBND Tỉnh".into(),
                TEAM.into(),
                "2150/QĐ-UBND".into(),
                "2026-11-26".into()
            ),
        ]
    );
    assert_eq!(c.body["items"][0]["unit_award_id"], gk_team["id"]);
    assert_eq!(c.body["items"][1]["nomination_id"], nom_of(TEAM));
    let by_key = history(&app, &dic, &format!("nominee={}", enc(&team_key))).await;
    by_key.assert(200);
    assert_eq!(by_key.body, c.body);
    // The unit itself is another nominee: none of the team's awards, its own Giấy khen
    // (and whatever the demo history awarded it), oldest first.
    let own = recorded(&app, &head, team(&m, &tm, None, "47/QĐ-UBND", "2025-12-17")).await;
    let unit = history(&app, &dic, &format!("unit_id={tm}")).await;
    unit.assert(200);
    assert_eq!(unit.body["nominee_key"], format!("unit:{tm}"));
    let items = unit.body["items"].as_array().unwrap();
    let certificates: Vec<&Value> = items
        .iter()
        .filter(|i| i["source"] == "unit_certificate")
        .collect();
    assert_eq!(certificates.len(), 1, "{}", unit.text);
    assert_eq!(certificates[0]["unit_award_id"], own["id"]);
    assert_eq!(certificates[0]["nominee_name"], "UBND Huyện Tháp Mười");
    assert!(
        items.iter().all(|i| i["decision_number"] != "2150/QĐ-UBND"
            && i["decision_number"] != "46/QĐ-UBND"),
        "{}",
        unit.text
    );
    let dates: Vec<&str> = items
        .iter()
        .map(|i| i["decided_on"].as_str().unwrap())
        .collect();
    let mut sorted_dates = dates.clone();
    sorted_dates.sort();
    assert_eq!(dates, sorted_dates);

    // The nomination the history names is the awarded one.
    let n = app
        .get(
            &format!(
                "/api/v1/nominations/{}",
                nom_of("Nguyễn Thị Hoa").as_str().unwrap()
            ),
            Some(&dic),
        )
        .await;
    n.assert(200);
    assert_eq!(n.body["status"], "awarded");
}

#[actix_web::test]
async fn the_history_needs_one_nominee() {
    let app = spawn_app().await;
    let officer = app.token("unit_officer").await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let field = |r: &Reply| -> Vec<String> {
        r.assert_problem(422, "validation_failed");
        r.body["errors"]
            .as_object()
            .unwrap_or_else(|| panic!("{}", r.text))
            .keys()
            .cloned()
            .collect()
    };
    let unknown_unit = format!("unit_id={NO_SUCH_ID}");
    for (query, expected) in [
        ("", "nominee"),
        ("nominee=", "nominee"),
        ("nominee=nguyen%20thi%20hoa", "nominee"),
        ("nominee=person%3Anguyen%20thi%20hoa", "nominee"),
        ("name=Nguy%E1%BB%85n%20Th%E1%BB%8B%20Hoa", "birth_year"),
        ("birth_year=1985", "name"),
        ("team_name=Ph%C3%B2ng", "nominee"),
        (unknown_unit.as_str(), "unit_id"),
    ] {
        let r = history(&app, &officer, query).await;
        let fields = field(&r);
        assert!(
            fields.contains(&expected.to_string()),
            "{query}: {}",
            r.text
        );
    }
    let both = history(
        &app,
        &officer,
        &format!("name=Hoa&birth_year=1985&unit_id={tm}"),
    )
    .await;
    assert_eq!(field(&both), ["nominee"]);
    let r = app
        .get("/api/v1/award-history?nominee=unit%3Ax", None)
        .await;
    r.assert_problem(401, "unauthenticated");
    history(&app, &officer, "birth_year=abc")
        .await
        .assert_problem(400, "invalid_query");
}

#[actix_web::test]
async fn the_history_shows_state_awards_granted_by_the_central_level() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let admin = app.token("admin").await;
    // The demo's interim round forwarded state-award nominations; the central level
    // granted some of them.
    let r = app
        .get("/api/v1/nominations?status=state_awarded", Some(&admin))
        .await;
    r.assert(200);
    let granted = r.body["items"].as_array().unwrap();
    assert!(
        !granted.is_empty(),
        "the demo holds a state award: {}",
        r.text
    );
    let r = app
        .get(
            &format!("/api/v1/nominations/{}", id_of(&granted[0])),
            Some(&admin),
        )
        .await;
    r.assert(200);
    let n = &r.body;
    let query = match n["nominee_kind"].as_str().unwrap() {
        "individual" => format!(
            "name={}&birth_year={}",
            enc(n["individual"]["full_name"].as_str().unwrap()),
            n["individual"]["birth_year"]
        ),
        _ => {
            let unit = n["collective"]["unit_id"].as_str().unwrap();
            match n["collective"]["team_name"].as_str() {
                Some(t) => format!("unit_id={unit}&team_name={}", enc(t)),
                None => format!("unit_id={unit}"),
            }
        }
    };
    let before = history(&app, &admin, &query).await;
    before.assert(200);
    let state: Vec<&Value> = before.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["nomination_id"] == n["id"])
        .collect();
    assert_eq!(state.len(), 1, "{}", before.text);
    let s = state[0];
    assert_eq!(s["source"], "state_award");
    assert_eq!(s["title"], "Khen thưởng cấp Nhà nước");
    assert_eq!(s["nominee_name"], n["nominee_name"]);
    assert_eq!(s["round_id"], n["round_id"]);
    assert_eq!(s["movement_id"], n["movement_id"]);
    assert_eq!(s["unit_award_id"], Value::Null);
    // Issued by the central level: no unit of the province.
    assert_eq!(s["issuer_unit_id"], Value::Null);
    assert_eq!(s["issuer_name"], Value::Null);
    assert!(
        !s["decision_number"].as_str().unwrap_or("").is_empty(),
        "{s}"
    );
    let granted_on = s["decided_on"].as_str().unwrap().to_string();
    assert!(granted_on.as_str() < "2025-12-15", "{s}");

    // A Giấy khen to the same nominee later comes after it (a collective's comes from
    // the unit itself: its head records it).
    let head = match n["collective"]["unit_id"].as_str() {
        Some(unit) => new_user(&app, "head.nhan.khen", unit, &["unit_head"]).await,
        None => app.token("unit_head").await,
    };
    let body = match n["nominee_kind"].as_str().unwrap() {
        "individual" => {
            let i = &n["individual"];
            individual(
                &m,
                i["full_name"].as_str().unwrap(),
                i["birth_year"].as_i64().unwrap() as i32,
                "45/QĐ-UBND",
                "2025-12-15",
            )
        }
        _ => team(
            &m,
            n["collective"]["unit_id"].as_str().unwrap(),
            n["collective"]["team_name"].as_str(),
            "45/QĐ-UBND",
            "2025-12-15",
        ),
    };
    let gk = recorded(&app, &head, body).await;
    let after = history(&app, &admin, &query).await;
    after.assert(200);
    let items = after.body["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        before.body["items"].as_array().unwrap().len() + 1
    );
    let last = items.last().unwrap();
    assert_eq!(last["unit_award_id"], gk["id"]);
    assert_eq!(last["source"], "unit_certificate");
    let pos = |id: &Value| items.iter().position(|i| i["nomination_id"] == *id);
    assert!(pos(&n["id"]) < Some(items.len() - 1), "{}", after.text);
    assert_eq!(after.body["nominee_key"], gk["recipient_key"]);
}

/// The id each history item points at: its Giấy khen or its nomination.
fn item_ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("no items: {items}"))
        .iter()
        .map(|i| {
            i["unit_award_id"]
                .as_str()
                .or_else(|| i["nomination_id"].as_str())
                .unwrap_or_else(|| panic!("item without id: {i}"))
                .to_string()
        })
        .collect()
}

/// A DIC officer of another department (SKHCN), and that department's unit id.
async fn other_dic<S: TestService>(app: &TestApp<S>) -> (String, String) {
    let skhcn = app.unit_id("SKHCN").await;
    let t = new_user(app, "dic.skhcn", &skhcn, &["dic_officer"]).await;
    (skhcn, t)
}

#[actix_web::test]
async fn another_units_giay_khen_stay_out_of_the_history_and_the_nomination() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let round = open_round(&app).await;
    let head = app.token("unit_head").await;
    let (_, other) = fresh_unit(&app, "H-THUNGHIEM", Some("CUM-2")).await;
    let (_, dic_other) = other_dic(&app).await;
    // The same person got a Giấy khen from each unit; another one from the other unit
    // only. Tháp Mười's nomination of the first then got the Chair's Bằng khen.
    let theirs = recorded(
        &app,
        &other,
        individual(&m, "Nguyễn Thị Hoa", 1985, "7/QĐ-UBND", "2025-11-20"),
    )
    .await;
    let own = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await;
    let lan = recorded(
        &app,
        &other,
        individual(&m, "Trần Thị Lan", 1979, "8/QĐ-UBND", "2025-11-20"),
    )
    .await;
    let d = awarded(
        &app,
        &round,
        "2150/QĐ-UBND",
        vec![person(&round, "Nguyễn Thị Hoa", 1985)],
    )
    .await;
    let bang_khen = d["awardees"][0]["nomination_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (theirs, own, lan) = (id_of(&theirs), id_of(&own), id_of(&lan));
    let hoa = format!("name={}&birth_year=1985", enc("Nguyễn Thị Hoa"));
    let lan_query = format!("name={}&birth_year=1979", enc("Trần Thị Lan"));

    // Each unit: its own Giấy khen and the (public) Bằng khen, not the other's.
    let officer = app.token("unit_officer").await;
    for (who, t, expected) in [
        ("Tháp Mười", &officer, vec![own.clone(), bang_khen.clone()]),
        (
            "the other unit",
            &other,
            vec![theirs.clone(), bang_khen.clone()],
        ),
        // A DIC officer who reviews no movement of theirs: the Bằng khen only.
        ("DIC of SKHCN", &dic_other, vec![bang_khen.clone()]),
    ] {
        let r = history(&app, t, &hoa).await;
        r.assert(200);
        assert_eq!(item_ids(&r.body["items"]), expected, "{who}: {}", r.text);
        assert!(
            !r.text.contains(if who == "Tháp Mười" {
                "7/QĐ-UBND"
            } else {
                "45/QĐ-UBND"
            }),
            "{who}: {}",
            r.text
        );
    }
    // The movement's reviewers and the province's leaders: all three.
    for user in [
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
    ] {
        let t = app.token(user).await;
        let r = history(&app, &t, &hoa).await;
        r.assert(200);
        assert_eq!(
            item_ids(&r.body["items"]),
            [theirs.clone(), own.clone(), bang_khen.clone()],
            "{user}"
        );
    }
    // A person known only by another unit's Giấy khen: nothing, as for a stranger, so
    // the answer does not confirm the year of birth.
    for t in [&officer, &dic_other] {
        let r = history(&app, t, &lan_query).await;
        r.assert(200);
        assert_eq!(r.body["items"], json!([]), "{}", r.text);
        assert_eq!(r.body["nominee_key"], "person:tran thi lan:1979");
    }
    let r = history(&app, &other, &lan_query).await;
    r.assert(200);
    assert_eq!(item_ids(&r.body["items"]), [lan.as_str()]);

    // The nomination's read embeds the history as its reader may see it.
    let nomination = format!("/api/v1/nominations/{bang_khen}");
    let head_read = app.get(&nomination, Some(&head)).await;
    head_read.assert(200);
    assert_eq!(
        item_ids(&head_read.body["award_history"]),
        [own.clone(), bang_khen.clone()],
        "{}",
        head_read.text
    );
    for user in ["dic_officer", "home_affairs_officer", "chair"] {
        let t = app.token(user).await;
        let r = app.get(&nomination, Some(&t)).await;
        r.assert(200);
        assert_eq!(
            item_ids(&r.body["award_history"]),
            [theirs.clone(), own.clone(), bang_khen.clone()],
            "{user}"
        );
    }
    // Another department's DIC does not read the nomination at all.
    app.get(&nomination, Some(&dic_other))
        .await
        .assert_problem(404, "not_found");
}

/// A movement of 2026–2030 whose standing unit is `standing` (appraised by SNV).
async fn second_movement<S: TestService>(app: &TestApp<S>, standing: &str) -> String {
    let admin = app.token("admin").await;
    let snv = app.unit_id("SNV").await;
    let r = app
        .post(
            "/api/v1/movements",
            Some(&admin),
            json!({
                "code": "NTM-2026-2030",
                "title": "Phong trào thi đua xây dựng xã nông thôn mới",
                "theme": "Thi đua xây dựng nông thôn mới nâng cao, kiểu mẫu",
                "period_start_year": 2026, "period_end_year": 2030,
                "legal_basis": "Luật Thi đua, Khen thưởng năm 2022",
                "plan_document": "Kế hoạch số 01/KH-UBND năm 2026",
                "standing_unit_id": standing, "appraising_unit_id": snv,
                "fields": [{"code": "agriculture", "name": "Nông nghiệp"}],
                "content_items": [{"code": "a", "text": "Tuyên truyền, phổ biến"}]
            }),
        )
        .await;
    r.assert(201);
    r.body["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn dic_and_home_affairs_read_the_giay_khen_of_the_movements_they_review() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let (skhcn, dic_other) = other_dic(&app).await;
    // The demo movement's standing unit is STTTT; the new one's is SKHCN. SNV appraises
    // both.
    let m2 = second_movement(&app, &skhcn).await;
    let head = app.token("unit_head").await;
    let a = id_of(
        &recorded(
            &app,
            &head,
            individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
        )
        .await,
    );
    let b = id_of(
        &recorded(
            &app,
            &head,
            individual(&m2, "Nguyễn Thị Hoa", 1985, "12/QĐ-UBND", "2026-03-02"),
        )
        .await,
    );
    let stttt = app.unit_id("STTTT").await;
    let ha_elsewhere = new_user(&app, "snv.khac", &stttt, &["home_affairs_officer"]).await;
    let dic = app.token("dic_officer").await;
    let read = |t: String, id: String| {
        let app = &app;
        async move {
            app.get(&format!("/api/v1/unit-awards/{id}"), Some(&t))
                .await
        }
    };

    // Another department's DIC: only the movement it stands for; the demo movement's
    // award answers 404 and is not listed.
    read(dic_other.clone(), a.clone())
        .await
        .assert_problem(404, "not_found");
    read(dic_other.clone(), b.clone()).await.assert(200);
    assert_eq!(listed(&app, &dic_other, "").await, [b.as_str()]);
    assert!(listed(&app, &dic_other, &format!("?movement_id={m}"))
        .await
        .is_empty());
    // The demo movement's DIC: its own movement's, not the other's.
    read(dic.clone(), a.clone()).await.assert(200);
    read(dic.clone(), b.clone())
        .await
        .assert_problem(404, "not_found");
    assert_eq!(listed(&app, &dic, "").await, [a.as_str()]);
    // A Home Affairs officer outside the appraising unit reads neither (STTTT is no
    // appraising unit); SNV's reads both, as do the Chair, admins and auditors.
    for id in [&a, &b] {
        read(ha_elsewhere.clone(), id.clone())
            .await
            .assert_problem(404, "not_found");
    }
    assert!(listed(&app, &ha_elsewhere, "").await.is_empty());
    for user in [
        "home_affairs_officer",
        "chair",
        "admin",
        "auditor",
        "unit_officer",
    ] {
        let t = app.token(user).await;
        assert_eq!(listed(&app, &t, "").await, [a.clone(), b.clone()], "{user}");
        read(t.clone(), b.clone()).await.assert(200);
    }
    // The award history follows the same rule.
    let hoa = format!("nominee={}", enc(HOA_KEY));
    let h = history(&app, &dic_other, &hoa).await;
    h.assert(200);
    assert_eq!(item_ids(&h.body["items"]), [b.as_str()]);
    let h = history(&app, &dic, &hoa).await;
    h.assert(200);
    assert_eq!(item_ids(&h.body["items"]), [a.as_str()]);

    // A DIC officer also reads their own unit's Giấy khen, whatever the movement.
    let skhcn_head = new_user(&app, "head.skhcn", &skhcn, &["unit_head"]).await;
    let c = id_of(
        &recorded(
            &app,
            &skhcn_head,
            individual(&m, "Lê Văn Tâm", 1980, "3/QĐ-SKHCN", "2025-12-01"),
        )
        .await,
    );
    assert_eq!(listed(&app, &dic_other, "").await, [b.clone(), c.clone()]);
    read(dic_other.clone(), c.clone()).await.assert(200);
}

#[actix_web::test]
async fn a_unit_awards_its_own_collectives_only() {
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let tm = app.unit_id("H-THAPMUOI").await;
    let stttt = app.unit_id("STTTT").await;
    let head = app.token("unit_head").await;
    // Another unit, or a team inside another unit: refused on `collective.unit_id`.
    for body in [
        team(&m, &stttt, None, "46/QĐ-UBND", "2025-12-15"),
        team(&m, &stttt, Some(TEAM), "46/QĐ-UBND", "2025-12-15"),
    ] {
        let r = record(&app, &head, body.clone()).await;
        r.assert_problem(422, "validation_failed");
        let errors = r.body["errors"].as_object().unwrap();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["collective.unit_id"],
            "{}",
            r.text
        );
        assert_eq!(
            errors["collective.unit_id"][0],
            "must be the awarding unit or one of its sub-units: its Giấy khen goes to the unit, a sub-unit, or a named collective inside them"
        );
        let vi = app
            .send(Call {
                method: "POST",
                path: "/api/v1/unit-awards".into(),
                token: Some(head.clone()),
                body: Some(body),
                headers: vec![("Accept-Language".into(), "vi".into())],
            })
            .await;
        vi.assert_problem(422, "validation_failed");
        assert_eq!(
            vi.body["errors"]["collective.unit_id"][0],
            "phải là đơn vị khen thưởng hoặc đơn vị trực thuộc: Giấy khen của đơn vị chỉ tặng cho chính đơn vị, đơn vị trực thuộc hoặc một tập thể thuộc các đơn vị đó"
        );
    }
    let admin = app.token("admin").await;
    assert!(listed(&app, &admin, "").await.is_empty());
    // The unit itself and a team inside it are recorded.
    recorded(&app, &head, team(&m, &tm, None, "46/QĐ-UBND", "2025-12-15")).await;
    recorded(
        &app,
        &head,
        team(&m, &tm, Some(TEAM), "46/QĐ-UBND", "2025-12-15"),
    )
    .await;
    assert_eq!(listed(&app, &admin, "").await.len(), 2);
}

#[actix_web::test]
async fn a_giay_khen_is_not_dated_before_the_movement_began() {
    let app = spawn_app().await;
    in_window(&app);
    // The demo movement runs 2021–2025.
    let m = movement_id(&app).await;
    let head = app.token("unit_head").await;
    let early = individual(&m, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2020-12-31");
    let r = record(&app, &head, early.clone()).await;
    r.assert_problem(422, "validation_failed");
    let errors = r.body["errors"].as_object().unwrap();
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        ["decided_on"],
        "{}",
        r.text
    );
    assert_eq!(
        errors["decided_on"][0],
        "must not be before the movement's period (1 January 2021)"
    );
    let vi = app
        .send(Call {
            method: "POST",
            path: "/api/v1/unit-awards".into(),
            token: Some(head.clone()),
            body: Some(early),
            headers: vec![("Accept-Language".into(), "vi".into())],
        })
        .await;
    vi.assert_problem(422, "validation_failed");
    assert_eq!(
        vi.body["errors"]["decided_on"][0],
        "không được trước thời gian của phong trào (01/01/2021)"
    );
    // A movement of 2026–2030 refuses a decision of 2025.
    let stttt = app.unit_id("STTTT").await;
    let m2 = second_movement(&app, &stttt).await;
    record(
        &app,
        &head,
        individual(&m2, "Nguyễn Thị Hoa", 1985, "45/QĐ-UBND", "2025-12-15"),
    )
    .await
    .assert_problem(422, "validation_failed");
    // The first day of the period is accepted.
    let first = recorded(
        &app,
        &head,
        individual(&m, "Nguyễn Thị Hoa", 1985, "1/QĐ-UBND", "2021-01-01"),
    )
    .await;
    assert_eq!(first["year"], 2021);
}

#[actix_web::test]
async fn the_same_giay_khen_sent_to_two_instances_at_once_is_recorded_once() {
    use actix_web::test;
    let app = spawn_app().await;
    in_window(&app);
    let m = movement_id(&app).await;
    let second = thidua::prepare_state(settings_for(&app.db.url, &[]), false).unwrap();
    second
        .clock
        .set(crate::fixtures::plans::at(2026, 11, 26, 3, 0, 0));
    let other = test::init_service(thidua::build_app(second)).await;
    let head = app.token("unit_head").await;
    let body = individual(&m, "Lê Thị Thu Sương", 1990, "88/QĐ-UBND", "2026-11-20");
    let req = test::TestRequest::post()
        .uri("/api/v1/unit-awards")
        .insert_header(("Authorization", format!("Bearer {head}")))
        .set_json(body.clone())
        .to_request();
    let (first, res) = futures_util::future::join(
        record(&app, &head, body.clone()),
        test::call_service(&other, req),
    )
    .await;
    let status = res.status().as_u16();
    let text = String::from_utf8_lossy(&test::read_body(res).await).to_string();
    let mut statuses = [first.status.as_u16(), status];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} / {text}", first.text);
    let conflict = if status == 409 {
        text
    } else {
        first.text.clone()
    };
    assert!(conflict.contains("duplicate_award"), "{conflict}");
    let r = history(&app, &head, "name=le%20thi%20thu%20suong&birth_year=1990").await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.text);
}
