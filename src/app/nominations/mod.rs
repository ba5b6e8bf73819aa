//! Nominations (đề nghị khen thưởng): a unit proposes a collective or an individual for
//! the Chair's Bằng khen or a state award, with a dossier; the unit's head submits; DIC
//! may return it; the unit may withdraw it before consolidation; Home Affairs appraises;
//! the Chair closes, posts for comment, forwards and records the central outcome. The
//! steps follow the state machine of `domain::nomination`, on the one pipeline of
//! `app::workflow` ([`Nominations`], [`NominationStep`]).

mod case;
mod edit;
pub mod model;
mod outcome;
pub mod postings;
mod read;
pub mod rekey;
pub mod rules;
mod steps;

pub use case::{
    dossier_status, load_visible, load_visible_many, view, visible, visible_row, NominationCase,
    Nominations,
};
pub use edit::{create, update};
pub use model::*;
pub use outcome::take_state_award_place;
pub use read::{get, history, list};
pub use steps::{take, NominationStep, StepDetail};
