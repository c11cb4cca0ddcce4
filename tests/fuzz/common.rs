//! Shared by the fuzz target (`fuzz/fuzz_targets/evaluate.rs`, through `#[path]`) and by
//! `tests/fuzz_corpus.rs`, which replays a minimised corpus on stable. It lives under `tests/` so
//! that the packaged crate carries it.
//!
//! The input picks a profile, a method, headers, a path and a body. The guard must never panic,
//! an allowed rewrite must be a fixed point (evaluating the rewritten request again changes
//! nothing more), and — the differential oracle — what the guard lets through, read back by an
//! independent reader, never carries what the rules forbid:
//!
//! - the body is read with serde_json into ordered entries, duplicates kept, and every rule
//!   field is read twice: as exact-key readers do (serde_json, Python, Node: the last exact key
//!   wins) and as Go's `encoding/json` does (keys folded case-insensitively, `ſ` as `s` and `K`
//!   as `k`; the last folded key wins);
//! - the path is read as a lenient router does (percent-decoded, `;params` dropped, slashes and
//!   dot segments cleaned, lower case): if that reading is a catalog endpoint, the guard must
//!   have applied that endpoint's rules.

use std::sync::LazyLock;

use http::{HeaderMap, HeaderValue, Method};
use retention_guard::catalog::{Action, Applies, ModelLimitKind, ProviderHost, ToolUse, Unless};
use retention_guard::guard::{Body, Request};
use retention_guard::{Decision, Endpoint, Guard, Profile};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use url::Url;

const PROFILES: [&str; 13] = [
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_1\"\ndeny = [\"/v1/images/**\"]",
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"jp\"\non_store = \"reject\"",
    "provider = \"openai\"\nretention = \"standard\"\non_unknown_endpoint = \"deny\"\nallow = [\"POST /v1/batches\"]",
    "provider = \"groq\"\nretention = \"zero_data_retention\"",
    "provider = \"fireworks\"\nretention = \"zero_data_retention\"",
    "provider = \"openai\"\nretention = \"zero_data_retention\"\non_unknown_endpoint = \"fail_open\"",
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"eu\"",
    "provider = \"openai\"\nretention = \"standard\"\ndeny = [\"POST /v1/images/generations\", \"/v1/assistants/**\"]",
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true",
    "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nper_request_residency = true\nregion = \"eu\"",
    "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"us\"",
    // Exceptions that waive one rule each: retention (`allow`) and residency
    // (`allow_outside_region`), in a residency project and with per-request residency.
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"jp\"\nallow = [\"POST /v1/evals\", \"/v1/brand_new/**\"]\nallow_outside_region = [\"POST /v1/evals/**\"]",
    "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nregion = \"eu\"\nallow = [\"/v1/files/**\"]\nallow_outside_region = [\"/v1/files/**\", \"POST /v1/brand_new\"]",
];

static GUARDS: LazyLock<Vec<Guard>> = LazyLock::new(|| {
    PROFILES
        .iter()
        .map(|p| Guard::new(Profile::from_toml_str(p).expect("valid profile")))
        .collect()
});

const HOSTS: [&str; 7] = [
    "https://api.openai.com",
    "https://eu.api.openai.com",
    "https://api.groq.com/openai",
    "https://api.fireworks.ai/inference",
    "https://api.openai.com.",
    "https://ae.api.openai.com",
    "https://us.api.fireworks.ai/inference",
];

const METHODS: [&str; 7] = ["POST", "GET", "DELETE", "PUT", "HEAD", "post", "Delete"];

const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("application/json"),
    Some("multipart/form-data; boundary=B"),
    Some("text/plain"),
    Some("application/json; charset=utf-7"),
    Some("application/json; charset=UTF-8"),
    Some("multipart/form-data; boundary=B; boundary*=utf-8''C"),
    Some("application/vnd.x+json"),
];

/// Runs one input.
pub fn check(data: &[u8]) {
    let [p, h, m, c, rest @ ..] = data else {
        return;
    };
    let guard = &GUARDS[*p as usize % GUARDS.len()];
    let method = Method::from_bytes(METHODS[*m as usize % METHODS.len()].as_bytes()).unwrap();
    let (path, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(url) = Url::parse(&format!(
        "{}{}",
        HOSTS[*h as usize % HOSTS.len()],
        String::from_utf8_lossy(path)
    )) else {
        return;
    };
    let mut headers = HeaderMap::new();
    if let Some(ct) = CONTENT_TYPES[*c as usize % CONTENT_TYPES.len()] {
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if c & 0x80 != 0 {
        headers.append(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain"),
        );
    }
    let body = if body.is_empty() {
        Body::Empty
    } else {
        Body::Bytes(body)
    };
    let Decision::Allow(first) = guard.evaluate(&Request::new(&method, &url, &headers, body))
    else {
        return;
    };
    // A rewrite is a fixed point: the rewritten request passes unchanged.
    let mut url2 = url.clone();
    let mut headers2 = headers.clone();
    first.apply_headers(&mut headers2);
    if let Some(routed) = first.url() {
        url2 = routed.clone();
    }
    let sent = match first.body() {
        Some(b) => Body::Bytes(b),
        None => body,
    };
    match guard.evaluate(&Request::new(&method, &url2, &headers2, sent)) {
        Decision::Allow(second) => assert!(
            second.is_unchanged(),
            "second pass changed {:?} after {:?}",
            second.changes(),
            first.changes()
        ),
        Decision::Deny(v) => panic!("the rewritten request was denied: {v}"),
    }
    // The differential oracle.
    if guard
        .catalog()
        .host_kind(url.host_str().unwrap_or(""))
        .is_none_or(|k| !matches!(k, ProviderHost::Global | ProviderHost::Regional(_)))
    {
        return;
    }
    let upper = Method::from_bytes(method.as_str().to_ascii_uppercase().as_bytes()).unwrap();
    if let Some(routed) = lenient_route(guard, &upper, url.path()) {
        assert!(
            first.endpoint().is_some_and(|e| std::ptr::eq(e, routed)),
            "a lenient router reads `{} {}` as `{}`, but the guard applied {:?}",
            method,
            url.path(),
            routed.path,
            first.endpoint().map(|e| e.rule.id)
        );
    }
    let (Some(e), Body::Bytes(sent)) = (first.endpoint(), sent) else {
        return;
    };
    let writes = !matches!(upper, Method::GET | Method::HEAD | Method::DELETE);
    if writes && is_json(&headers) {
        body_oracle(guard, e, sent);
    }
}

/// Whether the guard reads the body as JSON (no content type, or a JSON one).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .is_none_or(|ct| ct.as_bytes().starts_with(b"application/json"))
}

/// The endpoint a lenient router (decode, drop `;params`, clean, lower-case) routes `path` to.
fn lenient_route(guard: &Guard, method: &Method, path: &str) -> Option<&'static Endpoint> {
    let decoded = percent_decode(path);
    let mut segments: Vec<String> = Vec::new();
    for seg in decoded.split(['/', '\\']) {
        let seg = seg.split(';').next().unwrap_or("").to_lowercase();
        match seg.as_str() {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(seg),
        }
    }
    let clean = format!("/{}", segments.join("/"));
    let rest = clean.strip_prefix(guard.catalog().base_path())?;
    if !rest.starts_with('/') {
        return None;
    }
    guard.catalog().lookup(method, rest)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(hex) = b.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(c) = u8::from_str_radix(hex, 16)
        {
            out.push(c);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON value with every object's entries in order, duplicates kept.
#[derive(Debug)]
enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Scalar(serde_json::Value),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Json, A::Error> {
                let mut out = Vec::new();
                while let Some(kv) = m.next_entry::<String, Json>()? {
                    out.push(kv);
                }
                Ok(Json::Object(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Json, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = s.next_element::<Json>()? {
                    out.push(v);
                }
                Ok(Json::Array(out))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar(serde_json::Value::Null))
            }
        }
        d.deserialize_any(V)
    }
}

impl Json {
    fn str(&self) -> Option<&str> {
        match self {
            Json::Scalar(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self, Json::Scalar(serde_json::Value::Null))
    }
    fn is_false(&self) -> bool {
        matches!(self, Json::Scalar(serde_json::Value::Bool(false)))
    }
}

/// Go's key folding, written independently of the guard: ASCII case, `ſ` → `s`, `K` → `k`.
fn go_fold(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            '\u{17f}' => 's',
            '\u{212a}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The two readings of `name` in `entries`: exact readers and Go's.
fn readings<'j>(entries: &'j [(String, Json)], name: &str) -> [Option<&'j Json>; 2] {
    let exact = entries
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v);
    let folded = entries
        .iter()
        .rev()
        .find(|(k, _)| go_fold(k) == name)
        .map(|(_, v)| v);
    [exact, folded]
}

/// The objects whose fields the endpoint's rules read: the body, and its `session` objects in
/// every reading when the endpoint has one.
fn field_objects<'j>(e: &Endpoint, top: &'j [(String, Json)]) -> Vec<&'j [(String, Json)]> {
    let mut objects = vec![top];
    if e.session {
        for session in readings(top, "session").into_iter().flatten() {
            if let Json::Object(o) = session {
                objects.push(o);
            }
        }
    }
    objects
}

fn body_oracle(guard: &Guard, e: &Endpoint, sent: &[u8]) {
    let Ok(Json::Object(top)) = serde_json::from_slice::<Json>(sent) else {
        return;
    };
    let profile = guard.profile();
    let zdr = profile.is_zdr();
    let abroad = profile.region().is_some_and(|r| r.as_str() != "us");
    let objects = field_objects(e, &top);
    let holds = |a: Applies| match a {
        Applies::ZeroDataRetention => zdr,
        Applies::RegionOutsideUs => abroad,
        Applies::ZdrOrRegion => zdr || profile.region().is_some(),
        _ => profile.region().is_some(),
    };
    let store = e.body_rules().find_map(|r| match r.action {
        Action::Store { insert } if holds(r.applies) => Some(insert),
        _ => None,
    });
    if let Some(insert) = store {
        for object in &objects {
            for store in readings(object, "store") {
                let ok = match store {
                    Some(v) => v.is_false(),
                    None => !insert || !std::ptr::eq(*object, &top[..]),
                };
                assert!(ok, "`store` reads {store:?} in {:?}", lossy(sent));
            }
        }
    }
    if abroad && e.body_rules().any(|r| r.paths.first() == "tracing") {
        for object in &objects {
            for v in readings(object, "tracing") {
                assert!(
                    v.is_none_or(Json::is_null),
                    "`tracing` passed: {:?}",
                    lossy(sent)
                );
            }
        }
    }
    let tools = e.body_rules().find_map(|r| match r.action {
        Action::Items(t) if r.paths.first().starts_with("tools") => Some(t),
        _ => None,
    });
    if zdr && let Some(tools) = tools {
        for object in &objects {
            for list in readings(object, "tools").into_iter().flatten() {
                let Json::Array(items) = list else {
                    assert!(list.is_null(), "`tools` {list:?} passed");
                    continue;
                };
                for item in items {
                    let Json::Object(item) = item else {
                        panic!("a tool that is not an object passed: {:?}", lossy(sent))
                    };
                    for ty in readings(item, "type") {
                        let Some(t) = ty
                            .and_then(Json::str)
                            .or(tools.untyped.filter(|_| ty.is_none()))
                        else {
                            panic!("a tool without a type passed: {:?}", lossy(sent))
                        };
                        let rule = tools.get(t).unwrap_or_else(|| panic!("tool `{t}` passed"));
                        match rule.use_ {
                            ToolUse::Denied => panic!("tool `{t}` passed: {:?}", lossy(sent)),
                            ToolUse::HostedUnless(Unless::EnvironmentLocal) => {
                                for env in readings(item, "environment") {
                                    let Some(Json::Object(env)) = env else {
                                        panic!("hosted `{t}` passed: {:?}", lossy(sent))
                                    };
                                    for et in readings(env, "type") {
                                        assert_eq!(
                                            et.and_then(Json::str),
                                            Some("local"),
                                            "{:?}",
                                            lossy(sent)
                                        );
                                    }
                                }
                            }
                            ToolUse::Model(limit) => model_oracle(limit.kind, item, sent),
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    if zdr
        && e.body_rules()
            .any(|r| matches!(r.action, Action::StoredItems))
    {
        for name in ["previous_response_id", "conversation"] {
            for v in readings(&top, name) {
                assert!(
                    v.is_none_or(Json::is_null),
                    "`{name}` passed: {:?}",
                    lossy(sent)
                );
            }
        }
        for v in readings(&top, "background") {
            assert!(
                v.is_none_or(|v| v.is_null() || v.is_false()),
                "`background` passed: {:?}",
                lossy(sent)
            );
        }
        for input in readings(&top, "input").into_iter().flatten() {
            let Json::Array(items) = input else { continue };
            for item in items {
                let Json::Object(item) = item else { continue };
                for i in 0..2 {
                    let ty = readings(item, "type")[i];
                    let id = readings(item, "id")[i].is_some_and(|v| !v.is_null());
                    let content =
                        readings(item, "encrypted_content")[i].is_some_and(|v| !v.is_null());
                    let ty = ty.and_then(Json::str);
                    let reference = ty == Some("item_reference")
                        || (id && ty.is_none())
                        || (ty == Some("reasoning") && id && !content);
                    assert!(
                        !reference,
                        "a stored-state input item passed: {:?}",
                        lossy(sent)
                    );
                }
            }
        }
    }
    for r in e.body_rules() {
        let Action::Models(kind) = r.action else {
            continue;
        };
        if holds(r.applies) {
            for object in &objects {
                model_oracle(kind, object, sent);
            }
        }
    }
}

/// Every reading of `object`'s `model` passes `limit` (the fuzz profiles waive no model).
fn model_oracle(kind: ModelLimitKind, object: &[(String, Json)], sent: &[u8]) {
    for model in readings(object, "model") {
        let name = model.and_then(Json::str);
        let base = name.map(|n| n.split('#').next().unwrap_or(n).trim().to_ascii_lowercase());
        match kind {
            ModelLimitKind::Listed { models, default } => {
                let effective = if model.is_none() { default } else { name };
                assert!(
                    effective.is_some_and(|m| models.contains(&m)),
                    "model {model:?} passed: {:?}",
                    lossy(sent)
                );
            }
            ModelLimitKind::DenyFamilies { families } => {
                let Some(n) = base else { continue };
                let last = n.rsplit('/').next().unwrap_or(&n).to_owned();
                assert!(
                    !families.iter().any(|f| last
                        .strip_prefix(f)
                        .is_some_and(|r| r.is_empty() || r.starts_with('-'))),
                    "model {n:?} passed"
                );
            }
            ModelLimitKind::DenySegment { segment } => {
                let Some(n) = base else { continue };
                assert!(
                    !n.split('/').any(|s| s.trim().starts_with(segment)),
                    "model {n:?} passed"
                );
            }
            ModelLimitKind::Suffix { suffix } => {
                assert!(
                    base.is_some_and(|n| n.ends_with(suffix))
                        && !name.is_some_and(|n| n.contains('#')),
                    "model {model:?} passed"
                );
            }
            _ => {}
        }
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
