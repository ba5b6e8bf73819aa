//! Use-case tests of `app::dossier`, on a fresh demo database, without HTTP: files are
//! judged by content, added and removed while the nomination is editable (its version
//! moves), by its unit only, and frozen once submitted.

use crate::fixtures::*;
use thidua::app::dossier::{self, Upload};
use thidua::app::nominations;
use thidua::domain::award::{AwardForm, DocumentKind};

#[test]
fn the_unit_adds_lists_and_removes_files_while_a_draft() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Nguyễn Thị Hoa", AwardForm::ProvincialMerit),
    );
    add_file(&db, &n.id, DocumentKind::ProposalLetter).unwrap();
    add_file(&db, &n.id, DocumentKind::CouncilMinutes).unwrap();
    let officer = db.ctx("unit_officer");
    let listed = db.tx(|c| dossier::list(c, &officer, &n.id, false)).unwrap();
    assert_eq!(listed.items.len(), 2);
    let read = db.tx(|c| nominations::get(c, &officer, &n.id)).unwrap();
    assert_eq!(read.version, 3);
    assert_eq!(read.dossier.as_ref().unwrap().documents, 2);
    let first = listed.items[0].id.clone();
    let file = db
        .tx(|c| dossier::download(c, &officer, &n.id, &first))
        .unwrap();
    assert_eq!(file.content, PDF);
    db.tx(|c| dossier::remove(c, &officer, &n.id, &first))
        .unwrap();
    let e = db
        .tx(|c| dossier::remove(c, &officer, &n.id, &first))
        .unwrap_err();
    assert_eq!(e.code.as_str(), "not_found");
    assert_eq!(
        db.tx(|c| dossier::list(c, &officer, &n.id, true))
            .unwrap()
            .items
            .len(),
        2
    );
    assert_eq!(
        db.tx(|c| dossier::list(c, &officer, &n.id, false))
            .unwrap()
            .items
            .len(),
        1
    );
}

#[test]
fn files_are_judged_by_their_content_and_name() {
    let up = |kind, name: &str, bytes: &[u8]| Upload {
        kind,
        file_name: Some(name.into()),
        bytes: bytes.to_vec(),
    };
    let e = dossier::check_file(up(Some(DocumentKind::Other), "a.pdf", b"plain text")).unwrap_err();
    assert_eq!(e.code.as_str(), "unsupported_media_type");
    let e = dossier::check_file(up(Some(DocumentKind::Other), "a.png", PDF)).unwrap_err();
    assert_eq!(e.code.as_str(), "unsupported_media_type");
    let e = dossier::check_file(up(None, "a.pdf", PDF)).unwrap_err();
    assert_eq!(e.code.as_str(), "validation_failed");
    let e = dossier::check_file(up(Some(DocumentKind::Other), "a.pdf", b"")).unwrap_err();
    assert_eq!(e.code.as_str(), "validation_failed");
    assert!(dossier::check_file(up(Some(DocumentKind::Other), "Tờ trình.pdf", PDF)).is_ok());
}

#[test]
fn only_the_unit_changes_the_dossier_and_only_while_editable() {
    let db = app_db_in_window();
    let n = drafted(
        &db,
        new_person(&db, "Trần Văn An", AwardForm::ProvincialMerit),
    );
    // Reviewers do not see a draft; once submitted they see it but may not change it.
    let dic = db.ctx("dic_officer");
    let e = db.tx(|c| dossier::changeable(c, &dic, &n.id)).unwrap_err();
    assert_eq!(e.code.as_str(), "not_found");
    complete_dossier(&db, &n.id);
    take(
        &db,
        "unit_head",
        &n.id,
        thidua::domain::nomination::Step::Submit,
        None,
    )
    .unwrap();
    let e = db.tx(|c| dossier::changeable(c, &dic, &n.id)).unwrap_err();
    assert_eq!(e.code.as_str(), "forbidden");
    // Frozen once submitted, for the unit too.
    let e = add_file(&db, &n.id, DocumentKind::Other).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_state");
    assert_eq!(e.details.extra["current_state"], "submitted");
    assert_eq!(
        db.tx(|c| dossier::list(c, &dic, &n.id, false))
            .unwrap()
            .items
            .len(),
        6
    );
}
