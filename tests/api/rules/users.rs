//! Use-case tests of `app::users`, on a fresh demo database, without HTTP.

use crate::helpers::app_db;
use thidua::app::identity;
use thidua::auth::tokens::Subject;
use thidua::auth::Role;

#[test]
fn a_token_names_an_active_user_whose_roles_are_read_from_the_database() {
    let db = app_db();
    for (username, role) in [
        ("unit_officer", Role::UnitOfficer),
        ("dic_officer", Role::DicOfficer),
        ("chair", Role::Chair),
    ] {
        let ctx = db.ctx(username);
        assert_eq!(ctx.actor.username, username);
        assert_eq!(ctx.actor.roles, vec![role]);
    }
    let mut conn = db.conn();
    let unknown = identity::actor(&mut conn, &Subject::Username("ai-do".into())).unwrap_err();
    assert_eq!(unknown.code.as_str(), "invalid_token");
}
