//! Where an example's requests go: by default an in-process mock provider on 127.0.0.1 standing
//! in for the provider's hosts (TLS, with the client resolving those names to it), or the real
//! provider when its API key is in the environment. Also prints what the guard did.
#![allow(dead_code)]

use reqwest_middleware::{Middleware, Next};
use retention_guard::Verdict;

use super::mock_provider::{MockProvider, Recorded};

/// The provider an example talks to.
pub struct Target {
    pub key: String,
    pub mock: Option<MockProvider>,
    hosts: Vec<&'static str>,
}

impl Target {
    /// The real provider if `key_var` is set, otherwise a mock standing in for `hosts`.
    pub async fn from_env(key_var: &str, hosts: &[&'static str]) -> Target {
        match std::env::var(key_var).ok().filter(|k| !k.trim().is_empty()) {
            Some(key) => {
                println!(
                    "{key_var} is set: talking to the real provider ({})\n",
                    hosts[0]
                );
                Target {
                    key,
                    mock: None,
                    hosts: hosts.to_vec(),
                }
            }
            None => {
                let mock = MockProvider::https(hosts).await;
                println!(
                    "offline: a mock provider on {} stands in for {} (set {key_var} to use the real one)\n",
                    mock.addr(),
                    hosts.join(", ")
                );
                Target {
                    key: "sk-offline-demo".to_owned(),
                    mock: Some(mock),
                    hosts: hosts.to_vec(),
                }
            }
        }
    }

    /// Points `builder` at the mock when offline.
    pub fn http(&self, builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        match &self.mock {
            Some(mock) => mock.serve_hosts(builder, &self.hosts),
            None => builder,
        }
    }

    /// What the mock received last (offline only).
    pub fn last_arrival(&self) -> Option<Recorded> {
        self.mock.as_ref().and_then(|m| m.requests().pop())
    }

    /// Prints where the last request arrived and its `store` flag (offline only).
    pub fn print_arrival(&self) {
        if let Some(r) = self.last_arrival() {
            let store = r.json().and_then(|b| b.get("store").cloned());
            println!(
                "   arrived at       {}{}  (\"store\": {})",
                r.host,
                r.path,
                store.map_or("absent".to_owned(), |s| s.to_string())
            );
        }
    }

    /// How many requests reached the mock (offline only).
    pub fn arrivals(&self) -> Option<usize> {
        self.mock.as_ref().map(MockProvider::count)
    }
}

/// A middleware placed after the guard that prints the `Verdict` the guard left in the
/// request's extensions.
pub struct PrintVerdict;

#[async_trait::async_trait]
impl Middleware for PrintVerdict {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        if let Some(v) = extensions.get::<Verdict>() {
            let changes: Vec<String> = v.changes.iter().map(ToString::to_string).collect();
            println!(
                "   guard            allowed by `{}`{}",
                v.rule.map_or("(no catalog rule)", |r| r.id),
                if changes.is_empty() {
                    String::new()
                } else {
                    format!("; {}", changes.join("; "))
                }
            );
        }
        next.run(req, extensions).await
    }
}

impl Target {
    /// Reports a call the guard should have denied: what it said, and (offline) how many
    /// requests reached the provider for it, counting from `before`.
    pub fn expect_denied<T: std::fmt::Debug, E: std::error::Error + 'static>(
        &self,
        before: Option<usize>,
        result: Result<T, E>,
    ) -> anyhow::Result<()> {
        match result {
            Ok(sent) => anyhow::bail!("the request was sent: {sent:?}"),
            Err(err) => print_denied(retention_guard::Violation::find(&err), &err),
        }
        if let (Some(before), Some(after)) = (before, self.arrivals()) {
            println!("   requests sent    {}", after - before);
        }
        Ok(())
    }
}

/// Prints a denial (or says it was not one).
pub fn print_denied(violation: Option<&retention_guard::Violation>, err: &dyn std::fmt::Display) {
    match violation {
        Some(v) => {
            println!("   guard            denied before sending: {}", v.code());
            println!("   why              {}", v.reason());
            println!("   how to allow     {}", v.remedy());
        }
        None => println!("   failed (not a guard denial): {err}"),
    }
}
