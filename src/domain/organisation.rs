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

/// The most levels a chain of parent units is followed: far more than the province has
/// (province department → division → team), and a bound on a corrupt chain.
pub const MAX_UNIT_DEPTH: usize = 16;

/// Whether giving `unit_id` the parent whose chain of ancestors is `parent_chain` (the
/// parent first, then its parent, …) makes the unit its own ancestor.
pub fn makes_cycle(unit_id: &str, parent_chain: &[&str]) -> bool {
    parent_chain.contains(&unit_id)
}

/// Whether a unit valid over `[from, to]` fits inside its parent's period
/// `[parent_from, parent_to]` (`None`: still exists): a sub-unit neither starts before
/// its parent nor outlives it.
pub fn within_parent_period(
    from: chrono::NaiveDate,
    to: Option<chrono::NaiveDate>,
    parent_from: chrono::NaiveDate,
    parent_to: Option<chrono::NaiveDate>,
) -> bool {
    let ends_in_time = match (to, parent_to) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(t), Some(pt)) => t <= pt,
    };
    parent_from <= from && ends_in_time
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_unit_is_never_its_own_ancestor() {
        assert!(makes_cycle("a", &["a"]));
        assert!(makes_cycle("a", &["b", "c", "a"]));
        assert!(!makes_cycle("a", &["b", "c"]));
        assert!(!makes_cycle("a", &[]));
    }

    #[test]
    fn a_sub_unit_lives_inside_its_parents_period() {
        let (from, to) = (d(2022, 1, 1), d(2025, 6, 30));
        assert!(within_parent_period(from, None, from, None));
        assert!(within_parent_period(
            from,
            Some(to),
            d(2020, 1, 1),
            Some(to)
        ));
        assert!(!within_parent_period(
            d(2019, 12, 31),
            None,
            d(2020, 1, 1),
            None
        ));
        assert!(!within_parent_period(from, None, from, Some(to)));
        assert!(!within_parent_period(
            from,
            Some(d(2025, 7, 1)),
            from,
            Some(to)
        ));
    }
}
