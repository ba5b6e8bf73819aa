//! `spawn_app`: the real `build_app` on a fresh database per test — a copy of a template
//! that is migrated and loaded with the demo data once per version of the code (a temp
//! SQLite file, or a PostgreSQL database when TEST_DATABASE_URL is set).

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use thidua::config::Settings;
use thidua::db::DatabaseTarget;

pub const DEMO_PASSWORD: &str = "mật-khẩu-demo-2022";
pub const SECRET: &str = "test-secret-0123456789-0123456789-abcdef";

pub struct TestDb {
    pub url: String,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.cleanup.take() {
            if let Ok(mut c) = PgConnection::establish(&admin_url) {
                let _ =
                    c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

pub fn postgres_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set");
            }
            None
        }
    }
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let root = base.rsplit_once('/').map(|(r, _)| r).unwrap_or(base);
    format!("{root}/{name}{query}")
}

/// Every file below `dir`, recursively.
fn files_below(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_below(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A fingerprint of what a template holds: the migrations and the code that writes the
/// demo data — all of `src/`, since the seed calls the domain and the repositories
/// (a change to `normalize` changes the demo rows).
fn fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    files_below(std::path::Path::new("migrations"), &mut files);
    files_below(std::path::Path::new("src"), &mut files);
    files.sort();
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        h.update(std::fs::read(&f).unwrap());
    }
    hex::encode(h.finalize())[..12].to_string()
}

/// This checkout (its directory), so that test runs of several clones on one PostgreSQL
/// keep to their own templates.
fn checkout() -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(env!("CARGO_MANIFEST_DIR").as_bytes()))[..8].to_string()
}

/// Migrates a database and loads the demo data into it.
fn build_seeded(url: &str) {
    let target = DatabaseTarget::parse(url).unwrap();
    let pool = thidua::db::build_pool(&target, 1, std::time::Duration::from_secs(30)).unwrap();
    let mut conn = pool.get().unwrap();
    thidua::db::run_migrations(&mut conn).unwrap();
    // As loaded on 1 October 2026, so the open round's window is the plan's
    // (2025-10-01 … 2026-12-31) whatever day the tests run.
    let loaded = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 10, 1, 1, 0, 0).unwrap();
    thidua::seed::load_demo(&mut conn, Some(DEMO_PASSWORD), loaded, loaded.date_naive()).unwrap();
    if !target.is_postgres() {
        conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
}

/// The PostgreSQL template: migrated and seeded once per fingerprint (created under an
/// advisory lock, so parallel test processes agree).
fn pg_template(admin_url: &str) -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let prefix = format!("thidua_tmpl_{}_", checkout());
            let name = format!("{prefix}{}", fingerprint());
            let mut admin =
                PgConnection::establish(admin_url).expect("connect to TEST_DATABASE_URL");
            admin
                .batch_execute("SELECT pg_advisory_lock(720207)")
                .unwrap();
            let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
                &format!("EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}')"),
            ))
            .get_result(&mut admin)
            .unwrap();
            if !exists {
                let building = format!("{name}_build");
                admin
                    .batch_execute(&format!(
                        "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
                    ))
                    .unwrap();
                admin
                    .batch_execute(&format!("CREATE DATABASE \"{building}\""))
                    .unwrap();
                build_seeded(&with_database(admin_url, &building));
                admin
                    .batch_execute(&format!(
                        "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
                    ))
                    .unwrap();
                // Templates of this checkout's earlier code are not used again; one still
                // in use by another test process is left alone (DROP without FORCE
                // fails). Other checkouts' templates are theirs: dropping one would break
                // a run there that has already chosen it.
                let like = prefix.replace('_', "\\_");
                let old: Vec<String> = diesel::dsl::sql::<diesel::sql_types::Text>(&format!(
                    "SELECT datname FROM pg_database WHERE datname LIKE '{like}%' \
                     AND datname NOT LIKE '%\\_build' AND datname <> '{name}'"
                ))
                .load(&mut admin)
                .unwrap();
                for db in old {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\""));
                }
            }
            admin
                .batch_execute("SELECT pg_advisory_unlock(720207)")
                .unwrap();
            name
        })
        .clone()
}

/// The SQLite template file: migrated and seeded once per fingerprint, then copied for
/// each test (built under another name and renamed, so parallel processes agree).
fn sqlite_template() -> std::path::PathBuf {
    static TEMPLATE: OnceLock<std::path::PathBuf> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
            let path = dir.join(format!("thidua-template-{}.db", fingerprint()));
            if !path.exists() {
                let building = dir.join(format!(
                    "thidua-template-{}.db",
                    uuid::Uuid::new_v4().simple()
                ));
                build_seeded(&format!("sqlite://{}", building.display()));
                std::fs::rename(&building, &path).unwrap();
                // Templates of earlier code are not used again.
                let current = path.file_name().unwrap().to_string_lossy().to_string();
                for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                    let other = entry.path();
                    let name = other.file_name().unwrap().to_string_lossy().to_string();
                    if name.starts_with("thidua-template-") && !name.starts_with(&current) {
                        let _ = std::fs::remove_file(&other);
                    }
                }
                for ext in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", building.display()));
                }
            }
            path
        })
        .clone()
}

/// A fresh database with the demo data: a copy of the template.
pub fn fresh_database() -> TestDb {
    match postgres_url() {
        Some(admin_url) => {
            let template = pg_template(&admin_url);
            let name = format!("thidua_t_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&admin_url).unwrap();
            admin
                .batch_execute(&format!(
                    "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                ))
                .unwrap();
            TestDb {
                url: with_database(&admin_url, &name),
                cleanup: Some((admin_url, name)),
                _dir: None,
            }
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("thidua.db");
            std::fs::copy(sqlite_template(), &file).unwrap();
            let url = format!("sqlite://{}", file.display());
            TestDb {
                url,
                cleanup: None,
                _dir: Some(dir),
            }
        }
    }
}

pub fn settings_for(url: &str, extra: &[(&str, &str)]) -> Settings {
    let mut vars: Vec<(String, String)> = vec![
        ("THIDUA_DATABASE_URL".into(), url.into()),
        ("THIDUA_JWT_SECRET".into(), SECRET.into()),
        ("THIDUA_DB_POOL_SIZE".into(), "4".into()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Settings::from_vars(vars).unwrap()
}

pub trait TestService:
    Service<Request, Response = ServiceResponse<Self::Body>, Error = actix_web::Error>
{
    type Body: MessageBody;
}
impl<S, B> TestService for S
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    type Body = B;
}

pub struct TestApp<S> {
    pub service: S,
    pub db: TestDb,
    pub state: actix_web::web::Data<thidua::AppState>,
    tokens: Mutex<HashMap<String, String>>,
}

/// The `id` of a resource as answered.
pub fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// A response read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub fn etag(&self) -> String {
        self.header("etag").expect("ETag header")
    }
    #[track_caller]
    pub fn assert(&self, status: u16) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> &Self {
        self.assert(status);
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json"),
            "{}",
            self.text
        );
        assert_eq!(self.code(), code, "{}", self.text);
        assert_eq!(self.body["status"], status, "{}", self.text);
        self
    }
}

pub async fn spawn_app() -> TestApp<impl TestService> {
    spawn_app_with(&[]).await
}

pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp<impl TestService> {
    let db = fresh_database();
    let settings = settings_for(&db.url, extra);
    // The copy holds the migrated schema and the demo data already.
    let state = thidua::prepare_state(settings, false).unwrap();
    let service = test::init_service(thidua::build_app(state.clone())).await;
    TestApp {
        service,
        db,
        state,
        tokens: Mutex::new(HashMap::new()),
    }
}

pub struct Call {
    pub method: &'static str,
    pub path: String,
    pub token: Option<String>,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
}

impl<S: TestService> TestApp<S> {
    pub async fn send(&self, call: Call) -> Reply {
        let method = actix_web::http::Method::from_bytes(call.method.as_bytes()).unwrap();
        let mut req = test::TestRequest::default().method(method).uri(&call.path);
        if let Some(t) = &call.token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        for (k, v) in &call.headers {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        if let Some(b) = &call.body {
            req = req.set_json(b);
        }
        let res = test::call_service(&self.service, req.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = test::read_body(res).await;
        let text = String::from_utf8_lossy(&bytes).to_string();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(Call {
            method: "GET",
            path: path.into(),
            token: token.map(str::to_string),
            body: None,
            headers: vec![],
        })
        .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.send(Call {
            method: "POST",
            path: path.into(),
            token: token.map(str::to_string),
            body: Some(body),
            headers: vec![],
        })
        .await
    }

    pub async fn patch(&self, path: &str, token: &str, if_match: &str, body: Value) -> Reply {
        self.send(Call {
            method: "PATCH",
            path: path.into(),
            token: Some(token.into()),
            body: Some(body),
            headers: vec![("If-Match".into(), if_match.into())],
        })
        .await
    }

    pub async fn login(&self, username: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/auth/token",
            None,
            serde_json::json!({"username": username, "password": password}),
        )
        .await
    }

    /// The access token of a demo account (username = role), cached per test.
    pub async fn token(&self, username: &str) -> String {
        if let Some(t) = self.tokens.lock().unwrap().get(username) {
            return t.clone();
        }
        let r = self.login(username, DEMO_PASSWORD).await;
        r.assert(200);
        let t = r.body["access_token"].as_str().unwrap().to_string();
        self.tokens
            .lock()
            .unwrap()
            .insert(username.into(), t.clone());
        t
    }

    /// Id of a unit by code.
    pub async fn unit_id(&self, code: &str) -> String {
        let t = self.token("admin").await;
        let r = self.get(&format!("/api/v1/units?q={code}"), Some(&t)).await;
        r.assert(200);
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["code"] == code)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The demo movement.
    pub async fn movement(&self) -> Value {
        let t = self.token("admin").await;
        let r = self.get("/api/v1/movements", Some(&t)).await;
        r.assert(200);
        r.body["items"][0].clone()
    }
}

pub const ROLES: [&str; 7] = [
    "admin",
    "dic_officer",
    "home_affairs_officer",
    "chair",
    "unit_officer",
    "unit_head",
    "auditor",
];

/// A fresh demo database for use-case tests, without HTTP: the rules are called as the
/// CLI, the seed and the importers call them.
pub struct AppDb {
    pub pool: thidua::db::DbPool,
    /// Dropped with the test: the database goes with it.
    _db: TestDb,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// A fresh demo database (SQLite, or PostgreSQL with TEST_DATABASE_URL) and its pool.
pub fn app_db() -> AppDb {
    let db = fresh_database();
    let target = DatabaseTarget::parse(&db.url).unwrap();
    let pool = thidua::db::build_pool(&target, 2, std::time::Duration::from_secs(10)).unwrap();
    AppDb {
        pool,
        _db: db,
        now: chrono::Utc::now(),
    }
}

impl AppDb {
    pub fn conn(&self) -> thidua::db::PooledConnection {
        self.pool.get().unwrap()
    }

    /// The context of a use case run by the demo account `username`, at `self.now`.
    pub fn ctx(&self, username: &str) -> thidua::app::Context {
        let mut conn = self.conn();
        let actor = thidua::app::identity::actor(
            &mut conn,
            &thidua::auth::tokens::Subject::Username(username.into()),
        )
        .unwrap();
        thidua::app::Context::new(actor, self.now, chrono_tz::Asia::Ho_Chi_Minh, None)
    }

    /// Runs a use case in one transaction, as the API does for writes.
    #[allow(dead_code)] // used by the use-case tests of the areas as they move to `app`
    pub fn tx<T>(
        &self,
        f: impl FnOnce(&mut thidua::db::DbConnection) -> Result<T, thidua::error::ApiError>,
    ) -> Result<T, thidua::error::ApiError> {
        let mut conn = self.conn();
        thidua::app::in_transaction(&mut conn, f)
    }
}

// ---- issue 9 items 13–15 (first run): an empty database, and the app on a given one.

/// A fresh, empty database (not migrated, no demo data): SQLite, or PostgreSQL with
/// TEST_DATABASE_URL. For the first run (`thidua init`) and a demo loaded on another day.
#[allow(dead_code)]
pub fn empty_database() -> TestDb {
    match postgres_url() {
        Some(admin_url) => {
            let name = format!("thidua_t_{}", uuid::Uuid::new_v4().simple());
            let mut admin = PgConnection::establish(&admin_url).unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .unwrap();
            TestDb {
                url: with_database(&admin_url, &name),
                cleanup: Some((admin_url, name)),
                _dir: None,
            }
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("thidua.db").display());
            TestDb {
                url,
                cleanup: None,
                _dir: Some(dir),
            }
        }
    }
}

/// The app on `db` as it is (migrated and loaded by the test).
#[allow(dead_code)]
pub async fn spawn_app_on(db: TestDb) -> TestApp<impl TestService> {
    let settings = settings_for(&db.url, &[]);
    let state = thidua::prepare_state(settings, false).unwrap();
    let service = test::init_service(thidua::build_app(state.clone())).await;
    TestApp {
        service,
        db,
        state,
        tokens: Mutex::new(HashMap::new()),
    }
}

/// A well-formed id no record has (ids are UUIDs: a malformed one is refused as input).
pub const NO_SUCH_ID: &str = "0190b6e4-7c1d-7a2b-9c3d-4e5f6a7b8c9d";
