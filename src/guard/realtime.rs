//! Realtime and live sessions, checked beside the pipeline: a WebSocket URL before connecting,
//! and the model a session's query names.

use http::Method;
use url::Url;

use super::context::Ctx;
use super::{Allowed, Body, Guard, Request};
use crate::profile::Region;
use crate::violation::{Violation, ViolationKind};

/// The URL of a WebSocket's handshake, an HTTP GET to the same host and path: `ws`/`wss` map to
/// `http`/`https` (both are special schemes, so the change cannot fail).
pub(crate) fn handshake_url(url: &Url) -> Url {
    let mut http_url = url.clone();
    match url.scheme() {
        "wss" => http_url.set_scheme("https"),
        "ws" => http_url.set_scheme("http"),
        _ => Ok(()),
    }
    .expect("ws and http schemes are interchangeable");
    http_url
}

impl Guard {
    /// Checks a realtime or live-session WebSocket URL (`wss://api.openai.com/v1/realtime?model=…`,
    /// `wss://api.openai.com/v1/live/sessions`) before connecting: these sessions do not pass
    /// through an HTTP middleware, so the caller asks first. Messages sent later over the socket
    /// (`session.update`) are not seen. Hosts, residency (routing, and realtime's US and EU limit), the profile's `deny`
    /// and `allow` lists and profile headers apply as to an HTTP request; the `model` query
    /// parameter is checked against the endpoint's model limit, if the catalog has one.
    ///
    /// On success, [`Allowed::url`] is the `wss://` URL to connect to when it was routed, and
    /// [`Allowed::headers`] the headers to add to the handshake.
    ///
    /// # Errors
    /// The [`Violation`], as for an HTTP request.
    pub fn check_realtime(&self, url: &Url) -> Result<Allowed, Violation> {
        let http_url = handshake_url(url);
        let headers = http::HeaderMap::new();
        let req = Request::new(&Method::GET, &http_url, &headers, Body::Empty);
        let mut allowed = self.evaluate(&req).into_result()?;
        // Only an `https` request to the global host is routed, so the scheme to restore is
        // `wss` (or `https` itself).
        if let Some(routed) = &mut allowed.url {
            routed
                .set_scheme(url.scheme())
                .expect("ws and http schemes are interchangeable");
        }
        Ok(allowed)
    }

    /// Rule 7 for a session endpoint's query: the model it names (`model`, and on providers with
    /// deployments `deployment`) against the endpoint's model limits. With none named, a request
    /// whose body is JSON is left to the body rules (the body names the model); a handshake, an
    /// SDP offer or a form is judged as naming none. A query key
    /// that is one of those only case-insensitively (`Model`) is read by some servers and not
    /// others, and is denied.
    pub(super) fn query_models(
        &self,
        req: &Request<'_>,
        e: &'static crate::catalog::Endpoint,
        region: Option<Region>,
        deployments: Vec<String>,
        outside_region: bool,
    ) -> Result<(), Violation> {
        let by_deployment = self.inner.catalog.rules().deployments.is_some();
        let named = |k: &str, exact: bool| {
            let is = |name: &str| {
                if exact {
                    k == name
                } else {
                    k.eq_ignore_ascii_case(name)
                }
            };
            is("model") || (by_deployment && is("deployment"))
        };
        let mut models = Vec::new();
        for (k, v) in req.url.query_pairs() {
            if named(&k, true) {
                models.push(v);
            } else if named(&k, false) {
                return Err(self.violation(
                    ViolationKind::ParameterNotAllowed,
                    req.method,
                    req.url.path(),
                    "its query names the model under a key that is `model` (or `deployment`) only \
                     case-insensitively, which some servers read and others do not",
                    None,
                    "spell the query key `model` (or `deployment`) in lower case",
                ));
            }
        }
        // A JSON body names the model itself (the body rules judge it); a handshake, an SDP
        // offer or a form's `sdp` part does not.
        let json_body = req
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| crate::media_type::parse(ct).ok())
            .is_none_or(|m| !m.is_sdp() && !m.is_form());
        if models.is_empty() && *req.method != Method::GET && json_body {
            return Ok(());
        }
        Ctx::new(self, req.method, req.url.path(), e, region, deployments)
            .outside_region(outside_region)
            .query_models(&models)
    }
}
