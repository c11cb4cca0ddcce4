//! A realtime or live session's WebSocket, checked at the handshake and then frame by frame.
//!
//! The rules are on [`Socket`].

use http::{HeaderMap, Method};
use url::Url;

use super::context::Ctx;
use super::{Allowed, Body, Decision, Guard, HostClass, Request, Verdict};
use crate::catalog::paths::BodyIndex;
use crate::catalog::{BinaryFrames, ClientEvent, ClientEvents, Endpoint};
use crate::json;
use crate::profile::{OnUnknownEndpoint, Region};
use crate::violation::{Violation, ViolationKind};

/// One frame a client sends over a socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Frame<'a> {
    /// A text frame: a JSON event.
    Text(&'a str),
    /// A binary frame.
    Binary(&'a [u8]),
}

/// A WebSocket session whose handshake the guard allowed: [`check`](Self::check) decides each
/// client frame with the session's profile and region. Cheap to share by reference; `Send` and
/// `Sync`.
///
/// The rules for a client frame, in order:
///
/// 1. A text frame, or a binary frame on a socket whose protocol has no binary frames, is read as
///    one JSON object, exactly as the body rules read a body (UTF-8, exact JSON, every duplicate
///    and Go-folded key). A binary frame on a socket that takes binary audio passes as content.
/// 2. Its `type` is every top-level key a server may read as `type` (exact after escapes, or
///    folded as Go folds it); they must all be the same string. A frame with none, or with
///    different ones, is denied ([`MalformedBody`](ViolationKind::MalformedBody)).
/// 3. An event the socket's catalog entry lists has its rules applied as body rules, by path from
///    the top of the frame, under the session's profile and residency region: the frame is
///    allowed as it is, rewritten, or denied. An event the entry does not list (or every event of
///    a socket without a table) follows the profile's `on_unknown_endpoint`
///    ([`UnknownEndpoint`](ViolationKind::UnknownEndpoint)).
///
/// A decision is traced (target `retention_guard`) with the profile, the socket's path, the
/// event's type and the outcome — never the frame.
///
/// ```
/// use retention_guard::guard::Frame;
/// use retention_guard::{Guard, Profile, Retention, ViolationKind};
///
/// let guard = Guard::new(Profile::builder("openai".parse()?, Retention::ZeroDataRetention).build()?);
/// let socket = guard.socket(&"wss://api.openai.com/v1/realtime?model=gpt-realtime".parse()?)?;
///
/// let update = r#"{"type":"session.update","session":{"type":"realtime","tools":[{"type":"mcp","server_url":"https://mcp.example"}]}}"#;
/// let denied = socket.check(Frame::Text(update));
/// assert_eq!(denied.violation().unwrap().kind(), ViolationKind::ParameterNotAllowed);
///
/// let audio = r#"{"type":"input_audio_buffer.append","audio":"AAAA"}"#;
/// assert!(socket.check(Frame::Text(audio)).is_allowed());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Socket {
    guard: Guard,
    handshake: Allowed,
    path: String,
    /// The handshake's URL (`https`), which records name.
    http_url: Url,
    region: Option<Region>,
    events: Option<&'static ClientEvents>,
    /// The body index of each event, in the table's order.
    indices: Vec<BodyIndex>,
}

impl Guard {
    /// Checks a realtime or live-session WebSocket URL as
    /// [`check_realtime`](Self::check_realtime) does and, when it is allowed, returns the
    /// session: its [`handshake`](Socket::handshake) (the URL to connect to and headers to add)
    /// and [`check`](Socket::check) for every frame the client sends.
    ///
    /// # Errors
    /// The [`Violation`] of the handshake.
    pub fn socket(&self, url: &Url) -> Result<Socket, Violation> {
        let handshake = self.check_realtime(url)?;
        let http_url = super::realtime::handshake_url(url);
        let region = match self.classify(&http_url) {
            HostClass::Regional(r) => Some(r),
            _ => self.inner.profile.region,
        };
        let events = handshake.endpoint.and_then(|e| e.events);
        let indices = events.map_or_else(Vec::new, |t| {
            t.events.iter().map(|e| BodyIndex::of(&e.entry)).collect()
        });
        Ok(Socket {
            guard: self.clone(),
            path: url.path().to_owned(),
            http_url,
            handshake,
            region,
            events,
            indices,
        })
    }
}

impl Socket {
    /// The handshake's decision: [`Allowed::url`] is the URL to connect to when it was routed,
    /// and [`Allowed::headers`] the headers to add.
    pub fn handshake(&self) -> &Allowed {
        &self.handshake
    }

    /// The guard that decides the session's frames.
    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// The socket's catalog entry, if the handshake matched one.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        self.handshake.endpoint
    }

    /// Decides one frame the client is about to send: allowed as it is, allowed with a rewritten
    /// frame ([`Allowed::body`], to send instead), or denied. Pure, like
    /// [`Guard::evaluate`]. The [type's docs](Socket) list the rules.
    pub fn check(&self, frame: Frame<'_>) -> Decision {
        self.decide(frame).0
    }

    /// [`check`](Self::check), with the catalog's event the frame named, if it lists it.
    fn decide(&self, frame: Frame<'_>) -> (Decision, Option<&'static ClientEvent>) {
        let (b, binary) = match frame {
            Frame::Text(t) => (t.as_bytes(), false),
            Frame::Binary(b) => (b, true),
        };
        let events = self.events;
        if binary && events.is_some_and(|t| t.binary == BinaryFrames::Audio) {
            return (Decision::Allow(Allowed::default()), None);
        }
        match event_type(b) {
            Err(why) => {
                let d = Decision::Deny(self.deny(
                    ViolationKind::MalformedBody,
                    "a frame",
                    why,
                    "send each client event as one JSON object with one string `type`",
                ));
                trace(self, "(malformed)", &d);
                (d, None)
            }
            Ok(name) => {
                let event = events.and_then(|t| t.get(&name));
                let d = self.event(&name, event, b);
                trace(self, shown(&name), &d);
                (d, event.map(|(_, e)| e))
            }
        }
    }

    /// [`check`](Self::check), with the decision's record: what an observer receives
    /// ([`Verdict::event`] names the client event when the catalog lists it), for a caller that
    /// logs or reports frames itself. The record says `enforced`; a caller in report-only mode
    /// sets it to `false`.
    pub fn record(&self, frame: Frame<'_>) -> (Decision, Verdict) {
        let (decision, event) = self.decide(frame);
        let headers = HeaderMap::new();
        let req = Request::new(&Method::GET, &self.http_url, &headers, Body::Empty);
        let verdict = Verdict::of_event(
            &req,
            &self.guard,
            (self.handshake.endpoint, self.handshake.gateway),
            event,
            &decision,
            true,
        );
        (decision, verdict)
    }

    /// The rules of event `name`, for frame `b`.
    fn event(
        &self,
        name: &str,
        event: Option<(usize, &'static ClientEvent)>,
        b: &[u8],
    ) -> Decision {
        let Some((i, event)) = event else {
            let p = &self.guard.inner.profile;
            if p.on_unknown_endpoint != OnUnknownEndpoint::Deny {
                return Decision::Allow(Allowed::default());
            }
            return Decision::Deny(
                self.guard
                    .violation(
                        ViolationKind::UnknownEndpoint,
                        &Method::GET,
                        &self.path,
                        format!(
                            "the {} catalog lists no client event `{}` for this socket, so the \
                             guard cannot tell what it changes",
                            p.provider,
                            shown(name)
                        ),
                        self.events.map(|t| &t.unknown),
                        "send the events the provider's reference lists (or set \
                         `on_unknown_endpoint = \"fail_open\"` if the agreement permits)",
                    )
                    .with_target(target(shown(name), &self.path)),
            );
        };
        let method = Method::GET;
        let cx = Ctx::with_index(
            &self.guard,
            &method,
            name,
            &event.entry,
            self.region,
            &self.indices[i],
        );
        // The frame is read as a JSON body: no headers, so no content type to disagree on.
        let headers = HeaderMap::new();
        let req = Request::new(&method, &self.http_url, &headers, Body::Bytes(b));
        let mut changes = Vec::new();
        match cx.body_rules(&req, &mut changes) {
            Ok(body) => Decision::Allow(Allowed {
                endpoint: Some(&event.entry),
                body,
                changes,
                ..Allowed::default()
            }),
            Err(v) => Decision::Deny(v.with_target(target(name, &self.path))),
        }
    }

    /// A refusal of a frame the guard cannot read as one event (an adapter's raw fragment).
    #[cfg(feature = "tokio-tungstenite")]
    pub(crate) fn uninspectable(&self, why: &str) -> Violation {
        self.deny(
            ViolationKind::UninspectableBody,
            "a frame",
            why.to_owned(),
            "send each client event as one whole text frame",
        )
    }

    fn deny(
        &self,
        kind: ViolationKind,
        what: &str,
        reason: String,
        remedy: &'static str,
    ) -> Violation {
        self.guard
            .violation(
                kind,
                &Method::GET,
                &self.path,
                reason,
                self.events.map(|t| &t.unknown),
                remedy,
            )
            .with_target(target(what, &self.path))
    }
}

/// An event's type as logs and messages show it: a frame's text is the client's, so a type that
/// is not a plain protocol word (lower-case letters, digits, `.` and `_`, at most 64) is not
/// repeated.
fn shown(name: &str) -> &str {
    let plain = name.len() <= 64
        && name
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'_');
    if plain {
        name
    } else {
        "(not a plain event name)"
    }
}

/// What a denial names: the event on the socket's path.
fn target(event: &str, path: &str) -> String {
    format!("`{event}` on `{path}`")
}

/// The frame's `type`, as every server reads it.
fn event_type(b: &[u8]) -> Result<String, String> {
    let mut seen: Option<String> = None;
    let mut differ = false;
    let mut not_string = false;
    json::read_object(b, |s, key| {
        let value = s.value()?;
        if key.is(b, "type") || key.folds_to(b, "type") {
            match json::string_value(b, value)? {
                Some(v) => match &seen {
                    Some(first) => differ |= *first != v,
                    None => seen = Some(v.into_owned()),
                },
                None => not_string = true,
            }
        }
        Ok(())
    })
    .map_err(|e| {
        format!(
            "it is not one valid JSON object: {} at byte {}",
            e.what, e.offset
        )
    })?;
    if not_string {
        return Err("its `type` is not a string".to_owned());
    }
    if differ {
        return Err(
            "it names two different `type`s (in duplicate or case-folded keys), and servers read \
             different ones"
                .to_owned(),
        );
    }
    seen.ok_or_else(|| "it has no `type`".to_owned())
}

fn trace(socket: &Socket, event: &str, decision: &Decision) {
    let profile = &socket.guard.inner.profile.name;
    match decision {
        Decision::Allow(a) => tracing::debug!(
            target: "retention_guard",
            profile = %profile,
            path = socket.path,
            event,
            decision = "allow",
            changes = a.changes.len(),
            "client event allowed"
        ),
        Decision::Deny(v) => tracing::info!(
            target: "retention_guard",
            profile = %profile,
            path = socket.path,
            event,
            decision = "deny",
            kind = v.code(),
            "client event denied"
        ),
    }
}
