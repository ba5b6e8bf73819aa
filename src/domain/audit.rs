//! What an audit event says changed.

use serde_json::{Map, Value};

/// Field-by-field difference of two JSON objects: `{field: {"from": …, "to": …}}`.
/// Fields equal on both sides are left out.
pub fn diff(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for (k, new) in a {
        let old = b.get(k).unwrap_or(&Value::Null);
        if old != new && k != "version" && k != "updated_at" {
            out.insert(k.clone(), serde_json::json!({"from": old, "to": new}));
        }
    }
    for (k, old) in b {
        if !a.contains_key(k) {
            out.insert(
                k.clone(),
                serde_json::json!({"from": old, "to": Value::Null}),
            );
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields() {
        let d = diff(
            &json!({"name": "Sở Nội vụ", "kind": "department", "version": 1}),
            &json!({"name": "Sở Nội vụ tỉnh Đồng Tháp", "kind": "department", "version": 2}),
        );
        assert_eq!(
            d,
            json!({"name": {"from": "Sở Nội vụ", "to": "Sở Nội vụ tỉnh Đồng Tháp"}})
        );
    }
}
