//! The self-test of a hand-built client: [`assert_guarded`].
//!
//! A probe request goes through the client's own middleware stack to a sink on loopback that
//! this module starts (`127.0.0.1`, an ephemeral port, one connection). The probe carries a
//! private, one-shot extension that no application code can build; a
//! [`RetentionGuardMiddleware`](super::RetentionGuardMiddleware) that sees it, addressed to that
//! sink, records the request exactly as it passes it on, without deciding it (the probe is not a
//! provider request), and the sink records what arrives. The rules are
//! [`assert_guarded`]'s. Header values are compared, never printed, and the probe carries
//! placeholders in the credential headers, so that a client's default credentials are not sent
//! with it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// The path probes are sent to, on the sink's loopback address.
const PROBE_PATH: &str = "/retention-guard/self-test?probe=1";

/// The probe's body: it must arrive byte for byte.
const PROBE_BODY: &[u8] = br#"{"retention_guard":"self-test"}"#;

/// Credential headers, set on the probe to a placeholder: a client's default values for them are
/// then not sent, and a middleware below the guard may set them (authentication is not a rule's).
const CREDENTIALS: [&str; 4] = ["authorization", "api-key", "x-api-key", "x-goog-api-key"];

/// The placeholder the credential headers carry.
const PLACEHOLDER: &str = "retention-guard-self-test";

/// Headers reqwest itself writes when it sends, which may arrive although no guard saw them.
const TRANSPORT: [&str; 7] = [
    "content-length",
    "transfer-encoding",
    "connection",
    "te",
    "accept",
    "accept-encoding",
    "user-agent",
];

/// The most the sink reads of the probe's request, and how long it waits for it.
const MAX_REQUEST: usize = 64 * 1024;
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// The probe's deadline, over the client's whole call.
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);

/// A request as seen at one point: method, path and query, headers (lower-case names, values as
/// bytes), body. No `Debug`: it holds header values.
#[derive(Clone, PartialEq, Eq)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl Seen {
    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    }
}

/// The extension a probe carries: where it goes, what the innermost guard passed on, and whether
/// the self-test is over (after which it is no probe at all).
#[derive(Clone)]
pub(crate) struct Probe {
    url: url::Url,
    passed_on: Arc<Mutex<Option<Seen>>>,
    over: Arc<AtomicBool>,
}

impl std::fmt::Debug for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Probe")
            .field("url", &self.url.as_str())
            .finish()
    }
}

impl Probe {
    /// Whether `req` is this probe: addressed to its own sink, while its self-test runs. Only
    /// then does a guard pass it on undecided.
    pub(crate) fn is_for(&self, req: &reqwest::Request) -> bool {
        !self.over.load(Ordering::Acquire) && *req.url() == self.url
    }

    /// Records `req` as the guard passes it on (a guard further in overwrites an outer one's).
    pub(crate) fn record(&self, req: &reqwest::Request) {
        let seen = Seen {
            method: req.method().as_str().to_owned(),
            target: target(req.url()),
            headers: req
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
                .collect(),
            body: req
                .body()
                .and_then(reqwest::Body::as_bytes)
                .unwrap_or_default()
                .to_vec(),
        };
        *self.passed_on.lock().unwrap_or_else(|e| e.into_inner()) = Some(seen);
    }
}

fn target(url: &url::Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// What [`assert_guarded`] found wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotGuardedKind {
    /// No `RetentionGuardMiddleware` in the stack saw the probe.
    Absent,
    /// A guard passed the probe on, and nothing arrived: something below it answered the
    /// request or sent it elsewhere (or the client cannot reach a plain-`http` loopback sink).
    NotDelivered,
    /// What arrived is not what the innermost guard passed on: something below it (a middleware,
    /// or the client's default headers) changed the request after the decision.
    ChangedBelow,
    /// The self-test could not run: no loopback sink, a proxy the environment names for it, or a
    /// client that speaks only HTTP/2.
    Probe,
}

impl NotGuardedKind {
    /// A stable code: `absent`, `not_delivered`, `changed_below`, `probe`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Absent => "absent",
            Self::NotDelivered => "not_delivered",
            Self::ChangedBelow => "changed_below",
            Self::Probe => "probe",
        }
    }
}

/// A client whose requests are not decided as they are sent: the error of [`assert_guarded`].
#[derive(Debug, Clone, thiserror::Error)]
#[error("the client is not guarded ({}): {detail}", kind.code())]
pub struct NotGuarded {
    kind: NotGuardedKind,
    detail: String,
}

impl NotGuarded {
    fn new(kind: NotGuardedKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }

    /// What was found wrong.
    pub fn kind(&self) -> NotGuardedKind {
        self.kind
    }
}

/// Ends the self-test however `assert_guarded` ends, cancelled included: the probe stops being
/// one, and the sink, if nothing reached it, is woken so that its thread ends.
struct Finish {
    addr: SocketAddr,
    over: Arc<AtomicBool>,
    delivered: bool,
}

impl Drop for Finish {
    fn drop(&mut self) {
        self.over.store(true, Ordering::Release);
        if !self.delivered {
            drop(TcpStream::connect_timeout(
                &self.addr,
                Duration::from_millis(200),
            ));
        }
    }
}

/// Checks, offline, that `client` decides every request with a
/// [`RetentionGuardMiddleware`](super::RetentionGuardMiddleware) innermost: a probe is sent
/// through the client's own stack to a sink on `127.0.0.1`, and must arrive exactly as the
/// innermost guard passed it on. Call it at start-up, after building a `ClientWithMiddleware` by
/// hand ([`GuardedClientBuilder`](super::GuardedClientBuilder) keeps the guard innermost).
///
/// 1. No guard recorded the probe: [`NotGuardedKind::Absent`].
/// 2. Nothing arrived at the sink although a guard passed it on (something below the guard
///    answered it or sent it elsewhere; or the client cannot reach plain `http` on loopback,
///    `https_only` say): [`NotGuardedKind::NotDelivered`].
/// 3. What arrived differs from what the innermost guard passed on (method, path, query, body,
///    `Host`, a header's value, or a header the guard did not see, other than the transport
///    headers reqwest itself writes and the credential headers): [`NotGuardedKind::ChangedBelow`].
///    A middleware below the guard that changes nothing on the probe is not seen.
///
/// The probe goes to `127.0.0.1` only: when the environment names a proxy for plain `http`
/// (`HTTP_PROXY`, `ALL_PROXY`) that `NO_PROXY` does not lift for `127.0.0.1`, the self-test
/// refuses to run ([`NotGuardedKind::Probe`]) rather than send the probe to the proxy. It carries
/// no prompt, and placeholders in the credential headers (`authorization`, `api-key`,
/// `x-api-key`, `x-goog-api-key`), so a client's default credentials are not sent; other default
/// headers go with it to the sink, and are reported as added below the guard, which never sees
/// them. It has a 10-second deadline; cancelled, it cleans up.
///
/// # Errors
/// [`NotGuarded`], whose [`kind`](NotGuarded::kind) says what was found, and whose message says
/// how to fix it.
///
/// ```
/// use reqwest_middleware::ClientBuilder;
/// use retention_guard::middleware::{NotGuardedKind, assert_guarded};
/// use retention_guard::{GuardedClientBuilder, Profile};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let profile = Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")?;
/// let guarded = GuardedClientBuilder::new(profile, reqwest::Client::builder())?.build();
/// assert_guarded(&guarded).await?;
///
/// let forgotten = ClientBuilder::new(reqwest::Client::new()).build();
/// let err = assert_guarded(&forgotten).await.unwrap_err();
/// assert_eq!(err.kind(), NotGuardedKind::Absent);
/// # Ok(()) }
/// ```
pub async fn assert_guarded(
    client: &reqwest_middleware::ClientWithMiddleware,
) -> Result<(), NotGuarded> {
    if let Some(var) = proxy_for_loopback(|name| std::env::var(name).ok()) {
        return Err(NotGuarded::new(
            NotGuardedKind::Probe,
            format!(
                "the environment names a proxy for plain http (`{var}`) and `NO_PROXY` does not \
                 lift it for 127.0.0.1, so the probe would go to the proxy; add 127.0.0.1 to \
                 `NO_PROXY` to run the self-test"
            ),
        ));
    }
    let no_sink = |e: std::io::Error| {
        NotGuarded::new(NotGuardedKind::Probe, format!("no loopback sink: {e}"))
    };
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(no_sink)?;
    let addr = listener.local_addr().map_err(no_sink)?;
    let (tx, rx) = mpsc::channel();
    // Detached: it ends when the probe arrives, or when `Finish` wakes it.
    drop(std::thread::spawn(move || sink(&listener, &tx)));
    let url: url::Url = format!("http://{addr}{PROBE_PATH}")
        .parse()
        .expect("a loopback URL");
    let probe = Probe {
        url: url.clone(),
        passed_on: Arc::default(),
        over: Arc::default(),
    };
    let mut finish = Finish {
        addr,
        over: probe.over.clone(),
        delivered: false,
    };
    let mut request = client
        .post(url)
        .header("content-type", "application/json")
        .timeout(PROBE_TIMEOUT);
    for name in CREDENTIALS {
        request = request.header(name, PLACEHOLDER);
    }
    let sent = request
        .body(PROBE_BODY)
        .with_extension(probe.clone())
        .send()
        .await;
    // The sink reports what it read before it answers, so after a response it is there.
    let arrived = rx.try_recv().ok();
    finish.delivered = arrived.is_some();
    drop(finish);
    let passed_on = probe
        .passed_on
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    let Some(passed_on) = passed_on else {
        return Err(NotGuarded::new(
            NotGuardedKind::Absent,
            "no RetentionGuardMiddleware saw the probe; add one (build the client with \
             GuardedClientBuilder, which keeps it innermost)",
        ));
    };
    let Some(arrived) = arrived else {
        let why = match sent {
            Ok(r) => format!("a response with status {} came back", r.status().as_u16()),
            Err(reqwest_middleware::Error::Middleware(_)) => {
                "a middleware below it returned an error".to_owned()
            }
            Err(_) => "the request failed".to_owned(),
        };
        return Err(NotGuarded::new(
            NotGuardedKind::NotDelivered,
            format!(
                "the guard passed the probe on, and it never reached the loopback sink ({why}): \
                 something below the guard answered it or sent it elsewhere, or the client \
                 cannot send plain http to 127.0.0.1 (a proxy, `https_only`); put the guard \
                 innermost (GuardedClientBuilder does)"
            ),
        ));
    };
    if arrived.method == "PRI" {
        return Err(NotGuarded::new(
            NotGuardedKind::Probe,
            "the client speaks HTTP/2 with prior knowledge, which the loopback sink does not: \
             the self-test cannot run on this client",
        ));
    }
    match difference(&passed_on, &arrived, &addr.to_string()) {
        None => Ok(()),
        Some(what) => Err(NotGuarded::new(
            NotGuardedKind::ChangedBelow,
            format!(
                "the request that arrived differs from the one the guard decided ({what}): a \
                 middleware below the guard, or the client's default headers, changed it after \
                 the decision; put the guard innermost (GuardedClientBuilder does) and set \
                 headers per request or in a middleware outside it"
            ),
        )),
    }
}

/// The proxy variable that would send a plain-`http` request to `127.0.0.1` through a proxy, as
/// reqwest reads the environment: `HTTP_PROXY`, `http_proxy`, `ALL_PROXY` or `all_proxy`, unless
/// `NO_PROXY` (or `no_proxy`) lifts it with `*`, `127.0.0.1` or a `127.` network.
fn proxy_for_loopback(var: impl Fn(&str) -> Option<String>) -> Option<&'static str> {
    let set = |name: &&str| var(name).is_some_and(|v| !v.trim().is_empty());
    let proxy = ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .into_iter()
        .find(set)?;
    let lifted = ["NO_PROXY", "no_proxy"]
        .into_iter()
        .filter_map(&var)
        .flat_map(|v| {
            v.split(',')
                .map(|t| t.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .any(|t| {
            t == "*" || t == "127.0.0.1" || t.starts_with("127.0.0.0/") || t == "127.0.0.1/32"
        });
    (!lifted).then_some(proxy)
}

/// What differs between the request the guard passed on and the one that arrived at `authority`,
/// in words that name no header value.
fn difference(passed_on: &Seen, arrived: &Seen, authority: &str) -> Option<String> {
    if passed_on.method != arrived.method {
        return Some(format!(
            "method {} became {}",
            passed_on.method, arrived.method
        ));
    }
    if passed_on.target != arrived.target {
        return Some("the path or query changed".to_owned());
    }
    if passed_on.body != arrived.body {
        return Some("the body changed".to_owned());
    }
    // reqwest writes `Host` from the URL when the request has none.
    let host = passed_on.values("host");
    let expected: Vec<&[u8]> = if host.is_empty() {
        vec![authority.as_bytes()]
    } else {
        host
    };
    if arrived.values("host") != expected {
        return Some("header `host` changed".to_owned());
    }
    let exempt = |name: &str| TRANSPORT.contains(&name) || CREDENTIALS.contains(&name);
    for (name, _) in &passed_on.headers {
        if !exempt(name) && name != "host" && passed_on.values(name) != arrived.values(name) {
            return Some(format!("header `{name}` changed"));
        }
    }
    arrived
        .headers
        .iter()
        .map(|(n, _)| n)
        .find(|n| {
            !exempt(n) && n.as_str() != "host" && !passed_on.headers.iter().any(|(p, _)| p == *n)
        })
        .map(|n| format!("header `{n}` was added"))
}

/// Accepts one connection, reads one request, reports it, and answers `204`.
fn sink(listener: &TcpListener, tx: &mpsc::Sender<Seen>) {
    let Ok((mut stream, _)) = listener.accept() else {
        return;
    };
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    if let Some(seen) = read_request(&mut stream) {
        let _ = tx.send(seen);
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
    }
}

/// Reads an HTTP/1.1 request with a `content-length` body (or none), up to [`MAX_REQUEST`].
/// Header values are kept as bytes, whatever their encoding.
fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_REQUEST {
            return None;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            // HTTP/2's preface has no header block of this form: report its method.
            return buf.starts_with(b"PRI ").then(|| Seen {
                method: "PRI".to_owned(),
                target: String::new(),
                headers: Vec::new(),
                body: Vec::new(),
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let mut lines = buf[..head_end]
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = String::from_utf8_lossy(lines.next()?).into_owned();
    let mut parts = first.split(' ');
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let headers: Vec<(String, Vec<u8>)> = lines
        .filter_map(|l| {
            let colon = l.iter().position(|&b| b == b':')?;
            let name = String::from_utf8_lossy(&l[..colon])
                .trim()
                .to_ascii_lowercase();
            Some((name, l[colon + 1..].trim_ascii().to_vec()))
        })
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| std::str::from_utf8(v).ok()?.parse().ok())
        .unwrap_or(0);
    if length > MAX_REQUEST {
        return None;
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn a_proxy_for_loopback_is_found_unless_no_proxy_lifts_it() {
        assert_eq!(proxy_for_loopback(env(&[])), None);
        assert_eq!(
            proxy_for_loopback(env(&[("HTTP_PROXY", "http://proxy:3128")])),
            Some("HTTP_PROXY")
        );
        assert_eq!(
            proxy_for_loopback(env(&[("all_proxy", "socks5://p:1080")])),
            Some("all_proxy")
        );
        assert_eq!(
            proxy_for_loopback(env(&[
                ("HTTP_PROXY", "http://p"),
                ("NO_PROXY", "localhost")
            ])),
            Some("HTTP_PROXY"),
            "reqwest matches `localhost` by name, not 127.0.0.1"
        );
        for lift in ["*", "example.com, 127.0.0.1", "127.0.0.0/8"] {
            assert_eq!(
                proxy_for_loopback(env(&[("HTTP_PROXY", "http://p"), ("no_proxy", lift)])),
                None,
                "{lift}"
            );
        }
        assert_eq!(
            proxy_for_loopback(env(&[("HTTPS_PROXY", "http://p")])),
            None,
            "the probe is plain http"
        );
    }

    #[test]
    fn a_probe_is_one_shot() {
        let url: url::Url = "http://127.0.0.1:9/retention-guard/self-test?probe=1"
            .parse()
            .unwrap();
        let probe = Probe {
            url: url.clone(),
            passed_on: Arc::default(),
            over: Arc::default(),
        };
        let req = reqwest::Request::new(http::Method::POST, url);
        assert!(probe.is_for(&req));
        let elsewhere = reqwest::Request::new(
            http::Method::POST,
            "https://api.openai.com/v1/assistants".parse().unwrap(),
        );
        assert!(!probe.is_for(&elsewhere), "only its own sink's URL");
        probe.over.store(true, Ordering::Release);
        assert!(
            !probe.is_for(&req),
            "a copy kept after the self-test is no probe"
        );
    }

    #[test]
    fn a_changed_host_is_a_difference() {
        let seen = |host: Option<&str>| Seen {
            method: "POST".to_owned(),
            target: "/x".to_owned(),
            headers: host
                .map(|h| vec![("host".to_owned(), h.as_bytes().to_vec())])
                .unwrap_or_default(),
            body: Vec::new(),
        };
        let authority = "127.0.0.1:4000";
        assert_eq!(
            difference(&seen(None), &seen(Some(authority)), authority),
            None
        );
        assert_eq!(
            difference(&seen(None), &seen(Some("api.openai.com")), authority).as_deref(),
            Some("header `host` changed")
        );
    }
}
