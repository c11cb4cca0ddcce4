//! A profile chosen in code (`ProfileChoice`) cannot escape the policy (issue 17, part 4): the
//! choice must agree with every other signal the request carries — the project it names, and the
//! base path its path lies under in every reading — or the request is denied as
//! `ambiguous_profile`. Decided by the pure core; `tests/policy.rs` has the loopback tests.

use http::{HeaderMap, HeaderValue, Method};
use retention_guard::guard::{Body, Request};
use retention_guard::{Decision, Policy, ProfileChoice, ViolationKind};

const PROJECTS: &str = r#"
    [[profile]]
    name = "mam"
    provider = "openai"
    retention = "modified_abuse_monitoring"
    project = "p_mam"

    [[profile]]
    name = "zdr"
    provider = "openai"
    retention = "zero_data_retention"
    project = "p_zdr"
"#;

const GATEWAY: &str = r#"
    [[profile]]
    name = "zdr"
    provider = "openai"
    retention = "zero_data_retention"
    base_url = "https://gw.example/llm/zdr/v1"

    [[profile]]
    name = "std"
    provider = "openai"
    retention = "standard"
    base_url = "https://gw.example/llm/v1"
"#;

/// The decision for `POST url` with `body`, the `OpenAI-Project` header `project` and the choice.
fn decide(
    policy: &str,
    url: &str,
    body: &[u8],
    project: Option<&'static str>,
    choice: Option<&str>,
) -> (Option<String>, Decision) {
    let policy = Policy::from_toml_str(policy).unwrap();
    let url = url.parse().unwrap();
    let mut headers = HeaderMap::new();
    if let Some(p) = project {
        headers.insert("openai-project", HeaderValue::from_static(p));
    }
    let choice = choice.map(ProfileChoice::new);
    let d = policy.evaluate(
        &Request::new(&Method::POST, &url, &headers, Body::Bytes(body)),
        choice.as_ref(),
    );
    let (decision, guard) = d;
    (guard.map(|g| g.profile().name().to_owned()), decision)
}

fn kind(d: &Decision) -> Option<ViolationKind> {
    d.violation().map(|v| v.kind())
}

#[test]
fn a_choice_cannot_override_the_project_the_request_names() {
    let assistants = "https://api.openai.com/v1/assistants";
    // The MAM profile chosen for a request naming the ZDR project: neither decides.
    let (_, d) = decide(PROJECTS, assistants, b"{}", Some("p_zdr"), Some("mam"));
    assert_eq!(kind(&d), Some(ViolationKind::AmbiguousProfile));
    let v = d.violation().unwrap();
    assert!(v.reason().contains("`zdr`"), "{v}");
    let chat = "https://api.openai.com/v1/chat/completions";
    let (_, d) = decide(
        PROJECTS,
        chat,
        br#"{"store":true}"#,
        Some("p_zdr"),
        Some("mam"),
    );
    assert_eq!(kind(&d), Some(ViolationKind::AmbiguousProfile));
    // Servers trim the header's value: so does the guard.
    let (_, d) = decide(PROJECTS, chat, b"{}", Some("p_zdr \t"), Some("mam"));
    assert_eq!(kind(&d), Some(ViolationKind::AmbiguousProfile));
    // The choice that agrees with the project decides.
    let (profile, d) = decide(PROJECTS, assistants, b"{}", Some("p_zdr"), Some("zdr"));
    assert_eq!(profile.as_deref(), Some("zdr"));
    assert_eq!(kind(&d), Some(ViolationKind::EndpointNotEligible));
    let (profile, d) = decide(PROJECTS, assistants, b"{}", Some("p_mam"), Some("mam"));
    assert_eq!(profile.as_deref(), Some("mam"));
    assert!(matches!(d, Decision::Allow(_)));
    // Without a project the choice decides, and its project is the one sent.
    let (profile, d) = decide(PROJECTS, assistants, b"{}", None, Some("mam"));
    assert_eq!(profile.as_deref(), Some("mam"));
    let Decision::Allow(a) = d else {
        panic!("allowed")
    };
    let sent = a.headers().iter().find(|(n, _)| n == "openai-project");
    assert_eq!(sent.map(|(_, v)| v.as_bytes()), Some(&b"p_mam"[..]));
    // A project no profile declares is the chosen profile's own rule to judge.
    let (profile, d) = decide(PROJECTS, assistants, b"{}", Some("p_other"), Some("mam"));
    assert_eq!(profile.as_deref(), Some("mam"));
    assert_eq!(kind(&d), Some(ViolationKind::ProjectMismatch));
}

#[test]
fn a_choice_cannot_decide_a_path_under_another_profiles_base_path() {
    // The path lies under the ZDR profile's base path: the standard profile cannot decide it.
    let zdr_path = "https://gw.example/llm/zdr/v1/assistants";
    let (_, d) = decide(GATEWAY, zdr_path, b"{}", None, Some("std"));
    assert_eq!(kind(&d), Some(ViolationKind::AmbiguousProfile));
    assert!(d.violation().unwrap().reason().contains("`zdr`"));
    // Nor in another reading of the path (a case-folded or encoded base path).
    for path in [
        "https://gw.example/llm/ZDR/v1/assistants",
        "https://gw.example/llm/%7Adr/v1/assistants",
    ] {
        let (_, d) = decide(GATEWAY, path, b"{}", None, Some("std"));
        assert_eq!(kind(&d), Some(ViolationKind::AmbiguousProfile), "{path}");
    }
    let (profile, d) = decide(GATEWAY, zdr_path, b"{}", None, Some("zdr"));
    assert_eq!(profile.as_deref(), Some("zdr"));
    assert_eq!(kind(&d), Some(ViolationKind::EndpointNotEligible));
    // Under its own base path the standard profile decides.
    let std_path = "https://gw.example/llm/v1/assistants";
    let (profile, d) = decide(GATEWAY, std_path, b"{}", None, Some("std"));
    assert_eq!(profile.as_deref(), Some("std"));
    assert!(matches!(d, Decision::Allow(_)));
    // Without a choice, the longest base path decides, as before.
    let (profile, _) = decide(GATEWAY, zdr_path, b"{}", None, None);
    assert_eq!(profile.as_deref(), Some("zdr"));
}
