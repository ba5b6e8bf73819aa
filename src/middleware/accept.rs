//! `Accept` (issue 11 item 6): an operation answers only the media types its OpenAPI
//! entry lists for success; a request whose `Accept` admits none of them is refused with
//! 406 `not_acceptable` before the handler runs (so a step is never taken for a client
//! that could not read the answer). Errors stay problem+json whatever `Accept` says.

use crate::error::{ApiError, ErrorCode, Lang};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web;

/// The success media types of every operation, from the OpenAPI document.
pub struct Produces {
    /// (path segments, method, media types without parameters)
    routes: Vec<(Vec<String>, String, Vec<String>)>,
}

impl Produces {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in api.paths.paths.iter() {
            let value = serde_json::to_value(item).unwrap_or_default();
            let Some(ops) = value.as_object() else {
                continue;
            };
            for (method, op) in ops {
                let mut types: Vec<String> = Vec::new();
                let responses = op.get("responses").and_then(|r| r.as_object());
                for (status, res) in responses.into_iter().flatten() {
                    if !status.starts_with('2') {
                        continue;
                    }
                    let content = res.get("content").and_then(|c| c.as_object());
                    types.extend(content.into_iter().flatten().map(|(t, _)| base(t)));
                }
                routes.push((
                    path.split('/').map(str::to_string).collect(),
                    method.to_ascii_uppercase(),
                    types,
                ));
            }
        }
        Self { routes }
    }

    /// The media types the route answers with, if the path and method are an operation
    /// that answers with a body.
    fn of(&self, method: &str, path: &str) -> Option<Vec<&str>> {
        let method = if method == "HEAD" { "GET" } else { method };
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        // As the router picks one route, only the most specific patterns count:
        // `{id}.csv` over `{id}` for `…/abc.csv`.
        let scored: Vec<(usize, &Vec<String>)> = self
            .routes
            .iter()
            .filter(|(_, m, _)| m == method)
            .filter_map(|(pattern, _, t)| specificity(pattern, &segments).map(|n| (n, t)))
            .collect();
        let best = scored.iter().map(|(n, _)| *n).max()?;
        let types: Vec<&str> = scored
            .iter()
            .filter(|(n, _)| *n == best)
            .flat_map(|(_, t)| t.iter().map(String::as_str))
            .collect();
        (!types.is_empty()).then_some(types)
    }
}

fn base(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `{id}` matches a segment; `{id}.csv` one that ends with `.csv`. Some(the number of
/// literal characters matched: the more, the more specific) when the pattern matches.
fn specificity(pattern: &[String], segments: &[&str]) -> Option<usize> {
    if pattern.len() != segments.len() {
        return None;
    }
    let mut literal = 0;
    for (p, s) in pattern.iter().zip(segments) {
        match p.strip_prefix('{').and_then(|p| p.split_once('}')) {
            Some((_, suffix)) if s.len() > suffix.len() && s.ends_with(suffix) => {
                literal += suffix.len();
            }
            Some(_) => return None,
            None if p == s => literal += p.len(),
            None => return None,
        }
    }
    Some(literal)
}

/// The quality `accept` gives `media_type`: that of the most specific range matching it
/// (`type/subtype` over a `+json` type over `type/*` over `*/*`), 0 when none does. A
/// `+json` type (`application/problem+json`) is taken as admitting JSON: such a client
/// reads JSON, unless it names `application/json` itself. A range whose `q` is no
/// RFC 9110 qvalue (`q=NaN`, `q=2`, `q=-1`) is ignored.
pub fn quality(accept: &str, media_type: &str) -> f32 {
    let (ty, sub) = media_type.split_once('/').unwrap_or((media_type, ""));
    let mut best: Option<(u8, f32)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let q = match parts
            .map(str::trim)
            .find_map(|p| p.strip_prefix("q=").or(p.strip_prefix("Q=")))
        {
            None => 1.0,
            Some(v) => match qvalue(v.trim()) {
                Some(q) => q,
                None => continue,
            },
        };
        let (rt, rs) = name.split_once('/').unwrap_or((name.as_str(), ""));
        let specificity = if rt == "*" && rs == "*" {
            1
        } else if rt == ty && rs == "*" {
            2
        } else if rt == ty && rs == sub {
            4
        } else if rt == ty && sub == "json" && rs.ends_with("+json") {
            3
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, q));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// `0`, `0.5`, `1.000`: at most three decimals, between 0 and 1 (RFC 9110 §12.4.2).
fn qvalue(v: &str) -> Option<f32> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    // `q=.2` is no RFC 9110 qvalue, but Java's default Accept sends it: read it as 0.2.
    let int = if int.is_empty() && !frac.is_empty() {
        "0"
    } else {
        int
    };
    let ok = matches!(int, "0" | "1")
        && frac.len() <= 3
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || frac.bytes().all(|b| b == b'0'));
    ok.then(|| {
        format!("{int}.{frac}")
            .trim_end_matches('.')
            .parse::<f32>()
            .ok()
    })
    .flatten()
}

/// 406 when the request's `Accept` admits none of the operation's media types.
pub async fn negotiate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .filter(|a| !a.trim().is_empty())
        .map(str::to_string);
    let refused = match (accept, req.app_data::<web::Data<Produces>>()) {
        (Some(accept), Some(table)) => table
            .of(req.method().as_str(), super::routed_path(req.request()))
            .filter(|types| types.iter().all(|t| quality(&accept, t) <= 0.0))
            .map(|types| types.join(", ")),
        _ => None,
    };
    if let Some(offered) = refused {
        let res = ApiError::new(ErrorCode::NotAcceptable)
            .detail(
                format!("This operation answers {offered}; send an Accept header that admits it (or none)"),
                format!("Thao tác này trả về {offered}; hãy gửi tiêu đề Accept chấp nhận định dạng đó (hoặc không gửi)"),
            )
            .with("acceptable", offered.split(", ").collect::<Vec<_>>())
            .render(Lang::En);
        return Ok(req.into_response(res));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::quality;

    #[test]
    fn q_values_wildcards_and_json_suffixes() {
        assert_eq!(quality("text/csv", "application/json"), 0.0);
        assert_eq!(quality("text/csv", "text/csv"), 1.0);
        assert_eq!(quality("*/*", "application/json"), 1.0);
        assert_eq!(quality("application/*;q=0.5", "application/json"), 0.5);
        assert_eq!(quality("application/problem+json", "application/json"), 1.0);
        assert_eq!(
            quality("application/json;q=0, */*", "application/json"),
            0.0
        );
        assert_eq!(quality("text/csv, */*;q=0.1", "application/json"), 0.1);
        assert_eq!(quality("text/*", "text/csv"), 1.0);
    }

    #[test]
    fn an_explicit_refusal_of_json_beats_a_json_suffix() {
        assert_eq!(
            quality(
                "application/problem+json, application/json;q=0",
                "application/json"
            ),
            0.0
        );
        assert_eq!(
            quality(
                "application/json;q=0, application/problem+json",
                "application/json"
            ),
            0.0
        );
    }

    #[test]
    fn malformed_q_values_are_ignored() {
        for bad in [
            "NaN", "nan", "inf", "2", "-1", "0.1234", "1.5", "", "0x1", "1e0",
        ] {
            let accept = format!("application/json;q={bad}");
            assert_eq!(quality(&accept, "application/json"), 0.0, "q={bad}");
        }
        assert_eq!(quality("application/json;q=1.000", "application/json"), 1.0);
        // Java's HttpURLConnection default.
        assert_eq!(
            quality(
                "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
                "application/json"
            ),
            0.2
        );
        assert_eq!(
            quality("application/json;q=0.001", "application/json"),
            0.001
        );
        assert_eq!(
            quality("application/json;q=NaN, */*;q=0.2", "application/json"),
            0.2
        );
    }
}
