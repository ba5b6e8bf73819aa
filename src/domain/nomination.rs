//! The nomination workflow (DOMAIN.md, "The review workflow") as one explicit state
//! machine: the states, the steps, who takes each step and what each requires. Pure:
//! the handlers of the nominations resource (issue 4) call `step` and apply the result.

pub use crate::domain::award::AwardForm;
use crate::domain::role::Role;

crate::text_enum! {
    /// The nomination's state (see the workflow in DOMAIN.md).
    #[derive(utoipa::ToSchema)]
    #[schema(as = NominationStatus)]
    pub enum State {
        /// bản nháp: the proposing unit edits the nomination and its dossier
        Draft = "draft",
        /// đã gửi: signed off by the unit head; the dossier is frozen
        Submitted = "submitted",
        /// bị trả lại: back with the unit, editable, resubmittable
        Returned = "returned",
        /// đã rút: withdrawn by the unit before consolidation (final)
        Withdrawn = "withdrawn",
        /// đã tổng hợp: in DIC's submission to Home Affairs
        Consolidated = "consolidated",
        /// thẩm định đạt: approved by Home Affairs
        Approved = "approved",
        /// thẩm định không đạt: rejected by Home Affairs (final)
        Rejected = "rejected",
        /// đã khen thưởng: in a decision of the Chair (final, provincial_merit)
        Awarded = "awarded",
        /// không khen thưởng: closed by the Chair with a reason (final)
        NotAwarded = "not_awarded",
        /// đăng công khai lấy ý kiến: state award nominee posted for public comment
        PostedForComment = "posted_for_comment",
        /// đã trình Trung ương: forwarded by the Chair (state_award)
        ForwardedToCentral = "forwarded_to_central",
        /// được khen thưởng cấp Nhà nước (final)
        StateAwarded = "state_awarded",
        /// không được khen thưởng cấp Nhà nước (final)
        StateDeclined = "state_declined",
    }
}

crate::text_enum! {
    // Home Affairs' appraisal of a consolidated nomination (no doc: the contract has none).
    #[derive(utoipa::ToSchema)]
    pub enum Verdict {
        /// thẩm định đạt
        Approve = "approve",
        /// thẩm định không đạt
        Reject = "reject",
    }
}

crate::text_enum! {
    // The central level's answer to a forwarded state-award nomination.
    #[derive(utoipa::ToSchema)]
    pub enum CentralResult {
        StateAwarded = "state_awarded",
        StateDeclined = "state_declined",
    }
}

/// A step on one nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Step {
    Submit,
    Withdraw,
    Return,
    Consolidate,
    Approve,
    Reject,
    Award,
    CloseNotAwarded,
    PostForComment,
    Forward,
    RecordStateAwarded,
    RecordStateDeclined,
}

/// What a step needs besides the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirements {
    /// The role that takes the step (with the unit rule the policy checks).
    pub role: Role,
    /// A reason or opinion must be given.
    pub reason: bool,
    /// Every required dossier document must be there.
    pub complete_dossier: bool,
    /// The round's nomination window must be open.
    pub open_window: bool,
}

impl State {
    /// The unit may change the nomination and its dossier.
    pub fn editable(self) -> bool {
        matches!(self, State::Draft | State::Returned)
    }

    /// No step leads out of it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Withdrawn
                | State::Rejected
                | State::Awarded
                | State::NotAwarded
                | State::StateAwarded
                | State::StateDeclined
        )
    }

    /// Counts against the round's duplicate rule (one achievement is rewarded once):
    /// every state but withdrawn, rejected and not awarded.
    pub fn holds_the_nominee(self) -> bool {
        !matches!(self, State::Withdrawn | State::Rejected | State::NotAwarded)
    }

    /// The statuses that no longer hold the nominee (withdrawn, rejected, not awarded),
    /// for the duplicate rule's query. The migrations' partial unique index on
    /// `nominations (round_id, nominee_key)` keeps its own copy of this list.
    pub fn released() -> impl Iterator<Item = &'static str> {
        State::ALL
            .into_iter()
            .filter(|s| !s.holds_the_nominee())
            .map(State::as_str)
    }
}

impl Step {
    /// The step's name in the history and the audit trail.
    pub const fn action(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Withdraw => "withdraw",
            Step::Return => "return",
            Step::Consolidate => "consolidate",
            Step::Approve => "approve",
            Step::Reject => "reject",
            Step::Award => "award",
            Step::CloseNotAwarded => "close",
            Step::PostForComment => "post_for_comment",
            Step::Forward => "forward",
            Step::RecordStateAwarded => "state_awarded",
            Step::RecordStateDeclined => "state_declined",
        }
    }

    /// The appraisal step of a verdict.
    pub const fn appraise(v: Verdict) -> Step {
        match v {
            Verdict::Approve => Step::Approve,
            Verdict::Reject => Step::Reject,
        }
    }

    /// The verdict an appraisal step records.
    pub const fn verdict(self) -> Option<Verdict> {
        match self {
            Step::Approve => Some(Verdict::Approve),
            Step::Reject => Some(Verdict::Reject),
            _ => None,
        }
    }

    /// The step that records a central result.
    pub const fn record_central(r: CentralResult) -> Step {
        match r {
            CentralResult::StateAwarded => Step::RecordStateAwarded,
            CentralResult::StateDeclined => Step::RecordStateDeclined,
        }
    }

    /// Steps refused for a nominee under discipline, investigation or complaint: no
    /// award is posted, forwarded, recorded or decided for them.
    pub const fn refused_when_flagged(self) -> bool {
        matches!(
            self,
            Step::PostForComment | Step::Forward | Step::RecordStateAwarded | Step::Award
        )
    }

    /// The name of the step's free text in the request (`opinion`, `reason`, `comment`).
    pub const fn text_field(self, reason_required: bool) -> &'static str {
        match self {
            Step::Approve | Step::Reject => "opinion",
            _ if reason_required => "reason",
            _ => "comment",
        }
    }

    pub fn requirements(self) -> Requirements {
        let r = |role, reason, complete_dossier, open_window| Requirements {
            role,
            reason,
            complete_dossier,
            open_window,
        };
        match self {
            Step::Submit => r(Role::UnitHead, false, true, true),
            Step::Withdraw => r(Role::UnitHead, false, false, false),
            // DIC before it sends the batch, Home Affairs during appraisal: see `step`.
            Step::Return => r(Role::DicOfficer, true, false, false),
            Step::Consolidate => r(Role::DicOfficer, false, false, false),
            Step::Approve => r(Role::HomeAffairsOfficer, true, false, false),
            Step::Reject => r(Role::HomeAffairsOfficer, true, false, false),
            Step::Award => r(Role::Chair, false, false, false),
            Step::CloseNotAwarded => r(Role::Chair, true, false, false),
            Step::PostForComment => r(Role::Chair, false, false, false),
            Step::Forward => r(Role::Chair, false, false, false),
            Step::RecordStateAwarded | Step::RecordStateDeclined => {
                r(Role::Chair, false, false, false)
            }
        }
    }
}

/// The outcome of a step: the next state and the role that must take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub to: State,
    pub role: Role,
    pub reason_required: bool,
}

/// The state a step leads to from `from`, for a nomination of `form`, and who takes it;
/// None when the step is not possible there (409 `invalid_state`).
pub fn step(from: State, s: Step, form: AwardForm) -> Option<Transition> {
    use State::*;
    let req = s.requirements();
    let t = |to, role| {
        Some(Transition {
            to,
            role,
            reason_required: req.reason,
        })
    };
    match (from, s) {
        (Draft | Returned, Step::Submit) => t(Submitted, req.role),
        (Draft | Returned | Submitted, Step::Withdraw) => t(Withdrawn, req.role),
        (Submitted, Step::Return) => t(Returned, Role::DicOfficer),
        (Consolidated, Step::Return) => t(Returned, Role::HomeAffairsOfficer),
        (Submitted, Step::Consolidate) => t(Consolidated, req.role),
        (Consolidated, Step::Approve) => t(Approved, req.role),
        (Consolidated, Step::Reject) => t(Rejected, req.role),
        (Approved, Step::Award) if form == AwardForm::ProvincialMerit => t(Awarded, req.role),
        (Approved, Step::CloseNotAwarded) => t(NotAwarded, req.role),
        (Approved, Step::PostForComment) if form == AwardForm::StateAward => {
            t(PostedForComment, req.role)
        }
        (PostedForComment, Step::Forward) => t(ForwardedToCentral, req.role),
        (PostedForComment, Step::CloseNotAwarded) => t(NotAwarded, req.role),
        (ForwardedToCentral, Step::RecordStateAwarded) => t(StateAwarded, req.role),
        (ForwardedToCentral, Step::RecordStateDeclined) => t(StateDeclined, req.role),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [Step; 12] = [
        Step::Submit,
        Step::Withdraw,
        Step::Return,
        Step::Consolidate,
        Step::Approve,
        Step::Reject,
        Step::Award,
        Step::CloseNotAwarded,
        Step::PostForComment,
        Step::Forward,
        Step::RecordStateAwarded,
        Step::RecordStateDeclined,
    ];

    fn walk(form: AwardForm, steps: &[Step]) -> State {
        steps.iter().fold(State::Draft, |s, st| {
            step(s, *st, form)
                .unwrap_or_else(|| panic!("{st:?} from {s:?}"))
                .to
        })
    }

    #[test]
    fn a_provincial_merit_nomination_goes_from_draft_to_awarded() {
        use Step::*;
        let end = walk(
            AwardForm::ProvincialMerit,
            &[
                Submit,
                Return,
                Submit,
                Consolidate,
                Return,
                Submit,
                Consolidate,
                Approve,
                Award,
            ],
        );
        assert_eq!(end, State::Awarded);
        assert!(step(
            State::Approved,
            Step::PostForComment,
            AwardForm::ProvincialMerit
        )
        .is_none());
    }

    #[test]
    fn a_state_award_is_posted_forwarded_and_decided_centrally() {
        use Step::*;
        assert_eq!(
            walk(
                AwardForm::StateAward,
                &[
                    Submit,
                    Consolidate,
                    Approve,
                    PostForComment,
                    Forward,
                    RecordStateAwarded
                ]
            ),
            State::StateAwarded
        );
        assert_eq!(
            walk(
                AwardForm::StateAward,
                &[
                    Submit,
                    Consolidate,
                    Approve,
                    PostForComment,
                    Forward,
                    RecordStateDeclined
                ]
            ),
            State::StateDeclined
        );
        // The Chair's decision awards provincial merit only.
        assert!(step(State::Approved, Step::Award, AwardForm::StateAward).is_none());
    }

    #[test]
    fn returns_go_to_the_reviewer_of_the_moment_and_need_a_reason() {
        let dic = step(State::Submitted, Step::Return, AwardForm::ProvincialMerit).unwrap();
        assert_eq!(
            (dic.to, dic.role, dic.reason_required),
            (State::Returned, Role::DicOfficer, true)
        );
        let ha = step(
            State::Consolidated,
            Step::Return,
            AwardForm::ProvincialMerit,
        )
        .unwrap();
        assert_eq!(ha.role, Role::HomeAffairsOfficer);
        assert!(Step::Reject.requirements().reason && Step::CloseNotAwarded.requirements().reason);
        assert!(
            Step::Submit.requirements().complete_dossier && Step::Submit.requirements().open_window
        );
    }

    #[test]
    fn withdrawal_is_possible_only_before_consolidation_and_final_states_are_final() {
        for s in State::ALL {
            let withdraw = step(s, Step::Withdraw, AwardForm::ProvincialMerit).is_some();
            assert_eq!(
                withdraw,
                matches!(s, State::Draft | State::Returned | State::Submitted),
                "{s:?}"
            );
            if s.is_final() {
                for st in STEPS {
                    for form in [AwardForm::ProvincialMerit, AwardForm::StateAward] {
                        assert!(step(s, st, form).is_none(), "{st:?} out of final {s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn states_round_trip_and_the_duplicate_rule_ignores_closed_ones() {
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        assert!(State::Submitted.holds_the_nominee() && State::Awarded.holds_the_nominee());
        assert!(!State::Withdrawn.holds_the_nominee() && !State::Rejected.holds_the_nominee());
        assert_eq!(
            State::released().collect::<Vec<_>>(),
            ["withdrawn", "rejected", "not_awarded"]
        );
        assert!(
            State::Draft.editable() && State::Returned.editable() && !State::Submitted.editable()
        );
    }
}
