//! Passwords: argon2id with a per-password salt.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
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

pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
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
    slots: tokio::sync::Semaphore,
    wait: std::time::Duration,
}

impl VerifyGate {
    pub fn new(slots: usize, wait: std::time::Duration) -> Self {
        Self {
            slots: tokio::sync::Semaphore::new(slots.max(1)),
            wait,
        }
    }

    /// A slot, once free within the wait; else 503 `login_busy` with Retry-After.
    pub async fn enter(&self) -> Result<tokio::sync::SemaphorePermit<'_>, crate::error::ApiError> {
        use crate::error::{ApiError, ErrorCode};
        let busy = || ApiError::new(ErrorCode::LoginBusy).retry_after(1);
        tokio::time::timeout(self.wait, self.slots.acquire())
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
        let permit = self.enter().await?;
        let out = actix_web::web::block(verify).await?;
        drop(permit);
        Ok(out)
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
    }
}
