//! Use-case tests of the Chair's steps after appraisal (`app::nominations`), on a fresh
//! demo database, without HTTP: posting for comment, forwarding after the window,
//! recording the central outcome; the flagged nominee; wrong role, state and version.

use crate::fixtures::*;
use thidua::app::nominations::{self as nominations, NominationStep, StepDetail};
use thidua::app::version::IfMatch;
use thidua::domain::award::AwardForm;
use thidua::domain::nomination::{State, Step};

#[test]
fn a_state_award_is_posted_forwarded_once_the_window_ends_and_recorded() {
    let mut db = app_db_in_window();
    let n = approved(
        &db,
        new_person(&db, "Nguyễn Thị Hoa", AwardForm::StateAward),
    );
    let posted = take(&db, "chair", &n.id, Step::PostForComment, None).unwrap();
    assert_eq!(posted.status, State::PostedForComment);
    let closes = posted.outcome.unwrap().comment_closes_on.unwrap();
    let e = take(&db, "chair", &n.id, Step::Forward, None).unwrap_err();
    assert_eq!(e.code.as_str(), "comment_window_open");
    // After the window.
    db.now = closes
        .succ_opt()
        .unwrap()
        .and_hms_opt(3, 0, 0)
        .unwrap()
        .and_utc();
    let forwarded = take(&db, "chair", &n.id, Step::Forward, None).unwrap();
    assert_eq!(forwarded.status, State::ForwardedToCentral);
    let chair = db.ctx("chair");
    let mut s = NominationStep::new(Step::RecordStateAwarded, None);
    let e = db
        .tx(|c| nominations::take(c, &chair, &n.id, &s, IfMatch::Any))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "validation_failed");
    s.detail = StepDetail {
        decision_number: Some("1234/QĐ-CTN".into()),
        decided_on: Some(db.ctx("chair").today),
        submission_id: None,
    };
    let done = db
        .tx(|c| nominations::take(c, &chair, &n.id, &s, IfMatch::Any))
        .unwrap();
    assert_eq!(done.status, State::StateAwarded);
    assert_eq!(
        done.outcome.unwrap().central_decision_number.as_deref(),
        Some("1234/QĐ-CTN")
    );
}

#[test]
fn only_the_chair_takes_the_steps_after_appraisal() {
    let db = app_db_in_window();
    let n = approved(&db, new_person(&db, "Trần Văn An", AwardForm::StateAward));
    for who in [
        "unit_head",
        "dic_officer",
        "home_affairs_officer",
        "auditor",
    ] {
        let e = take(&db, who, &n.id, Step::PostForComment, None).unwrap_err();
        assert_eq!(e.code.as_str(), "forbidden", "{who}");
    }
}

#[test]
fn a_chair_step_in_the_wrong_state_or_on_a_stale_version_is_refused() {
    let db = app_db_in_window();
    let merit = approved(
        &db,
        new_person(&db, "Lê Thị Bình", AwardForm::ProvincialMerit),
    );
    // Bằng khen is awarded by a decision, never posted for comment.
    let e = take(&db, "chair", &merit.id, Step::PostForComment, None).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(e.details.extra["current_state"], "approved");
    let n = approved(
        &db,
        new_person(&db, "Phạm Văn Cường", AwardForm::StateAward),
    );
    let e = take(&db, "chair", &n.id, Step::Forward, None).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    let chair = db.ctx("chair");
    let s = NominationStep::new(Step::PostForComment, None);
    let stale = IfMatch::Version(i64::from(n.version) - 1);
    let e = db
        .tx(|c| nominations::take(c, &chair, &n.id, &s, stale))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "stale_version");
}

#[test]
fn a_flagged_nominee_is_not_posted_but_may_be_closed() {
    let db = app_db_in_window();
    let mut input = new_person(&db, "Võ Thị Dung", AwardForm::StateAward);
    input.clean_record = false;
    let n = approved(&db, input);
    let e = take(&db, "chair", &n.id, Step::PostForComment, None).unwrap_err();
    assert_eq!(e.code.as_str(), "nominee_flagged");
    assert_eq!(e.details.extra["nomination_id"], n.id.as_str());
    let closed = take(
        &db,
        "chair",
        &n.id,
        Step::CloseNotAwarded,
        Some("Có khiếu nại."),
    )
    .unwrap();
    assert_eq!(closed.status, State::NotAwarded);
    assert_eq!(
        closed.outcome.unwrap().not_awarded_reason.as_deref(),
        Some("Có khiếu nại.")
    );
}
