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
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use utoipa::ToSchema;

/// The roles of DOMAIN.md. A user holds one or more.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// quản trị
    Admin,
    /// Sở Thông tin và Truyền thông — standing agency of a movement
    DicOfficer,
    /// Sở Nội vụ — appraising body
    HomeAffairsOfficer,
    /// Chủ tịch UBND Tỉnh
    Chair,
    /// cán bộ đơn vị
    UnitOfficer,
    /// thủ trưởng đơn vị
    UnitHead,
    /// thanh tra / giám sát: reads everything, writes nothing
    Auditor,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::DicOfficer,
        Role::HomeAffairsOfficer,
        Role::Chair,
        Role::UnitOfficer,
        Role::UnitHead,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::DicOfficer => "dic_officer",
            Role::HomeAffairsOfficer => "home_affairs_officer",
            Role::Chair => "chair",
            Role::UnitOfficer => "unit_officer",
            Role::UnitHead => "unit_head",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles as stored: sorted, space-separated.
    pub fn join(roles: &[Role]) -> String {
        let mut r = roles.to_vec();
        r.sort();
        r.dedup();
        r.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" ")
    }

    pub fn split(stored: &str) -> Vec<Role> {
        stored.split_whitespace().filter_map(Role::parse).collect()
    }
}

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

/// Who is calling, and the request id that audit events carry.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub request_id: Option<String>,
}

pub fn request_id_of(req: &HttpRequest) -> Option<String> {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
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

impl FromRequest for Caller {
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
                roles: Role::split(&user.roles),
            };
            tracing::Span::current().record("user", actor.username.as_str());
            Ok(Caller {
                actor,
                request_id: request_id_of(&req),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_role_name_is_part_of_another() {
        // Users are filtered by role with LIKE on the stored list.
        for a in Role::ALL {
            for b in Role::ALL {
                if a != b {
                    assert!(!a.as_str().contains(b.as_str()), "{a:?} contains {b:?}");
                }
            }
        }
    }

    #[test]
    fn roles_round_trip_sorted() {
        let stored = Role::join(&[Role::UnitHead, Role::Admin, Role::UnitHead]);
        assert_eq!(stored, "admin unit_head");
        assert_eq!(Role::split(&stored), vec![Role::Admin, Role::UnitHead]);
    }
}
