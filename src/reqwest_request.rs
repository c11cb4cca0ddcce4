//! Applying a [`Guard`] to a `reqwest::Request`, shared by the adapters, and a redirect policy
//! that keeps redirects on the hosts the profile allows.

use crate::policy::{Body, Decision, Guard, Request, Verdict};
use crate::violation::Violation;

impl Guard {
    /// Evaluates a `reqwest::Request` and, if it is allowed, rewrites it in place (URL, headers,
    /// body, `Content-Length`). Returns the record of what was done.
    ///
    /// # Errors
    /// The [`Violation`] when the request is denied; the request is then left as it was.
    pub fn check_reqwest(&self, req: &mut reqwest::Request) -> Result<Verdict, Violation> {
        let body = match req.body() {
            None => Body::Empty,
            Some(b) => b.as_bytes().map_or(Body::Streaming, Body::Bytes),
        };
        let decision = self.evaluate(&Request::new(req.method(), req.url(), req.headers(), body));
        let mut allowed = match decision {
            Decision::Allow(a) => a,
            Decision::Deny(v) => return Err(v),
        };
        allowed.apply_headers(req.headers_mut());
        if let Some(url) = allowed.take_url() {
            *req.url_mut() = url;
        }
        if let Some(body) = allowed.take_body() {
            *req.body_mut() = Some(reqwest::Body::from(body));
        }
        Ok(allowed.verdict(self))
    }
}

/// A redirect policy that follows at most 10 redirects, and only to hosts the profile allows
/// (see [`Guard::check_redirect`]). reqwest follows redirects below any middleware, where the
/// guard cannot see them: build the client under the guard with this policy, or with
/// [`client_builder`].
///
/// OpenAI-compatible APIs do not redirect API calls; `reqwest::redirect::Policy::none()` is the
/// strictest choice and also safe.
pub fn redirect_policy(guard: &Guard) -> reqwest::redirect::Policy {
    let guard = guard.clone();
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("too many redirects");
        }
        match guard.check_redirect(attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(v) => attempt.error(v),
        }
    })
}

/// A `reqwest::ClientBuilder` whose redirects stay on the hosts the profile allows
/// ([`redirect_policy`]). Add your own settings, build it, and wrap it with the guard.
pub fn client_builder(guard: &Guard) -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(redirect_policy(guard))
}
