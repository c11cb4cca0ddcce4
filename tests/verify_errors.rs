//! `verify` against loopback servers that misbehave: each failed call says why (`Check::reason`
//! and `Check::detail`), within the timeout, and never shows the key or the body. Nothing here
//! needs the internet: the servers are on 127.0.0.1, and the unresolvable host is under
//! `.invalid` (RFC 6761), which no resolver answers.
#![cfg(feature = "verify")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::time::{Duration, Instant};

use mock_provider::MockProvider;
use retention_guard::verify::{
    Check, FailureReason, ProbeConsent, Report, VerifyKeys, VerifyOptions, VerifyStatus, verify,
};
use retention_guard::{Guard, Policy, Profile};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ADMIN_KEY: &str = "sk-admin-SECRET-verify-errors";
const ZDR_EU: &str = "name = \"acme-eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_123\"\n";

/// What a raw loopback server does with each connection.
#[derive(Clone, Copy)]
enum Misbehaviour {
    /// Accepts, reads, and never answers.
    Silent,
    /// Sends the headers and the start of a body, then nothing more.
    StallBody,
    /// Answers with these bytes (a whole HTTP response) and closes.
    Answer(&'static str),
}

/// A server on a free loopback port that misbehaves; it stops with the test's runtime.
async fn server(how: Misbehaviour) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(serve(stream, how));
        }
    });
    format!("http://{addr}")
}

async fn serve(mut stream: TcpStream, how: Misbehaviour) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    // Read the request (head and, by its content-length, body) so that closing does not reset.
    let complete = |r: &[u8]| {
        let Some(end) = r.windows(4).position(|w| w == b"\r\n\r\n") else {
            return false;
        };
        let head = String::from_utf8_lossy(&r[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        r.len() >= end + 4 + length
    };
    while !complete(&request) {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    match how {
        Misbehaviour::Silent => {}
        Misbehaviour::StallBody => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"object\": \"organization.data_retention\", ";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
        }
        Misbehaviour::Answer(bytes) => {
            let _ = stream.write_all(bytes.as_bytes()).await;
            let _ = stream.shutdown().await;
            return;
        }
    }
    // Hold the connection open until the client gives up.
    while let Ok(n) = stream.read(&mut buf).await {
        if n == 0 {
            return;
        }
    }
}

/// A loopback port nobody listens on (bound, then released).
async fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

fn admin_options(base: &str, timeout: Duration) -> VerifyOptions {
    VerifyOptions {
        base_url: Some(base.to_owned()),
        keys: VerifyKeys {
            openai_admin: Some(ADMIN_KEY.to_owned()),
            ..VerifyKeys::default()
        },
        probe: ProbeConsent::Refuse("not sent".to_owned()),
        timeout,
    }
}

async fn verify_one(profile: &str, options: &VerifyOptions) -> Report {
    let policy = Policy::from_toml_str(profile).unwrap();
    let mut reports = verify(&policy, options).await.expect("the client builds");
    assert_eq!(reports.len(), 1);
    reports.remove(0)
}

/// The report's one failed check: unverified, with a reason; nothing secret in the report.
fn failed(report: &Report) -> &Check {
    assert_eq!(report.status(), VerifyStatus::Unverified, "{report:#?}");
    let json = serde_json::to_string(report).unwrap();
    assert!(!json.contains("SECRET"), "a key in the report: {json}");
    let check = report
        .checks
        .iter()
        .find(|c| c.reason.is_some())
        .unwrap_or_else(|| panic!("no failed check: {report:#?}"));
    assert_eq!(check.status, VerifyStatus::Unverified);
    check
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_with_the_timeout_named() {
    let base = server(Misbehaviour::Silent).await;
    let started = Instant::now();
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(1)),
    )
    .await;
    let elapsed = started.elapsed();
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Timeout), "{check:#?}");
    assert!(
        check.detail.contains("no answer from 127.0.0.1:")
            && check.detail.contains("within 1 s")
            && check.detail.contains("--timeout"),
        "{}",
        check.detail
    );
    assert_eq!(check.name, "organization retention");
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(10),
        "took {elapsed:?}"
    );
    // JSON names the reason for machines.
    let json = serde_json::to_value(check).unwrap();
    assert_eq!(json["reason"], "timeout");
}

/// A loopback listener that never accepts, with its (one-place) accept queue already full, so
/// that the kernel drops further connection attempts: connecting hangs. Keep the returned
/// values alive for the test.
async fn unreachable() -> (String, TcpListener, Vec<TcpStream>) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = socket.local_addr().unwrap();
    let listener = socket.listen(0).unwrap();
    let mut held = Vec::new();
    for _ in 0..16 {
        match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => held.push(stream),
            Ok(Err(e)) => panic!("connecting to the loopback listener failed: {e}"),
            // The queue is full: connection attempts now hang.
            Err(_) => return (format!("http://{addr}"), listener, held),
        }
    }
    panic!("the accept queue never filled: this kernel does not drop connections to a full queue");
}

#[tokio::test]
async fn a_host_that_cannot_be_reached_times_out_connecting() {
    let (base, _listener, _held) = unreachable().await;
    let started = Instant::now();
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(2)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Timeout), "{check:#?}");
    assert!(
        check
            .detail
            .starts_with("timed out connecting to 127.0.0.1:")
            && check
                .detail
                .contains("no connection within 1.5 s (the connect timeout"),
        "{}",
        check.detail
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_body_that_stalls_after_the_headers_times_out_too() {
    let base = server(Misbehaviour::StallBody).await;
    let started = Instant::now();
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_millis(1500)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Timeout), "{check:#?}");
    assert!(
        check
            .detail
            .contains("headers arrived but its body did not complete within 1.5 s"),
        "{}",
        check.detail
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_port_nobody_listens_on_is_connection_refused() {
    let base = closed_port().await;
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Connect), "{check:#?}");
    let port = base.rsplit(':').next().unwrap();
    assert!(
        check.detail.starts_with("connection refused")
            && check.detail.contains(&format!("127.0.0.1:{port}")),
        "{}",
        check.detail
    );
}

#[tokio::test]
async fn a_host_that_does_not_resolve_is_a_dns_failure() {
    let started = Instant::now();
    let report = verify_one(
        ZDR_EU,
        &admin_options("https://api.example.invalid/v1", Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Dns), "{check:#?}");
    assert!(
        check
            .detail
            .contains("`api.example.invalid` did not resolve"),
        "{}",
        check.detail
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_certificate_the_client_does_not_trust_is_a_tls_failure() {
    let mock = MockProvider::https(&["127.0.0.1", "localhost"]).await;
    let base = format!("https://{}/v1", mock.addr());
    let report = verify_one(ZDR_EU, &admin_options(&base, Duration::from_secs(5))).await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Tls), "{check:#?}");
    assert!(
        check
            .detail
            .starts_with("TLS: the handshake with 127.0.0.1:")
            && check.detail.contains("certificate")
            && check.detail.contains("not trusted"),
        "{}",
        check.detail
    );
    assert_eq!(
        mock.count(),
        0,
        "no request went over the untrusted connection"
    );

    // An `https` URL to a port that speaks plain HTTP fails the handshake as well.
    let plain = MockProvider::http().await;
    let base = format!("https://{}/v1", plain.addr());
    let report = verify_one(ZDR_EU, &admin_options(&base, Duration::from_secs(5))).await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Tls), "{check:#?}");
    assert!(
        check.detail.contains("does not speak TLS"),
        "{}",
        check.detail
    );
}

fn openai_error(code: &str, kind: &str, message: &str) -> String {
    serde_json::json!({"error": {"message": message, "type": kind, "param": null, "code": code}})
        .to_string()
}

#[tokio::test]
async fn error_statuses_carry_the_providers_code_and_message() {
    let cases = [
        (
            401,
            "invalid_api_key",
            "invalid_request_error",
            // OpenAI echoes a masked key: it is redacted.
            "Incorrect API key provided: sk-admi*****************rors. You can find your API key at https://platform.openai.com/account/api-keys.",
            "401 Unauthorized",
        ),
        (
            403,
            "insufficient_permissions",
            "invalid_request_error",
            "You have insufficient permissions for this operation. Missing scopes: api.management.read.",
            "403 Forbidden",
        ),
        (
            429,
            "rate_limit_exceeded",
            "requests",
            "Rate limit reached for requests",
            "429 Too Many Requests",
        ),
        (
            500,
            "server_error",
            "server_error",
            "The server had an error while processing your request.",
            "500 Internal Server Error",
        ),
    ];
    for (status, code, kind, message, status_text) in cases {
        let mock = MockProvider::http().await;
        mock.push_response(status, &[], &openai_error(code, kind, message));
        let report = verify_one(
            ZDR_EU,
            &admin_options(&mock.url("/v1"), Duration::from_secs(5)),
        )
        .await;
        let check = failed(&report);
        assert_eq!(check.reason, Some(FailureReason::HttpStatus), "{check:#?}");
        assert!(
            check
                .detail
                .starts_with(&format!("HTTP {status_text}: {code}")),
            "{}",
            check.detail
        );
        if status == 401 {
            assert!(
                check.detail.contains(
                    "invalid_api_key (invalid_request_error): Incorrect API key provided: [redacted]"
                ) && !check.detail.contains("sk-admi"),
                "{}",
                check.detail
            );
        } else {
            assert!(check.detail.contains(message), "{}", check.detail);
        }
    }
}

const HTML_502: &str = "HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: 120\r\nconnection: close\r\n\r\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>\n";
const TEXT_200: &str = "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 22\r\nconnection: close\r\n\r\nall good, trust me :-)";

#[tokio::test]
async fn an_html_error_page_shows_the_status_but_never_the_body() {
    assert_eq!(HTML_502.split("\r\n\r\n").nth(1).unwrap().len(), 120);
    let base = server(Misbehaviour::Answer(HTML_502)).await;
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::HttpStatus), "{check:#?}");
    assert!(
        check
            .detail
            .starts_with("HTTP 502 Bad Gateway: the body is not JSON (text/html, 120 bytes)"),
        "{}",
        check.detail
    );
    assert!(
        !check.detail.contains("<html") && !check.detail.contains("nginx"),
        "{}",
        check.detail
    );
}

#[tokio::test]
async fn a_success_whose_body_is_not_json_is_a_malformed_response() {
    assert_eq!(TEXT_200.split("\r\n\r\n").nth(1).unwrap().len(), 22);
    let base = server(Misbehaviour::Answer(TEXT_200)).await;
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(
        check.reason,
        Some(FailureReason::MalformedResponse),
        "{check:#?}"
    );
    assert_eq!(
        check.detail,
        "HTTP 200 OK, but the body is not JSON (text/plain, 22 bytes)"
    );

    // JSON without the field read is malformed too.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], r#"{"object":"organization.data_retention"}"#);
    let report = verify_one(
        ZDR_EU,
        &admin_options(&mock.url("/v1"), Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::MalformedResponse));
    assert!(check.detail.contains("no `type`"), "{}", check.detail);
}

const TRUNCATED: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5000\r\nconnection: close\r\n\r\n{\"type\": \"zero_data";

#[tokio::test]
async fn a_body_cut_short_is_a_transport_failure() {
    let base = server(Misbehaviour::Answer(TRUNCATED)).await;
    let report = verify_one(
        ZDR_EU,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(5)),
    )
    .await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Transport), "{check:#?}");
    assert!(
        check.detail.starts_with("the connection to 127.0.0.1:")
            && check
                .detail
                .contains("failed while reading the answer's body"),
        "{}",
        check.detail
    );
    assert!(!check.detail.contains("zero_data"), "{}", check.detail);
}

#[tokio::test]
async fn later_admin_calls_fail_on_their_own_checks() {
    // The organization's setting is read; the project's call fails with its own reason.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], r#"{"type":"zero_data_retention"}"#);
    mock.push_response(
        404,
        &[],
        &openai_error(
            "project_not_found",
            "invalid_request_error",
            "No project found with id proj_123",
        ),
    );
    mock.push_response(500, &[], "");
    let report = verify_one(
        ZDR_EU,
        &admin_options(&mock.url("/v1"), Duration::from_secs(5)),
    )
    .await;
    assert_eq!(report.status(), VerifyStatus::Unverified);
    assert_eq!(report.checks.len(), 2, "{report:#?}");
    assert_eq!(report.checks[0].reason, Some(FailureReason::HttpStatus));
    assert!(report.checks[0].detail.contains("project_not_found"));
    assert_eq!(report.checks[1].reason, Some(FailureReason::HttpStatus));
    assert_eq!(
        report.checks[1].detail,
        "HTTP 500 Internal Server Error: an empty body"
    );
}

fn probe_options(base: &str, key: VerifyKeys) -> VerifyOptions {
    VerifyOptions {
        base_url: Some(base.to_owned()),
        keys: key,
        probe: ProbeConsent::Send,
        timeout: Duration::from_secs(2),
    }
}

#[tokio::test]
async fn the_probe_says_why_it_failed() {
    let key = || VerifyKeys {
        openai: Some("sk-probe-SECRET".to_owned()),
        ..VerifyKeys::default()
    };
    // The create call is rate limited.
    let mock = MockProvider::http().await;
    mock.push_response(
        429,
        &[],
        &openai_error(
            "rate_limit_exceeded",
            "tokens",
            "Rate limit reached for gpt-4.1-nano",
        ),
    );
    let report = verify_one(ZDR_EU, &probe_options(&mock.url("/v1"), key())).await;
    let check = failed(&report);
    assert_eq!(
        (check.name.as_str(), check.reason),
        ("probe response", Some(FailureReason::HttpStatus))
    );
    assert!(
        check.detail.contains("429") && check.detail.contains("rate_limit_exceeded (tokens)"),
        "{}",
        check.detail
    );

    // Created, but retrieving it fails with a server error.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], r#"{"id":"resp_1","object":"response"}"#);
    mock.push_response(
        500,
        &[],
        &openai_error("server_error", "server_error", "The server had an error"),
    );
    let report = verify_one(ZDR_EU, &probe_options(&mock.url("/v1"), key())).await;
    let check = failed(&report);
    assert_eq!(check.name, "stored response");
    assert_eq!(check.reason, Some(FailureReason::HttpStatus));
    assert!(
        check.detail.starts_with(
            "retrieving the probe failed: HTTP 500 Internal Server Error: server_error"
        ),
        "{}",
        check.detail
    );

    // Created with an answer that has no id.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], r#"{"object":"response"}"#);
    let report = verify_one(ZDR_EU, &probe_options(&mock.url("/v1"), key())).await;
    assert_eq!(
        failed(&report).reason,
        Some(FailureReason::MalformedResponse)
    );

    // Nobody answers the probe: it times out.
    let base = server(Misbehaviour::Silent).await;
    let report = verify_one(ZDR_EU, &probe_options(&format!("{base}/v1"), key())).await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::Timeout));
    assert!(check.detail.contains("within 2 s"), "{}", check.detail);
}

#[tokio::test]
async fn fireworks_says_why_the_policytings_could_not_be_read() {
    let fw = "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"us\"\naccount = \"acme\"\n";
    let keys = VerifyKeys {
        fireworks: Some("fw-SECRET".to_owned()),
        ..VerifyKeys::default()
    };
    let options = |base: String| VerifyOptions {
        probe: ProbeConsent::Refuse("not sent".to_owned()),
        timeout: Duration::from_secs(1),
        ..probe_options(&base, keys.clone())
    };
    // Nobody answers: the note names the timeout, and the probe (refused here) follows.
    let base = server(Misbehaviour::Silent).await;
    let report = verify_one(fw, &options(format!("{base}/inference/v1"))).await;
    assert_eq!(report.method, "probe");
    assert!(
        report.notes.iter().any(|n| n
            .starts_with("reading the policy settings failed (timeout): timed out: no answer")
            && n.contains("within 1 s")),
        "{:#?}",
        report.notes
    );

    // An error in the gRPC-gateway shape, `{"code", "message"}`.
    let mock = MockProvider::http().await;
    mock.push_response(
        403,
        &[],
        r#"{"code":7,"message":"permission denied on account acme","details":[]}"#,
    );
    let report = verify_one(fw, &options(mock.url("/inference/v1"))).await;
    assert!(
        report.notes.iter().any(|n| n
            == "reading the policy settings failed (http_status): HTTP 403 Forbidden: 7: permission denied on account acme"),
        "{:#?}",
        report.notes
    );

    // An OpenAI-style error, as Fireworks' inference API sends.
    let mock = MockProvider::http().await;
    mock.push_response(
        401,
        &[],
        &openai_error(
            "unauthorized",
            "invalid_request_error",
            "The API key you provided is invalid.",
        ),
    );
    let report = verify_one(fw, &options(mock.url("/inference/v1"))).await;
    assert!(
        report.notes.iter().any(|n| n.contains(
            "HTTP 401 Unauthorized: unauthorized (invalid_request_error): The API key you provided is invalid."
        )),
        "{:#?}",
        report.notes
    );
    assert!(!serde_json::to_string(&report).unwrap().contains("SECRET"));
}

#[tokio::test]
async fn azure_says_why_the_management_api_failed() {
    let policy = "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"";
    let options = |base: String| VerifyOptions {
        base_url: Some(base),
        keys: VerifyKeys {
            azure_token: Some("eyJ-SECRET-token".to_owned()),
            azure_subscription: Some("sub-1".to_owned()),
            azure_resource_group: Some("rg-ai".to_owned()),
            ..VerifyKeys::default()
        },
        probe: ProbeConsent::Refuse("not sent".to_owned()),
        timeout: Duration::from_secs(1),
    };
    let mock = MockProvider::http().await;
    mock.push_response(
        403,
        &[],
        r#"{"error":{"code":"AuthorizationFailed","message":"The client 'abc' with object id 'def' does not have authorization to perform action 'Microsoft.CognitiveServices/accounts/read'."}}"#,
    );
    let report = verify_one(policy, &options(mock.url(""))).await;
    let check = failed(&report);
    assert_eq!(check.reason, Some(FailureReason::HttpStatus));
    assert!(
        check
            .detail
            .starts_with("HTTP 403 Forbidden: AuthorizationFailed: The client 'abc'"),
        "{}",
        check.detail
    );

    let base = server(Misbehaviour::StallBody).await;
    let report = verify_one(policy, &options(base)).await;
    assert_eq!(failed(&report).reason, Some(FailureReason::Timeout));

    let base = closed_port().await;
    let report = verify_one(policy, &options(base)).await;
    assert_eq!(failed(&report).reason, Some(FailureReason::Connect));
}

#[tokio::test]
async fn verify_profile_reports_the_same_reasons() {
    let guard = Guard::new(Profile::from_toml_str(ZDR_EU).unwrap());
    let base = closed_port().await;
    let report = retention_guard::verify::verify_profile(
        &guard,
        &admin_options(&format!("{base}/v1"), Duration::from_secs(5)),
    )
    .await
    .unwrap();
    assert_eq!(report.profile, "acme-eu");
    assert_eq!(failed(&report).reason, Some(FailureReason::Connect));
}

#[test]
fn the_default_timeout_is_bounded() {
    assert_eq!(VerifyOptions::DEFAULT_TIMEOUT, Duration::from_secs(30));
    assert_eq!(
        VerifyOptions::from_env().timeout,
        VerifyOptions::DEFAULT_TIMEOUT
    );
    assert_eq!(
        FailureReason::MalformedResponse.as_str(),
        "malformed_response"
    );
}

/// The binary: `--timeout`, and the reason in `--json` and in the summary.
#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use serde_json::Value;
    use std::process::Stdio;
    use tokio::process::Command;

    const BIN: &str = env!("CARGO_BIN_EXE_retention-guard");
    const ENV: [&str; 12] = [
        "OPENAI_ADMIN_KEY",
        "OPENAI_API_KEY",
        "FIREWORKS_API_KEY",
        "FIREWORKS_ACCOUNT_ID",
        "AZURE_ACCESS_TOKEN",
        "AZURE_SUBSCRIPTION_ID",
        "AZURE_RESOURCE_GROUP",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
    ];

    struct Run {
        code: i32,
        stdout: String,
        stderr: String,
        elapsed: Duration,
    }

    async fn run(base: &str, extra: &[&str]) -> Run {
        let mut profile = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut profile, ZDR_EU.as_bytes()).unwrap();
        let mut cmd = Command::new(BIN);
        cmd.args(["verify", "--profile"])
            .arg(profile.path())
            .args(["--base-url", base])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for key in ENV {
            cmd.env_remove(key);
        }
        cmd.env("OPENAI_ADMIN_KEY", ADMIN_KEY);
        let started = Instant::now();
        let out = cmd.output().await.expect("the binary runs");
        let run = Run {
            code: out.status.code().expect("exited"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
            elapsed: started.elapsed(),
        };
        assert!(
            !run.stdout.contains("SECRET") && !run.stderr.contains("SECRET"),
            "a key in the output: {}\n{}",
            run.stdout,
            run.stderr
        );
        run
    }

    #[tokio::test]
    async fn timeout_bounds_a_server_that_never_answers() {
        let base = server(Misbehaviour::Silent).await;
        let out = run(&format!("{base}/v1"), &["--timeout", "1", "--json"]).await;
        assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
        let v = serde_json::from_str::<Value>(&out.stdout).unwrap()["profiles"][0].clone();
        assert_eq!(v["result"], "unverified");
        assert_eq!(v["checks"][0]["reason"], "timeout", "{v:#}");
        let detail = v["checks"][0]["detail"].as_str().unwrap();
        assert!(
            detail.contains("within 1 s") && detail.contains("--timeout"),
            "{detail}"
        );
        assert!(
            out.elapsed < Duration::from_secs(15),
            "took {:?}",
            out.elapsed
        );

        // The summary says it too.
        let out = run(&format!("{base}/v1"), &["--timeout", "1"]).await;
        assert_eq!(out.code, 2);
        assert!(
            out.stdout.contains("timed out: no answer from 127.0.0.1:")
                && out.stdout.contains("result: could not verify"),
            "{}",
            out.stdout
        );
    }

    #[tokio::test]
    async fn an_http_error_shows_the_providers_code() {
        let mock = MockProvider::http().await;
        mock.push_response(
            401,
            &[],
            &openai_error(
                "invalid_api_key",
                "invalid_request_error",
                "Incorrect API key provided: sk-admi*****rors.",
            ),
        );
        let out = run(&mock.url("/v1"), &["--json"]).await;
        assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
        let v = serde_json::from_str::<Value>(&out.stdout).unwrap()["profiles"][0].clone();
        assert_eq!(v["checks"][0]["reason"], "http_status");
        assert_eq!(
            v["checks"][0]["detail"],
            "HTTP 401 Unauthorized: invalid_api_key (invalid_request_error): Incorrect API key provided: [redacted]"
        );

        // A check that did not fail has no reason.
        let mock = MockProvider::http().await;
        mock.push_response(200, &[], r#"{"type":"zero_data_retention"}"#);
        mock.push_response(200, &[], r#"{"type":"organization_default"}"#);
        mock.push_response(200, &[], r#"{"residency":"EU_STORAGE_PROCESSING"}"#);
        let out = run(&mock.url("/v1"), &["--json"]).await;
        assert_eq!(out.code, 0, "{}", out.stdout);
        let v = serde_json::from_str::<Value>(&out.stdout).unwrap()["profiles"][0].clone();
        assert_eq!(v["checks"][0]["reason"], Value::Null);
    }

    #[tokio::test]
    async fn timeout_must_be_between_1_and_600_seconds() {
        let mock = MockProvider::http().await;
        for bad in ["0", "601", "-1", "1.5", "soon"] {
            let arg = format!("--timeout={bad}");
            let out = run(&mock.url("/v1"), &[&arg]).await;
            assert_eq!(out.code, 2, "--timeout {bad}: {}", out.stderr);
            assert!(out.stdout.is_empty(), "{}", out.stdout);
            assert!(
                out.stderr.contains("--timeout <SECONDS>"),
                "--timeout {bad}: {}",
                out.stderr
            );
        }
        assert_eq!(mock.count(), 0);
        let out = run(&mock.url("/v1"), &["--timeout", "600", "--json"]).await;
        assert_ne!(out.stdout, "", "{}", out.stderr);
    }
}
