//! What the guard costs per request. Run with `cargo bench --bench guard`; figures are in
//! BENCHMARKS.md.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use http::{HeaderMap, Method};
use retention_guard::guard::{Body, Request};
use retention_guard::{Decision, Guard, Policy, Profile};
use url::Url;

#[path = "support/bodies.rs"]
mod bodies;
use bodies::chat_2kib;

fn main() {
    divan::main();
}

const ZDR_EU: &str = "name = \"bench\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_1\"";

fn guard() -> Guard {
    Guard::new(Profile::from_toml_str(ZDR_EU).unwrap())
}

/// The same conversation as [`chat_2kib`], sent to `/v1/responses` as `input` items: the body
/// reader walks every item (for stored-state references) on top of what a chat body costs.
fn responses_2kib() -> Vec<u8> {
    let mut body: serde_json::Value = serde_json::from_slice(&chat_2kib()).unwrap();
    let messages = body.as_object_mut().unwrap().remove("messages").unwrap();
    body.as_object_mut()
        .unwrap()
        .insert("input".into(), messages);
    let bytes = serde_json::to_vec(&body).unwrap();
    assert!((1800..2600).contains(&bytes.len()), "{} bytes", bytes.len());
    bytes
}

/// A 1 MiB chat request that already says `store: false`: nothing to change.
fn chat_1mib() -> Vec<u8> {
    let content = "lorem ipsum dolor sit amet, \\\"quoted\\\" words and unicode é ".repeat(17_000);
    let text = format!(
        "{{\"model\":\"gpt-4.1\",\"store\":false,\"messages\":[{{\"role\":\"user\",\"content\":\"{content}\"}}]}}"
    );
    let bytes = text.into_bytes();
    assert!(bytes.len() > 1_000_000, "{}", bytes.len());
    bytes
}

/// The ZDR + EU guard on `body` sent to the global host's `path`: routed, read and rewritten.
fn bench_rewrite_and_route(bencher: Bencher, path: &str, body: Vec<u8>) {
    let guard = guard();
    let url: Url = format!("https://api.openai.com{path}").parse().unwrap();
    let headers = HeaderMap::new();
    bencher.counter(BytesCount::of_slice(&body)).bench(|| {
        let d = guard.evaluate(&Request::new(
            &Method::POST,
            &url,
            &headers,
            Body::Bytes(black_box(&body)),
        ));
        debug_assert!(matches!(&d, Decision::Allow(a) if a.body().is_some()));
        d
    });
}

#[divan::bench]
fn chat_2kib_store_rewrite_and_route(bencher: Bencher) {
    bench_rewrite_and_route(bencher, "/v1/chat/completions", chat_2kib());
}

/// [`chat_2kib`] without its `tools`: what a request that names no tool costs.
fn chat_2kib_no_tools() -> Vec<u8> {
    let mut body: serde_json::Value = serde_json::from_slice(&chat_2kib()).unwrap();
    body.as_object_mut().unwrap().remove("tools");
    serde_json::to_vec(&body).unwrap()
}

#[divan::bench]
fn chat_2kib_no_tools_store_rewrite_and_route(bencher: Bencher) {
    bench_rewrite_and_route(bencher, "/v1/chat/completions", chat_2kib_no_tools());
}

#[divan::bench]
fn responses_2kib_store_rewrite_and_route(bencher: Bencher) {
    bench_rewrite_and_route(bencher, "/v1/responses", responses_2kib());
}

#[divan::bench]
fn no_body_inspection_embeddings(bencher: Bencher) {
    let guard = guard();
    let url: Url = "https://eu.api.openai.com/v1/embeddings".parse().unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("openai-project", "proj_1".parse().unwrap());
    bencher.bench(|| {
        guard.evaluate(&Request::new(
            &Method::POST,
            black_box(&url),
            &headers,
            Body::Streaming,
        ))
    });
}

#[divan::bench]
fn no_body_inspection_denied_assistants(bencher: Bencher) {
    let guard = guard();
    let url: Url = "https://eu.api.openai.com/v1/assistants".parse().unwrap();
    let headers = HeaderMap::new();
    bencher.bench(|| {
        guard.evaluate(&Request::new(
            &Method::POST,
            black_box(&url),
            &headers,
            Body::Empty,
        ))
    });
}

#[divan::bench]
fn chat_1mib_unchanged(bencher: Bencher) {
    let guard = guard();
    let body = chat_1mib();
    let url: Url = "https://eu.api.openai.com/v1/chat/completions"
        .parse()
        .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("openai-project", "proj_1".parse().unwrap());
    bencher.counter(BytesCount::of_slice(&body)).bench(|| {
        let d = guard.evaluate(&Request::new(
            &Method::POST,
            &url,
            &headers,
            Body::Bytes(black_box(&body)),
        ));
        debug_assert!(matches!(&d, Decision::Allow(a) if a.body().is_none()));
        d
    });
}

#[divan::bench]
fn reqwest_request_2kib_through_check_reqwest(bencher: Bencher) {
    let guard = guard();
    let body = chat_2kib();
    let client = reqwest::Client::new();
    bencher
        .with_inputs(|| {
            client
                .post("https://api.openai.com/v1/chat/completions")
                .header("content-type", "application/json")
                .body(body.clone())
                .build()
                .unwrap()
        })
        .bench_local_values(|mut req| {
            // A body of bytes is decided in the first poll: no runtime is involved, as inside
            // a client's own future.
            ready(retention_guard::adapter::check_guard(&guard, &mut req)).map(|_| req)
        });
}

/// A policy of five profiles: two OpenAI projects, Groq, Fireworks and a gateway.
const FIVE: &str = r#"
[[profile]]
name = "bench"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_1"

[[profile]]
name = "openai-us"
provider = "openai"
retention = "modified_abuse_monitoring"
project = "proj_2"

[[profile]]
name = "groq"
provider = "groq"
retention = "zero_data_retention"

[[profile]]
name = "fireworks"
provider = "fireworks"
retention = "zero_data_retention"

[[profile]]
name = "gateway"
provider = "openai"
retention = "zero_data_retention"
base_url = "https://gateway.internal/llm/v1"
"#;

/// The 2 KiB chat request of [`chat_2kib_store_rewrite_and_route`], decided by a policy: its one
/// profile, or the five of [`FIVE`] (where two OpenAI profiles cover the host, and the request's
/// `OpenAI-Project` picks one).
fn bench_policy(bencher: Bencher, policy: &Policy) {
    let body = chat_2kib();
    let url: Url = "https://api.openai.com/v1/chat/completions"
        .parse()
        .unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("openai-project", "proj_1".parse().unwrap());
    bencher.counter(BytesCount::of_slice(&body)).bench(|| {
        let d = policy.evaluate(
            &Request::new(&Method::POST, &url, &headers, Body::Bytes(black_box(&body))),
            None,
        );
        debug_assert!(matches!(&d.0, Decision::Allow(a) if a.body().is_some()));
        d
    });
}

#[divan::bench]
fn policy_of_one_chat_2kib(bencher: Bencher) {
    bench_policy(bencher, &Policy::from(guard()));
}

#[divan::bench]
fn policy_of_five_chat_2kib(bencher: Bencher) {
    bench_policy(bencher, &Policy::from_toml_str(FIVE).unwrap());
}

/// The output of a future that is ready at its first poll (it panics otherwise).
fn ready<F: std::future::Future>(fut: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(futures_util::task::noop_waker_ref());
    match std::pin::pin!(fut).poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("the future was not ready at its first poll"),
    }
}
