//! Rules that know nothing of HTTP or the database.

pub mod audit;
pub mod calendar;
pub mod consolidation;
pub mod dossier;
pub mod nomination;
pub mod nominee;
pub mod review;
pub mod search;
pub mod validate;
