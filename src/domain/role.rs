//! The roles of DOMAIN.md. A user holds one or more; they are stored sorted and
//! space-separated in `users.roles`.

crate::text_enum! {
    /// The roles of DOMAIN.md. A user holds one or more.
    #[derive(utoipa::ToSchema)]
    pub enum Role {
        /// quản trị
        Admin = "admin",
        /// Sở Thông tin và Truyền thông — standing agency of a movement
        DicOfficer = "dic_officer",
        /// Sở Nội vụ — appraising body
        HomeAffairsOfficer = "home_affairs_officer",
        /// Chủ tịch UBND Tỉnh
        Chair = "chair",
        /// cán bộ đơn vị
        UnitOfficer = "unit_officer",
        /// thủ trưởng đơn vị
        UnitHead = "unit_head",
        /// thanh tra / giám sát: reads everything, writes nothing
        Auditor = "auditor",
    }
}

impl Role {
    /// Roles as stored: sorted, space-separated.
    pub fn join(roles: &[Role]) -> String {
        let mut r = roles.to_vec();
        r.sort();
        r.dedup();
        r.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// The stored list read back; a name that is no role is an error.
    pub fn split(stored: &str) -> Result<Vec<Role>, crate::domain::vocab::UnknownValue> {
        stored.split_whitespace().map(str::parse).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_role_name_is_part_of_another() {
        // Users are filtered by role with LIKE on the stored list.
        for a in Role::ALL {
            for b in Role::ALL {
                if a != b {
                    assert!(!a.as_str().contains(b.as_str()), "{a:?} contains {b:?}");
                }
            }
        }
    }

    #[test]
    fn roles_round_trip_sorted() {
        let stored = Role::join(&[Role::UnitHead, Role::Admin, Role::UnitHead]);
        assert_eq!(stored, "admin unit_head");
        assert_eq!(
            Role::split(&stored).unwrap(),
            vec![Role::Admin, Role::UnitHead]
        );
        assert!(Role::split("admin superuser").is_err());
    }
}
