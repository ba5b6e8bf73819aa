//! The database: one connection enum over PostgreSQL and SQLite, an r2d2 pool whose
//! manager picks the backend by URL scheme, and the embedded migrations of each backend.

pub mod models;
pub mod repo;
pub mod schema;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::PathBuf;
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

/// Which backend a URL names. `postgres://` / `postgresql://` select PostgreSQL;
/// `sqlite://PATH`, `sqlite:PATH` or a bare path select SQLite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Postgres(String),
    Sqlite(PathBuf),
}

impl DatabaseTarget {
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("the database URL is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() || path.contains("://") {
            return Err(format!(
                "unsupported database URL '{url}': use postgres://… or sqlite://PATH"
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
    #[error("cannot connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("cannot create the pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("cannot create the data folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("migrations failed: {0}")]
    Migration(String),
}

/// Opens connections of the backend the URL names (never guessing: a wrong PostgreSQL
/// password must say so, not fall through to SQLite).
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    target: DatabaseTarget,
}

impl ConnectionManager {
    pub fn new(target: DatabaseTarget) -> Self {
        Self { target }
    }

    fn open(&self) -> Result<DbConnection, DbSetupError> {
        match &self.target {
            DatabaseTarget::Postgres(url) => {
                let mut conn = diesel::PgConnection::establish(url)?;
                // diesel caches prepared statements; a generic plan made for one caller's
                // values (an admin's list) is slow for another's (a unit's), because the
                // data is skewed (an open round's nominations sit together at the end of
                // the id order). Plan every statement for its values, and cost random reads
                // as on SSD, so the keyset lists use their filter's index (bench/) — unless
                // the operator chose otherwise (ALTER DATABASE/ROLE … SET), which stands.
                conn.batch_execute(
                    "DO $$ BEGIN \
                       IF current_setting('plan_cache_mode') = 'auto' THEN \
                         PERFORM set_config('plan_cache_mode', 'force_custom_plan', false); \
                       END IF; \
                       IF current_setting('random_page_cost') = '4' THEN \
                         PERFORM set_config('random_page_cost', '1.1', false); \
                       END IF; \
                     END $$;",
                )?;
                Ok(DbConnection::Postgresql(conn))
            }
            DatabaseTarget::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
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

/// Builds the pool. For SQLite the folder is created and WAL set once, before the pool
/// exists (setting it on every checkout gave "database is locked").
pub fn build_pool(
    target: &DatabaseTarget,
    max_size: u32,
    connect_timeout: Duration,
) -> Result<DbPool, DbSetupError> {
    if let DatabaseTarget::Sqlite(path) = target {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbSetupError::Folder(dir.display().to_string(), e))?;
        }
        let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
        conn.batch_execute("PRAGMA journal_mode = WAL;")?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(connect_timeout)
        .build(ConnectionManager::new(target.clone()))?;
    Ok(pool)
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
mod tests {
    use super::*;

    #[test]
    fn database_urls_pick_the_backend_by_scheme() {
        assert!(DatabaseTarget::parse("postgres://u@h/db")
            .unwrap()
            .is_postgres());
        assert!(DatabaseTarget::parse("postgresql://u@h/db")
            .unwrap()
            .is_postgres());
        assert_eq!(
            DatabaseTarget::parse("sqlite://data/x.db").unwrap(),
            DatabaseTarget::Sqlite(PathBuf::from("data/x.db"))
        );
        assert_eq!(
            DatabaseTarget::parse("sqlite:///var/x.db").unwrap(),
            DatabaseTarget::Sqlite(PathBuf::from("/var/x.db"))
        );
        assert!(DatabaseTarget::parse("mysql://x").is_err());
        assert!(DatabaseTarget::parse("").is_err());
    }
}
