//! Award kinds (issue 12 item 2): what each round kind implies for its nominations —
//! the achievement type the Ministry of Home Affairs' statistics count an award under
//! (one vocabulary, shared with the official outputs), and an ad hoc round's short limit.

use super::award::RoundKind;

crate::text_enum! {
    /// The method an award is counted under (Decree 152/2025/NĐ-CP; the Ministry's forms).
    #[derive(utoipa::ToSchema)]
    pub enum AchievementType {
        /// thường xuyên: the achievements of a period (interim and final reviews)
        Routine = "routine",
        /// chuyên đề
        Thematic = "thematic",
        /// đột xuất
        AdHoc = "ad_hoc",
        /// đối ngoại
        ForeignAffairs = "foreign_affairs",
        /// cống hiến: a long service
        LongService = "long_service",
    }
}

/// The achievement type a nomination takes when none is given (and that the migration
/// gave existing nominations): the one its round's kind stands for.
pub const fn default_for(kind: RoundKind) -> AchievementType {
    match kind {
        RoundKind::Interim | RoundKind::Final => AchievementType::Routine,
        RoundKind::Thematic => AchievementType::Thematic,
        RoundKind::AdHoc => AchievementType::AdHoc,
    }
}

/// Whether a round of `kind` takes an achievement of type `a`. An ad hoc achievement is
/// rewarded at once, in an ad hoc round, and such a round takes nothing else; a thematic
/// round rewards its theme only. A period review (interim, final) takes any other type
/// (the period's work, the movement's theme, a long service, foreign affairs).
pub const fn fits(kind: RoundKind, a: AchievementType) -> bool {
    match kind {
        RoundKind::AdHoc => matches!(a, AchievementType::AdHoc),
        RoundKind::Thematic => matches!(a, AchievementType::Thematic),
        RoundKind::Interim | RoundKind::Final => !matches!(a, AchievementType::AdHoc),
    }
}

/// The achievement types a round of `kind` takes, in vocabulary order.
pub fn allowed(kind: RoundKind) -> Vec<AchievementType> {
    AchievementType::ALL
        .into_iter()
        .filter(|a| fits(kind, *a))
        .collect()
}

/// Working days Home Affairs has to appraise when the round does not say: about 25 for
/// a provincial Bằng khen; an ad hoc award is "timely" (kịp thời), so its limit is short.
pub const fn default_appraisal_working_days(kind: RoundKind) -> i32 {
    match kind {
        RoundKind::AdHoc => AD_HOC_APPRAISAL_WORKING_DAYS,
        _ => 25,
    }
}

/// An ad hoc round's appraisal limit by default.
pub const AD_HOC_APPRAISAL_WORKING_DAYS: i32 = 10;

/// Whether a DIC officer of the movement's standing unit may propose a nomination in a
/// round of `kind` in their own unit's name (plan V.1: DIC proposes ad hoc awards
/// directly); every other round is proposed by the units.
pub const fn dic_may_propose(kind: RoundKind) -> bool {
    matches!(kind, RoundKind::AdHoc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_round_kind_takes_its_default() {
        for kind in RoundKind::ALL {
            assert!(fits(kind, default_for(kind)), "{kind}");
        }
        assert_eq!(default_for(RoundKind::Interim), AchievementType::Routine);
        assert_eq!(default_for(RoundKind::Final), AchievementType::Routine);
        assert_eq!(default_for(RoundKind::Thematic), AchievementType::Thematic);
        assert_eq!(default_for(RoundKind::AdHoc), AchievementType::AdHoc);
    }

    #[test]
    fn ad_hoc_achievements_belong_to_ad_hoc_rounds_only() {
        assert_eq!(allowed(RoundKind::AdHoc), [AchievementType::AdHoc]);
        assert_eq!(allowed(RoundKind::Thematic), [AchievementType::Thematic]);
        for kind in [RoundKind::Interim, RoundKind::Final] {
            assert!(!fits(kind, AchievementType::AdHoc));
            assert_eq!(
                allowed(kind),
                [
                    AchievementType::Routine,
                    AchievementType::Thematic,
                    AchievementType::ForeignAffairs,
                    AchievementType::LongService
                ]
            );
        }
    }

    #[test]
    fn an_ad_hoc_round_is_appraised_sooner_and_may_be_proposed_by_dic() {
        assert!(
            default_appraisal_working_days(RoundKind::AdHoc)
                < default_appraisal_working_days(RoundKind::Final)
        );
        assert_eq!(default_appraisal_working_days(RoundKind::Interim), 25);
        assert!(dic_may_propose(RoundKind::AdHoc));
        for kind in [RoundKind::Interim, RoundKind::Final, RoundKind::Thematic] {
            assert!(!dic_may_propose(kind));
        }
    }
}
