//! A realtime socket through tokio-tungstenite, guarded by `tungstenite::GuardedSocket`, against a
//! WebSocket server on 127.0.0.1 that records every frame it receives: a denied event is never
//! sent, the socket stays usable, observers see every frame, and report-only mode sends as built.
#![cfg(feature = "tokio-tungstenite")]

#[path = "../examples/support/mock_socket.rs"]
mod mock_socket;

use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use mock_socket::MockSocket;
use retention_guard::tungstenite::{SendError, Session};
use retention_guard::{Mode, Outcome, Policy, Profile, Verdict, ViolationKind};
use tokio_tungstenite::tungstenite::Message;

const FUNCTION: &str = r#"{"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"lookup"}]}}"#;
const TRACING: &str = r#"{"type":"session.update","session":{"type":"realtime","tracing":"auto"}}"#;
const MCP: &str = r#"{"type":"response.create","response":{"tools":[{"type":"mcp","server_label":"x","server_url":"https://mcp.example"}]}}"#;
const AUDIO: &str = r#"{"type":"input_audio_buffer.append","audio":"AAAA"}"#;

/// A ZDR policy for the mock (its `base_url`), recording every verdict.
fn policy(mock: &MockSocket, verdicts: &Arc<Mutex<Vec<Verdict>>>) -> Policy {
    let profile = Profile::from_toml_str(&format!(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{}\"",
        mock.http_url("/v1")
    ))
    .unwrap();
    let seen = verdicts.clone();
    Policy::from(profile).with_observer(move |v: &Verdict| seen.lock().unwrap().push(v.clone()))
}

/// Waits until the mock has `n` frames (the server reads asynchronously).
async fn frames(mock: &MockSocket, n: usize) -> Vec<String> {
    for _ in 0..200 {
        if mock.frames().len() >= n {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    mock.frames()
}

#[tokio::test]
async fn a_denied_event_is_never_sent() {
    let mock = MockSocket::start().await;
    let verdicts = Arc::new(Mutex::new(Vec::new()));
    let policy = policy(&mock, &verdicts);
    let url = mock.url("/v1/realtime?model=gpt-realtime").parse().unwrap();
    let session = Session::open(&policy, &url).unwrap();
    let (ws, _) = tokio_tungstenite::connect_async(session.request().unwrap())
        .await
        .unwrap();
    let mut ws = session.wrap(ws);

    ws.send(Message::text(FUNCTION)).await.unwrap();
    // The server answers the update: the stream half passes through.
    let answer = ws.next().await.unwrap().unwrap();
    assert_eq!(answer.to_text().unwrap(), r#"{"type":"session.updated"}"#);

    for (frame, rule) in [(TRACING, "openai.zdr.tracing"), (MCP, "openai.tools.mcp")] {
        let err = ws.send(Message::text(frame)).await.unwrap_err();
        let SendError::Denied(v) = &err else {
            panic!("a socket error: {err}");
        };
        assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed);
        assert_eq!(v.rule().map(|r| r.id), Some(rule), "{v}");
        assert!(err.violation().is_some());
    }
    // A binary frame that is an event is decided as one.
    let err = ws
        .send(Message::binary(TRACING.as_bytes().to_vec()))
        .await
        .unwrap_err();
    assert!(err.violation().is_some());
    // A raw frame is checked by its payload; a fragment cannot be read whole and is refused.
    use tokio_tungstenite::tungstenite::protocol::frame::Frame as RawFrame;
    use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
    let raw = |payload: &str, fin| {
        Message::Frame(RawFrame::message(
            payload.as_bytes().to_vec(),
            OpCode::Data(Data::Text),
            fin,
        ))
    };
    let err = ws.send(raw(TRACING, true)).await.unwrap_err();
    assert_eq!(
        err.violation().map(|v| v.kind()),
        Some(ViolationKind::ParameterNotAllowed)
    );
    let err = ws.send(raw(AUDIO, false)).await.unwrap_err();
    assert_eq!(
        err.violation().map(|v| v.kind()),
        Some(ViolationKind::UninspectableBody)
    );
    // The socket stays usable after a denial.
    ws.send(Message::text(AUDIO)).await.unwrap();
    ws.close().await.unwrap();

    assert_eq!(frames(&mock, 2).await, [FUNCTION, AUDIO]);
    assert_eq!(mock.handshakes(), ["/v1/realtime?model=gpt-realtime"]);

    let verdicts = verdicts.lock().unwrap();
    let seen: Vec<_> = verdicts
        .iter()
        .map(|v| (v.event, v.outcome(), v.enforced))
        .collect();
    assert_eq!(
        seen,
        [
            (None, Outcome::Allow, true),
            (Some("session.update"), Outcome::Allow, true),
            (Some("session.update"), Outcome::Deny, true),
            (Some("response.create"), Outcome::Deny, true),
            (Some("session.update"), Outcome::Deny, true),
            (Some("session.update"), Outcome::Deny, true),
            (Some("input_audio_buffer.append"), Outcome::Allow, true),
        ]
    );
    assert_eq!(
        verdicts[1].path_template().as_deref(),
        Some("/v1/realtime/**")
    );
    assert_eq!(verdicts[2].rule.map(|r| r.id), Some("openai.zdr.tracing"));
}

#[tokio::test]
async fn report_only_sends_every_frame_and_reports_the_denials() {
    let mock = MockSocket::start().await;
    let verdicts = Arc::new(Mutex::new(Vec::new()));
    let policy = policy(&mock, &verdicts).with_mode(Mode::ReportOnly);
    let url = mock.url("/v1/realtime?model=gpt-realtime").parse().unwrap();
    let session = Session::open(&policy, &url).unwrap();
    let (ws, _) = tokio_tungstenite::connect_async(session.request().unwrap())
        .await
        .unwrap();
    // The sink half alone can be guarded too.
    let (sink, _stream) = ws.split();
    let mut sink = session.wrap(sink);
    sink.send(Message::text(TRACING)).await.unwrap();
    sink.send(Message::text(AUDIO)).await.unwrap();
    sink.close().await.unwrap();

    assert_eq!(frames(&mock, 2).await, [TRACING, AUDIO]);
    let verdicts = verdicts.lock().unwrap();
    let denied: Vec<_> = verdicts
        .iter()
        .filter(|v| v.outcome() == Outcome::Deny)
        .map(|v| (v.event, v.enforced))
        .collect();
    assert_eq!(denied, [(Some("session.update"), false)]);
}

#[tokio::test]
async fn a_denied_handshake_opens_nothing() {
    let mock = MockSocket::start().await;
    let verdicts = Arc::new(Mutex::new(Vec::new()));
    let policy = policy(&mock, &verdicts);
    // Live-session content downloads are unavailable under ZDR.
    let url = mock
        .url("/v1/live/sessions/live_1/content")
        .parse()
        .unwrap();
    let v = Session::open(&policy, &url).unwrap_err();
    assert_eq!(v.kind(), ViolationKind::EndpointNotEligible);
    assert!(mock.handshakes().is_empty());
}

/// The Responses WebSocket mode through the same wrapper: the server receives `store: false`
/// written into `response.create`, a chained response goes through, and a stored conversation
/// is never sent.
#[tokio::test]
async fn responses_over_a_websocket() {
    let mock = MockSocket::start().await;
    let verdicts = Arc::new(Mutex::new(Vec::new()));
    let policy = policy(&mock, &verdicts);
    let url = mock.url("/v1/responses").parse().unwrap();
    let session = Session::open(&policy, &url).unwrap();
    let (ws, _) = tokio_tungstenite::connect_async(session.request().unwrap())
        .await
        .unwrap();
    let mut ws = session.wrap(ws);
    ws.send(Message::text(
        r#"{"type":"response.create","model":"gpt-5","input":"hi"}"#,
    ))
    .await
    .unwrap();
    ws.send(Message::text(
        r#"{"type":"response.create","model":"gpt-5","store":false,"previous_response_id":"resp_1","input":"more"}"#,
    ))
    .await
    .unwrap();
    let err = ws
        .send(Message::text(
            r#"{"type":"response.create","model":"gpt-5","store":false,"conversation":"conv_1","input":"hi"}"#,
        ))
        .await
        .unwrap_err();
    assert_eq!(
        err.violation().map(|v| v.kind()),
        Some(ViolationKind::ParameterNotAllowed)
    );
    ws.close().await.unwrap();
    let got = frames(&mock, 2).await;
    assert_eq!(
        got,
        [
            r#"{"store":false,"type":"response.create","model":"gpt-5","input":"hi"}"#,
            r#"{"type":"response.create","model":"gpt-5","store":false,"previous_response_id":"resp_1","input":"more"}"#,
        ]
    );
    let outcomes: Vec<_> = verdicts
        .lock()
        .unwrap()
        .iter()
        .skip(1)
        .map(|v| (v.event, v.outcome()))
        .collect();
    assert_eq!(
        outcomes,
        [
            (Some("response.create"), Outcome::Rewrite),
            (Some("response.create"), Outcome::Allow),
            (Some("response.create"), Outcome::Deny),
        ]
    );
}
