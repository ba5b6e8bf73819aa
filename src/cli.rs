//! The one-shot commands of the `thidua` binary (a module of the binary, not of the
//! library): migrate, seed, init, user create, rekey, personal-data anonymise.

use diesel::Connection;
use std::io::{IsTerminal, Write};
use thidua::app::organisation::first_run;
use thidua::app::users;
use thidua::auth::{password, Role};
use thidua::config::Settings;
use thidua::db::models::now;
use thidua::{prepare_state, seed};

/// The state of a one-shot command: one connection, taken before the command runs, so
/// no pool thread is still connecting (libpq in OpenSSL) when the process exits —
/// OpenSSL's exit handler racing such a thread crashed `thidua init` now and then.
pub fn one_shot_state(
    mut settings: Settings,
) -> anyhow::Result<actix_web::web::Data<thidua::AppState>> {
    settings.db_pool_size = 1;
    prepare_state(settings, true)
}

pub fn migrate(settings: Settings) -> anyhow::Result<()> {
    let state = one_shot_state(settings)?;
    drop(state);
    println!("migrations are up to date");
    Ok(())
}

pub fn seed_demo(settings: Settings) -> anyhow::Result<()> {
    let demo_password = settings.demo_password.clone();
    let state = one_shot_state(settings)?;
    let mut conn = state.pool.get()?;
    let outcome = seed::load_demo(
        &mut conn,
        demo_password.as_deref(),
        state.clock.now(),
        state.today(),
    )?;
    print_demo(&outcome);
    Ok(())
}

pub fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("THIDUA_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("set THIDUA_PASSWORD (no terminal to ask on)");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Password again: ")?;
    if first != second {
        anyhow::bail!("the passwords differ");
    }
    Ok(first)
}

pub fn create_user(
    settings: Settings,
    username: String,
    roles: Vec<Role>,
    unit_code: String,
    full_name: Option<String>,
) -> anyhow::Result<()> {
    let username = username.trim().to_string();
    if !users::valid_username(&username) {
        anyhow::bail!("--username: 3 to 64 characters: a-z, 0-9, '.', '_', '-'");
    }
    let pw = read_password()?;
    if pw.chars().count() < password::MIN_PASSWORD_CHARS {
        anyhow::bail!(
            "the password needs at least {} characters",
            password::MIN_PASSWORD_CHARS
        );
    }
    let password_hash = users::hash_password(&pw)?;
    let state = one_shot_state(settings)?;
    let mut conn = state.pool.get()?;
    let account = users::Provision {
        username,
        full_name,
        unit_code: unit_code.clone(),
        roles,
        password_hash,
    };
    let user = conn
        .transaction(|conn| {
            thidua::db::take_write_lock(conn)?;
            users::provision(conn, now(), account)
        })
        .map_err(|e| match e {
            users::ProvisionError::UnknownUnit(_) => anyhow::anyhow!(
                "--unit: {e} (on an empty database, `thidua init` creates the first unit and its admin)"
            ),
            users::ProvisionError::UsernameTaken(_) => anyhow::anyhow!("--username: {e}"),
            users::ProvisionError::Failed(e) => anyhow::Error::new(e),
        })?;
    println!(
        "created user {} ({}) in unit {}",
        user.username,
        Role::join(&user.roles),
        unit_code
    );
    Ok(())
}

pub fn anonymise_personal_data(settings: Settings, dry_run: bool) -> anyhow::Result<()> {
    use thidua::app::personal_data::{anonymise, RetentionRun};
    let retention_days = settings.personal_data_retention_days;
    let state = one_shot_state(settings)?;
    let mut conn = state.pool.get()?;
    let run = RetentionRun::new(state.clock.now(), retention_days, dry_run, "cli");
    let report = anonymise(&mut conn, &run).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

pub fn rekey(settings: Settings, dry_run: bool) -> anyhow::Result<()> {
    use thidua::app::nominations::rekey;
    let state = one_shot_state(settings)?;
    let mut conn = state.pool.get()?;
    let report = conn.transaction(|conn| {
        thidua::db::take_write_lock(conn)?;
        rekey::rekey(conn, !dry_run).map_err(|e| anyhow::anyhow!("{}", e.code.as_str()))
    })?;
    let verb = if dry_run { "would rekey" } else { "rekeyed" };
    println!(
        "{verb} {} nominations and {} Giấy khen",
        report.nominations_rekeyed, report.unit_awards_rekeyed
    );
    for (resource, id, other) in &report.conflicts {
        println!("left as it was: {resource} {id} is the same nominee as {other} (a look-alike duplicate: withdraw or correct one)");
    }
    Ok(())
}

pub fn init(settings: Settings, mut input: first_run::FirstRun) -> anyhow::Result<()> {
    input.password = read_password()?;
    // Checked and hashed before the database is touched: a bad flag changes nothing.
    let prepared = first_run::prepare(input)?;
    let state = one_shot_state(settings)?;
    let mut conn = state.pool.get()?;
    let (now, today) = (state.clock.now(), state.today());
    let (unit, user) = conn.transaction(|conn| {
        thidua::db::take_write_lock(conn)?;
        first_run::init(conn, now, today, prepared)
    })?;
    println!(
        "created unit {} ({}, {}) and its admin {}",
        unit.code, unit.name, unit.kind, user.username
    );
    println!(
        "next: serve (`thidua serve`), sign in as {} at POST /api/v1/auth/token, then add groups, units, users and movements",
        user.username
    );
    Ok(())
}

pub fn print_demo(outcome: &seed::DemoOutcome) {
    println!("Demo data loaded: the plan 207/KH-UBND of Đồng Tháp and its units.");
    println!("Demo accounts (username = role):");
    for a in &outcome.accounts {
        println!("  {:<22} unit {}", a.username, a.unit_code);
    }
    if outcome.generated_password {
        println!("Password of every demo account (shown once; set THIDUA_DEMO_PASSWORD to choose it): {}", outcome.password);
    } else {
        println!("Password of every demo account: the value of THIDUA_DEMO_PASSWORD");
    }
    if let Some((code, closes)) = &outcome.open_round {
        println!("Open for nominations: round {code} until {closes}.");
    }
    let _ = std::io::stdout().flush();
}
