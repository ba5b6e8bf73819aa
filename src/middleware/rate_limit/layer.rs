//! The rate limit as an actix middleware: charges each `/api/v1` request before any
//! handler runs, settles a token's charge once answered, and adds the headers.

use super::{state_header, TokenVerified, RATELIMIT, RATELIMIT_POLICY, WINDOW_SECONDS};
use crate::error::{ApiError, ErrorCode, Lang};
use crate::middleware::routed_path;
use crate::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};

/// The middleware: judges every `/api/v1` request before anything else reads it.
pub async fn rate_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = routed_path(req.request());
    let state = req
        .app_data::<web::Data<AppState>>()
        .filter(|_| path.starts_with("/api/v1/") || path == "/api/v1")
        .cloned();
    let Some((state, limiter)) =
        state.and_then(|s| s.rate_limit.clone().map(|limiter| (s, limiter)))
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let hops = state.settings.trusted_proxy_hops;
    let address = |r: &actix_web::HttpRequest| crate::api::auth::client_address(r, hops);
    let now = limiter.now();
    // Paths that read no token are charged to the address, whatever header comes along.
    let token = crate::api::caller::needs_caller(path)
        .then(|| req.headers().get(header::AUTHORIZATION))
        .flatten();
    // Keyed on the token itself, not the header's spelling (`bearer  X` is `Bearer X`):
    // one token is one caller however its header is written.
    let token_key = token.map(|t| {
        crate::api::caller::bearer_of(Some(t))
            .map(String::into_bytes)
            .unwrap_or_else(|_| t.as_bytes().to_vec())
    });
    let charge = match &token_key {
        Some(t) => limiter.check_token(t, || address(req.request()), now),
        None => limiter.check_address(&address(req.request()), now),
    };
    let policy = limiter.policy(&charge);
    if !charge.verdict.allowed {
        state.metrics.count_rate_limited();
        let v = &charge.verdict;
        let refusal = ApiError::new(ErrorCode::RateLimited)
            .retry_after(v.retry_after_seconds)
            .detail(
                format!(
                    "More than {} requests in {WINDOW_SECONDS} seconds from this caller; retry after {} s",
                    v.limit, v.retry_after_seconds
                ),
                format!(
                    "Quá {} yêu cầu trong {WINDOW_SECONDS} giây từ cùng một nơi gọi; thử lại sau {} giây",
                    v.limit, v.retry_after_seconds
                ),
            );
        let mut res = req.into_response(refusal.render(Lang::En));
        let headers = res.headers_mut();
        headers.insert(RATELIMIT_POLICY.clone(), policy);
        headers.insert(RATELIMIT.clone(), state_header(v));
        return Ok(res);
    }
    let has_token = token.is_some();
    let mut res = next.call(req).await?.map_into_boxed_body();
    if has_token {
        let status = res.status().as_u16();
        let verified = res.request().extensions().get::<TokenVerified>().is_some();
        limiter.settle(
            &charge,
            verified,
            status,
            &address(res.request()),
            limiter.now(),
        );
    }
    let headers = res.headers_mut();
    headers.insert(RATELIMIT_POLICY.clone(), policy);
    headers.insert(RATELIMIT.clone(), state_header(&charge.verdict));
    Ok(res)
}
