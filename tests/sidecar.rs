//! `retention-guard serve` as a real process on 127.0.0.1 in front of the loopback TLS mock
//! provider, driven by an unguarded client as a service in another language would: rewrites
//! arrive, routing is the profile's, a denial answers with the provider's error shape and sends
//! nothing, streams pass through, the sidecar's own endpoints carry no request data, limits
//! answer clearly, and SIGTERM finishes what is in flight.
#![cfg(feature = "serve")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;
#[path = "sidecar/support.rs"]
mod support;

use mock_provider::MockProvider;
use serde_json::{Value, json};
use support::Sidecar;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];
const EU_ZDR: &str = "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"\n";

#[tokio::test]
async fn rewrites_arrive_and_denials_send_nothing() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
    let http = reqwest::Client::new();

    let resp = http
        .post(sidecar.url("/v1/chat/completions"))
        .bearer_auth("sk-test-secret")
        .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["object"], "chat.completion");
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com", "routed by the profile");
    assert_eq!(got[0].path, "/v1/chat/completions");
    assert_eq!(got[0].json().unwrap()["store"], json!(false));
    assert_eq!(
        got[0].header("authorization"),
        Some("Bearer sk-test-secret")
    );
    assert_eq!(got[0].header("openai-project"), Some("proj_eu"));

    // A denial: the provider's error shape, with the violation's code; nothing sent.
    let resp = http
        .post(sidecar.url("/v1/assistants"))
        .bearer_auth("sk-test-secret")
        .json(&json!({"model": "gpt-4.1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "endpoint_not_eligible");
    assert_eq!(body["error"]["type"], "retention_guard_denied");
    assert_eq!(
        body["error"]["retention_guard"]["rule"]["id"],
        "openai.assistants"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("zero_data_retention")
    );
    // A body the guard cannot read is a 400.
    let resp = http
        .post(sidecar.url("/v1/responses"))
        .header("content-type", "application/json")
        .body("{\"store\": tru")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_body");
    assert_eq!(mock.count(), 1, "the denials sent nothing");

    // The sidecar's own endpoints: counts, never request data.
    let health: Value = http
        .get(sidecar.url("/_retention_guard/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["profiles"], json!(["eu"]));
    let metrics = sidecar.metrics().await;
    assert!(
        metrics.contains("retention_guard_sidecar_decisions_total{outcome=\"rewrite\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("retention_guard_sidecar_decisions_total{outcome=\"deny\"} 2"),
        "{metrics}"
    );
    assert!(!metrics.contains("sk-test") && !metrics.contains("gpt-4.1"));

    // Nothing the sidecar printed carries the key or a body.
    let log = sidecar.stop().await;
    assert!(!log.contains("sk-test-secret"), "{log}");
    assert!(!log.contains("messages"), "{log}");
}

/// A stream passes through unbuffered: the first event reaches the client while the provider
/// still holds the stream open (the provider sends the rest only once the client has the first).
#[tokio::test]
async fn a_stream_passes_through_unbuffered() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
    let first = "data: {\"choices\":[{\"delta\":{\"content\":\"he\"}}]}\n\n";
    let rest = "data: {\"choices\":[{\"delta\":{\"content\":\"llo\"}}]}\n\ndata: [DONE]\n\n";
    let release = mock.push_held_stream(first, rest);
    let mut resp = support::post(
        sidecar.url("/v1/chat/completions"),
        &json!({"model": "gpt-4.1-mini", "stream": true, "messages": []}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), resp.chunk())
        .await
        .expect("the first event arrives while the stream is open: nothing buffers it")
        .unwrap()
        .unwrap();
    assert_eq!(chunk, first.as_bytes());
    release.send(()).unwrap();
    let mut tail = Vec::new();
    while let Some(c) = resp.chunk().await.unwrap() {
        tail.extend_from_slice(&c);
    }
    assert_eq!(tail, rest.as_bytes());
}

/// Report-only: every request goes as the application built it, and what enforcement would
/// have done is counted.
#[tokio::test]
async fn report_only_sends_as_built() {
    let mock = MockProvider::https(&HOSTS).await;
    let policy = format!("mode = \"report_only\"\n\n[[profile]]\n{EU_ZDR}");
    let sidecar = Sidecar::start(&policy, &mock, &HOSTS, &[]).await;
    let resp = support::post(
        sidecar.url("/v1/responses"),
        &json!({"model": "gpt-4.1-mini", "input": "hi", "previous_response_id": "resp_1"}),
    )
    .await;
    assert_eq!(
        resp.status(),
        200,
        "sent although enforcement would deny it"
    );
    let got = mock.requests();
    assert_eq!(got[0].host, "api.openai.com", "not routed: sent as built");
    assert_eq!(got[0].path, "/v1/responses");
    assert!(
        got[0].json().unwrap().get("store").is_none(),
        "not rewritten"
    );
    let metrics = sidecar.metrics().await;
    assert!(
        metrics.contains("retention_guard_sidecar_decisions_total{outcome=\"deny\"} 1"),
        "{metrics}"
    );
}

/// Attestation as in-process: an xAI response without `x-zero-data-retention: true` under
/// `attest = "enforce"` is replaced by the violation.
#[tokio::test]
async fn a_response_that_does_not_attest_is_refused() {
    let mock = MockProvider::https(&["api.x.ai"]).await;
    let profile = "provider = \"xai\"\nretention = \"zero_data_retention\"\nattest = \"enforce\"\n";
    let sidecar = Sidecar::start(profile, &mock, &["api.x.ai"], &[]).await;
    let resp = support::post(
        sidecar.url("/v1/chat/completions"),
        &json!({"model": "grok-4", "messages": []}),
    )
    .await;
    assert_eq!(resp.status(), 502);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "attestation_mismatch", "{body}");
}

#[tokio::test]
async fn several_profiles_are_chosen_by_path_prefix_only() {
    let mock = MockProvider::https(&["api.openai.com", "eu.api.openai.com", "api.groq.com"]).await;
    let policy = "[[profile]]\nname = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n\n[[profile]]\nname = \"groq\"\nprovider = \"groq\"\nretention = \"zero_data_retention\"\n";
    let sidecar = Sidecar::start(
        policy,
        &mock,
        &["api.openai.com", "eu.api.openai.com", "api.groq.com"],
        &[],
    )
    .await;
    let http = reqwest::Client::new();
    let chat = json!({"model": "m", "messages": []});
    let resp = support::post(sidecar.url("/groq/openai/v1/chat/completions"), &chat).await;
    assert_eq!(resp.status(), 200);
    let resp = http
        .post(sidecar.url("/eu/v1/chat/completions"))
        // A `Host` naming another provider changes nothing: the prefix chose.
        .header("host", "api.groq.com")
        .json(&chat)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let hosts: Vec<_> = mock.requests().iter().map(|r| r.host.clone()).collect();
    assert_eq!(hosts, ["api.groq.com", "eu.api.openai.com"]);
    let resp = support::post(sidecar.url("/v1/chat/completions"), &chat).await;
    assert_eq!(resp.status(), 404);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unknown_profile");
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn limits_answer_clearly() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &["--max-body", "1024"]).await;
    let resp = support::post(sidecar.url("/v1/chat/completions"), &json!({"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "x".repeat(4096)}]})).await;
    assert_eq!(resp.status(), 413);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "body_too_large");
    assert_eq!(mock.count(), 0);
}

#[tokio::test]
async fn a_remote_address_needs_an_explicit_flag() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .args(["serve", "--profile", "/dev/null", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = support::write_policy(EU_ZDR);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .args(["serve", "--profile"])
        .arg(&out)
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
}

/// Runs one SDK's scenario (`tests/clients/`) against `sidecar`: its JSON output, or `None` when
/// the SDK is missing (a skip, said on standard error; CI sets `SIDECAR_REQUIRE_CLIENTS=1`, and
/// then it fails).
async fn run_sdk(program: &str, script: &str, sidecar: &support::Sidecar) -> Option<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients");
    let out = tokio::process::Command::new(program)
        .arg(dir.join(script))
        .current_dir(dir.join(script).parent().unwrap())
        .env("OPENAI_BASE_URL", sidecar.url("/v1"))
        .env("OPENAI_API_KEY", "sk-test-secret")
        .env_remove("OPENAI_ORG_ID")
        .env_remove("OPENAI_PROJECT_ID")
        .output()
        .await;
    let required = std::env::var_os("SIDECAR_REQUIRE_CLIENTS").is_some_and(|v| v == "1");
    let missing = |why: String| {
        assert!(!required, "{script}: {why} (SIDECAR_REQUIRE_CLIENTS=1)");
        eprintln!(
            "SKIPPED {script}: {why}; run `bash tests/clients/install.sh` to install the SDKs"
        );
        None
    };
    let out = match out {
        Ok(out) => out,
        Err(e) => return missing(format!("`{program}` cannot run: {e}")),
    };
    if out.status.code() == Some(3) {
        return missing(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    assert!(
        out.status.success(),
        "{script} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("one JSON object"))
}

/// The real openai-python and openai-node SDKs, pointed at the sidecar as their base URL: the
/// rewrite arrives, a denial is the SDK's own API error with the violation's code, a stream is
/// read whole.
#[tokio::test]
async fn the_python_and_node_sdks_are_guarded() {
    for (program, script) in [("python3", "python/sdk.py"), ("node", "node/sdk.mjs")] {
        let mock = MockProvider::https(&HOSTS).await;
        let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
        // The streamed call's answer (the first call gets the default chat completion).
        let sse = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"he\"}}]}\n\ndata: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        let chat = r#"{"id":"chatcmpl-1","object":"chat.completion","created":0,"model":"gpt-4.1-mini","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hello from the mock provider"}}],"usage":{"prompt_tokens":1,"completion_tokens":5,"total_tokens":6}}"#;
        mock.push_response(200, &[], chat);
        mock.push_response(200, &[("content-type", "text/event-stream")], sse);
        let Some(out) = run_sdk(program, script, &sidecar).await else {
            continue;
        };
        eprintln!("{script}: {out}");
        assert_eq!(out["chat"], "hello from the mock provider", "{script}");
        assert_eq!(out["denied"]["status"], 403, "{script}: {out}");
        assert_eq!(
            out["denied"]["code"], "parameter_not_allowed",
            "{script}: {out}"
        );
        assert_eq!(out["stream"], "hello", "{script}: {out}");
        assert_eq!(mock.count(), 2, "{script}: the denied call sent nothing");
        let got = mock.requests();
        assert_eq!(got[0].json().unwrap()["store"], json!(false), "{script}");
        assert_eq!(got[0].host, "eu.api.openai.com", "{script}");
        assert!(got.iter().all(|r| r.path == "/v1/chat/completions"));
        let log = sidecar.stop().await;
        assert!(!log.contains("sk-test-secret"), "{log}");
    }
}

/// SIGTERM while a request is in flight: it is answered, then the sidecar exits 0.
#[tokio::test]
async fn sigterm_finishes_what_is_in_flight() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
    mock.push_slow_response(
        std::time::Duration::from_millis(800),
        r#"{"id":"chatcmpl-1","object":"chat.completion","created":0,"model":"m","choices":[]}"#,
    );
    let url = sidecar.url("/v1/chat/completions");
    let inflight = tokio::spawn(async move {
        reqwest::Client::new()
            .post(url)
            .json(&json!({"model": "m", "messages": []}))
            .send()
            .await
            .map(|r| r.status())
    });
    // Stop once the provider has the request.
    while mock.count() == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let log = sidecar.stop().await;
    assert_eq!(inflight.await.unwrap().unwrap(), 200, "{log}");
    assert!(log.contains("finishing the requests in flight"), "{log}");
}

/// Beyond `--max-connections`, a connection is answered 503; a head beyond `--max-header-bytes`
/// is answered 431. Neither reaches the provider.
#[tokio::test]
async fn connection_and_header_limits() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(
        EU_ZDR,
        &mock,
        &HOSTS,
        &["--max-connections", "1", "--max-header-bytes", "8192"],
    )
    .await;
    mock.push_slow_response(
        std::time::Duration::from_millis(600),
        r#"{"id":"chatcmpl-1","object":"chat.completion","created":0,"model":"m","choices":[]}"#,
    );
    let url = sidecar.url("/v1/chat/completions");
    let first = tokio::spawn({
        let url = url.clone();
        async move {
            reqwest::Client::new()
                .post(url)
                .json(&json!({"model": "m", "messages": []}))
                .send()
                .await
                .map(|r| r.status())
        }
    });
    while mock.count() == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // A second client: a second connection while the first is busy.
    let resp = support::post(&url, &json!({"model": "m", "messages": []})).await;
    assert_eq!(resp.status(), 503);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "sidecar_busy");
    assert_eq!(first.await.unwrap().unwrap(), 200);
    // Once it is done, connections are served again; an oversized head is refused.
    let resp = reqwest::Client::new()
        .post(&url)
        .header("x-large", "a".repeat(16 * 1024))
        .json(&json!({"model": "m", "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 431);
    assert_eq!(mock.count(), 1);
    // The slot frees when the server sees the earlier connections close.
    let mut status = reqwest::StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        status = support::post(&url, &json!({"model": "m", "messages": []}))
            .await
            .status();
        if status != reqwest::StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status, 200, "the first connection's slot is free again");
    assert_eq!(mock.count(), 2);
}

/// A Unix socket instead of a TCP port: the same decisions; the socket file is removed at exit.
#[cfg(unix)]
#[tokio::test]
async fn a_unix_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mock = MockProvider::https(&HOSTS).await;
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("rg.sock");
    let policy = support::write_policy(EU_ZDR);
    let pem = dir.path().join("mock.pem");
    std::fs::write(&pem, mock.cert_pem().unwrap()).unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .arg("serve")
        .arg("--profile")
        .arg(&policy)
        .arg("--listen")
        .arg(format!("unix:{}", sock.display()))
        .arg("--upstream-ca")
        .arg(&pem)
        .args(
            HOSTS
                .iter()
                .flat_map(|h| ["--resolve".to_owned(), format!("{h}={}", mock.addr())]),
        )
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = tokio::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::io::AsyncBufReadExt::read_line(&mut stdout, &mut line)
        .await
        .unwrap();
    assert_eq!(line.trim(), format!("listening on unix:{}", sock.display()));
    let body = r#"{"model":"gpt-4.1-mini","store":true,"messages":[]}"#;
    let mut conn = tokio::net::UnixStream::connect(&sock).await.unwrap();
    conn.write_all(
        format!(
            "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let got = mock.requests();
    assert_eq!(got[0].host, "eu.api.openai.com");
    assert_eq!(got[0].json().unwrap()["store"], json!(false));
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().unwrap().to_string()])
        .status();
    assert!(child.wait().await.unwrap().success());
    assert!(!sock.exists(), "the socket file is removed");
}
