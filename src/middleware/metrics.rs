//! Request counts and latencies by route, for `/metrics`.

use super::*;

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Request counts and latencies by route, kept per instance (Prometheus scrapes each).
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<HashMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        if let Ok(mut m) = self.requests.lock() {
            *m.entry((method.to_string(), route.to_string(), status))
                .or_insert(0) += 1;
        }
        if let Ok(mut l) = self.latency.lock() {
            let h = l.entry(route.to_string()).or_default();
            for (i, b) in BUCKETS.iter().enumerate() {
                if seconds <= *b {
                    h.counts[i] += 1;
                }
            }
            h.count += 1;
            h.sum += seconds;
        }
    }

    /// Prometheus text format.
    pub fn render(&self, pool: &r2d2::State, pool_max: u32, statements: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP thidua_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE thidua_http_requests_total counter");
        if let Ok(m) = self.requests.lock() {
            let mut rows: Vec<_> = m.iter().collect();
            rows.sort();
            for ((method, route, status), n) in rows {
                let _ = writeln!(
                    out,
                    "thidua_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP thidua_http_request_duration_seconds Request latency by route."
        );
        let _ = writeln!(out, "# TYPE thidua_http_request_duration_seconds histogram");
        if let Ok(l) = self.latency.lock() {
            for (route, h) in l.iter() {
                let r = escape(route);
                for (i, b) in BUCKETS.iter().enumerate() {
                    let _ = writeln!(out, "thidua_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {}", h.counts[i]);
                }
                let _ = writeln!(
                    out,
                    "thidua_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "thidua_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "thidua_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                    h.count
                );
            }
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
