//! Bodies as generators read them (issue 11 defects 1, 2 and 7): files as binary
//! strings, the multipart form without a `$ref`ed enum, optional step bodies as
//! `required: false`.

use serde_json::{json, Value};

/// `Vec<u8>` bodies come out of utoipa as arrays of integers: a download is one binary
/// string per media type.
pub fn binary_downloads(op: &mut Value) {
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    for response in responses.values_mut() {
        let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        for (media_type, media) in content.iter_mut() {
            let schema = &media["schema"];
            let bytes = schema["type"] == "array" && schema["items"]["type"] == "integer";
            if bytes {
                media["schema"] = json!({
                    "type": "string",
                    "format": "binary",
                    "contentMediaType": media_type,
                });
            }
        }
    }
}

/// An `Option<Json<T>>` body (`oneOf [T, null]`): the body may be left out, and when
/// sent it is `T` (whose fields are all optional).
pub fn optional_bodies(op: &mut Value) {
    let Some(body) = op.get_mut("requestBody") else {
        return;
    };
    let mut optional = false;
    if let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) {
        for media in content.values_mut() {
            let Some(variants) = media["schema"]["oneOf"].as_array() else {
                continue;
            };
            let non_null: Vec<&Value> = variants.iter().filter(|v| v["type"] != "null").collect();
            if variants.len() == 2 && non_null.len() == 1 {
                let inner = non_null[0].clone();
                media["schema"] = inner;
                optional = true;
            }
        }
    }
    if optional {
        body["required"] = json!(false);
        let description = body["description"].as_str().unwrap_or("").to_string();
        body["description"] = json!(format!(
            "{}{}May be left out (no body, an empty body, or `{{}}`).",
            description,
            if description.is_empty() { "" } else { ". " }
        ));
    }
}

/// The multipart form's `$ref`ed enums inlined (openapi-generator's rust client
/// writes `models::models::DocumentKind` for a `$ref` in a form and does not compile).
pub fn inline_form_enums(doc: &mut Value) {
    let schemas = doc["components"]["schemas"].clone();
    let mut forms: Vec<String> = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for item in paths.values() {
            for op in item.as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(r) =
                    op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].as_str()
                {
                    forms.push(r.trim_start_matches("#/components/schemas/").to_string());
                }
            }
        }
    }
    for form in forms {
        // The server refuses a part it does not know (422): say so, so that generated
        // forms carry only `kind` and `file`.
        if let Some(o) = doc["components"]["schemas"][&form].as_object_mut() {
            o.insert("additionalProperties".into(), json!(false));
        }
        let Some(props) = doc["components"]["schemas"][&form]["properties"].as_object_mut() else {
            continue;
        };
        for prop in props.values_mut() {
            let Some(target) = prop["$ref"].as_str() else {
                continue;
            };
            let name = target.trim_start_matches("#/components/schemas/");
            let referenced = &schemas[name];
            if referenced["enum"].is_array() {
                let mut inlined = referenced.clone();
                if let Some(o) = inlined.as_object_mut() {
                    o.entry("description")
                        .or_insert_with(|| json!(format!("A `{name}`")));
                }
                *prop = inlined;
            }
        }
    }
}
