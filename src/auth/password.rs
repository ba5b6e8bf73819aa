//! Passwords: argon2id with a per-password salt.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Verifies `password` against a stored argon2 hash. The work memory (~19 MiB at the
/// default cost) comes from a shared stock, reused rather than allocated per call: the
/// allocator would otherwise keep a copy per blocking thread (seen: 322 MB peak RSS
/// under a login flood), so memory is bounded by the verifications run at once.
pub fn verify(password: &str, stored: &str) -> bool {
    verify_parsed(password, stored).unwrap_or(false)
}

fn verify_parsed(password: &str, stored: &str) -> Option<bool> {
    let parsed = PasswordHash::new(stored).ok()?;
    let expected = parsed.hash?;
    let algorithm = argon2::Algorithm::try_from(parsed.algorithm).ok()?;
    let version = match parsed.version {
        Some(v) => argon2::Version::try_from(v).ok()?,
        None => argon2::Version::default(),
    };
    let params = argon2::Params::try_from(&parsed).ok()?;
    let mut salt_buf = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt_buf).ok()?;
    let mut out = vec![0u8; expected.len()];
    let mut blocks = memory::take(params.block_count());
    let hashed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut out,
        &mut blocks[..],
    );
    memory::give_back(blocks);
    hashed.ok()?;
    // `Output`'s equality is constant-time.
    Some(argon2::password_hash::Output::new(&out).ok()? == expected)
}

/// Work memory for argon2, kept between verifications.
mod memory {
    use argon2::Block;
    use std::sync::Mutex;

    static STOCK: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

    pub fn take(blocks: usize) -> Vec<Block> {
        let mut v = STOCK
            .lock()
            .ok()
            .and_then(|mut stock| stock.pop())
            .unwrap_or_default();
        v.resize(blocks, Block::default());
        v
    }

    pub fn give_back(v: Vec<Block>) {
        if let Ok(mut stock) = STOCK.lock() {
            stock.push(v);
        }
    }
}

/// Verifies against a fixed hash, so an unknown username costs the same time as a
/// wrong password.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("thidua-dummy-password").unwrap_or_default());
    let _ = verify(password, stored);
}

/// A random password for generated accounts (demo data): 20 URL-safe characters.
pub fn generate() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect()
}

/// Bounds the password verifications one instance runs at once (argon2 takes ~19 MiB
/// and a core for tens of milliseconds each): a login waits a short while for a slot,
/// then is refused with 503 `login_busy` and Retry-After, so a flood of logins cannot
/// starve other requests of threads or memory.
pub struct VerifyGate {
    slots: std::sync::Arc<tokio::sync::Semaphore>,
    wait: std::time::Duration,
}

impl VerifyGate {
    pub fn new(slots: usize, wait: std::time::Duration) -> Self {
        Self {
            slots: std::sync::Arc::new(tokio::sync::Semaphore::new(slots.max(1))),
            wait,
        }
    }

    /// A slot, once free within the wait; else 503 `login_busy` with Retry-After. The
    /// slot is owned: move it into the blocking closure that verifies, so that it is held
    /// until argon2 ends even if the request is dropped (a client that hangs up).
    pub async fn enter(&self) -> Result<tokio::sync::OwnedSemaphorePermit, crate::error::ApiError> {
        use crate::error::{ApiError, ErrorCode};
        let busy = || ApiError::new(ErrorCode::LoginBusy).retry_after(1);
        tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|_| busy())
    }

    /// Runs `verify` on a blocking thread once a slot is free, holding the slot.
    pub async fn run<T, F>(&self, verify: F) -> Result<T, crate::error::ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let slot = self.enter().await?;
        Ok(actix_web::web::block(move || {
            let out = verify();
            drop(slot);
            out
        })
        .await?)
    }

    /// Slots free now.
    pub fn free_slots(&self) -> usize {
        self.slots.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("mật khẩu đủ dài").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("mật khẩu đủ dài", &h));
        assert!(!verify("sai mật khẩu", &h));
        assert!(!verify("x", "not a hash"));
        // Hashes made elsewhere (other costs) verify too, with the stock memory.
        let cheap = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(1024, 1, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let h = cheap
            .hash_password(b"khac-chi-phi", &salt)
            .unwrap()
            .to_string();
        assert!(verify("khac-chi-phi", &h));
        assert!(!verify("khac-chi-phi!", &h));
    }
}
