//! Settings from `THIDUA_…` environment variables, with defaults that work out of the
//! box. An invalid value stops start-up with a message naming the variable.

use crate::db::DatabaseTarget;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Pretty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdpAlgorithm {
    Rs256,
    Es256,
    EdDsa,
}

/// The province's identity provider, whose tokens are accepted besides our own.
#[derive(Debug, Clone)]
pub struct IdentityProvider {
    pub public_key_pem: String,
    pub algorithm: IdpAlgorithm,
    pub issuer: String,
    pub audience: String,
    /// The claim naming the local user (matched to `username`).
    pub username_claim: String,
}

/// The largest `THIDUA_UPLOAD_LIMIT_BYTES` accepted: no stored file is larger, which the
/// document states on file bodies.
pub const UPLOAD_LIMIT_CEILING: usize = 1 << 30;

#[derive(Debug, Clone)]
pub struct Settings {
    pub database: DatabaseTarget,
    pub bind: SocketAddr,
    pub workers: Option<usize>,
    /// None: generated on first run and kept in the database.
    pub jwt_secret: Option<String>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl_seconds: i64,
    pub refresh_token_ttl_seconds: i64,
    pub identity_provider: Option<IdentityProvider>,
    pub log_filter: String,
    pub log_format: LogFormat,
    pub cors_origins: Vec<String>,
    pub json_limit_bytes: usize,
    pub upload_limit_bytes: usize,
    pub time_zone: chrono_tz::Tz,
    pub db_pool_size: u32,
    pub db_timeout_seconds: u64,
    /// Failures of a username (from any address) before its growing delay starts.
    pub login_max_failures_per_user: i32,
    pub login_max_failures_per_address: i32,
    pub login_window_seconds: i64,
    pub trust_forwarded_for: bool,
    pub demo_password: Option<String>,
    // Issue 9 item 16 (personal data).
    /// Days after a withdrawn, returned or unawarded nomination's last step before its
    /// nominee's personal data is anonymised.
    pub personal_data_retention_days: i64,
    /// How often `serve` runs the anonymisation (seconds; 0: never, run the CLI instead).
    pub personal_data_anonymise_interval_seconds: u64,
    // Issue 9 items 1–5 (logins and sessions).
    /// Failed logins per (username, address) pair per window, then 429 for that pair.
    pub login_max_failures_per_pair: i32,
    /// The longest of the growing delays a username gets past its threshold.
    pub login_max_delay_seconds: i64,
    /// Days a successful (username, address) pair stays known (exempt from the address
    /// limit and the username delay).
    pub login_known_address_days: i64,
    /// Password verifications (argon2, ~19 MiB each) run at once by this instance.
    pub login_verify_concurrency: usize,
    /// How long a login waits for a verification slot before 503 `login_busy`.
    pub login_verify_wait_ms: u64,
    /// Proxies in front of the service that append to `X-Forwarded-For` (0: use the
    /// peer address).
    pub trusted_proxy_hops: usize,
    // Issue 9 items 6 and 11 (hostile input, edge answers).
    /// Longest path and query accepted; longer answers 414 (actix's own parser refuses
    /// past 65 534 bytes with an empty 400, before the app).
    pub max_url_bytes: usize,
    /// Time for a request's head to arrive (actix answers 408 and closes beyond).
    pub client_request_timeout_seconds: u64,
    /// Time for a client to take the end of a closing connection.
    pub client_disconnect_timeout_seconds: u64,
    /// Idle time before a kept-alive connection closes; 0 disables keep-alive.
    pub keep_alive_seconds: u64,
    /// Time a request body may take beyond what its data earns (408 beyond).
    pub body_timeout_seconds: u64,
    /// Bytes per second that earn a body more time; 0: the deadline is fixed.
    pub body_min_bytes_per_second: u64,
    /// Open connections per instance, over all workers; more wait in the backlog.
    pub max_connections: usize,
    // Issue 11 defect 10 (rate limits).
    /// Requests per minute per token on `/api/v1`, per instance; 0: no limit at all.
    pub rate_limit_per_minute: u64,
    /// Requests per minute per client address without a token (public reads, logins).
    pub rate_limit_anonymous_per_minute: u64,
    /// Callers the limiter remembers per instance; new ones past it share a budget.
    pub rate_limit_max_keys: usize,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/thidua.db";
/// DESIGN.md: access tokens live at most 15 minutes.
pub const MAX_ACCESS_TOKEN_TTL_SECONDS: i64 = 900;

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars())
    }

    pub fn from_vars(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let v = Vars(
            vars.into_iter()
                .filter(|(k, _)| k.starts_with("THIDUA_"))
                .collect(),
        );

        let database =
            DatabaseTarget::parse(v.get("THIDUA_DATABASE_URL").unwrap_or(DEFAULT_DATABASE_URL))
                .map_err(|m| err("THIDUA_DATABASE_URL", m))?;
        let bind_text = v.get("THIDUA_BIND").unwrap_or("127.0.0.1:8080");
        let bind: SocketAddr = bind_text.parse().map_err(|_| {
            err(
                "THIDUA_BIND",
                format!("'{bind_text}' is not an address like 127.0.0.1:8080"),
            )
        })?;
        let workers = match v.get("THIDUA_WORKERS") {
            None => None,
            Some(_) => Some(v.number("THIDUA_WORKERS", 2usize, 1, 256)?),
        };
        let jwt_secret = v.get("THIDUA_JWT_SECRET").map(str::to_string);
        if let Some(s) = &jwt_secret {
            if s.len() < 32 {
                return Err(err("THIDUA_JWT_SECRET", "must be at least 32 characters"));
            }
        }
        let identity_provider = match v.get("THIDUA_IDP_PUBLIC_KEY_FILE") {
            None => None,
            Some(path) => {
                let pem = std::fs::read_to_string(PathBuf::from(path)).map_err(|e| {
                    err(
                        "THIDUA_IDP_PUBLIC_KEY_FILE",
                        format!("cannot read {path}: {e}"),
                    )
                })?;
                let algorithm = match v.get("THIDUA_IDP_ALGORITHM").unwrap_or("RS256") {
                    "RS256" => IdpAlgorithm::Rs256,
                    "ES256" => IdpAlgorithm::Es256,
                    "EdDSA" => IdpAlgorithm::EdDsa,
                    other => {
                        return Err(err(
                            "THIDUA_IDP_ALGORITHM",
                            format!("'{other}' is not RS256, ES256 or EdDSA"),
                        ))
                    }
                };
                let issuer = v
                    .get("THIDUA_IDP_ISSUER")
                    .ok_or_else(|| {
                        err(
                            "THIDUA_IDP_ISSUER",
                            "required with THIDUA_IDP_PUBLIC_KEY_FILE",
                        )
                    })?
                    .to_string();
                let audience = v
                    .get("THIDUA_IDP_AUDIENCE")
                    .ok_or_else(|| {
                        err(
                            "THIDUA_IDP_AUDIENCE",
                            "required with THIDUA_IDP_PUBLIC_KEY_FILE",
                        )
                    })?
                    .to_string();
                Some(IdentityProvider {
                    public_key_pem: pem,
                    algorithm,
                    issuer,
                    audience,
                    username_claim: v
                        .get("THIDUA_IDP_USERNAME_CLAIM")
                        .unwrap_or("preferred_username")
                        .to_string(),
                })
            }
        };
        let log_format = match v.get("THIDUA_LOG_FORMAT").unwrap_or("pretty") {
            "json" => LogFormat::Json,
            "pretty" => LogFormat::Pretty,
            other => {
                return Err(err(
                    "THIDUA_LOG_FORMAT",
                    format!("'{other}' is not json or pretty"),
                ))
            }
        };
        let cors_origins: Vec<String> = v
            .get("THIDUA_CORS_ORIGINS")
            .map(|s| {
                s.split(',')
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        for o in &cors_origins {
            if !(o.starts_with("http://") || o.starts_with("https://")) {
                return Err(err(
                    "THIDUA_CORS_ORIGINS",
                    format!("'{o}' is not an http(s) origin"),
                ));
            }
        }
        let tz_name = v.get("THIDUA_TIME_ZONE").unwrap_or("Asia/Ho_Chi_Minh");
        let time_zone: chrono_tz::Tz = tz_name.parse().map_err(|_| {
            err(
                "THIDUA_TIME_ZONE",
                format!("'{tz_name}' is not an IANA time zone"),
            )
        })?;
        let default_pool = if database.is_postgres() { 16 } else { 8 };

        Ok(Self {
            database,
            bind,
            workers,
            jwt_secret,
            jwt_issuer: v.get("THIDUA_JWT_ISSUER").unwrap_or("thidua").to_string(),
            jwt_audience: v
                .get("THIDUA_JWT_AUDIENCE")
                .unwrap_or("thidua-api")
                .to_string(),
            access_token_ttl_seconds: v.number(
                "THIDUA_ACCESS_TOKEN_TTL_SECONDS",
                900,
                30,
                MAX_ACCESS_TOKEN_TTL_SECONDS,
            )?,
            refresh_token_ttl_seconds: v.number(
                "THIDUA_REFRESH_TOKEN_TTL_SECONDS",
                14 * 86_400,
                300,
                90 * 86_400,
            )?,
            identity_provider,
            log_filter: v.get("THIDUA_LOG").unwrap_or("info").to_string(),
            log_format,
            cors_origins,
            json_limit_bytes: v.number("THIDUA_JSON_LIMIT_BYTES", 1 << 20, 1024, 64 << 20)?,
            upload_limit_bytes: v.number(
                "THIDUA_UPLOAD_LIMIT_BYTES",
                20 << 20,
                1024,
                UPLOAD_LIMIT_CEILING,
            )?,
            time_zone,
            db_pool_size: v.number("THIDUA_DB_POOL_SIZE", default_pool, 1, 512)?,
            db_timeout_seconds: v.number("THIDUA_DB_TIMEOUT_SECONDS", 5, 1, 300)?,
            login_max_failures_per_user: v.number(
                "THIDUA_LOGIN_MAX_FAILURES_PER_USER",
                20,
                1,
                1000,
            )?,
            login_max_failures_per_address: v.number(
                "THIDUA_LOGIN_MAX_FAILURES_PER_ADDRESS",
                30,
                1,
                100_000,
            )?,
            login_window_seconds: v.number("THIDUA_LOGIN_WINDOW_SECONDS", 900, 1, 86_400)?,
            trust_forwarded_for: v.boolean("THIDUA_TRUST_FORWARDED_FOR", false)?,
            demo_password: v.get("THIDUA_DEMO_PASSWORD").map(str::to_string),
            // Issue 9 item 16 (personal data).
            personal_data_retention_days: v.number(
                "THIDUA_PERSONAL_DATA_RETENTION_DAYS",
                crate::domain::personal_data::DEFAULT_RETENTION_DAYS,
                30,
                36_500,
            )?,
            personal_data_anonymise_interval_seconds: v.number(
                "THIDUA_PERSONAL_DATA_ANONYMISE_INTERVAL_SECONDS",
                86_400,
                0,
                30 * 86_400,
            )?,
            // Issue 9 items 1–5 (logins and sessions).
            login_max_failures_per_pair: v.number(
                "THIDUA_LOGIN_MAX_FAILURES_PER_PAIR",
                5,
                1,
                1000,
            )?,
            login_max_delay_seconds: v.number("THIDUA_LOGIN_MAX_DELAY_SECONDS", 300, 1, 86_400)?,
            login_known_address_days: v.number("THIDUA_LOGIN_KNOWN_ADDRESS_DAYS", 30, 0, 3650)?,
            login_verify_concurrency: v.number(
                "THIDUA_LOGIN_VERIFY_CONCURRENCY",
                std::thread::available_parallelism().map_or(2, |n| n.get()),
                1,
                1024,
            )?,
            login_verify_wait_ms: v.number("THIDUA_LOGIN_VERIFY_WAIT_MS", 2000, 0, 60_000)?,
            trusted_proxy_hops: {
                // THIDUA_TRUST_FORWARDED_FOR=true alone means one proxy.
                let one = usize::from(v.boolean("THIDUA_TRUST_FORWARDED_FOR", false)?);
                v.number("THIDUA_TRUSTED_PROXY_HOPS", one, 0, 16)?
            },
            // Issue 9 items 6 and 11 (hostile input, edge answers).
            max_url_bytes: v.number("THIDUA_MAX_URL_BYTES", 8192, 256, 65_000)?,
            client_request_timeout_seconds: v.number(
                "THIDUA_CLIENT_REQUEST_TIMEOUT_SECONDS",
                5,
                1,
                300,
            )?,
            client_disconnect_timeout_seconds: v.number(
                "THIDUA_CLIENT_DISCONNECT_TIMEOUT_SECONDS",
                1,
                1,
                60,
            )?,
            keep_alive_seconds: v.number("THIDUA_KEEP_ALIVE_SECONDS", 5, 0, 3600)?,
            body_timeout_seconds: v.number("THIDUA_BODY_TIMEOUT_SECONDS", 20, 1, 3600)?,
            body_min_bytes_per_second: v.number(
                "THIDUA_BODY_MIN_BYTES_PER_SECOND",
                1000,
                0,
                1 << 30,
            )?,
            max_connections: v.number("THIDUA_MAX_CONNECTIONS", 1024, 1, 1_000_000)?,
            // Issue 11 defect 10: 20 a second per token is well past what a person at the
            // portal or a sequential script sends, yet holds a runaway client to a small
            // share of an instance (~5–10k req/s on two cores).
            rate_limit_per_minute: v.number("THIDUA_RATE_LIMIT_PER_MINUTE", 1200, 0, 1 << 40)?,
            // Half that per address: an office behind one NAT address shares it.
            rate_limit_anonymous_per_minute: v.number(
                "THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE",
                600,
                1,
                1 << 40,
            )?,
            rate_limit_max_keys: v.number(
                "THIDUA_RATE_LIMIT_MAX_KEYS",
                100_000,
                16,
                100_000_000,
            )?,
        })
    }
}

mod vars;
pub use vars::ConfigError;
use vars::{err, Vars};

#[cfg(test)]
mod tests;
