//! The tokio-tungstenite adapter (feature `tokio-tungstenite`): a realtime session's WebSocket,
//! guarded as an HTTP client is.
//!
//! A realtime app sends its most sensitive switches — `session.update` with tools, tracing and
//! prompts — over the socket, where no HTTP middleware sees them. [`Session::open`] decides the
//! handshake with the policy (routing a residency project to its region's host) and
//! [`Session::wrap`] puts a [`GuardedSocket`] around the connected stream (or its sink half):
//! every text or binary frame the app sends is decided by [`Socket::check`] first. A denied frame
//! is never sent: `send` returns [`SendError::Denied`] with the violation, and the socket stays
//! open. A rewritten frame is sent rewritten. A raw frame (`Message::Frame`) is checked by its
//! payload when it is a whole message, and refused when it is a fragment. Ping, pong and close
//! pass unchanged, and so does everything the socket receives.
//!
//! - **One policy per session.** A session is decided wholly by the policy in force when it was
//!   opened (a [`ReloadablePolicy`](crate::policy::ReloadablePolicy) reload applies to sessions
//!   opened afterwards).
//! - **Report-only mode** reports what enforcement would do and sends every frame as the app
//!   built it.
//! - **Observers** receive a [`Verdict`](crate::Verdict) for the handshake and for every frame,
//!   with [`Verdict::event`](crate::Verdict::event) naming the client event.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use futures_util::SinkExt;
//! use retention_guard::tungstenite::{SendError, Session};
//! use retention_guard::Policy;
//! use tokio_tungstenite::tungstenite::Message;
//!
//! let policy = Policy::from_toml_file("retention-policy.toml")?;
//! let session = Session::open(&policy, &"wss://api.openai.com/v1/realtime?model=gpt-realtime".parse()?)?;
//! let (ws, _) = tokio_tungstenite::connect_async(session.request()?).await?;
//! let mut ws = session.wrap(ws);
//! match ws.send(Message::text(r#"{"type":"session.update","session":{"type":"realtime","tracing":"auto"}}"#)).await {
//!     Err(SendError::Denied(v)) => eprintln!("not sent: {v}"),
//!     other => other?,
//! }
//! # Ok(()) }
//! ```

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_sink::Sink;
use http::{HeaderMap, Method};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Request as ClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use tokio_tungstenite::tungstenite::{self, Message};
use url::Url;

use crate::guard::{Body, Frame, Request, Socket};
use crate::policy::{Current, Mode, PolicySource};
use crate::{Decision, Policy, Violation};

/// A realtime or live session whose handshake the policy allowed (or, in report-only mode,
/// reported): the URL and headers to connect with, and the guard for its frames.
#[derive(Debug, Clone)]
pub struct Session {
    policy: Arc<Policy>,
    url: Url,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// `None`: frames pass unchecked (a host no profile covers that the policy passes through,
    /// or a denied handshake in report-only mode).
    socket: Option<Socket>,
}

impl Session {
    /// Decides the handshake to `url` (`wss://…`) with the policy in force, and reports it to
    /// the policy's observers.
    ///
    /// # Errors
    /// The [`Violation`] when the policy enforces and denies the handshake.
    pub fn open(policy: impl Into<PolicySource>, url: &Url) -> Result<Self, Violation> {
        let source = policy.into();
        let policy = match source.current() {
            Current::Fixed(p) => Arc::new(p.clone()),
            Current::Reloadable(p) => p,
        };
        let http_url = crate::guard::handshake_url(url);
        let headers = HeaderMap::new();
        let req = Request::new(&Method::GET, &http_url, &headers, Body::Empty);
        let (decision, guard) = policy.evaluate(&req, None);
        let enforced = policy.mode() == Mode::Enforce;
        let (socket, target, extra) = match decision {
            Decision::Deny(v) if enforced => return Err(v),
            Decision::Deny(_) => (None, url.clone(), Vec::new()),
            Decision::Allow(allowed) => {
                let socket = match guard {
                    Some(g) => Some(g.socket(url)?),
                    None => None,
                };
                match (enforced, allowed.url()) {
                    (true, Some(routed)) => (socket, routed.clone(), allowed.headers().to_vec()),
                    (true, None) => (socket, url.clone(), allowed.headers().to_vec()),
                    (false, _) => (socket, url.clone(), Vec::new()),
                }
            }
        };
        Ok(Self {
            policy,
            url: target,
            headers: extra,
            socket,
        })
    }

    /// The URL to connect to: the one given, or its region's host when it was routed.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The session's guard for frames, if its handshake was decided by a profile.
    pub fn socket(&self) -> Option<&Socket> {
        self.socket.as_ref()
    }

    /// The handshake request for `tokio_tungstenite::connect_async`: [`url`](Self::url) with the
    /// headers the profile adds (`OpenAI-Project`, …). Add the API key to its headers.
    ///
    /// # Errors
    /// tungstenite's, for a URL it cannot connect to.
    pub fn request(&self) -> Result<ClientRequest, tungstenite::Error> {
        let mut request = self.url.as_str().into_client_request()?;
        for (name, value) in &self.headers {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        Ok(request)
    }

    /// Guards `inner`, the connected `WebSocketStream` or its sink half.
    pub fn wrap<S>(&self, inner: S) -> GuardedSocket<S> {
        GuardedSocket {
            inner,
            session: self.clone(),
        }
    }

    /// Decides one outgoing message: the message to send, or the violation.
    fn decide(&self, message: Message) -> Result<Message, Violation> {
        let Some(socket) = &self.socket else {
            return Ok(message);
        };
        let frame = match &message {
            Message::Text(t) => Frame::Text(t.as_str()),
            Message::Binary(b) => Frame::Binary(b),
            // A raw frame is checked by what it carries: a whole text or binary message as that
            // message; a fragment cannot be read whole, and is refused.
            Message::Frame(raw) => match (raw.header().opcode, raw.header().is_final) {
                (OpCode::Control(_), _) => return Ok(message),
                (OpCode::Data(Data::Text | Data::Binary), true) => Frame::Binary(raw.payload()),
                _ => {
                    return Err(socket.uninspectable(
                        "it is a raw fragment of a message, which cannot be read whole",
                    ));
                }
            },
            Message::Ping(_) | Message::Pong(_) | Message::Close(_) => return Ok(message),
        };
        let enforced = self.policy.mode() == Mode::Enforce;
        let decision = if self.policy.reports() {
            let (decision, mut verdict) = socket.record(frame);
            verdict.enforced = enforced;
            self.policy.report(&self.policy.stamp(verdict));
            decision
        } else {
            socket.check(frame)
        };
        if !enforced {
            return Ok(message);
        }
        match decision {
            Decision::Deny(v) => Err(v),
            Decision::Allow(mut allowed) => match (allowed.take_body(), &message) {
                (None, _) => Ok(message),
                // A rewrite of valid UTF-8 JSON stays UTF-8: only ASCII is written.
                (Some(body), Message::Text(_)) => match String::from_utf8(body) {
                    Ok(text) => Ok(Message::text(text)),
                    Err(e) => Ok(Message::binary(e.into_bytes())),
                },
                (Some(body), _) => Ok(Message::binary(body)),
            },
        }
    }
}

/// Why a guarded socket did not send a message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError<E> {
    /// The guard denied the frame; nothing was sent and the socket stays open.
    #[error(transparent)]
    Denied(Violation),
    /// The socket's own error.
    #[error(transparent)]
    Socket(E),
}

impl<E> SendError<E> {
    /// The violation, when the guard denied the frame.
    pub fn violation(&self) -> Option<&Violation> {
        match self {
            Self::Denied(v) => Some(v),
            Self::Socket(_) => None,
        }
    }
}

/// A WebSocket stream or sink whose outgoing frames the guard decides first (see the
/// [module docs](self)). It is a `Sink<Message>` like the one it wraps, and a `Stream` of what
/// it receives when the wrapped value is one.
#[derive(Debug)]
pub struct GuardedSocket<S> {
    inner: S,
    session: Session,
}

impl<S> GuardedSocket<S> {
    /// The wrapped stream or sink.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped stream or sink, unguarded.
    pub fn into_inner(self) -> S {
        self.inner
    }

    /// The session whose policy decides the frames.
    pub fn session(&self) -> &Session {
        &self.session
    }
}

impl<S: Sink<Message> + Unpin> Sink<Message> for GuardedSocket<S> {
    type Error = SendError<S::Error>;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner)
            .poll_ready(cx)
            .map_err(SendError::Socket)
    }

    fn start_send(mut self: Pin<&mut Self>, item: Message) -> Result<(), Self::Error> {
        let item = self.session.decide(item).map_err(SendError::Denied)?;
        Pin::new(&mut self.inner)
            .start_send(item)
            .map_err(SendError::Socket)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner)
            .poll_flush(cx)
            .map_err(SendError::Socket)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner)
            .poll_close(cx)
            .map_err(SendError::Socket)
    }
}

impl<S: Stream + Unpin> Stream for GuardedSocket<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.inner).poll_next(cx)
    }
}
