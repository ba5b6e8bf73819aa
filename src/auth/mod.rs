//! Identity: roles, password hashing, tokens, the actor behind a request, and the one
//! policy module where every authorisation decision is made (the HTTP extractor is
//! `api::Caller`).

pub mod password;
pub mod policy;
pub mod tokens;

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
