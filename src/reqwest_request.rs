//! Applying a [`Guard`] to a `reqwest::Request`, shared by the adapters, and a redirect policy
//! that keeps redirects on the hosts the profile allows.

use http_body_util::BodyExt;

use crate::policy::{Body, Decision, Guard, Request, Verdict, is_readable_form};
use crate::violation::{Violation, ViolationKind};

/// The largest multipart form the adapters buffer so that a rule can read its fields.
pub const MAX_BUFFERED_FORM: usize = 64 << 20;

impl Guard {
    /// Evaluates a `reqwest::Request` and, if it is allowed, rewrites it in place (URL, headers,
    /// body, `Content-Length`). Returns the record of what was done.
    ///
    /// A multipart form is a stream in reqwest; when a rule needs one of its fields (the `model`
    /// of an image edit under zero data retention), the form is buffered — up to
    /// [`MAX_BUFFERED_FORM`] bytes — read, and the same bytes are sent. Other streaming bodies a
    /// rule needs are denied (`uninspectable_body`).
    ///
    /// # Errors
    /// The [`Violation`] when the request is denied. The request must then not be sent (its body
    /// may have been consumed).
    pub async fn check_reqwest(&self, req: &mut reqwest::Request) -> Result<Verdict, Violation> {
        if self.should_buffer_form(req) {
            self.buffer_form(req).await?;
        }
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
        Ok(allowed.into_verdict(self))
    }

    /// A streaming multipart form that a rule needs to read.
    fn should_buffer_form(&self, req: &reqwest::Request) -> bool {
        let streaming = req.body().is_some_and(|b| b.as_bytes().is_none());
        streaming
            && is_readable_form(req.headers())
            && self.needs_body(&Request::new(
                req.method(),
                req.url(),
                req.headers(),
                Body::Streaming,
            ))
    }

    async fn buffer_form(&self, req: &mut reqwest::Request) -> Result<(), Violation> {
        let body = req
            .body_mut()
            .take()
            .expect("checked: the body is a stream");
        let refuse = |why: String| {
            Violation::new(
                ViolationKind::UninspectableBody,
                self.profile().name.clone(),
                format!("`{} {}`", req.method(), req.url().path()),
                format!("a rule needs the multipart form, and {why}"),
                None,
                format!("send forms of at most {} MiB", MAX_BUFFERED_FORM >> 20),
            )
        };
        let bytes = http_body_util::Limited::new(body, MAX_BUFFERED_FORM)
            .collect()
            .await
            .map_err(|e| {
                refuse(match e.downcast_ref::<http_body_util::LengthLimitError>() {
                    Some(_) => format!("it is larger than {} MiB", MAX_BUFFERED_FORM >> 20),
                    None => "reading it failed".to_owned(),
                })
            })?
            .to_bytes();
        *req.body_mut() = Some(reqwest::Body::from(bytes));
        Ok(())
    }
}

/// A redirect policy that follows at most 10 redirects, and only those the profile allows (see
/// [`Guard::check_redirect`]): a 307 or 308, which resends the body, only to the same URL; any
/// other only to a `GET` every rule allows. reqwest follows redirects below any middleware, where
/// the guard cannot see them: build the client under the guard with this policy, or with
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
        let Some(from) = attempt.previous().last() else {
            return attempt.error("a redirect without a previous URL");
        };
        match guard.check_redirect(attempt.status(), from, attempt.url()) {
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
