//! The problem document in the contract: `Problem` with its typed members, `code` as
//! the enum of `ErrorCode::ALL`, and one example per code (issue 11 defect 3).

use crate::error::ErrorCode;
use serde_json::{json, Map, Value};

/// The `Problem` schema: what `ApiError::problem_at` writes, member by member.
pub fn problem_schema() -> Value {
    let text = |max: u64, description: &str| json!({"type": "string", "maxLength": max, "description": description});
    let ids = |description: &str| {
        json!({"type": "array", "maxItems": 200, "description": description,
            "items": {"type": "string", "maxLength": 64}})
    };
    let count = |description: &str| json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": 1_000_000_000, "description": description});
    let date =
        |description: &str| json!({"type": "string", "format": "date", "description": description});
    json!({
        "type": "object",
        "description": "An RFC 9457 problem. `code` is stable; the other members besides the five \
            required ones appear only with the codes that carry them (see each code's example).",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "format": "uri", "maxLength": 200,
                "description": "A URI naming the problem type: `https://thidua.dongthap.gov.vn/problems/<code>`"},
            "title": text(300, "The code's title, in the language asked for (`Accept-Language: vi`)"),
            "status": {"type": "integer", "format": "int32", "minimum": 400, "maximum": 599,
                "description": "The HTTP status"},
            "detail": text(4000, "What went wrong with this request"),
            "code": {"$ref": "#/components/schemas/ProblemCode"},
            "instance": {"type": "string", "format": "uri-reference", "maxLength": 8192,
                "description": "The request path (RFC 9457 `instance`)"},
            "request_id": text(64, "The request's `X-Request-Id`, also in every log line of the request"),
            "errors": {"type": "object", "maxProperties": 200,
                "description": "Field → messages (`validation_failed`)",
                "additionalProperties": {"type": "array", "maxItems": 50,
                    "items": {"type": "string", "maxLength": 1000}}},
            "current_state": text(40, "The record's workflow state (`invalid_state`)"),
            "current_version": {"type": "integer", "format": "int32", "minimum": 1,
                "description": "The record's version now (`stale_version`); its ETag is `\"<current_version>\"`"},
            "missing": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 40},
                "description": "Document kinds the dossier lacks (`dossier_incomplete`)"},
            "missing_target_ids": ids("Targets without a result (`results_incomplete`)"),
            "quota": count("The round's quota (`quota_exceeded`)"),
            "used": count("Awards already decided against the quota (`quota_exceeded`)"),
            "requested": count("Awards this decision asks for (`quota_exceeded`)"),
            "nominations": {"type": "array", "maxItems": 500,
                "description": "The nominations of a batch that were refused, with their state (`invalid_state`)",
                "items": {"type": "object", "properties": {
                    "id": {"type": "string", "maxLength": 64},
                    "current_state": {"type": ["string", "null"], "maxLength": 40},
                    "award_form": {"type": "string", "maxLength": 40}}}},
            "nomination_id": text(64, "The nomination the refusal is about"),
            "unit_award_id": text(64, "The unit award that already exists (`duplicate_award`)"),
            "fields_in_use": {"type": "array", "maxItems": 200, "items": {"type": "string", "maxLength": 100},
                "description": "Report fields criteria still use (`in_use`)"},
            "code_point": {"type": "string", "pattern": "^U\\+[0-9A-F]{4,6}$", "maxLength": 8,
                "description": "The control character, as `U+XXXX` (`control_character`); the member `in` says where: `path`, `query`, `header`, `body` or `form` (left out of `properties`: spectral's OWASP rules take a property named `in` for a parameter's location and crash)"},
            "offset": {"type": "integer", "format": "int64", "minimum": 0, "maximum": 1_073_741_824,
                "description": "Its byte offset in the body (`control_character`)"},
            "name": text(200, "The header or form field holding it (`control_character`)"),
            "limit": {"type": "integer", "format": "int64", "minimum": 0, "maximum": 1_073_741_824,
                "description": "The limit passed (`uri_too_long`: bytes)"},
            "media_type": text(100, "The file type the content claimed (`invalid_file`)"),
            "opens_on": date("The window's first day (`round_closed`)"),
            "closes_on": date("The window's last day (`round_closed`)"),
            "appraised_on": date("When the nomination was appraised"),
            "award_form": text(40, "The award form concerned"),
            "nominee_kind": text(20, "`individual` or `collective`"),
            "period": text(40, "The plan's period (`plan_exists`)"),
            "reason": {"type": "string", "maxLength": 60, "examples": ["quota_below_awarded"],
                "description": "A finer reason within the code, e.g. `quota_below_awarded`"}
        }
    })
}

/// `ProblemCode`: every `ErrorCode`, each described by its status and title.
pub fn code_schema() -> Value {
    let mut lines = vec![
        "Stable machine-readable code; clients switch on it. New codes may be added.".to_string(),
        String::new(),
    ];
    for c in ErrorCode::ALL {
        lines.push(format!(
            "- `{}` ({}): {}",
            c.as_str(),
            c.status().as_u16(),
            c.titles().0
        ));
    }
    json!({
        "type": "string",
        "enum": ErrorCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "description": lines.join("\n"),
    })
}

/// The codes one error response can answer: those its description names (backticked),
/// plus the ones every operation can give at that status.
pub fn codes_for(status: u16, description: &str, public: bool) -> Vec<ErrorCode> {
    use ErrorCode as E;
    let mut codes: Vec<ErrorCode> = backticked(description)
        .filter_map(ErrorCode::parse)
        .filter(|c| c.status().as_u16() == status)
        .collect();
    let defaults: &[ErrorCode] = match status {
        400 => &[E::MalformedRequest, E::InvalidQuery, E::InvalidPath],
        401 if !public => &[E::Unauthenticated, E::InvalidToken, E::SessionRevoked],
        403 => &[E::Forbidden],
        404 => &[E::NotFound],
        408 => &[E::RequestTimeout],
        412 => &[E::StaleVersion],
        413 => &[E::PayloadTooLarge],
        414 => &[E::UriTooLong],
        415 => &[E::UnsupportedMediaType],
        422 => &[E::ValidationFailed, E::ControlCharacter],
        428 => &[E::PreconditionRequired],
        429 => &[E::RateLimited],
        500 => &[E::Internal],
        503 => &[E::DatabaseUnavailable],
        _ => &[],
    };
    codes.extend_from_slice(defaults);
    if codes.is_empty() {
        // Nothing named: every code of that status (409 `conflict` and its kin, 410 …).
        codes = ErrorCode::ALL
            .iter()
            .copied()
            .filter(|c| c.status().as_u16() == status)
            .collect();
    }
    let mut seen = Vec::new();
    codes.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    codes
}

/// The backticked words of a text.
pub fn backticked(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// `components.examples`: one realistic problem per code, named `problem_<code>`.
pub fn examples() -> Map<String, Value> {
    ErrorCode::ALL
        .iter()
        .map(|c| {
            (
                example_name(*c),
                json!({"summary": format!("{} {}", c.status().as_u16(), c.as_str()), "value": example(*c)}),
            )
        })
        .collect()
}

pub fn example_name(code: ErrorCode) -> String {
    format!("problem_{}", code.as_str())
}

const NOMINATION: &str = "/api/v1/nominations/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e51";

/// A problem as the server writes it for `code`, with the members that code carries.
fn example(code: ErrorCode) -> Value {
    use ErrorCode as E;
    let (title, _) = code.titles();
    let (instance, detail, extra): (String, String, Value) = match code {
        E::ValidationFailed => (
            "/api/v1/units".into(),
            "The request is not valid".into(),
            json!({"errors": {"name": ["must not be empty"], "code": ["at most 40 characters"]}}),
        ),
        E::ControlCharacter => (
            "/api/v1/units".into(),
            "The query holds the control character U+0000; control characters are refused (text fields may hold tab, line feed and carriage return)".into(),
            // `in` ("query" here) is left out: it is not in the schema's properties.
            json!({"code_point": "U+0000"}),
        ),
        E::InvalidState => (
            format!("{NOMINATION}/submit"),
            "Only a draft or returned nomination can be submitted".into(),
            json!({"current_state": "submitted"}),
        ),
        E::StaleVersion => (
            NOMINATION.into(),
            "The nomination was changed since it was read; read it again (ETag \"4\")".into(),
            json!({"current_version": 4}),
        ),
        E::QuotaExceeded => (
            "/api/v1/decisions".into(),
            "The round allows 20 Bằng khen; 18 are decided and this decision asks for 3".into(),
            json!({"quota": 20, "used": 18, "requested": 3}),
        ),
        E::DossierIncomplete => (
            format!("{NOMINATION}/submit"),
            "Missing: proposal_letter, achievement_report".into(),
            json!({"missing": ["proposal_letter", "achievement_report"]}),
        ),
        E::ResultsIncomplete => (
            "/api/v1/reports/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60/submit".into(),
            title.into(),
            json!({"missing_target_ids": ["01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4ed0"]}),
        ),
        E::NomineeFlagged => (
            "/api/v1/decisions".into(),
            "Nguyễn Văn An is declared under discipline, investigation or complaint".into(),
            json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e51"}),
        ),
        E::RoundClosed => (
            "/api/v1/nominations".into(),
            "The round takes nominations from 2026-03-01 to 2026-04-15".into(),
            json!({"opens_on": "2026-03-01", "closes_on": "2026-04-15"}),
        ),
        E::PlanExists => (
            "/api/v1/plans".into(),
            title.into(),
            json!({"period": "2026"}),
        ),
        E::InvalidFile => (
            format!("{NOMINATION}/documents"),
            "The file starts as a PDF but is not a well-formed one".into(),
            json!({"media_type": "application/pdf"}),
        ),
        E::UriTooLong => (
            "/api/v1/nominations".into(),
            "The path and query are longer than 8192 bytes".into(),
            json!({"limit": 8192}),
        ),
        E::InUse => (
            "/api/v1/movements/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e10".into(),
            "Criteria still use the fields so_sang_kien".into(),
            json!({"fields_in_use": ["so_sang_kien"]}),
        ),
        E::DuplicateAward => (
            "/api/v1/unit-awards".into(),
            title.into(),
            json!({"unit_award_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e70"}),
        ),
        E::DuplicateNomination => (
            "/api/v1/nominations".into(),
            title.into(),
            json!({"nomination_id": "01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e51"}),
        ),
        E::UnitCycle => (
            "/api/v1/units/01936f4e-6a1b-7c3d-9e2f-0a1b2c3d4e60".into(),
            "UBND Huyện Tháp Mười is an ancestor of UBND xã Mỹ An: it cannot be its sub-unit".into(),
            json!({}),
        ),
        E::Internal => ("/api/v1/nominations".into(), title.into(), json!({})),
        _ => (
            NOMINATION.into(),
            title.into(),
            json!({}),
        ),
    };
    let mut body = json!({
        "type": format!("https://thidua.dongthap.gov.vn/problems/{}", code.as_str()),
        "title": title,
        "status": code.status().as_u16(),
        "detail": detail,
        "code": code.as_str(),
        "instance": instance,
        "request_id": "5f0c6c1e-3b7a-4d2e-9a41-7c2d8e1f0a93",
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_lists_its_named_codes_then_the_defaults() {
        let codes = codes_for(
            409,
            "Not a draft (`invalid_state`, with `current_state`), or closed (`round_closed`)",
            false,
        );
        assert_eq!(codes, vec![ErrorCode::InvalidState, ErrorCode::RoundClosed]);
        let codes = codes_for(401, "Wrong password (`invalid_credentials`)", true);
        assert_eq!(codes, vec![ErrorCode::InvalidCredentials]);
        assert_eq!(
            codes_for(401, "No token", false),
            vec![
                ErrorCode::Unauthenticated,
                ErrorCode::InvalidToken,
                ErrorCode::SessionRevoked
            ]
        );
        // A code of another status named in passing is not this response's.
        assert_eq!(
            codes_for(422, "see `stale_version`", false),
            vec![ErrorCode::ValidationFailed, ErrorCode::ControlCharacter]
        );
    }

    #[test]
    fn every_example_is_its_codes_problem() {
        let examples = examples();
        assert_eq!(examples.len(), ErrorCode::ALL.len());
        for c in ErrorCode::ALL {
            let v = &examples[&example_name(*c)]["value"];
            assert_eq!(v["code"], c.as_str());
            assert_eq!(v["status"], c.status().as_u16());
            assert!(v["instance"].as_str().is_some_and(|i| i.starts_with('/')));
        }
    }
}
