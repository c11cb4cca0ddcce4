//! The differential suite: what leaves the guard is read back by independent readers, and what
//! they read must agree with the decision.
//!
//! For every rule field (`store`, `previous_response_id`, `conversation`, `background`, `input`
//! items, `tools` items with their `type`, `model` and `environment.type`, a live session's
//! `session.store`, `model` in JSON and in forms) a corpus of spellings — folded and escaped keys,
//! duplicates, charsets, content-type parameters, form parts — is sent through the real
//! reqwest-middleware client with the guard (zero data retention) to each reader, set as the
//! profile's `base_url` on 127.0.0.1. A denied request reaches no reader. An allowed one must be
//! read by every reader as the agreement requires: `store` present and `false`, no stored-state
//! parameter or input item, no hosted tool that keeps state, an eligible image model.
//!
//! The hosted-feature rules (issue 17) have their own corpora, for Anthropic, xAI, OpenAI, Gemini,
//! OpenRouter, Mistral and Groq, each under its provider's `zero_data_retention` profile: the
//! fields `container`, `mcp_servers`, `fallbacks`, `diagnostics.previous_message_id`, `deferred`,
//! `search_parameters`, `prompt_cache_retention`, `web_search_options`,
//! `extra_body.google.cached_content` and `cachedContent` (and under `google`),
//! `extra_body.google.tools` and `google.tools`, every key exact, folded, escaped and duplicated
//! with a harmless and a harmful value in every order; `tools` items by their `type` (exact,
//! folded, escaped, duplicated, absent), `allowed_callers`, `environment.type` and `model`;
//! covered models; and, for `container` and `deferred`, the bytes around them (charsets, a
//! byte-order mark, UTF-16, bytes after the first value, non-finite numbers). The oracle is the
//! catalog itself: a reading breaches zero data retention when a denied field rule's path has a
//! value other than `null` and the rule's `unless`, when a tool's type (the table's `untyped` one
//! when it has none) is unknown or a denied row whose condition does not hold, or when a model is
//! in a denied family. Under `standard` (no rules) every corpus must show breaches in every
//! reader, or a reader could not tell a leak.
//!
//! The readers:
//!
//! - in-process: serde_json (the bytes the guard sends) and multer (forms);
//! - `tests/readers/`: Go's `net/http` + `encoding/json` + `mime/multipart`, Werkzeug,
//!   python-multipart, Python's `json` (Starlette/FastAPI), Express's `body-parser`; installed by
//!   `tests/readers/install.sh` (which `.ci/run` calls). A reader that is not installed is skipped
//!   with a message on standard error; with `DIFFERENTIAL_REQUIRE_READERS=1` (as in CI) a
//!   missing reader fails the test instead.

#[path = "differential/features.rs"]
mod features;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use features::*;
use reqwest_middleware::ClientBuilder;
use retention_guard::catalog::{
    Action, Applies, Conditions, ModelLimitKind, Regions, ToolUse, Tools, Unless,
};
use retention_guard::{
    Catalog, Endpoint, Guard, Profile, Provider, RetentionGuardMiddleware, Violation,
};
use serde_json::Value;

/// Charsets and content types some reader decodes on its own (UTF-7 among them), which the guard
/// must refuse or read alike.
const DECODED_CONTENT_TYPES: [&str; 7] = [
    "application/json; charset=utf-7",
    "application/json; charset=utf-16",
    "application/json; charset=latin1",
    "application/json; charset=UTF-8",
    "text/plain",
    "application/vnd.api+json",
    "application/json, text/plain",
];

/// One reader program on loopback.
struct Reader {
    name: &'static str,
    child: Child,
    port: u16,
}

impl Drop for Reader {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers")
}

/// Starts one reader, or says why it cannot.
fn start(name: &'static str, program: &str, args: &[PathBuf]) -> Result<Reader, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .map_err(|_| "it did not say LISTENING within 30 s".to_owned())?;
    let port = line
        .trim()
        .strip_prefix("LISTENING ")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| {
            format!("it printed {line:?} instead of `LISTENING <port>` (not installed?)")
        })?;
    Ok(Reader { name, child, port })
}

/// Every reader program that is installed; the missing ones are reported (or fail the test in
/// CI).
fn readers() -> Vec<Reader> {
    let d = dir();
    let attempts = [
        start("go", d.join("go/reader-go").to_str().unwrap(), &[]),
        start("python", "python3", &[d.join("python/reader.py")]),
        start("node", "node", &[d.join("node/reader.js")]),
    ];
    let required = std::env::var_os("DIFFERENTIAL_REQUIRE_READERS").is_some();
    let mut out = Vec::new();
    for (attempt, name) in attempts.into_iter().zip(["go", "python", "node"]) {
        match attempt {
            Ok(r) => out.push(r),
            Err(why) if required => panic!("reader `{name}` is required and missing: {why}"),
            Err(why) => eprintln!(
                "SKIPPED reader `{name}`: {why}; run `bash tests/readers/install.sh` to install it"
            ),
        }
    }
    out
}

/// A request of the corpus.
struct Probe {
    path: &'static str,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn json(path: &'static str, body: String) -> Probe {
    Probe {
        path,
        content_type: Some("application/json".to_owned()),
        body: body.into_bytes(),
    }
}

/// Key spellings a reader may take for `name`: exact, folded by Go, escaped.
fn spellings(name: &str) -> Vec<String> {
    let mut out = vec![
        name.to_owned(),
        name.to_uppercase(),
        format!("{}{}", name[..1].to_uppercase(), &name[1..]),
        format!("\\u{:04x}{}", name.as_bytes()[0], &name[1..]),
    ];
    if name.contains('s') {
        out.push(name.replacen('s', "\u{17f}", 1));
    }
    if name.contains('k') {
        out.push(name.replacen('k', "\u{212a}", 1));
    }
    out
}

fn corpus() -> Vec<Probe> {
    let mut out = Vec::new();
    let values = ["true", "false", "null", "1", "\"false\""];
    // `store`, alone and in pairs, on both endpoints that have the rule.
    for path in ["/v1/chat/completions", "/v1/responses"] {
        for k1 in spellings("store") {
            for v1 in values {
                out.push(json(path, format!("{{\"{k1}\":{v1},\"model\":\"m\"}}")));
                for k2 in ["store", "Store", "STORE"] {
                    for v2 in ["true", "false"] {
                        out.push(json(path, format!("{{\"{k1}\":{v1},\"{k2}\":{v2}}}")));
                    }
                }
            }
        }
    }
    // Stateful parameters.
    for field in ["previous_response_id", "conversation", "background"] {
        for k in spellings(field) {
            for v in ["\"x\"", "null", "true", "false"] {
                out.push(json(
                    "/v1/responses",
                    format!("{{\"store\":false,\"{k}\":{v}}}"),
                ));
            }
        }
    }
    // Input items.
    let items = [
        r#"{"id":"msg_1"}"#,
        r#"{"ID":"msg_1"}"#,
        r#"{"Type":"message","id":"msg_1","content":"hi"}"#,
        r#"{"type":"message","id":"msg_1","role":"user","content":"hi"}"#,
        r#"{"type":"message","ID":"msg_1","role":"user","content":"hi"}"#,
        r#"{"type":"message","type":null,"id":"msg_1"}"#,
        r#"{"type":null,"id":"msg_1"}"#,
        r#"{"TYPE":"item_reference","id":"msg_1"}"#,
        r#"{"type":"item_reference","id":"msg_1"}"#,
        r#"{"type":"reasoning","id":"rs_1","summary":[]}"#,
        r#"{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"}"#,
        r#"{"type":"reasoning","id":"rs_1","summary":[],"Encrypted_Content":"gAAA"}"#,
        r#"{"type":"reasoning","id":"rs_1","encrypted_content":null}"#,
        r#"{"role":"user","content":"hi"}"#,
    ];
    for input_key in ["input", "INPUT"] {
        for item in items {
            out.push(json(
                "/v1/responses",
                format!("{{\"store\":false,\"{input_key}\":[{item}]}}"),
            ));
        }
    }
    // Hosted tools, under every spelling of `tools` and `type`, alone, duplicated and nested.
    for tools_key in spellings("tools") {
        for type_key in spellings("type") {
            for ty in [
                "mcp",
                "function",
                "code_interpreter",
                "web_search",
                "file_search",
            ] {
                out.push(json(
                    "/v1/responses",
                    format!("{{\"store\":false,\"{tools_key}\":[{{\"{type_key}\":\"{ty}\"}}]}}"),
                ));
            }
        }
    }
    let tools = [
        r#"{"type":"function","type":"mcp"}"#,
        r#"{"type":"function","TYPE":"mcp"}"#,
        r#"{"TYPE":"mcp","type":"function"}"#,
        r#"{"type":"shell","environment":{"type":"local"}}"#,
        r#"{"type":"shell","environment":{"type":"container_auto"}}"#,
        r#"{"type":"shell","environment":{"type":"local","Type":"container_auto"}}"#,
        r#"{"type":"shell","Environment":{"type":"container_auto"},"environment":{"type":"local"}}"#,
        r#"{"type":"shell"}"#,
        r#"{"type":"image_generation"}"#,
        r#"{"type":"image_generation","model":"dall-e-3"}"#,
        r#"{"type":"image_generation","model":"gpt-image-1","Model":"dall-e-3"}"#,
        r#"{"type":null}"#,
        r#""mcp""#,
    ];
    for tool in tools {
        out.push(json(
            "/v1/responses",
            format!("{{\"store\":false,\"tools\":[{{\"type\":\"web_search\"}},{tool}]}}"),
        ));
        out.push(json(
            "/v1/live/sessions",
            format!("{{\"session\":{{\"tools\":[{tool}]}}}}"),
        ));
    }
    // A live session's `store`, in its `session` object and at the top level.
    for session_key in spellings("session") {
        for store_key in spellings("store") {
            for v in ["true", "false", "null", "\"yes\""] {
                out.push(json(
                    "/v1/live/sessions",
                    format!(
                        "{{\"{session_key}\":{{\"{store_key}\":{v},\"model\":\"gpt-live-1\"}}}}"
                    ),
                ));
            }
        }
    }
    out.push(json(
        "/v1/live/sessions",
        r#"{"store":true,"session":{}}"#.to_owned(),
    ));
    // Image models.
    for k1 in spellings("model") {
        for v1 in ["\"gpt-image-1\"", "\"dall-e-3\"", "null"] {
            out.push(json(
                "/v1/images/generations",
                format!("{{\"{k1}\":{v1},\"prompt\":\"p\"}}"),
            ));
            for v2 in ["\"gpt-image-1\"", "\"dall-e-3\""] {
                out.push(json(
                    "/v1/images/generations",
                    format!("{{\"model\":\"gpt-image-1\",\"{k1}\":{v1},\"model\":{v2}}}"),
                ));
            }
        }
    }
    // Charsets and content types a reader decodes on its own.
    for ct in DECODED_CONTENT_TYPES {
        for body in [
            "{+ACI-store+ACI-:true}",
            "{\"store\":true}",
            "{\"store\":false,\"x\":\"+ACIAfQ-,+ACI-store+ACI-:true\"}",
        ] {
            out.push(Probe {
                path: "/v1/chat/completions",
                content_type: Some(ct.to_owned()),
                body: body.as_bytes().to_vec(),
            });
        }
    }
    // Forms: boundary parameters and the `model` part.
    let part = |head: &str, value: &str| format!("--XyZ\r\n{head}\r\n\r\n{value}\r\n");
    let cd = |name: &str| format!("Content-Disposition: form-data; name=\"{name}\"");
    let bodies = [
        part(&cd("model"), "gpt-image-1"),
        part(&cd("model"), "dall-e-2"),
        part(&cd("prompt"), "cat"),
        part(&format!("{}; filename=\"\"", cd("model")), "gpt-image-1")
            + &part(&cd("model"), "gpt-image-1"),
        part(&cd("model"), "gpt-image-1")
            + &part(&format!("{}; filename=\"\"", cd("model")), "dall-e-2"),
        part(&format!("X-A: b\r\n {}", cd("model")), "dall-e-2")
            + &part(&cd("model"), "gpt-image-1"),
        part(
            "Content-Disposition: form-data; name=\"mod\\el\"",
            "dall-e-2",
        ) + &part(&cd("model"), "gpt-image-1"),
        part(
            &format!(
                "{}\r\nContent-Transfer-Encoding: quoted-printable",
                cd("model")
            ),
            "gpt-image-=31",
        ),
        part(&cd("model"), "gpt-image-1") + &part(&cd("model"), "dall-e-3"),
        // What Go and Werkzeug read as another part than a strict reader does.
        part(
            "Content-Disposition: form-data; name=\"prompt\"; name*0=\"model\"",
            "dall-e-2",
        ) + &part(&cd("model"), "gpt-image-1"),
        part(&format!("{}; filename*0=\"x\"", cd("model")), "gpt-image-1"),
        part(
            &format!("X-A: 1\n{}\r\n{}", cd("model"), cd("prompt")),
            "dall-e-2",
        ) + &part(&cd("model"), "gpt-image-1"),
        part(
            &cd("prompt"),
            &format!("a cat\n--XyZ\r\n{}\r\n\r\ndall-e-2", cd("model")),
        ) + &part(&cd("model"), "gpt-image-1"),
        part(&format!("{}x", cd("model")), "dall-e-2") + &part(&cd("model"), "gpt-image-1"),
    ];
    for ct in [
        "multipart/form-data; boundary=XyZ",
        "multipart/form-data; boundary=\"XyZ\"",
        "multipart/form-data; boundary=XyZ; boundary=Other",
        "multipart/form-data; boundary=Other; boundary=XyZ",
        "multipart/form-data; boundary=XyZ; boundary*=utf-8''Other",
        "multipart/form-data; boundary*=utf-8''XyZ",
        "multipart/form-data; boundary=\"X\\yZ\"",
    ] {
        for body in &bodies {
            out.push(Probe {
                path: "/v1/images/edits",
                content_type: Some(ct.to_owned()),
                body: format!(
                    "{body}--XyZ--\r\n--Other\r\n{}\r\n\r\ndall-e-2\r\n--Other--\r\n",
                    cd("model")
                )
                .into_bytes(),
            });
        }
    }
    out
}

/// OpenRouter bodies: `provider` and its members in every spelling, duplicated, with other types;
/// `plugins` and `:online` models.
fn openrouter_corpus() -> Vec<Probe> {
    let mut out = Vec::new();
    let objects = [
        "null".to_owned(),
        "{}".to_owned(),
        "\"x\"".to_owned(),
        "{\"order\":[\"a\"]}".to_owned(),
        "{\"zdr\":true,\"data_collection\":\"deny\"}".to_owned(),
        "{\"zdr\":true,\"zdr\":false,\"data_collection\":\"deny\"}".to_owned(),
        "{\"zdr\":null,\"data_collection\":null}".to_owned(),
    ];
    let mut members = Vec::new();
    for k in spellings("zdr") {
        for v in ["false", "null", "\"true\"", "0"] {
            members.push(format!("{{\"{k}\":{v},\"data_collection\":\"deny\"}}"));
        }
    }
    for k in spellings("data_collection") {
        for v in ["\"allow\"", "null", "\"DENY\""] {
            members.push(format!("{{\"zdr\":true,\"{k}\":{v}}}"));
        }
    }
    for path in ["/api/v1/chat/completions", "/api/v1/responses"] {
        out.push(json(path, "{\"model\":\"m\"}".to_owned()));
        for k in spellings("provider") {
            for v in objects.iter().chain(&members) {
                out.push(json(path, format!("{{\"model\":\"m\",\"{k}\":{v}}}")));
                // A second `provider`, exact, before or after the spelling.
                out.push(json(
                    path,
                    format!(
                        "{{\"provider\":{{\"zdr\":true,\"data_collection\":\"deny\"}},\"{k}\":{v}}}"
                    ),
                ));
                out.push(json(
                    path,
                    format!("{{\"{k}\":{v},\"provider\":{{\"order\":[]}}}}"),
                ));
            }
        }
        for k in spellings("plugins") {
            for v in [
                "[{\"id\":\"web\"}]",
                "[{\"ID\":\"web\"}]",
                "[]",
                "null",
                "[1]",
            ] {
                out.push(json(path, format!("{{\"{k}\":{v}}}")));
            }
        }
        for m in ["x/y:online", "x/y:ONLINE", "x/y:free", "x/y:online:free"] {
            out.push(json(path, format!("{{\"model\":\"{m}\"}}")));
            out.push(json(path, format!("{{\"models\":[\"{m}\"]}}")));
        }
    }
    out
}

/// Whether a reader's reading of an OpenRouter body breaks a ZDR agreement.
fn openrouter_breach(json: &Value) -> Option<String> {
    let fields = &json["fields"];
    if json.get("provider_zdr") != Some(&Value::Bool(true)) {
        return Some(format!(
            "`provider.zdr` reads {:?}",
            json.get("provider_zdr")
        ));
    }
    if json.get("provider_data_collection").and_then(Value::as_str) != Some("deny") {
        return Some(format!(
            "`provider.data_collection` reads {:?}",
            json.get("provider_data_collection")
        ));
    }
    match fields.get("plugins") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.is_empty() => {}
        Some(v) => return Some(format!("`plugins` reads {v}")),
    }
    let online = |m: &Value| {
        m.as_str().is_some_and(|m| {
            m.to_ascii_lowercase()
                .split(':')
                .skip(1)
                .any(|v| v == "online")
        })
    };
    let models = fields.get("model").into_iter().chain(
        fields
            .get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten(),
    );
    for m in models {
        if online(m) {
            return Some(format!("model {m} turns on the web plugin"));
        }
    }
    None
}

/// Whether a reader's reading breaks the agreement for `path`: the reason, if so.
fn breach(path: &str, reading: &Value) -> Option<String> {
    let is = |v: &Value, want: &Value| v == want;
    if let Some(form) = reading.get("form").filter(|f| !f.is_null()) {
        if !form["error"].is_null() {
            return None;
        }
        let models: Vec<&str> = form["model"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        // The endpoint's ZDR model list and default, from the catalog (what the page says).
        let endpoint = Catalog::of(Provider::OpenAi)
            .lookup(&http::Method::POST, path.trim_start_matches("/v1"))
            .expect("a catalog endpoint");
        let Some(ModelLimitKind::Listed {
            models: listed,
            default,
        }) = endpoint.body_rules().find_map(|r| match r.action {
            Action::Models(kind) => Some(kind),
            _ => None,
        })
        else {
            return None;
        };
        if models.is_empty() {
            return default
                .filter(|d| !listed.contains(d))
                .map(|d| format!("no `model` field: the default model `{d}` applies"));
        }
        if let Some(m) = models.iter().find(|m| !listed.contains(m)) {
            return Some(format!("model `{m}`"));
        }
        return None;
    }
    let json = reading.get("json").filter(|j| !j.is_null())?;
    if !json["error"].is_null() {
        return None;
    }
    if path.starts_with("/api/v1/") {
        return openrouter_breach(json);
    }
    let fields = &json["fields"];
    if let Some(why) = tools_breach(path, json) {
        return Some(why);
    }
    if path.ends_with("/live/sessions") {
        for v in [fields.get("store"), json.get("session_store")]
            .into_iter()
            .flatten()
        {
            if !is(v, &Value::Bool(false)) {
                return Some(format!("a live session's `store` reads {v}"));
            }
        }
    }
    if path.ends_with("/chat/completions") || path.ends_with("/responses") {
        match fields.get("store") {
            Some(v) if is(v, &Value::Bool(false)) => {}
            other => return Some(format!("`store` reads {other:?}")),
        }
    }
    if path.ends_with("/responses") {
        for name in ["previous_response_id", "conversation"] {
            if fields.get(name).is_some_and(|v| !v.is_null()) {
                return Some(format!("`{name}` reads {}", fields[name]));
            }
        }
        if fields
            .get("background")
            .is_some_and(|v| !v.is_null() && !is(v, &Value::Bool(false)))
        {
            return Some(format!("`background` reads {}", fields["background"]));
        }
        for item in json["input_items"].as_array().into_iter().flatten() {
            if item.is_null() {
                continue;
            }
            let ty = item.get("type").and_then(Value::as_str);
            let id = item.get("id").is_some_and(|v| !v.is_null());
            let content = item.get("encrypted_content").is_some_and(|v| !v.is_null());
            if ty == Some("item_reference")
                || (id && ty.is_none())
                || (ty == Some("reasoning") && id && !content)
            {
                return Some(format!("input item {item} points at stored state"));
            }
        }
    }
    if path.ends_with("/images/generations") {
        match fields.get("model").and_then(Value::as_str) {
            Some(m) if m.starts_with("gpt-image-") => {}
            other => return Some(format!("model reads {other:?}")),
        }
    }
    None
}

/// The in-process readers of the bytes the guard sends: serde_json (last duplicate wins) and
/// multer.
async fn in_process(probe: &Probe, sent: &[u8]) -> Vec<Value> {
    let ct = probe.content_type.as_deref().unwrap_or("application/json");
    if let Ok(boundary) = multer::parse_boundary(ct) {
        let stream = futures_util::stream::once(async move {
            Ok::<_, std::io::Error>(bytes::Bytes::copy_from_slice(sent))
        });
        let mut form = multer::Multipart::new(stream, boundary);
        let mut models = Vec::new();
        let mut error = Value::Null;
        loop {
            match form.next_field().await {
                Ok(Some(field)) => {
                    let is_model = field.name() == Some("model") && field.file_name().is_none();
                    match field.text().await {
                        Ok(text) if is_model => models.push(Value::String(text)),
                        Ok(_) => {}
                        Err(e) => {
                            error = Value::String(e.to_string());
                            break;
                        }
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    error = Value::String(e.to_string());
                    break;
                }
            }
        }
        return vec![
            serde_json::json!({"reader": "multer", "form": {"error": error, "model": models}}),
        ];
    }
    let reading = match serde_json::from_slice::<serde_json::Map<String, Value>>(sent) {
        Ok(map) => {
            let mut fields = serde_json::Map::new();
            for name in [
                "store",
                "model",
                "previous_response_id",
                "conversation",
                "background",
                "plugins",
                "models",
            ]
            .into_iter()
            .chain(FEATURE_FIELDS)
            {
                if let Some(v) = map.get(name) {
                    fields.insert(name.to_owned(), v.clone());
                }
            }
            let mut paths = serde_json::Map::new();
            for path in FEATURE_PATHS {
                let mut at = Some(&map);
                let mut keys = path.split('.').peekable();
                while let Some(key) = keys.next() {
                    let value = at.and_then(|o| o.get(key));
                    if keys.peek().is_none() {
                        if let Some(v) = value {
                            paths.insert(path.to_owned(), v.clone());
                        }
                        break;
                    }
                    at = value.and_then(Value::as_object);
                }
            }
            let items = map.get("input").and_then(Value::as_array).map(|items| {
                items
                    .iter()
                    .map(|i| match i.as_object() {
                        Some(o) => Value::Object(
                            o.iter()
                                .filter(|(k, _)| {
                                    ["type", "id", "encrypted_content"].contains(&k.as_str())
                                })
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        ),
                        None => Value::Null,
                    })
                    .collect::<Vec<_>>()
            });
            let mut tools = tool_items(map.get("tools"), None);
            let mut reading = serde_json::json!({
                "error": null, "fields": fields, "input_items": items, "paths": paths,
            });
            if let Some(Value::Object(session)) = map.get("session") {
                if let Some(store) = session.get("store") {
                    reading["session_store"] = store.clone();
                }
                tools = tool_items(session.get("tools"), tools);
            }
            reading["tools"] = tools.map_or(Value::Null, Value::Array);
            if let Some(Value::Object(provider)) = map.get("provider") {
                for k in ["zdr", "data_collection"] {
                    if let Some(v) = provider.get(k) {
                        reading[format!("provider_{k}")] = v.clone();
                    }
                }
            }
            reading
        }
        Err(e) => serde_json::json!({"error": e.to_string(), "fields": {}}),
    };
    vec![serde_json::json!({"reader": "serde_json", "json": reading})]
}

/// The items of a `tools` array as exact readers see them (`null` for an item that is not an
/// object), appended to `out`.
fn tool_items(tools: Option<&Value>, out: Option<Vec<Value>>) -> Option<Vec<Value>> {
    let Some(Value::Array(tools)) = tools else {
        return out;
    };
    let mut out = out.unwrap_or_default();
    for t in tools {
        let Value::Object(t) = t else {
            out.push(Value::Null);
            continue;
        };
        let mut o = serde_json::Map::new();
        for k in ["type", "model", "allowed_callers"] {
            if let Some(v) = t.get(k) {
                o.insert(k.to_owned(), v.clone());
            }
        }
        if let Some(env) = t.get("environment") {
            let ty = env.get("type").cloned().unwrap_or(Value::Null);
            o.insert("environment_type".to_owned(), ty);
        }
        out.push(Value::Object(o));
    }
    Some(out)
}

/// Whether the `tools` a reader read break zero data retention: the reason, if so.
fn tools_breach(path: &str, json: &Value) -> Option<String> {
    let endpoint = Catalog::of(Provider::OpenAi)
        .lookup(&http::Method::POST, path.trim_start_matches("/v1"))?;
    let tools = tools_of(endpoint)?;
    for tool in json["tools"].as_array().into_iter().flatten() {
        let Some(ty) = tool.get("type").and_then(Value::as_str) else {
            return Some(format!("a tool without a string type: {tool}"));
        };
        let Some(rule) = tools.get(ty) else {
            return Some(format!("tool type `{ty}` the catalog does not know"));
        };
        match rule.use_ {
            ToolUse::Denied => return Some(format!("tool `{ty}`")),
            ToolUse::HostedUnless(Unless::EnvironmentLocal)
                if tool.get("environment_type") != Some(&Value::from("local")) =>
            {
                return Some(format!("hosted `{ty}`: {tool}"));
            }
            ToolUse::Model(limit) => {
                let ModelLimitKind::Listed { models, default } = limit.kind else {
                    continue;
                };
                let model = match tool.get("model") {
                    None => default,
                    Some(m) => m.as_str(),
                };
                if !model.is_some_and(|m| models.contains(&m)) {
                    return Some(format!("`{ty}` with model {:?}", tool.get("model")));
                }
            }
            _ => {}
        }
    }
    None
}

/// What one run found.
#[derive(Default)]
struct Run {
    breaches: Vec<String>,
    allowed: usize,
    denied: usize,
    readings: usize,
}

impl Run {
    fn check(&mut self, target: &Target, probe: &Probe, reading: &Value) {
        self.readings += 1;
        let found = match target.oracle {
            Oracle::Rules => breach(probe.path, reading),
            Oracle::Features => {
                let path = probe
                    .path
                    .strip_prefix(target.base)
                    .expect("under the base path");
                features_reading_breach(target.provider, path, reading)
            }
        };
        if let Some(why) = found {
            self.breaches.push(format!(
                "{} {}: {} {:?} {:?}: {why}",
                reading["reader"],
                reading.get("version").unwrap_or(&Value::Null),
                probe.path,
                probe.content_type,
                String::from_utf8_lossy(&probe.body)
            ));
        }
    }

    /// Adds what another run found.
    fn absorb(&mut self, other: Run) {
        self.breaches.extend(other.breaches);
        self.allowed += other.allowed;
        self.denied += other.denied;
        self.readings += other.readings;
    }
}

/// Which oracle judges a corpus's readings.
#[derive(Clone, Copy)]
enum Oracle {
    /// [`breach`]: `store`, stored-state parameters and input items, OpenAI's tools and image
    /// models, OpenRouter's `provider` fields, plugins and `:online` models.
    Rules,
    /// [`features_breach`]: the hosted-feature rules of the provider's catalog.
    Features,
}

/// Whom a corpus is for: the provider, the profile's provider lines (without `retention`), the
/// provider's host and base path, the corpus and its oracle.
struct Target {
    provider: Provider,
    profile: &'static str,
    host: &'static str,
    base: &'static str,
    corpus: fn() -> Vec<Probe>,
    oracle: Oracle,
}

const OPENAI: Target = Target {
    provider: Provider::OpenAi,
    profile: "provider = \"openai\"",
    host: "api.openai.com",
    base: "/v1",
    corpus,
    oracle: Oracle::Rules,
};

const OPENROUTER: Target = Target {
    provider: Provider::OpenRouter,
    profile: "provider = \"openrouter\"\nconfirm = [\"openrouter.logging_disabled\"]",
    host: "openrouter.ai",
    base: "/api/v1",
    corpus: openrouter_corpus,
    oracle: Oracle::Rules,
};

/// The hosted-feature corpora, one per provider, under the catalog's own data.
const FEATURES: [Target; 7] = [
    Target {
        provider: Provider::Anthropic,
        profile: "provider = \"anthropic\"",
        host: "api.anthropic.com",
        base: "/v1",
        corpus: anthropic_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::Xai,
        profile: "provider = \"xai\"",
        host: "api.x.ai",
        base: "/v1",
        corpus: xai_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::OpenAi,
        profile: "provider = \"openai\"",
        host: "api.openai.com",
        base: "/v1",
        corpus: openai_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::Gemini,
        profile: "provider = \"gemini\"\nconfirm = [\"gemini.logging_disabled\", \
                  \"gemini.zdr_approved\"]",
        host: "generativelanguage.googleapis.com",
        base: "/v1beta/openai",
        corpus: gemini_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::OpenRouter,
        profile: "provider = \"openrouter\"\nconfirm = [\"openrouter.logging_disabled\"]",
        host: "openrouter.ai",
        base: "/api/v1",
        corpus: openrouter_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::Mistral,
        profile: "provider = \"mistral\"",
        host: "api.mistral.ai",
        base: "/v1",
        corpus: mistral_features,
        oracle: Oracle::Features,
    },
    Target {
        provider: Provider::Groq,
        profile: "provider = \"groq\"",
        host: "api.groq.com",
        base: "/openai/v1",
        corpus: groq_features,
        oracle: Oracle::Features,
    },
];

/// Sends the corpus under `retention` to the in-process readers and to every reader program.
async fn run(readers: &[Reader], retention: &str, target: &Target) -> Run {
    let corpus = (target.corpus)();
    let mut run = Run::default();
    // The in-process readers read the bytes the guard decides to send.
    let offline = Guard::new(
        Profile::from_toml_str(&format!("{}\nretention = \"{retention}\"", target.profile))
            .unwrap(),
    );
    for probe in &corpus {
        let url: url::Url = format!("https://{}{}", target.host, probe.path)
            .parse()
            .unwrap();
        let mut headers = http::HeaderMap::new();
        if let Some(ct) = &probe.content_type {
            headers.insert(http::header::CONTENT_TYPE, ct.parse().unwrap());
        }
        let decision = offline.evaluate(&retention_guard::guard::Request::new(
            &http::Method::POST,
            &url,
            &headers,
            retention_guard::guard::Body::Bytes(&probe.body),
        ));
        let Ok(a) = decision.into_result() else {
            continue;
        };
        let sent = a.body().unwrap_or(&probe.body);
        for reading in in_process(probe, sent).await {
            run.check(target, probe, &reading);
        }
    }
    // The reader programs receive the requests over HTTP, through the middleware.
    for reader in readers {
        let profile = format!(
            "{}\nretention = \"{retention}\"\nbase_url = \"http://127.0.0.1:{}{}\"",
            target.profile, reader.port, target.base
        );
        let guard = Guard::new(Profile::from_toml_str(&profile).unwrap());
        let client = ClientBuilder::new(reqwest::Client::new())
            .with(RetentionGuardMiddleware::new(guard))
            .build();
        for probe in &corpus {
            let mut req = client
                .post(format!("http://127.0.0.1:{}{}", reader.port, probe.path))
                .body(probe.body.clone());
            if let Some(ct) = &probe.content_type {
                req = req.header("content-type", ct);
            }
            let response = match req.send().await {
                Err(err) => {
                    assert!(
                        Violation::find(&err).is_some(),
                        "{}: transport error: {err}",
                        reader.name
                    );
                    run.denied += 1;
                    continue;
                }
                Ok(r) => r,
            };
            run.allowed += 1;
            if !response.status().is_success() {
                continue; // The server refused the request itself.
            }
            let body: Value = response.json().await.expect("the reader answers JSON");
            for reading in body["readers"].as_array().expect("readers") {
                run.check(target, probe, reading);
            }
        }
    }
    eprintln!(
        "differential ({}{}, {retention}): {} probes, reader programs: {}; over HTTP {} allowed, \
         {} denied; {} readings checked, {} disagree",
        target.provider.as_str(),
        match target.oracle {
            Oracle::Rules => "",
            Oracle::Features => " hosted features",
        },
        corpus.len(),
        readers
            .iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
            .join(", "),
        run.allowed,
        run.denied,
        run.readings,
        run.breaches.len()
    );
    run
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_leaves_the_guard_reads_the_same_to_every_reader() {
    let readers = readers();
    let zdr = run(&readers, "zero_data_retention", &OPENAI).await;
    assert!(
        zdr.breaches.is_empty(),
        "{} reading(s) disagree with the guard:\n{}",
        zdr.breaches.len(),
        zdr.breaches.join("\n")
    );
    if !readers.is_empty() {
        assert!(
            zdr.allowed > 100 && zdr.denied > 100,
            "the corpus exercises both outcomes"
        );
    }
    // The same corpus without the rules: every reader must see breaches, or the oracle and the
    // readers could not tell a leak if the guard let one through.
    let standard = run(&readers, "standard", &OPENAI).await;
    every_reader_breaches(&standard, &["serde_json", "multer"], &readers, "werkzeug");
    // Go's key folding in particular: a folded `store` is read only by Go.
    if readers.iter().any(|r| r.name == "go") {
        assert!(
            standard
                .breaches
                .iter()
                .any(|b| b.starts_with("\"go\"") && b.contains("STORE\\\":true")),
            "Go did not read a folded `STORE: true`"
        );
    }
}

/// Whether `reader` reported a breach in a probe whose body ends with `tail`.
fn breached(run: &Run, reader: &str, tail: &str) -> bool {
    // A breach names the body in `Debug` form and then `: ` and the reason.
    let shown = format!("{tail:?}: ");
    let shown = &shown[1..];
    let prefix = format!("\"{reader}\"");
    run.breaches
        .iter()
        .any(|b| b.starts_with(&prefix) && b.contains(shown))
}

/// Asserts that the control run (no rules) found breaches in every reader: the in-process ones,
/// and every program (the Python program by its reader `python`, Node's as `express`). A reader
/// that reports none could not tell a leak if the guard let one through.
fn every_reader_breaches(standard: &Run, in_process: &[&str], readers: &[Reader], python: &str) {
    for name in in_process
        .iter()
        .copied()
        .chain(readers.iter().map(|r| r.name))
    {
        let prefix = match name {
            "python" => format!("\"{python}\""),
            "node" => "\"express\"".to_owned(),
            n => format!("\"{n}\""),
        };
        assert!(
            standard.breaches.iter().any(|b| b.starts_with(&prefix)),
            "reader {name} reported no breach of a `standard` profile: it cannot catch a leak"
        );
    }
}

/// OpenRouter's forced `provider` fields and plugins (issue 10), read by every reader after the
/// guard: `provider.zdr` true and `provider.data_collection` `"deny"` whatever the spelling,
/// duplicates or type of what the caller sent; no plugin, no `:online` model.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openrouter_provider_fields_read_the_same_to_every_reader() {
    let readers = readers();
    let zdr = run(&readers, "zero_data_retention", &OPENROUTER).await;
    assert!(
        zdr.breaches.is_empty(),
        "{} reading(s) disagree with the guard:\n{}",
        zdr.breaches.len(),
        zdr.breaches.join("\n")
    );
    if !readers.is_empty() {
        assert!(
            zdr.allowed > 100 && zdr.denied > 50,
            "the corpus exercises both outcomes ({} allowed, {} denied)",
            zdr.allowed,
            zdr.denied
        );
    }
    // Without the rules every reader sees `provider.zdr` missing or false: the oracle can fail.
    let standard = run(&readers, "standard", &OPENROUTER).await;
    every_reader_breaches(&standard, &["serde_json"], &readers, "python-json");
    // Go merges every folded `provider` into one struct: it alone reads `PROVIDER: {zdr: false}`.
    if readers.iter().any(|r| r.name == "go") {
        assert!(
            standard
                .breaches
                .iter()
                .any(|b| b.starts_with("\"go\"") && b.contains("PROVIDER")),
            "Go did not read a folded `PROVIDER`"
        );
    }
}

/// Every field a catalog denies is one the readers report (top-level ones in `fields`, nested
/// ones in `paths`), so that [`features_breach`] reads what the rules name.
#[test]
fn the_readers_report_every_field_a_catalog_denies() {
    for &provider in Provider::ALL {
        for e in Catalog::of(provider).endpoints() {
            for (path, _, _) in field_denials(e) {
                let reported = if path.contains('.') {
                    FEATURE_PATHS.contains(&path)
                } else {
                    FEATURE_FIELDS.contains(&path)
                };
                assert!(
                    reported,
                    "{} {}: the readers do not report `{}`",
                    provider.as_str(),
                    e.path,
                    path
                );
            }
        }
    }
}

/// The hosted-feature rules (issue 17), read by every reader after the guard: fields that keep
/// state or reach a third party (`container`, `mcp_servers`, `fallbacks`, `deferred`,
/// `search_parameters`, `prompt_cache_retention`, `web_search_options`, Gemini's cached contents
/// and grounding under `extra_body.google` and `google`), hosted tools by their `type` (or the
/// table's type for an untyped item) with `allowed_callers`, `environment.type` and `model`, and
/// covered models, for seven providers, judged by the catalogs' own tables.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hosted_features_read_the_same_to_every_reader() {
    let readers = readers();
    let (mut zdr, mut standard, mut probes) = (Run::default(), Run::default(), 0);
    for target in &FEATURES {
        probes += (target.corpus)().len();
        zdr.absorb(run(&readers, "zero_data_retention", target).await);
        // Without the rules every reader sees a feature of this provider turned on.
        let control = run(&readers, "standard", target).await;
        every_reader_breaches(&control, &["serde_json"], &readers, "python-json");
        standard.absorb(control);
    }
    eprintln!(
        "differential (hosted features, {} providers): {probes} probes; zero_data_retention: over \
         HTTP {} allowed, {} denied, {} readings checked, {} disagree; standard: {} readings \
         checked, {} breaches",
        FEATURES.len(),
        zdr.allowed,
        zdr.denied,
        zdr.readings,
        zdr.breaches.len(),
        standard.readings,
        standard.breaches.len()
    );
    assert!(
        zdr.breaches.is_empty(),
        "{} reading(s) disagree with the guard:\n{}",
        zdr.breaches.len(),
        zdr.breaches.join("\n")
    );
    // Counted once per reader program: each must see both outcomes often.
    if !readers.is_empty() {
        let n = readers.len();
        assert!(
            zdr.allowed > 100 * n && zdr.denied > 500 * n,
            "the corpus exercises both outcomes ({} allowed, {} denied, {n} reader programs)",
            zdr.allowed,
            zdr.denied
        );
    }
    // Go reads folded keys the others ignore (the last of `container` and `CONTAINER`), and
    // merges a folded `EXTRA_BODY` with the exact `extra_body` after it, which the others read
    // alone: Go, and only Go, reads these.
    if readers.iter().any(|r| r.name == "go") {
        for tail in [
            r#""CONTAINER":"cntr_1"}"#,
            r#""EXTRA_BODY":{"google":{"cached_content":"cachedContents/c1"}},"extra_body":{}}"#,
        ] {
            assert!(breached(&standard, "go", tail), "Go did not read `{tail}`");
            for other in ["serde_json", "python-json", "werkzeug", "express"] {
                assert!(
                    !breached(&standard, other, tail),
                    "{other} read a folded key in `{tail}`"
                );
            }
        }
    }
}
