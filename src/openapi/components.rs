//! What operations share, stated once (issue 11 defect 4): `components.parameters`,
//! `components.headers` and `components.responses`, and the pass that points each
//! operation at them.

use super::problems;
use crate::error::ErrorCode;
use serde_json::{json, Map, Value};

fn header_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/headers/{name}")})
}

pub fn parameters() -> Value {
    json!({
        "IfMatch": {
            "name": "If-Match", "in": "header", "required": true,
            "description": "The `ETag` last read (`\"<version>\"`), or `*`. A stale one answers 412 `stale_version` with `current_version`.",
            "schema": {"type": "string", "maxLength": crate::api::IF_MATCH_MAX_LEN, "pattern": "^(\\*|(W/)?\"[0-9]+\")$", "examples": ["\"1\""]}
        },
        "IdempotencyKey": {
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "Retry key (printable ASCII, 1–200 characters): a repeat with the same key and body returns the first answer with `Idempotency-Replayed: true`; the same key with another body answers 422 `idempotency_key_reused`.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"}
        },
        "Limit": {
            "name": "limit", "in": "query", "required": false,
            "description": "Page size: 1 to 200 items, 50 when left out.",
            "schema": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 200, "default": 50}
        },
        "Cursor": {
            "name": "cursor", "in": "query", "required": false,
            "description": "Where the page starts: `next_cursor` of the previous page, passed back unchanged (opaque, base64url without padding). Left out or empty: the first page.",
            "schema": {"type": "string", "maxLength": 4096, "pattern": "^[A-Za-z0-9_-]*$"}
        }
    })
}

pub fn headers() -> Value {
    let s = |max: u64| json!({"type": "string", "maxLength": max});
    json!({
        "ETag": {"description": "The record's version, `\"<version>\"`: send it back as `If-Match`.",
            "schema": {"type": "string", "maxLength": 24, "pattern": "^\"[0-9]+\"$"}},
        "Location": {"description": "The created record's path.",
            "schema": {"type": "string", "format": "uri-reference", "maxLength": 300}},
        "X-Request-Id": {"description": "The request's id (also the problem's `request_id` and in every log line): quote it when reporting a problem.",
            "schema": s(64)},
        "Idempotency-Replayed": {"description": "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.",
            "schema": {"type": "string", "enum": ["true"]}},
        "Retry-After": {"description": "Seconds to wait before retrying.",
            "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 86400}},
        "Cache-Control": {"description": "How long shared caches may keep the answer (`public, max-age=60` for open data, `no-store` for tokens).",
            "schema": s(100)},
        "RateLimit-Policy": {"description": "The rate-limit policy (draft-ietf-httpapi-ratelimit-headers): `\"default\";q=<requests>;w=<window seconds>`.",
            "schema": s(200)},
        "RateLimit": {"description": "What is left of the policy (draft-ietf-httpapi-ratelimit-headers): `\"default\";r=<remaining>;t=<seconds to reset>`.",
            "schema": s(200)},
        "Access-Control-Allow-Origin": {"description": "Sent when the request's `Origin` is one of the configured `THIDUA_CORS_ORIGINS` (none by default): that origin, never `*`.",
            "schema": {"type": "string", "format": "uri", "maxLength": 300}},
        "WWW-Authenticate": {"description": "`Bearer realm=\"thidua\"`", "schema": s(100)}
    })
}

/// The shared error responses: status → (component name, description).
const SHARED: &[(&str, &str, &str)] = &[
    ("400", "BadRequest", "Unreadable body, query string or path"),
    ("401", "Unauthorized", "No token, or an invalid, expired or revoked one"),
    ("408", "RequestTimeout", "The body did not arrive in time; the connection is closed"),
    ("413", "PayloadTooLarge", "The body is larger than the limit (JSON 1 MiB, files 20 MiB by default)"),
    ("414", "UriTooLong", "The path and query are longer than `THIDUA_MAX_URL_BYTES`"),
    ("415", "UnsupportedMediaType", "The body is not of a media type the operation reads"),
    ("422", "Unprocessable", "Invalid input (`errors` lists the fields), or a control character in the path, the query, the body or a stored header"),
    ("429", "RateLimited", "Too many requests: wait `Retry-After` seconds"),
    ("500", "InternalError", "Internal error (opaque; logged with the request id)"),
    ("503", "DatabaseUnavailable", "The database is unavailable; retry after `Retry-After` seconds"),
];

/// The component a shared status answers with, if any.
pub fn shared(status: &str) -> Option<&'static str> {
    SHARED
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, name, _)| *name)
}

pub fn shared_description(status: &str) -> &'static str {
    SHARED
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, _, d)| *d)
        .unwrap_or("Error")
}

pub fn responses() -> Value {
    let mut out = Map::new();
    for (status, name, description) in SHARED {
        let mut r = json!({"description": description});
        let code: u16 = status.parse().unwrap_or(500);
        problem_body(&mut r, code, false, true);
        out.insert((*name).to_string(), r);
    }
    Value::Object(out)
}

/// Gives an error response its problem body, an example per code it can answer, and
/// the headers sent with it.
pub fn problem_body(response: &mut Value, status: u16, public: bool, api: bool) {
    let description = response["description"].as_str().unwrap_or("").to_string();
    let codes = problems::codes_for(status, &description, public);
    let examples: Map<String, Value> = codes
        .iter()
        .map(|c| {
            (
                c.as_str().to_string(),
                json!({"$ref": format!("#/components/examples/{}", problems::example_name(*c))}),
            )
        })
        .collect();
    response["content"] = json!({"application/problem+json": {
        "schema": {"$ref": "#/components/schemas/Problem"},
        "examples": examples
    }});
    response["x-problem-codes"] = json!(codes.iter().map(|c| c.as_str()).collect::<Vec<_>>());
    let headers = headers_of(response);
    if codes.iter().any(|c| {
        matches!(
            c,
            ErrorCode::RateLimited | ErrorCode::DatabaseUnavailable | ErrorCode::LoginBusy
        )
    }) {
        headers.insert("Retry-After".into(), header_ref("Retry-After"));
    }
    if status == 401 {
        headers.insert("WWW-Authenticate".into(), header_ref("WWW-Authenticate"));
    }
    common_headers(response, api);
}

fn headers_of(response: &mut Value) -> &mut Map<String, Value> {
    if !response["headers"].is_object() {
        response["headers"] = json!({});
    }
    match response["headers"].as_object_mut() {
        Some(h) => h,
        None => unreachable!("set to an object above"),
    }
}

/// `X-Request-Id` on every response; the rate-limit headers on every `/api/` one.
pub fn common_headers(response: &mut Value, api: bool) {
    let headers = headers_of(response);
    headers.insert("X-Request-Id".into(), header_ref("X-Request-Id"));
    // The CORS layer wraps every route, the probes too.
    headers.insert(
        "Access-Control-Allow-Origin".into(),
        header_ref("Access-Control-Allow-Origin"),
    );
    if api {
        headers.insert("RateLimit".into(), header_ref("RateLimit"));
        headers.insert("RateLimit-Policy".into(), header_ref("RateLimit-Policy"));
    }
}

/// Success headers: `ETag` where the handler declared one, `Location` on 201,
/// `Idempotency-Replayed` where a retry key is read, `Cache-Control` where sent.
pub fn success_headers(
    response: &mut Value,
    status: &str,
    idempotent: bool,
    cache: bool,
    api: bool,
) {
    let headers = headers_of(response);
    if headers.contains_key("ETag") {
        headers.insert("ETag".into(), header_ref("ETag"));
    }
    if status == "201" || headers.contains_key("Location") {
        headers.insert("Location".into(), header_ref("Location"));
    }
    if idempotent {
        headers.insert(
            "Idempotency-Replayed".into(),
            header_ref("Idempotency-Replayed"),
        );
    }
    if cache {
        headers.insert("Cache-Control".into(), header_ref("Cache-Control"));
    }
    common_headers(response, api);
}

/// Points the operation's parameters at the shared ones; true when it reads an
/// `Idempotency-Key`.
pub fn share_parameters(op: &mut Value) -> bool {
    let mut idempotent = false;
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for p in params.iter_mut() {
            let name = match (p["name"].as_str(), p["in"].as_str()) {
                (Some("If-Match"), Some("header")) => "IfMatch",
                (Some("Idempotency-Key"), Some("header")) => {
                    idempotent = true;
                    "IdempotencyKey"
                }
                (Some("limit"), Some("query")) => "Limit",
                (Some("cursor"), Some("query")) => "Cursor",
                _ => continue,
            };
            *p = json!({"$ref": format!("#/components/parameters/{name}")});
        }
    }
    idempotent
}
