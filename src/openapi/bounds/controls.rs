//! The control-character rule stated on inputs as a pattern (see `bounds`).

use super::has_type;
use serde_json::{json, Value};

/// What `domain::invisible::is_refused_control` refuses, as a pattern: C0 controls
/// (the whitespace of free text passes in bodies), DEL and C1 controls. Stated on every
/// input string that has no pattern, format or vocabulary of its own, so a generated
/// client or a fuzzer knows the rule instead of meeting the 422.
pub(super) const TEXT_PATTERN: &str =
    "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";
/// The same for a query or path parameter, where no whitespace control passes.
const PARAMETER_PATTERN: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

pub(super) fn refuse_controls(schema: &mut Value, pattern: &str) {
    let Some(s) = schema.as_object_mut() else {
        return;
    };
    let free = has_type(s, "string")
        && !["pattern", "enum", "const", "format"]
            .iter()
            .any(|k| s.contains_key(*k));
    if free {
        s.insert("pattern".into(), json!(pattern));
    }
    if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
        for p in props.values_mut() {
            refuse_controls(p, pattern);
        }
    }
    if let Some(items) = s.get_mut("items") {
        refuse_controls(items, pattern);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(members) = s.get_mut(key).and_then(Value::as_array_mut) {
            for m in members {
                refuse_controls(m, pattern);
            }
        }
    }
}

/// Query and path parameters written inline in operations.
pub(super) fn refuse_controls_in_parameters(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        for op in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            let params = op.get_mut("parameters").and_then(Value::as_array_mut);
            for p in params.into_iter().flatten() {
                let located = matches!(p.get("in").and_then(Value::as_str), Some("query" | "path"));
                if let (true, Some(schema)) = (located, p.get_mut("schema")) {
                    refuse_controls(schema, PARAMETER_PATTERN);
                }
            }
        }
    }
}
