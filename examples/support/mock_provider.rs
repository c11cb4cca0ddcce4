//! An in-process mock of an OpenAI-compatible provider on 127.0.0.1, shared by the examples and
//! the tests (included with `#[path]`).
//!
//! It records every request it receives (method, `Host`, path, headers, body) so that callers can
//! check what really arrived, and answers with small but well-formed API objects. With
//! [`MockProvider::https`] it serves TLS with a self-signed certificate for the provider's real
//! host names, so a client that resolves those names to the mock (reqwest's `resolve`) and trusts
//! the certificate talks to it exactly as it would to the provider — which is how routing to
//! `eu.api.openai.com` is shown offline.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// One request as the mock received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The `Host` header (which the client derives from the URL it sends to).
    pub host: String,
    /// Path and query.
    pub path: String,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A header's value as a string.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A scripted answer: status, extra headers and body.
#[derive(Debug)]
pub struct Scripted {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// How long to wait before answering.
    pub delay: std::time::Duration,
    /// An event stream held open after `body`: its rest is sent when the sender fires.
    pub rest: Option<(tokio::sync::oneshot::Receiver<()>, String)>,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    script: VecDeque<Scripted>,
}

/// A running mock provider. It stops when the Tokio runtime that started it ends.
#[derive(Clone)]
pub struct MockProvider {
    addr: SocketAddr,
    cert_der: Option<Vec<u8>>,
    cert_pem: Option<String>,
    state: Arc<Mutex<State>>,
}

impl MockProvider {
    /// A plain-HTTP mock on a free loopback port.
    pub async fn http() -> Self {
        Self::start(None).await
    }

    /// An HTTPS mock on a free loopback port, with a self-signed certificate for `names`.
    pub async fn https(names: &[&str]) -> Self {
        let key = rcgen::generate_simple_self_signed(
            names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
        )
        .expect("certificate");
        let cert_der = key.cert.der().to_vec();
        let cert_pem = key.cert.pem();
        let key_der = key.signing_key.serialize_der();
        let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
        let config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![cert_der.clone().into()],
                tokio_rustls::rustls::pki_types::PrivateKeyDer::Pkcs8(key_der.into()),
            )
            .expect("server config");
        let mut mock = Self::start(Some((Arc::new(config), cert_der))).await;
        mock.cert_pem = Some(cert_pem);
        mock
    }

    /// The HTTPS mock's certificate, PEM-encoded (for a client configured from a file).
    pub fn cert_pem(&self) -> Option<&str> {
        self.cert_pem.as_deref()
    }

    async fn start(tls: Option<(Arc<tokio_rustls::rustls::ServerConfig>, Vec<u8>)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(State::default()));
        let cert_der = tls.as_ref().map(|(_, der)| der.clone());
        let acceptor = tls.map(|(config, _)| tokio_rustls::TlsAcceptor::from(config));
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = shared.clone();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(state.clone(), req));
                    match acceptor {
                        Some(acceptor) => {
                            if let Ok(tls) = acceptor.accept(stream).await {
                                let _ = http1::Builder::new()
                                    .serve_connection(TokioIo::new(tls), service)
                                    .await;
                            }
                        }
                        None => {
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        }
                    }
                });
            }
        });
        Self {
            addr,
            cert_der,
            cert_pem: None,
            state,
        }
    }

    /// The socket address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Makes `builder` send requests for each of `hosts` to this mock, and (for an HTTPS mock)
    /// trust only the mock's certificate.
    pub fn serve_hosts(
        &self,
        mut builder: reqwest::ClientBuilder,
        hosts: &[&str],
    ) -> reqwest::ClientBuilder {
        for host in hosts {
            builder = builder.resolve(host, self.addr);
        }
        if let Some(der) = &self.cert_der {
            builder =
                builder.tls_certs_only([reqwest::Certificate::from_der(der).expect("certificate")]);
        }
        builder
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// How many requests arrived.
    pub fn count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }

    /// Answers the next request with `status`, `headers` and `body` instead of the default.
    pub fn push_response(&self, status: u16, headers: &[(&str, &str)], body: &str) {
        self.state.lock().unwrap().script.push_back(Scripted {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.to_owned(),
            delay: std::time::Duration::ZERO,
            rest: None,
        });
    }

    /// Answers the next request with an event stream: `first` at once, then `rest` only when
    /// the returned sender fires (so a caller can tell that `first` arrived before the stream
    /// ended).
    pub fn push_held_stream(&self, first: &str, rest: &str) -> tokio::sync::oneshot::Sender<()> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.push_response(200, &[("content-type", "text/event-stream")], first);
        if let Some(last) = self.state.lock().unwrap().script.back_mut() {
            last.rest = Some((rx, rest.to_owned()));
        }
        tx
    }

    /// Answers the next request as [`push_response`](Self::push_response) does, after `delay`.
    pub fn push_slow_response(&self, delay: std::time::Duration, body: &str) {
        self.push_response(200, &[], body);
        if let Some(last) = self.state.lock().unwrap().script.back_mut() {
            last.delay = delay;
        }
    }
}

/// A response body: whole, or an event stream held open.
pub type MockBody = http_body_util::combinators::UnsyncBoxBody<Bytes, Infallible>;

/// `first`, then `rest` once `rx` fires (or its sender is dropped).
fn held(first: String, rx: tokio::sync::oneshot::Receiver<()>, rest: String) -> MockBody {
    struct Held {
        first: Option<Bytes>,
        rx: Option<tokio::sync::oneshot::Receiver<()>>,
        rest: Option<Bytes>,
    }
    impl hyper::body::Body for Held {
        type Data = Bytes;
        type Error = Infallible;
        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Infallible>>> {
            use std::task::Poll;
            if let Some(b) = self.first.take() {
                return Poll::Ready(Some(Ok(hyper::body::Frame::data(b))));
            }
            if let Some(rx) = self.rx.as_mut() {
                if std::pin::Pin::new(rx).poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.rx = None;
            }
            Poll::Ready(self.rest.take().map(|b| Ok(hyper::body::Frame::data(b))))
        }
    }
    use std::future::Future as _;
    Held {
        first: Some(Bytes::from(first)),
        rx: Some(rx),
        rest: Some(Bytes::from(rest)),
    }
    .boxed_unsync()
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<MockBody>, Infallible> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        host: parts
            .headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        path: path.clone(),
        headers: parts.headers,
        body,
    };
    let scripted = {
        let mut state = state.lock().unwrap();
        let scripted = state.script.pop_front();
        state.requests.push(recorded.clone());
        scripted
    };
    let answer = scripted.unwrap_or_else(|| Scripted {
        status: 200,
        headers: Vec::new(),
        body: default_answer(&recorded).to_string(),
        delay: std::time::Duration::ZERO,
        rest: None,
    });
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut resp = hyper::Response::builder().status(answer.status);
    // JSON unless the scripted answer says otherwise (an event stream).
    if !answer
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        resp = resp.header("content-type", "application/json");
    }
    for (k, v) in &answer.headers {
        resp = resp.header(k, v);
    }
    Ok(resp
        .body(match answer.rest {
            None => Full::new(Bytes::from(answer.body)).boxed_unsync(),
            Some((rx, rest)) => held(answer.body, rx, rest),
        })
        .expect("response"))
}

/// A small well-formed answer for the endpoint that was called.
fn default_answer(req: &Recorded) -> serde_json::Value {
    use serde_json::json;
    let body = req.json().unwrap_or(serde_json::Value::Null);
    let model = body
        .get("model")
        .and_then(|m| m.as_str())
        .unwrap_or("mock-model")
        .to_owned();
    let endpoint = req.path.split('?').next().unwrap_or_default();
    if endpoint.ends_with("/chat/completions") && req.method == "POST" {
        json!({
            "id": "chatcmpl-mock", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "hello from the mock provider"}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 5, "total_tokens": 6}
        })
    } else if endpoint.ends_with("/embeddings") {
        json!({
            "object": "list", "model": model,
            "data": [{"object": "embedding", "index": 0, "embedding": [0.0, 0.5]}],
            "usage": {"prompt_tokens": 1, "total_tokens": 1}
        })
    } else if endpoint.ends_with("/responses") && req.method == "POST" {
        json!({
            "id": "resp_mock", "object": "response", "created_at": 0, "model": model,
            "status": "completed",
            "output": [{"type": "message", "id": "msg_mock", "status": "completed", "role": "assistant",
                        "content": [{"type": "output_text", "text": "hello from the mock provider", "annotations": []}]}]
        })
    } else if endpoint.contains("/images/") {
        json!({ "created": 0, "data": [{"b64_json": "aGVsbG8="}] })
    } else if endpoint.contains("/audio/transcriptions") || endpoint.contains("/audio/translations")
    {
        json!({ "text": "hello from the mock provider", "usage": {"type": "duration", "seconds": 1} })
    } else if req.method == "GET"
        && (endpoint.ends_with("/files")
            || endpoint.ends_with("/batches")
            || endpoint.ends_with("/models"))
    {
        json!({ "object": "list", "data": [], "has_more": false })
    } else {
        json!({ "object": "mock", "id": "mock-1", "model": model, "received": endpoint })
    }
}
