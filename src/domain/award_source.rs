//! Where an award in the award history comes from.

use utoipa::ToSchema;

// `unit_certificate` is the contract's (and DOMAIN.md's award form's) name of a Giấy
// khen; in code it is a unit award (`/unit-awards`, `UnitAward`).
crate::text_enum! {
    /// Where an award comes from (the award forms of DOMAIN.md).
    #[derive(ToSchema)]
    pub enum AwardSource {
        /// Giấy khen of a unit's head (`/unit-awards`)
        UnitCertificate = "unit_certificate",
        /// Bằng khen of the Chair, by a decision (`/decisions`)
        ProvincialMerit = "provincial_merit",
        /// State award granted by the central level on the Chair's proposal
        StateAward = "state_award",
        /// An exemplary model of the unit recognised by DIC's decision
        /// (`/exemplary-models`): an achievement on record, not an award form
        ExemplaryModel = "exemplary_model",
    }
}
