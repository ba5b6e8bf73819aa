//! Exemplary models (mô hình tiêu biểu, điển hình tiên tiến; plan I.1, III.4, V.1): a
//! unit's practice with results, proposed by the unit, recognised by DIC of the
//! movement's standing unit by a decision of its own, later retired; replicated by
//! other units, whose replication DIC may confirm.
//!
//! draft → submitted → recognized → retired, and submitted → returned → submitted.
//! Who takes each step is the policy's business; this says which steps exist.

use utoipa::ToSchema;

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ModelStatus {
        /// bản nháp: the unit edits it
        Draft = "draft",
        /// đã gửi: waiting for DIC of the movement's standing unit
        Submitted = "submitted",
        /// bị trả lại: the unit edits and submits again
        Returned = "returned",
        /// đã công nhận: recognised by DIC's decision; public, replicable
        Recognized = "recognized",
        /// đã thôi công nhận: no longer an example to follow (kept, with the reason)
        Retired = "retired",
    }
}

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ModelAction {
        Submit = "submit",
        Recognize = "recognize",
        Return = "return",
        Retire = "retire",
    }
}

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ReplicationStatus {
        /// đã đăng ký: the replicating unit's own account
        Registered = "registered",
        /// đã xác nhận: DIC confirmed it
        Confirmed = "confirmed",
    }
}

impl ModelStatus {
    /// The unit may change the content and the evidence files.
    pub fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    /// Other units may register a replication.
    pub fn replicable(self) -> bool {
        self == Self::Recognized
    }

    /// Seen by the movement's reviewers (DIC): everything the unit has sent.
    pub fn sent(self) -> bool {
        self != Self::Draft
    }

    /// Seen by everyone signed in: recognised once (retired ones stay on record).
    pub fn public(self) -> bool {
        matches!(self, Self::Recognized | Self::Retired)
    }

    /// The state a step leads to, or None when the step is not possible from here.
    pub fn after(self, action: ModelAction) -> Option<ModelStatus> {
        use ModelAction::*;
        use ModelStatus::*;
        match (self, action) {
            (Draft | Returned, Submit) => Some(Submitted),
            (Submitted, Recognize) => Some(Recognized),
            (Submitted, Return) => Some(Returned),
            (Recognized, Retire) => Some(Retired),
            _ => None,
        }
    }
}

/// The year a model started: not before 2000 (the service's years) nor after this year.
pub fn started_year_ok(year: i32, this_year: i32) -> bool {
    (2000..=this_year).contains(&year)
}

#[cfg(test)]
mod tests {
    use super::ModelAction::*;
    use super::ModelStatus::*;
    use super::*;

    #[test]
    fn the_lifecycle_allows_exactly_these_steps() {
        let allowed = [
            (Draft, Submit, Submitted),
            (Returned, Submit, Submitted),
            (Submitted, Recognize, Recognized),
            (Submitted, Return, Returned),
            (Recognized, Retire, Retired),
        ];
        for s in ModelStatus::ALL {
            for a in ModelAction::ALL {
                let expected = allowed
                    .iter()
                    .find(|(from, act, _)| *from == s && *act == a)
                    .map(|(_, _, to)| *to);
                assert_eq!(s.after(a), expected, "{s} {a}");
            }
        }
    }

    #[test]
    fn who_sees_which_state() {
        assert!(Draft.editable() && Returned.editable());
        assert!(!Submitted.editable() && !Recognized.editable() && !Retired.editable());
        assert!(!Draft.sent() && Submitted.sent() && Returned.sent());
        assert!(Recognized.public() && Retired.public() && !Submitted.public());
        assert!(Recognized.replicable() && !Retired.replicable());
    }

    #[test]
    fn a_model_starts_in_a_past_or_present_year() {
        assert!(started_year_ok(2022, 2026));
        assert!(started_year_ok(2026, 2026));
        assert!(!started_year_ok(2027, 2026));
        assert!(!started_year_ok(1999, 2026));
    }
}
