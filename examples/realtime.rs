//! A realtime session's socket, guarded as its HTTP calls are: the handshake is decided by the
//! policy, and every client event the app sends over the socket (`session.update` with tools and
//! tracing, `response.create`, audio) is decided before it is sent. A denied event never reaches
//! the server, and the socket stays open.
//!
//! Runs offline: an in-process WebSocket server on 127.0.0.1 stands in for OpenAI's realtime
//! endpoint (the profile's `base_url` points at it) and prints what it received.
//!
//! ```text
//! cargo run --features tokio-tungstenite --example realtime
//! ```

#[path = "support/mock_socket.rs"]
mod mock_socket;

use futures_util::{SinkExt, StreamExt};
use mock_socket::MockSocket;
use retention_guard::tungstenite::{SendError, Session};
use retention_guard::{Policy, Profile, Verdict};
use tokio_tungstenite::tungstenite::Message;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockSocket::start().await;
    println!(
        "offline: a WebSocket server on {} stands in for wss://api.openai.com\n",
        mock.url("")
    );
    // A ZDR project. Against the real provider, drop `base_url` and connect to
    // wss://api.openai.com/v1/realtime with your key in the `Authorization` header.
    let profile = Profile::from_toml_str(&format!(
        "name = \"realtime-zdr\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\n\
         base_url = \"{}\"",
        mock.http_url("/v1")
    ))?;
    let policy = Policy::from(profile).with_observer(|v: &Verdict| {
        if let Some(event) = v.event {
            println!(
                "   observer: {event:<26} {:<7} rule {}",
                v.outcome().as_str(),
                v.rule.map_or("-", |r| r.id)
            );
        }
    });

    let url = mock.url("/v1/realtime?model=gpt-realtime").parse()?;
    let session = Session::open(&policy, &url)?;
    let (ws, _) = tokio_tungstenite::connect_async(session.request()?).await?;
    let mut ws = session.wrap(ws);
    println!("1. connected to {}", session.url());

    let events = [
        (
            "a function tool",
            r#"{"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"lookup_order"}]}}"#,
        ),
        (
            "tracing to the dashboard",
            r#"{"type":"session.update","session":{"type":"realtime","tracing":"auto"}}"#,
        ),
        (
            "a remote MCP server",
            r#"{"type":"response.create","response":{"tools":[{"type":"mcp","server_label":"crm","server_url":"https://mcp.example.com"}]}}"#,
        ),
        (
            "an item type the reference does not list",
            r#"{"type":"conversation.item.create","item":{"type":"item_reference","id":"msg_123"}}"#,
        ),
        (
            "audio",
            r#"{"type":"input_audio_buffer.append","audio":"AAAA"}"#,
        ),
    ];
    for (i, (what, frame)) in events.iter().enumerate() {
        println!("{}. send {what}", i + 2);
        match ws.send(Message::text(*frame)).await {
            Ok(()) => println!("   sent"),
            Err(SendError::Denied(v)) => {
                println!("   not sent ({}): {}", v.code(), v.reason());
                println!("   remedy: {}", v.remedy());
            }
            Err(e) => return Err(e.into()),
        }
        // The mock answers the one update that reached it; the stream half passes through.
        if i == 0 {
            let answer = ws.next().await.ok_or("the server closed")??;
            println!("   server answered {}", answer.to_text()?);
        }
    }
    ws.close().await?;

    // What the server really received.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let received = mock.frames();
    println!(
        "\nthe server received {} of {} events:",
        received.len(),
        events.len()
    );
    for frame in &received {
        let v: serde_json::Value = serde_json::from_str(frame)?;
        println!("   {}", v["type"]);
    }
    assert_eq!(
        received.len(),
        2,
        "only the allowed events reach the server"
    );
    Ok(())
}
