//! Use-case tests of `app::organisation`, on a fresh demo database, without HTTP.

use crate::helpers::app_db;
use thidua::app::organisation::groups::{self, GroupChanges, GroupKind, GroupQuery, NewGroup};
use thidua::app::organisation::units::{self, NewUnit, UnitChanges, UnitKind, UnitQuery};
use thidua::app::version::IfMatch;

fn new_group(code: &str) -> NewGroup {
    NewGroup {
        code: code.into(),
        name: format!("Khối {code}"),
        kind: GroupKind::Bloc,
        description: String::new(),
    }
}

fn new_unit(code: &str, group_id: Option<String>) -> NewUnit {
    NewUnit {
        code: code.into(),
        name: format!("Đơn vị {code}"),
        kind: UnitKind::Department,
        group_id,
        valid_from: None,
        valid_to: None,
        successor_id: None,
        women_share_percent: None,
        parent_id: None,
    }
}

#[test]
fn admins_create_and_change_groups_and_others_only_read_them() {
    let db = app_db();
    let admin = db.ctx("admin");
    let group = db
        .tx(|conn| groups::create(conn, &admin, new_group("KHOI-MOI")))
        .unwrap();
    assert_eq!((group.kind, group.version), (GroupKind::Bloc, 1));
    for role in ["unit_head", "dic_officer", "auditor"] {
        let ctx = db.ctx(role);
        let err = db
            .tx(|conn| groups::create(conn, &ctx, new_group("KHOI-KHAC")))
            .unwrap_err();
        assert_eq!(err.code.as_str(), "forbidden", "{role}");
        let read = db.tx(|conn| groups::get(conn, &ctx, &group.id)).unwrap();
        assert_eq!(read.code, "KHOI-MOI");
    }
    // A duplicate code is refused; a wrong version is stale; the right one changes it.
    let dup = db
        .tx(|conn| groups::create(conn, &admin, new_group("KHOI-MOI")))
        .unwrap_err();
    assert_eq!(dup.code.as_str(), "already_exists");
    let change = || GroupChanges {
        kind: Some(GroupKind::Cluster),
        ..Default::default()
    };
    let stale = db
        .tx(|conn| groups::update(conn, &admin, &group.id, change(), IfMatch::Version(7)))
        .unwrap_err();
    assert_eq!(stale.code.as_str(), "stale_version");
    let changed = db
        .tx(|conn| groups::update(conn, &admin, &group.id, change(), IfMatch::Version(1)))
        .unwrap();
    assert_eq!((changed.kind, changed.version), (GroupKind::Cluster, 2));
    let clusters = db
        .tx(|conn| {
            groups::list(
                conn,
                &db.ctx("unit_officer"),
                GroupQuery {
                    kind: Some(GroupKind::Cluster),
                    q: Some("khoi-moi".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(clusters.items.len(), 1);
    // A bad body is refused before the precondition.
    let bad = db
        .tx(|conn| {
            let ch = GroupChanges {
                code: Some("không hợp lệ".into()),
                ..Default::default()
            };
            groups::update(conn, &admin, &group.id, ch, IfMatch::Version(99))
        })
        .unwrap_err();
    assert_eq!(bad.code.as_str(), "validation_failed");
}

#[test]
fn units_name_an_existing_group_and_successor_and_record_reorganisations() {
    let db = app_db();
    let admin = db.ctx("admin");
    let missing = db
        .tx(|conn| units::create(conn, &admin, new_unit("DV-1", Some("no-such-group".into()))))
        .unwrap_err();
    assert_eq!(missing.code.as_str(), "validation_failed");
    assert!(missing.details.errors.contains_key("group_id"));
    let old = db
        .tx(|conn| units::create(conn, &admin, new_unit("DV-CU", None)))
        .unwrap();
    assert_eq!(old.valid_from, admin.today, "valid_from defaults to today");
    let new = db
        .tx(|conn| units::create(conn, &admin, new_unit("DV-MOI", None)))
        .unwrap();
    // A successor needs the last day.
    let no_end = db
        .tx(|conn| {
            let ch = UnitChanges {
                successor_id: Some(Some(new.id.clone())),
                ..Default::default()
            };
            units::update(conn, &admin, &old.id, ch, IfMatch::Any)
        })
        .unwrap_err();
    assert!(no_end.details.errors.contains_key("valid_to"));
    let merged = db
        .tx(|conn| {
            let ch = UnitChanges {
                successor_id: Some(Some(new.id.clone())),
                valid_to: Some(Some(admin.today)),
                ..Default::default()
            };
            units::update(conn, &admin, &old.id, ch, IfMatch::Version(1))
        })
        .unwrap();
    assert_eq!(merged.successor_id.as_deref(), Some(new.id.as_str()));
    let head = db.ctx("unit_head");
    let refused = db
        .tx(|conn| units::update(conn, &head, &new.id, UnitChanges::default(), IfMatch::Any))
        .unwrap_err();
    assert_eq!(refused.code.as_str(), "forbidden");
    let tomorrow = admin.today.succ_opt().unwrap();
    let existing = db
        .tx(|conn| {
            units::list(
                conn,
                &head,
                UnitQuery {
                    q: Some("DV-".into()),
                    active_on: Some(tomorrow),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let codes: Vec<&str> = existing.items.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(
        codes,
        ["DV-MOI"],
        "the merged unit no longer exists tomorrow"
    );
}
