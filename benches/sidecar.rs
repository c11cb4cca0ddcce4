//! What `retention-guard serve` adds to a loopback round trip, next to a plain client and (when
//! installed) the LiteLLM proxy, in one run against the same loopback mock of the chat API.
//!
//! ```text
//! cargo bench --features serve --bench sidecar                      # full run
//! SIDECAR_BENCH_SMOKE=1 cargo bench --features serve --bench sidecar  # the bounded CI run
//! LITELLM=/path/to/venv/bin/litellm cargo bench --features serve --bench sidecar
//! ```
//!
//! Variants, interleaved round by round: `plain` (reqwest straight to the mock), `sidecar`
//! (reqwest to the sidecar, which decides the request — `store: false` written under ZDR — and
//! forwards it) and `litellm` (reqwest to a LiteLLM proxy with the mock as its OpenAI base). Each
//! is measured sequentially (latency percentiles; the added latency is a variant's median minus
//! plain's) and with 64 requests in flight (throughput). Read ratios within one run: absolute
//! figures on a shared machine move between runs.

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::process::Stdio;
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use mock_provider::MockProvider;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BODY: &str = r#"{"model":"gpt-4.1-mini","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Summarise the retention terms of our agreement in one sentence, please."}],"temperature":0.2}"#;
const LITELLM_KEY: &str = "sk-bench-5b2c9e1f7a3d4e6b";

struct Variant {
    name: &'static str,
    url: String,
    key: Option<&'static str>,
}

struct Sizes {
    rounds: usize,
    per_round: usize,
    concurrent: usize,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let smoke = std::env::var_os("SIDECAR_BENCH_SMOKE").is_some();
    let sizes = if smoke {
        Sizes {
            rounds: 2,
            per_round: 100,
            concurrent: 1000,
        }
    } else {
        Sizes {
            rounds: 7,
            per_round: 700,
            concurrent: 10_000,
        }
    };
    let mock = MockProvider::http().await;
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("policy.toml");
    std::fs::write(
        &profile,
        format!(
            "name = \"bench\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{}\"\n",
            mock.url("/v1")
        ),
    )
    .unwrap();
    let (mut sidecar, sidecar_addr) = start_sidecar(&profile).await;
    let mut variants = vec![
        Variant {
            name: "plain",
            url: mock.url("/v1/chat/completions"),
            key: None,
        },
        Variant {
            name: "sidecar",
            url: format!("http://{sidecar_addr}/v1/chat/completions"),
            key: None,
        },
    ];
    let mut litellm = None;
    match std::env::var("LITELLM") {
        Ok(bin) => match start_litellm(&bin, &mock, dir.path()).await {
            Some((child, port)) => {
                litellm = Some(child);
                variants.push(Variant {
                    name: "litellm",
                    url: format!("http://127.0.0.1:{port}/v1/chat/completions"),
                    key: Some(LITELLM_KEY),
                });
            }
            None => println!("litellm: did not start from {bin}; measured without it"),
        },
        Err(_) => println!("litellm: not measured (set LITELLM to its binary to add it)"),
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .build()
        .unwrap();
    println!(
        "machine: {} cores, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    for v in &variants {
        for _ in 0..50 {
            send(&client, v).await;
        }
    }
    // Sequential: rounds of each variant in turn.
    let mut latencies: Vec<Vec<Duration>> = vec![Vec::new(); variants.len()];
    for _ in 0..sizes.rounds {
        for (i, v) in variants.iter().enumerate() {
            for _ in 0..sizes.per_round {
                let t = Instant::now();
                send(&client, v).await;
                latencies[i].push(t.elapsed());
            }
        }
    }
    // 64 in flight.
    let mut throughput = Vec::new();
    for v in &variants {
        let t = Instant::now();
        stream::iter(0..sizes.concurrent)
            .for_each_concurrent(64, |_| send(&client, v))
            .await;
        throughput.push(sizes.concurrent as f64 / t.elapsed().as_secs_f64());
    }
    let p = |l: &mut Vec<Duration>, q: f64| {
        l.sort();
        l[((l.len() - 1) as f64 * q) as usize]
    };
    let p50: Vec<Duration> = latencies.iter_mut().map(|l| p(l, 0.5)).collect();
    println!(
        "\n{} sequential requests per variant ({} rounds), {} at 64 in flight\n",
        sizes.rounds * sizes.per_round,
        sizes.rounds,
        sizes.concurrent
    );
    println!(
        "| variant | p50 | p90 | p99 | added p50 | added / plain p50 | req/s at 64 | vs plain |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (i, v) in variants.iter().enumerate() {
        let added = p50[i].as_secs_f64() - p50[0].as_secs_f64();
        println!(
            "| {} | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} µs | {:.2} | {:.0} | {:.2} |",
            v.name,
            p50[i].as_secs_f64() * 1e6,
            p(&mut latencies[i], 0.9).as_secs_f64() * 1e6,
            p(&mut latencies[i], 0.99).as_secs_f64() * 1e6,
            added * 1e6,
            added / p50[0].as_secs_f64(),
            throughput[i],
            throughput[i] / throughput[0],
        );
    }
    if variants.len() == 3 {
        let side = p50[1].as_secs_f64() - p50[0].as_secs_f64();
        let lite = p50[2].as_secs_f64() - p50[0].as_secs_f64();
        println!("\nLiteLLM adds {:.0}× the sidecar's latency", lite / side);
    }
    assert!(
        mock.count() >= variants.len() * (50 + sizes.rounds * sizes.per_round + sizes.concurrent),
        "every request reached the mock"
    );
    let _ = sidecar.start_kill();
    let _ = sidecar.wait().await;
    if let Some(mut l) = litellm {
        let _ = l.start_kill();
        let _ = l.wait().await;
    }
}

async fn send(client: &reqwest::Client, v: &Variant) {
    let mut req = client
        .post(&v.url)
        .header("content-type", "application/json")
        .body(BODY);
    if let Some(key) = v.key {
        req = req.bearer_auth(key);
    }
    let resp = req.send().await.expect("the variant answers");
    assert!(resp.status().is_success(), "{}: {}", v.name, resp.status());
    let _ = resp.bytes().await.expect("a body");
}

async fn start_sidecar(profile: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .arg("serve")
        .arg("--profile")
        .arg(profile)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the retention-guard binary");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().expect("the address");
    let addr = line
        .strip_prefix("listening on http://")
        .expect("the address line")
        .to_owned();
    (child, addr)
}

/// LiteLLM on a free port with the mock as its OpenAI base (no database, no callbacks), once it
/// answers; `None` if it does not within 120 seconds.
async fn start_litellm(
    bin: &str,
    mock: &MockProvider,
    dir: &std::path::Path,
) -> Option<(Child, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let config = dir.join("litellm.yaml");
    std::fs::write(
        &config,
        format!(
            "model_list:\n  - model_name: gpt-4.1-mini\n    litellm_params:\n      model: openai/gpt-4.1-mini\n      api_base: {}\n      api_key: sk-mock\nlitellm_settings:\n  telemetry: false\n  drop_params: true\n  callbacks: []\n  success_callback: []\n  failure_callback: []\n  cache: false\ngeneral_settings:\n  master_key: {LITELLM_KEY}\n  disable_spend_logs: true\n  disable_error_logs: true\n  store_model_in_db: false\n",
            mock.url("/v1")
        ),
    )
    .ok()?;
    let child = Command::new(bin)
        .arg("--config")
        .arg(&config)
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--num_workers",
            "1",
        ])
        .env("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        .env("LITELLM_LOG", "ERROR")
        .env("LITELLM_TELEMETRY", "False")
        .env("DISABLE_SCHEMA_UPDATE", "true")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .ok()?;
    let client = reqwest::Client::new();
    let health = format!("http://127.0.0.1:{port}/health/liveliness");
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if client
            .get(&health)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Some((child, port));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    None
}
