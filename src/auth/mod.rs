//! Identity: roles, password hashing, tokens, the authenticated-caller extractor, and
//! the one policy module where every authorisation decision is made.

pub mod password;
pub mod policy;
pub mod tokens;

use crate::db::repo::users as user_repo;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use std::future::Future;
use std::pin::Pin;

pub use crate::domain::role::Role;

/// The authenticated user behind a request, as the database says now (a deactivated
/// user or a changed role takes effect at once, not when the token expires).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub username: String,
    pub full_name: String,
    pub unit_id: String,
    pub roles: Vec<Role>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Who is calling, and the request id that audit events carry (handlers not yet moved
/// to `api::exec`: it takes a pool checkout of its own).
#[derive(Debug, Clone)]
pub struct LegacyCaller {
    pub actor: Actor,
    pub request_id: Option<String>,
}

pub fn request_id_of(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
}

pub fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let text = value
        .to_str()
        .map_err(|_| ApiError::new(ErrorCode::InvalidToken))?;
    let (scheme, token) = text
        .split_once(' ')
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidToken))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidToken));
    }
    Ok(token.trim().to_string())
}

impl FromRequest for LegacyCaller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal("application state missing"))?
                .clone();
            let token = bearer_token(&req)?;
            let subject = state.tokens.verify_access(&token)?;
            let pool = state.pool.clone();
            let user = web::block(move || {
                let mut conn = pool.get()?;
                Ok::<_, ApiError>(user_repo::find_for_subject(&mut conn, &subject)?)
            })
            .await??;
            let user = user.ok_or_else(|| ApiError::new(ErrorCode::InvalidToken))?;
            if !user.active {
                return Err(ApiError::new(ErrorCode::AccountInactive));
            }
            let actor = Actor {
                user_id: user.id,
                username: user.username,
                full_name: user.full_name,
                unit_id: user.unit_id,
                roles: user.roles.to_vec(),
            };
            tracing::Span::current().record("user", actor.username.as_str());
            Ok(LegacyCaller {
                actor,
                request_id: request_id_of(&req),
            })
        })
    }
}
