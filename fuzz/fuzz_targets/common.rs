//! Shared by the fuzz target and by `tests/fuzz_corpus.rs`, which replays the corpus on stable.
//!
//! The input picks a profile, a method, a content type, a path and a body. The guard must never
//! panic, and an allowed rewrite must be a fixed point: evaluating the rewritten request again
//! changes nothing more.

use std::sync::LazyLock;

use http::{HeaderMap, HeaderValue, Method};
use retention_guard::{Body, Decision, Guard, Profile, Request};
use url::Url;

const PROFILES: [&str; 5] = [
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_1\"\ndeny = [\"/v1/images/**\"]",
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"\non_store = \"reject\"",
    "provider = \"openai\"\nretention = \"standard\"\non_unknown_endpoint = \"deny\"\nallow = [\"POST /v1/batches\"]",
    "provider = \"groq\"\nretention = \"zero_data_retention\"",
    "provider = \"fireworks\"\nretention = \"zero_data_retention\"",
];

static GUARDS: LazyLock<Vec<Guard>> = LazyLock::new(|| {
    PROFILES
        .iter()
        .map(|p| Guard::new(Profile::from_toml_str(p).expect("valid profile")))
        .collect()
});

const HOSTS: [&str; 4] = [
    "https://api.openai.com",
    "https://eu.api.openai.com",
    "https://api.groq.com/openai",
    "https://api.fireworks.ai/inference",
];

const METHODS: [Method; 5] = [
    Method::POST,
    Method::GET,
    Method::DELETE,
    Method::PUT,
    Method::HEAD,
];

const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/json"),
    Some("multipart/form-data; boundary=B"),
    Some("text/plain"),
];

/// Runs one input.
pub fn check(data: &[u8]) {
    let [p, h, m, c, rest @ ..] = data else {
        return;
    };
    let guard = &GUARDS[*p as usize % GUARDS.len()];
    let method = &METHODS[*m as usize % METHODS.len()];
    let (path, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(url) = Url::parse(&format!(
        "{}{}",
        HOSTS[*h as usize % HOSTS.len()],
        String::from_utf8_lossy(path)
    )) else {
        return;
    };
    let mut headers = HeaderMap::new();
    if let Some(ct) = CONTENT_TYPES[*c as usize % CONTENT_TYPES.len()] {
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    let body = if body.is_empty() {
        Body::Empty
    } else {
        Body::Bytes(body)
    };
    let Decision::Allow(first) = guard.evaluate(&Request::new(method, &url, &headers, body)) else {
        return;
    };
    // A rewrite is a fixed point: the rewritten request passes unchanged.
    let mut url2 = url.clone();
    let mut headers2 = headers.clone();
    first.apply_headers(&mut headers2);
    if let Some(routed) = first.url() {
        url2 = routed.clone();
    }
    let body2 = match first.body() {
        Some(b) => Body::Bytes(b),
        None => body,
    };
    match guard.evaluate(&Request::new(method, &url2, &headers2, body2)) {
        Decision::Allow(second) => assert!(
            second.is_unchanged(),
            "second pass changed {:?} after {:?}",
            second.changes(),
            first.changes()
        ),
        Decision::Deny(v) => panic!("the rewritten request was denied: {v}"),
    }
}
