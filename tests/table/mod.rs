//! The decision-table harness shared by `tests/decisions.rs` and `tests/features.rs`: a case is
//! data (profile, request, expected decision and rule), evaluated by the pure policy core with no
//! HTTP involved.

#![allow(dead_code)]

use http::{HeaderMap, HeaderName, HeaderValue, Method};
use retention_guard::guard::{Body, Request};
use retention_guard::{Decision, Guard, Profile, ViolationKind as K};

#[derive(Clone, Copy)]
pub enum In {
    Empty,
    Json(&'static str),
    Raw(&'static [u8]),
    Stream,
}

#[derive(Clone, Copy)]
pub enum Out {
    /// Allowed: the deciding rule, the host it goes to (None: unchanged), the body it sends
    /// (None: unchanged) and how many changes were made.
    Allow {
        rule: Option<&'static str>,
        host: Option<&'static str>,
        body: Option<&'static str>,
        changes: usize,
    },
    /// Allowed by this rule, whatever was rewritten or routed.
    AllowedBy(&'static str),
    /// Denied, with this kind and rule.
    Deny(K, Option<&'static str>),
}

pub struct Case {
    pub name: &'static str,
    pub profile: &'static str,
    pub method: &'static str,
    pub url: String,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: In,
    pub expect: Out,
}

pub fn allow(rule: &'static str) -> Out {
    Out::Allow {
        rule: Some(rule),
        host: None,
        body: None,
        changes: 0,
    }
}

pub fn rewritten(rule: &'static str, body: &'static str) -> Out {
    Out::Allow {
        rule: Some(rule),
        host: None,
        body: Some(body),
        changes: 1,
    }
}

pub fn deny(kind: K, rule: &'static str) -> Out {
    Out::Deny(kind, Some(rule))
}

pub fn c(
    name: &'static str,
    profile: &'static str,
    method: &'static str,
    url: impl Into<String>,
    body: In,
    expect: Out,
) -> Case {
    Case {
        name,
        profile,
        method,
        url: url.into(),
        headers: &[],
        body,
        expect,
    }
}

pub fn routed(rule: &'static str, host: &'static str, changes: usize) -> Out {
    Out::Allow {
        rule: Some(rule),
        host: Some(host),
        body: None,
        changes,
    }
}

pub fn edited(rule: &'static str, body: &'static str, changes: usize) -> Out {
    Out::Allow {
        rule: Some(rule),
        host: None,
        body: Some(body),
        changes,
    }
}

/// Evaluates a case's request under its profile.
pub fn evaluate(case: &Case) -> Decision {
    let guard = Guard::new(Profile::from_toml_str(case.profile).expect("valid profile"));
    let method = Method::from_bytes(case.method.as_bytes()).unwrap();
    let url = case.url.parse().expect("valid URL");
    let mut headers = HeaderMap::new();
    for (k, v) in case.headers {
        headers.append(HeaderName::from_static(k), HeaderValue::from_static(v));
    }
    let body = match case.body {
        In::Empty => Body::Empty,
        In::Json(s) => Body::Bytes(s.as_bytes()),
        In::Raw(b) => Body::Bytes(b),
        In::Stream => Body::Streaming,
    };
    guard.evaluate(&Request::new(&method, &url, &headers, body))
}

pub fn run(case: &Case) -> Result<(), String> {
    let decision = evaluate(case);
    match (case.expect, &decision) {
        (
            Out::Allow {
                rule,
                host,
                body,
                changes,
            },
            Decision::Allow(a),
        ) => {
            let got_rule = a.rule().map(|r| r.id);
            if got_rule != rule {
                return Err(format!("rule {got_rule:?}, want {rule:?}"));
            }
            let got_host = a.url().and_then(|u| u.host_str().map(str::to_owned));
            if got_host.as_deref() != host {
                return Err(format!("routed to {got_host:?}, want {host:?}"));
            }
            let got_body = a.body().map(|b| String::from_utf8_lossy(b).into_owned());
            if got_body.as_deref() != body {
                return Err(format!("body {got_body:?}, want {body:?}"));
            }
            if a.changes().len() != changes {
                return Err(format!("changes {:?}, want {changes}", a.changes()));
            }
            Ok(())
        }
        (Out::AllowedBy(rule), Decision::Allow(a)) => match a.rule().map(|r| r.id) {
            Some(got) if got == rule => Ok(()),
            got => Err(format!("rule {got:?}, want {rule:?}")),
        },
        (Out::Deny(kind, rule), Decision::Deny(v)) => {
            if v.kind() != kind || v.rule().map(|r| r.id) != rule {
                return Err(format!(
                    "denied {:?} by {:?}, want {kind:?} by {rule:?}: {v}",
                    v.kind(),
                    v.rule().map(|r| r.id)
                ));
            }
            Ok(())
        }
        (_, Decision::Allow(a)) => Err(format!("allowed ({:?}), want a denial", a.changes())),
        (_, Decision::Deny(v)) => Err(format!("denied: {v}")),
    }
}

/// Runs every case; fails with the list of those that did not decide as expected.
pub fn check_table(cases: &[Case]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run(case).err().map(|e| format!("{}: {e}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every denial's message names the request, the code, the remedy and the rule's source, and
/// repeats nothing of the body.
pub fn check_messages(cases: &[Case]) {
    for case in cases {
        let Out::Deny(..) = case.expect else { continue };
        let v = evaluate(case).into_result().unwrap_err();
        let url: url::Url = case.url.parse().unwrap();
        let msg = v.to_string();
        assert!(
            msg.contains(&format!("`{} {}`", case.method, url.path())),
            "{}: target missing: {msg}",
            case.name
        );
        assert!(msg.contains(v.code()), "{}: code missing: {msg}", case.name);
        assert!(!v.remedy().is_empty(), "{}: no remedy: {msg}", case.name);
        if let Some(rule) = v.rule() {
            assert!(
                msg.contains(rule.source.url),
                "{}: source missing: {msg}",
                case.name
            );
        }
        assert!(!msg.ends_with('.'), "{}: trailing period: {msg}", case.name);
        if let In::Json(body) = case.body {
            for secret in ["resp_1", "conv_1", "msg_1", "cat"] {
                if body.contains(secret) {
                    assert!(
                        !msg.contains(secret),
                        "{}: body content `{secret}` in the message: {msg}",
                        case.name
                    );
                }
            }
        }
    }
}
