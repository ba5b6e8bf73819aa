//! Every `example` and `examples` in the OpenAPI document matches the schema it
//! illustrates (issue 11, defect 9): a wrong example misleads integrators and fails both
//! linters. A small validator for the subset of JSON Schema the document uses.

use regex::Regex;
use serde_json::{Map, Value};

/// The schema keywords that make an object a schema (and not, say, a media type).
const SCHEMA_KEYS: &[&str] = &[
    "type",
    "properties",
    "$ref",
    "oneOf",
    "anyOf",
    "allOf",
    "items",
    "enum",
];

struct Checker<'a> {
    schemas: &'a Map<String, Value>,
    errors: Vec<String>,
    checked: usize,
}

impl Checker<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        while let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/components/schemas/");
            s = self
                .schemas
                .get(name)
                .unwrap_or_else(|| panic!("unresolved $ref {r}"));
        }
        s
    }

    /// The reasons `value` does not match `schema` (empty: it matches).
    fn check(&self, value: &Value, schema: &Value, at: &str) -> Vec<String> {
        let mut errs = Vec::new();
        // A `$ref` with siblings (a description) keeps the target's rules only.
        let schema = self.resolve(schema);
        if let Some(types) = schema.get("type") {
            let types: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.iter().any(|t| type_matches(value, t)) {
                errs.push(format!("{at}: {value} is not of type {types:?}"));
                return errs;
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            if !e.contains(value) {
                errs.push(format!("{at}: {value} is not one of {e:?}"));
            }
        }
        if let Some(c) = schema.get("const") {
            if c != value {
                errs.push(format!("{at}: {value} is not {c}"));
            }
        }
        for (key, pick_one) in [("oneOf", true), ("anyOf", false)] {
            if let Some(alts) = schema.get(key).and_then(Value::as_array) {
                let ok = alts
                    .iter()
                    .filter(|a| self.check(value, a, at).is_empty())
                    .count();
                if ok == 0 || (pick_one && ok > 1) {
                    errs.push(format!("{at}: {value} matches {ok} of the {key} schemas"));
                }
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for a in all {
                errs.extend(self.check(value, a, at));
            }
        }
        match value {
            Value::Object(obj) => {
                let props = schema.get("properties").and_then(Value::as_object);
                if let Some(req) = schema.get("required").and_then(Value::as_array) {
                    for r in req.iter().filter_map(Value::as_str) {
                        if !obj.contains_key(r) {
                            errs.push(format!("{at}: lacks required `{r}`"));
                        }
                    }
                }
                for (k, v) in obj {
                    match props.and_then(|p| p.get(k)) {
                        Some(ps) => errs.extend(self.check(v, ps, &format!("{at}/{k}"))),
                        None => match schema.get("additionalProperties") {
                            Some(Value::Bool(false)) => {
                                errs.push(format!("{at}: `{k}` is not a property"))
                            }
                            Some(extra @ Value::Object(_)) => {
                                errs.extend(self.check(v, extra, &format!("{at}/{k}")))
                            }
                            _ => {}
                        },
                    }
                }
            }
            Value::Array(items) => {
                if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                    if items.len() as u64 > max {
                        errs.push(format!("{at}: more than {max} items"));
                    }
                }
                if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                    if (items.len() as u64) < min {
                        errs.push(format!("{at}: fewer than {min} items"));
                    }
                }
                if let Some(is) = schema.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        errs.extend(self.check(v, is, &format!("{at}/{i}")));
                    }
                }
            }
            Value::String(s) => {
                let n = s.chars().count() as u64;
                if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
                    if n > max {
                        errs.push(format!("{at}: longer than {max}"));
                    }
                }
                if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
                    if n < min {
                        errs.push(format!("{at}: shorter than {min}"));
                    }
                }
                if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
                    let re = Regex::new(p).unwrap_or_else(|e| panic!("{at}: pattern {p}: {e}"));
                    if !re.is_match(s) {
                        errs.push(format!("{at}: {s:?} does not match {p}"));
                    }
                }
                if let Some(f) = schema.get("format").and_then(Value::as_str) {
                    if !format_matches(s, f) {
                        errs.push(format!("{at}: {s:?} is not a {f}"));
                    }
                }
            }
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                    if x > max {
                        errs.push(format!("{at}: {x} is above {max}"));
                    }
                }
                if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                    if x < min {
                        errs.push(format!("{at}: {x} is below {min}"));
                    }
                }
            }
            _ => {}
        }
        errs
    }

    fn example(&mut self, value: &Value, schema: &Value, at: &str) {
        self.checked += 1;
        let errs = self.check(value, schema, at);
        self.errors.extend(errs);
    }

    /// Checks every example found at or below `node`.
    /// `names`: `node` maps names to schemas (`properties`, `schemas`), it is none itself.
    fn walk(&mut self, node: &Value, at: &str, names: bool) {
        match node {
            Value::Object(obj) => {
                let is_schema = !names && SCHEMA_KEYS.iter().any(|k| obj.contains_key(*k));
                if let Some(schema) = obj.get("schema") {
                    // A media type or a parameter: `example`, or `examples` by name.
                    if let Some(ex) = obj.get("example") {
                        self.example(ex, schema, &format!("{at}/example"));
                    }
                    if let Some(exs) = obj.get("examples").and_then(Value::as_object) {
                        for (name, ex) in exs {
                            if let Some(v) = ex.get("value") {
                                self.example(v, schema, &format!("{at}/examples/{name}"));
                            }
                        }
                    }
                } else if is_schema {
                    let mut bare = obj.clone();
                    let one = bare.remove("example");
                    let many = bare.remove("examples");
                    let bare = Value::Object(bare);
                    if let Some(ex) = one {
                        self.example(&ex, &bare, &format!("{at}/example"));
                    }
                    if let Some(Value::Array(exs)) = many {
                        for (i, ex) in exs.iter().enumerate() {
                            self.example(ex, &bare, &format!("{at}/examples/{i}"));
                        }
                    }
                }
                for (k, v) in obj {
                    // Examples are data, not schemas: no examples inside them.
                    if names || k != "example" && k != "examples" {
                        let map = !names && (k == "properties" || k == "schemas");
                        self.walk(v, &format!("{at}/{k}"), map);
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.walk(v, &format!("{at}/{i}"), false);
                }
            }
            _ => {}
        }
    }
}

fn type_matches(value: &Value, t: &str) -> bool {
    match t {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => false,
    }
}

fn format_matches(s: &str, f: &str) -> bool {
    match f {
        "date" => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "uuid" => uuid::Uuid::parse_str(s).is_ok() && s.len() == 36,
        _ => true,
    }
}

fn document() -> Value {
    serde_json::from_str(&thidua::openapi::document_json()).unwrap()
}

fn check_all(doc: &Value) -> (usize, Vec<String>) {
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut c = Checker {
        schemas,
        errors: Vec::new(),
        checked: 0,
    };
    c.walk(doc, "#", false);
    (c.checked, c.errors)
}

#[test]
fn every_example_matches_its_schema() {
    let (checked, errors) = check_all(&document());
    assert!(checked >= 60, "only {checked} examples found");
    assert!(
        errors.is_empty(),
        "{} wrong examples:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn the_validator_catches_a_wrong_example() {
    // The defect this test was written for: a Movement example lacking required fields.
    let mut doc = document();
    let movement = &mut doc["components"]["schemas"]["Movement"]["example"];
    movement
        .as_object_mut()
        .unwrap()
        .remove("review_working_days");
    let (_, errors) = check_all(&doc);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Movement") && e.contains("review_working_days")),
        "{errors:?}"
    );
}

/// The schema, or each of its non-null alternatives (an optional body), has an example.
fn has_example(c: &Checker<'_>, schema: &Value) -> bool {
    let s = c.resolve(schema);
    if s.get("example").is_some() || s.get("examples").is_some() {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        s.get(*k).and_then(Value::as_array).is_some_and(|alts| {
            alts.iter()
                .all(|a| a["type"] == "null" || has_example(c, a))
        })
    })
}

#[test]
fn every_json_request_body_has_an_example() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let c = Checker {
        schemas,
        errors: Vec::new(),
        checked: 0,
    };
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(content) = op["requestBody"]["content"].as_object() else {
                continue;
            };
            for (media, mt) in content {
                // A file upload's example would be a file: its fields are described instead.
                if media == "multipart/form-data" {
                    continue;
                }
                let found = mt.get("example").is_some()
                    || mt.get("examples").is_some()
                    || has_example(&c, &mt["schema"]);
                if !found {
                    missing.push(format!("{method} {path} {media}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "request bodies without an example: {missing:?}"
    );
}

/// The reasons an answer `value` does not match `schema` of `doc` (for
/// `contract_answers`).
pub fn mismatches(doc: &Value, value: &Value, schema: &Value, at: &str) -> Vec<String> {
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let c = Checker {
        schemas,
        errors: Vec::new(),
        checked: 0,
    };
    c.check(value, schema, at)
}
