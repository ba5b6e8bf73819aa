//! The `thidua` command: serve (default), migrate, init, openapi, seed, user.

use actix_web::HttpServer;
use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use thidua::app::organisation::first_run;
use thidua::app::organisation::units::UnitKind;
use thidua::auth::Role;
use thidua::config::Settings;
use thidua::{build_app, prepare_state, seed};

mod cli;
use cli::{anonymise_personal_data, create_user, init, migrate, print_demo, rekey, seed_demo};

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Emulation movements of a Vietnamese province, from plan to award (JSON API)"
)]
#[command(after_help = "Configuration comes from THIDUA_* environment variables; see README.md.")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    /// `thidua --demo` is `thidua serve --demo`.
    #[command(flatten)]
    serve: ServeArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Args, Clone, Copy, Default)]
struct ServeArgs {
    /// Load the demo data when the database is empty, and print the demo accounts.
    #[arg(long)]
    demo: bool,
    /// Do not apply migrations first.
    #[arg(long)]
    no_migrate: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the API (the default).
    Serve(ServeArgs),
    /// Apply pending migrations and exit.
    Migrate,
    /// First run without demo data: apply migrations, create the first unit and its
    /// admin. Refused when the database has an admin already. The password comes from
    /// THIDUA_PASSWORD or, on a terminal, a prompt.
    Init {
        /// The unit's code, e.g. VPUBND.
        #[arg(long)]
        unit_code: String,
        /// The unit's name, e.g. "Văn phòng UBND tỉnh".
        #[arg(long)]
        unit_name: String,
        /// department, locality, central_agency, enterprise, organisation or mass_organisation.
        #[arg(long, default_value = "department", value_parser = parse_unit_kind)]
        unit_kind: UnitKind,
        /// The admin's username (a-z, 0-9, '.', '_', '-').
        #[arg(long)]
        admin_username: String,
        #[arg(long)]
        admin_full_name: Option<String>,
    },
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
    /// Compute the stored nominee keys again (once after an upgrade that changes them).
    Rekey {
        /// Report what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Nominees' personal data (see README, "Personal data").
    PersonalData {
        #[command(subcommand)]
        command: PersonalDataCommand,
    },
}

#[derive(Subcommand)]
enum PersonalDataCommand {
    /// Anonymise the personal data of withdrawn, returned-and-abandoned and unawarded
    /// nominations whose last step is older than THIDUA_PERSONAL_DATA_RETENTION_DAYS;
    /// prints what was done as JSON.
    Anonymise {
        /// List what would be anonymised; change nothing.
        #[arg(long)]
        dry_run: bool,
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

fn parse_unit_kind(s: &str) -> Result<UnitKind, String> {
    UnitKind::parse(s).ok_or_else(|| {
        let all: Vec<&str> = UnitKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown unit kind '{s}'; one of: {}", all.join(", "))
    })
}

/// Exit codes (README, "Command line"): 0 done; 1 failed or refused (database
/// unreachable, address in use, data already there); 2 wrong flags or settings.
const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

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
            return ExitCode::from(EXIT_USAGE);
        }
    };
    thidua::telemetry::init(&settings.log_filter, settings.log_format);
    let result = match cli.command.unwrap_or(Command::Serve(cli.serve)) {
        Command::Serve(ServeArgs { demo, no_migrate }) => serve(settings, demo, !no_migrate),
        Command::Migrate => migrate(settings),
        Command::Init {
            unit_code,
            unit_name,
            unit_kind,
            admin_username,
            admin_full_name,
        } => init(
            settings,
            first_run::FirstRun {
                unit_code,
                unit_name,
                unit_kind,
                admin_username,
                admin_full_name,
                password: String::new(),
            },
        ),
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
        Command::Rekey { dry_run } => rekey(settings, dry_run),
        Command::Openapi => Ok(()),
        Command::PersonalData {
            command: PersonalDataCommand::Anonymise { dry_run },
        } => anonymise_personal_data(settings, dry_run),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thidua: {e:#}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

fn serve(settings: Settings, demo: bool, migrate: bool) -> anyhow::Result<()> {
    let demo_password = settings.demo_password.clone();
    let bind = settings.bind;
    let workers = settings.workers;
    // The address first: a port in use must be said before migrations run or
    // "listening" is logged. The server then listens on this very socket (std sets
    // SO_REUSEADDR, as actix does, so a restart beside connections in TIME_WAIT binds).
    let reserved = std::net::TcpListener::bind(bind).map_err(|e| {
        anyhow::anyhow!("THIDUA_BIND: cannot listen on {bind}: {e} (is another thidua or another service using it? set THIDUA_BIND to a free address)")
    })?;
    let connection = ConnectionLimits::of(&settings);
    let pool_size = settings.db_pool_size;
    let state = prepare_state(settings, migrate)?;
    if demo {
        let mut conn = state.pool.get()?;
        if seed::database_is_empty(&mut conn)? {
            let outcome = seed::load_demo(
                &mut conn,
                demo_password.as_deref(),
                state.clock.now(),
                state.today(),
            )?;
            print_demo(&outcome);
        } else {
            tracing::info!("--demo: the database already holds data; demo data not loaded");
        }
    }
    thidua::app::personal_data::schedule(
        state.pool.clone(),
        state.clock.clone(),
        state.settings.personal_data_retention_days,
        state.settings.personal_data_anonymise_interval_seconds,
    );
    tracing::info!(%bind, "thidua listening; docs at http://{bind}/docs/");
    // Workers as actix counts them by default, to share the instance's connection cap.
    let workers = workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    });
    // Database work runs on each worker's blocking threads: as many as the worker's share
    // of the pool (and one spare), not actix's default of 512 / workers, which under load
    // left dozens of threads waiting for a connection, each holding its own memory.
    let blocking_threads = (pool_size as usize).div_ceil(workers) + 1;
    let server = HttpServer::new(move || build_app(state.clone()))
        .workers(workers)
        .worker_max_blocking_threads(blocking_threads)
        .client_request_timeout(connection.request_head)
        .client_disconnect_timeout(connection.disconnect)
        .keep_alive(connection.keep_alive)
        .max_connections(connection.max.div_ceil(workers))
        .listen(reserved)?;
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
