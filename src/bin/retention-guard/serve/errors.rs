//! The sidecar's own answers, shaped like the provider's errors
//! (`{"error": {"message", "type", "code", "param"}}`), which SDKs raise as their API errors with
//! the code: a denial (403, or 400 for a body the guard cannot read), and the sidecar's limits.

use http::StatusCode;
use retention_guard::{Violation, ViolationKind};

use super::body::{Body, full};

/// The status a denial answers with: 400 when the request itself cannot be read, 403 otherwise.
fn status_of(v: &Violation) -> StatusCode {
    match v.kind() {
        ViolationKind::MalformedBody | ViolationKind::UninspectableBody => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    }
}

/// A denial: nothing was sent upstream. The body carries the violation's code, message, reason,
/// rule and remedy (never the request's body or headers).
pub fn denied(v: &Violation) -> hyper::Response<Body> {
    denied_with(status_of(v), v)
}

/// A denial answered with `status` (502 for a response that did not attest).
pub fn denied_with(status: StatusCode, v: &Violation) -> hyper::Response<Body> {
    let body = serde_json::json!({
        "error": {
            "message": v.to_string(),
            "type": "retention_guard_denied",
            "code": v.code(),
            "param": null,
            "retention_guard": v,
        }
    });
    respond(status, body)
}

/// One of the sidecar's own refusals, with a code of its own.
pub fn plain(status: StatusCode, code: &str, message: &str) -> hyper::Response<Body> {
    let body = serde_json::json!({
        "error": {
            "message": format!("retention-guard sidecar: {message}"),
            "type": "retention_guard_sidecar",
            "code": code,
            "param": null,
        }
    });
    respond(status, body)
}

pub fn respond(status: StatusCode, body: serde_json::Value) -> hyper::Response<Body> {
    let mut resp = hyper::Response::new(full(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    resp
}
