//! Access tokens (JWT, algorithm pinned, `exp`/`iss`/`aud` checked) and refresh tokens
//! (opaque random strings, stored only as SHA-256, rotated on use).

use crate::config::{IdpAlgorithm, Settings};
use crate::error::{ApiError, ErrorCode};
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    sub: String,
    iss: String,
    aud: String,
    exp: i64,
    #[serde(default)]
    iat: i64,
    #[serde(default)]
    jti: String,
    /// The session (login) the token belongs to: its refresh-token family. Checked on
    /// every request, so a revoked session stops at once.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    sid: String,
}

/// A verified access token: whom it names and, for our own tokens, its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub subject: Subject,
    /// None for the identity provider's tokens (its sessions are its own).
    pub session: Option<String>,
}

/// Who a verified token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Our own token: the user's id.
    UserId(String),
    /// The province's identity provider: the username claim, matched to a local user
    /// whose record decides roles and unit.
    Username(String),
}

struct ExternalVerifier {
    key: DecodingKey,
    validation: Validation,
    algorithm: Algorithm,
    username_claim: String,
}

pub struct TokenService {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    pub access_ttl_seconds: i64,
    pub refresh_ttl_seconds: i64,
    external: Option<ExternalVerifier>,
}

impl TokenService {
    pub fn new(settings: &Settings, secret: &str) -> Result<Self, String> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[settings.jwt_issuer.as_str()]);
        validation.set_audience(&[settings.jwt_audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let external = match &settings.identity_provider {
            None => None,
            Some(idp) => {
                let pem = idp.public_key_pem.as_bytes();
                let (key, algorithm) = match idp.algorithm {
                    IdpAlgorithm::Rs256 => (DecodingKey::from_rsa_pem(pem), Algorithm::RS256),
                    IdpAlgorithm::Es256 => (DecodingKey::from_ec_pem(pem), Algorithm::ES256),
                    IdpAlgorithm::EdDsa => (DecodingKey::from_ed_pem(pem), Algorithm::EdDSA),
                };
                let key = key.map_err(|e| format!("THIDUA_IDP_PUBLIC_KEY_FILE: {e}"))?;
                let mut v = Validation::new(algorithm);
                v.set_issuer(&[idp.issuer.as_str()]);
                v.set_audience(&[idp.audience.as_str()]);
                v.set_required_spec_claims(&["exp", "iss", "aud"]);
                v.leeway = 5;
                Some(ExternalVerifier {
                    key,
                    validation: v,
                    algorithm,
                    username_claim: idp.username_claim.clone(),
                })
            }
        };
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
            validation,
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
            access_ttl_seconds: settings.access_token_ttl_seconds,
            refresh_ttl_seconds: settings.refresh_token_ttl_seconds,
            external,
        })
    }

    /// An access token for `user_id` in the login `session`.
    pub fn issue_access(&self, user_id: &str, session: &str, now: i64) -> Result<String, ApiError> {
        let claims = AccessClaims {
            sid: session.to_string(),
            sub: user_id.to_string(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp: now + self.access_ttl_seconds,
            iat: now,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// Verifies a bearer token: ours (HS256) or, when configured, the identity
    /// provider's (its pinned algorithm). Anything else is 401.
    pub fn verify_access(&self, token: &str) -> Result<Subject, ApiError> {
        self.verify(token).map(|v| v.subject)
    }

    /// Verifies a bearer token and reads its session, if it has one.
    pub fn verify(&self, token: &str) -> Result<Verified, ApiError> {
        let invalid = || ApiError::new(ErrorCode::InvalidToken);
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid())?;
        if header.alg == Algorithm::HS256 {
            let data =
                jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
                    .map_err(|_| invalid())?;
            let sid = data.claims.sid;
            return Ok(Verified {
                subject: Subject::UserId(data.claims.sub),
                session: (!sid.is_empty()).then_some(sid),
            });
        }
        match &self.external {
            Some(ext) if header.alg == ext.algorithm => {
                let data = jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
                    token,
                    &ext.key,
                    &ext.validation,
                )
                .map_err(|_| invalid())?;
                let username = data
                    .claims
                    .get(&ext.username_claim)
                    .and_then(|v| v.as_str())
                    .filter(|s| !s.is_empty())
                    .ok_or_else(invalid)?;
                Ok(Verified {
                    subject: Subject::Username(username.to_string()),
                    session: None,
                })
            }
            _ => Err(invalid()),
        }
    }
}

/// A new refresh token: 32 random bytes, URL-safe base64.
pub fn new_refresh_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a refresh token.
pub fn refresh_token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A strong random secret for HS256 (64 characters).
pub fn generate_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(aud: &str) -> TokenService {
        let mut s = Settings::from_vars(Vec::new()).unwrap();
        s.jwt_audience = aud.into();
        TokenService::new(&s, "a-test-secret-that-is-long-enough-0123456789").unwrap()
    }

    #[test]
    fn issued_tokens_verify_and_name_the_user() {
        let t = service("thidua-api");
        let now = chrono::Utc::now().timestamp();
        let tok = t.issue_access("u-1", "s-1", now).unwrap();
        assert_eq!(
            t.verify(&tok).unwrap(),
            Verified {
                subject: Subject::UserId("u-1".into()),
                session: Some("s-1".into())
            }
        );
    }

    #[test]
    fn expired_wrong_audience_and_unsigned_tokens_are_refused() {
        let t = service("thidua-api");
        let old = chrono::Utc::now().timestamp() - 3600;
        assert!(t
            .verify_access(&t.issue_access("u-1", "s-1", old).unwrap())
            .is_err());
        let other = service("another-api");
        let now = chrono::Utc::now().timestamp();
        assert!(t
            .verify_access(&other.issue_access("u-1", "s-1", now).unwrap())
            .is_err());
        // alg: none
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let none = format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(&format!(
                r#"{{"sub":"u-1","iss":"thidua","aud":"thidua-api","exp":{}}}"#,
                now + 60
            ))
        );
        assert!(t.verify_access(&none).is_err());
        assert!(t.verify_access("garbage").is_err());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let a = new_refresh_token();
        assert_ne!(a, new_refresh_token());
        assert_eq!(refresh_token_hash(&a).len(), 64);
    }
}
