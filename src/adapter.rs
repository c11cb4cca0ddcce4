//! The reqwest adapter, which the others are built on: deciding a `reqwest::Request` and
//! applying the decision to it ([`check`], [`check_guard`]), and a redirect policy that keeps
//! redirects on the hosts the profile allows ([`redirect_policy`], [`client_builder`]).
//!
//! ```
//! use retention_guard::{Guard, Profile, adapter};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let guard = Guard::new(Profile::from_toml_str(
//!     "provider = \"openai\"\nretention = \"zero_data_retention\"",
//! )?);
//! let client = reqwest::Client::new();
//! let mut req = client
//!     .post("https://api.openai.com/v1/chat/completions")
//!     .body(r#"{"model":"gpt-4.1","messages":[]}"#)
//!     .build()?;
//! let verdict = adapter::check_guard(&guard, &mut req).await?;
//! assert_eq!(req.body().unwrap().as_bytes(), Some(&br#"{"store":false,"model":"gpt-4.1","messages":[]}"#[..]));
//! # let _ = verdict;
//! # Ok(())
//! # }
//! ```

use http_body_util::BodyExt;

use crate::guard::{Allowed, Body, Decision, Guard, HostClass, Request, Step, Verdict};
use crate::policy::{Mode, Policy, PolicySource, ProfileChoice};
use crate::violation::{Violation, ViolationKind};

/// The largest multipart form the adapters buffer so that a rule can read its fields.
pub const MAX_BUFFERED_FORM: usize = 64 << 20;

/// Decides a `reqwest::Request` with one profile and, if it is allowed, rewrites it in place
/// (URL, headers, body, `Content-Length`). Returns the record of what was done.
///
/// A multipart form is a stream in reqwest; when a rule needs one of its fields (the `model` of
/// an image edit under zero data retention), the form is buffered — up to [`MAX_BUFFERED_FORM`]
/// bytes — read, and the same bytes are sent. Other streaming bodies a rule needs are denied
/// (`uninspectable_body`).
///
/// # Errors
/// The [`Violation`] when the request is denied. The request must then not be sent (its body
/// may have been consumed).
pub async fn check_guard(guard: &Guard, req: &mut reqwest::Request) -> Result<Verdict, Violation> {
    let class = guard.classify(req.url());
    match guard.decide_reqwest(req, class).await? {
        Decision::Allow(allowed) => Ok(apply(req, allowed, Some(guard))),
        Decision::Deny(v) => Err(v),
    }
}

impl Guard {
    /// Decides the request without changing it; a streaming form a rule needs is buffered (the
    /// same bytes are sent) and the decision finished with its bytes.
    async fn decide_reqwest(
        &self,
        req: &mut reqwest::Request,
        class: HostClass,
    ) -> Result<Decision, Violation> {
        match self.begin_in(&view(req), class) {
            Step::Decided(decision) => Ok(decision),
            Step::NeedsBody(pending) => {
                // Boxed: the futures of every request stay small, and only a form pays for this.
                Box::pin(self.buffer_form(req)).await?;
                Ok(pending.finish(&view(req)))
            }
        }
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

/// The guard's view of a `reqwest::Request`.
fn view(req: &reqwest::Request) -> Request<'_> {
    let body = match req.body() {
        None => Body::Empty,
        Some(b) => b.as_bytes().map_or(Body::Streaming, Body::Bytes),
    };
    Request::new(req.method(), req.url(), req.headers(), body)
}

/// The header-less, body-less `GET` a redirect becomes, as the guard views it.
fn get<'a>(url: &'a url::Url, headers: &'a http::HeaderMap) -> Request<'a> {
    Request::new(&http::Method::GET, url, headers, Body::Empty)
}

static NO_HEADERS: std::sync::LazyLock<http::HeaderMap> =
    std::sync::LazyLock::new(http::HeaderMap::new);

/// Applies an allowed decision to `req`; the record of what was done.
fn apply(req: &mut reqwest::Request, mut allowed: Allowed, guard: Option<&Guard>) -> Verdict {
    let verdict = Verdict::allowed(&view(req), guard, &mut allowed, true);
    allowed.apply_headers(req.headers_mut());
    if let Some(url) = allowed.take_url() {
        *req.url_mut() = url;
    }
    if let Some(body) = allowed.take_body() {
        *req.body_mut() = Some(reqwest::Body::from(body));
    }
    verdict
}

/// Chooses the request's profile (the one `choice` names, if given), decides the request
/// there, reports the decision to the observers, and — in `enforce` mode — applies it: an
/// allowed request is rewritten in place, a denied one is an error and must not be sent. In
/// `report_only` mode the request is left as the application built it and the returned
/// [`Verdict`] says what enforcement would have done.
///
/// # Errors
/// The [`Violation`], in `enforce` mode.
pub async fn check(
    policy: &Policy,
    req: &mut reqwest::Request,
    choice: Option<&ProfileChoice>,
) -> Result<Verdict, Violation> {
    let enforced = policy.mode() == Mode::Enforce;
    let (guard, decision) = match policy.select_classified(&view(req), choice) {
        Err(v) => (None, Decision::Deny(v)),
        Ok(None) => (None, Decision::Allow(Allowed::default())),
        Ok(Some((g, class))) => {
            let decision = match policy.tripped(g, req.method(), req.url().path()) {
                Some(v) => Decision::Deny(v),
                // Report-only never touches the request: a streaming form is not buffered (a
                // failed read could not be undone), so its verdict may say `uninspectable_body`
                // where enforcement would have read it.
                None if !enforced => g.evaluate_in(&view(req), class),
                None => match g.decide_reqwest(req, class).await {
                    Ok(d) => d,
                    Err(v) => Decision::Deny(v),
                },
            };
            (Some(g), decision)
        }
    };
    match (decision, enforced) {
        (Decision::Allow(allowed), true) => {
            let verdict = policy.stamp(apply(req, allowed, guard));
            if policy.reports() {
                policy.report(&verdict);
            }
            Ok(verdict)
        }
        (Decision::Deny(v), true) => {
            if policy.reports() {
                policy.report(&policy.stamp(Verdict::denied(&view(req), guard, v.clone(), true)));
            }
            Err(v)
        }
        (Decision::Allow(mut allowed), false) => {
            let verdict = policy.stamp(Verdict::allowed(&view(req), guard, &mut allowed, false));
            if policy.reports() {
                policy.report(&verdict);
            }
            Ok(verdict)
        }
        (Decision::Deny(v), false) => {
            let verdict = policy.stamp(Verdict::denied(&view(req), guard, v, false));
            if policy.reports() {
                policy.report(&verdict);
            }
            Ok(verdict)
        }
    }
}

/// Checks a redirect reqwest is about to follow ([`Guard::check_redirect`]): the profile that
/// covers the URL that answered judges it, and so does the profile that covers the target, if
/// another. A refusal is reported like a denied request; in `report_only` mode it is reported
/// and the redirect followed.
///
/// # Errors
/// The [`Violation`] that refuses the redirect, in `enforce` mode.
pub fn check_redirect(
    policy: &Policy,
    status: http::StatusCode,
    from: &url::Url,
    to: &url::Url,
) -> Result<(), Violation> {
    let Err(v) = policy.judge_redirect(status, from, to) else {
        return Ok(());
    };
    let enforced = policy.mode() == Mode::Enforce;
    let guard = policy.guard(v.profile());
    if policy.reports() {
        policy.report(&policy.stamp(Verdict::denied(
            &get(to, &NO_HEADERS),
            guard,
            v.clone(),
            enforced,
        )));
    }
    if enforced { Err(v) } else { Ok(()) }
}

impl Policy {
    fn judge_redirect(
        &self,
        status: http::StatusCode,
        from: &url::Url,
        to: &url::Url,
    ) -> Result<(), Violation> {
        let answered = self.select(&get(from, &NO_HEADERS), None)?;
        if let Some(guard) = answered {
            guard.check_redirect(status, from, to)?;
        }
        match self.select(&get(to, &NO_HEADERS), None)? {
            Some(target) if answered.is_none_or(|a| !std::ptr::eq(a, target)) => {
                target.check_redirect(status, from, to)
            }
            _ => Ok(()),
        }
    }
}

/// A redirect policy that follows at most 10 redirects, and only those the policy allows (see
/// [`check_redirect`] and [`Guard::check_redirect`]): a 307 or 308, which resends the
/// body, only to the same URL; any other only to a `GET` every rule allows. reqwest follows
/// redirects below any middleware, where the guard cannot see them: build the client under the
/// guard with this policy, or with [`client_builder`]. One policy of several profiles needs one
/// redirect policy built from the whole policy.
///
/// OpenAI-compatible APIs do not redirect API calls; `reqwest::redirect::Policy::none()` is the
/// strictest choice and also safe.
pub fn redirect_policy(policy: impl Into<PolicySource>) -> reqwest::redirect::Policy {
    let policy: PolicySource = policy.into();
    reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("too many redirects");
        }
        let Some(from) = attempt.previous().last() else {
            return attempt.error("a redirect without a previous URL");
        };
        match check_redirect(&policy.current(), attempt.status(), from, attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(v) => attempt.error(v),
        }
    })
}

/// A `reqwest::ClientBuilder` whose redirects stay on the hosts the policy allows
/// ([`redirect_policy`]). Add your own settings, build it, and wrap it with the guard.
pub fn client_builder(policy: impl Into<PolicySource>) -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(redirect_policy(policy))
}
