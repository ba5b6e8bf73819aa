//! Rules that know nothing of HTTP or the database.

pub mod audit;
pub mod search;
pub mod validate;
