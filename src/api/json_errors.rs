//! A JSON body that parses but does not fit its type (issue 11 item 12): 422
//! `validation_failed` with `errors` keyed by the field's path (`targets[0].criterion_id`)
//! and a message that says what was expected, instead of serde's "at line 1 column 21".
//! serde_json names the position, not the path: the path is found by walking the body
//! (kept by `input::body`) up to that position.

use crate::error::ApiError;

/// The problem for a serde_json data error on `body` (`None` if the body was not kept).
pub fn data_error(err: &serde_json::Error, body: Option<&[u8]>) -> ApiError {
    let text = err.to_string();
    // serde_json appends " at line L column C"; the path replaces it.
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    let (outer, current) = body
        .and_then(|b| offset(b, err.line(), err.column()).map(|o| path_at(&b[..o])))
        .unwrap_or_default();
    let (field, en, vi) = explain(message, &outer, current.as_deref());
    ApiError::invalid(&field, en, vi)
}

/// serde's message on a query string or a path, in words (no position to name there).
pub fn humane(message: &str) -> (String, String) {
    let (_, en, vi) = explain(message, "", None);
    (en, vi)
}

/// The byte offset of serde_json's (1-based line, column) position.
fn offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += body[start..].iter().position(|&b| b == b'\n')? + 1;
    }
    Some((start + column).min(body.len()))
}

fn join(outer: &str, key: &str) -> String {
    if outer.is_empty() {
        key.to_string()
    } else {
        format!("{outer}.{key}")
    }
}

/// The field for the message, and the message in English and Vietnamese.
fn explain(message: &str, outer: &str, current: Option<&str>) -> (String, String, String) {
    let here = || match current {
        Some(c) if c.starts_with('[') => format!("{outer}{c}"),
        Some(c) => join(outer, c),
        None if outer.is_empty() => "body".to_string(),
        None => outer.to_string(),
    };
    if let Some(name) = between(message, "missing field `", "`") {
        // The object lacking it is the innermost one: the field is its member.
        let container = match current {
            Some(c) if c.starts_with('[') => format!("{outer}{c}"),
            _ => outer.to_string(),
        };
        return (
            join(&container, name),
            "is required".into(),
            "là bắt buộc".into(),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let value = value.trim_matches('`');
        let list = names(expected);
        return (
            here(),
            format!("'{value}' is not one of the accepted values; expected one of {list}"),
            format!("'{value}' không phải giá trị hợp lệ; chỉ nhận một trong: {list}"),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = name.trim_matches('`');
        let list = names(expected);
        let (en, vi) = if list.is_empty() {
            (
                "is not a field of this body".to_string(),
                "không phải trường của nội dung này".to_string(),
            )
        } else {
            (
                format!("is not a field of this body; the fields are {list}"),
                format!("không phải trường của nội dung này; các trường là: {list}"),
            )
        };
        let _ = name;
        return (here(), en, vi);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let (en, vi) = kind(expected);
        return (
            here(),
            format!("must be {en}, not {got}"),
            format!("phải là {vi}, không phải {got}"),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // An echo of what was sent, shortened: a 10 KB value makes no better message.
        let got = &shortened(got);
        if let Some(example) = expected.strip_prefix("an id (a UUID such as ") {
            let example = example.trim_end_matches(')');
            return (
                here(),
                format!("{got} is not an id; ids are UUIDs such as {example}"),
                format!("{got} không phải mã định danh; mã định danh là UUID, ví dụ {example}"),
            );
        }
        let vi_expected = if expected.starts_with("a date as YYYY-MM-DD") {
            "ngày dạng YYYY-MM-DD".to_string()
        } else if expected.starts_with("a time as RFC 3339") {
            "thời điểm theo RFC 3339 (2026-12-04T08:30:00Z), tối đa 35 ký tự".to_string()
        } else {
            expected.to_string()
        };
        return (
            here(),
            format!("{got} is not valid; expected {expected}"),
            format!("{got} không hợp lệ; cần {vi_expected}"),
        );
    }
    if message == crate::domain::validate::DUPLICATE_IN_LIST {
        // serde reads on to the list's end: name the list, not the item reached.
        let list = match current {
            Some(c) if c.starts_with('[') => outer.to_string(),
            _ => here(),
        };
        return (
            list,
            "lists each value at most once".into(),
            "mỗi giá trị chỉ được có một lần".into(),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.trim_end_matches('`');
        let _ = name;
        return (here(), "is given twice".into(), "bị lặp lại".into());
    }
    (here(), message.to_string(), message.to_string())
}

/// At most 100 characters of `s`, then "…".
fn shortened(s: &str) -> String {
    const MAX: usize = 100;
    match s.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// serde's "expected" phrase in words for people (a Rust type name means nothing to them).
fn kind(expected: &str) -> (String, String) {
    let e = expected.trim();
    let (en, vi) = match e {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            ("an integer", "số nguyên")
        }
        "f32" | "f64" => ("a number", "số"),
        "a boolean" => ("true or false", "true hoặc false"),
        "a string" => ("a string", "chuỗi ký tự"),
        "a sequence" => ("an array", "mảng"),
        _ if e.starts_with("struct ") || e.starts_with("a map") => ("an object", "đối tượng"),
        _ if e.starts_with("a string") || e.starts_with("a formatted") => {
            ("a string", "chuỗi ký tự")
        }
        _ if e.starts_with("unit variant") || e.starts_with("variant identifier") => {
            ("one of the listed values", "một trong các giá trị liệt kê")
        }
        _ if e.starts_with("an id (") => return (e.to_string(), "mã định danh (UUID)".into()),
        _ if e.starts_with("a date as ") => {
            return (e.to_string(), "ngày dạng YYYY-MM-DD".into());
        }
        _ if e.starts_with("a time as ") => {
            return (e.to_string(), "thời điểm theo RFC 3339".into());
        }
        _ => return (e.to_string(), e.to_string()),
    };
    (en.to_string(), vi.to_string())
}

/// serde's list of names (`` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``) as
/// `a, b, c`.
fn names(expected: &str) -> String {
    expected
        .trim_start_matches("one of ")
        .replace("` or `", "`, `")
        .replace('`', "")
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(start)?;
    Some(&rest[..rest.find(end)?])
}

enum Frame {
    Object {
        key: Option<String>,
        wants_key: bool,
    },
    Array {
        index: usize,
        started: bool,
    },
}

/// Walks `json` (a prefix of the body, up to the error) and returns the path of the
/// enclosing containers (`targets[0]`) and the innermost container's current member
/// (`criterion_id`, or `[2]` in an array).
fn path_at(json: &[u8]) -> (String, Option<String>) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mark_value = |stack: &mut Vec<Frame>| {
        if let Some(Frame::Array { started, .. }) = stack.last_mut() {
            *started = true;
        }
    };
    while i < json.len() {
        match json[i] {
            b'{' => {
                mark_value(&mut stack);
                stack.push(Frame::Object {
                    key: None,
                    wants_key: true,
                });
            }
            b'[' => {
                mark_value(&mut stack);
                stack.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { wants_key, .. }) => *wants_key = true,
                Some(Frame::Array { index, .. }) => *index += 1,
                None => {}
            },
            b'"' => {
                let mut s = Vec::new();
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    if json[i] == b'\\' && i + 1 < json.len() {
                        i += 1;
                    }
                    s.push(json[i]);
                    i += 1;
                }
                match stack.last_mut() {
                    Some(Frame::Object { key, wants_key }) if *wants_key => {
                        *key = Some(String::from_utf8_lossy(&s).into_owned());
                        *wants_key = false;
                    }
                    _ => mark_value(&mut stack),
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => mark_value(&mut stack),
        }
        i += 1;
    }
    let step = |f: &Frame| match f {
        Frame::Object { key, .. } => key.clone(),
        Frame::Array { index, started } => started.then(|| format!("[{index}]")),
    };
    let mut outer = String::new();
    let n = stack.len();
    for f in stack.iter().take(n.saturating_sub(1)) {
        match step(f) {
            Some(s) if s.starts_with('[') => outer.push_str(&s),
            Some(s) => outer = join(&outer, &s),
            None => {}
        }
    }
    (outer, stack.last().and_then(step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Target {
        criterion_id: String,
        value: i32,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Plan {
        title: String,
        targets: Vec<Target>,
        kind: Option<Kind>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        ProposalLetter,
        CouncilMinutes,
    }

    fn field(body: &str) -> (String, String) {
        let err = serde_json::from_str::<Plan>(body).unwrap_err();
        let e = data_error(&err, Some(body.as_bytes()));
        let (k, v) = e.details.errors.iter().next().unwrap();
        (k.clone(), v[0].en.clone())
    }

    #[test]
    fn paths_of_missing_wrong_and_unknown() {
        assert_eq!(
            field(r#"{"title":"x","targets":[{"criterion_id":"a","value":1},{"value":2}]}"#),
            ("targets[1].criterion_id".into(), "is required".into())
        );
        assert_eq!(
            field(r#"{"title":"x","targets":[{"criterion_id":7,"value":1}]}"#),
            (
                "targets[0].criterion_id".into(),
                "must be a string, not integer `7`".into()
            )
        );
        assert_eq!(
            field("{\n \"title\": \"x\",\n \"targets\": [],\n \"kind\": \"to_trinh\"}"),
            (
                "kind".into(),
                "'to_trinh' is not one of the accepted values; expected one of proposal_letter, council_minutes".into()
            )
        );
        assert_eq!(field(r#"{"targets":[]}"#).0, "title");
        assert_eq!(field(r#"{"title":"x","targets":[],"extra":1}"#).0, "extra");
        assert_eq!(
            field(r#"{"title":"x","targets":[{"criterion_id":"a","value":"7"}]}"#),
            (
                "targets[0].value".into(),
                "must be an integer, not string \"7\"".into()
            )
        );
    }
}

#[cfg(test)]
mod id_paths {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct U {
        code: String,
        #[serde(default, deserialize_with = "crate::domain::id::optional")]
        group_id: Option<String>,
        #[serde(default, deserialize_with = "crate::domain::id::nullable")]
        successor_id: Option<Option<String>>,
    }

    #[test]
    fn a_bad_id_names_its_field_wherever_it_is() {
        let body = r#"{"code":"X","group_id":"no-such-group"}"#;
        let err = serde_json::from_str::<U>(body).unwrap_err();
        let e = data_error(&err, Some(body.as_bytes()));
        let (k, _) = e.details.errors.iter().next().unwrap();
        assert_eq!(k, "group_id");
        let body = r#"{"successor_id":"x","code":"X"}"#;
        let err = serde_json::from_str::<U>(body).unwrap_err();
        let e = data_error(&err, Some(body.as_bytes()));
        assert_eq!(e.details.errors.keys().next().unwrap(), "successor_id");
    }
}
