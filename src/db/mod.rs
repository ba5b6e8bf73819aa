//! The database: one connection enum over PostgreSQL and SQLite, an r2d2 pool whose
//! manager picks the backend by URL scheme, and the embedded migrations of each backend.

pub mod models;
pub mod repo;
pub mod schema;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

/// Which backend a URL names: `postgres://…` / `postgresql://…` select PostgreSQL,
/// `sqlite://PATH` SQLite (`sqlite://data/thidua.db` is relative to the working
/// directory, `sqlite:///var/lib/thidua/thidua.db` absolute). Nothing else is taken for
/// a path: `not a url` would otherwise become a SQLite file of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Postgres(String),
    Sqlite(PathBuf),
}

const URL_FORMS: &str =
    "use sqlite://PATH (e.g. sqlite://data/thidua.db) or postgres://user:password@host:5432/db";

impl DatabaseTarget {
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err(format!("the database URL is empty; {URL_FORMS}"));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        let rest = url.strip_prefix("sqlite:").unwrap_or(url);
        // Each pooled connection would open its own empty in-memory database.
        if rest.trim_start_matches('/').starts_with(":memory:") || rest.contains("mode=memory") {
            return Err(
                "an in-memory SQLite database is not supported (each pooled connection would see its own empty database); use sqlite://PATH to a file".into(),
            );
        }
        let Some(path) = url.strip_prefix("sqlite://") else {
            return Err(format!("'{url}' is not a database URL; {URL_FORMS}"));
        };
        if path.is_empty() {
            return Err(format!("'{url}' names no file; {URL_FORMS}"));
        }
        // SQLite would read `file:` names and `?…` as URI parameters, not as a path.
        if path.starts_with("file:") || path.contains('?') {
            return Err(format!(
                "'{url}': URI parameters are not supported; use sqlite://PATH to a file"
            ));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot connect to the database of THIDUA_DATABASE_URL: {}", .0.to_string().trim_end())]
    Connection(diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    /// Shown once (r2d2's message carries its cause already; no `source` to repeat it).
    #[error("cannot create the pool: {0}")]
    Pool(r2d2::Error),
    #[error("THIDUA_DATABASE_URL: cannot create the folder {0} of the SQLite database: {1}")]
    Folder(String, std::io::Error),
    /// The path, with what SQLite said and a hint (SQLite's own message names neither).
    #[error("THIDUA_DATABASE_URL: cannot open the SQLite database {path}: {reason}")]
    SqliteOpen { path: String, reason: String },
    #[error("migrations failed: {0}")]
    Migration(String),
}

// By hand rather than `#[from]`: a `source` would print the cause a second time.
impl From<diesel::ConnectionError> for DbSetupError {
    fn from(e: diesel::ConnectionError) -> Self {
        Self::Connection(e)
    }
}

/// Statements sent to the database by a pool's connections (transaction control
/// included): `/metrics` shows it, and tests hold each request to its budget.
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Counts every statement a connection starts (diesel's instrumentation hook).
struct CountStatements(StatementCounter);

impl diesel::connection::Instrumentation for CountStatements {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        if let diesel::connection::InstrumentationEvent::StartQuery { query, .. } = event {
            // THIDUA_LOG=thidua::sql=trace shows each statement (formatted only then).
            tracing::trace!(target: "thidua::sql", "{query}");
            self.0 .0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Opens connections of the backend the URL names (never guessing: a wrong PostgreSQL
/// password must say so, not fall through to SQLite).
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    target: DatabaseTarget,
    statements: StatementCounter,
}

impl ConnectionManager {
    pub fn new(target: DatabaseTarget) -> Self {
        Self {
            target,
            statements: StatementCounter::default(),
        }
    }

    fn open(&self) -> Result<DbConnection, DbSetupError> {
        let mut conn = self.open_uncounted()?;
        conn.set_instrumentation(CountStatements(self.statements.clone()));
        Ok(conn)
    }

    fn open_uncounted(&self) -> Result<DbConnection, DbSetupError> {
        match &self.target {
            DatabaseTarget::Postgres(url) => {
                let mut conn = diesel::PgConnection::establish(url)?;
                // Cost random reads as on SSD, so the keyset lists use their filter's
                // index (bench/) — unless the operator chose otherwise (ALTER
                // DATABASE/ROLE … SET), which stands. Statements are planned as
                // PostgreSQL decides (cached generic plans save ~0.1–0.3 ms each); the
                // nomination lists, whose best plan depends on their values, opt out
                // with `planned_for_its_values`.
                conn.batch_execute(
                    "DO $$ BEGIN \
                       IF current_setting('random_page_cost') = '4' THEN \
                         PERFORM set_config('random_page_cost', '1.1', false); \
                       END IF; \
                     END $$;",
                )?;
                Ok(DbConnection::Postgresql(conn))
            }
            DatabaseTarget::Sqlite(path) => {
                let mut conn = open_sqlite(path)?;
                // Per connection: integrity and waiting instead of failing on a busy file.
                conn.batch_execute(
                    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                )?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = DbSetupError;

    fn connect(&self) -> Result<DbConnection, DbSetupError> {
        self.open()
    }

    /// Not asked by the pool: checkouts are not pinged (`test_on_check_out(false)`, a
    /// statement per request saved). A
    /// connection that died while idle fails its next statement; libpq then reports an
    /// unknown transaction status, diesel marks it broken and `has_broken` drops it.
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), DbSetupError> {
        conn.batch_execute("SELECT 1")?;
        Ok(())
    }

    /// A connection given back while a thread panics may sit inside an open transaction
    /// (diesel rolls back on errors, not on panics); one that diesel saw break (a failed
    /// commit or rollback) is not to be reused either. Both are dropped, as diesel's
    /// own r2d2 manager does.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}

/// Opens a SQLite file; a failure names the path (SQLite's message names nothing).
fn open_sqlite(path: &Path) -> Result<diesel::SqliteConnection, DbSetupError> {
    diesel::SqliteConnection::establish(&path.to_string_lossy())
        .map_err(|e| sqlite_error(path, &e.to_string()))
}

/// What went wrong opening `path`, with the likely cause.
fn sqlite_error(path: &Path, sqlite_says: &str) -> DbSetupError {
    let shown = match std::path::absolute(path) {
        Ok(abs) if abs != path => format!("{} ({})", path.display(), abs.display()),
        _ => path.display().to_string(),
    };
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let hint = if path.is_dir() {
        "it is a folder, not a file".to_string()
    } else if !folder.is_dir() {
        format!("the folder {} does not exist", folder.display())
    } else if std::fs::metadata(folder).is_ok_and(|m| m.permissions().readonly())
        || (!path.exists() && !writable(folder))
    {
        format!("this user may not create files in {}", folder.display())
    } else if path.exists() && std::fs::File::open(path).is_err() {
        "this user may not read it".to_string()
    } else {
        "check that this user may read and write it and its folder".to_string()
    };
    let says = sqlite_says.trim().trim_end_matches('.').to_lowercase();
    DbSetupError::SqliteOpen {
        path: shown,
        reason: format!("{says}: {hint}"),
    }
}

/// Whether a file can be created in `dir` (tried, since permissions alone do not say
/// for root, ACLs or read-only mounts).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".thidua-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// Builds the pool. For SQLite the folder is created and WAL set once, before the pool
/// exists (setting it on every checkout gave "database is locked").
pub fn build_pool(
    target: &DatabaseTarget,
    max_size: u32,
    connect_timeout: Duration,
) -> Result<DbPool, DbSetupError> {
    build_counted_pool(target, max_size, connect_timeout).map(|(pool, _)| pool)
}

/// [`build_pool`], with the counter of the statements its connections send.
pub fn build_counted_pool(
    target: &DatabaseTarget,
    max_size: u32,
    connect_timeout: Duration,
) -> Result<(DbPool, StatementCounter), DbSetupError> {
    if let DatabaseTarget::Sqlite(path) = target {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbSetupError::Folder(dir.display().to_string(), e))?;
        }
        let mut conn = open_sqlite(path)?;
        conn.batch_execute("PRAGMA journal_mode = WAL;")
            .map_err(|e| sqlite_error(path, &e.to_string()))?;
    }
    // One connection first, so a wrong URL, password or host is said at once and once,
    // not after the pool's timeout with a log line per retry.
    ConnectionManager::new(target.clone()).open_uncounted()?;
    let manager = ConnectionManager::new(target.clone());
    let statements = manager.statements.clone();
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .test_on_check_out(false)
        .connection_timeout(connect_timeout)
        .build(manager)
        .map_err(DbSetupError::Pool)?;
    Ok((pool, statements))
}

/// Applies pending migrations; returns the names of those applied.
pub fn run_migrations(conn: &mut DbConnection) -> Result<Vec<String>, DbSetupError> {
    let applied = match conn {
        DbConnection::Postgresql(c) => c.run_pending_migrations(PG_MIGRATIONS),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| DbSetupError::Migration(e.to_string()))?;
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Reverts every applied migration (tests: up → down → up).
pub fn revert_all_migrations(conn: &mut DbConnection) -> Result<(), DbSetupError> {
    match conn {
        DbConnection::Postgresql(c) => c.revert_all_migrations(PG_MIGRATIONS).map(|_| ()),
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|_| ()),
    }
    .map_err(|e| DbSetupError::Migration(e.to_string()))
}

/// An always-true condition that keeps its statement out of diesel's prepared-statement
/// cache (a SQL literal is never cached), so PostgreSQL plans it for its values on every
/// run. For the nomination lists: a generic plan made for one caller's values (an
/// admin's list) walked the whole table for another's (a unit's `q=`), the data being
/// skewed (an open round's nominations sit together at the end of the id order).
pub fn planned_for_its_values() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql("1 = 1")
}

/// On SQLite, takes the database's write lock as the transaction's first statement.
/// A deferred transaction that read first and writes later would, under WAL, fail at
/// once with "database is locked" when another writer got in between; taking the lock
/// first makes it wait (busy_timeout) and then see the other's committed result.
/// PostgreSQL needs nothing: its conditional updates decide races.
pub fn take_write_lock(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            c.batch_execute("UPDATE service_secrets SET name = name WHERE 0")
        }
        DbConnection::Postgresql(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests;
