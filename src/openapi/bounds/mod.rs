//! Bounds on what the service answers (issue 11: the OWASP API4 rules want a bound on
//! every string, integer and array). Inputs state theirs field by field, in the code
//! that enforces them; an answer only repeats what was accepted or computed, so its
//! bounds follow from facts this pass applies to the schemas no request uses:
//! - a field named as an input field has that field's bound (what was stored passed it);
//! - ids are UUIDs (36 characters; an audit event's resource may be a day, shorter);
//!   dates are `YYYY-MM-DD`, times RFC 3339 (at most 35 characters);
//! - integers are bounded by their Rust type (int32 / int64), counts from 0;
//! - a page (a schema with `next_cursor`) holds at most 200 items (the `limit` maximum);
//! - a few output names repeat an input under another name (`ALIASES`: a nominee's
//!   name is a person's `full_name` or a unit's or team's `name`), and words of the
//!   service's own vocabularies (states, roles, actions, media types) are short.
//!
//! What no fact bounds is left unbounded, for the linter to show (free-form roll-up
//! figures, CSV bodies).

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

mod controls;

use controls::{refuse_controls, refuse_controls_in_parameters, TEXT_PATTERN};

const SCHEMAS: &str = "#/components/schemas/";

/// Output properties whose values are input properties under another name: bounded by
/// the widest of those.
const ALIASES: &[(&str, &[&str])] = &[
    ("nominee_name", &["full_name", "name", "team_name"]),
    ("recipient_name", &["full_name", "name", "team_name"]),
    ("unit_name", &["name"]),
    ("group_name", &["name"]),
    ("issuer_name", &["name"]),
    ("group_code", &["code"]),
    ("criterion_code", &["code"]),
    ("criterion_title", &["title"]),
    ("movement_title", &["title"]),
    ("period_label", &["title"]),
    ("actor_username", &["username"]),
    ("uploaded_by", &["username"]),
    ("created_by", &["username"]),
    ("sent_by", &["username"]),
    ("return_reason", &["reason"]),
    ("not_awarded_reason", &["reason"]),
    ("central_decision_number", &["decision_number"]),
    ("awardees", &["nomination_ids"]),
];

/// Properties that hold a word of the service's vocabularies (a state, a role, an
/// action such as `nomination.submit`, a media type), never free text.
const VOCABULARY: &[&str] = &[
    "action",
    "actor_role",
    "actor_roles",
    "from_status",
    "to_status",
    "report_status",
    "resource_type",
    "status",
    "media_type",
    "token_type",
    "award_form",
    "nominee_kind",
];
/// The longest vocabulary word the document allows.
const VOCABULARY_MAX: u64 = 64;

/// The most items of a list page (`limit` ≤ 200).
const PAGE_MAX: u64 = 200;

/// Output properties named like an input but composed of several values (a deadline's
/// title joins a movement's title and a unit's name): no bound from the name.
const COMPOSED: &[(&str, &str)] = &[("Deadline", "title")];

/// Applies the output bounds to `doc` (a finished document as JSON).
pub fn state_output_bounds(doc: &mut Value) {
    let inputs = input_schemas(doc);
    let known = input_bounds(doc, &inputs);
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for (name, schema) in schemas.iter_mut() {
        if inputs.contains(name) {
            bound_id_lists(schema);
            refuse_controls(schema, TEXT_PATTERN);
        } else {
            // Composed properties are set aside while the rest is bounded.
            let props = schema.get_mut("properties").and_then(Value::as_object_mut);
            let set_aside: Vec<(String, Value)> = props
                .map(|props| {
                    COMPOSED
                        .iter()
                        .filter(|(s, _)| s == name)
                        .filter_map(|(_, p)| props.remove(*p).map(|v| (p.to_string(), v)))
                        .collect()
                })
                .unwrap_or_default();
            bound(schema, None, &known);
            if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
                props.extend(set_aside);
            }
        }
    }
    bound_headers(doc);
    bound_files(doc);
    refuse_controls_in_parameters(doc);
}

/// File bodies, uploaded or downloaded: none is larger than the largest upload limit a
/// deployment may set (`config::UPLOAD_LIMIT_CEILING`; an upload past the limit in force
/// is 413).
fn bound_files(doc: &mut Value) {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(o) => {
                let file = o.get("type").and_then(Value::as_str) == Some("string")
                    && o.get("format").and_then(Value::as_str) == Some("binary");
                if file {
                    o.entry("maxLength")
                        .or_insert(json!(crate::config::UPLOAD_LIMIT_CEILING));
                }
                o.values_mut().for_each(walk);
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut doc["paths"]);
    walk(&mut doc["components"]["schemas"]);
}

/// Schemas a request body or a parameter refers to, directly or through others.
fn input_schemas(doc: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let schemas = &doc["components"]["schemas"];
    let mut stack = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for op in item.as_object().into_iter().flat_map(|o| o.values()) {
            refs(&op["requestBody"], &mut stack);
            refs(&op["parameters"], &mut stack);
        }
    }
    refs(&doc["components"]["parameters"], &mut stack);
    while let Some(name) = stack.pop() {
        if found.insert(name.clone()) {
            refs(&schemas[&name], &mut stack);
        }
    }
    found
}

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                match (k.as_str(), v.as_str().and_then(|r| r.strip_prefix(SCHEMAS))) {
                    ("$ref", Some(name)) => out.push(name.to_string()),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// The bound each input property name carries (the widest, where several inputs share a
/// name): `maxLength` of strings, `maxItems` of arrays.
#[derive(Default)]
struct Known {
    max_length: BTreeMap<String, u64>,
    max_items: BTreeMap<String, u64>,
}

fn input_bounds(doc: &Value, inputs: &BTreeSet<String>) -> Known {
    let mut known = Known::default();
    let schemas = &doc["components"]["schemas"];
    for name in inputs {
        let props = schemas[name]["properties"].as_object();
        for (prop, s) in props.into_iter().flatten() {
            if let Some(n) = s["maxLength"].as_u64() {
                let e = known.max_length.entry(prop.clone()).or_insert(0);
                *e = (*e).max(n);
            }
            if let Some(n) = s["maxItems"].as_u64() {
                let e = known.max_items.entry(prop.clone()).or_insert(0);
                *e = (*e).max(n);
            }
        }
    }
    known
}

fn has_type(s: &Map<String, Value>, ty: &str) -> bool {
    match s.get("type") {
        Some(Value::String(t)) => t == ty,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == ty),
        _ => false,
    }
}

/// Bounds one schema (a property named `prop`, if it is one) and what it holds.
fn bound(schema: &mut Value, prop: Option<&str>, known: &Known) {
    bound_in(schema, prop, known, false);
}

/// `paged`: the schema holding this property is a page (it has a `next_cursor`).
fn bound_in(schema: &mut Value, prop: Option<&str>, known: &Known, paged: bool) {
    let Some(s) = schema.as_object_mut() else {
        return;
    };
    let unbounded_string = has_type(s, "string")
        && !["enum", "const", "maxLength"]
            .iter()
            .any(|k| s.contains_key(*k));
    if unbounded_string {
        if let Some(n) = string_bound(s, prop, known) {
            s.insert("maxLength".into(), json!(n));
        }
    }
    if has_type(s, "integer") {
        integer_bound(s);
    }
    if has_type(s, "array") && !s.contains_key("maxItems") {
        let n = match prop {
            Some("items") if paged => Some(PAGE_MAX),
            Some("items") => None,
            Some("actor_roles") => Some(crate::domain::role::Role::ALL.len() as u64),
            Some("missing") => Some(crate::domain::award::DocumentKind::ALL.len() as u64),
            Some(p) => known.max_items.get(p).copied().or_else(|| {
                let (_, names) = ALIASES.iter().find(|(a, _)| *a == p)?;
                names
                    .iter()
                    .filter_map(|n| known.max_items.get(*n))
                    .max()
                    .copied()
            }),
            None => None,
        };
        if let Some(n) = n {
            s.insert("maxItems".into(), json!(n));
        }
    }
    if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
        let page = props.contains_key("next_cursor");
        for (name, p) in props.iter_mut() {
            bound_in(p, Some(name), known, page);
        }
    }
    // An array's items and a union's members are the property itself, as far as names go.
    if let Some(items) = s.get_mut("items") {
        bound(items, prop.filter(|p| *p != "items"), known);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(members) = s.get_mut(key).and_then(Value::as_array_mut) {
            for m in members {
                bound(m, prop, known);
            }
        }
    }
}

fn string_bound(s: &Map<String, Value>, prop: Option<&str>, known: &Known) -> Option<u64> {
    match s.get("format").and_then(Value::as_str) {
        Some("date") => return Some(crate::domain::when::DATE_LEN as u64),
        Some("date-time") => return Some(crate::domain::when::TIME_MAX_LEN as u64),
        Some("uuid") => return Some(crate::domain::id::ID_LEN as u64),
        _ => {}
    }
    let prop = prop?;
    if let Some(n) = known.max_length.get(prop) {
        return Some(*n);
    }
    let widest = |names: &[&str]| {
        names
            .iter()
            .filter_map(|n| known.max_length.get(*n))
            .max()
            .copied()
    };
    if let Some((_, names)) = ALIASES.iter().find(|(p, _)| *p == prop) {
        return widest(names);
    }
    if VOCABULARY.contains(&prop) {
        return Some(VOCABULARY_MAX);
    }
    match prop {
        "next_cursor" => Some(crate::app::page::MAX_CURSOR_LEN as u64),
        "file_name" => Some(crate::app::dossier::MAX_FILE_NAME_CHARS as u64),
        "sha256" => Some(64),
        "download_path" => {
            Some("/api/v1/personal-data/documents/".len() as u64 + crate::domain::id::ID_LEN as u64)
        }
        // Nominee keys fold names (NFKC can lengthen them) and a household's joins two
        // texts: no bound is stated rather than a wrong one.
        "nominee_key" | "recipient_key" => None,
        _ if prop == "id" || prop.ends_with("_id") || prop.ends_with("_ids") => {
            Some(crate::domain::id::ID_LEN as u64)
        }
        _ => None,
    }
}

fn integer_bound(s: &mut Map<String, Value>) {
    let (min, max) = match s.get("format").and_then(Value::as_str) {
        Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
        Some("int64") => (i64::MIN, i64::MAX),
        _ => {
            // utoipa gives unsigned Rust integers no format: they are counts that fit i64.
            s.insert("format".into(), json!("int64"));
            (0, i64::MAX)
        }
    };
    s.entry("minimum").or_insert(json!(min));
    s.entry("maximum").or_insert(json!(max));
}

/// Items of an input's id lists (`nomination_ids`): `domain::id::list` reads each as an
/// id, so each is as long as one.
fn bound_id_lists(schema: &mut Value) {
    let props = schema.get_mut("properties").and_then(Value::as_object_mut);
    for (name, p) in props.into_iter().flatten() {
        if name.ends_with("_ids") {
            if let Some(items) = p.get_mut("items").and_then(Value::as_object_mut) {
                items
                    .entry("maxLength")
                    .or_insert(json!(crate::domain::id::ID_LEN));
                items
                    .entry("pattern")
                    .or_insert(json!(crate::domain::id::ID_PATTERN));
            }
        }
    }
}

/// Headers of answers: the download name and the next cursor.
fn bound_headers(doc: &mut Value) {
    // `get_mut`, not indexing: `value["key"]` on a map inserts a null where it is missing.
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        for op in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            let responses = op.get_mut("responses").and_then(Value::as_object_mut);
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                let headers = response.get_mut("headers").and_then(Value::as_object_mut);
                for (name, h) in headers.into_iter().flatten() {
                    let n = match name.as_str() {
                        "Content-Disposition" => CONTENT_DISPOSITION_MAX,
                        "X-Next-Cursor" => crate::app::page::MAX_CURSOR_LEN as u64,
                        _ => continue,
                    };
                    if let Some(schema) = h.get_mut("schema").and_then(Value::as_object_mut) {
                        schema.entry("maxLength").or_insert(json!(n));
                    }
                }
            }
        }
    }
}

/// `attachment; filename="<ASCII, ≤ 255>"; filename*=UTF-8''<≤ 255 characters of at most
/// 4 bytes, each byte as %XX>`.
const CONTENT_DISPOSITION_MAX: u64 = {
    let name = crate::app::dossier::MAX_FILE_NAME_CHARS as u64;
    64 + name + name * 4 * 3
};
