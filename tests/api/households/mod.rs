//! Households (hộ gia đình, issue 12 item 3; plan II.2.b) as a third nominee kind: the
//! head of household, the commune and the members; the one-nominee-per-round rule on the
//! head and commune (diacritics and case do not matter); the award history and the
//! quotas per nominee kind; personal data as for a person (another unit's draft is 404,
//! reviewers' reads are audited, nothing but the head's name and commune is public);
//! and the dashboard's and open data's figures. A Giấy khen is not recorded for one.
//!
//! The clock is fixed inside the final round's window (Thursday 26 November 2026).

use crate::fixtures::consolidation::{appraise, consolidate};
use crate::fixtures::nominating::{
    create, in_window, open_round, path_of, person, read, submitted,
};
use crate::fixtures::plans::{act, fresh_unit, movement_id, tag};
use crate::hardening_personal_data::events;
use crate::helpers::*;
use serde_json::{json, Value};

fn household(round: &str, head: &str, commune: &str, members: i32) -> Value {
    json!({"round_id": round, "award_form": "provincial_merit", "nominee_kind": "household",
        "household": {"head_full_name": head, "commune": commune, "members_count": members},
        "achievement_summary": "Hộ tiên phong bán nông sản trên sàn thương mại điện tử, hướng dẫn 40 hộ trong ấp làm theo.",
        "clean_record": true})
}

#[actix_web::test]
async fn a_household_is_nominated_by_its_head_commune_and_members() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let n = create(
        &app,
        &officer,
        household(&round, " Nguyễn Văn Bảy ", "Xã Mỹ An", 5),
    )
    .await;
    assert_eq!(n["nominee_kind"], "household");
    assert_eq!(n["nominee_name"], "Nguyễn Văn Bảy");
    assert_eq!(
        n["household"],
        json!({"head_full_name": "Nguyễn Văn Bảy", "commune": "Xã Mỹ An", "members_count": 5})
    );
    assert!(
        n["individual"].is_null() && n["collective"].is_null(),
        "{n}"
    );
    assert_eq!(n["achievement_type"], "routine");
    assert_eq!(n["award_history"], json!([]));
    // Found by name without diacritics, and by kind.
    let r = app
        .get(
            "/api/v1/nominations?q=nguyen%20van%20bay&nominee_kind=household",
            Some(&officer),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1, "{}", r.text);
    // Changed as a household, with If-Match.
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"household":
            {"head_full_name": "Nguyễn Văn Bảy", "commune": "Xã Mỹ An", "members_count": 6}}),
        )
        .await;
    r.assert(200);
    assert_eq!(r.body["household"]["members_count"], 6);
    // An individual's part on a household is refused.
    let n = r.body.clone();
    let r = app
        .patch(
            &path_of(&n),
            &officer,
            &tag(&n),
            json!({"individual": {"full_name": "A", "gender": "male",
            "birth_year": 1970, "position": "Nông dân", "workplace": "Xã Mỹ An"}}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["household"].is_array(), "{}", r.text);
}

#[actix_web::test]
async fn a_household_needs_its_part_and_sane_figures() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let mut without = household(&round, "Lê Văn Thiếu", "Xã Mỹ An", 4);
    without.as_object_mut().unwrap().remove("household");
    let mut both = household(&round, "Lê Văn Thừa", "Xã Mỹ An", 4);
    both["individual"] = json!({"full_name": "Lê Văn Thừa", "gender": "male", "birth_year": 1970,
        "position": "Nông dân", "workplace": "Xã Mỹ An"});
    for (body, field) in [
        (without, "household"),
        (both, "household"),
        (
            household(&round, "Lê Văn Không", "Xã Mỹ An", 0),
            "household.members_count",
        ),
        (
            household(&round, "Lê Văn Nhiều", "Xã Mỹ An", 101),
            "household.members_count",
        ),
        (
            household(&round, "   ", "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
        (household(&round, "Lê Văn Xã", "", 4), "household.commune"),
        (
            household(&round, &"A".repeat(201), "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
        (
            household(&round, "Lê Văn \u{202e}Ngược", "Xã Mỹ An", 4),
            "household.head_full_name",
        ),
    ] {
        let r = app.post("/api/v1/nominations", Some(&officer), body).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.body["errors"][field].is_array(), "{field}: {}", r.text);
    }
    // A household's part on an individual nomination is refused too.
    let mut person_with_household = person(&round, "Lê Thị Cá Nhân", 1980);
    person_with_household["household"] =
        json!({"head_full_name": "Lê Thị Cá Nhân", "commune": "Xã Mỹ An", "members_count": 3});
    let r = app
        .post("/api/v1/nominations", Some(&officer), person_with_household)
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"]["individual"].is_array(), "{}", r.text);
    // No other personal data is taken (an id number is an unknown field).
    let mut extra = household(&round, "Lê Văn Thêm", "Xã Mỹ An", 4);
    extra["household"]["id_number"] = json!("087123456789");
    let r = app.post("/api/v1/nominations", Some(&officer), extra).await;
    r.assert_problem(422, "validation_failed");
    assert!(
        r.body["errors"]["household.id_number"].is_array(),
        "{}",
        r.text
    );
}

#[actix_web::test]
async fn the_same_household_is_nominated_once_per_round() {
    let app = spawn_app().await;
    in_window(&app);
    let officer = app.token("unit_officer").await;
    let round = open_round(&app).await;
    let first = create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
    )
    .await;
    // Same head and commune, spelt otherwise: the same household.
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&officer),
            household(&round, "TRAN VAN MOT", "xã Truong Xuân", 3),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert_eq!(r.body["nomination_id"], first["id"]);
    // Another unit learns that it is taken, not which draft holds it.
    let (_, other) = fresh_unit(&app, "HGD-KHAC", Some("CUM-2")).await;
    let r = app
        .post(
            "/api/v1/nominations",
            Some(&other),
            household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
        )
        .await;
    r.assert_problem(409, "duplicate_nomination");
    assert!(r.body.get("nomination_id").is_none(), "{}", r.text);
    // A namesake in another commune is another household.
    create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Hưng Thạnh", 4),
    )
    .await;
    // Once withdrawn, the household may be nominated again.
    act(
        &app,
        &officer,
        &path_of(&first),
        "withdraw",
        &tag(&first),
        Some(json!({"comment": "Bổ sung hồ sơ sau."})),
    )
    .await
    .assert(200);
    create(
        &app,
        &officer,
        household(&round, "Trần Văn Một", "Xã Trường Xuân", 4),
    )
    .await;
}

#[actix_web::test]
async fn a_households_data_is_read_by_the_unit_and_its_reviewers_only_and_audited() {
    let app = spawn_app().await;
    in_window(&app);
    let round = open_round(&app).await;
    let officer = app.token("unit_officer").await;
    let draft = create(
        &app,
        &officer,
        household(&round, "Phan Văn Riêng", "Xã Mỹ An", 3),
    )
    .await;
    // Another unit's users, and reviewers before it is submitted, do not see the draft.
    let (_, other) = fresh_unit(&app, "HGD-XEM", Some("CUM-2")).await;
    app.get(&path_of(&draft), Some(&other)).await.assert(404);
    app.get(&path_of(&draft), Some(&app.token("dic_officer").await))
        .await
        .assert(404);
    let n = submitted(&app, household(&round, "Phan Văn Xét", "Xã Mỹ An", 3)).await;
    app.get(&path_of(&n), Some(&other)).await.assert(404);
    let dic = app.token("dic_officer").await;
    let seen = read(&app, &dic, &n).await;
    assert_eq!(seen["household"]["head_full_name"], "Phan Văn Xét");
    let reads = events(&app, "nomination.read", Some(&id_of(&n))).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(
        reads[0]["changes"]["fields"],
        json!(["nominee_name", "household", "achievement_summary"])
    );
    // Its own unit reads it without an audit event.
    read(&app, &officer, &n).await;
    assert_eq!(
        events(&app, "nomination.read", Some(&id_of(&n)))
            .await
            .len(),
        1
    );
}

mod awards;
