//! Settings: defaults that work, and invalid values named by their variable.

use super::*;

fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn defaults_work_out_of_the_box() {
    let s = Settings::from_vars(vars(&[])).unwrap();
    assert_eq!(
        s.database,
        DatabaseTarget::Sqlite(PathBuf::from("data/thidua.db"))
    );
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.access_token_ttl_seconds, 900);
    assert_eq!(s.time_zone, chrono_tz::Asia::Ho_Chi_Minh);
    assert_eq!(s.json_limit_bytes, 1 << 20);
    assert_eq!(s.upload_limit_bytes, 20 << 20);
    assert!(s.jwt_secret.is_none());
    assert_eq!(s.personal_data_retention_days, 730);
    assert_eq!(s.personal_data_anonymise_interval_seconds, 86_400);
    assert_eq!(s.max_url_bytes, 8192);
    assert_eq!(s.body_timeout_seconds, 20);
    assert_eq!(s.max_connections, 1024);
}

#[test]
fn invalid_values_name_the_variable() {
    for (k, v) in [
        ("THIDUA_BIND", "nowhere"),
        ("THIDUA_DATABASE_URL", "mysql://x"),
        ("THIDUA_DATABASE_URL", "not a url"),
        ("THIDUA_DATABASE_URL", "sqlite::memory:"),
        ("THIDUA_JWT_SECRET", "short"),
        ("THIDUA_ACCESS_TOKEN_TTL_SECONDS", "3600"),
        ("THIDUA_LOG_FORMAT", "xml"),
        ("THIDUA_TIME_ZONE", "Mars/Olympus"),
        ("THIDUA_CORS_ORIGINS", "portal.dongthap.gov.vn"),
        ("THIDUA_DB_POOL_SIZE", "zero"),
        ("THIDUA_PERSONAL_DATA_RETENTION_DAYS", "7"),
        ("THIDUA_PERSONAL_DATA_ANONYMISE_INTERVAL_SECONDS", "soon"),
        ("THIDUA_TRUSTED_PROXY_HOPS", "-1"),
        ("THIDUA_LOGIN_VERIFY_CONCURRENCY", "0"),
        ("THIDUA_LOGIN_MAX_FAILURES_PER_PAIR", "lots"),
        ("THIDUA_MAX_URL_BYTES", "100000"),
        ("THIDUA_BODY_TIMEOUT_SECONDS", "0"),
        ("THIDUA_MAX_CONNECTIONS", "many"),
        ("THIDUA_RATE_LIMIT_PER_MINUTE", "-5"),
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "0"),
        ("THIDUA_RATE_LIMIT_MAX_KEYS", "3"),
    ] {
        let e = Settings::from_vars(vars(&[(k, v)])).unwrap_err();
        assert_eq!(e.variable, k, "{e}");
        assert!(e.to_string().contains(k));
    }
}

#[test]
fn trusted_proxy_hops_keep_the_old_switchs_meaning() {
    assert_eq!(
        Settings::from_vars(vars(&[])).unwrap().trusted_proxy_hops,
        0
    );
    let one = Settings::from_vars(vars(&[("THIDUA_TRUST_FORWARDED_FOR", "true")])).unwrap();
    assert_eq!(one.trusted_proxy_hops, 1);
    let two = Settings::from_vars(vars(&[
        ("THIDUA_TRUST_FORWARDED_FOR", "true"),
        ("THIDUA_TRUSTED_PROXY_HOPS", "2"),
    ]))
    .unwrap();
    assert_eq!(two.trusted_proxy_hops, 2);
    let s = Settings::from_vars(vars(&[])).unwrap();
    assert_eq!(
        (s.login_max_failures_per_pair, s.login_max_failures_per_user),
        (5, 20)
    );
    assert!(s.login_verify_concurrency >= 1);
}

#[test]
fn rate_limits_default_to_a_token_budget_twice_the_anonymous_one() {
    let s = Settings::from_vars(vars(&[])).unwrap();
    assert_eq!(
        (
            s.rate_limit_per_minute,
            s.rate_limit_anonymous_per_minute,
            s.rate_limit_max_keys
        ),
        (1200, 600, 100_000)
    );
    let off = Settings::from_vars(vars(&[
        ("THIDUA_RATE_LIMIT_PER_MINUTE", "0"),
        ("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "30"),
    ]))
    .unwrap();
    assert_eq!(
        (
            off.rate_limit_per_minute,
            off.rate_limit_anonymous_per_minute
        ),
        (0, 30)
    );
}
