//! The kinds of deadline a caller's list holds.

use utoipa::ToSchema;

crate::text_enum! {
    #[derive(ToSchema)]
    pub enum DeadlineKind {
        /// A plan of the caller's unit is still a draft or was returned.
        PlanNotSubmitted = "plan_not_submitted",
        /// The caller's unit has no annual plan for this year yet.
        PlanMissing = "plan_missing",
        /// A report of the caller's unit is due soon.
        ReportDue = "report_due",
        /// A report of the caller's unit is past its due day and not submitted.
        ReportOverdue = "report_overdue",
        /// A submitted plan or report waits for the caller's review.
        ReviewDue = "review_due",
        /// … longer than the movement's working-day limit.
        ReviewOverdue = "review_overdue",
        /// A consolidated nomination waits for Home Affairs' appraisal.
        AppraisalDue = "appraisal_due",
        /// … longer than the round's working-day limit (25 by default).
        AppraisalOverdue = "appraisal_overdue",
    }
}
