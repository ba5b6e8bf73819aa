//! thidua: a province's emulation movements, from plan to award, as a JSON API.
//! `build_app` is the one App that `main` serves and the tests call.

pub mod api;
pub mod app;
pub mod auth;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod input;
pub mod middleware;
pub mod openapi;
pub mod seed;
pub mod telemetry;

use crate::auth::tokens::TokenService;
use crate::config::Settings;
use crate::db::DbPool;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{web, App};
use chrono::SubsecRound;
use std::sync::Arc;
use utoipa_actix_web::AppExt;

/// What every request can reach. Nothing here changes between requests, so any number
/// of instances can serve one database.
pub struct AppState {
    pub clock: Clock,
    pub pool: DbPool,
    /// Statements the pool's connections sent (`/metrics`; tests' budgets).
    pub statements: db::StatementCounter,
    pub settings: Arc<Settings>,
    pub tokens: Arc<TokenService>,
    pub metrics: Arc<middleware::Metrics>,
    /// Bounds concurrent password verifications (issue 9 item 2).
    pub logins: Arc<auth::password::VerifyGate>,
    /// The per-instance API rate limit; None when disabled (issue 11 defect 10).
    pub rate_limit: Option<Arc<middleware::RateLimiter>>,
}

impl AppState {
    /// Today in the province's time zone.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock
            .now()
            .with_timezone(&self.settings.time_zone)
            .date_naive()
    }
}

/// The time that workflow steps record (submission, review). The system clock, unless
/// a test sets it to check deadlines around midnight.
#[derive(Clone, Default)]
pub struct Clock(Arc<std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>>);

impl Clock {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let fixed = self.0.lock().map(|g| *g).unwrap_or(None);
        fixed.unwrap_or_else(chrono::Utc::now).trunc_subsecs(6)
    }

    /// Fixes the time (tests).
    pub fn set(&self, at: chrono::DateTime<chrono::Utc>) {
        if let Ok(mut g) = self.0.lock() {
            *g = Some(at);
        }
    }
}

/// The HTTP application: API, public data, operations endpoints, the OpenAPI document
/// and its docs UI.
pub fn build_app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let (app, api) = App::new()
        .into_utoipa_app()
        .openapi(openapi::base())
        .app_data(state)
        .app_data(api::json_config(settings.json_limit_bytes))
        .app_data(api::query_config())
        .app_data(api::path_config())
        .configure(openapi::routes)
        .split_for_parts();
    let api = openapi::finish(api);
    let routes = web::Data::new(middleware::RouteTable::from_openapi(&api));
    let produces = web::Data::new(middleware::accept::Produces::from_openapi(&api));
    app.app_data(routes)
        .app_data(produces)
        .service(openapi::docs_service(api))
        .default_service(web::to(middleware::not_found))
        .wrap(actix_web::middleware::from_fn(
            middleware::accept::negotiate,
        ))
        .wrap(actix_web::middleware::from_fn(middleware::guard_input))
        .wrap(actix_web::middleware::from_fn(middleware::rate_limit))
        .wrap(middleware::cors(&settings))
        .wrap(actix_web::middleware::from_fn(
            middleware::authenticate_refusals,
        ))
        .wrap(actix_web::middleware::from_fn(middleware::localize))
        .wrap(actix_web::middleware::from_fn(middleware::metrics))
        .wrap(actix_web::middleware::from_fn(
            middleware::request_id_header,
        ))
        .wrap(tracing_actix_web::TracingLogger::<middleware::RootSpan>::new())
        .wrap(actix_web::middleware::Compress::default())
}

/// The HS256 secret: `THIDUA_JWT_SECRET`, or one generated on first run and kept in the
/// database, so tokens survive restarts and every instance on the database agrees.
pub fn jwt_secret(
    conn: &mut db::DbConnection,
    settings: &Settings,
) -> Result<String, error::ApiError> {
    use db::repo::security;
    if let Some(s) = &settings.jwt_secret {
        return Ok(s.clone());
    }
    if let Some(s) = security::find_secret(conn, "jwt_hs256")? {
        return Ok(s);
    }
    let generated = auth::tokens::generate_secret();
    match security::insert_secret(conn, "jwt_hs256", &generated, db::models::now()) {
        Ok(()) => {
            tracing::warn!("THIDUA_JWT_SECRET is not set: generated a secret and stored it in the database; set THIDUA_JWT_SECRET in production");
            Ok(generated)
        }
        // Another instance stored one first: use theirs. Any other failure is an error.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => security::find_secret(conn, "jwt_hs256")?
            .ok_or_else(|| error::ApiError::internal("the stored token secret vanished")),
        Err(e) => Err(e.into()),
    }
}

/// Opens the database, applies migrations if asked, and assembles the state.
pub fn prepare_state(settings: Settings, migrate: bool) -> anyhow::Result<web::Data<AppState>> {
    let (pool, statements) = db::build_counted_pool(
        &settings.database,
        settings.db_pool_size,
        std::time::Duration::from_secs(settings.db_timeout_seconds),
    )?;
    let mut conn = pool.get()?;
    if migrate {
        let applied = db::run_migrations(&mut conn)?;
        if !applied.is_empty() {
            tracing::info!(?applied, "migrations applied");
        }
    }
    let secret = jwt_secret(&mut conn, &settings)
        .map_err(|e| anyhow::anyhow!("cannot read the token secret: {e}"))?;
    drop(conn);
    let tokens = TokenService::new(&settings, &secret).map_err(anyhow::Error::msg)?;
    let rate_limit = middleware::RateLimiter::from_settings(&settings).map(Arc::new);
    let settings_logins = (
        settings.login_verify_concurrency,
        settings.login_verify_wait_ms,
    );
    Ok(web::Data::new(AppState {
        clock: Clock::default(),
        pool,
        statements,
        settings: Arc::new(settings),
        tokens: Arc::new(tokens),
        metrics: Arc::new(middleware::Metrics::default()),
        logins: Arc::new(auth::password::VerifyGate::new(
            settings_logins.0,
            std::time::Duration::from_millis(settings_logins.1),
        )),
        rate_limit,
    }))
}
