//! The review lifecycle shared by plans and reports:
//! draft → submitted → accepted | returned (→ submitted again).
//! Who may take each step is the policy's business; this says which steps exist.
//! Also the kinds of plan and report.

use utoipa::ToSchema;

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ReviewStatus {
        /// bản nháp: the unit edits it
        Draft = "draft",
        /// đã gửi: waiting for the standing unit (DIC)
        Submitted = "submitted",
        /// đã chấp nhận
        Accepted = "accepted",
        /// bị trả lại: the unit edits and submits again
        Returned = "returned",
    }
}

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ReviewAction {
        Submit = "submit",
        Accept = "accept",
        Return = "return",
    }
}

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum PlanKind {
        /// kế hoạch hằng năm
        Annual = "annual",
        /// kế hoạch giai đoạn (the movement's whole period)
        Period = "period",
    }
}

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum ReportKind {
        /// hằng năm: due 10 December of the year
        Annual = "annual",
        /// sơ kết: for an interim award round
        Interim = "interim",
        /// tổng kết: for a final award round
        Final = "final",
    }
}

impl ReviewStatus {
    /// The unit may change the content.
    pub fn editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    /// The state a step leads to, or None when the step is not possible from here.
    pub fn after(self, action: ReviewAction) -> Option<ReviewStatus> {
        use ReviewAction::*;
        use ReviewStatus::*;
        match (self, action) {
            (Draft | Returned, Submit) => Some(Submitted),
            (Submitted, Accept) => Some(Accepted),
            (Submitted, Return) => Some(Returned),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReviewAction::*;
    use super::ReviewStatus::*;
    use super::*;

    #[test]
    fn the_lifecycle_allows_exactly_these_steps() {
        let allowed = [
            (Draft, Submit, Submitted),
            (Returned, Submit, Submitted),
            (Submitted, Accept, Accepted),
            (Submitted, Return, Returned),
        ];
        for from in ReviewStatus::ALL {
            for action in [Submit, Accept, Return] {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(from.after(action), expected, "{from:?} {action:?}");
            }
        }
    }

    #[test]
    fn only_drafts_and_returned_ones_are_editable_and_drafts_are_private() {
        assert!(Draft.editable() && Returned.editable());
        assert!(!Submitted.editable() && !Accepted.editable());
    }
}
