//! The `retention-guard` binary, run end to end: exit codes, JSON shape, standard error; `verify`
//! against a loopback server standing in for the provider.
#![cfg(feature = "cli")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::process::Stdio;

use mock_provider::MockProvider;
use reqwest_middleware::ClientBuilder;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_retention-guard");
const KEYS: [&str; 4] = [
    "OPENAI_ADMIN_KEY",
    "OPENAI_API_KEY",
    "FIREWORKS_API_KEY",
    "GROQ_API_KEY",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    /// `verify --json` of one profile: the one shape (an object with the worst `result` and a
    /// `profiles` array), checked, and its only profile.
    fn verified(&self) -> Value {
        let v = self.json();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["result", "profiles"], "{v:#}");
        let profiles = v["profiles"].as_array().unwrap();
        assert_eq!(profiles.len(), 1, "{v:#}");
        assert_eq!(v["result"], profiles[0]["result"], "{v:#}");
        profiles[0].clone()
    }
}

async fn run(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for key in KEYS {
        cmd.env_remove(key);
    }
    cmd.envs(env.iter().copied());
    let mut child = cmd.spawn().expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).await.unwrap();
    }
    drop(input);
    let out = child.wait_with_output().await.unwrap();
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Writes `text` to a temporary file, removed when the returned path is dropped.
fn file(name: &str, text: &str) -> tempfile::TempPath {
    let mut f = tempfile::Builder::new().prefix(name).tempfile().unwrap();
    std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
    f.into_temp_path()
}

const ZDR_EU: &str = "name = \"acme-eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_123\"\n";

#[tokio::test]
async fn explain_prints_bodies_nested_deeper_than_serde_json_values_go() {
    let profile = file(
        "zdr.toml",
        "provider = \"openai\"\nretention = \"zero_data_retention\"\n",
    );
    let nested = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    let sent = format!("{{\"store\":false,\"model\":\"m\",\"metadata\":{nested}}}");
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/chat/completions",
            "--body",
            "-",
        ],
        &[],
        Some(sent.as_bytes()),
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!("\"body\": {sent}")),
        "the body is not printed: {}",
        out.stdout
    );
    // The output stays one JSON object (read here without serde_json's depth limit).
    let mut de = serde_json::Deserializer::from_str(&out.stdout);
    de.disable_recursion_limit();
    let v: &serde_json::value::RawValue = serde::Deserialize::deserialize(&mut de).unwrap();
    de.end().unwrap();
    assert!(v.get().starts_with('{'));
}

/// `explain` prints the bytes that would be sent, not a re-parsed body: duplicate keys show as
/// the provider will read them.
#[tokio::test]
async fn explain_prints_the_exact_bytes_sent() {
    let profile = file(
        "zdr-dup.toml",
        "provider = \"openai\"\nretention = \"zero_data_retention\"\n",
    );
    let explain = |body: &'static [u8]| {
        let profile = profile.to_str().unwrap().to_owned();
        async move {
            run(
                &[
                    "explain",
                    "--profile",
                    &profile,
                    "--url",
                    "https://api.openai.com/v1/chat/completions",
                    "--body",
                    "-",
                ],
                &[],
                Some(body),
            )
            .await
        }
    };
    let out = explain(br#"{"model":"m","store":true, "STORE":true,"store":false}"#).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains(r#""body": {"model":"m","store":false, "STORE":false,"store":false}"#),
        "{}",
        out.stdout
    );
    // Still one JSON object.
    assert_eq!(out.json()["decision"], "rewrite");
}

#[tokio::test]
async fn explain_allow_prints_the_rewritten_request() {
    let profile = file("zdr-eu.toml", ZDR_EU);
    let body = file(
        "chat.json",
        r#"{"model":"gpt-4.1","store":true,"messages":[{"role":"user","content":"hi"}]}"#,
    );
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/chat/completions",
            "--body",
            body.to_str().unwrap(),
            "--header",
            "Content-Type: application/json",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let v = out.json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "decision",
            "enforced",
            "profile",
            "method",
            "url",
            "headers",
            "body",
            "changes",
            "violation",
            "rule"
        ]
    );
    assert_eq!(v["decision"], "rewrite");
    assert_eq!(v["method"], "POST");
    assert_eq!(v["url"], "https://eu.api.openai.com/v1/chat/completions");
    assert_eq!(v["headers"], json!({"openai-project": "proj_123"}));
    assert_eq!(
        v["body"],
        json!({"model": "gpt-4.1", "store": false, "messages": [{"role": "user", "content": "hi"}]})
    );
    assert_eq!(
        v["changes"].as_array().unwrap().len(),
        3,
        "{}",
        v["changes"]
    );
    assert_eq!(v["violation"], Value::Null);
    assert_eq!(v["rule"]["id"], "openai.chat_completions");
    assert!(
        v["rule"]["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
}

#[tokio::test]
async fn explain_deny_exits_1_with_the_violation() {
    let profile = file("zdr-eu-deny.toml", ZDR_EU);
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/responses",
            "--body",
            "-",
        ],
        &[],
        Some(br#"{"model":"gpt-4.1","input":"hi","previous_response_id":"resp_SECRET"}"#),
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["decision"], "deny");
    assert_eq!(
        v["url"], "https://api.openai.com/v1/responses",
        "on deny, the URL as given"
    );
    assert_eq!(v["headers"], json!({}));
    assert_eq!(v["body"], Value::Null);
    assert_eq!(v["changes"], json!([]));
    assert_eq!(v["violation"]["kind"], "parameter_not_allowed");
    assert!(
        v["violation"]["message"]
            .as_str()
            .unwrap()
            .contains("previous_response_id")
    );
    assert!(
        !out.stdout.contains("resp_SECRET"),
        "body content leaked into the output"
    );
    assert_eq!(v["rule"]["id"], "openai.responses");

    // Headers take part as in the middleware.
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/embeddings",
            "--header",
            "OpenAI-Project: proj_other",
            "--method",
            "POST",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(
        (out.code, out.json()["violation"]["kind"].clone()),
        (1, json!("project_mismatch"))
    );
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/chat/completions",
            "--header",
            "Content-Encoding: gzip",
            "--body",
            "-",
        ],
        &[],
        Some(b"\x1f\x8b\x08\x00"),
    )
    .await;
    assert_eq!(
        (out.code, out.json()["violation"]["kind"].clone()),
        (1, json!("uninspectable_body"))
    );
    let out = run(
        &[
            "explain",
            "--profile",
            profile.to_str().unwrap(),
            "--url",
            "https://api.openai.com/v1/files/file_1",
            "--method",
            "GET",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(out.code, 0);
    assert_eq!(out.json()["method"], "GET");
    assert_eq!(out.json()["body"], Value::Null);
}

#[tokio::test]
async fn usage_errors_exit_2_with_nothing_on_stdout() {
    let good = file("good.toml", ZDR_EU);
    let bad = file("bad.toml", "provider = \"openai\"\nretention = \"zdr\"\n");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "explain",
                "--profile",
                bad.to_str().unwrap(),
                "--url",
                "https://api.openai.com/v1/embeddings",
            ],
            "zdr",
        ),
        (
            vec![
                "explain",
                "--profile",
                "/nonexistent/profile.toml",
                "--url",
                "https://api.openai.com/v1/embeddings",
            ],
            "/nonexistent/profile.toml",
        ),
        (
            vec!["explain", "--profile", good.to_str().unwrap()],
            "--url",
        ),
        (
            vec![
                "explain",
                "--profile",
                good.to_str().unwrap(),
                "--url",
                "not a url",
            ],
            "not a url",
        ),
        (
            vec![
                "explain",
                "--profile",
                good.to_str().unwrap(),
                "--url",
                "https://api.openai.com/v1/x",
                "--header",
                "no colon",
            ],
            "no colon",
        ),
        (
            vec![
                "explain",
                "--profile",
                good.to_str().unwrap(),
                "--url",
                "https://api.openai.com/v1/x",
                "--body",
                "/nonexistent/body.json",
            ],
            "/nonexistent/body.json",
        ),
        (
            vec![
                "explain",
                "--profile",
                good.to_str().unwrap(),
                "--url",
                "https://api.openai.com/v1/x",
                "--method",
                "BAD METHOD",
            ],
            "BAD METHOD",
        ),
        (vec!["check", "--profile", bad.to_str().unwrap()], "zdr"),
        (vec!["verify", "--profile", bad.to_str().unwrap()], "zdr"),
        (vec!["frobnicate"], "frobnicate"),
    ];
    for (args, needle) in cases {
        let out = run(&args, &[], None).await;
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed on stdout: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains(needle),
            "{args:?}: stderr does not mention `{needle}`: {}",
            out.stderr
        );
    }
}

#[tokio::test]
async fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["explain", "--help"],
        &["check", "--help"],
        &["verify", "--help"],
    ] {
        let out = run(args, &[], None).await;
        assert_eq!(out.code, 0, "{args:?}");
        assert!(out.stdout.contains("Usage:"), "{args:?}: {}", out.stdout);
    }
}

#[tokio::test]
async fn explain_makes_the_middlewares_decision() {
    // The same requests through explain and through a real middleware client: explain's
    // decision, URL and body are what arrives at the server (or nothing, on deny).
    let mock = MockProvider::http().await;
    let base = mock.url("/v1");
    let toml = format!(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{base}\"\n"
    );
    let profile = file("gateway.toml", &toml);
    let guard = Guard::new(Profile::from_toml_str(&toml).unwrap());
    let client = ClientBuilder::new(client_builder(&guard).build().unwrap())
        .with(RetentionGuardMiddleware::new(guard))
        .build();
    let cases = [
        ("/chat/completions", r#"{"store":true,"model":"m"}"#),
        ("/responses", r#"{"input":"hi"}"#),
        ("/responses", r#"{"background":true}"#),
        ("/assistants", r#"{}"#),
        ("/images/generations", r#"{"model":"gpt-image-1"}"#),
    ];
    for (path, body) in cases {
        let before = mock.count();
        let explained = run(
            &[
                "explain",
                "--profile",
                profile.to_str().unwrap(),
                "--url",
                &format!("{base}{path}"),
                "--body",
                "-",
                "--header",
                "content-type: application/json",
            ],
            &[],
            Some(body.as_bytes()),
        )
        .await
        .json();
        let sent = client
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        match explained["decision"].as_str() {
            Some("allow" | "rewrite") => {
                sent.expect("the middleware allowed it too");
                let arrived = mock.requests().pop().unwrap();
                assert_eq!(
                    explained["url"].as_str().unwrap(),
                    format!("http://{}{}", arrived.host, arrived.path)
                );
                assert_eq!(explained["body"], arrived.json().unwrap(), "{path}");
            }
            _ => {
                let err = sent.expect_err("the middleware denied it too");
                let v = retention_guard::Violation::find(&err).unwrap();
                assert_eq!(explained["violation"]["kind"], v.code());
                assert_eq!(mock.count(), before);
            }
        }
    }
}

#[tokio::test]
async fn check_shows_every_endpoint_and_validates() {
    let profile = file("check.toml", ZDR_EU);
    let out = run(
        &["check", "--profile", profile.to_str().unwrap()],
        &[],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row = |method: &str, path: &str| {
        out.stdout
            .lines()
            .find(|l| l.split_whitespace().take(2).eq([method, path]))
            .unwrap_or_else(|| panic!("no row {method} {path}:\n{}", out.stdout))
            .to_owned()
    };
    assert!(row("POST", "/v1/assistants/**").contains("endpoint_not_eligible"));
    // Deleting is allowed, and routed to the region's host: a rewrite.
    assert!(row("DELETE", "/v1/assistants/**").contains("rewrite"));
    let chat = row("POST", "/v1/chat/completions");
    assert!(chat.contains("rewrite"), "{chat}");
    // The routing every row shares is stated once, above the rows.
    assert!(
        out.stdout.contains("\nrouted to: eu.api.openai.com\n"),
        "{}",
        out.stdout
    );
    assert!(row("POST", "/v1/images/generations").contains("gpt-image-"));
    assert!(row("POST", "/v1/evals/**").contains("endpoint_not_eligible"));

    let json = run(
        &["check", "--profile", profile.to_str().unwrap(), "--json"],
        &[],
        None,
    )
    .await;
    assert_eq!(json.code, 0);
    let v = json.json();
    assert_eq!(v["mode"], "enforce");
    assert_eq!(v["profiles"][0]["profile"]["region"], "eu");
    let files = endpoint(&v, "POST", "/v1/files/**");
    assert_eq!(files["decision"], "deny");
    assert_eq!(files["violation"]["kind"], "endpoint_not_eligible");
    assert!(
        files["rule"]["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let responses = endpoint(&v, "POST", "/v1/responses");
    assert_eq!(responses["decision"], "rewrite");
    assert_eq!(v["profiles"][0]["routed_to"], "eu.api.openai.com");
    assert!(responses.get("routed_to").is_none(), "{responses}");

    let jp = file(
        "jp.toml",
        "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"\non_store = \"reject\"\n",
    );
    let out = run(
        &["check", "--profile", jp.to_str().unwrap(), "--json"],
        &[],
        None,
    )
    .await;
    let v = out.json();
    let evals = endpoint(&v, "POST", "/v1/evals/**");
    assert_eq!(evals["violation"]["kind"], "region_not_supported");
    let assistants = endpoint(&v, "POST", "/v1/assistants/**");
    assert_eq!(assistants["violation"]["kind"], "region_not_supported");
    let files = endpoint(&v, "POST", "/v1/files/**");
    // Routed to jp.api.openai.com: a rewrite, as the observer and `explain` say.
    assert_eq!(files["decision"], "rewrite", "{files}");
    let chat = endpoint(&v, "POST", "/v1/chat/completions");
    assert!(
        chat["conditions"][0]
            .as_str()
            .unwrap()
            .contains("store_not_allowed"),
        "{chat}"
    );

    let groq = file(
        "groq.toml",
        "provider = \"groq\"\nretention = \"zero_data_retention\"\n",
    );
    let out = run(&["check", "--profile", groq.to_str().unwrap()], &[], None).await;
    assert!(out.stdout.contains("/openai/v1/batches/**"));
}

/// Issue 22's example: evals in Japan under ZDR. An `allow` entry waives the retention mode's
/// endpoint eligibility and nothing else, so the residency rule still denies the request; the
/// residency exception is its own key, and `check` names the rule each entry waives.
#[tokio::test]
async fn an_allow_entry_waives_only_endpoint_eligibility() {
    const JP: &str =
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"\n";
    let explain = |profile: &tempfile::TempPath| {
        let path = profile.to_str().unwrap().to_owned();
        async move {
            run(
                &[
                    "explain",
                    "--profile",
                    &path,
                    "--method",
                    "POST",
                    "--url",
                    "https://api.openai.com/v1/evals",
                ],
                &[],
                None,
            )
            .await
        }
    };
    let check = |profile: &tempfile::TempPath| {
        let path = profile.to_str().unwrap().to_owned();
        async move { run(&["check", "--profile", &path, "--json"], &[], None).await }
    };

    let allow_only = file(
        "jp-allow.toml",
        &format!("{JP}allow = [\"POST /v1/evals\"]\n"),
    );
    let out = explain(&allow_only).await;
    let v = out.json();
    assert_eq!(v["decision"], "deny", "{v}");
    assert_eq!(v["violation"]["kind"], "region_not_supported", "{v}");
    assert_eq!(v["rule"]["id"], "openai.evals", "{v}");
    let remedy = v["violation"]["remedy"].as_str().unwrap();
    assert!(
        remedy.contains("allow_outside_region = [\"POST /v1/evals/**\"]")
            && remedy.contains("waives only this residency rule"),
        "{remedy}"
    );
    let report = check(&allow_only).await.json();
    let evals = endpoint(&report, "POST", "/v1/evals/**");
    assert_eq!(evals["decision"], "deny", "{evals}");
    assert_eq!(
        evals["violation"]["kind"], "region_not_supported",
        "{evals}"
    );
    assert_eq!(evals["exceptions"], json!([]), "{evals}");
    // The exceptions list says what the entry does not waive.
    let listed = report["profiles"][0]["exceptions"][0].as_str().unwrap();
    assert!(
        listed.contains("turns 0 catalog row(s)")
            && listed.contains(
                "POST /v1/evals/** is still denied by openai.evals (region_not_supported)"
            ),
        "{listed}"
    );

    // Without the `allow` entry the remedy names the eligibility rule `allow` waives.
    let neither = file("jp.toml", JP);
    let v = explain(&neither).await.json();
    assert_eq!(v["violation"]["kind"], "endpoint_not_eligible", "{v}");
    let remedy = v["violation"]["remedy"].as_str().unwrap();
    assert!(
        remedy.contains("allow = [\"POST /v1/evals/**\"]")
            && remedy.contains("it waives only rule `openai.evals`, endpoint eligibility"),
        "{remedy}"
    );

    let both = file(
        "jp-both.toml",
        &format!("{JP}allow = [\"POST /v1/evals\"]\nallow_outside_region = [\"POST /v1/evals\"]\n"),
    );
    let v = explain(&both).await.json();
    assert_eq!(v["decision"], "rewrite", "{v}");
    assert_eq!(v["url"], "https://jp.api.openai.com/v1/evals", "{v}");
    let report = check(&both).await;
    let v = report.json();
    let evals = endpoint(&v, "POST", "/v1/evals/**");
    assert_eq!(evals["decision"], "rewrite", "{evals}");
    assert_eq!(
        evals["exceptions"],
        json!([
            {"key": "allow", "entry": "POST /v1/evals",
             "waives": {"kind": "endpoint_not_eligible", "rule": "openai.evals"}},
            {"key": "allow_outside_region", "entry": "POST /v1/evals",
             "waives": {"kind": "region_not_supported", "rule": "openai.evals"}},
        ]),
        "{evals}"
    );
    let listed: Vec<&str> = v["profiles"][0]["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed[0].starts_with(
            "`allow` entry POST /v1/evals: waives the retention mode's endpoint eligibility"
        ) && listed[0].contains("openai.evals (endpoint_not_eligible)"),
        "{listed:?}"
    );
    assert!(
        listed[1]
            .starts_with("`allow_outside_region` entry POST /v1/evals: waives the residency rule")
            && listed[1].contains("openai.evals (region_not_supported)"),
        "{listed:?}"
    );
    let table = run(&["check", "--profile", both.to_str().unwrap()], &[], None)
        .await
        .stdout;
    assert!(
        table.contains(
            "exception to the agreement: the `allow_outside_region` entry `POST /v1/evals` waives \
             rule `openai.evals` (region_not_supported)"
        ),
        "{table}"
    );

    // A residency exception on a profile without a region is a load error.
    let no_region = file(
        "no-region.toml",
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow_outside_region = [\"POST /v1/evals\"]\n",
    );
    let out = check(&no_region).await;
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("`allow_outside_region`")
            && out.stderr.contains("no residency `region`"),
        "{}",
        out.stderr
    );
}

/// `check` finds the entry behind an exception in any spelling the provider has of the path: an
/// Azure OpenAI `allow` entry written for the classic path counts for the v1 row it turns.
#[tokio::test]
async fn check_names_an_exception_written_in_another_spelling() {
    let azure = file(
        "azure-classic-allow.toml",
        "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\nallow = [\"POST /openai/batches\"]\n",
    );
    let v = run(
        &["check", "--profile", azure.to_str().unwrap(), "--json"],
        &[],
        None,
    )
    .await
    .json();
    let turned: Vec<&Value> = v["profiles"][0]["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["exceptions"].as_array().is_some_and(|x| !x.is_empty()))
        .collect();
    assert_eq!(turned.len(), 1, "{turned:?}");
    assert_eq!(turned[0]["exceptions"][0]["entry"], "POST /openai/batches");
    let listed = v["profiles"][0]["exceptions"][0].as_str().unwrap();
    assert!(listed.contains("turns 1 catalog row(s)"), "{listed}");
}

/// A routed request is the same outcome in `explain`, `check` and an observer: `rewrite` (the
/// request is changed), in the observer's own words (`Verdict::outcome`).
#[tokio::test]
async fn explain_check_and_observers_use_the_same_outcome_words() {
    const EU: &str = "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n";
    const STD: &str = "name = \"std\"\nprovider = \"openai\"\nretention = \"standard\"\n";
    let cases = [
        // Routed to the region's host: changed.
        (EU, "GET", "https://api.openai.com/v1/models", "/v1/models"),
        // Routed, and denied in every reading.
        (
            EU,
            "POST",
            "https://api.openai.com/v1/assistants",
            "/v1/assistants/**",
        ),
        // Sent as it is.
        (STD, "GET", "https://api.openai.com/v1/models", "/v1/models"),
    ];
    let mut words = Vec::new();
    for (toml, method, url, row) in cases {
        let profile = file("words.toml", toml);
        let path = profile.to_str().unwrap();
        let policy = retention_guard::Policy::from_toml_str(toml).unwrap();
        let explained = run(
            &[
                "explain",
                "--profile",
                path,
                "--method",
                method,
                "--url",
                url,
            ],
            &[],
            None,
        )
        .await
        .json();
        let checked = endpoint(
            &run(&["check", "--profile", path, "--json"], &[], None)
                .await
                .json(),
            method,
            row,
        );
        let seen = std::sync::Arc::new(std::sync::Mutex::new(None));
        let sink = seen.clone();
        let observed = policy.with_observer_fn(move |v| {
            *sink.lock().unwrap() = Some(v.outcome().as_str());
        });
        let headers = http::HeaderMap::new();
        let method_value: http::Method = method.parse().unwrap();
        let url_value: url::Url = url.parse().unwrap();
        let _ = observed.evaluate(
            &retention_guard::guard::Request::new(
                &method_value,
                &url_value,
                &headers,
                retention_guard::guard::Body::Empty,
            ),
            None,
        );
        let word = seen.lock().unwrap().expect("observed");
        assert_eq!(explained["decision"], word, "{method} {url}: explain");
        assert_eq!(checked["decision"], word, "{method} {url}: check");
        words.push(word);
    }
    assert_eq!(words, ["rewrite", "deny", "allow"]);
}

/// `check` lists, per profile, the provider settings no request shows, with how to check them
/// where `verify` cannot (Groq's console switch), and each `confirm` name with what it stands for.
#[tokio::test]
async fn check_lists_the_settings_no_request_shows_as_assumptions() {
    let groq = file(
        "groq.toml",
        "provider = \"groq\"\nretention = \"zero_data_retention\"\n",
    );
    let v = run(
        &["check", "--profile", groq.to_str().unwrap(), "--json"],
        &[],
        None,
    )
    .await
    .json();
    let assumptions = v["profiles"][0]["assumptions"].as_array().unwrap();
    assert_eq!(assumptions.len(), 1, "{assumptions:?}");
    let text = assumptions[0].as_str().unwrap();
    assert!(
        text.contains("`verify` cannot read it")
            && text.contains("https://console.groq.com/settings/data-controls"),
        "{text}"
    );
    let openai = file(
        "openai.toml",
        "provider = \"openai\"\nretention = \"zero_data_retention\"\n",
    );
    let table = run(&["check", "--profile", openai.to_str().unwrap()], &[], None)
        .await
        .stdout;
    assert!(
        table.contains("`retention-guard verify` reads it"),
        "{table}"
    );
    let standard = file(
        "std.toml",
        "provider = \"groq\"\nretention = \"standard\"\n",
    );
    let table = run(
        &["check", "--profile", standard.to_str().unwrap()],
        &[],
        None,
    )
    .await
    .stdout;
    assert!(
        table.contains("assumptions (settings no request shows): none"),
        "{table}"
    );
}

/// The `check --json` row for `method` on `path`, in the first profile's section.
fn endpoint(report: &Value, method: &str, path: &str) -> Value {
    report["profiles"][0]["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["method"] == method && e["path"] == path)
        .unwrap_or_else(|| panic!("no row {method} {path}"))
        .clone()
}

// verify: every branch against a loopback server.

async fn verify(
    profile_toml: &str,
    mock: &MockProvider,
    env: &[(&str, &str)],
    extra: &[&str],
) -> Run {
    let profile = file(&format!("verify-{}.toml", mock.addr().port()), profile_toml);
    let base = mock.url("/v1");
    let mut args = vec![
        "verify",
        "--profile",
        profile.to_str().unwrap(),
        "--base-url",
        &base,
    ];
    args.extend_from_slice(extra);
    run(&args, env, None).await
}

fn paths(mock: &MockProvider) -> Vec<String> {
    mock.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

/// `verify` never sends a credential in clear: a plain-`http` base URL is refused before any
/// connection unless its host is loopback (where the other verify tests' mocks listen).
#[tokio::test]
async fn verify_refuses_credentials_over_plain_http_off_loopback() {
    // A listener on every interface, reached through this machine's own non-loopback address
    // (found by routing a UDP socket, which sends nothing). Without one, a documentation address.
    let listener = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let own = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").and_then(|()| s.local_addr()))
        .ok()
        .map(|a| a.ip())
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    let host = own.map_or_else(|| "192.0.2.1".to_owned(), |ip| ip.to_string());
    let base = format!("http://{host}:{port}/v1");
    let profile = file("verify-insecure.toml", ZDR_EU);
    for env in [
        [("OPENAI_ADMIN_KEY", "sk-admin-secret")],
        [("OPENAI_API_KEY", "sk-api-secret")],
    ] {
        let out = run(
            &[
                "verify",
                "--profile",
                profile.to_str().unwrap(),
                "--base-url",
                &base,
                "--yes",
            ],
            &env,
            None,
        )
        .await;
        assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(
            out.stderr.contains(&format!(
                "refusing to send credentials over plain HTTP to `{host}`"
            )) && out.stderr.contains("https"),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("secret"), "{}", out.stderr);
    }
    if own.is_some() {
        assert!(
            matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "verify connected to the plain-http base URL"
        );
    }
    // A loopback http base URL is reached directly, even with a proxy in the environment: the
    // proxy would see the key in clear.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    proxy.set_nonblocking(true).unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let mock = MockProvider::http().await;
    let retention =
        |object: &str| json!({"object": object, "type": "zero_data_retention"}).to_string();
    mock.push_response(200, &[], &retention("organization.data_retention"));
    mock.push_response(200, &[], &retention("project.data_retention"));
    mock.push_response(
        200,
        &[],
        &json!({"id": "proj_123", "object": "organization.project", "created_at": 0, "residency": "EU_STORAGE_PROCESSING"}).to_string(),
    );
    let out = verify(
        ZDR_EU,
        &mock,
        &[
            ("OPENAI_ADMIN_KEY", "sk-admin-secret"),
            ("HTTP_PROXY", &proxy_url),
            ("http_proxy", &proxy_url),
            ("ALL_PROXY", &proxy_url),
            ("NO_PROXY", ""),
            ("no_proxy", ""),
        ],
        &[],
    )
    .await;
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(mock.count(), 3);
    assert!(
        matches!(proxy.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "verify sent the key to the proxy"
    );

    // Another scheme is a usage error too; https and loopback http are accepted (the other
    // verify tests send to http://127.0.0.1).
    let out = run(
        &[
            "verify",
            "--profile",
            profile.to_str().unwrap(),
            "--base-url",
            "ftp://example.com/v1",
        ],
        &[("OPENAI_ADMIN_KEY", "sk-admin-secret")],
        None,
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("invalid base URL"), "{}", out.stderr);
}

#[tokio::test]
async fn verify_admin_api_match_and_mismatches() {
    let admin = [("OPENAI_ADMIN_KEY", "sk-admin-test")];
    let org = |t: &str| json!({"object": "organization.data_retention", "type": t}).to_string();
    let project = |t: &str| json!({"object": "project.data_retention", "type": t}).to_string();
    let residency = |r: &str| {
        json!({"id": "proj_123", "object": "organization.project", "created_at": 0, "residency": r})
            .to_string()
    };

    let mock = MockProvider::http().await;
    mock.push_response(200, &[], &org("zero_data_retention"));
    mock.push_response(200, &[], &project("organization_default"));
    mock.push_response(200, &[], &residency("EU_STORAGE_PROCESSING"));
    let out = verify(ZDR_EU, &mock, &admin, &[]).await;
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("result: match"), "{}", out.stdout);
    assert_eq!(
        paths(&mock),
        [
            "GET /v1/organization/data_retention",
            "GET /v1/organization/projects/proj_123/data_retention",
            "GET /v1/organization/projects/proj_123"
        ]
    );
    assert!(
        mock.requests()
            .iter()
            .all(|r| r.header("authorization") == Some("Bearer sk-admin-test"))
    );
    assert!(!out.stdout.contains("sk-admin-test") && !out.stderr.contains("sk-admin-test"));

    // A weaker project setting.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], &org("zero_data_retention"));
    mock.push_response(200, &[], &project("modified_abuse_monitoring"));
    mock.push_response(200, &[], &residency("EU_STORAGE_PROCESSING"));
    let out = verify(ZDR_EU, &mock, &admin, &["--json"]).await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    let v = out.verified();
    assert_eq!(v["result"], "mismatch");
    assert_eq!(v["method"], "admin_api");
    assert_eq!(v["checks"][0]["result"], "mismatch");
    assert!(
        v["checks"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("weaker")
    );

    // The wrong residency.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], &org("enhanced_zero_data_retention"));
    mock.push_response(200, &[], &project("organization_default"));
    mock.push_response(200, &[], &residency("GLOBAL"));
    let out = verify(ZDR_EU, &mock, &admin, &["--json"]).await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.verified()["checks"][1]["result"], "mismatch");

    // The Admin API refuses the key.
    let mock = MockProvider::http().await;
    mock.push_response(
        401,
        &[],
        r#"{"error":{"message":"Incorrect API key provided"}}"#,
    );
    let out = verify(ZDR_EU, &mock, &admin, &[]).await;
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout.contains("401") && out.stdout.contains("could not verify"),
        "{}",
        out.stdout
    );
}

const PROBE_CREATED: &str = r#"{"id":"resp_probe_1","object":"response","status":"completed"}"#;

#[tokio::test]
async fn verify_probe_not_stored_matches_zdr() {
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(404, &[], r#"{"error":{"message":"No response found"}}"#);
    let out = verify(ZDR_EU, &mock, &[("OPENAI_API_KEY", "sk-test")], &["--yes"]).await;
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        paths(&mock),
        ["POST /v1/responses", "GET /v1/responses/resp_probe_1"]
    );
    let create = &mock.requests()[0];
    assert_eq!(
        create.json().unwrap()["store"],
        Value::Bool(true),
        "the probe asks to be stored"
    );
    assert_eq!(create.header("openai-project"), Some("proj_123"));
    assert!(
        out.stderr.contains("POST /responses") && out.stderr.contains("store"),
        "the probe is described first: {}",
        out.stderr
    );
}

#[tokio::test]
async fn verify_probe_stored_is_a_zdr_mismatch_and_is_deleted() {
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(
        200,
        &[],
        r#"{"id":"resp_probe_1","object":"response.deleted","deleted":true}"#,
    );
    let out = verify(
        ZDR_EU,
        &mock,
        &[("OPENAI_API_KEY", "sk-test")],
        &["--yes", "--json"],
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        paths(&mock),
        [
            "POST /v1/responses",
            "GET /v1/responses/resp_probe_1",
            "DELETE /v1/responses/resp_probe_1"
        ]
    );
    let v = out.verified();
    assert_eq!(
        (v["method"].as_str(), v["result"].as_str()),
        (Some("probe"), Some("mismatch"))
    );
    assert!(v["notes"][0].as_str().unwrap().contains("deleted"));
}

#[tokio::test]
async fn verify_probe_for_fireworks_standard_matches_when_stored() {
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(200, &[], "{}");
    let profile = "provider = \"fireworks\"\nretention = \"standard\"\n";
    let out = verify(
        profile,
        &mock,
        &[("FIREWORKS_API_KEY", "fw-test")],
        &["--yes"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        mock.requests()[0].json().unwrap()["model"],
        "accounts/fireworks/models/llama-v3p1-8b-instruct"
    );
    assert_eq!(mock.requests().last().unwrap().method, "DELETE");
}

#[tokio::test]
async fn verify_could_not_verify_branches() {
    // No --yes and no terminal: nothing is sent.
    let mock = MockProvider::http().await;
    let out = verify(ZDR_EU, &mock, &[("OPENAI_API_KEY", "sk-test")], &[]).await;
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stdout.contains("--yes"), "{}", out.stdout);
    assert_eq!(mock.count(), 0);

    // The probe cannot be created.
    let mock = MockProvider::http().await;
    mock.push_response(400, &[], r#"{"error":{"message":"model not found"}}"#);
    let out = verify(ZDR_EU, &mock, &[("OPENAI_API_KEY", "sk-test")], &["--yes"]).await;
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("model not found"), "{}", out.stdout);

    // Groq: nothing to ask over the API.
    let mock = MockProvider::http().await;
    let out = verify(
        "provider = \"groq\"\nretention = \"zero_data_retention\"\n",
        &mock,
        &[("GROQ_API_KEY", "gsk")],
        &["--yes"],
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("console.groq.com"), "{}", out.stdout);
    assert_eq!(mock.count(), 0);

    // No key at all.
    let out = verify(ZDR_EU, &mock, &[], &["--yes", "--json"]).await;
    assert_eq!(out.code, 2);
    assert_eq!(out.verified()["result"], "unverified");
    assert!(
        out.verified()["notes"][0]
            .as_str()
            .unwrap()
            .contains("OPENAI_ADMIN_KEY")
    );
}

#[tokio::test]
async fn verify_fireworks_reads_the_account_policytings() {
    let fw_zdr_us = "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"us\"\naccount = \"acme\"\n";
    let key = [("FIREWORKS_API_KEY", "fw-test")];
    let settings = |zdr: Value, residency: Option<&str>| {
        let mut v = json!({"name": "accounts/acme/policySettings", "zeroDataRetention": zdr});
        if let Some(r) = residency {
            v["residency"] = json!(r);
        }
        v.to_string()
    };

    // Enforced by default, US residency: a match, and no probe is sent.
    let mock = MockProvider::http().await;
    mock.push_response(
        200,
        &[],
        &settings(json!({"defaultEnforced": true}), Some("US")),
    );
    let out = verify(fw_zdr_us, &mock, &key, &["--yes", "--json"]).await;
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(paths(&mock), ["GET /v1/accounts/acme/policySettings"]);
    assert_eq!(
        mock.requests()[0].header("authorization"),
        Some("Bearer fw-test")
    );
    assert_eq!(out.verified()["method"], "policytings");
    assert!(!out.stdout.contains("fw-test"));

    // The inference scope overrides the default: not enforced is weaker than the profile.
    let mock = MockProvider::http().await;
    mock.push_response(
        200,
        &[],
        &settings(
            json!({"defaultEnforced": true, "inference": {"enforcement": "NOT_ENFORCED"}}),
            Some("US_IOWA_1"),
        ),
    );
    let out = verify(fw_zdr_us, &mock, &key, &["--json"]).await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    let v = out.verified();
    assert_eq!(v["checks"][0]["result"], "mismatch");
    assert_eq!(v["checks"][1]["result"], "match");

    // Never saved (404): no policy, unrestricted serving; both differ from the profile.
    let mock = MockProvider::http().await;
    mock.push_response(404, &[], r#"{"error":{"message":"not found"}}"#);
    let out = verify(fw_zdr_us, &mock, &key, &["--json"]).await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.verified()["checks"][1]["actual"], "unrestricted");

    // The account id from the environment; a standard profile on an account without a policy.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], &settings(json!(null), None));
    let out = verify(
        "provider = \"fireworks\"\nretention = \"standard\"\n",
        &mock,
        &[
            ("FIREWORKS_API_KEY", "fw-test"),
            ("FIREWORKS_ACCOUNT_ID", "envacct"),
        ],
        &[],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(paths(&mock), ["GET /v1/accounts/envacct/policySettings"]);

    // An account id from the environment that is not one: nothing is asked of the control plane.
    let mock = MockProvider::http().await;
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(404, &[], r#"{"error":{"message":"No response found"}}"#);
    let out = verify(
        "provider = \"fireworks\"\nretention = \"zero_data_retention\"\n",
        &mock,
        &[
            ("FIREWORKS_API_KEY", "fw-test"),
            ("FIREWORKS_ACCOUNT_ID", "../admin"),
        ],
        &["--yes", "--json"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        paths(&mock),
        ["POST /v1/responses", "GET /v1/responses/resp_probe_1"]
    );
    assert!(
        out.verified()["notes"][0]
            .as_str()
            .unwrap()
            .contains("FIREWORKS_ACCOUNT_ID")
    );

    // The settings cannot be read: the probe follows, and the report says why.
    let mock = MockProvider::http().await;
    mock.push_response(403, &[], r#"{"error":{"message":"forbidden"}}"#);
    mock.push_response(200, &[], PROBE_CREATED);
    mock.push_response(404, &[], r#"{"error":{"message":"No response found"}}"#);
    let out = verify(fw_zdr_us, &mock, &key, &["--yes", "--json"]).await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        paths(&mock),
        [
            "GET /v1/accounts/acme/policySettings",
            "POST /v1/responses",
            "GET /v1/responses/resp_probe_1"
        ]
    );
    let v = out.verified();
    assert_eq!(v["method"], "probe");
    assert!(v["notes"][0].as_str().unwrap().contains("403"), "{v}");
}

const POLICY: &str = r#"
mode = "report_only"

[[profile]]
name = "openai-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_eu"

[[profile]]
name = "openai-us"
provider = "openai"
retention = "standard"
project = "proj_us"

[[profile]]
name = "groq"
provider = "groq"
retention = "zero_data_retention"
"#;

#[tokio::test]
async fn the_commands_take_a_policy_of_several_profiles() {
    let policy = file("policy.toml", POLICY);
    let path = policy.to_str().unwrap();
    let explain = |url: &'static str, extra: &'static [&'static str]| {
        let mut args = vec!["explain", "--policy", path, "--url", url];
        args.extend_from_slice(extra);
        async move { run(&args, &[], None).await }
    };
    // Report-only: the decision enforcement would take, marked as not enforced; the exit status
    // still reflects it.
    let out = explain("https://api.groq.com/openai/v1/batches", &[]).await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    let v = out.json();
    assert_eq!(
        (&v["decision"], &v["enforced"], &v["profile"]),
        (&json!("deny"), &json!(false), &json!("groq"))
    );
    let out = explain(
        "https://api.openai.com/v1/embeddings",
        &["--header", "OpenAI-Project: proj_eu"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()["profile"], "openai-eu");
    assert_eq!(out.json()["url"], "https://eu.api.openai.com/v1/embeddings");
    // No project, no choice: ambiguous, and no profile decided.
    let out = explain("https://api.openai.com/v1/embeddings", &[]).await;
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["violation"]["kind"], "ambiguous_profile");
    assert_eq!(out.json()["profile"], Value::Null);
    let out = explain(
        "https://api.openai.com/v1/embeddings",
        &["--choose", "openai-us"],
    )
    .await;
    assert_eq!(out.code, 0);
    assert_eq!(out.json()["profile"], "openai-us");

    // check: the mode first, then one section per profile.
    let out = run(&["check", "--policy", path], &[], None).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .lines()
            .find(|l| l.starts_with("mode: "))
            .is_some_and(|l| l.starts_with("mode: report_only"))
            && out.stdout.find("mode: ") < out.stdout.find("profile `"),
        "{}",
        out.stdout
    );
    for name in ["openai-eu", "openai-us", "groq"] {
        assert!(
            out.stdout.contains(&format!("profile `{name}`")),
            "{}",
            out.stdout
        );
    }
    let out = run(&["check", "--policy", path, "--json"], &[], None).await;
    let v = out.json();
    assert_eq!(v["enforced"], false);
    assert_eq!(v["profiles"].as_array().unwrap().len(), 3);

    // verify: every profile in turn; Groq cannot be verified over an API, so the worst is 2.
    let out = run(&["verify", "--policy", path, "--json"], &[], None).await;
    assert_eq!(out.code, 2, "{}", out.stdout);
    // The same shape as for one profile: the worst result, and every profile in order.
    let v = out.json();
    assert_eq!(v["result"], "unverified", "{v:#}");
    let names: Vec<&str> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{v:#}");
}

#[tokio::test]
async fn check_and_explain_azure_openai_and_openrouter() {
    let azure = file(
        "azure-eu.toml",
        "name = \"azure-eu\"\nprovider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nregion = \"eu\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"\ndeployments = { \"gpt4o-eu\" = \"data_zone_eu\", \"gpt4o-global\" = \"global\" }\n",
    );
    let out = run(
        &["check", "--profile", azure.to_str().unwrap(), "--json"],
        &[],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    // Rows are shown under the resource's v1 base path.
    let chat = endpoint(&v, "POST", "/openai/v1/chat/completions");
    assert_eq!(chat["decision"], "rewrite", "{chat}");
    assert!(chat.to_string().contains("deployments"), "{chat}");
    let batches = endpoint(&v, "POST", "/openai/v1/batches/**");
    assert_eq!(batches["decision"], "deny", "{batches}");

    // A classic path names the deployment; the body's model is checked too.
    let out = run(
        &[
            "explain",
            "--profile",
            azure.to_str().unwrap(),
            "--url",
            "https://contoso.openai.azure.com/openai/deployments/gpt4o-global/chat/completions?api-version=2024-10-21",
            "--body",
            "-",
        ],
        &[],
        Some(br#"{"store":true}"#),
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.json()["violation"]["kind"], "region_not_supported");
    let out = run(
        &[
            "explain",
            "--profile",
            azure.to_str().unwrap(),
            "--url",
            "https://contoso.openai.azure.com/openai/deployments/gpt4o-eu/chat/completions?api-version=2024-10-21",
            "--body",
            "-",
        ],
        &[],
        Some(br#"{"store":true}"#),
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.json()["body"]["store"], false);

    let openrouter = file(
        "openrouter.toml",
        "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]\n",
    );
    let out = run(
        &[
            "explain",
            "--profile",
            openrouter.to_str().unwrap(),
            "--url",
            "https://openrouter.ai/api/v1/chat/completions",
            "--body",
            "-",
        ],
        &[],
        Some(br#"{"model":"m","provider":{"zdr":false,"order":["a"]}}"#),
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v = out.json();
    assert_eq!(v["body"]["provider"]["zdr"], true, "{v}");
    assert_eq!(v["body"]["provider"]["data_collection"], "deny", "{v}");
    assert_eq!(v["body"]["provider"]["order"][0], "a", "{v}");
    let out = run(
        &["check", "--profile", openrouter.to_str().unwrap()],
        &[],
        None,
    )
    .await;
    assert!(
        out.stdout.contains("openrouter.logging_disabled"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("`provider.zdr` → `true`"),
        "{}",
        out.stdout
    );
}

/// `check` and `explain` for every provider added with issue 10: one allowed and one denied
/// request each, judged by the provider's own catalog.
#[tokio::test]
async fn check_and_explain_every_new_provider() {
    let cases = [
        (
            "provider = \"xai\"\nretention = \"zero_data_retention\"",
            "https://api.x.ai/v1/responses",
            "https://api.x.ai/v1/files",
        ),
        (
            "provider = \"mistral\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
            "https://api.mistral.ai/v1/chat/completions",
            "https://api.mistral.ai/v1/conversations",
        ),
        (
            "provider = \"together\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disabled\"]",
            "https://api.together.xyz/v1/chat/completions",
            "https://api.together.ai/v1/files/upload",
        ),
        (
            "provider = \"anthropic\"\nretention = \"zero_data_retention\"",
            "https://api.anthropic.com/v1/messages",
            "https://api.anthropic.com/v1/chat/completions",
        ),
        (
            "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\", \"gemini.zdr_approved\"]",
            "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions",
            "https://generativelanguage.googleapis.com/v1beta/openai/files",
        ),
    ];
    for (i, (toml, allowed, denied)) in cases.into_iter().enumerate() {
        let profile = file(&format!("new-provider-{i}.toml"), toml);
        let path = profile.to_str().unwrap();
        let out = run(&["check", "--profile", path, "--json"], &[], None).await;
        assert_eq!(out.code, 0, "{toml}: {}", out.stderr);
        let rows = out.json()["profiles"][0]["endpoints"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(rows > 3, "{toml}: {rows} rows");
        for (url, code) in [(allowed, 0), (denied, 1)] {
            let out = run(
                &["explain", "--profile", path, "--url", url, "--body", "-"],
                &[],
                Some(br#"{"model":"m"}"#),
            )
            .await;
            assert_eq!(out.code, code, "{url}: {}", out.stdout);
            let v = out.json();
            assert_eq!(
                v["decision"],
                match (code, v["changes"].as_array().map_or(0, Vec::len)) {
                    (0, 0) => "allow",
                    (0, _) => "rewrite",
                    _ => "deny",
                },
                "{v}"
            );
        }
    }
}
