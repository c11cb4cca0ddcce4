//! The self-test of a hand-built client: [`assert_guarded`].
//!
//! A probe request goes through the client's own middleware stack to a sink on loopback that
//! this module starts (`127.0.0.1`, an ephemeral port, one connection), so it never reaches the
//! network. The probe carries a private extension that no application code can build; a
//! [`RetentionGuardMiddleware`](super::RetentionGuardMiddleware) that sees it records the request
//! exactly as it passes it on, without deciding it (the probe is not a provider request), and the
//! sink records what arrives. The rules:
//!
//! 1. No guard recorded the probe: the guard is absent ([`NotGuardedKind::Absent`]).
//! 2. Nothing arrived at the sink although a guard passed it on: something below the guard
//!    answered or sent it elsewhere ([`NotGuardedKind::NotDelivered`]).
//! 3. What arrived differs from what the innermost guard passed on (method, path, query, body, a
//!    header's value, or a header the guard did not see, other than the transport headers reqwest
//!    itself writes and `authorization`): a middleware below the guard, or the client's default
//!    headers, changed the request after the decision ([`NotGuardedKind::ChangedBelow`]).
//!
//! A middleware below the guard that changes nothing on the probe is not seen: the check proves
//! that the probe was decided as sent, not that no other middleware sits below. Header values are
//! compared, never printed.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// The path probes are sent to, on the sink's loopback address.
const PROBE_PATH: &str = "/retention-guard/self-test?probe=1";

/// The probe's body: it must arrive byte for byte.
const PROBE_BODY: &[u8] = br#"{"retention_guard":"self-test"}"#;

/// Headers reqwest itself writes when it sends (or that carry the credential the application
/// adds to every request), which may arrive although no guard saw them.
const TRANSPORT: [&str; 9] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "te",
    "accept",
    "accept-encoding",
    "user-agent",
    "authorization",
];

/// The most the sink reads of the probe's request.
const MAX_REQUEST: usize = 64 * 1024;

/// A request as seen at one point: method, path and query, headers (lower-case names, values as
/// bytes), body.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

/// The extension a probe carries: where it goes, and what the innermost guard passed on.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    url: url::Url,
    passed_on: Arc<Mutex<Option<Seen>>>,
}

impl Probe {
    /// Whether `req` is this probe (its extension and its own sink URL): only then does a guard
    /// pass it on undecided.
    pub(crate) fn is_for(&self, req: &reqwest::Request) -> bool {
        *req.url() == self.url
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
    /// request or sent it elsewhere.
    NotDelivered,
    /// What arrived is not what the innermost guard passed on: something below it (a middleware,
    /// or the client's default headers) changed the request after the decision.
    ChangedBelow,
    /// The self-test itself could not run (the loopback sink could not be started).
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

/// Checks, offline, that `client` decides every request with a
/// [`RetentionGuardMiddleware`](super::RetentionGuardMiddleware) innermost: a probe is sent
/// through the client's own stack to a loopback sink, and must arrive exactly as the innermost
/// guard passed it on. Call it at start-up, after
/// building a `ClientWithMiddleware` by hand; [`GuardedClientBuilder`](super::GuardedClientBuilder)
/// builds one that passes.
///
/// 1. No guard recorded the probe: [`NotGuardedKind::Absent`].
/// 2. Nothing arrived at the sink although a guard passed it on (something below the guard
///    answered it or sent it elsewhere): [`NotGuardedKind::NotDelivered`].
/// 3. What arrived differs from what the innermost guard passed on (method, path, query, body, a
///    header's value, or a header the guard did not see, other than the transport headers
///    reqwest itself writes and `authorization`): [`NotGuardedKind::ChangedBelow`]. A middleware
///    below the guard that changes nothing on the probe is not seen.
///
/// The probe never leaves the machine (the sink is `127.0.0.1`), and carries no key, prompt or
/// header of the application's (a client's default headers, if any, go with it to the sink). A
/// proxy the client is configured with for loopback addresses would see it.
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
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| NotGuarded::new(NotGuardedKind::Probe, format!("no loopback sink: {e}")))?;
    let addr = listener
        .local_addr()
        .map_err(|e| NotGuarded::new(NotGuardedKind::Probe, format!("no loopback sink: {e}")))?;
    let (tx, rx) = mpsc::channel();
    let sink = std::thread::spawn(move || sink(&listener, &tx));
    let url: url::Url = format!("http://{addr}{PROBE_PATH}")
        .parse()
        .expect("a loopback URL");
    let probe = Probe {
        url: url.clone(),
        passed_on: Arc::default(),
    };
    let sent = client
        .post(url)
        .header("content-type", "application/json")
        .body(PROBE_BODY)
        .with_extension(probe.clone())
        .send()
        .await;
    // The sink reports what it read before it answers, so after a response it is there.
    let arrived = rx.try_recv().ok();
    if arrived.is_none() {
        // Wake the sink if nothing reached it, so that its thread ends.
        drop(TcpStream::connect(addr));
    }
    drop(sink.join());
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
                 something below the guard answered it or sent it elsewhere; put the guard \
                 innermost (GuardedClientBuilder does)"
            ),
        ));
    };
    match difference(&passed_on, &arrived) {
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

/// What differs between the request the guard passed on and the one that arrived, in words that
/// name no header value.
fn difference(passed_on: &Seen, arrived: &Seen) -> Option<String> {
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
    let values = |seen: &Seen, name: &str| -> Vec<Vec<u8>> {
        seen.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    for (name, _) in &passed_on.headers {
        if TRANSPORT.contains(&name.as_str()) {
            continue;
        }
        if values(passed_on, name) != values(arrived, name) {
            return Some(format!("header `{name}` changed"));
        }
    }
    arrived
        .headers
        .iter()
        .map(|(n, _)| n)
        .find(|n| {
            !TRANSPORT.contains(&n.as_str()) && !passed_on.headers.iter().any(|(p, _)| p == *n)
        })
        .map(|n| format!("header `{n}` was added"))
}

/// Accepts one connection, reads one request, reports it, and answers `204`.
fn sink(listener: &TcpListener, tx: &mpsc::Sender<Seen>) {
    let Ok((mut stream, _)) = listener.accept() else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if let Some(seen) = read_request(&mut stream) {
        let _ = tx.send(seen);
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
    }
}

/// Reads an HTTP/1.1 request with a `content-length` body (or none), up to [`MAX_REQUEST`].
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
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, Vec<u8>)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().as_bytes().to_vec()))
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
