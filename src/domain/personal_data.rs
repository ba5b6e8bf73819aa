//! Nominees' personal data (Law 91/2025/QH15 on personal data protection, Decree
//! 356/2025/NĐ-CP): which nominations no longer need it, and what anonymising one
//! replaces. Pure rules; `app::personal_data` applies them.

use crate::domain::nomination::State;
use crate::domain::search::normalize;
use serde_json::Value;

/// What replaces a name, a position or an achievement once anonymised.
pub const ANONYMISED: &str = "(đã ẩn danh)";

/// The default retention period (days) after a nomination's last step: two years, past
/// the one-year limit to sue over an administrative decision (Luật Tố tụng hành chính
/// 2015, art. 116) and the 90 days to complain (Luật Khiếu nại 2011, art. 9), with time
/// for a yearly inspection; the movements' rounds are at most a few years apart.
pub const DEFAULT_RETENTION_DAYS: i64 = 730;

crate::text_enum! {
    /// Why a nomination's personal data has outlived its purpose.
    #[derive(utoipa::ToSchema)]
    pub enum Ground {
        /// rút hồ sơ: withdrawn by the unit
        Withdrawn = "withdrawn",
        /// trả lại và không gửi lại: returned, and not resubmitted within the period
        ReturnedAbandoned = "returned_abandoned",
        /// không được khen thưởng: rejected in appraisal, closed without award, or
        /// declined by the central level
        NotAwarded = "not_awarded",
    }
}

/// The ground on which a nomination in `state` is anonymised once its last step is older
/// than the retention period; `None` for every state that is in play or awarded.
pub fn ground(state: State) -> Option<Ground> {
    match state {
        State::Withdrawn => Some(Ground::Withdrawn),
        State::Returned => Some(Ground::ReturnedAbandoned),
        State::NotAwarded | State::Rejected | State::StateDeclined => Some(Ground::NotAwarded),
        _ => None,
    }
}

/// The states `ground` names, for the query that finds them.
pub fn anonymisable_states() -> Vec<State> {
    State::ALL
        .into_iter()
        .filter(|s| ground(*s).is_some())
        .collect()
}

/// The year of birth kept after anonymising: its decade (1985 → 1980). The statistics by
/// age group still hold; the person is no longer singled out.
pub fn generalised_birth_year(year: i32) -> i32 {
    year - year.rem_euclid(10)
}

/// The nominee key of an anonymised nomination: its own, so it never matches a person
/// (nor the one-nominee rule of its round).
pub fn anonymised_key(nomination_id: &str) -> String {
    format!("anonymised:{nomination_id}")
}

/// The normalised search text of the placeholder.
pub fn anonymised_search() -> String {
    normalize(ANONYMISED)
}

/// `text` with every occurrence of the nominee's name replaced (reasons, opinions and
/// comments keep their words, not the person).
pub fn redact_text(text: &str, name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return text.to_string();
    }
    text.replace(name, ANONYMISED)
}

/// Fields of a nomination's JSON (as the audit trail keeps it) that are the person's.
const PERSONAL_KEYS: [&str; 7] = [
    "full_name",
    "nominee_name",
    "nominee_search",
    "nominee_key",
    "birth_year",
    "position",
    "achievement_summary",
];

/// Redacts a nomination's audit record in place, keeping its shape: the person's fields
/// become the placeholder, and the name disappears from every other text.
pub fn redact_json(value: &mut Value, name: &str) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if PERSONAL_KEYS.contains(&k.as_str()) {
                    blank(v);
                } else {
                    redact_json(v, name);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, name)),
        Value::String(s) => *s = redact_text(s, name),
        _ => {}
    }
}

/// Every value inside becomes the placeholder (a changed field's `from` and `to` too).
fn blank(value: &mut Value) {
    match value {
        Value::Null => {}
        Value::Object(map) => map.values_mut().for_each(blank),
        Value::Array(items) => items.iter_mut().for_each(blank),
        other => *other = Value::String(ANONYMISED.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_withdrawn_returned_and_unawarded_nominations_are_anonymised() {
        assert_eq!(ground(State::Withdrawn), Some(Ground::Withdrawn));
        assert_eq!(ground(State::Returned), Some(Ground::ReturnedAbandoned));
        for s in [State::NotAwarded, State::Rejected, State::StateDeclined] {
            assert_eq!(ground(s), Some(Ground::NotAwarded), "{s:?}");
        }
        for s in [
            State::Draft,
            State::Submitted,
            State::Consolidated,
            State::Approved,
            State::Awarded,
            State::PostedForComment,
            State::ForwardedToCentral,
            State::StateAwarded,
        ] {
            assert_eq!(ground(s), None, "{s:?}");
        }
        assert_eq!(anonymisable_states().len(), 5);
    }

    #[test]
    fn a_birth_year_keeps_its_decade() {
        assert_eq!(generalised_birth_year(1985), 1980);
        assert_eq!(generalised_birth_year(1990), 1990);
        assert_eq!(generalised_birth_year(1979), 1970);
    }

    #[test]
    fn redaction_keeps_the_shape_and_drops_the_person() {
        let mut v = json!({
            "nominee_name": "Trần Thị Kim Loan",
            "individual": {"from": {"full_name": "Trần Thị Kim Loan", "birth_year": 1987,
                "position": "Phó Trưởng phòng", "gender": "female"}, "to": null},
            "comment": "Rút hồ sơ của bà Trần Thị Kim Loan",
            "files": [{"file_name": "Trích ngang Trần Thị Kim Loan.pdf"}],
            "status": "withdrawn",
            "position": {"from": "Chuyên viên", "to": "Phó Trưởng phòng"}
        });
        redact_json(&mut v, "Trần Thị Kim Loan");
        assert_eq!(v["nominee_name"], ANONYMISED);
        assert_eq!(v["individual"]["from"]["full_name"], ANONYMISED);
        assert_eq!(v["individual"]["from"]["birth_year"], ANONYMISED);
        assert_eq!(v["individual"]["from"]["position"], ANONYMISED);
        assert_eq!(v["individual"]["from"]["gender"], "female");
        assert_eq!(v["individual"]["to"], Value::Null);
        assert_eq!(v["comment"], format!("Rút hồ sơ của bà {ANONYMISED}"));
        assert_eq!(
            v["files"][0]["file_name"],
            format!("Trích ngang {ANONYMISED}.pdf")
        );
        assert_eq!(v["status"], "withdrawn");
        assert_eq!(v["position"], json!({"from": ANONYMISED, "to": ANONYMISED}));
        assert!(!v.to_string().contains("Loan"));
    }

    #[test]
    fn an_anonymised_key_is_no_person_key() {
        let k = anonymised_key("0193");
        assert_eq!(k, "anonymised:0193");
        assert_eq!(crate::domain::nominee::canonical_key(&k), None);
        assert_eq!(redact_text("không tên", " "), "không tên");
    }
}
