//! Rules that know nothing of HTTP or the database.

pub mod achievement;
pub mod audit;
pub mod award;
pub mod award_source;
pub mod calendar;
pub mod csv;
pub mod deadline;
pub mod dossier;
pub mod exemplary_model;
pub mod id;
pub mod invisible;
pub mod nomination;
pub mod nominee;
pub mod organisation;
pub mod personal_data;
pub mod review;
pub mod role;
pub mod rollup;
pub mod search;
pub mod validate;
pub mod vocab;
pub mod when;
