//! Realtime sessions do not pass through an HTTP middleware: `Guard::check_realtime` checks their
//! WebSocket URL before connecting.

use retention_guard::{Guard, Profile, ViolationKind};
use url::Url;

fn guard(toml: &str) -> Guard {
    Guard::new(Profile::from_toml_str(toml).unwrap())
}

fn url(s: &str) -> Url {
    s.parse().unwrap()
}

#[test]
fn an_eu_project_connects_to_the_eu_host_with_its_headers() {
    let g = guard(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"",
    );
    let allowed = g
        .check_realtime(&url("wss://api.openai.com/v1/realtime?model=gpt-realtime"))
        .unwrap();
    assert_eq!(
        allowed.url().map(Url::as_str),
        Some("wss://eu.api.openai.com/v1/realtime?model=gpt-realtime")
    );
    assert_eq!(allowed.headers().len(), 1);
    assert_eq!(allowed.headers()[0].0.as_str(), "openai-project");
    assert_eq!(allowed.rule().map(|r| r.id), Some("openai.realtime"));

    let same = g
        .check_realtime(&url(
            "wss://eu.api.openai.com/v1/realtime?model=gpt-realtime",
        ))
        .unwrap();
    assert_eq!(same.url(), None, "already on the region's host");
}

#[test]
fn realtime_is_refused_where_the_profile_says_so() {
    let cases = [
        (
            "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"",
            "wss://api.openai.com/v1/realtime",
            ViolationKind::RegionNotSupported,
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"",
            "wss://realtime.example.com/v1/realtime",
            ViolationKind::HostNotAllowed,
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"",
            "ws://api.openai.com/v1/realtime",
            ViolationKind::HostNotAllowed,
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"",
            "wss://eu.api.openai.com/v1/realtime",
            ViolationKind::RegionMismatch,
        ),
        (
            "provider = \"openai\"\nretention = \"standard\"\ndeny = [\"/v1/realtime/**\"]",
            "wss://api.openai.com/v1/realtime",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "provider = \"groq\"\nretention = \"zero_data_retention\"",
            "wss://api.groq.com/openai/v1/realtime",
            ViolationKind::UnknownEndpoint,
        ),
        // Host spellings servers accept, in every mode.
        (
            "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"",
            "wss://api.openai.com./v1/realtime",
            ViolationKind::RegionNotSupported,
        ),
        (
            "provider = \"openai\"\nretention = \"standard\"",
            "ws://api.openai.com/v1/realtime?model=gpt-realtime",
            ViolationKind::HostNotAllowed,
        ),
        (
            "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"",
            "ws://api.openai.com./v1/realtime",
            ViolationKind::HostNotAllowed,
        ),
        (
            "provider = \"openai\"\nretention = \"standard\"\ndeny = [\"/v1/realtime/**\"]",
            "wss://api.openai.com./v1/Realtime/",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
            "wss://jp.api.openai.com./v1/realtime",
            ViolationKind::RegionMismatch,
        ),
    ];
    for (profile, target, kind) in cases {
        let v = guard(profile)
            .check_realtime(&url(target))
            .expect_err(target);
        assert_eq!(v.kind(), kind, "{target}: {v}");
    }
}

#[test]
fn odd_schemes_are_refused_not_panicked_on() {
    let g = guard("provider = \"openai\"\nretention = \"zero_data_retention\"");
    for target in [
        "mailto:someone@example.com",
        "file:///v1/realtime",
        "data:text/plain,hi",
        "ftp://api.openai.com/v1/realtime",
    ] {
        let v = g.check_realtime(&url(target)).expect_err(target);
        assert_eq!(v.kind(), ViolationKind::HostNotAllowed, "{target}");
    }
    // Outside zero data retention an unknown host passes through untouched.
    let std = guard("provider = \"openai\"\nretention = \"standard\"");
    assert!(
        std.check_realtime(&url("mailto:someone@example.com"))
            .unwrap()
            .url()
            .is_none()
    );
}

#[test]
fn a_trailing_dot_host_is_routed_like_the_global_host() {
    let allowed =
        guard("provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"")
            .check_realtime(&url("wss://api.openai.com./v1/realtime?model=gpt-realtime"))
            .unwrap();
    assert_eq!(
        allowed.url().map(Url::as_str),
        Some("wss://eu.api.openai.com/v1/realtime?model=gpt-realtime")
    );
}

#[test]
fn live_session_websockets_are_checked_like_realtime() {
    let eu = guard(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"",
    );
    let allowed = eu
        .check_realtime(&url(
            "wss://api.openai.com/v1/live/sessions?model=gpt-live-1",
        ))
        .unwrap();
    assert_eq!(
        allowed.url().map(Url::as_str),
        Some("wss://eu.api.openai.com/v1/live/sessions?model=gpt-live-1")
    );
    assert_eq!(
        allowed.rule().map(|r| r.id),
        Some("openai.live_sessions.websocket")
    );

    let jp =
        guard("provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"");
    let denied = jp
        .check_realtime(&url("wss://api.openai.com/v1/live/sessions"))
        .unwrap_err();
    assert_eq!(denied.kind(), ViolationKind::RegionNotSupported);

    // Per-request residency: a Global project may connect to a processing region's host.
    let global = guard(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true",
    );
    let allowed = global
        .check_realtime(&url("wss://eu.api.openai.com/v1/live/sessions"))
        .unwrap();
    assert_eq!(allowed.url(), None, "not rerouted");
    let denied = global
        .check_realtime(&url("wss://ae.api.openai.com/v1/realtime"))
        .unwrap_err();
    assert_eq!(denied.kind(), ViolationKind::RegionNotSupported);

    // Forking and downloading are not WebSockets, and not available under ZDR.
    let zdr = guard("provider = \"openai\"\nretention = \"zero_data_retention\"");
    let denied = zdr
        .check_realtime(&url("wss://api.openai.com/v1/live/sessions/live_1/content"))
        .unwrap_err();
    assert_eq!(denied.kind(), ViolationKind::EndpointNotEligible);
}
