//! A `retention-guard serve` process for the tests: started on a free loopback port in front of
//! the mock provider (trusting its certificate, resolving the provider's hosts to it), stopped
//! with SIGTERM.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

use super::mock_provider::MockProvider;

pub struct Sidecar {
    child: Child,
    addr: String,
    stderr: tokio::task::JoinHandle<String>,
    _dir: tempfile::TempDir,
}

/// Writes `text` to a policy file that outlives the test process's use of it.
pub fn write_policy(text: &str) -> PathBuf {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join("policy.toml");
    std::fs::write(&path, text).unwrap();
    path
}

impl Sidecar {
    /// Starts the sidecar with `policy` in front of `mock`, which stands in for `hosts`.
    pub async fn start(policy: &str, mock: &MockProvider, hosts: &[&str], extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("policy.toml");
        std::fs::write(&profile, policy).unwrap();
        let ca = dir.path().join("mock.pem");
        std::fs::write(&ca, mock.cert_pem().expect("an HTTPS mock")).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_retention-guard"));
        cmd.arg("serve")
            .arg("--profile")
            .arg(&profile)
            .args(["--listen", "127.0.0.1:0", "--upstream-ca"])
            .arg(&ca);
        for host in hosts {
            cmd.arg("--resolve").arg(format!("{host}={}", mock.addr()));
        }
        cmd.args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("the retention-guard binary");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line())
            .await
            .expect("the sidecar starts")
            .unwrap()
            .expect("a line on standard output");
        let addr = first
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        let mut stderr = child.stderr.take().unwrap();
        let stderr = tokio::spawn(async move {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s).await;
            s
        });
        Self {
            child,
            addr,
            stderr,
            _dir: dir,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The sidecar's `/_retention_guard/metrics` text.
    pub async fn metrics(&self) -> String {
        reqwest::get(self.url("/_retention_guard/metrics"))
            .await
            .expect("the sidecar answers")
            .text()
            .await
            .expect("a text body")
    }

    /// The address the sidecar listens on.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// Sends SIGTERM, waits for the exit and returns what the sidecar printed on standard error.
    pub async fn stop(mut self) -> String {
        if let Some(pid) = self.child.id() {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
        let status = tokio::time::timeout(std::time::Duration::from_secs(40), self.child.wait())
            .await
            .expect("the sidecar exits after SIGTERM")
            .unwrap();
        assert!(status.success(), "exit status {status}");
        self.stderr.await.unwrap()
    }
}

/// POSTs `body` as JSON to `url` with a fresh client (no pooled connection carries over).
pub async fn post(url: impl reqwest::IntoUrl, body: &serde_json::Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(url)
        .json(body)
        .send()
        .await
        .expect("the sidecar answers")
}
