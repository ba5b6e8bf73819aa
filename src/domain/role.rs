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

/// The roles a user holds, as their TEXT column stores them (sorted, space-separated,
/// no repeats). Reading a stored name that is no role is an error.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Default,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct Roles {
    list: Vec<Role>,
    stored: String,
}

impl Roles {
    pub fn new(roles: &[Role]) -> Self {
        let mut list = roles.to_vec();
        list.sort();
        list.dedup();
        let stored = Role::join(&list);
        Self { list, stored }
    }

    pub fn as_slice(&self) -> &[Role] {
        &self.list
    }

    pub fn contains(&self, role: Role) -> bool {
        self.list.contains(&role)
    }

    /// As stored: sorted, space-separated.
    pub fn as_str(&self) -> &str {
        &self.stored
    }

    pub fn to_vec(&self) -> Vec<Role> {
        self.list.clone()
    }
}

impl std::fmt::Display for Roles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.stored)
    }
}

impl std::str::FromStr for Roles {
    type Err = crate::domain::vocab::UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(&Role::split(s)?))
    }
}

impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for Roles
where
    DB: diesel::backend::Backend,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
{
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, DB>,
    ) -> diesel::serialize::Result {
        self.stored.as_str().to_sql(out)
    }
}

impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for Roles
where
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let text =
            <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
        Ok(text.parse::<Roles>()?)
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
        let roles: Roles = "unit_head admin unit_head".parse().unwrap();
        assert_eq!(roles.as_str(), "admin unit_head");
        assert_eq!(roles.as_slice(), [Role::Admin, Role::UnitHead]);
        assert!("admin superuser".parse::<Roles>().is_err());
    }
}
