//! The bucket maths: GCRA (the generic cell rate algorithm), a token bucket kept as one
//! number per caller — the theoretical arrival time (TAT) of its next request. Pure and
//! clock-free: the caller passes `now`, so tests drive time by hand.

/// Nanoseconds in a second.
pub const SECOND: u64 = 1_000_000_000;

/// A limit of `limit` requests per `window`, with a burst of the whole limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: u64,
    /// The window, in nanoseconds.
    pub window: u64,
    /// The time one request costs (window / limit), in nanoseconds.
    interval: u64,
}

impl Quota {
    /// None for a zero limit (no limit).
    pub fn per_window(limit: u64, window_seconds: u64) -> Option<Self> {
        let window = window_seconds.checked_mul(SECOND)?;
        (limit > 0).then(|| Self {
            limit,
            window,
            interval: (window / limit).max(1),
        })
    }

    pub fn window_seconds(&self) -> u64 {
        self.window / SECOND
    }
}

/// What one request is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u64,
    /// Requests left at once after this one.
    pub remaining: u64,
    /// Seconds until the bucket is full again (the whole limit available).
    pub reset_seconds: u64,
    /// Seconds until one more request would pass (0 when allowed).
    pub retry_after_seconds: u64,
}

/// Judges a request at `now` against a bucket whose TAT is `tat` (0: never seen, i.e.
/// full). Returns the verdict and the TAT to store (unchanged when refused: a refused
/// request costs nothing, so a client that waits `Retry-After` gets through).
pub fn decide(tat: u64, now: u64, quota: &Quota) -> (Verdict, u64) {
    let start = tat.max(now);
    let next = start.saturating_add(quota.interval);
    let debt = next - now;
    if debt <= quota.window {
        let verdict = Verdict {
            allowed: true,
            limit: quota.limit,
            remaining: ((quota.window - debt) / quota.interval).min(quota.limit),
            reset_seconds: ceil_seconds(debt),
            retry_after_seconds: 0,
        };
        (verdict, next)
    } else {
        let verdict = Verdict {
            allowed: false,
            limit: quota.limit,
            remaining: 0,
            reset_seconds: ceil_seconds(start - now),
            // Waiting this long brings the debt down to the window; at least a second,
            // as `Retry-After` counts whole seconds.
            retry_after_seconds: ceil_seconds(debt - quota.window).max(1),
        };
        (verdict, tat)
    }
}

/// Gives back one allowed request's cost: the TAT to store. Never below `now` (a TAT in
/// the past is a full bucket already).
pub fn refund(tat: u64, now: u64, quota: &Quota) -> u64 {
    tat.saturating_sub(quota.interval).max(now)
}

fn ceil_seconds(nanos: u64) -> u64 {
    nanos.div_ceil(SECOND)
}
