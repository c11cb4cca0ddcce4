//! Client events over a realtime socket: `Guard::socket` checks the handshake, and
//! `Socket::check` decides each frame with the session's profile — the table of events, every
//! spelling a server reads, and frames that are not one event.

use retention_guard::guard::{Frame, Socket};
use retention_guard::{Guard, Profile, ViolationKind};

const ZDR: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"";
const EU: &str =
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"";
const STANDARD: &str = "provider = \"openai\"\nretention = \"standard\"";

fn socket(toml: &str, url: &str) -> Socket {
    Guard::new(Profile::from_toml_str(toml).unwrap())
        .socket(&url.parse().unwrap())
        .unwrap()
}

fn realtime(toml: &str) -> Socket {
    let host = if toml.contains("region = \"eu\"") {
        "eu.api.openai.com"
    } else {
        "api.openai.com"
    };
    socket(
        toml,
        &format!("wss://{host}/v1/realtime?model=gpt-realtime"),
    )
}

/// The decision on `frame`: `None` when allowed unchanged, else the violation's kind.
fn kind(s: &Socket, frame: &str) -> Option<ViolationKind> {
    match s.check(Frame::Text(frame)).into_result() {
        Ok(a) => {
            assert!(a.is_unchanged(), "no realtime rule rewrites: {frame}");
            None
        }
        Err(v) => Some(v.kind()),
    }
}

const DENIED_TOOL: Option<ViolationKind> = Some(ViolationKind::ParameterNotAllowed);
const DENIED_FIELD: Option<ViolationKind> = Some(ViolationKind::ParameterNotAllowed);

/// Each row: a frame, and its decision under ZDR, under an EU project with modified abuse
/// monitoring, and under a standard US profile.
#[test]
fn the_event_table() {
    let rows: &[(&str, [Option<ViolationKind>; 3])] = &[
        // Tools: functions are the client's; MCP reaches a third party.
        (
            r#"{"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"f"}]}}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"session.update","session":{"type":"realtime","tools":[{"type":"mcp","server_label":"x","server_url":"https://mcp.example"}]}}"#,
            [DENIED_TOOL, None, None],
        ),
        (
            r#"{"type":"session.update","session":{"tools":[{"type":"hosted_thing_of_2027"}]}}"#,
            [DENIED_TOOL, None, None],
        ),
        // Tracing writes traces to the dashboard: not under ZDR, not outside the US.
        (
            r#"{"type":"session.update","session":{"type":"realtime","tracing":"auto"}}"#,
            [DENIED_FIELD, DENIED_FIELD, None],
        ),
        (
            r#"{"type":"session.update","session":{"tracing":{"workflow_name":"w"}}}"#,
            [DENIED_FIELD, DENIED_FIELD, None],
        ),
        (
            r#"{"type":"session.update","session":{"tracing":null}}"#,
            [None, None, None],
        ),
        // A prompt object the project already keeps: nothing new is stored (as on `/responses`).
        (
            r#"{"type":"session.update","session":{"prompt":{"id":"pmpt_1"}}}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"response.create","response":{"prompt":{"id":"pmpt_1","version":"2"}}}"#,
            [None, None, None],
        ),
        // A response's tools and conversation.
        (
            r#"{"type":"response.create","response":{"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}}"#,
            [DENIED_TOOL, None, None],
        ),
        (r#"{"type":"response.create"}"#, [None, None, None]),
        (
            r#"{"type":"response.create","response":{"conversation":"none","input":[{"type":"item_reference","id":"item_1"}]}}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"response.create","response":{"conversation":"conv_123"}}"#,
            [DENIED_FIELD, None, None],
        ),
        // Items added to the session's conversation.
        (
            r#"{"type":"conversation.item.create","previous_item_id":"root","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"conversation.item.create","item":{"type":"item_reference","id":"msg_1"}}"#,
            [DENIED_FIELD, None, None],
        ),
        // The session's own buffers and items.
        (
            r#"{"type":"input_audio_buffer.append","audio":"AAAA"}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"input_audio_buffer.commit"}"#,
            [None, None, None],
        ),
        (
            r#"{"type":"conversation.item.truncate","item_id":"i","content_index":0,"audio_end_ms":10}"#,
            [None, None, None],
        ),
        (r#"{"type":"response.cancel"}"#, [None, None, None]),
        // An event the reference does not list: `on_unknown_endpoint` (deny under ZDR).
        (
            r#"{"type":"session.fork","session_id":"s"}"#,
            [Some(ViolationKind::UnknownEndpoint), None, None],
        ),
    ];
    let sockets = [realtime(ZDR), realtime(EU), realtime(STANDARD)];
    for (frame, want) in rows {
        for (s, want) in sockets.iter().zip(want) {
            assert_eq!(
                kind(s, frame),
                *want,
                "{frame} under {}",
                s.guard().profile().name()
            );
        }
    }
}

/// Every key a server may read as the one a rule names counts: escapes, Go's case folding,
/// duplicates.
#[test]
fn every_spelling_a_server_reads() {
    let s = realtime(ZDR);
    for frame in [
        r#"{"type":"session.update","Session":{"tracing":"auto"}}"#,
        r#"{"type":"session.update","session":{"TRACING":"auto"}}"#,
        r#"{"type":"session.update","session":{"tracing":null,"tracing":"auto"}}"#,
        r#"{"type":"session.update","session":{"tr\u0061cing":"auto"}}"#,
        r#"{"type":"session.update","session":{"tools":[{"Type":"mcp"}]}}"#,
        r#"{"type":"session.update","session":{"tracing":"auto"},"session":{}}"#,
    ] {
        assert!(
            kind(&s, frame).is_some(),
            "a reading of this frame turns something on: {frame}"
        );
    }
    // The event's own type: every reading must name the same event.
    for frame in [
        r#"{"type":"input_audio_buffer.append","TYPE":"session.update","session":{"tracing":"auto"}}"#,
        r#"{"type":"input_audio_buffer.append","type":"session.update"}"#,
        r#"{"Type":"session.update","type":"response.cancel"}"#,
    ] {
        assert_eq!(
            kind(&s, frame),
            Some(ViolationKind::MalformedBody),
            "{frame}"
        );
    }
    // The same type twice, or escaped, is one event.
    assert_eq!(
        kind(&s, r#"{"type":"response.cancel","type":"response.cancel"}"#),
        None
    );
    assert_eq!(
        kind(
            &s,
            r#"{"type":"session.upd\u0061te","session":{"tracing":"auto"}}"#
        ),
        DENIED_FIELD
    );
}

#[test]
fn frames_that_are_not_one_event_are_denied() {
    let s = realtime(STANDARD);
    for frame in [
        "",
        "not json",
        "[]",
        r#"{"type":"response.cancel"} {}"#,
        r#"{"audio":"AAAA"}"#,
        r#"{"type":7}"#,
        r#"{"type":"response.cancel""#,
    ] {
        let v = s.check(Frame::Text(frame)).into_result().expect_err(frame);
        assert_eq!(v.kind(), ViolationKind::MalformedBody, "{frame}");
        assert!(v.to_string().contains("`a frame` on `/v1/realtime`"), "{v}");
    }
    // OpenAI's realtime protocol has no binary frames: one is read as an event, as servers that
    // decode any message as JSON read it.
    let z = realtime(ZDR);
    let v = z
        .check(Frame::Binary(
            br#"{"type":"session.update","session":{"tracing":"auto"}}"#,
        ))
        .into_result()
        .unwrap_err();
    assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed);
    assert_eq!(
        z.check(Frame::Binary(&[0xff, 0x00, 0x7b]))
            .violation()
            .map(|v| v.kind()),
        Some(ViolationKind::MalformedBody)
    );
}

#[test]
fn a_denial_names_the_event_and_the_rule_and_never_the_frame() {
    let s = realtime(ZDR);
    let v = s
        .check(Frame::Text(
            r#"{"type":"session.update","session":{"instructions":"secret-prompt","tracing":"auto"}}"#,
        ))
        .into_result()
        .unwrap_err();
    assert_eq!(v.target(), "`session.update` on `/v1/realtime`");
    assert_eq!(v.rule().map(|r| r.id), Some("openai.zdr.tracing"));
    let text = v.to_string();
    assert!(text.contains("session.tracing"), "{text}");
    assert!(!text.contains("secret-prompt"), "{text}");

    // An unknown event's type is repeated only when it is a plain protocol word.
    let v = s
        .check(Frame::Text(r#"{"type":"sk-live-SECRET value"}"#))
        .into_result()
        .unwrap_err();
    assert_eq!(v.kind(), ViolationKind::UnknownEndpoint);
    assert!(!v.to_string().contains("SECRET"), "{v}");
    assert_eq!(
        v.rule().map(|r| r.id),
        Some("openai.realtime.unknown_event")
    );
}

#[test]
fn each_socket_has_its_own_events() {
    // A translation session: its three events, nothing of the realtime table.
    let t = socket(
        ZDR,
        "wss://api.openai.com/v1/realtime/translations?model=gpt-realtime-translate",
    );
    for frame in [
        r#"{"type":"session.update","session":{"audio":{"output":{"language":"fr"}}}}"#,
        r#"{"type":"session.input_audio_buffer.append","audio":"AAAA"}"#,
        r#"{"type":"session.close"}"#,
    ] {
        assert_eq!(kind(&t, frame), None, "{frame}");
    }
    assert_eq!(
        kind(&t, r#"{"type":"input_audio_buffer.append","audio":"AAAA"}"#),
        Some(ViolationKind::UnknownEndpoint)
    );
    // A live session's socket: the catalog lists none of its events, so under ZDR every event
    // is unknown; a standard profile lets them through.
    let live = socket(ZDR, "wss://api.openai.com/v1/live/sessions");
    assert_eq!(
        kind(&live, r#"{"type":"session.update","session":{}}"#),
        Some(ViolationKind::UnknownEndpoint)
    );
    let live = socket(STANDARD, "wss://api.openai.com/v1/live/sessions");
    assert_eq!(
        kind(&live, r#"{"type":"session.update","session":{}}"#),
        None
    );
    // The handshake is checked first, as `check_realtime` checks it.
    let err = Guard::new(Profile::from_toml_str(ZDR).unwrap())
        .socket(&"wss://realtime.example.com/v1/realtime".parse().unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ViolationKind::HostNotAllowed);
}

/// The realtime HTTP bodies (client secrets, calls) follow the same tracing rules as
/// `session.update`.
#[test]
fn http_session_bodies_follow_the_same_rules() {
    use http::{HeaderMap, Method};
    use retention_guard::guard::{Body, Request};
    let g = Guard::new(Profile::from_toml_str(ZDR).unwrap());
    let url = "https://api.openai.com/v1/realtime/client_secrets"
        .parse()
        .unwrap();
    let headers = HeaderMap::new();
    for body in [
        &br#"{"session":{"type":"realtime","tracing":"auto"}}"#[..],
        br#"{"tracing":{"workflow_name":"w"}}"#,
    ] {
        let d = g.evaluate(&Request::new(
            &Method::POST,
            &url,
            &headers,
            Body::Bytes(body),
        ));
        assert_eq!(
            d.violation().map(|v| v.kind()),
            Some(ViolationKind::ParameterNotAllowed)
        );
    }
}

/// Azure OpenAI follows OpenAI's realtime protocol, with its own tool table: Bing-grounded web
/// search leaves the geography a region promises.
#[test]
fn azure_sockets_use_azure_tools() {
    let s = socket(
        "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\nregion = \"eu\"\ndeployments = { \"my-realtime\" = \"data_zone_eu\" }",
        "wss://contoso.openai.azure.com/openai/v1/realtime?model=my-realtime",
    );
    assert_eq!(
        kind(
            &s,
            r#"{"type":"session.update","session":{"tools":[{"type":"web_search"}]}}"#
        ),
        DENIED_TOOL
    );
    assert_eq!(
        kind(
            &s,
            r#"{"type":"session.update","session":{"tools":[{"type":"function","name":"f"}]}}"#
        ),
        None
    );
    let v = s
        .check(Frame::Text(
            r#"{"type":"session.update","session":{"tools":[{"type":"web_search"}]}}"#,
        ))
        .into_result()
        .unwrap_err();
    assert!(v.rule().unwrap().id.starts_with("azure_openai."), "{v}");
}

proptest::proptest! {
    /// Any frame gets a decision, never a panic; a frame that is not one JSON object with a
    /// string `type` is never allowed.
    #[test]
    fn any_frame_is_decided(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        let s = realtime(ZDR);
        let d = s.check(Frame::Binary(&bytes));
        let is_object = serde_json::from_slice::<serde_json::Value>(&bytes)
            .is_ok_and(|v| v.get("type").is_some_and(serde_json::Value::is_string));
        if !is_object {
            proptest::prop_assert!(!d.is_allowed());
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let t = s.check(Frame::Text(text));
            proptest::prop_assert_eq!(t.is_allowed(), d.is_allowed());
        }
    }

    /// Frames shaped like events, with arbitrary types and fields: decided, never a panic.
    #[test]
    fn any_event_is_decided(ty in "[a-z_.]{0,24}", key in "[a-zA-Z_]{1,10}", value in "[a-z0-9 ]{0,10}") {
        let s = realtime(ZDR);
        let frame = format!(r#"{{"type":"{ty}","session":{{"{key}":"{value}"}},"response":{{"{key}":[{{"type":"{value}"}}]}}}}"#);
        let _ = s.check(Frame::Text(&frame));
    }
}

/// The Responses WebSocket mode: `response.create` carries a `POST /responses` body, with the
/// socket's own semantics for `previous_response_id` (the connection's memory).
#[test]
fn responses_over_a_websocket() {
    let s = socket(ZDR, "wss://api.openai.com/v1/responses");
    let body = |frame: &str| -> (Option<String>, Vec<&'static str>) {
        let a = s.check(Frame::Text(frame)).into_result().unwrap();
        (
            a.body().map(|b| String::from_utf8(b.to_vec()).unwrap()),
            a.changes().iter().map(|c| c.kind()).collect(),
        )
    };
    // `store` is written false where absent, rewritten where true.
    assert_eq!(
        body(r#"{"type":"response.create","model":"gpt-5","input":"hi"}"#),
        (
            Some(
                r#"{"store":false,"type":"response.create","model":"gpt-5","input":"hi"}"#
                    .to_owned()
            ),
            vec!["store_added"]
        )
    );
    assert_eq!(
        body(r#"{"type":"response.create","model":"gpt-5","store":true,"input":"hi"}"#).0,
        Some(r#"{"type":"response.create","model":"gpt-5","store":false,"input":"hi"}"#.to_owned())
    );
    // Chaining within the connection is allowed; WebSocket-only fields pass.
    assert_eq!(
        body(
            r#"{"type":"response.create","store":false,"previous_response_id":"resp_1","stream_id":"main","generate":false,"input":[]}"#
        ),
        (None, vec![])
    );
    // What needs stored state, or reaches a third party, is denied as over HTTP.
    for frame in [
        r#"{"type":"response.create","store":false,"conversation":"conv_1","input":"hi"}"#,
        r#"{"type":"response.create","store":false,"background":true,"input":"hi"}"#,
        r#"{"type":"response.create","store":false,"input":[{"type":"item_reference","id":"msg_1"}]}"#,
        r#"{"type":"response.create","store":false,"tools":[{"type":"mcp","server_url":"https://mcp.example"}]}"#,
        r#"{"type":"response.inject","response_id":"resp_1","input":[{"id":"fc_1"}]}"#,
    ] {
        assert_eq!(kind(&s, frame), DENIED_FIELD, "{frame}");
    }
    assert_eq!(
        kind(&s, r#"{"type":"response.steer","input":"x"}"#),
        Some(ViolationKind::UnknownEndpoint)
    );
    // Under `on_stored_items = "strip"`, stored items are stripped here too.
    let strip = socket(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"",
        "wss://api.openai.com/v1/responses",
    );
    let a = strip
        .check(Frame::Text(
            r#"{"type":"response.create","store":false,"include":["reasoning.encrypted_content"],"input":[{"type":"item_reference","id":"msg_1"},{"role":"user","content":"hi"}]}"#,
        ))
        .into_result()
        .unwrap();
    assert_eq!(
        a.body().unwrap(),
        br#"{"type":"response.create","store":false,"include":["reasoning.encrypted_content"],"input":[{"role":"user","content":"hi"}]}"#
    );
    // An EU project's socket is routed like its HTTP calls.
    let eu = Guard::new(Profile::from_toml_str(EU).unwrap())
        .socket(&"wss://api.openai.com/v1/responses".parse().unwrap())
        .unwrap();
    assert_eq!(
        eu.handshake().url().map(|u| u.as_str()),
        Some("wss://eu.api.openai.com/v1/responses")
    );
}

/// xAI and Azure OpenAI have the Responses WebSocket mode too, with their own Responses rules.
#[test]
fn responses_sockets_of_xai_and_azure() {
    let cases = [
        (
            "provider = \"xai\"\nretention = \"zero_data_retention\"",
            "wss://api.x.ai/v1/responses",
            "xai.responses.websocket",
        ),
        (
            "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"",
            "wss://contoso.openai.azure.com/openai/v1/responses",
            "azure_openai.responses.websocket",
        ),
    ];
    for (profile, url, rule) in cases {
        let s = socket(profile, url);
        let a = s
            .check(Frame::Text(
                r#"{"type":"response.create","model":"m","input":"hi"}"#,
            ))
            .into_result()
            .unwrap();
        assert_eq!(a.rule().map(|r| r.id), Some(rule));
        assert_eq!(
            a.body().unwrap(),
            br#"{"store":false,"type":"response.create","model":"m","input":"hi"}"#,
            "{url}"
        );
        assert_eq!(
            kind(
                &s,
                r#"{"type":"response.create","store":false,"previous_response_id":"resp_1","input":"x"}"#
            ),
            None,
            "{url}"
        );
        assert_eq!(
            kind(
                &s,
                r#"{"type":"response.create","store":false,"conversation":"conv_1","input":"x"}"#
            ),
            DENIED_FIELD,
            "{url}"
        );
    }
}
