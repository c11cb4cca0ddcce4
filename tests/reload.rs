//! A reloadable policy through a real client, against a server on 127.0.0.1: a swap in the middle
//! of concurrent requests loses none and mixes none, a file that does not load keeps the policy in
//! force and is reported, and the watcher picks a new file up.
#![cfg(feature = "reqwest-middleware")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use retention_guard::policy::{Observer, ReloadablePolicy, Reloaded};
use retention_guard::{ProfileError, RetentionGuardMiddleware, Verdict, client_builder};
use serde_json::json;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];

/// Policy A routes to the EU host and rewrites `store`; policy B sends as built.
const A: &str =
    "name = \"a\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n";
const B: &str = "name = \"b\"\nprovider = \"openai\"\nretention = \"modified_abuse_monitoring\"\n";

fn sha256(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A policy file in a directory of its own, removed on drop.
struct PolicyFile(PathBuf);

impl PolicyFile {
    fn new(test: &str, text: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("rg-reload-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = PolicyFile(dir.join("policy.toml"));
        file.write(text);
        file
    }

    fn write(&self, text: &str) {
        write_whole(&self.0, text);
    }
}

/// Writes beside `path` and renames, as a rollout does: a reader never sees half a file.
fn write_whole(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

impl Drop for PolicyFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

async fn client(policy: &ReloadablePolicy) -> (MockProvider, ClientWithMiddleware) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_swap_in_the_middle_of_concurrent_requests_loses_none_and_mixes_none() {
    let file = PolicyFile::new("swap", A);
    let policy = ReloadablePolicy::from_file(&file.0).unwrap();
    let (mock, client) = client(&policy).await;
    let (digest_a, digest_b) = (sha256(A), sha256(B));
    assert_eq!(policy.current().digest(), Some(digest_a.as_str()));

    const REQUESTS: usize = 400;
    let done = Arc::new(AtomicUsize::new(0));
    // Swap A → B → A → B while requests are in flight: after 60, 160 and 260 answers.
    let swapper = {
        let (policy, done, path) = (policy.clone(), done.clone(), file.0.clone());
        tokio::spawn(async move {
            for (at, text) in [(60, B), (160, A), (260, B)] {
                while done.load(Ordering::SeqCst) < at {
                    tokio::task::yield_now().await;
                }
                write_whole(&path, text);
                assert!(matches!(
                    policy.reload().unwrap(),
                    Reloaded::Replaced { .. }
                ));
            }
        })
    };
    let results: Vec<(usize, Verdict)> = stream::iter(0..REQUESTS)
        .map(|n| {
            let (client, done) = (&client, done.clone());
            async move {
                let resp = client
                    .post("https://api.openai.com/v1/chat/completions")
                    .header("x-request", n.to_string())
                    .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": []}))
                    .send()
                    .await
                    .expect("both policies allow this request");
                done.fetch_add(1, Ordering::SeqCst);
                let verdict = resp.extensions().get::<Verdict>().cloned().unwrap();
                (n, verdict)
            }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    swapper.await.unwrap();

    // None lost: every request was answered and reached the server once.
    assert_eq!(results.len(), REQUESTS);
    let received = mock.requests();
    assert_eq!(received.len(), REQUESTS);
    // None mixed: the profile, the digest and what the server received agree, request by request.
    let (mut by_a, mut by_b) = (0, 0);
    for (n, verdict) in &results {
        let sent = received
            .iter()
            .find(|r| r.header("x-request") == Some(n.to_string().as_str()))
            .unwrap_or_else(|| panic!("request {n} reached the server"));
        let store = sent.json().unwrap()["store"].clone();
        match verdict.profile.as_deref() {
            Some("a") => {
                by_a += 1;
                assert_eq!(
                    verdict.policy.as_deref(),
                    Some(digest_a.as_str()),
                    "request {n}"
                );
                assert_eq!(sent.host, "eu.api.openai.com", "request {n}: routed by A");
                assert_eq!(store, json!(false), "request {n}: rewritten by A");
            }
            Some("b") => {
                by_b += 1;
                assert_eq!(
                    verdict.policy.as_deref(),
                    Some(digest_b.as_str()),
                    "request {n}"
                );
                assert_eq!(
                    sent.host, "api.openai.com",
                    "request {n}: sent as built by B"
                );
                assert_eq!(store, json!(true), "request {n}: not rewritten by B");
            }
            other => panic!("request {n}: decided by {other:?}"),
        }
    }
    assert!(
        by_a > 0 && by_b > 0,
        "both policies decided requests: {by_a} and {by_b}"
    );
    assert_eq!(policy.current().digest(), Some(digest_b.as_str()));
}

/// Records reload failures and decisions.
#[derive(Default)]
struct Seen {
    failures: Mutex<Vec<String>>,
    decisions: AtomicUsize,
}

struct Watcher(Arc<Seen>);

impl Observer for Watcher {
    fn decided(&self, _: &Verdict) {
        self.0.decisions.fetch_add(1, Ordering::SeqCst);
    }

    fn reload_failed(&self, error: &ProfileError) {
        self.0.failures.lock().unwrap().push(error.to_string());
    }
}

#[tokio::test]
async fn a_file_that_does_not_load_keeps_the_policy_in_force_and_is_reported() {
    let file = PolicyFile::new("broken", A);
    let seen = Arc::new(Seen::default());
    let policy = ReloadablePolicy::from_file(&file.0)
        .unwrap()
        .configure(|p| p.with_observer(Watcher(seen.clone())));
    let (mock, client) = client(&policy).await;

    // An unknown provider, then a file that is not TOML: neither replaces A.
    for broken in [
        "provider = \"nobody\"\nretention = \"zero_data_retention\"\n",
        "provider = ",
    ] {
        file.write(broken);
        let err = policy.reload().expect_err("the file does not load");
        assert_eq!(policy.current().digest(), Some(sha256(A).as_str()), "{err}");
    }
    let failures = seen.failures.lock().unwrap().clone();
    assert_eq!(failures.len(), 2, "each failure reported: {failures:?}");
    assert!(failures[0].contains("nobody"), "{}", failures[0]);

    // Requests are still decided by A: routed and rewritten.
    client
        .post("https://api.openai.com/v1/chat/completions")
        .json(&json!({"model": "m", "store": true, "messages": []}))
        .send()
        .await
        .expect("allowed by A");
    let sent = &mock.requests()[0];
    assert_eq!(sent.host, "eu.api.openai.com");
    assert_eq!(sent.json().unwrap()["store"], json!(false));

    // A good file again: replaced, and the observers came along.
    file.write(B);
    assert!(matches!(
        policy.reload().unwrap(),
        Reloaded::Replaced { .. }
    ));
    assert_eq!(policy.reload().unwrap(), Reloaded::Unchanged);
    let before = seen.decisions.load(Ordering::SeqCst);
    client
        .post("https://api.openai.com/v1/chat/completions")
        .json(&json!({"model": "m", "messages": []}))
        .send()
        .await
        .expect("allowed by B");
    assert_eq!(
        seen.decisions.load(Ordering::SeqCst),
        before + 1,
        "observer kept"
    );
    assert_eq!(mock.requests()[1].host, "api.openai.com");
}

#[test]
fn the_watcher_puts_a_changed_file_in_force_and_stops_when_dropped() {
    let file = PolicyFile::new("watch", A);
    let policy = ReloadablePolicy::from_file(&file.0).unwrap();
    let watch = policy.watch(Duration::from_millis(10)).unwrap();
    file.write(B);
    let deadline = Instant::now() + Duration::from_secs(10);
    while policy.current().digest() != Some(sha256(B).as_str()) {
        assert!(
            Instant::now() < deadline,
            "the watcher did not reload the file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(watch);
    file.write(A);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        policy.current().digest(),
        Some(sha256(B).as_str()),
        "a dropped watcher reloads nothing"
    );
    // A policy built in code has no file to reload or watch.
    let in_code = ReloadablePolicy::new(retention_guard::Policy::from_toml_str(A).unwrap());
    assert!(in_code.reload().is_err() && in_code.watch(Duration::from_secs(1)).is_err());
}
