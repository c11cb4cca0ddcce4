//! An in-process mock of a realtime WebSocket endpoint on 127.0.0.1, shared by the `realtime`
//! example and the socket tests (included with `#[path]`).
//!
//! It accepts any number of connections, records each handshake's path and every text frame it
//! receives, and answers each `session.update` with a `session.updated` event, so that callers
//! can check what really arrived.
#![allow(dead_code)]
// tungstenite's handshake callback returns its own (large) error response type.
#![allow(clippy::result_large_err)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};

/// A WebSocket server on loopback that records what clients send.
pub struct MockSocket {
    addr: SocketAddr,
    /// The path and query of each handshake, in order.
    handshakes: Arc<Mutex<Vec<String>>>,
    /// Every frame received (text frames as text, binary frames lossily), in order.
    frames: Arc<Mutex<Vec<String>>>,
}

impl MockSocket {
    /// Starts the server on an ephemeral loopback port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let handshakes = Arc::new(Mutex::new(Vec::new()));
        let frames = Arc::new(Mutex::new(Vec::new()));
        let (h, f) = (handshakes.clone(), frames.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (h, f) = (h.clone(), f.clone());
                tokio::spawn(async move {
                    let record = |req: &Request, resp: Response| {
                        h.lock().unwrap().push(
                            req.uri()
                                .path_and_query()
                                .map_or_else(String::new, ToString::to_string),
                        );
                        Ok(resp)
                    };
                    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(stream, record).await
                    else {
                        return;
                    };
                    while let Some(Ok(msg)) = ws.next().await {
                        let text = match msg {
                            Message::Text(t) => t.to_string(),
                            Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                            Message::Close(_) => break,
                            _ => continue,
                        };
                        let updated = text.contains("\"session.update\"");
                        f.lock().unwrap().push(text);
                        if updated {
                            let _ = ws
                                .send(Message::text(r#"{"type":"session.updated"}"#))
                                .await;
                        }
                    }
                });
            }
        });
        Self {
            addr,
            handshakes,
            frames,
        }
    }

    /// `ws://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.addr)
    }

    /// The `http://127.0.0.1:PORT{path}` a profile's `base_url` names.
    pub fn http_url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The handshakes so far.
    pub fn handshakes(&self) -> Vec<String> {
        self.handshakes.lock().unwrap().clone()
    }

    /// The frames received so far.
    pub fn frames(&self) -> Vec<String> {
        self.frames.lock().unwrap().clone()
    }
}
