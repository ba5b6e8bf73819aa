//! Request counts and latencies by route, for `/metrics`.

use super::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// One route's counts: by method and status, and its latency histogram. Atomics, so a
/// request only takes the map's read lock (the write lock once per new route).
#[derive(Default)]
struct RouteStats {
    /// (method, status) → count; a route answers a handful of these.
    answers: Mutex<Vec<(String, u16, u64)>>,
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    /// Microseconds, summed.
    sum_micros: AtomicU64,
}

/// Request counts and latencies by route, kept per instance (Prometheus scrapes each).
#[derive(Default)]
pub struct Metrics {
    routes: RwLock<BTreeMap<String, Arc<RouteStats>>>,
    rate_limited: AtomicU64,
}

impl Metrics {
    /// A request refused by the rate limit (429 before any handler).
    pub fn count_rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let found = self.routes.read().ok().and_then(|m| m.get(route).cloned());
        let stats = match found {
            Some(s) => s,
            None => match self.routes.write() {
                Ok(mut m) => m.entry(route.to_string()).or_default().clone(),
                Err(_) => return,
            },
        };
        if let Ok(mut answers) = stats.answers.lock() {
            match answers
                .iter_mut()
                .find(|(m, s, _)| *s == status && m == method)
            {
                Some(a) => a.2 += 1,
                None => answers.push((method.to_string(), status, 1)),
            }
        }
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                stats.buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        stats.count.fetch_add(1, Ordering::Relaxed);
        stats
            .sum_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    /// Prometheus text format.
    pub fn render(&self, pool: &r2d2::State, pool_max: u32, statements: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP thidua_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE thidua_http_requests_total counter");
        let routes: Vec<(String, Arc<RouteStats>)> = self
            .routes
            .read()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let mut rows: Vec<(String, String, u16, u64)> = Vec::new();
        for (route, stats) in &routes {
            if let Ok(answers) = stats.answers.lock() {
                for (method, status, n) in answers.iter() {
                    rows.push((method.clone(), route.clone(), *status, *n));
                }
            }
        }
        rows.sort();
        for (method, route, status, n) in rows {
            let _ = writeln!(
                out,
                "thidua_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(&route)
            );
        }
        let _ = writeln!(
            out,
            "# HELP thidua_http_request_duration_seconds Request latency by route."
        );
        let _ = writeln!(out, "# TYPE thidua_http_request_duration_seconds histogram");
        for (route, h) in &routes {
            let r = escape(route);
            let count = h.count.load(Ordering::Relaxed);
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "thidua_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {}",
                    h.buckets[i].load(Ordering::Relaxed)
                );
            }
            let _ = writeln!(
                out,
                "thidua_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(
                out,
                "thidua_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                h.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
            );
            let _ = writeln!(
                out,
                "thidua_http_request_duration_seconds_count{{route=\"{r}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP thidua_db_pool_connections Database connections open in the pool."
        );
        let _ = writeln!(out, "# TYPE thidua_db_pool_connections gauge");
        let _ = writeln!(out, "thidua_db_pool_connections {}", pool.connections);
        let _ = writeln!(
            out,
            "# HELP thidua_db_pool_idle_connections Idle database connections in the pool."
        );
        let _ = writeln!(out, "# TYPE thidua_db_pool_idle_connections gauge");
        let _ = writeln!(
            out,
            "thidua_db_pool_idle_connections {}",
            pool.idle_connections
        );
        let _ = writeln!(
            out,
            "# HELP thidua_db_pool_max_connections Pool size limit."
        );
        let _ = writeln!(out, "# TYPE thidua_db_pool_max_connections gauge");
        let _ = writeln!(out, "thidua_db_pool_max_connections {pool_max}");
        let _ = writeln!(
            out,
            "# HELP thidua_db_statements_total Statements sent to the database, transaction control included."
        );
        let _ = writeln!(out, "# TYPE thidua_db_statements_total counter");
        let _ = writeln!(out, "thidua_db_statements_total {statements}");
        let _ = writeln!(
            out,
            "# HELP thidua_rate_limited_total Requests refused by the API rate limit."
        );
        let _ = writeln!(out, "# TYPE thidua_rate_limited_total counter");
        let _ = writeln!(
            out,
            "thidua_rate_limited_total {}",
            self.rate_limited.load(Ordering::Relaxed)
        );
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Counts every request by its route pattern (not its raw path, which would explode).
pub async fn metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().to_string();
    let res = next.call(req).await?;
    if let Some(state) = state {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".to_string());
        state.metrics.observe(
            &method,
            &route,
            res.status().as_u16(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}
