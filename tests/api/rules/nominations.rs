//! Use-case tests of `app::nominations`, on a fresh demo database, without HTTP:
//! drafting, changing and the unit's steps — allowed, wrong role, wrong unit, wrong
//! state, stale version, duplicate nominee, incomplete dossier — and the batch loader.

use crate::fixtures::*;
use thidua::app::nominations::{self as nominations, NominationChanges, NominationStep};
use thidua::app::version::IfMatch;
use thidua::domain::award::AwardForm;
use thidua::domain::nomination::{State, Step};

fn changes(summary: &str) -> NominationChanges {
    NominationChanges {
        collective: None,
        individual: None,
        household: None,
        achievement_type: None,
        achievement_summary: Some(summary.into()),
        clean_record: None,
        model_ids: None,
    }
}

#[test]
fn the_unit_drafts_and_changes_its_nomination_and_the_head_submits_it() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Nguyễn Thị Hoa", AwardForm::ProvincialMerit),
    );
    assert_eq!((n.status, n.version), (State::Draft, 1));
    let head = db.ctx("unit_head");
    let changed = db
        .tx(|c| nominations::update(c, &head, &n.id, changes("Bổ sung."), IfMatch::Version(1)))
        .unwrap();
    assert_eq!(
        (changed.version, changed.achievement_summary.as_str()),
        (2, "Bổ sung.")
    );
    complete_dossier(&db, &n.id);
    let s = take(&db, "unit_head", &n.id, Step::Submit, None).unwrap();
    assert_eq!(s.status, State::Submitted);
    assert!(s.submitted_at.is_some() && s.dossier.unwrap().missing.is_empty());
    let history = db.tx(|c| nominations::history(c, &head, &n.id)).unwrap();
    let actions: Vec<_> = history.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "submit"]);
}

#[test]
fn only_the_units_officers_and_head_draft_and_only_the_head_submits() {
    let db = app_db_in_window();
    let dic = db.ctx("dic_officer");
    let refused = db
        .tx(|c| {
            let mut input = new_person(&db, "Trần Văn An", AwardForm::ProvincialMerit);
            input.unit_id = Some(db.ctx("unit_officer").actor.unit_id);
            nominations::create(c, &dic, input)
        })
        .unwrap_err();
    assert_eq!(refused.code.as_str(), "forbidden");
    let n = drafted(
        &db,
        new_person(&db, "Trần Văn An", AwardForm::ProvincialMerit),
    );
    complete_dossier(&db, &n.id);
    let e = take(&db, "unit_officer", &n.id, Step::Submit, None).unwrap_err();
    assert_eq!(e.code.as_str(), "forbidden");
    let e = take(&db, "chair", &n.id, Step::Submit, None).unwrap_err();
    // The Chair does not even see another unit's draft.
    assert_eq!(e.code.as_str(), "not_found");
}

#[test]
fn another_units_draft_is_neither_seen_nor_changed() {
    let db = app_db_in_window();
    let officer = db.ctx("unit_officer");
    // A nomination for another unit than the caller's is refused.
    let e = db
        .tx(|c| {
            let mut input = new_person(&db, "Lê Thị Bình", AwardForm::ProvincialMerit);
            input.unit_id = Some(db.ctx("dic_officer").actor.unit_id);
            nominations::create(c, &officer, input)
        })
        .unwrap_err();
    assert_eq!(e.code.as_str(), "forbidden");
    // The unit's draft is invisible to the movement's reviewers until submitted.
    let n = drafted(
        &db,
        new_person(&db, "Lê Thị Bình", AwardForm::ProvincialMerit),
    );
    let dic = db.ctx("dic_officer");
    let e = db.tx(|c| nominations::get(c, &dic, &n.id)).unwrap_err();
    assert_eq!(e.code.as_str(), "not_found");
    let e = db
        .tx(|c| nominations::update(c, &dic, &n.id, changes("x"), IfMatch::Any))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "not_found");
}

#[test]
fn a_step_in_the_wrong_state_names_the_state() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Phạm Văn Cường", AwardForm::ProvincialMerit),
    );
    let e = take(&db, "unit_head", &n.id, Step::Withdraw, None).map(|w| w.status);
    assert_eq!(e.unwrap(), State::Withdrawn);
    let e = take(&db, "unit_head", &n.id, Step::Submit, None).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    let head = db.ctx("unit_head");
    let e = db
        .tx(|c| nominations::update(c, &head, &n.id, changes("x"), IfMatch::Any))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
}

#[test]
fn a_change_or_a_step_on_a_stale_version_is_refused() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Võ Thị Dung", AwardForm::ProvincialMerit),
    );
    let head = db.ctx("unit_head");
    let e = db
        .tx(|c| nominations::update(c, &head, &n.id, changes("x"), IfMatch::Version(7)))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "stale_version");
    complete_dossier(&db, &n.id);
    let s = NominationStep::new(Step::Submit, None);
    let e = db
        .tx(|c| nominations::take(c, &head, &n.id, &s, IfMatch::Version(1)))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "stale_version");
    let current = db.tx(|c| nominations::get(c, &head, &n.id)).unwrap();
    assert_eq!(current.status, State::Draft);
}

#[test]
fn the_same_nominee_is_nominated_once_per_round_until_withdrawn() {
    let db = app_db_in_window();
    let first = drafted(
        &db,
        new_person(&db, "Đặng Văn Em", AwardForm::ProvincialMerit),
    );
    let officer = db.ctx("unit_officer");
    let again = new_person(&db, "dang van em", AwardForm::StateAward);
    let e = db
        .tx(|c| nominations::create(c, &officer, again.clone()))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "duplicate_nomination");
    take(&db, "unit_head", &first.id, Step::Withdraw, None).unwrap();
    let n = db.tx(|c| nominations::create(c, &officer, again)).unwrap();
    assert_eq!(n.status, State::Draft);
}

#[test]
fn an_incomplete_dossier_is_not_submitted() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Hồ Thị Giang", AwardForm::ProvincialMerit),
    );
    add_file(
        &db,
        &n.id,
        thidua::domain::award::DocumentKind::ProposalLetter,
    )
    .unwrap();
    let e = take(&db, "unit_head", &n.id, Step::Submit, None).unwrap_err();
    assert_eq!(e.code.as_str(), "dossier_incomplete");
    assert_eq!(
        e.details
            .extra
            .get("missing")
            .and_then(|m| m.as_array())
            .map(Vec::len),
        Some(5)
    );
}

#[test]
fn a_batch_is_loaded_as_the_caller_may_see_it_in_the_order_asked() {
    let db = app_db_in_window();
    let a = submitted(
        &db,
        new_person(&db, "Ngô Văn Hải", AwardForm::ProvincialMerit),
    );
    let b = submitted(
        &db,
        new_person(&db, "Ngô Thị Lan", AwardForm::ProvincialMerit),
    );
    let draft = drafted(
        &db,
        new_person(&db, "Ngô Văn Minh", AwardForm::ProvincialMerit),
    );
    let dic = db.ctx("dic_officer");
    let ids = vec![
        b.id.clone(),
        draft.id.clone(),
        "no-such-id".into(),
        a.id.clone(),
    ];
    let cases = db
        .tx(|c| nominations::load_visible_many(c, &dic, &ids))
        .unwrap();
    let got: Vec<_> = cases.iter().map(|c| c.row.id.clone()).collect();
    assert_eq!(got, [b.id.clone(), a.id.clone()]);
    let head = db.ctx("unit_head").actor.user_id;
    assert!(cases
        .iter()
        .all(|c| c.submitted_by == Some(Some(head.clone())) && c.dossier.missing.is_empty()));
    // Consolidated through the one pipeline, as DIC's submission does.
    let step = NominationStep::new(Step::Consolidate, Some("215/TTr-STTTT".into()));
    for case in cases {
        let out = db
            .tx(|c| {
                thidua::app::workflow::take_loaded::<nominations::Nominations, NominationStep>(
                    c,
                    &dic,
                    case,
                    &step,
                    IfMatch::Any,
                )
            })
            .unwrap();
        assert_eq!(out.status, State::Consolidated);
    }
}
