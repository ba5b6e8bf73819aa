//! The nominees a nomination names: a collective, an individual or a household, with
//! only what the dossier summary needs (personal data is minimised).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::nominee::Gender;

/// A collective nominee: a member unit, or a named collective inside one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60", "team_name": "Phòng Văn hóa và Thông tin",
    "women_share_percent": 58.0}))]
pub struct Collective {
    /// The member unit (or the unit the named collective belongs to).
    #[serde(deserialize_with = "crate::domain::id::required")]
    #[schema(
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub unit_id: String,
    /// A collective inside the unit; absent when the unit itself is nominated.
    #[schema(max_length = 300)]
    pub team_name: Option<String>,
    /// Share of women, in percent (at least 70 % is preferred between equals).
    #[schema(minimum = 0.0, maximum = 100.0)]
    pub women_share_percent: f64,
}

impl Collective {
    /// From a nominee's columns: a named collective inside the unit when its key is a
    /// team's (`team:`), the unit itself otherwise.
    pub fn from_columns(
        unit_id: Option<&str>,
        key: &str,
        name: &str,
        women_share_percent: Option<f64>,
    ) -> Collective {
        Collective {
            unit_id: unit_id.map(str::to_string).unwrap_or_default(),
            team_name: key.starts_with("team:").then(|| name.to_string()),
            women_share_percent: women_share_percent.unwrap_or_default(),
        }
    }
}

/// An individual nominee: only what the dossier summary (trích ngang) needs.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_year": 1985,
    "position": "Chuyên viên Phòng Văn hóa và Thông tin", "workplace": "UBND Huyện Tháp Mười"}))]
pub struct Individual {
    #[schema(min_length = 1, max_length = 200)]
    pub full_name: String,
    pub gender: Gender,
    #[schema(minimum = 1920, maximum = 2015)]
    pub birth_year: i32,
    #[schema(min_length = 1, max_length = 300)]
    pub position: String,
    #[schema(min_length = 1, max_length = 300)]
    pub workplace: String,
}

/// A household nominee (hộ gia đình, plan II.2.b): its head and where it lives, nothing
/// more (no address below the commune, no members' names).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"head_full_name": "Nguyễn Văn Bảy", "commune": "Xã Mỹ An, huyện Tháp Mười", "members_count": 5}))]
pub struct Household {
    /// The head of household (chủ hộ).
    #[schema(min_length = 1, max_length = 200)]
    pub head_full_name: String,
    /// The commune (xã, phường, thị trấn) where the household lives.
    #[schema(min_length = 1, max_length = 300)]
    pub commune: String,
    #[schema(minimum = 1, maximum = 100)]
    pub members_count: i32,
}
