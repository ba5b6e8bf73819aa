//! Repositories: the queries, one file per area. Shared SQL only; where a backend needs
//! its own statement, a `match` on the connection here, never in handlers.

pub mod audit;
pub mod deadlines;
pub mod decisions;
pub mod dossier;
pub mod exemplary_models;
pub mod figures;
pub mod idempotency;
pub mod movements;
pub mod nominations;
pub mod nominee_keys;
pub mod organisation;
pub mod personal_data;
pub mod plans;
pub mod reports;
pub mod security;
pub mod submissions;
pub mod unit_awards;
pub mod users;
pub mod workflow;
