//! What the guard costs end to end: the same 2 KiB chat request (`"store": true`, rewritten and
//! routed under a ZDR profile) sent over loopback by a plain `reqwest::Client` and by the same
//! client wrapped in reqwest-middleware with the guard, in one run, to a hyper server on
//! 127.0.0.1 that reads the whole body and answers a canned chat completion. Beside it, the
//! in-process cost of the guard on the very same request (`adapter::check_guard` and
//! `Guard::evaluate`).
//!
//! - Sequential: request `i` of both clients back to back (the order alternating), so both see
//!   the same machine state; the added latency is the median of the paired differences.
//! - Concurrent: `INFLIGHT` requests in flight, blocks of each client alternating; throughput is
//!   requests per second of each block, compared within the round.
//!
//! Bounded in count and time (`E2E_SECS`, default 20 s per phase). Figures on shared machines
//! move between runs: read the ratios within one run. `cargo bench --bench end_to_end`.
//!
//! For a profiler, `E2E_ONLY=plain|guarded|bare|inline` runs only the concurrent phase of that
//! client (5 × 4,000 requests) and prints nothing: instructions per request under `valgrind
//! --tool=callgrind` are then comparable between clients.

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/bodies.rs"]
mod bodies;
use bodies::chat_2kib;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use reqwest_middleware::ClientBuilder;
use retention_guard::guard::{Body, Request};
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, adapter};

const REPLY: &str = r#"{"id":"chatcmpl-e2e","object":"chat.completion","created":1700000000,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],"usage":{"prompt_tokens":512,"completion_tokens":9,"total_tokens":521}}"#;
const SEQUENTIAL: usize = 4000;
const INFLIGHT: usize = 64;
const CONCURRENT_BLOCK: usize = 4000;
const ROUNDS: usize = 5;

/// Sends the chat request with `client` (a `reqwest::Client` or a `ClientWithMiddleware`, whose
/// builders are different types).
macro_rules! send {
    ($client:expr, $url:expr, $body:expr) => {
        $client
            .post($url)
            .header("content-type", "application/json")
            .body($body)
            .send()
            .await
            .expect("sent")
    };
}

async fn handle(
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let _ = req.into_body().collect().await;
    Ok(hyper::Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(REPLY.as_bytes())))
        .expect("a valid response"))
}

/// A loopback server on its own thread and runtime, like a provider in another process.
fn serve() -> u16 {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a loopback port");
            tx.send(listener.local_addr().expect("bound").port())
                .expect("the bench waits");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service_fn(handle))
                        .await;
                });
            }
        });
    });
    rx.recv().expect("the server's port")
}

/// The chat request, built by `client`.
fn build(client: &reqwest::Client, url: &str, body: &Bytes) -> reqwest::Request {
    client
        .post(url)
        .header("content-type", "application/json")
        .body(body.clone())
        .build()
        .expect("a request")
}

/// The output of a future that is ready at its first poll (it panics otherwise): a body of bytes
/// is decided in the first poll, with no runtime involved, as inside a client's own future.
fn ready<F: std::future::Future>(fut: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(futures_util::task::noop_waker_ref());
    match std::pin::pin!(fut).poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("the future was not ready at its first poll"),
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The in-process cost of `f`, in µs per call (median of batches).
fn per_call(only: Option<usize>, mut f: impl FnMut()) -> f64 {
    if only.is_some() {
        return f64::NAN;
    }
    let mut batches = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline && batches.len() < 200 {
        let start = Instant::now();
        for _ in 0..200 {
            f();
        }
        batches.push(start.elapsed().as_secs_f64() * 1e6 / 200.0);
    }
    median(&mut batches)
}

fn main() {
    let budget = Duration::from_secs(
        std::env::var("E2E_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20),
    );
    let only = std::env::var("E2E_ONLY").ok().map(|v| {
        ["plain", "guarded", "bare", "inline"]
            .iter()
            .position(|c| *c == v)
            .expect("E2E_ONLY is plain, guarded, bare or inline")
    });
    let port = serve();
    let base = format!("http://127.0.0.1:{port}/v1");
    let guard = Guard::new(
        Profile::from_toml_str(&format!(
            "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{base}\""
        ))
        .expect("a valid profile"),
    );
    let url = format!("{base}/chat/completions");
    let body = Bytes::from(chat_2kib());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let plain = reqwest::Client::builder().build().expect("a client");
    let guarded = ClientBuilder::new(reqwest::Client::builder().build().expect("a client"))
        .with(RetentionGuardMiddleware::new(guard.clone()))
        .build();

    // The guard's in-process cost on the same request.
    let parsed: url::Url = url.parse().expect("a URL");
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    let evaluate = per_call(only, || {
        let req = Request::new(&http::Method::POST, &parsed, &headers, Body::Bytes(&body));
        let _ = black_box(guard.evaluate(black_box(&req)));
    });
    let check = per_call(only, || {
        let mut req = build(&plain, &url, &body);
        let verdict = ready(adapter::check_guard(&guard, &mut req));
        let _ = black_box((verdict, req));
    });
    let building = per_call(only, || {
        let _ = black_box(build(&plain, &url, &body));
    });
    let check = check - building;

    // Sequential, interleaved request by request, the order rotating: the plain client, the
    // guarded middleware client, and clients that split the guard's cost — a middleware client
    // with no middleware (what reqwest-middleware costs) and, each against the plain client
    // sending a request it built (`build` + `execute`, the baseline of the ones after it), the
    // same after `adapter::check_guard` (the guard without the middleware's glue), after
    // `Guard::evaluate` of the chat request once (the decision in place, cold) and twice (the
    // second warm), and after `Guard::evaluate` of a `GET /v1/models` (the rules before the body).
    let bare = ClientBuilder::new(reqwest::Client::builder().build().expect("a client")).build();
    let inline = reqwest::Client::builder().build().expect("a client");
    let models: url::Url = url
        .replace("/chat/completions", "/models")
        .parse()
        .expect("a URL");
    const VARIANTS: usize = 8;
    let mut diffs: [Vec<f64>; VARIANTS] = Default::default();
    let mut plain_lat = Vec::new();
    let deadline = Instant::now() + budget;
    rt.block_on(async {
        for i in 0..SEQUENTIAL {
            if Instant::now() > deadline || only.is_some() {
                break;
            }
            let mut t = [0.0; VARIANTS];
            for k in 0..VARIANTS {
                let which = (k + i) % VARIANTS;
                let start = Instant::now();
                let resp = match which {
                    0 => send!(plain, &url, body.clone()),
                    1 => send!(guarded, &url, body.clone()),
                    2 => send!(bare, &url, body.clone()),
                    3 => inline
                        .execute(build(&inline, &url, &body))
                        .await
                        .expect("sent"),
                    4 => {
                        let mut req = build(&inline, &url, &body);
                        let verdict = adapter::check_guard(&guard, &mut req)
                            .await
                            .expect("allowed");
                        let _ = black_box(verdict);
                        inline.execute(req).await.expect("sent")
                    }
                    5 | 6 => {
                        let req = build(&inline, &url, &body);
                        let view = Request::new(
                            &http::Method::POST,
                            &parsed,
                            &headers,
                            Body::Bytes(&body),
                        );
                        for _ in 4..which {
                            let _ = black_box(guard.evaluate(black_box(&view)));
                        }
                        inline.execute(req).await.expect("sent")
                    }
                    _ => {
                        let req = build(&inline, &url, &body);
                        let view = Request::new(&http::Method::GET, &models, &headers, Body::Empty);
                        let _ = black_box(guard.evaluate(black_box(&view)));
                        inline.execute(req).await.expect("sent")
                    }
                };
                let _ = resp.bytes().await.expect("read");
                t[which] = start.elapsed().as_secs_f64() * 1e6;
            }
            if i >= 200 {
                for (k, d) in diffs.iter_mut().enumerate() {
                    // The inline variants against the plain client sending what it built.
                    d.push(t[k] - t[if k > 3 { 3 } else { 0 }]);
                }
                plain_lat.push(t[0]);
            }
        }
    });
    let [
        _,
        added,
        bare_added,
        built,
        inline_added,
        cold,
        twice,
        prefix_cold,
    ] = diffs.map(|mut d| median(&mut d));
    let pairs = plain_lat.len();
    let rtt = median(&mut plain_lat);

    // Concurrent: blocks of INFLIGHT requests in flight, the clients alternating (plain, guarded,
    // and the middleware client with no middleware), the order rotating by round.
    let mut rps: [Vec<f64>; 4] = Default::default();
    let (mut ratios, mut bare_ratios, mut inline_ratios) = (Vec::new(), Vec::new(), Vec::new());
    let deadline = Instant::now() + budget;
    rt.block_on(async {
        use futures_util::stream::{self, StreamExt};
        for round in 0..ROUNDS {
            if Instant::now() > deadline {
                break;
            }
            let mut this = [0.0; 4];
            for k in 0..4 {
                let which = (k + round) % 4;
                if only.is_some_and(|o| o != which) {
                    continue;
                }
                let start = Instant::now();
                stream::iter(0..CONCURRENT_BLOCK)
                    .for_each_concurrent(INFLIGHT, |_| {
                        let (plain, guarded, bare, inline, guard, url, body) =
                            (&plain, &guarded, &bare, &inline, &guard, &url, body.clone());
                        async move {
                            let resp = match which {
                                0 => send!(plain, url, body),
                                1 => send!(guarded, url, body),
                                2 => send!(bare, url, body),
                                _ => {
                                    let mut req = build(inline, url, &body);
                                    let verdict = adapter::check_guard(guard, &mut req)
                                        .await
                                        .expect("allowed");
                                    let _ = black_box(verdict);
                                    inline.execute(req).await.expect("sent")
                                }
                            };
                            let _ = resp.bytes().await.expect("read");
                        }
                    })
                    .await;
                this[which] = CONCURRENT_BLOCK as f64 / start.elapsed().as_secs_f64();
            }
            for (r, t) in rps.iter_mut().zip(this) {
                r.push(t);
            }
            ratios.push(this[1] / this[0]);
            bare_ratios.push(this[2] / this[0]);
            inline_ratios.push(this[3] / this[0]);
        }
    });
    if only.is_some() {
        return;
    }
    let [plain_rps, guard_rps, _, _] = rps.map(|mut r| median(&mut r));

    println!("end to end, one run (2 KiB chat, store rewritten, ZDR profile, loopback)");
    println!(
        "  in process: Guard::evaluate {evaluate:.2} µs, adapter::check_guard {check:.2} µs (ratio {:.2})",
        check / evaluate
    );
    println!(
        "  sequential: plain round trip p50 {rtt:.1} µs; guard adds {added:.2} µs (paired median of {pairs} pairs) = {:.2}x check_guard",
        added / check
    );
    println!(
        "  by part (paired medians): reqwest-middleware alone adds {bare_added:.2} µs (build + execute instead of send: {built:.2} µs); before execute, check_guard adds {inline_added:.2} µs, Guard::evaluate {cold:.2} µs once and {twice:.2} µs twice (the second, warm: {:.2} µs), Guard::evaluate of GET /v1/models {prefix_cold:.2} µs",
        twice - cold
    );
    println!(
        "  {INFLIGHT} in flight: plain {plain_rps:.0} req/s, guarded {guard_rps:.0} req/s, ratio {:.3}; reqwest-middleware alone {:.3}; check_guard inline {:.3} (medians of {} rounds)",
        median(&mut ratios),
        median(&mut bare_ratios),
        median(&mut inline_ratios),
        ratios.len()
    );
}
