//! The hosted-feature corpora (issue 17): for each provider, a request field, tool or model its
//! catalog rules out, in the spellings readers read differently, and the oracle that judges a
//! reading by the catalog's own data.

use super::*;

/// The top-level hosted-feature fields the readers report in `fields` (with the rule fields).
pub(super) const FEATURE_FIELDS: [&str; 9] = [
    "container",
    "mcp_servers",
    "fallbacks",
    "deferred",
    "search_parameters",
    "prompt_cache_retention",
    "web_search_options",
    "cachedContent",
    "cached_content",
];

/// The nested hosted-feature fields the readers report in `paths`, by dotted path.
pub(super) const FEATURE_PATHS: [&str; 10] = [
    "extra_body.google.cached_content",
    "extra_body.google.cachedContent",
    "extra_body.google.tools",
    "extraBody.google.cached_content",
    "extraBody.google.cachedContent",
    "extraBody.google.tools",
    "google.cached_content",
    "google.cachedContent",
    "google.tools",
    "diagnostics.previous_message_id",
];

/// [`spellings`], and spellings that are both escaped and folded: an escaped upper-case first
/// letter, and an escaped `ſ` (U+017F) or `K` (U+212A).
pub(super) fn feature_spellings(name: &str) -> Vec<String> {
    let mut out = spellings(name);
    let upper = name[..1].to_uppercase();
    out.push(format!("\\u{:04x}{}", upper.as_bytes()[0], &name[1..]));
    if name.contains('s') {
        out.push(name.replacen('s', "\\u017f", 1));
    }
    if name.contains('k') {
        out.push(name.replacen('k', "\\u212a", 1));
    }
    out
}

/// A JSON object of `members` (each `"key":value`; empty ones are left out).
pub(super) fn object(members: &[&str]) -> String {
    let members: Vec<&str> = members.iter().copied().filter(|m| !m.is_empty()).collect();
    format!("{{{}}}", members.join(","))
}

/// The member that puts the members `leaf` under `keys`: `"a":{"b":{<leaf>}}` (`leaf` itself
/// when `keys` is empty).
pub(super) fn nest(keys: &[&str], leaf: &str) -> String {
    keys.iter()
        .rev()
        .fold(leaf.to_owned(), |inner, k| format!("\"{k}\":{{{inner}}}"))
}

/// Probes of the field at the dotted `path` on `endpoint`, next to the members `base`:
///
/// - every key in every spelling (one key at a time), with each value;
/// - the last key twice, exact and in a spelling, with a harmless and a harmful value in all four
///   orders (exact readers keep the exact key's last value, Go the last of all);
/// - each object on the way twice, exact and spelled, the harmless value under one and the
///   harmful under the other in all four orders, and a spelled one with the harmful value before
///   an exact empty one (which exact readers keep and Go merges into).
pub(super) fn field_probes(
    out: &mut Vec<Probe>,
    endpoint: &'static str,
    base: &str,
    path: &str,
    harmful: &[&str],
    harmless: &[&str],
) {
    let keys: Vec<&str> = path.split('.').collect();
    let last = keys.len() - 1;
    let mut push = |members: &str| out.push(json(endpoint, object(&[base, members])));
    for d in 0..keys.len() {
        for (i, spelled) in feature_spellings(keys[d]).iter().enumerate() {
            if i == 0 && d > 0 {
                continue; // The exact spelling of every key: done at depth 0.
            }
            let mut ks = keys.clone();
            ks[d] = spelled;
            for v in harmful.iter().chain(harmless) {
                push(&nest(&ks[..last], &format!("\"{}\":{v}", ks[last])));
            }
        }
    }
    // Each harmful value with the first harmless one, and the first harmful with each other.
    let pairs: Vec<(&str, &str)> = match (harmless.first(), harmful.first()) {
        (Some(h), Some(x)) => harmful
            .iter()
            .map(|x| (*h, *x))
            .chain(harmless[1..].iter().map(|h| (*h, *x)))
            .collect(),
        _ => Vec::new(),
    };
    let four = |exact_h: String, spelled_x: String, exact_x: String, spelled_h: String| {
        [
            format!("{exact_h},{spelled_x}"),
            format!("{spelled_x},{exact_h}"),
            format!("{exact_x},{spelled_h}"),
            format!("{spelled_h},{exact_x}"),
        ]
    };
    for d in 0..keys.len() {
        for spelled in feature_spellings(keys[d]) {
            // The members, at depth `d`, that put `v` at the path with key `d` spelled `key`.
            let under = |key: &str, v: &str| {
                let mut ks = keys[d..].to_vec();
                ks[0] = key;
                let n = ks.len() - 1;
                nest(&ks[..n], &format!("\"{}\":{v}", ks[n]))
            };
            for (h, x) in &pairs {
                for members in four(
                    under(keys[d], h),
                    under(&spelled, x),
                    under(keys[d], x),
                    under(&spelled, h),
                ) {
                    push(&nest(&keys[..d], &members));
                }
            }
            if d < last
                && let Some(x) = harmful.first()
            {
                let members = format!("{},\"{}\":{{}}", under(&spelled, x), keys[d]);
                push(&nest(&keys[..d], &members));
            }
        }
    }
}

/// Probes of the top-level `key` with the `harmful` value (a JSON literal) where readers may
/// decode the bytes differently: charsets and content types each reader reads on its own (UTF-7
/// hides a second key from the guard's UTF-8), a byte-order mark, UTF-16 without a charset (which
/// Python's `json` detects), bytes after the first JSON value (which Go does not read), and the
/// non-finite numbers Python's `json` reads.
pub(super) fn encoding_probes(
    out: &mut Vec<Probe>,
    endpoint: &'static str,
    key: &str,
    harmful: &str,
) {
    let utf7 = harmful.replace('"', "+ACI-");
    let with = |ct: &str, body: Vec<u8>| Probe {
        path: endpoint,
        content_type: Some(ct.to_owned()),
        body,
    };
    for ct in DECODED_CONTENT_TYPES {
        for body in [
            format!("{{+ACI-{key}+ACI-:{utf7}}}"),
            format!("{{\"{key}\":{harmful}}}"),
            format!("{{\"{key}\":null,\"x\":\"+ACI-,+ACI-{key}+ACI-:{utf7}\"}}"),
        ] {
            out.push(with(ct, body.into_bytes()));
        }
    }
    let plain = format!("{{\"{key}\":{harmful}}}");
    let utf16 = |bom: bool| {
        let units = bom
            .then_some(0xfeff)
            .into_iter()
            .chain(plain.encode_utf16());
        units.flat_map(u16::to_le_bytes).collect::<Vec<u8>>()
    };
    for body in [
        format!("\u{feff}{plain}").into_bytes(),
        format!("\u{feff}{{\"{key}\":null}}").into_bytes(),
        utf16(false),
        utf16(true),
        format!("{{\"{key}\":null}} {plain}").into_bytes(),
        format!("{plain} x").into_bytes(),
        format!("{plain}{{}}").into_bytes(),
        format!("{plain}\n").into_bytes(),
        format!("{{\"{key}\":NaN}}").into_bytes(),
        format!("{{\"{key}\":null,\"{key}\":-Infinity}}").into_bytes(),
    ] {
        out.push(with("application/json", body));
    }
}

/// A tool of type `ty` (with the members `rest`, each after a comma) in the spellings readers
/// read differently: `type` exact, folded, escaped, its value escaped, and twice with the
/// harmless type `ok` in every order of exact and folded keys.
pub(super) fn typed(ty: &str, ok: &str, rest: &str) -> Vec<String> {
    let tool = |members: String| format!("{{{members}{rest}}}");
    let escaped = format!("\\u{:04x}{}", ty.as_bytes()[0], &ty[1..]);
    vec![
        tool(format!("\"type\":\"{ty}\"")),
        tool(format!("\"TYPE\":\"{ty}\"")),
        tool(format!("\"Type\":\"{ty}\"")),
        tool(format!("\"\\u0074ype\":\"{ty}\"")),
        tool(format!("\"type\":\"{escaped}\"")),
        tool(format!("\"type\":\"{ok}\",\"type\":\"{ty}\"")),
        tool(format!("\"type\":\"{ty}\",\"type\":\"{ok}\"")),
        tool(format!("\"type\":\"{ok}\",\"TYPE\":\"{ty}\"")),
        tool(format!("\"TYPE\":\"{ty}\",\"type\":\"{ok}\"")),
        tool(format!("\"type\":\"{ty}\",\"TYPE\":\"{ok}\"")),
        tool(format!("\"TYPE\":\"{ok}\",\"type\":\"{ty}\"")),
    ]
}

/// Probes of the `tools` items `items` on `endpoint`, next to `base`: each alone and after the
/// harmless item `ok`; then `hosted` under every spelling of `tools`, alone and twice with an
/// exact `tools` of `ok`, in both orders.
pub(super) fn tool_probes(
    out: &mut Vec<Probe>,
    endpoint: &'static str,
    base: &str,
    ok: &str,
    items: &[String],
    hosted: &str,
) {
    for item in items {
        out.push(json(
            endpoint,
            object(&[base, &format!("\"tools\":[{item}]")]),
        ));
        out.push(json(
            endpoint,
            object(&[base, &format!("\"tools\":[{ok},{item}]")]),
        ));
    }
    for k in spellings("tools") {
        for members in [
            format!("\"{k}\":[{hosted}]"),
            format!("\"tools\":[{ok}],\"{k}\":[{hosted}]"),
            format!("\"{k}\":[{hosted}],\"tools\":[{ok}]"),
        ] {
            out.push(json(endpoint, object(&[base, &members])));
        }
    }
}

/// The corpus without repeated probes (the spellings of a key start with the key itself).
pub(super) fn dedup(corpus: Vec<Probe>) -> Vec<Probe> {
    let mut seen = std::collections::HashSet::new();
    corpus
        .into_iter()
        .filter(|p| seen.insert((p.path, p.body.clone())))
        .collect()
}

pub(super) const USER: &str = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

/// Anthropic's `/v1/messages`: `container`, `mcp_servers`, `fallbacks`,
/// `diagnostics.previous_message_id`, covered models, and tools (an untyped custom tool, code
/// execution, the MCP toolset, the dynamic web tools with and without `allowed_callers`, the
/// advisor's model).
pub(super) fn anthropic_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let p = "/v1/messages";
    let base = format!("\"max_tokens\":16,{USER}");
    let with_model = format!("\"model\":\"claude-sonnet-4-5\",{base}");
    let b = with_model.as_str();
    field_probes(
        &mut out,
        p,
        b,
        "container",
        &[
            "\"cntr_1\"",
            "{\"skills\":[{\"type\":\"anthropic\",\"skill_id\":\"pptx\"}]}",
        ],
        &["null"],
    );
    field_probes(
        &mut out,
        p,
        b,
        "mcp_servers",
        &["[{\"type\":\"url\",\"url\":\"https://mcp.example/sse\",\"name\":\"m\"}]"],
        &["[]", "null"],
    );
    field_probes(
        &mut out,
        p,
        b,
        "fallbacks",
        &["\"default\"", "[{\"model\":\"claude-opus-4-1\"}]"],
        &["[]", "null"],
    );
    field_probes(
        &mut out,
        p,
        b,
        "diagnostics.previous_message_id",
        &["\"msg_1\""],
        &["null"],
    );
    field_probes(
        &mut out,
        p,
        &base,
        "model",
        &["\"claude-fable-5\"", "\"claude-mythos-5-1\""],
        &["\"claude-sonnet-4-5\""],
    );
    encoding_probes(&mut out, p, "container", "\"c\"");
    field_probes(
        &mut out,
        "/v1/messages/count_tokens",
        b,
        "mcp_servers",
        &["[{\"type\":\"url\",\"url\":\"https://mcp.example/sse\",\"name\":\"m\"}]"],
        &["[]", "null"],
    );
    let ok = r#"{"name":"get_weather","input_schema":{"type":"object"}}"#;
    let web = r#""type":"web_search_20260209","name":"web_search""#;
    let advisor = r#""type":"advisor_20260301","name":"advisor""#;
    let mut items: Vec<String> = [
        ok,
        r#"{"type":"custom","name":"f","input_schema":{}}"#,
        r#"{"TYPE":"custom","name":"f","input_schema":{}}"#,
        r#"{"type":"bash_20250124","name":"bash"}"#,
        r#"{"type":"web_search_20250305","name":"web_search"}"#,
        r#"{"type":null,"name":"f"}"#,
        r#""f""#,
    ]
    .map(str::to_owned)
    .to_vec();
    for (ty, rest) in [
        ("code_execution_20250825", ",\"name\":\"code_execution\""),
        ("mcp_toolset", ",\"mcp_server_name\":\"m\""),
        ("web_search_20260209", ",\"name\":\"web_search\""),
        ("web_fetch_20260209", ",\"name\":\"web_fetch\""),
        ("memory_20990101", ",\"name\":\"memory\""),
        (
            "advisor_20260301",
            ",\"name\":\"advisor\",\"model\":\"claude-fable-5\"",
        ),
    ] {
        items.extend(typed(ty, "custom", rest));
    }
    // The dynamic web tools run without code execution only with `allowed_callers: ["direct"]`.
    items.extend(typed(
        "web_search_20260209",
        "custom",
        ",\"name\":\"web_search\",\"allowed_callers\":[\"direct\"]",
    ));
    for callers in [
        r#""allowed_callers":["direct"]"#,
        r#""\u0061llowed_callers":["dir\u0065ct"]"#,
        r#""allowed_callers":[]"#,
        r#""allowed_callers":null"#,
        r#""allowed_callers":"direct""#,
        r#""allowed_callers":["direct","code_execution_20250825"]"#,
        r#""allowed_callers":["code_execution_20250825"]"#,
        r#""ALLOWED_CALLERS":["direct"]"#,
        r#""allowed_callers":["direct"],"Allowed_Callers":["code_execution_20250825"]"#,
        r#""Allowed_Callers":["code_execution_20250825"],"allowed_callers":["direct"]"#,
        r#""allowed_callers":["code_execution_20250825"],"ALLOWED_CALLERS":["direct"]"#,
        r#""allowed_callers":["direct"],"allowed_callers":["code_execution_20250825"]"#,
        r#""allowed_callers":["code_execution_20250825"],"allowed_callers":["direct"]"#,
    ] {
        items.push(format!("{{{web},{callers}}}"));
    }
    // The advisor keeps nothing, but its model is checked like the request's.
    for model in [
        r#""model":"claude-opus-4-7""#,
        r#""model":"claude-fable-5""#,
        r#""model":"CLAUDE-MYTHOS-5""#,
        r#""model":"claude-fable""#,
        r#""model":"claude-fablexyz""#,
        r#""model":"claude-opus-4-7","MODEL":"claude-fable-5""#,
        r#""MODEL":"claude-fable-5","model":"claude-opus-4-7""#,
        r#""model":"claude-fable-5","model":"claude-opus-4-7""#,
        r#""model":"claude-opus-4-7","model":"claude-fable-5""#,
        r#""model":null"#,
    ] {
        items.push(format!("{{{advisor},{model}}}"));
    }
    tool_probes(
        &mut out,
        p,
        b,
        ok,
        &items,
        r#"{"type":"code_execution_20250825","name":"code_execution"}"#,
    );
    dedup(out)
}

/// xAI's chat completions (`deferred`, `search_parameters`, function tools only) and responses
/// (hosted tools; web and X search are ruled out with a region only).
pub(super) fn xai_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let chat = "/v1/chat/completions";
    let b = format!("\"model\":\"grok-4\",{USER}");
    field_probes(
        &mut out,
        chat,
        &b,
        "deferred",
        &["true", "\"true\"", "1"],
        &["false", "null"],
    );
    field_probes(
        &mut out,
        chat,
        &b,
        "search_parameters",
        &["{\"mode\":\"auto\"}", "{\"mode\":\"off\"}"],
        &["null"],
    );
    encoding_probes(&mut out, chat, "deferred", "true");
    let ok = r#"{"type":"function","function":{"name":"f","parameters":{}}}"#;
    let mut items = vec![ok.to_owned(), r#"{"function":{"name":"f"}}"#.to_owned()];
    items.extend(typed("web_search", "function", ""));
    tool_probes(&mut out, chat, &b, ok, &items, r#"{"type":"web_search"}"#);
    let responses = "/v1/responses";
    let b = "\"model\":\"grok-4\",\"input\":\"hi\"";
    let ok = r#"{"type":"function","name":"f","parameters":{}}"#;
    let mut items = vec![
        ok.to_owned(),
        r#"{"type":"web_search"}"#.to_owned(),
        r#"{"type":"x_search"}"#.to_owned(),
        r#"{"name":"f"}"#.to_owned(),
    ];
    for (ty, rest) in [
        (
            "mcp",
            ",\"server_url\":\"https://mcp.example\",\"server_label\":\"m\"",
        ),
        ("code_interpreter", ""),
        ("collections_search", ",\"collection_ids\":[\"c\"]"),
        ("grok_tool_2099", ""),
    ] {
        items.extend(typed(ty, "function", rest));
    }
    tool_probes(
        &mut out,
        responses,
        b,
        ok,
        &items,
        r#"{"type":"code_interpreter"}"#,
    );
    dedup(out)
}

/// OpenAI's chat completions and responses: `prompt_cache_retention` (`24h` ruled out,
/// `in_memory` not); chat's `web_search_options`, which OpenAI's terms cover.
pub(super) fn openai_features() -> Vec<Probe> {
    let mut out = Vec::new();
    for (p, b) in [
        (
            "/v1/chat/completions",
            format!("\"model\":\"gpt-5\",{USER}"),
        ),
        (
            "/v1/responses",
            "\"model\":\"gpt-5\",\"input\":\"hi\"".to_owned(),
        ),
    ] {
        field_probes(
            &mut out,
            p,
            &b,
            "prompt_cache_retention",
            &["\"24h\"", "\"24H\"", "true"],
            &[
                "\"in_memory\"",
                "\"in-memory\"",
                "\"in_m\\u0065mory\"",
                "null",
            ],
        );
    }
    field_probes(
        &mut out,
        "/v1/chat/completions",
        &format!("\"model\":\"gpt-5\",{USER}"),
        "web_search_options",
        &[],
        &["{}", "{\"search_context_size\":\"low\"}"],
    );
    dedup(out)
}

/// Gemini's OpenAI-compatible chat completions: cached contents and grounding tools under
/// `extra_body.google` and `google`, in both spellings; function tools only.
pub(super) fn gemini_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let p = "/v1beta/openai/chat/completions";
    let b = format!("\"model\":\"gemini-2.5-flash\",{USER}");
    for path in [
        "extra_body.google.cached_content",
        "extra_body.google.cachedContent",
        "extraBody.google.cached_content",
        "extraBody.google.cachedContent",
        "google.cached_content",
        "google.cachedContent",
    ] {
        field_probes(
            &mut out,
            p,
            &b,
            path,
            &["\"cachedContents/c1\"", "\"\""],
            &["null"],
        );
    }
    for path in [
        "extra_body.google.tools",
        "extraBody.google.tools",
        "google.tools",
    ] {
        field_probes(
            &mut out,
            p,
            &b,
            path,
            &["[{\"google_search\":{}}]"],
            &["[]", "null"],
        );
    }
    field_probes(
        &mut out,
        p,
        &b,
        "extra_body.google.thinking_config",
        &[],
        &["{\"thinking_budget\":0}"],
    );
    let ok = r#"{"type":"function","function":{"name":"f"}}"#;
    let mut items = vec![
        ok.to_owned(),
        r#"{"google_search":{}}"#.to_owned(),
        r#"{"code_execution":{}}"#.to_owned(),
    ];
    items.extend(typed("google_search", "function", ""));
    tool_probes(&mut out, p, &b, ok, &items, r#"{"type":"code_execution"}"#);
    dedup(out)
}

/// OpenRouter's chat completions: `web_search_options` and the server tools.
pub(super) fn openrouter_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let p = "/api/v1/chat/completions";
    let b = format!("\"model\":\"openai/gpt-5\",{USER}");
    field_probes(
        &mut out,
        p,
        &b,
        "web_search_options",
        &["{}", "{\"search_context_size\":\"high\"}"],
        &["null"],
    );
    let ok = r#"{"type":"function","function":{"name":"f"}}"#;
    let mut items: Vec<String> = [
        ok,
        r#"{"function":{"name":"f"}}"#,
        r#"{"type":"openrouter:datetime"}"#,
        r#"{"type":"shell","environment":{"type":"local"}}"#,
        r#"{"type":"shell"}"#,
        r#"{"type":"shell","environment":{"type":"container_auto"}}"#,
        r#"{"type":"shell","environment":{"type":"local","TYPE":"container_auto"}}"#,
        r#"{"type":"shell","Environment":{"type":"container_auto"},"environment":{"type":"local"}}"#,
    ]
    .map(str::to_owned)
    .to_vec();
    for (ty, rest) in [
        ("openrouter:web_search", ""),
        ("web_search_preview", ""),
        ("mcp", ",\"server_url\":\"https://mcp.example\""),
        ("openrouter:advisor", ""),
        ("router_tool_2099", ""),
    ] {
        items.extend(typed(ty, "function", rest));
    }
    tool_probes(
        &mut out,
        p,
        &b,
        ok,
        &items,
        r#"{"type":"openrouter:web_search"}"#,
    );
    dedup(out)
}

/// Mistral's chat completions: built-in tools and connectors.
pub(super) fn mistral_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let p = "/v1/chat/completions";
    let b = format!("\"model\":\"mistral-large-latest\",{USER}");
    let ok = r#"{"type":"function","function":{"name":"f"}}"#;
    let mut items = vec![ok.to_owned(), r#"{"function":{"name":"f"}}"#.to_owned()];
    for (ty, rest) in [
        ("web_search", ""),
        ("web_search_premium", ""),
        ("connector", ",\"connector_id\":\"c1\""),
        ("document_library", ",\"library_ids\":[\"l\"]"),
    ] {
        items.extend(typed(ty, "function", rest));
    }
    tool_probes(&mut out, p, &b, ok, &items, r#"{"type":"web_search"}"#);
    dedup(out)
}

/// Groq's chat completions: built-in tools, remote MCP, and the compound systems.
pub(super) fn groq_features() -> Vec<Probe> {
    let mut out = Vec::new();
    let p = "/openai/v1/chat/completions";
    let b = format!("\"model\":\"openai/gpt-oss-120b\",{USER}");
    let ok = r#"{"type":"function","function":{"name":"f"}}"#;
    let mut items = vec![ok.to_owned()];
    for (ty, rest) in [
        ("browser_search", ""),
        ("code_interpreter", ""),
        ("mcp", ",\"server_url\":\"https://mcp.example\""),
    ] {
        items.extend(typed(ty, "function", rest));
    }
    tool_probes(&mut out, p, &b, ok, &items, r#"{"type":"browser_search"}"#);
    field_probes(
        &mut out,
        p,
        USER,
        "model",
        &["\"groq/compound\"", "\"compound-mini\""],
        &["\"openai/gpt-oss-120b\""],
    );
    dedup(out)
}

/// Whether `model` is in one of `families`, as the catalog defines them: the last path segment
/// (before a `#deployment`), lower case, is a family or starts with one and a `-`.
pub(super) fn in_family(model: &str, families: &[&str]) -> bool {
    let model = model.split('#').next().unwrap_or(model).trim();
    let model = model.to_ascii_lowercase();
    let name = model.rsplit('/').next().unwrap_or(&model);
    families.iter().any(|f| {
        name.strip_prefix(f)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    })
}

/// Whether a rule that applies as `applies` holds under zero data retention (no region).
pub(super) fn under_zdr(applies: Applies) -> bool {
    applies.holds(&Conditions::new(true, None, false, Regions::ALL))
}

/// The table of an endpoint's `tools` items, if it has one.
pub(super) fn tools_of(e: &Endpoint) -> Option<&'static Tools> {
    e.body_rules().find_map(|r| match r.action {
        Action::Items(t) if r.paths.first().starts_with("tools") => Some(t),
        _ => None,
    })
}

/// An endpoint's hosted-feature field denials: path, the values that keep nothing, and when.
pub(super) fn field_denials(
    e: &Endpoint,
) -> impl Iterator<Item = (&'static str, &'static [&'static str], Applies)> + '_ {
    e.body_rules().filter_map(|r| match r.action {
        Action::Deny(d) if d.waivable => Some((r.paths.first(), d.unless, r.applies)),
        _ => None,
    })
}

/// [`features_breach`] for a reader's whole reading (JSON bodies only; a parse error reads
/// nothing).
pub(super) fn features_reading_breach(
    provider: Provider,
    path: &str,
    reading: &Value,
) -> Option<String> {
    let json = reading.get("json").filter(|j| !j.is_null())?;
    if !json["error"].is_null() {
        return None;
    }
    features_breach(provider, path, json)
}

/// Whether a reader's reading of a body for `provider`'s endpoint `path` (after the base path)
/// turns on a hosted feature that zero data retention rules out, by the catalog's own data: a
/// denied field rule that applies under ZDR whose path reads a value other than `null` and the
/// rule's `unless`; a `tools` item whose type (the table's `untyped` one when it has none) is
/// unknown or a denied row, unless the row's condition holds in this reading; a tool's or the
/// request's model in a denied family.
pub(super) fn features_breach(provider: Provider, path: &str, json: &Value) -> Option<String> {
    let endpoint = Catalog::of(provider)
        .lookup(&http::Method::POST, path)
        .expect("a catalog endpoint");
    let (Some(fields), Some(paths)) = (json["fields"].as_object(), json["paths"].as_object())
    else {
        return Some("the reading has no `fields` or no `paths` object".to_owned());
    };
    for (path, unless, applies) in field_denials(endpoint) {
        if !under_zdr(applies) {
            continue;
        }
        let read = if path.contains('.') { paths } else { fields };
        let Some(v) = read.get(path) else {
            continue;
        };
        let keeps_nothing = v.is_null()
            || unless
                .iter()
                .any(|u| serde_json::from_str::<Value>(u).ok().as_ref() == Some(v));
        if !keeps_nothing {
            return Some(format!("`{path}` reads {v}"));
        }
    }
    for r in endpoint.body_rules() {
        if let Action::Models(ModelLimitKind::DenyFamilies { families }) = r.action
            && under_zdr(r.applies)
            && let Some(m) = fields.get("model").and_then(Value::as_str)
            && in_family(m, families)
        {
            return Some(format!("model `{m}`"));
        }
    }
    let tools = tools_of(endpoint)?;
    json["tools"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|tool| tool_breach(tools, tool))
}

/// Whether one `tools` item, as a reader read it, is ruled out under ZDR by the table `tools`.
pub(super) fn tool_breach(tools: &Tools, tool: &Value) -> Option<String> {
    let unknown = under_zdr(tools.applies);
    let Some(t) = tool.as_object() else {
        return unknown.then(|| format!("a tool that is not an object: {tool}"));
    };
    let ty = match t.get("type") {
        Some(Value::String(ty)) => ty.as_str(),
        None => match tools.untyped {
            Some(ty) => ty,
            None => return unknown.then(|| format!("a tool without a type: {tool}")),
        },
        Some(_) => return unknown.then(|| format!("a tool whose type is not a string: {tool}")),
    };
    let Some(row) = tools.get(ty) else {
        return unknown.then(|| format!("tool type `{ty}` the catalog does not know: {tool}"));
    };
    if !under_zdr(row.applies) {
        return None;
    }
    let hosted = || Some(format!("hosted tool `{ty}`: {tool}"));
    match row.use_ {
        ToolUse::Allowed => None,
        ToolUse::Denied => hosted(),
        ToolUse::HostedUnless(Unless::EnvironmentLocal) => {
            if t.get("environment_type") == Some(&Value::from("local")) {
                None
            } else {
                hosted()
            }
        }
        ToolUse::HostedUnless(Unless::CallersDirect) => {
            let direct = t
                .get("allowed_callers")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty() && a.iter().all(|c| c == "direct"));
            if direct { None } else { hosted() }
        }
        ToolUse::Model(limit) if !under_zdr(limit.applies) => None,
        ToolUse::Model(limit) => match (limit.kind, t.get("model")) {
            (ModelLimitKind::DenyFamilies { .. }, None) => None,
            (ModelLimitKind::DenyFamilies { families }, Some(Value::String(m)))
                if !in_family(m, families) =>
            {
                None
            }
            (ModelLimitKind::Listed { models, default }, m) => {
                let model = match m {
                    None => default,
                    Some(m) => m.as_str(),
                };
                if model.is_some_and(|m| models.contains(&m)) {
                    None
                } else {
                    Some(format!("`{ty}` with model {m:?}"))
                }
            }
            (_, m) => Some(format!("`{ty}` with model {m:?}")),
        },
        _ => Some(format!("`{ty}`: a treatment this oracle does not read")),
    }
}
