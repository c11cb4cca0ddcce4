//! Deciding a request whose body is a stream, once: `Guard::begin` decides everything but the
//! body and asks for the bytes only when a body rule applies; `Pending::finish` runs the body
//! rules alone, on the same request.

use http::{HeaderMap, HeaderValue, Method};
use retention_guard::guard::{Body, Request, Step};
use retention_guard::{Decision, Guard, Profile, ViolationKind};

fn guard() -> Guard {
    Guard::new(
        Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")
            .unwrap(),
    )
}

fn form_headers() -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("multipart/form-data; boundary=B"),
    );
    h
}

fn form(model: &str) -> Vec<u8> {
    format!(
        "--B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n{model}\r\n--B\r\n\
         Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nPNG\r\n--B--\r\n"
    )
    .into_bytes()
}

#[test]
fn a_streaming_form_a_rule_needs_is_finished_with_its_bytes() {
    let guard = guard();
    let url = "https://api.openai.com/v1/images/edits".parse().unwrap();
    let headers = form_headers();
    let streaming = Request::new(&Method::POST, &url, &headers, Body::Streaming);
    // `evaluate` cannot read a stream: the model rule needs it.
    let denied = guard.evaluate(&streaming);
    assert_eq!(
        denied.violation().map(|v| v.kind()),
        Some(ViolationKind::UninspectableBody)
    );
    for (model, allowed) in [("gpt-image-1", true), ("dall-e-2", false)] {
        let Step::NeedsBody(pending) = guard.begin(&streaming) else {
            panic!("the model limit needs the form");
        };
        let bytes = form(model);
        let decision = pending.finish(&Request::new(
            &Method::POST,
            &url,
            &headers,
            Body::Bytes(&bytes),
        ));
        assert_eq!(decision.is_allowed(), allowed, "{model}: {decision:?}");
        if !allowed {
            assert_eq!(
                decision.violation().unwrap().kind(),
                ViolationKind::ModelNotEligible
            );
        }
    }
}

#[test]
fn a_request_no_body_rule_needs_is_decided_at_once() {
    let guard = guard();
    let headers = form_headers();
    // No body rule applies to a transcription under ZDR: decided without the bytes.
    let url = "https://api.openai.com/v1/audio/transcriptions"
        .parse()
        .unwrap();
    let req = Request::new(&Method::POST, &url, &headers, Body::Streaming);
    assert!(matches!(
        guard.begin(&req),
        Step::Decided(Decision::Allow(_))
    ));
    // A stateful endpoint is denied before its body matters.
    let url = "https://api.openai.com/v1/assistants".parse().unwrap();
    let req = Request::new(&Method::POST, &url, &headers, Body::Streaming);
    let Step::Decided(d) = guard.begin(&req) else {
        panic!("denied without the body");
    };
    assert_eq!(
        d.violation().map(|v| v.kind()),
        Some(ViolationKind::EndpointNotEligible)
    );
}

#[test]
fn finishing_another_request_is_denied() {
    let guard = guard();
    let url = "https://api.openai.com/v1/images/edits".parse().unwrap();
    let other = "https://api.openai.com/v1/images/generations"
        .parse()
        .unwrap();
    let headers = form_headers();
    let Step::NeedsBody(pending) = guard.begin(&Request::new(
        &Method::POST,
        &url,
        &headers,
        Body::Streaming,
    )) else {
        panic!("the model limit needs the form");
    };
    let bytes = form("gpt-image-1");
    let decision = pending.finish(&Request::new(
        &Method::POST,
        &other,
        &headers,
        Body::Bytes(&bytes),
    ));
    assert_eq!(
        decision.violation().map(|v| v.kind()),
        Some(ViolationKind::UninspectableBody)
    );
}
