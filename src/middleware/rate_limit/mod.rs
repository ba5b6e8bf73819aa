//! A per-instance request rate limit for `/api/v1` (issue 11 defect 10), with the
//! `RateLimit` and `RateLimit-Policy` headers of draft-ietf-httpapi-ratelimit-headers-09
//! on every answer and 429 `rate_limited` past the limit, before any handler runs.
//!
//! The caller is a keyed hash (SipHash with a per-process random key) of the raw
//! `Authorization` header on protected paths — verifying the token would cost more than
//! the limit saves — else of the client address as the login limiter computes it.
//! Raw headers are free to mint, so a token never seen before is charged to its address
//! up front (refused when the address is out of budget, however many arrive at once) and
//! kept only when its signature was verified: then the address gets its request back.
//! A new token the service never verified (a 404, 405, 406, 401 or a body refused before
//! the handler) is forgotten and its address keeps the charge, and a known token that is
//! refused 401 (expired, revoked) is forgotten and charged to its address: made-up tokens
//! neither escape the address limit nor fill the map.
//!
//! Per instance and in memory (the login limiter's counters are in the database, as
//! logins must be limited across instances; here cost matters more than exactness:
//! behind N instances a caller gets up to N times the limit).

mod gcra;
mod layer;
#[cfg(test)]
mod tests;

pub use gcra::{Quota, Verdict};
pub use layer::rate_limit;

use crate::config::Settings;
use actix_web::http::header::{HeaderName, HeaderValue};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::Mutex;
use std::time::Instant;

/// The window every quota counts over, in seconds.
pub const WINDOW_SECONDS: u64 = 60;
const SHARDS: usize = 16;
/// A full shard is swept at most this often (nanoseconds): a flood of new keys must not
/// make every request walk the shard.
const MIN_SWEEP_GAP: u64 = gcra::SECOND;

pub static RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
pub static RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// Who a request is charged to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Token = 0,
    Address = 1,
}

/// The keys are SipHash outputs already: hashing them again would only cost.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Default)]
struct Shard {
    /// Key → TAT (nanoseconds since the limiter's epoch).
    tats: HashMap<u64, u64, BuildHasherDefault<Identity>>,
    /// Shared by the new callers of each class while the shard is full of callers active
    /// within the last window. Evicting one instead would hand it a fresh budget (a
    /// caller cycling keys would reset itself); this keeps every known caller's budget
    /// exact and the memory bounded, at the price of new callers sharing one budget
    /// during such a flood.
    overflow: [u64; 2],
    swept_at: u64,
}

/// The limiter of one instance: 16 mutex-guarded shards of key → TAT.
pub struct RateLimiter {
    token: Quota,
    anonymous: Quota,
    shard_capacity: usize,
    shards: Vec<Mutex<Shard>>,
    keys: std::hash::RandomState,
    epoch: Instant,
    policy_token: HeaderValue,
    policy_anonymous: HeaderValue,
}

/// A verdict and what the middleware needs to settle the request afterwards.
#[derive(Debug, Clone, Copy)]
pub struct Charge {
    pub verdict: Verdict,
    key: u64,
    class: Class,
    /// The key was not in the map before this request.
    new: bool,
    /// Whose budget the verdict speaks of (a new token refused for its address's).
    judged: Class,
    /// The address a new token's request was charged to up front, to refund once the
    /// token is verified.
    upfront: Option<u64>,
}

impl Charge {
    fn of(verdict: Verdict, key: u64, class: Class, new: bool) -> Self {
        Self {
            verdict,
            key,
            class,
            new,
            judged: class,
            upfront: None,
        }
    }
}

/// A marker the caller extractor leaves on a request whose token's signature it
/// verified: only such a token earns a budget of its own.
#[derive(Debug, Clone, Copy)]
pub struct TokenVerified;

impl RateLimiter {
    /// None when `THIDUA_RATE_LIMIT_PER_MINUTE` is 0 (no limit, no headers).
    pub fn from_settings(settings: &Settings) -> Option<Self> {
        Self::new(
            settings.rate_limit_per_minute,
            settings.rate_limit_anonymous_per_minute,
            settings.rate_limit_max_keys,
        )
    }

    pub fn new(per_minute: u64, anonymous_per_minute: u64, max_keys: usize) -> Option<Self> {
        let token = Quota::per_window(per_minute, WINDOW_SECONDS)?;
        let anonymous = Quota::per_window(anonymous_per_minute, WINDOW_SECONDS).unwrap_or(token);
        Some(Self {
            token,
            anonymous,
            shard_capacity: (max_keys / SHARDS).max(1),
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            keys: std::hash::RandomState::new(),
            epoch: Instant::now(),
            policy_token: policy(&token),
            policy_anonymous: policy(&anonymous),
        })
    }

    /// Now, in nanoseconds since the limiter started.
    pub fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    fn quota(&self, class: Class) -> &Quota {
        match class {
            Class::Token => &self.token,
            Class::Address => &self.anonymous,
        }
    }

    fn key(&self, class: Class, bytes: &[u8]) -> u64 {
        let mut h = self.keys.build_hasher();
        h.write_u8(class as u8);
        h.write(bytes);
        h.finish()
    }

    /// The shard from bits the map does not use itself (it takes the low bits for the
    /// slot and the top seven as tags).
    fn shard(&self, key: u64) -> &Mutex<Shard> {
        &self.shards[((key >> 40) as usize) % SHARDS]
    }

    /// Charges one request to a token (the raw `Authorization` value). A token not seen
    /// before is charged to its address (`address`, computed only then) first, and
    /// refused when the address is out of budget.
    pub fn check_token(
        &self,
        authorization: &[u8],
        address: impl FnOnce() -> String,
        now: u64,
    ) -> Charge {
        let key = self.key(Class::Token, authorization);
        if let Some(charge) = self.charge_known(Class::Token, key, now) {
            return charge;
        }
        let address_key = self.key(Class::Address, address().as_bytes());
        let upfront = self.charge(Class::Address, address_key, now);
        if !upfront.verdict.allowed {
            return Charge {
                verdict: upfront.verdict,
                key,
                class: Class::Token,
                new: true,
                judged: Class::Address,
                upfront: None,
            };
        }
        let mut charge = self.charge(Class::Token, key, now);
        if charge.verdict.allowed {
            charge.upfront = Some(address_key);
        } else {
            self.refund(address_key, now);
        }
        charge
    }

    /// Charges one request to a client address.
    pub fn check_address(&self, address: &str, now: u64) -> Charge {
        let key = self.key(Class::Address, address.as_bytes());
        self.charge(Class::Address, key, now)
    }

    /// Settles a token's request once answered: a new token is kept only when its
    /// signature was verified (and its address refunded), else forgotten with the charge
    /// left on its address; a known token refused 401 is forgotten and its address pays.
    pub fn settle(&self, charge: &Charge, verified: bool, status: u16, address: &str, now: u64) {
        if charge.class != Class::Token || !charge.verdict.allowed {
            return;
        }
        let keep = verified && status != 401;
        if keep {
            if let Some(address_key) = charge.upfront {
                self.refund(address_key, now);
            }
            return;
        }
        if !charge.new && status != 401 {
            return;
        }
        if let Ok(mut shard) = self.shard(charge.key).lock() {
            shard.tats.remove(&charge.key);
        }
        if !charge.new {
            self.check_address(address, now);
        }
    }

    fn refund(&self, address_key: u64, now: u64) {
        if let Ok(mut shard) = self.shard(address_key).lock() {
            if let Some(tat) = shard.tats.get_mut(&address_key) {
                *tat = gcra::refund(*tat, now, &self.anonymous);
            }
        }
    }

    fn charge_known(&self, class: Class, key: u64, now: u64) -> Option<Charge> {
        let mut shard = self.shard(key).lock().ok()?;
        let tat = shard.tats.get_mut(&key)?;
        let (verdict, next) = gcra::decide(*tat, now, self.quota(class));
        *tat = next;
        Some(Charge::of(verdict, key, class, false))
    }

    fn charge(&self, class: Class, key: u64, now: u64) -> Charge {
        let quota = *self.quota(class);
        // A poisoned shard (a panic while held) lets requests through rather than
        // refusing everyone.
        let Ok(mut shard) = self.shard(key).lock() else {
            return Charge::of(gcra::decide(0, now, &quota).0, key, class, true);
        };
        if let Some(tat) = shard.tats.get_mut(&key) {
            let (verdict, next) = gcra::decide(*tat, now, &quota);
            *tat = next;
            return Charge::of(verdict, key, class, false);
        }
        // A new key: sweep once a window, or when full (at most once a second). A bucket
        // whose TAT has passed is full, the same as no entry.
        let since = now.saturating_sub(shard.swept_at);
        let full = shard.tats.len() >= self.shard_capacity;
        if since >= quota.window || (full && since >= MIN_SWEEP_GAP) {
            shard.tats.retain(|_, tat| *tat > now);
            shard.swept_at = now;
        }
        if shard.tats.len() >= self.shard_capacity {
            let slot = &mut shard.overflow[class as usize];
            let (verdict, next) = gcra::decide(*slot, now, &quota);
            *slot = next;
            return Charge::of(verdict, key, class, true);
        }
        let (verdict, next) = gcra::decide(0, now, &quota);
        shard.tats.insert(key, next);
        Charge::of(verdict, key, class, true)
    }

    /// Keys held (tests, diagnostics).
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map(|s| s.tats.len()).unwrap_or(0))
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn policy(&self, charge: &Charge) -> HeaderValue {
        match charge.judged {
            Class::Token => self.policy_token.clone(),
            Class::Address => self.policy_anonymous.clone(),
        }
    }
}

fn policy(quota: &Quota) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "\"default\";q={};w={}",
        quota.limit,
        quota.window_seconds()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("\"default\""))
}

/// `RateLimit: "default";r=<remaining>;t=<seconds to reset>`.
pub fn state_header(verdict: &Verdict) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "\"default\";r={};t={}",
        verdict.remaining, verdict.reset_seconds
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("\"default\""))
}
