//! The service's vocabulary as typed enums, each written once with the text it has in
//! the API and in its TEXT column. `text_enum!` gives every one the same members:
//! `as_str`, `parse`, `ALL`, `Display`, `FromStr`, serde, and diesel's `ToSql`/`FromSql`
//! for `Text` on both backends. A value in the database that is not in the list is a
//! deserialisation error, never a silent default.

/// The text of a value that is not in a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub vocabulary: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a known {}", self.value, self.vocabulary)
    }
}

impl std::error::Error for UnknownValue {}

/// Declares a vocabulary enum: `Variant = "text"` for each value, the text being the
/// variant's name in snake case. Attributes before the
/// enum (docs, `derive(utoipa::ToSchema)`, `schema(...)`) and before each variant (docs)
/// are kept.
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        // serde and utoipa read the names from here (neither sees a literal passed
        // through a macro); the test below holds them equal to the texts given.
        #[serde(rename_all = "snake_case")]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $( $text => Some($name::$variant), )+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::vocab::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| $crate::domain::vocab::UnknownValue {
                    vocabulary: stringify!($name),
                    value: s.to_string(),
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                Ok(text.parse::<$name>()?)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::domain::award::{AwardForm, DocumentKind, NomineeKind, RoundKind};
    use crate::domain::award_source::AwardSource;
    use crate::domain::deadline::DeadlineKind;
    use crate::domain::nomination::{CentralResult, State, Verdict};
    use crate::domain::nominee::Gender;
    use crate::domain::organisation::{GroupKind, UnitKind};
    use crate::domain::review::{PlanKind, ReportKind, ReviewAction, ReviewStatus};
    use crate::domain::role::Role;

    fn same_in_json<T: serde::Serialize + Copy + std::fmt::Display>(all: &[T]) {
        for v in all {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::Value::String(v.to_string())
            );
        }
    }

    #[test]
    fn json_names_are_the_stored_texts() {
        same_in_json(&Role::ALL);
        same_in_json(&State::ALL);
        same_in_json(&ReviewStatus::ALL);
        same_in_json(&ReviewAction::ALL);
        same_in_json(&PlanKind::ALL);
        same_in_json(&ReportKind::ALL);
        same_in_json(&AwardForm::ALL);
        same_in_json(&NomineeKind::ALL);
        same_in_json(&RoundKind::ALL);
        same_in_json(&crate::domain::achievement::AchievementType::ALL);
        same_in_json(&DocumentKind::ALL);
        same_in_json(&AwardSource::ALL);
        same_in_json(&DeadlineKind::ALL);
        same_in_json(&GroupKind::ALL);
        same_in_json(&UnitKind::ALL);
        same_in_json(&Verdict::ALL);
        same_in_json(&CentralResult::ALL);
        same_in_json(&Gender::ALL);
    }

    #[test]
    fn texts_parse_back_and_unknown_ones_are_errors() {
        for s in State::ALL {
            assert_eq!(s.as_str().parse::<State>().unwrap(), s);
        }
        assert!("drafted".parse::<State>().is_err());
        assert_eq!(State::parse(""), None);
    }
}
