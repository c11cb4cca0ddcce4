//! Why a call to a provider gave no usable answer, for every `verify` call (OpenAI's Admin API,
//! the probe, Fireworks' policy settings, Azure's management API): a [`FailureReason`] and a
//! detail that says what happened without the key, the token or the body (beyond the provider's
//! own error code and message, with anything that looks like a key redacted).
//!
//! Transport errors are classified by walking reqwest's `source()` chain (`io::Error`s are
//! looked into, since their `source()` skips the error they wrap): a timeout, a DNS failure, a
//! rustls error (TLS), a refused or failed connection, else some other transport failure.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

/// Why a call to the provider gave no answer a check could use. A check that is
/// [`Unverified`](super::VerifyStatus::Unverified) because of a failed call carries one in
/// [`Check::reason`](super::Check::reason); its `detail` says the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FailureReason {
    /// No complete answer within the timeout: the connect timeout, or the timeout of the whole
    /// call (body included; [`VerifyOptions::timeout`](super::VerifyOptions::timeout), `--timeout`).
    Timeout,
    /// The host name did not resolve.
    Dns,
    /// No connection: refused (nothing listens on the port), unreachable, reset while connecting.
    Connect,
    /// The TLS handshake failed: a certificate this machine does not trust or that does not name
    /// the host, or a server that does not speak TLS.
    Tls,
    /// The provider (or something in front of it) answered with an error status; the detail
    /// carries the provider's error code and message when the body has them.
    HttpStatus,
    /// A successful status whose body is not the JSON expected (not JSON, too large, or without
    /// the fields read).
    MalformedResponse,
    /// The connection failed after it was made (closed or reset mid-answer).
    Transport,
}

impl FailureReason {
    /// `timeout`, `dns`, `connect`, `tls`, `http_status`, `malformed_response` or `transport`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::Dns => "dns",
            Self::Connect => "connect",
            Self::Tls => "tls",
            Self::HttpStatus => "http_status",
            Self::MalformedResponse => "malformed_response",
            Self::Transport => "transport",
        }
    }
}

impl fmt::Display for FailureReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed call: why, and what to say about it.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) reason: FailureReason,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(reason: FailureReason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }

    /// The same failure, its message after `what: `.
    pub(crate) fn during(self, what: &str) -> Self {
        Self {
            message: format!("{what}: {}", self.message),
            ..self
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The connect timeout: three quarters of the timeout of each call (so that it fires first when
/// connecting is what hangs), at most this.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a successful body that is read.
const BODY_LIMIT: usize = 1 << 20;
/// The most of an error body that is read for the provider's error code.
const ERROR_BODY_LIMIT: usize = 64 << 10;

/// Where in a call a transport error happened.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Sending, up to the response's headers.
    Send,
    /// Reading the body.
    Body,
}

/// The client `verify` calls the providers with: no redirects, the timeout of each call over the
/// whole call (body included), and a connect timeout of three quarters of it, at most
/// [`CONNECT_TIMEOUT`]. With `direct`, no proxy either: a plain-`http` (loopback) base URL must
/// not carry its credentials in clear to a proxy the environment names.
pub(crate) struct Http {
    client: reqwest::Client,
    timeout: Duration,
    connect_timeout: Duration,
}

impl Http {
    pub(crate) fn new(timeout: Duration, direct: bool) -> Result<Self, reqwest::Error> {
        let connect_timeout = (timeout * 3 / 4).min(CONNECT_TIMEOUT);
        let mut builder = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if direct {
            builder = builder.no_proxy();
        }
        let client = builder.build()?;
        Ok(Self {
            client,
            timeout,
            connect_timeout,
        })
    }

    pub(crate) fn get(&self, url: impl reqwest::IntoUrl) -> reqwest::RequestBuilder {
        self.client.get(url)
    }

    pub(crate) fn post(&self, url: impl reqwest::IntoUrl) -> reqwest::RequestBuilder {
        self.client.post(url)
    }

    pub(crate) fn delete(&self, url: impl reqwest::IntoUrl) -> reqwest::RequestBuilder {
        self.client.delete(url)
    }

    /// Sends `request`; a transport failure is classified. Any status is `Ok`.
    pub(crate) async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, Failure> {
        request
            .send()
            .await
            .map_err(|e| self.transport(&e, Phase::Send, e.url()))
    }

    /// Sends `request` and reads a successful answer's JSON body; an error status is a
    /// [`FailureReason::HttpStatus`] with the provider's error (anything in it that looks like
    /// `secret` or a key redacted).
    pub(crate) async fn json(
        &self,
        request: reqwest::RequestBuilder,
        secret: &str,
    ) -> Result<Value, Failure> {
        let resp = self.send(request).await?;
        if !resp.status().is_success() {
            return Err(self.status_failure(resp, secret).await);
        }
        self.success_json(resp).await
    }

    /// A successful answer's body as JSON.
    pub(crate) async fn success_json(&self, resp: reqwest::Response) -> Result<Value, Failure> {
        let status = resp.status();
        let content_type = content_type(&resp);
        let body = match self.read(resp, BODY_LIMIT).await? {
            Read::Whole(body) => body,
            Read::TooLarge => {
                return Err(Failure::new(
                    FailureReason::MalformedResponse,
                    format!(
                        "HTTP {status}, but the body is larger than {} KiB: not the answer expected",
                        BODY_LIMIT >> 10
                    ),
                ));
            }
        };
        serde_json::from_slice(&body).map_err(|_| {
            Failure::new(
                FailureReason::MalformedResponse,
                format!(
                    "HTTP {status}, but the body is not JSON ({})",
                    describe_body(&content_type, body.len())
                ),
            )
        })
    }

    /// An unsuccessful answer: its status, and the provider's error code and message from the
    /// body when it has them (never the rest of the body).
    pub(crate) async fn status_failure(&self, resp: reqwest::Response, secret: &str) -> Failure {
        let status = resp.status();
        let content_type = content_type(&resp);
        let what = match self.read(resp, ERROR_BODY_LIMIT).await {
            Ok(Read::Whole(body)) if body.iter().all(u8::is_ascii_whitespace) => {
                "an empty body".to_owned()
            }
            Ok(Read::Whole(body)) => match serde_json::from_slice::<Value>(&body) {
                Ok(v) => provider_error(&v, secret)
                    .unwrap_or_else(|| "the JSON body has no error code or message".to_owned()),
                Err(_) => format!(
                    "the body is not JSON ({}), so it has no provider error code: an error page \
                     from a proxy or gateway rather than the provider's API",
                    describe_body(&content_type, body.len())
                ),
            },
            Ok(Read::TooLarge) => format!(
                "the body is larger than {} KiB and was not read",
                ERROR_BODY_LIMIT >> 10
            ),
            Err(e) => format!("the body could not be read ({})", e.message),
        };
        Failure::new(FailureReason::HttpStatus, format!("HTTP {status}: {what}"))
    }

    /// Reads at most `limit` bytes of the body; the timeout of the call covers the body too.
    async fn read(&self, mut resp: reqwest::Response, limit: usize) -> Result<Read, Failure> {
        let url = resp.url().clone();
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| self.transport(&e, Phase::Body, Some(&url)))?
        {
            if body.len() + chunk.len() > limit {
                return Ok(Read::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Read::Whole(body))
    }

    /// Classifies a transport error by its `source()` chain.
    fn transport(&self, e: &reqwest::Error, phase: Phase, url: Option<&reqwest::Url>) -> Failure {
        let chain = chain(e);
        let host = url
            .and_then(|u| {
                let host = u.host_str()?;
                Some(match u.port_or_known_default() {
                    Some(port) => format!("{host}:{port}"),
                    None => host.to_owned(),
                })
            })
            .unwrap_or_else(|| "the host".to_owned());
        let innermost = chain
            .last()
            .map(|e| clean(&e.to_string(), 200))
            .unwrap_or_default();
        let mentions = |words: &[&str]| {
            chain.iter().any(|e| {
                let text = e.to_string().to_ascii_lowercase();
                words.iter().any(|w| text.contains(w))
            })
        };
        if e.is_timeout() {
            let message = if e.is_connect() {
                format!(
                    "timed out connecting to {host}: no connection within {} (the connect \
                     timeout: three quarters of the timeout of each call, at most {})",
                    human(self.connect_timeout),
                    human(CONNECT_TIMEOUT)
                )
            } else if phase == Phase::Body {
                format!(
                    "timed out: the answer's headers arrived but its body did not complete within \
                     {} (the timeout of each call: `--timeout`, or `VerifyOptions::timeout`)",
                    human(self.timeout)
                )
            } else {
                format!(
                    "timed out: no answer from {host} within {} (the timeout of each call: \
                     `--timeout`, or `VerifyOptions::timeout`)",
                    human(self.timeout)
                )
            };
            return Failure::new(FailureReason::Timeout, message);
        }
        if e.is_dns() || mentions(&["dns error", "failed to lookup address"]) {
            let name = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
            return Failure::new(
                FailureReason::Dns,
                format!(
                    "DNS: the host name `{name}` did not resolve ({innermost}); check the URL and \
                     the network's name resolution"
                ),
            );
        }
        if let Some(tls) = chain.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
            let hint = match tls {
                rustls::Error::InvalidCertificate(_) => {
                    ": the server's certificate is not trusted by this machine, or does not name \
                     the host (a TLS-inspecting proxy needs its root certificate installed)"
                }
                rustls::Error::InvalidMessage(_) => {
                    ": the server does not speak TLS on this port (an `http` URL?)"
                }
                _ => "",
            };
            return Failure::new(
                FailureReason::Tls,
                format!(
                    "TLS: the handshake with {host} failed ({}){hint}",
                    clean(&tls.to_string(), 200)
                ),
            );
        }
        let io_kind = chain
            .iter()
            .find_map(|e| e.downcast_ref::<std::io::Error>())
            .map(std::io::Error::kind);
        if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
            return Failure::new(
                FailureReason::Connect,
                format!(
                    "connection refused: nothing accepts connections at {host} (check the URL and \
                     port, or a firewall)"
                ),
            );
        }
        if e.is_connect() {
            return Failure::new(
                FailureReason::Connect,
                format!("could not connect to {host}: {innermost}"),
            );
        }
        let when = match phase {
            Phase::Send => "before the answer's headers",
            Phase::Body => "while reading the answer's body",
        };
        Failure::new(
            FailureReason::Transport,
            format!("the connection to {host} failed {when}: {innermost}"),
        )
    }
}

enum Read {
    Whole(Vec<u8>),
    TooLarge,
}

/// The error and its sources, looking into `io::Error`s (whose `source()` skips the error they
/// wrap, such as rustls' handshake errors).
fn chain(e: &reqwest::Error) -> Vec<&(dyn StdError + 'static)> {
    let mut out: Vec<&(dyn StdError + 'static)> = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = next {
        if out.len() == 32 {
            break;
        }
        out.push(err);
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => err.source(),
        };
    }
    out
}

/// The provider's error from a JSON error body: OpenAI's and Fireworks' inference
/// `{"error": {"code", "type", "message"}}`, Azure's `{"error": {"code", "message"}}`,
/// `{"error": "…"}`, and the gRPC-gateway shape `{"code", "message", "status"}`.
fn provider_error(v: &Value, secret: &str) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let (code, kind, message) = match v.get("error") {
        Some(error @ Value::Object(_)) => (
            text(&error["code"]),
            text(&error["type"]),
            text(&error["message"]),
        ),
        Some(Value::String(message)) => (None, None, Some(message.clone())),
        _ => (text(&v["code"]), text(&v["status"]), text(&v["message"])),
    };
    let label = match (code, kind) {
        (Some(code), Some(kind)) if code != kind => {
            Some(format!("{} ({})", clean(&code, 80), clean(&kind, 80)))
        }
        (Some(code), _) => Some(clean(&code, 80)),
        (None, Some(kind)) => Some(clean(&kind, 80)),
        (None, None) => None,
    };
    let message = message.map(|m| clean(&redact(&m, secret), 300));
    match (label, message) {
        (Some(label), Some(message)) => Some(format!("{label}: {message}")),
        (Some(label), None) => Some(label),
        (None, Some(message)) => Some(message),
        (None, None) => None,
    }
}

/// `text` with every word that contains `secret`, looks like an API key (`sk-…`), a JWT
/// (`eyJ…`) or a masked key (`***`) replaced by `[redacted]`.
fn redact(text: &str, secret: &str) -> String {
    let secret = secret.trim();
    text.split(' ')
        .map(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let looks_secret = (!secret.is_empty() && word.contains(secret))
                || bare.starts_with("sk-")
                || (bare.starts_with("eyJ") && bare.len() > 20)
                || word.contains("***");
            if looks_secret { "[redacted]" } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of `s`, control characters (terminal escapes) as spaces.
fn clean(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out.trim().to_owned()
}

/// The response's media type, for saying what a body was (`text/html`), never from the body.
fn content_type(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 80
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/.+-_".contains(&b))
        })
        .unwrap_or("no content type")
        .to_owned()
}

fn describe_body(content_type: &str, len: usize) -> String {
    format!("{content_type}, {len} bytes")
}

/// `5 s`, `1.5 s`, `250 ms`.
pub(crate) fn human(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{} s", d.as_secs())
    } else if d.as_secs() > 0 {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn provider_errors_in_each_shape() {
        let openai = json!({"error": {"message": "Incorrect API key provided: sk-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "code": "invalid_api_key", "param": null}});
        let text = provider_error(&openai, "sk-abcdefxyz").unwrap();
        assert!(
            text.starts_with(
                "invalid_api_key (invalid_request_error): Incorrect API key provided: [redacted]"
            ),
            "{text}"
        );
        assert!(!text.contains("sk-abc"), "{text}");

        let azure = json!({"error": {"code": "AuthorizationFailed", "message": "The client 'x' does not have authorization"}});
        assert_eq!(
            provider_error(&azure, "").unwrap(),
            "AuthorizationFailed: The client 'x' does not have authorization"
        );

        let grpc = json!({"code": 7, "message": "permission denied", "details": []});
        assert_eq!(provider_error(&grpc, "").unwrap(), "7: permission denied");
        assert_eq!(
            provider_error(&json!({"error": "rate limited"}), "").unwrap(),
            "rate limited"
        );
        assert_eq!(provider_error(&json!({"id": 1}), ""), None);
    }

    #[test]
    fn the_key_itself_and_control_characters_never_show() {
        let v = json!({"error": {"code": "x", "message": "key tok-SECRET-123 is bad\u{1b}[31m"}});
        let text = provider_error(&v, "tok-SECRET-123").unwrap();
        assert!(
            !text.contains("SECRET") && !text.contains('\u{1b}'),
            "{text}"
        );
        let long = "a".repeat(1000);
        assert!(clean(&long, 300).chars().count() <= 301);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(Duration::from_secs(5)), "5 s");
        assert_eq!(human(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(human(Duration::from_millis(250)), "250 ms");
    }
}
