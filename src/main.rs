//! The `thidua` command: serve (default), migrate, openapi, seed, user.

use actix_web::HttpServer;
use clap::{Parser, Subcommand, ValueEnum};
use diesel::Connection;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use thidua::app::users;
use thidua::auth::{password, Role};
use thidua::config::Settings;
use thidua::db::models::now;
use thidua::{build_app, prepare_state, seed};

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Emulation movements of a Vietnamese province, from plan to award (JSON API)"
)]
#[command(after_help = "Configuration comes from THIDUA_* environment variables; see README.md.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the API (the default).
    Serve {
        /// Load the demo data when the database is empty, and print the demo accounts.
        #[arg(long)]
        demo: bool,
        /// Do not apply migrations first.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Print the OpenAPI document (pretty JSON, stable order).
    Openapi,
    /// Load data into an empty database.
    Seed {
        #[arg(value_enum)]
        dataset: Dataset,
    },
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Dataset {
    /// The Đồng Tháp plan 207/KH-UBND, its units and one account per role.
    Demo,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password comes from THIDUA_PASSWORD or, on a terminal, a prompt.
    Create {
        #[arg(long)]
        username: String,
        /// A role (repeat or separate with commas for several).
        #[arg(long, value_delimiter = ',', required = true, value_parser = parse_role)]
        role: Vec<Role>,
        /// The code of the user's unit, e.g. STTTT.
        #[arg(long)]
        unit: String,
        #[arg(long)]
        full_name: Option<String>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        format!(
            "unknown role '{s}'; one of: {}",
            Role::ALL
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", thidua::openapi::document_json());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("thidua: {e}");
            return ExitCode::from(2);
        }
    };
    thidua::telemetry::init(&settings.log_filter, settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve {
        demo: false,
        no_migrate: false,
    }) {
        Command::Serve { demo, no_migrate } => serve(settings, demo, !no_migrate),
        Command::Migrate => migrate(settings),
        Command::Seed {
            dataset: Dataset::Demo,
        } => seed_demo(settings),
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    role,
                    unit,
                    full_name,
                },
        } => create_user(settings, username, role, unit, full_name),
        Command::Openapi => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thidua: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_demo(outcome: &seed::DemoOutcome) {
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
    let _ = std::io::stdout().flush();
}

fn serve(settings: Settings, demo: bool, migrate: bool) -> anyhow::Result<()> {
    let demo_password = settings.demo_password.clone();
    let bind = settings.bind;
    let workers = settings.workers;
    let connection = ConnectionLimits::of(&settings);
    let state = prepare_state(settings, migrate)?;
    if demo {
        let mut conn = state.pool.get()?;
        if seed::database_is_empty(&mut conn)? {
            let outcome = seed::load_demo(&mut conn, demo_password.as_deref())?;
            print_demo(&outcome);
        } else {
            tracing::info!("--demo: the database already holds data; demo data not loaded");
        }
    }
    tracing::info!(%bind, "thidua listening; docs at http://{bind}/docs/");
    // Workers as actix counts them by default, to share the instance's connection cap.
    let workers = workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    });
    let server = HttpServer::new(move || build_app(state.clone()))
        .workers(workers)
        .client_request_timeout(connection.request_head)
        .client_disconnect_timeout(connection.disconnect)
        .keep_alive(connection.keep_alive)
        .max_connections(connection.max.div_ceil(workers))
        .bind(bind)?;
    actix_web::rt::System::new().block_on(server.run())?;
    Ok(())
}

/// The HTTP server's connection settings (issue 9 item 11); the body deadline is the
/// app's own (`thidua::input::body`).
struct ConnectionLimits {
    request_head: std::time::Duration,
    disconnect: std::time::Duration,
    keep_alive: actix_web::http::KeepAlive,
    /// Per instance; actix counts per worker.
    max: usize,
}

impl ConnectionLimits {
    fn of(s: &Settings) -> Self {
        use std::time::Duration;
        Self {
            request_head: Duration::from_secs(s.client_request_timeout_seconds),
            disconnect: Duration::from_secs(s.client_disconnect_timeout_seconds),
            keep_alive: match s.keep_alive_seconds {
                0 => actix_web::http::KeepAlive::Disabled,
                n => actix_web::http::KeepAlive::Timeout(Duration::from_secs(n)),
            },
            max: s.max_connections,
        }
    }
}

fn migrate(settings: Settings) -> anyhow::Result<()> {
    let state = prepare_state(settings, true)?;
    drop(state);
    println!("migrations are up to date");
    Ok(())
}

fn seed_demo(settings: Settings) -> anyhow::Result<()> {
    let demo_password = settings.demo_password.clone();
    let state = prepare_state(settings, true)?;
    let mut conn = state.pool.get()?;
    let outcome = seed::load_demo(&mut conn, demo_password.as_deref())?;
    print_demo(&outcome);
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
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

fn create_user(
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
    let state = prepare_state(settings, true)?;
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
            users::ProvisionError::UnknownUnit(_) => anyhow::anyhow!("--unit: {e}"),
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
