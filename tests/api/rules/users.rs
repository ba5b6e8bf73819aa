//! Use-case tests of `app::users` and `app::sessions`, on a fresh demo database,
//! without HTTP.

use crate::helpers::{app_db, DEMO_PASSWORD};
use thidua::app::identity;
use thidua::app::sessions;
use thidua::app::users::{self, NewUser, UserChanges, UserQuery};
use thidua::app::version::IfMatch;
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

fn new_user(username: &str, unit_id: &str) -> NewUser {
    NewUser {
        username: username.into(),
        full_name: "Người Kiểm Thử".into(),
        unit_id: unit_id.into(),
        roles: vec![Role::UnitOfficer, Role::UnitHead, Role::UnitOfficer],
        password: "một-mật-khẩu-dài".into(),
    }
}

#[test]
fn accounts_are_checked_before_hashing_and_managed_by_admins_only() {
    let db = app_db();
    let admin = db.ctx("admin");
    let unit_id = admin.actor.unit_id.clone();
    let mut short = new_user("x", &unit_id);
    short.password = "ngắn".into();
    short.roles.clear();
    let err = users::prepare(short).unwrap_err();
    for field in ["username", "roles", "password"] {
        assert!(err.details.errors.contains_key(field), "{field}");
    }
    let account = users::prepare(new_user("canbo.moi", &unit_id)).unwrap();
    assert!(account.password_hash.starts_with("$argon2id$"));
    let head = db.ctx("unit_head");
    let refused = db
        .tx(|conn| users::create(conn, &head, account.clone()))
        .unwrap_err();
    assert_eq!(refused.code.as_str(), "forbidden");
    let user = db
        .tx(|conn| users::create(conn, &admin, account.clone()))
        .unwrap();
    assert_eq!(
        user.roles,
        [Role::UnitOfficer, Role::UnitHead],
        "sorted, no repeats"
    );
    let dup = db
        .tx(|conn| users::create(conn, &admin, account.clone()))
        .unwrap_err();
    assert_eq!(dup.code.as_str(), "already_exists");
    let mut elsewhere = account;
    elsewhere.username = "canbo.khac".into();
    elsewhere.unit_id = "no-such-unit".into();
    let err = db
        .tx(|conn| users::create(conn, &admin, elsewhere))
        .unwrap_err();
    assert!(err.details.errors.contains_key("unit_id"));
    // Auditors read accounts; unit heads do not.
    let auditor = db.ctx("auditor");
    let page = db
        .tx(|conn| {
            users::list(
                conn,
                &auditor,
                UserQuery {
                    role: Some(Role::UnitHead),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let names: Vec<&str> = page.items.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["canbo.moi", "unit_head"]);
    let err = db.tx(|conn| users::get(conn, &head, &user.id)).unwrap_err();
    assert_eq!(err.code.as_str(), "forbidden");
    // Stale versions and self-lockout are refused.
    let stale = db
        .tx(|conn| users::deactivate(conn, &admin, &user.id, IfMatch::Version(5)))
        .unwrap_err();
    assert_eq!(stale.code.as_str(), "stale_version");
    let own = db
        .tx(|conn| users::deactivate(conn, &admin, &admin.actor.user_id, IfMatch::Any))
        .unwrap_err();
    assert_eq!(own.code.as_str(), "conflict");
    let demote = users::prepare_changes(UserChanges {
        roles: Some(vec![Role::Auditor]),
        ..Default::default()
    })
    .unwrap();
    let own = db
        .tx(|conn| users::update(conn, &admin, &admin.actor.user_id, demote, IfMatch::Any))
        .unwrap_err();
    assert_eq!(own.code.as_str(), "conflict");
    let off = db
        .tx(|conn| users::deactivate(conn, &admin, &user.id, IfMatch::Version(1)))
        .unwrap();
    assert!(!off.active);
    assert_eq!(off.version, 2);
}

#[test]
fn a_login_verifies_the_password_between_two_connections() {
    let db = app_db();
    let settings = crate::helpers::settings_for("sqlite://unused.db", &[]);
    let tokens =
        thidua::auth::tokens::TokenService::new(&settings, crate::helpers::SECRET).unwrap();
    let limits = sessions::LoginLimits {
        window_seconds: 60,
        max_failures_per_pair: 2,
        max_failures_per_user: 20,
        max_failures_per_address: 100,
        max_delay_seconds: 300,
        known_address_days: 30,
    };
    let attempt = |username: &str, pw: &str| {
        let mut conn = db.conn();
        let a = sessions::begin_login(&mut conn, &limits, username, "10.0.0.1")?;
        drop(conn);
        let verified = a.verify(pw);
        let mut conn = db.conn();
        sessions::finish_login(&mut conn, &tokens, a, verified, None)
    };
    let pair = attempt("unit_head", DEMO_PASSWORD).unwrap();
    assert_eq!(pair.token_type, "Bearer");
    assert_eq!(
        tokens.verify_access(&pair.access_token).unwrap(),
        Subject::UserId(db.ctx("unit_head").actor.user_id)
    );
    for (user, pw) in [
        ("unit_head", "sai-mật-khẩu"),
        ("ai-do-khong-co", DEMO_PASSWORD),
    ] {
        let err = attempt(user, pw).unwrap_err();
        assert_eq!(err.code.as_str(), "invalid_credentials");
    }
    // The second failure of the (username, address) pair locks it, even with the right
    // password.
    assert_eq!(
        attempt("unit_head", "lại-sai-rồi")
            .unwrap_err()
            .code
            .as_str(),
        "invalid_credentials"
    );
    let locked = attempt("unit_head", DEMO_PASSWORD).unwrap_err();
    assert_eq!(locked.code.as_str(), "rate_limited");
    // A refresh token works once; the second use is refused and revokes the login.
    let mut conn = db.conn();
    let refreshed = thidua::app::in_transaction(&mut conn, |conn| {
        sessions::refresh(conn, &tokens, &pair.refresh_token, None)
    })
    .unwrap();
    assert!(matches!(refreshed, sessions::Refreshed::Issued(_)));
    let again = thidua::app::in_transaction(&mut conn, |conn| {
        sessions::refresh(conn, &tokens, &pair.refresh_token, None)
    })
    .unwrap();
    let sessions::Refreshed::Reused { family } = again else {
        panic!("a reused refresh token was accepted");
    };
    let err = sessions::revoke_reused(&mut conn, &family).unwrap_err();
    assert_eq!(err.code.as_str(), "refresh_token_reused");
}
