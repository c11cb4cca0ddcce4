//! retention-guard under rig's provider clients.
//!
//! rig 0.44 sends every provider call through the HTTP client a provider client is connected to:
//! wrap a guarded [`reqwest_middleware::ClientWithMiddleware`] in
//! [`rig_reqwest::ReqwestMiddlewareClient`] and connect each provider configuration to it
//! (`OpenAIConfig::new(key).connect(http)`, or `client.with_http(http)`). The convenience
//! constructors (`OpenAI::new`, `from_env`, `XConfig::client()`) send through rig's shared client,
//! which carries no guard.
//!
//! A denial surfaces as rig's `ProviderError::Http`, whose `source()` is not set: [`violation`]
//! finds the guard's [`Violation`] inside it.

use retention_guard::{Policy, RetentionGuardMiddleware, Violation, redirect_policy};
use rig_core::error::ProviderError;
use rig_reqwest::ReqwestMiddlewareClient;

/// A rig transport guarded by `policy`: `builder` (your reqwest settings) with the guard's
/// redirect policy, the guard as the innermost middleware.
///
/// # Errors
/// reqwest's, when the client cannot be built.
pub fn guarded_http(
    policy: &Policy,
    builder: reqwest::ClientBuilder,
) -> Result<ReqwestMiddlewareClient, reqwest::Error> {
    let http = builder.redirect(redirect_policy(policy)).build()?;
    let client = reqwest_middleware::ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build();
    Ok(ReqwestMiddlewareClient::from(client))
}

/// The guard's violation behind a rig error: rig reports a transport failure as
/// `ProviderError::Http`, without a `source()`, so the chain is opened here.
pub fn violation(err: &ProviderError) -> Option<&Violation> {
    match err {
        ProviderError::Http(e) => Violation::find(&**e),
        _ => None,
    }
}

/// A rig WebSocket backend (`rig_http::ws_client::WebSocketClientExt`) whose sessions the guard
/// decides: the handshake as [`Guard::socket`](retention_guard::Guard::socket) does (routing a
/// residency project's URL, adding the profile's headers, or refusing it), and every frame rig
/// sends as [`Socket::check`](retention_guard::guard::Socket::check) does. Open a Responses
/// WebSocket session with `model.responses_websocket().connect_with(&GuardedWebSocket::new(guard,
/// rig_tungstenite::TungsteniteClient::new()))`.
#[derive(Clone, Debug)]
pub struct GuardedWebSocket<W> {
    guard: retention_guard::Guard,
    inner: W,
}

impl<W> GuardedWebSocket<W> {
    /// `inner` (the backend that connects), guarded by `guard`.
    pub fn new(guard: retention_guard::Guard, inner: W) -> Self {
        Self { guard, inner }
    }
}

impl<W: rig_http::ws_client::WebSocketClientExt> rig_http::ws_client::WebSocketClientExt
    for GuardedWebSocket<W>
{
    async fn connect(
        &self,
        mut request: rig_http::http_client::Request<rig_http::http_client::NoBody>,
        options: rig_http::ws_client::ConnectOptions,
    ) -> rig_http::http_client::Result<rig_http::ws_client::BoxedWebSocketConnection> {
        use rig_http::http_client::Error;
        let url: url::Url = request.uri().to_string().parse().map_err(Error::instance)?;
        let socket = self.guard.socket(&url).map_err(Error::instance)?;
        if let Some(routed) = socket.handshake().url() {
            *request.uri_mut() = routed.as_str().parse().map_err(Error::instance)?;
        }
        for (name, value) in socket.handshake().headers() {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        let inner = self.inner.connect(request, options).await?;
        Ok(Box::new(GuardedConnection { socket, inner }))
    }
}

/// An open connection whose outgoing frames the guard decides first.
struct GuardedConnection {
    socket: retention_guard::guard::Socket,
    inner: rig_http::ws_client::BoxedWebSocketConnection,
}

impl rig_http::ws_client::WebSocketConnection for GuardedConnection {
    fn send(
        &mut self,
        frame: rig_http::ws_client::Frame,
    ) -> rig_http::wasm_compat::WasmBoxedFuture<'_, rig_http::http_client::Result<()>> {
        use retention_guard::guard::Frame as Checked;
        use rig_http::ws_client::Frame;
        let decision = match &frame {
            Frame::Text(t) => Some(self.socket.check(Checked::Text(t))),
            Frame::Binary(b) => Some(self.socket.check(Checked::Binary(b))),
            _ => None,
        };
        let frame = match decision.map(retention_guard::Decision::into_result) {
            None => frame,
            Some(Err(v)) => {
                return Box::pin(async move { Err(rig_http::http_client::Error::instance(v)) });
            }
            Some(Ok(mut allowed)) => match (allowed.take_body(), frame) {
                (None, frame) => frame,
                (Some(body), Frame::Text(_)) => match String::from_utf8(body) {
                    Ok(text) => Frame::Text(text),
                    Err(e) => Frame::Binary(e.into_bytes().into()),
                },
                (Some(body), _) => Frame::Binary(body.into()),
            },
        };
        self.inner.send(frame)
    }

    fn recv(
        &mut self,
    ) -> rig_http::wasm_compat::WasmBoxedFuture<
        '_,
        rig_http::http_client::Result<Option<rig_http::ws_client::Frame>>,
    > {
        self.inner.recv()
    }

    fn close(
        &mut self,
        frame: Option<rig_http::ws_client::CloseFrame>,
    ) -> rig_http::wasm_compat::WasmBoxedFuture<'_, rig_http::http_client::Result<()>> {
        self.inner.close(frame)
    }
}
