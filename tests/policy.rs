//! A policy of several profiles through one real client, against servers on 127.0.0.1: each
//! request is decided by the profile that covers it, ambiguity is denied before anything is sent,
//! report-only sends what the application built, and the observers see every decision.
#![cfg(feature = "reqwest-middleware")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::sync::{Arc, Mutex};

use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use retention_guard::{
    Mode, Outcome, Policy, ProfileChoice, ProfileError, RetentionGuardMiddleware, Verdict,
    Violation, ViolationKind, client_builder,
};
use serde_json::{Value, json};

const HOSTS: [&str; 4] = [
    "api.openai.com",
    "eu.api.openai.com",
    "api.groq.com",
    "api.fireworks.ai",
];

const APP: &str = r#"
[[profile]]
name = "openai-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_eu"

[[profile]]
name = "openai-us"
provider = "openai"
retention = "modified_abuse_monitoring"
project = "proj_us"

[[profile]]
name = "groq"
provider = "groq"
retention = "zero_data_retention"
"#;

async fn client(policy: &Policy) -> (MockProvider, ClientWithMiddleware) {
    let mock = MockProvider::https(&HOSTS).await;
    let http = mock
        .serve_hosts(client_builder(policy), &HOSTS)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build();
    (mock, client)
}

fn denial(result: reqwest_middleware::Result<reqwest::Response>) -> Violation {
    let err = result.expect_err("the policy must deny this request");
    Violation::find(&err)
        .unwrap_or_else(|| panic!("not a guard violation: {err:?}"))
        .clone()
}

#[tokio::test]
async fn one_client_serves_several_providers_and_projects() {
    let policy = Policy::from_toml_str(APP).unwrap();
    let (mock, client) = client(&policy).await;
    let chat = json!({"model": "m", "store": true, "messages": []});

    // Groq: its own profile (ZDR; Groq does not store chat, so no `store` is added).
    let resp = client
        .post("https://api.groq.com/openai/v1/chat/completions")
        .json(&json!({"model": "llama", "messages": []}))
        .send()
        .await
        .unwrap();
    let verdict = resp.extensions().get::<Verdict>().cloned();
    assert_eq!(
        verdict.and_then(|v| v.profile).as_deref(),
        Some("groq"),
        "the Groq profile decided"
    );
    // Groq ZDR denies batches.
    let v = denial(
        client
            .post("https://api.groq.com/openai/v1/batches")
            .json(&json!({}))
            .send()
            .await,
    );
    assert_eq!(
        (v.kind(), v.profile()),
        (ViolationKind::EndpointNotEligible, "groq")
    );

    // OpenAI, project EU: routed to the EU host, `store` rewritten.
    client
        .post("https://api.openai.com/v1/chat/completions")
        .header("openai-project", "proj_eu")
        .json(&chat)
        .send()
        .await
        .unwrap();
    // OpenAI, project US (modified abuse monitoring): sent as is.
    client
        .post("https://api.openai.com/v1/chat/completions")
        .header("openai-project", "proj_us")
        .json(&chat)
        .send()
        .await
        .unwrap();
    let got = mock.requests();
    let eu = &got[got.len() - 2];
    let us = &got[got.len() - 1];
    assert_eq!(eu.host, "eu.api.openai.com");
    assert_eq!(eu.json().unwrap()["store"], Value::Bool(false));
    assert_eq!(us.host, "api.openai.com");
    assert_eq!(us.json().unwrap()["store"], Value::Bool(true));

    // A profile chosen in code, without the header: it sets its project.
    client
        .post("https://api.openai.com/v1/embeddings")
        .with_extension(ProfileChoice::new("openai-us"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        mock.requests().last().unwrap().header("openai-project"),
        Some("proj_us")
    );

    // Nothing tells the two OpenAI profiles apart: denied, nothing sent.
    let before = mock.count();
    let v = denial(
        client
            .post("https://api.openai.com/v1/chat/completions")
            .json(&chat)
            .send()
            .await,
    );
    assert_eq!(v.kind(), ViolationKind::AmbiguousProfile);
    assert!(
        v.reason().contains("openai-eu") && v.reason().contains("openai-us"),
        "{v}"
    );
    let v = denial(
        client
            .post("https://api.openai.com/v1/chat/completions")
            .header("openai-project", "proj_other")
            .json(&chat)
            .send()
            .await,
    );
    assert_eq!(v.kind(), ViolationKind::AmbiguousProfile);
    let v = denial(
        client
            .post("https://api.openai.com/v1/embeddings")
            .with_extension(ProfileChoice::new("nobody"))
            .json(&json!({}))
            .send()
            .await,
    );
    assert_eq!(v.kind(), ViolationKind::AmbiguousProfile);
    // A host no profile covers: denied, since a profile is ZDR.
    let v = denial(
        client
            .post("https://api.fireworks.ai/inference/v1/chat/completions")
            .json(&json!({}))
            .send()
            .await,
    );
    assert_eq!(v.kind(), ViolationKind::HostNotAllowed);
    assert_eq!(mock.count(), before, "a denied request reached the server");
}

#[tokio::test]
async fn a_denial_displays_its_code_and_downcasts_to_the_violation() {
    let policy = Policy::from_toml_str(APP).unwrap();
    let (_mock, client) = client(&policy).await;
    let err = client
        .post("https://api.groq.com/openai/v1/files")
        .json(&json!({}))
        .send()
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("endpoint_not_eligible") && shown.contains("groq.files"),
        "{shown}"
    );
    let reqwest_middleware::Error::Middleware(inner) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        inner.downcast_ref::<Violation>().map(Violation::kind),
        Some(ViolationKind::EndpointNotEligible)
    );
}

#[tokio::test]
async fn gateways_share_a_host_and_are_told_apart_by_base_path() {
    let mock = MockProvider::http().await;
    let (openai, groq) = (mock.url("/openai/v1"), mock.url("/groq/v1"));
    let policy = Policy::from_toml_str(&format!(
        r#"
        [[profile]]
        name = "via-gateway-openai"
        provider = "openai"
        retention = "zero_data_retention"
        base_url = "{openai}"

        [[profile]]
        name = "via-gateway-groq"
        provider = "groq"
        retention = "standard"
        base_url = "{groq}"
        "#
    ))
    .unwrap();
    let http = client_builder(&policy).build().unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    // The Groq path under the gateway: standard, sent as is.
    client
        .post(format!("{groq}/batches"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(mock.count(), 1);
    // The OpenAI path: ZDR, denied.
    let v = denial(
        client
            .post(format!("{openai}/assistants"))
            .json(&json!({}))
            .send()
            .await,
    );
    assert_eq!(v.profile(), "via-gateway-openai");
    // A path whose readings fall under both base paths: denied as ambiguous.
    let sneaky = format!("{groq}/..%2F..%2Fopenai/v1/assistants");
    let v = denial(client.post(sneaky).json(&json!({})).send().await);
    assert_eq!(v.kind(), ViolationKind::AmbiguousProfile, "{v}");
    assert_eq!(mock.count(), 1, "a denied request reached the server");
}

/// One record: the verdict in the response's extensions is the one the observer received, and
/// an enforced denial reaches the observer with its whole violation.
#[tokio::test]
async fn the_extensions_and_the_observer_hold_the_same_record() {
    let records = Arc::new(Mutex::new(Vec::<Verdict>::new()));
    let sink = records.clone();
    let policy = Policy::from_toml_str(APP)
        .unwrap()
        .with_observer(move |v: &Verdict| sink.lock().unwrap().push(v.clone()));
    let (mock, client) = client(&policy).await;

    let resp = client
        .post("https://API.openai.com./v1/chat/completions")
        .header("openai-project", "proj_eu")
        .json(&json!({"model": "m", "store": true, "messages": []}))
        .send()
        .await
        .expect("rewritten and routed");
    let verdict = resp.extensions().get::<Verdict>().cloned().unwrap();
    assert_eq!(verdict.method, http::Method::POST);
    assert_eq!(
        verdict.host, "api.openai.com",
        "the host as addressed, in canonical form"
    );
    assert_eq!(verdict.outcome(), Outcome::Rewrite);
    assert_eq!(
        verdict.path_template().as_deref(),
        Some("/v1/chat/completions")
    );
    assert_eq!(verdict.profile.as_deref(), Some("openai-eu"));
    assert!(verdict.enforced && verdict.violation.is_none() && verdict.code().is_none());
    assert!(
        verdict
            .changes
            .iter()
            .any(|c| matches!(c, retention_guard::Change::Routed { .. })),
        "{:?}",
        verdict.changes
    );
    assert_eq!(mock.requests()[0].host, "eu.api.openai.com");

    let violation = denial(
        client
            .post("https://api.openai.com/v1/assistants")
            .header("openai-project", "proj_eu")
            .json(&json!({"model": "m"}))
            .send()
            .await,
    );
    assert_eq!(mock.count(), 1, "the denied request was not sent");
    let records = records.lock().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0], verdict,
        "the observer saw the extensions' record"
    );
    assert_eq!(records[1].violation.as_ref(), Some(&violation));
    assert_eq!(records[1].outcome(), Outcome::Deny);
    assert_eq!(records[1].code(), Some("endpoint_not_eligible"));
    assert_eq!(
        records[1].path_template().as_deref(),
        Some("/v1/assistants/**")
    );
    let line: Value = serde_json::to_value(&records[1]).unwrap();
    assert_eq!(line["outcome"], "deny");
    assert_eq!(line["violation"]["code"], "endpoint_not_eligible");
    assert_eq!(line["method"], "POST");
    assert_eq!(line["path_template"], "/v1/assistants/**");
}

#[tokio::test]
async fn report_only_sends_what_the_application_built_and_reports_what_would_change() {
    let records = Arc::new(Mutex::new(Vec::<Verdict>::new()));
    let sink = records.clone();
    let policy = Policy::from_toml_str(&format!("mode = \"report_only\"\n{APP}"))
        .unwrap()
        .with_observer(move |r: &Verdict| sink.lock().unwrap().push(r.clone()));
    assert_eq!(policy.mode(), Mode::ReportOnly);
    let (mock, client) = client(&policy).await;
    let chat = json!({"model": "m", "store": true, "messages": []});

    let resp = client
        .post("https://api.openai.com/v1/chat/completions")
        .header("openai-project", "proj_eu")
        .json(&chat)
        .send()
        .await
        .expect("report-only never denies");
    let verdict = resp.extensions().get::<Verdict>().cloned().unwrap();
    assert!(!verdict.enforced);
    assert!(!verdict.changes.is_empty(), "what enforcement would change");
    let resp = client
        .post("https://api.groq.com/openai/v1/batches")
        .json(&json!({}))
        .send()
        .await
        .expect("report-only never denies");
    let verdict = resp.extensions().get::<Verdict>().cloned().unwrap();
    assert_eq!(
        verdict.violation.map(|v| v.kind()),
        Some(ViolationKind::EndpointNotEligible)
    );

    let got = mock.requests();
    assert_eq!(got.len(), 2, "both requests were sent");
    assert_eq!(got[0].host, "api.openai.com", "not routed");
    assert_eq!(got[0].json().unwrap(), chat, "not rewritten");
    assert_eq!(got[1].path, "/openai/v1/batches");

    let records = records.lock().unwrap();
    assert_eq!(records.len(), 2, "the observer saw every decision");
    assert_eq!(records[0].profile.as_deref(), Some("openai-eu"));
    assert_eq!(records[0].outcome(), Outcome::Rewrite);
    assert_eq!(
        records[0].path_template().as_deref(),
        Some("/v1/chat/completions")
    );
    assert!(!records[0].enforced);
    assert_eq!(records[1].outcome(), Outcome::Deny);
    assert_eq!(
        records[1].path_template().as_deref(),
        Some("/openai/v1/batches/**")
    );
    assert_eq!(records[1].code(), Some("endpoint_not_eligible"));
    // A record is one JSON object, with no body, query or header the application set.
    let line = serde_json::to_string(&records[0]).unwrap();
    assert!(
        line.contains("\"outcome\":\"rewrite\"") && !line.contains("messages"),
        "{line}"
    );
}

#[test]
fn load_time_errors_name_the_profile_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let err = |text: &str| {
        Policy::from_toml_file(file("policy.toml", text))
            .unwrap_err()
            .to_string()
    };
    let e = err(&format!(
        "{APP}\n[[profile]]\nname = \"groq\"\nprovider = \"groq\"\nretention = \"standard\"\n"
    ));
    assert!(e.contains("`groq`") && e.contains("policy.toml"), "{e}");
    let e = err(
        "[[profile]]\nprovider = \"openai\"\nretention = \"zero_data_retention\"\n\n[[profile]]\nname = \"b\"\nprovider = \"groq\"\nretention = \"standard\"\nregion = \"eu\"\n",
    );
    assert!(
        e.contains("`b` (#2)") && e.contains("region") && e.contains("policy.toml"),
        "{e}"
    );
    let e = err(
        "[[profile]]\nname = \"a\"\nprovider = \"openai\"\nretention = \"standard\"\n\n[[profile]]\nname = \"b\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\n",
    );
    assert!(
        e.contains("`a`") && e.contains("`b`") && e.contains("project"),
        "{e}"
    );
    let e = err(
        "[[profile]]\nname = \"a\"\nprovider = \"openai\"\nretention = \"standard\"\nproject = \"p\"\n\n[[profile]]\nname = \"b\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nproject = \"p\"\n",
    );
    assert!(e.contains("tells them apart"), "{e}");
    let e = err("mode = \"audit\"\n[[profile]]\nprovider = \"groq\"\nretention = \"standard\"\n");
    assert!(e.contains("audit"), "{e}");
    let e =
        err("provider = \"groq\"\n[[profile]]\nprovider = \"groq\"\nretention = \"standard\"\n");
    assert!(e.contains("`provider`"), "{e}");
    let e = err("[[profile]]\nprovider = \"groq\"\nretention = \"standard\"\ncolour = \"red\"\n");
    assert!(e.contains("colour") && e.contains("#1"), "{e}");
    assert!(matches!(
        Policy::from_toml_str("[[profile]]\nprovider = \"groq\"\n"),
        Err(ProfileError::InProfile { .. })
    ));

    // Today's single-profile file is a policy of one; distinct projects are fine.
    let one = Policy::from_toml_file(file(
        "one.toml",
        "provider = \"groq\"\nretention = \"standard\"\n",
    ))
    .unwrap();
    assert_eq!(one.profiles().count(), 1);
    assert_eq!(one.mode(), Mode::Enforce);
    Policy::from_toml_str(APP).unwrap();
}

#[cfg(feature = "metrics")]
#[test]
fn counters_count_every_decision_by_profile_outcome_violation_and_rule() {
    use http::{HeaderMap, Method};
    use metrics_util::debugging::{DebugValue, DebuggingRecorder};
    use retention_guard::guard::{Body, Request};
    use retention_guard::policy::{DECISIONS_TOTAL, MetricsObserver};

    let policy = Policy::from_toml_str(APP)
        .unwrap()
        .with_observer(MetricsObserver);
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let headers = HeaderMap::new();
    let mut eu = HeaderMap::new();
    eu.insert("openai-project", "proj_eu".parse().unwrap());
    metrics::with_local_recorder(&recorder, || {
        let send = |url: &str, headers: &HeaderMap, body: &[u8]| {
            let url = url.parse().unwrap();
            let _ = policy.evaluate(
                &Request::new(&Method::POST, &url, headers, Body::Bytes(body)),
                None,
            );
        };
        send(
            "https://api.groq.com/openai/v1/chat/completions",
            &headers,
            b"{}",
        );
        send(
            "https://api.groq.com/openai/v1/chat/completions",
            &headers,
            b"{}",
        );
        send("https://api.groq.com/openai/v1/batches", &headers, b"{}");
        send(
            "https://api.openai.com/v1/chat/completions",
            &eu,
            b"{\"store\":true}",
        );
        send("https://example.com/v1/x", &headers, b"{}");
    });
    let mut counts: Vec<(Vec<(String, String)>, u64)> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .filter(|(key, ..)| key.key().name() == DECISIONS_TOTAL)
        .map(|(key, _, _, value)| {
            let DebugValue::Counter(n) = value else {
                panic!("not a counter")
            };
            let labels = key
                .key()
                .labels()
                .map(|l| (l.key().to_owned(), l.value().to_owned()))
                .collect();
            (labels, n)
        })
        .collect();
    counts.sort();
    let find = |profile: &str, outcome: &str| {
        counts
            .iter()
            .find(|(l, _)| {
                l.contains(&("profile".into(), profile.into()))
                    && l.contains(&("outcome".into(), outcome.into()))
            })
            .map(|(l, n)| (l.clone(), *n))
    };
    let (_, n) = find("groq", "allow").expect("groq allows");
    assert_eq!(n, 2);
    let (labels, n) = find("groq", "deny").expect("groq denies");
    assert_eq!(n, 1);
    assert!(labels.contains(&("violation".into(), "endpoint_not_eligible".into())));
    assert!(labels.contains(&("rule".into(), "groq.batches".into())));
    assert_eq!(find("openai-eu", "rewrite").map(|(_, n)| n), Some(1));
    // A host no profile covers, denied by the policy itself.
    let (labels, _) = find("", "deny").expect("the policy denies an unknown host");
    assert!(labels.contains(&("violation".into(), "host_not_allowed".into())));
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<u64>(), 5);
}

/// An application middleware that sends every request to the assistants endpoint.
struct Redirector;

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Redirector {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        req.url_mut().set_path("/openai/v1/batches");
        next.run(req, extensions).await
    }
}

#[tokio::test]
async fn the_guarded_client_builder_keeps_the_guard_innermost() {
    let policy = Policy::from_toml_str(APP).unwrap();
    let mock = MockProvider::https(&HOSTS).await;
    // The application's settings (here: resolving the hosts to the mock) are kept.
    let http = mock.serve_hosts(reqwest::Client::builder(), &HOSTS);
    let client = retention_guard::GuardedClientBuilder::new(&policy, http)
        .unwrap()
        .with(Redirector)
        .build();
    // The middleware added outside turns a chat request into a batch: the guard, innermost, sees
    // the batch and denies it.
    let v = denial(
        client
            .post("https://api.groq.com/openai/v1/chat/completions")
            .json(&json!({}))
            .send()
            .await,
    );
    assert_eq!(v.kind(), ViolationKind::EndpointNotEligible);
    assert_eq!(mock.count(), 0);
}

#[cfg(feature = "verify")]
#[tokio::test]
async fn a_service_can_verify_its_policy_from_code() {
    use retention_guard::verify::{VerifyKeys, VerifyOptions, VerifyStatus, verify};

    let mock = MockProvider::http().await;
    mock.push_response(200, &[], r#"{"type":"zero_data_retention"}"#);
    mock.push_response(200, &[], r#"{"type":"organization_default"}"#);
    mock.push_response(
        200,
        &[],
        r#"{"id":"proj_eu","residency":"US_STORAGE_PROCESSING"}"#,
    );
    let policy = Policy::from_toml_str(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"",
    )
    .unwrap();
    let options = VerifyOptions {
        base_url: Some(mock.url("/v1")),
        keys: VerifyKeys {
            openai_admin: Some("sk-admin-test".to_owned()),
            ..VerifyKeys::default()
        },
        ..VerifyOptions::from_env()
    };
    let reports = verify(&policy, &options).await.unwrap();
    assert_eq!(reports.len(), 1);
    // The project is in the US, the profile says EU: a service would refuse to start.
    assert_eq!(reports[0].status(), VerifyStatus::Mismatch);
    assert_eq!(reports[0].method, "admin_api");
    let json = serde_json::to_string(&reports[0]).unwrap();
    assert!(!json.contains("sk-admin-test"), "{json}");
    assert!(!format!("{options:?}").contains("sk-admin-test"));
}

const CHAT_ANSWER: &str = r#"{"id":"chatcmpl-mock","object":"chat.completion","created":0,"model":"grok-4.6","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#;

#[tokio::test]
async fn a_response_that_does_not_attest_zdr_becomes_an_error_and_stops_the_profile() {
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = failures.clone();
    struct Failures(Arc<Mutex<Vec<String>>>);
    impl retention_guard::Observer for Failures {
        fn decided(&self, _: &Verdict) {}
        fn attestation_failed(&self, v: &Violation) {
            self.0.lock().unwrap().push(v.code().to_owned());
        }
    }
    let policy = Policy::from_toml_str(
        "name = \"xai\"\nprovider = \"xai\"\nretention = \"zero_data_retention\"\nattest = \"enforce\"",
    )
    .unwrap()
    .with_observer(Failures(sink));
    let hosts = ["api.x.ai"];
    let mock = MockProvider::https(&hosts).await;
    let http = mock
        .serve_hosts(client_builder(&policy), &hosts)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    let chat = || {
        client
            .post("https://api.x.ai/v1/chat/completions")
            .json(&json!({"model": "grok-4.6", "messages": []}))
            .send()
    };

    mock.push_response(200, &[("x-zero-data-retention", "true")], CHAT_ANSWER);
    chat().await.expect("attested");
    mock.push_response(200, &[("x-zero-data-retention", "false")], CHAT_ANSWER);
    let v = denial(chat().await);
    assert_eq!(v.kind(), ViolationKind::AttestationMismatch);
    assert!(v.reason().contains("`false`"), "{v}");
    // Later requests of the profile are refused before anything is sent.
    let sent = mock.count();
    let v = denial(chat().await);
    assert_eq!(v.kind(), ViolationKind::AttestationMismatch);
    assert_eq!(mock.count(), sent, "a refused request reached the server");
    assert!(policy.reset_attestation("xai"));
    // A response without the header at all is a mismatch too.
    let err = chat().await.unwrap_err();
    assert_eq!(
        Violation::find(&err).map(Violation::kind),
        Some(ViolationKind::AttestationMismatch)
    );
    assert_eq!(mock.count(), sent + 1);
    assert_eq!(
        *failures.lock().unwrap(),
        ["attestation_mismatch", "attestation_mismatch"]
    );

    // `attest = "report"` (the default): reported, the response passes.
    let reporting = Policy::from_toml_str(
        "name = \"xai\"\nprovider = \"xai\"\nretention = \"zero_data_retention\"",
    )
    .unwrap();
    let http = mock
        .serve_hosts(client_builder(&reporting), &hosts)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&reporting))
        .build();
    mock.push_response(200, &[("x-zero-data-retention", "false")], CHAT_ANSWER);
    client
        .post("https://api.x.ai/v1/chat/completions")
        .json(&json!({}))
        .send()
        .await
        .expect("reported, not enforced");
}

#[test]
fn choices_redirects_and_gateways_follow_the_profiles_that_cover_the_request() {
    use http::{HeaderMap, Method, StatusCode};
    use retention_guard::Decision;
    use retention_guard::guard::{Body, Request};

    let records = Arc::new(Mutex::new(Vec::<Verdict>::new()));
    let sink = records.clone();
    let policy = Policy::from_toml_str(
        r#"
        on_unknown_host = "fail_open"

        [[profile]]
        name = "openai-eu"
        provider = "openai"
        retention = "zero_data_retention"
        region = "eu"

        [[profile]]
        name = "groq-std"
        provider = "groq"
        retention = "standard"

        [[profile]]
        name = "via-gw"
        provider = "openai"
        retention = "standard"
        base_url = "https://gw.example/openai/v1"
        "#,
    )
    .unwrap()
    .with_observer(move |r: &Verdict| sink.lock().unwrap().push(r.clone()));
    let headers = HeaderMap::new();
    let decide = |url: &str, choice: Option<&str>| {
        let url = url.parse().unwrap();
        let choice = choice.map(ProfileChoice::new);
        let (decision, guard) = policy.evaluate(
            &Request::new(&Method::POST, &url, &headers, Body::Bytes(b"{}")),
            choice.as_ref(),
        );
        (decision, guard.map(|g| g.profile().name().to_owned()))
    };
    // A choice picks only among the profiles that cover the request.
    let d = decide("https://api.openai.com/v1/assistants", Some("groq-std"));
    assert_eq!(
        d.0.violation().map(Violation::kind),
        Some(ViolationKind::AmbiguousProfile)
    );
    // A host no profile covers follows `on_unknown_host` whatever the choice.
    let d = decide("https://evil.example/v1/x", Some("groq-std"));
    assert!(matches!(d.0, Decision::Allow(_)) && d.1.is_none());
    // A gateway profile yields the provider's own hosts to the profile that covers them.
    let d = decide("https://api.openai.com/v1/assistants", None);
    assert_eq!(d.1.as_deref(), Some("openai-eu"));
    assert_eq!(
        d.0.violation().map(Violation::kind),
        Some(ViolationKind::EndpointNotEligible)
    );
    let d = decide("https://gw.example/openai/v1/assistants", None);
    assert_eq!(d.1.as_deref(), Some("via-gw"));

    // Redirects: a 307 from a host the policy passes through into a covered one is refused (the
    // body would be resent), and the target's profile judges a redirect into its hosts.
    let url = |s: &str| -> url::Url { s.parse().unwrap() };
    let v = retention_guard::adapter::check_redirect(
        &policy,
        StatusCode::TEMPORARY_REDIRECT,
        &url("https://internal.example/upload"),
        &url("https://eu.api.openai.com/v1/assistants"),
    )
    .unwrap_err();
    // The EU host is the profile's own, so only the resent body makes it a refusal.
    assert_eq!(v.kind(), ViolationKind::UnknownEndpoint);
    let v = retention_guard::adapter::check_redirect(
        &policy,
        StatusCode::FOUND,
        &url("https://api.groq.com/openai/v1/models"),
        &url("https://api.openai.com/v1/files"),
    )
    .unwrap_err();
    assert_eq!(v.kind(), ViolationKind::RegionMismatch);
    let refused = records
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.method == "GET" && r.violation.is_some())
        .count();
    assert_eq!(refused, 2, "refused redirects are reported");
    // In report_only a refused redirect is reported and followed.
    let reporting = policy.clone().with_mode(Mode::ReportOnly);
    retention_guard::adapter::check_redirect(
        &reporting,
        StatusCode::FOUND,
        &url("https://api.groq.com/openai/v1/models"),
        &url("https://api.openai.com/v1/files"),
    )
    .expect("followed in report_only");
    assert_eq!(
        records
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.method == "GET" && !r.enforced)
            .count(),
        1
    );
}

#[cfg(feature = "verify")]
#[tokio::test]
async fn azure_verify_reads_the_resource_content_logging_capability() {
    use retention_guard::verify::{VerifyKeys, VerifyOptions, VerifyStatus, verify};

    let policy = Policy::from_toml_str(
        "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"",
    )
    .unwrap();
    let mock = MockProvider::http().await;
    let options = VerifyOptions {
        base_url: Some(mock.url("")),
        keys: VerifyKeys {
            azure_token: Some("eyJ-test-token".to_owned()),
            azure_subscription: Some("sub-1".to_owned()),
            azure_resource_group: Some("rg-ai".to_owned()),
            ..VerifyKeys::default()
        },
        ..VerifyOptions::from_env()
    };
    let account = |logging: &str| {
        format!(
            r#"{{"location":"swedencentral","properties":{{"capabilities":[{{"name":"ContentLogging","value":"{logging}"}},{{"name":"VirtualNetworks","value":"true"}}]}}}}"#
        )
    };
    // Approved: `ContentLogging` is false.
    mock.push_response(200, &[], &account("false"));
    let reports = verify(&policy, &options).await.unwrap();
    assert_eq!(reports[0].method, "management_api");
    assert_eq!(reports[0].status(), VerifyStatus::Match, "{:?}", reports[0]);
    let asked = mock.requests().pop().unwrap();
    assert_eq!(
        asked.path,
        "/subscriptions/sub-1/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso?api-version=2024-10-01"
    );
    assert_eq!(asked.header("authorization"), Some("Bearer eyJ-test-token"));
    assert!(reports[0].notes.iter().any(|n| n.contains("swedencentral")));

    // Not approved: logging on, or the capability absent.
    mock.push_response(200, &[], &account("true"));
    let reports = verify(&policy, &options).await.unwrap();
    assert_eq!(
        reports[0].status(),
        VerifyStatus::Mismatch,
        "{:?}",
        reports[0]
    );
    mock.push_response(200, &[], r#"{"properties":{"capabilities":[]}}"#);
    let reports = verify(&policy, &options).await.unwrap();
    assert_eq!(
        reports[0].status(),
        VerifyStatus::Mismatch,
        "{:?}",
        reports[0]
    );

    // The management API refuses: unverified, with its error code; the token never shows.
    mock.push_response(
        403,
        &[],
        r#"{"error":{"code":"AuthorizationFailed","message":"no"}}"#,
    );
    let reports = verify(&policy, &options).await.unwrap();
    assert_eq!(reports[0].status(), VerifyStatus::Unverified);
    let json = serde_json::to_string(&reports[0]).unwrap();
    assert!(json.contains("AuthorizationFailed"), "{json}");
    assert!(!json.contains("eyJ-test-token"), "{json}");

    // Without credentials: says which variables to set, and asks nothing.
    let before = mock.count();
    let reports = verify(
        &policy,
        &VerifyOptions {
            keys: VerifyKeys::default(),
            ..options.clone()
        },
    )
    .await
    .unwrap();
    assert_eq!(reports[0].status(), VerifyStatus::Unverified);
    assert!(reports[0].notes[0].contains("AZURE_ACCESS_TOKEN"));
    assert_eq!(mock.count(), before);
}

#[test]
fn attestation_needs_the_header_on_success_only() {
    let guard = retention_guard::Guard::new(
        retention_guard::Profile::from_toml_str(
            "provider = \"xai\"\nretention = \"zero_data_retention\"\nattest = \"enforce\"",
        )
        .unwrap(),
    );
    let headers = |v: Option<&str>| {
        let mut h = http::HeaderMap::new();
        if let Some(v) = v {
            h.insert("x-zero-data-retention", v.parse().unwrap());
        }
        h
    };
    use http::StatusCode as S;
    assert!(guard.attest(S::OK, &headers(Some("true"))).is_ok());
    assert!(guard.attest(S::OK, &headers(Some("\"TRUE\""))).is_ok());
    assert!(guard.attest(S::OK, &headers(None)).is_err());
    assert!(guard.attest(S::OK, &headers(Some("false"))).is_err());
    // An error page from a proxy attests nothing either way; a provider error that says `false`
    // still fails.
    assert!(guard.attest(S::SERVICE_UNAVAILABLE, &headers(None)).is_ok());
    assert!(
        guard
            .attest(S::BAD_REQUEST, &headers(Some("false")))
            .is_err()
    );
}
