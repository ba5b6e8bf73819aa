//! Legacy paths of what plans and reports share, for the nomination handlers not yet
//! moved to `src/app` (new code uses `app::review` and `app::workflow`).

pub use crate::app::review::{
    acting_role, caller_scope, checked_comment, next_status, record_step,
    report_readable_movements, require_editable, visible_movement, ReturnReason, StepComment,
};
pub use crate::app::workflow::{checked_text, history, last_submitter, History, HistoryEntry};
