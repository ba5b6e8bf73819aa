//! The vocabulary of award rounds: their kinds, the award forms, who may be nominated
//! and the documents of a dossier.

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum RoundKind {
        /// sơ kết
        Interim = "interim",
        /// tổng kết
        Final = "final",
        /// chuyên đề
        Thematic = "thematic",
        /// đột xuất: an outstanding achievement, rewarded at once while the round is open
        AdHoc = "ad_hoc",
    }
}

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum AwardForm {
        /// Bằng khen của Chủ tịch UBND Tỉnh
        ProvincialMerit = "provincial_merit",
        /// Khen thưởng cấp Nhà nước
        StateAward = "state_award",
    }
}

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum NomineeKind {
        /// tập thể
        Collective = "collective",
        /// cá nhân
        Individual = "individual",
        /// hộ gia đình (plan II.2.b): head of household, commune, members
        Household = "household",
    }
}

impl NomineeKind {
    /// Whether the nominee's name is a person's (an individual, a household's head):
    /// personal data (Law 91/2025/QH15), minimised, its reads by outsiders audited,
    /// anonymised after retention.
    pub const fn names_a_person(self) -> bool {
        matches!(self, NomineeKind::Individual | NomineeKind::Household)
    }
}

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum DocumentKind {
        /// Tờ trình
        ProposalLetter = "proposal_letter",
        /// Biên bản Hội đồng Thi đua – Khen thưởng
        CouncilMinutes = "council_minutes",
        /// Báo cáo thành tích
        AchievementReport = "achievement_report",
        /// Tóm tắt trích ngang thành tích
        AchievementSummary = "achievement_summary",
        /// Báo cáo sơ kết / tổng kết phong trào
        MovementReport = "movement_report",
        /// Kế hoạch phát động phong trào
        LaunchPlan = "launch_plan",
        /// Khác
        Other = "other",
    }
}

/// The plan's dossier (section IV.5): required by default.
pub const DEFAULT_REQUIRED_DOCUMENTS: [DocumentKind; 6] = [
    DocumentKind::ProposalLetter,
    DocumentKind::CouncilMinutes,
    DocumentKind::AchievementReport,
    DocumentKind::AchievementSummary,
    DocumentKind::MovementReport,
    DocumentKind::LaunchPlan,
];
