//! xAI under zero data retention: the Responses API's default (`store` true, kept 30 days) is
//! turned off by writing `"store": false`, a request that points at a stored response
//! (`previous_response_id`) is denied before it is sent, and every response's
//! `x-zero-data-retention` header is checked. Offline, the mock answers one request with
//! `x-zero-data-retention: false`; with `attest = "report"` (the default) the response passes and
//! the mismatch is reported (`attest = "enforce"` would turn it into an `attestation_mismatch`
//! error and refuse the profile's later requests until `Policy::reset_attestation`).
//!
//! ```text
//! cargo run --example xai                       # offline, against a loopback mock
//! XAI_API_KEY=xai-... cargo run --example xai   # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use reqwest_middleware::ClientBuilder;
use retention_guard::{
    Observer, Policy, RetentionGuardMiddleware, Verdict, Violation, client_builder,
};
use serde_json::json;
use target::{PrintVerdict, Target};

/// Prints the attestation reports (a real application would log or alert).
struct PrintAttestation;

impl Observer for PrintAttestation {
    fn decided(&self, _: &Verdict) {}
    fn attestation_failed(&self, v: &Violation) {
        println!("   attestation      reported: {}", v.reason());
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("XAI_API_KEY", &["api.x.ai"]).await;
    let policy = Policy::from_toml_str(
        "name = \"xai-zdr\"\nprovider = \"xai\"\nretention = \"zero_data_retention\"\nattest = \"report\"",
    )?
    .with_observer(PrintAttestation);
    let client = ClientBuilder::new(target.http(client_builder(&policy)).build()?)
        .with(RetentionGuardMiddleware::new(&policy))
        .with(PrintVerdict)
        .build();
    // Offline, the mock says what a ZDR team's responses say, then what a team without ZDR sees.
    let answer = r#"{"id":"resp_mock","object":"response","status":"completed","output":[]}"#;
    if let Some(mock) = &target.mock {
        mock.push_response(200, &[("x-zero-data-retention", "true")], answer);
        mock.push_response(200, &[("x-zero-data-retention", "false")], answer);
    }

    for (n, what) in [
        (1, "Responses call with no store flag"),
        (2, "the same call again"),
    ] {
        println!("{n}. {what}");
        let resp = client
            .post("https://api.x.ai/v1/responses")
            .bearer_auth(&target.key)
            .json(&json!({"model": "grok-4.6", "input": "Say hello in five words."}))
            .send()
            .await?;
        target.print_arrival();
        let attested = resp.headers().get("x-zero-data-retention");
        println!("   status           {}", resp.status());
        println!("   attested ZDR     {:?}\n", attested.map(|v| v.to_str()));
    }

    println!("3. Responses call continuing a stored response");
    let before = target.arrivals();
    let result = client
        .post("https://api.x.ai/v1/responses")
        .bearer_auth(&target.key)
        .json(
            &json!({"model": "grok-4.6", "store": false, "previous_response_id": "resp_123",
                      "input": "And in French?"}),
        )
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
