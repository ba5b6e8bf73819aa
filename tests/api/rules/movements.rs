//! Use-case tests of `app::movements` (movements, criteria, rounds), on a fresh demo
//! database, without HTTP.

use crate::helpers::{app_db, AppDb};
use thidua::app::movements::criteria::{self, CriterionChanges, NewCriterion};
use thidua::app::movements::rounds::{
    self, AwardForm, NomineeKind, QuotaInput, RoundChanges, RoundKind,
};
use thidua::app::movements::{self, Field, MovementChanges, MovementQuery};
use thidua::app::version::IfMatch;

fn demo_movement(db: &AppDb) -> movements::Movement {
    let ctx = db.ctx("admin");
    let page = db
        .tx(|conn| movements::list(conn, &ctx, MovementQuery::default()))
        .unwrap();
    page.items.into_iter().next().unwrap()
}

fn criterion(code: &str, field_code: &str) -> NewCriterion {
    NewCriterion {
        code: code.into(),
        title: format!("Tiêu chí {code}"),
        field_code: field_code.into(),
        unit_of_measure: "%".into(),
        max_score: 5.0,
    }
}

#[test]
fn criteria_are_defined_by_the_standing_unit_and_fields_in_use_stay() {
    let db = app_db();
    let m = demo_movement(&db);
    let field = m.fields[0].code.clone();
    let (admin, dic, head) = (db.ctx("admin"), db.ctx("dic_officer"), db.ctx("unit_head"));
    let c = db
        .tx(|conn| criteria::create(conn, &dic, &m.id, criterion("KT-01", &field)))
        .unwrap();
    let refused = db
        .tx(|conn| criteria::create(conn, &head, &m.id, criterion("KT-02", &field)))
        .unwrap_err();
    assert_eq!(refused.code.as_str(), "forbidden");
    let missing = db
        .tx(|conn| criteria::create(conn, &dic, "no-such-movement", criterion("KT-02", &field)))
        .unwrap_err();
    assert_eq!(missing.code.as_str(), "not_found");
    let dup = db
        .tx(|conn| criteria::create(conn, &admin, &m.id, criterion("KT-01", &field)))
        .unwrap_err();
    assert_eq!(dup.code.as_str(), "already_exists");
    let unknown = db
        .tx(|conn| criteria::create(conn, &admin, &m.id, criterion("KT-03", "no-field")))
        .unwrap_err();
    assert!(unknown.details.errors.contains_key("field_code"));
    let stale = db
        .tx(|conn| {
            let ch = CriterionChanges {
                max_score: Some(9.0),
                ..Default::default()
            };
            criteria::update(conn, &dic, &m.id, &c.id, ch, IfMatch::Version(3))
        })
        .unwrap_err();
    assert_eq!(stale.code.as_str(), "stale_version");
    // The movement cannot drop a field its criteria use.
    let only_others: Vec<Field> = m
        .fields
        .iter()
        .filter(|f| f.code != field)
        .cloned()
        .collect();
    let in_use = db
        .tx(|conn| {
            let ch = MovementChanges {
                fields: Some(only_others.clone()),
                ..Default::default()
            };
            movements::update(conn, &admin, &m.id, ch, IfMatch::Any)
        })
        .unwrap_err();
    assert_eq!(in_use.code.as_str(), "in_use");
    let not_admin = db
        .tx(|conn| movements::update(conn, &dic, &m.id, MovementChanges::default(), IfMatch::Any))
        .unwrap_err();
    assert_eq!(not_admin.code.as_str(), "forbidden");
    db.tx(|conn| criteria::delete(conn, &dic, &m.id, &c.id, IfMatch::Version(1)))
        .unwrap();
    let gone = db
        .tx(|conn| criteria::get(conn, &head, &m.id, &c.id))
        .unwrap_err();
    assert_eq!(gone.code.as_str(), "not_found");
}

#[test]
fn rounds_hold_four_quotas_that_never_fall_below_the_places_taken() {
    let db = app_db();
    let m = demo_movement(&db);
    let admin = db.ctx("admin");
    let quota = |max| QuotaInput {
        award_form: AwardForm::ProvincialMerit,
        nominee_kind: NomineeKind::Individual,
        max_awards: Some(max),
    };
    let input = || rounds::NewRound {
        code: "SK-KIEM-THU".into(),
        kind: RoundKind::Interim,
        title: "Đợt kiểm thử".into(),
        period_start_year: 2024,
        period_end_year: 2024,
        nomination_opens_on: admin.today,
        nomination_closes_on: admin.today,
        report_due_on: None,
        appraisal_working_days: None,
        comment_working_days: None,
        required_documents: None,
        quotas: vec![quota(3)],
    };
    let refused = db
        .tx(|conn| rounds::create(conn, &db.ctx("dic_officer"), &m.id, input()))
        .unwrap_err();
    assert_eq!(refused.code.as_str(), "forbidden");
    let mut twice = input();
    twice.quotas.push(quota(4));
    let err = db
        .tx(|conn| rounds::create(conn, &admin, &m.id, twice))
        .unwrap_err();
    assert!(err.details.errors.contains_key("quotas[1]"));
    let round = db
        .tx(|conn| rounds::create(conn, &admin, &m.id, input()))
        .unwrap();
    // Two award forms by three nominee kinds (households since issue 12).
    assert_eq!(round.quotas.len(), 6);
    assert_eq!(
        (round.appraisal_working_days, round.comment_working_days),
        (25, 10)
    );
    assert_eq!(round.required_documents.len(), 6);
    let dup = db
        .tx(|conn| rounds::create(conn, &admin, &m.id, input()))
        .unwrap_err();
    assert_eq!(dup.code.as_str(), "already_exists");
    // The demo's interim round has places taken: its quota cannot drop below them.
    let interim = db
        .tx(|conn| rounds::list(conn, &admin, &m.id, Default::default()))
        .unwrap()
        .items
        .into_iter()
        .find(|r| r.code == "SK-2022-2023")
        .unwrap();
    let taken = interim
        .quotas
        .iter()
        .find(|q| q.award_form == AwardForm::ProvincialMerit && q.awarded > 0)
        .unwrap();
    let below = db
        .tx(|conn| {
            let ch = RoundChanges {
                quotas: Some(vec![QuotaInput {
                    max_awards: Some(taken.awarded - 1),
                    ..QuotaInput {
                        award_form: taken.award_form,
                        nominee_kind: taken.nominee_kind,
                        max_awards: None,
                    }
                }]),
                ..Default::default()
            };
            rounds::update(conn, &admin, &m.id, &interim.id, ch, IfMatch::Any)
        })
        .unwrap_err();
    assert_eq!(below.code.as_str(), "conflict");
    assert_eq!(below.details.extra["reason"], "quota_below_awarded");
    let stale = db
        .tx(|conn| {
            rounds::update(
                conn,
                &admin,
                &m.id,
                &round.id,
                RoundChanges::default(),
                IfMatch::Version(9),
            )
        })
        .unwrap_err();
    assert_eq!(stale.code.as_str(), "stale_version");
}
