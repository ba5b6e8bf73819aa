//! Integration tests: one binary, the real app, a fresh database per test. Set
//! TEST_DATABASE_URL to run them all on PostgreSQL.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod helpers;

mod auth;
mod award_kinds;
mod cli;
mod contract;
mod contract_answers;
mod contract_examples;
mod contract_shape;
mod csv;
mod dashboard;
mod deadlines;
mod decisions;
mod demo;
mod errors;
mod exemplary_models;
mod hardening_dossier;
mod hardening_edges;
mod hardening_input;
mod hardening_personal_data;
mod hardening_races;
mod hardening_sessions;
mod households;
mod messages;
mod migrations;
mod movements;
mod nominations;
mod ops;
mod organisation;
mod parent_units;
mod plans;
mod policy;
mod rankings;
mod rate_limit;
mod reports;
mod rollup;
mod rules;
mod state_awards;
mod statements;
mod submissions;
mod unit_awards;
mod users;
