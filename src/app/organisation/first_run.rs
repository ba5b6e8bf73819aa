//! The first run on an empty database (`thidua init`): the first unit and its first
//! admin, without the demo data. Nobody is signed in yet, so there is no actor to
//! authorise; the rule is instead that no admin exists. The unit and the account pass
//! the same checks as `POST /units` and `POST /users`, in one transaction, audited as
//! `cli`.

use super::units::{self, NewUnit, Unit, UnitKind};
use crate::app::audit::audit_created;
use crate::app::users::{self, NewUser, User};
use crate::auth::Role;
use crate::db::repo::{audit, organisation, users as user_repo};
use crate::db::DbConnection;
use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};

/// What the operator asked for.
#[derive(Debug, Clone)]
pub struct FirstRun {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub admin_username: String,
    pub admin_full_name: Option<String>,
    pub password: String,
}

/// The checked account, its password hashed (slow: done before the transaction).
pub struct Prepared {
    unit: NewUnit,
    account: users::NewAccount,
}

#[derive(Debug, thiserror::Error)]
pub enum FirstRunError {
    #[error("the database has an admin already ({0}); add accounts with `thidua user create` or the API")]
    AdminExists(String),
    #[error("a unit with code '{0}' exists already; give its first admin with `thidua user create --role admin --unit {0}`")]
    UnitExists(String),
    /// Field → messages, named as the command's flags.
    #[error("{}", invalid_text(.0))]
    Invalid(Vec<(String, String)>),
    #[error(transparent)]
    Failed(ApiError),
}

fn invalid_text(errors: &[(String, String)]) -> String {
    errors
        .iter()
        .map(|(f, m)| format!("{f}: {m}"))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<ApiError> for FirstRunError {
    fn from(e: ApiError) -> Self {
        if e.details.errors.is_empty() {
            return Self::Failed(e);
        }
        fn flag(field: &str) -> &str {
            match field {
                "code" => "--unit-code",
                "name" => "--unit-name",
                "username" => "--admin-username",
                "full_name" => "--admin-full-name",
                "password" => "password",
                other => other,
            }
        }
        Self::Invalid(
            e.details
                .errors
                .iter()
                .flat_map(|(f, ms)| ms.iter().map(move |m| (flag(f).to_string(), m.en.clone())))
                .collect(),
        )
    }
}

impl From<diesel::result::Error> for FirstRunError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Failed(e.into())
    }
}

/// Checks the account and hashes its password, holding no connection.
pub fn prepare(input: FirstRun) -> Result<Prepared, FirstRunError> {
    let full_name = input
        .admin_full_name
        .unwrap_or_else(|| input.admin_username.trim().to_string());
    let account = users::prepare(NewUser {
        username: input.admin_username,
        full_name,
        // Known once the unit is stored.
        unit_id: String::new(),
        roles: vec![Role::Admin],
        password: input.password,
    })?;
    Ok(Prepared {
        unit: NewUnit {
            code: input.unit_code,
            name: input.unit_name,
            kind: input.unit_kind,
            group_id: None,
            valid_from: None,
            valid_to: None,
            successor_id: None,
            women_share_percent: None,
            parent_id: None,
        },
        account,
    })
}

/// Stores the first unit and its admin (call in one transaction, `app::in_transaction`).
pub fn init(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    today: NaiveDate,
    p: Prepared,
) -> Result<(Unit, User), FirstRunError> {
    let admins = user_repo::list(
        conn,
        &user_repo::UserFilter {
            unit_id: None,
            role: Some(Role::Admin),
            active: None,
            after_username: None,
            limit: 1,
        },
    )?;
    if let Some(a) = admins.first() {
        return Err(FirstRunError::AdminExists(a.username.clone()));
    }
    let code = p.unit.code.trim().to_string();
    if organisation::find_unit_by_code(conn, &code)?.is_some() {
        return Err(FirstRunError::UnitExists(code));
    }
    if user_repo::find_by_username(conn, &p.account.username)?.is_some() {
        return Err(FirstRunError::Invalid(vec![(
            "--admin-username".into(),
            format!("'{}' exists already", p.account.username),
        )]));
    }
    let actor = audit::AuditActor {
        username: Some("cli".into()),
        ..Default::default()
    };
    let unit = units::insert(conn, now.naive_utc(), today, p.unit).map_err(|e| {
        // Two first runs at once: the unique code decides (the other one stored it).
        if e.code == crate::error::ErrorCode::AlreadyExists {
            FirstRunError::UnitExists(code.clone())
        } else {
            e.into()
        }
    })?;
    audit_created(conn, &actor, "unit.create", "unit", &unit.id, &unit)?;
    let user = users::insert(
        conn,
        now.naive_utc(),
        users::NewAccount {
            unit_id: unit.id.clone(),
            ..p.account
        },
    )?;
    audit_created(conn, &actor, "user.create", "user", &user.id, &user)?;
    audit::record(
        conn,
        &actor,
        "service.init",
        "unit",
        &unit.id,
        &serde_json::json!({"unit": unit.code, "admin": user.username}),
    )?;
    Ok((unit, user))
}
