//! The vocabulary of the organisation: kinds of emulation groups and of member units.

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum GroupKind {
        /// Khối thi đua
        Bloc = "bloc",
        /// Cụm thi đua
        Cluster = "cluster",
    }
}

crate::text_enum! {
    #[derive(utoipa::ToSchema)]
    pub enum UnitKind {
        /// Sở, ban, ngành tỉnh
        Department = "department",
        /// Huyện, thị xã, thành phố (district level)
        Locality = "locality",
        /// Cơ quan Trung ương đóng trên địa bàn tỉnh
        CentralAgency = "central_agency",
        /// Doanh nghiệp
        Enterprise = "enterprise",
        /// Tổ chức
        Organisation = "organisation",
        /// Tổ chức chính trị - xã hội
        MassOrganisation = "mass_organisation",
    }
}
