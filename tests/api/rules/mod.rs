//! Use-case tests: each rule tested at the layer that owns it (`src/app`), on both
//! databases, without HTTP. The HTTP tests beside them keep the contract.

mod award_history;
mod batches;
mod consolidation;
mod dashboard;
mod deadlines;
mod decisions;
mod dossier;
mod lost_races;
mod movements;
mod nominations;
mod organisation;
mod plans;
mod reports;
mod review_fixtures;
mod rollup;
mod state_awards;
mod unit_awards;
mod users;
