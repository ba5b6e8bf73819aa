//! The request body, wrapped before any extractor reads it:
//!
//! - a JSON body is scanned for control characters as it streams in (decompressed
//!   first when it came compressed, so the scan sees the text the parser will);
//! - every body has a deadline: `timeout` from its first read, plus the time its data
//!   earns at `min_rate` bytes per second (Apache's `mod_reqtimeout` scheme: a slow
//!   but honest upload goes on, a trickle is cut).
//!
//! Either ends the stream with an error that [`problem`] turns into 400
//! `control_character` or 408 `request_timeout`.

use super::controls::{Found, JsonScan};
use super::{control_character, Part};
use crate::error::{ApiError, ErrorCode};
use actix_web::dev::{Decompress, Payload, ServiceRequest};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::rt::time::{sleep, Instant, Sleep};
use actix_web::web::Bytes;
use actix_web::HttpMessage;
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// How long a body may take.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    pub timeout: Duration,
    /// Bytes per second that earn more time; 0: the deadline is fixed.
    pub min_rate: u64,
}

/// A control character in a JSON body (inside the payload's I/O error).
#[derive(Debug, thiserror::Error)]
#[error("control character U+{:04X} at byte {}", .0.code_point, .0.offset)]
pub struct ControlInBody(pub Found);

/// The body did not arrive in time (inside the payload's I/O error).
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
pub struct BodyTimedOut;

/// Wraps the request's body, if it has one.
pub fn guard(req: &mut ServiceRequest, limits: BodyLimits) {
    let payload = std::mem::replace(req.parts_mut().1, Payload::None);
    if matches!(payload, Payload::None) {
        return;
    }
    let json = req.mime_type().ok().flatten().is_some_and(|m| {
        m.subtype() == actix_web::mime::JSON || m.suffix() == Some(actix_web::mime::JSON)
    });
    let inner: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
        if json && req.headers().contains_key(header::CONTENT_ENCODING) {
            let decoded = Decompress::from_headers(payload, req.headers());
            // Decoded here: the extractor must not decode again.
            req.headers_mut().remove(header::CONTENT_ENCODING);
            Box::pin(decoded)
        } else {
            Box::pin(payload)
        };
    // Kept (shared chunks, no copy) so a body that does not fit its type can be
    // answered with the path of the field at fault (`api::json_errors`).
    let copy = json.then(BodyCopy::default);
    if let Some(copy) = &copy {
        req.extensions_mut().insert(copy.clone());
    }
    req.set_payload(Payload::Stream {
        payload: Box::pin(Guarded {
            inner,
            copy,
            scan: json.then(JsonScan::default),
            limits,
            timer: None,
            received: 0,
            ended: false,
        }),
    });
}

/// The chunks of a JSON body as they were read.
#[derive(Clone, Default)]
pub struct BodyCopy(std::rc::Rc<std::cell::RefCell<Vec<Bytes>>>);

impl BodyCopy {
    pub fn bytes(&self) -> Vec<u8> {
        self.0.borrow().concat()
    }
}

struct Guarded {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>,
    copy: Option<BodyCopy>,
    scan: Option<JsonScan>,
    limits: BodyLimits,
    /// Started at the first read, with the instant it started.
    timer: Option<(Instant, Pin<Box<Sleep>>)>,
    received: u64,
    ended: bool,
}

impl Guarded {
    fn fail(
        &mut self,
        kind: std::io::ErrorKind,
        e: impl std::error::Error + Send + Sync + 'static,
    ) -> Poll<Option<Result<Bytes, PayloadError>>> {
        self.ended = true;
        Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(kind, e)))))
    }

    fn earned(&self) -> Duration {
        match self.limits.min_rate {
            0 => Duration::ZERO,
            rate => Duration::from_millis(self.received.saturating_mul(1000) / rate),
        }
    }
}

impl Stream for Guarded {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        let timeout = this.limits.timeout;
        let (started, _) = this
            .timer
            .get_or_insert_with(|| (Instant::now(), Box::pin(sleep(timeout))));
        let started = *started;
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if let Some(found) = this.scan.as_mut().and_then(|s| s.feed(&chunk)) {
                    return this.fail(std::io::ErrorKind::InvalidData, ControlInBody(found));
                }
                this.received = this.received.saturating_add(chunk.len() as u64);
                if let Some(copy) = &this.copy {
                    copy.0.borrow_mut().push(chunk.clone());
                }
                let deadline = started + timeout + this.earned();
                if let Some((_, timer)) = this.timer.as_mut() {
                    timer.as_mut().reset(deadline);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) => {
                this.ended = true;
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Pending => {
                let expired = this
                    .timer
                    .as_mut()
                    .is_some_and(|(_, t)| t.as_mut().poll(cx).is_ready());
                if expired {
                    this.fail(std::io::ErrorKind::TimedOut, BodyTimedOut)
                } else {
                    Poll::Pending
                }
            }
        }
    }
}

/// The problem of a body error raised by [`guard`]'s wrapper; `None` for others.
pub fn problem(err: &PayloadError) -> Option<ApiError> {
    let PayloadError::Io(e) = err else {
        return None;
    };
    let inner = e.get_ref()?;
    if let Some(ControlInBody(found)) = inner.downcast_ref::<ControlInBody>() {
        return Some(control_character(Part::Body, found.code_point).with("offset", found.offset));
    }
    if inner.downcast_ref::<BodyTimedOut>().is_some() {
        return Some(ApiError::new(ErrorCode::RequestTimeout));
    }
    None
}
