//! Rules 5, 6, 7 and 9: what the body rules need for an endpoint, and reading the body for them.
//!
//! A body is read only when every server reads it alike (see `media_type`, `multipart` and
//! `fields`): exactly one `Content-Type` (or several identical ones), JSON in UTF-8 or a form
//! whose boundary every reader agrees on, no content or transfer coding. Otherwise the request is
//! denied as `uninspectable_body`.

use std::borrow::Cow;
use std::ops::Range;

use http::header::{CONTENT_ENCODING, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderMap, HeaderName, Method};

use super::{Body, Change, Guard, Request};
use crate::catalog::{
    Applies, BatchInput, Endpoint, FieldRule, Forced, ModelLimit, ProcessingModels, Regions, Rule,
    StoreDefault, ToolUse, Tools,
};
use crate::fields::{self, Field, Read};
use crate::json;
use crate::media_type;
use crate::multipart;
use crate::profile::{OnStore, Region};
use crate::violation::{Violation, ViolationKind};

/// What the body rules need for one request.
pub(super) struct BodyRules {
    pub(super) store: Option<StoreRule>,
    pub(super) params: bool,
    /// Whether the model limits apply under zero data retention, and under a residency region.
    zdr: bool,
    region: Option<Region>,
    models: &'static [&'static ModelLimit],
    tools: Option<&'static Tools>,
    tracing: Option<&'static Rule>,
    processing: Option<&'static ProcessingModels>,
    batch: Option<BatchInput>,
    session: bool,
    /// The deployments the request's path names (Azure's classic paths).
    pub(super) deployments: Vec<String>,
    forced: Option<&'static Forced>,
    plugins: Option<&'static Tools>,
    fallback_models: bool,
    /// The endpoint's field rules, and whether a denial among them applies.
    pub(super) fields: &'static [FieldRule],
    fields_apply: bool,
    /// The regions the endpoint's residency table processes in.
    processing_regions: Regions,
}

impl BodyRules {
    /// Whether a rule that applies as `applies` holds for this request.
    pub(super) fn holds(&self, applies: Applies) -> bool {
        applies.holds(self.zdr, self.region, self.processing_regions)
    }

    /// Whether a table has a denial or check that applies: for unknown items, or for some row
    /// (a model row by its limit's `applies`).
    pub(super) fn table_applies(&self, t: &Tools) -> bool {
        self.holds(t.applies)
            || t.table.iter().any(|r| match r.use_ {
                ToolUse::Model(limit) => self.holds(limit.applies),
                _ => self.holds(r.applies),
            })
    }

    /// The residency region of the request, if any.
    pub(super) fn region(&self) -> Option<Region> {
        self.region
    }

    /// The model limits that apply.
    fn model_limits(&self) -> impl Iterator<Item = &'static ModelLimit> + '_ {
        self.models
            .iter()
            .copied()
            .filter(|l| self.holds(l.applies))
    }

    /// The model limits and per-request processing limit for the model names given outside a
    /// body (a realtime URL's `model` query parameter).
    pub(super) fn check_models(
        &self,
        guard: &Guard,
        names: &[Cow<'_, str>],
        method: &Method,
        path: &str,
    ) -> Result<(), Violation> {
        for limit in self.model_limits() {
            guard.check_model(limit, names, false, &self.deployments, method, path)?;
        }
        if let Some(pm) = self.processing {
            guard.check_processing(pm, names, false, method, path)?;
        }
        Ok(())
    }

    fn reads_json_fields(&self) -> bool {
        self.store.is_some()
            || self.params
            || self.tools.is_some()
            || self.tracing.is_some()
            || self.processing.is_some()
            || self.forced.is_some()
            || self.plugins.is_some()
            || self.fields_apply
    }

    fn any(&self) -> bool {
        self.reads_json_fields() || self.batch.is_some() || self.model_limits().next().is_some()
    }
}

pub(super) struct StoreRule {
    add_if_absent: bool,
    rule: &'static Rule,
}

/// How the body is encoded, as every reader will read it.
enum Encoding<'h> {
    Json,
    Form(&'h str),
    /// A WebRTC session description (`application/sdp`), which carries no JSON fields.
    Sdp,
}

/// The one value of a header, if every occurrence of it is the same.
fn single<'h>(headers: &'h HeaderMap, name: &HeaderName) -> Result<Option<&'h str>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.any(|v| v != first) {
        return Err(format!(
            "it has two different `{name}` headers, and servers read different ones"
        ));
    }
    first
        .to_str()
        .map(Some)
        .map_err(|_| format!("its `{name}` header is not visible ASCII"))
}

/// Whether every comma-separated coding in every `name` header is one of `allowed`.
fn only_codings(headers: &HeaderMap, name: &HeaderName, allowed: &[&str]) -> bool {
    headers.get_all(name).iter().all(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .all(|c| c.is_empty() || allowed.iter().any(|a| a.eq_ignore_ascii_case(c)))
        })
    })
}

/// How the body of a request with `headers` is encoded, or why no reader can be trusted to read
/// it as the guard does.
fn encoding(headers: &HeaderMap) -> Result<Encoding<'_>, String> {
    if !only_codings(headers, &CONTENT_ENCODING, &["identity"]) {
        return Err("it is compressed (`Content-Encoding`)".to_owned());
    }
    if !only_codings(headers, &TRANSFER_ENCODING, &["chunked"]) {
        return Err("it has a transfer coding other than `chunked`".to_owned());
    }
    let Some(ct) = single(headers, &CONTENT_TYPE)? else {
        return Ok(Encoding::Json);
    };
    let m = media_type::parse(ct).map_err(str::to_owned)?;
    if m.is_json() {
        return match m.param("charset") {
            None => Ok(Encoding::Json),
            Some(c) if c.eq_ignore_ascii_case("utf-8") => Ok(Encoding::Json),
            Some(c) => Err(format!(
                "its charset `{c}` is not UTF-8 (servers decode other charsets, UTF-7 among them, \
                 before they read the JSON)"
            )),
        };
    }
    if m.is_form() {
        return m.boundary().map(Encoding::Form).map_err(str::to_owned);
    }
    if m.is_sdp() {
        return Ok(Encoding::Sdp);
    }
    Err(format!(
        "its content type `{ct}` is neither JSON nor multipart/form-data"
    ))
}

/// Whether `headers` say the body is a multipart form the guard can read (used by the adapters
/// to decide whether to buffer a streaming body).
#[cfg(feature = "reqwest")]
pub(crate) fn is_readable_form(headers: &HeaderMap) -> bool {
    matches!(encoding(headers), Ok(Encoding::Form(_)))
}

impl Guard {
    /// Rules 5, 6, 7 and 9 for a request that writes to `e`, whose residency region (the
    /// profile's, or the regional host's) is `region`: the rewritten body, if any.
    pub(super) fn body_rules_apply(
        &self,
        req: &Request<'_>,
        e: &'static Endpoint,
        region: Option<Region>,
        deployments: Vec<String>,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
        let mut rules = self.body_rules(e, region);
        rules.deployments = deployments;
        self.check_header_tokens(e, &rules, req.headers, req.method, req.url.path())?;
        if !rules.any() {
            return Ok(None);
        }
        self.inspect(req, e, &rules, changes)
    }

    pub(super) fn body_rules(&self, e: &'static Endpoint, region: Option<Region>) -> BodyRules {
        let p = &self.inner.profile;
        let zdr = p.is_zdr();
        let abroad = region.is_some_and(|r| r != Region::Us);
        let store = e.store.and_then(|default| {
            let region_forbids = e.store_us_only.filter(|_| abroad);
            let rule = if zdr { Some(&e.rule) } else { region_forbids };
            rule.map(|rule| StoreRule {
                add_if_absent: default != StoreDefault::DoesNotStore,
                rule,
            })
        });
        let per_request_region = region.filter(|_| p.per_request_residency);
        let mut rules = BodyRules {
            store,
            params: zdr && e.stateful_params,
            zdr,
            region,
            models: e.models,
            tools: e.tools,
            tracing: e.tracing.filter(|_| abroad),
            processing: e
                .residency
                .and_then(|r| r.processing_models)
                .filter(|m| per_request_region == Some(m.region)),
            batch: e.batch_input.filter(|_| self.batch_lines_matter()),
            session: e.session,
            deployments: Vec::new(),
            forced: e.forced.filter(|_| zdr),
            plugins: e.plugins,
            fallback_models: e.fallback_models,
            fields: e.fields,
            fields_apply: false,
            processing_regions: e.residency.map_or(Regions::NONE, |r| r.processing),
        };
        rules.tools = rules.tools.filter(|t| rules.table_applies(t));
        rules.plugins = rules.plugins.filter(|t| rules.table_applies(t));
        rules.fields_apply = e
            .fields
            .iter()
            .any(|f| f.is_denial() && rules.holds(f.applies));
        rules
    }

    pub(super) fn inspect<'b>(
        &self,
        req: &Request<'b>,
        e: &'static Endpoint,
        rules: &BodyRules,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
        let (method, path) = (req.method, req.url.path());
        let deciding = rules
            .forced
            .map(|f| &f.rule)
            .or(rules.model_limits().next().map(|m| &m.rule))
            .or(rules.store.as_ref().map(|s| s.rule))
            .unwrap_or(&e.rule);
        let refusal = |kind: ViolationKind, remedy: &'static str| {
            move |why: String| {
                self.violation(
                    kind,
                    method,
                    path,
                    format!("the `{}` rule needs the body, and {why}", deciding.id),
                    Some(deciding),
                    remedy,
                )
            }
        };
        let uninspectable = refusal(
            ViolationKind::UninspectableBody,
            "send the body uncompressed, as bytes, with one plain content type: JSON in UTF-8, or \
             a multipart form with one simple `boundary` (which the adapters buffer)",
        );
        let malformed = refusal(
            ViolationKind::MalformedBody,
            "send one valid JSON object (or a valid multipart/form-data body)",
        );
        let encoding = encoding(req.headers).map_err(&uninspectable)?;
        let b = match req.body {
            Body::Streaming => {
                return Err(uninspectable("it is a stream".to_owned()).needing_bytes());
            }
            Body::Empty => return Err(malformed("it is empty".to_owned())),
            Body::Bytes(b) => b,
        };
        // A realtime call's SDP offer (RFC 8866: it starts with `v=`) carries no session
        // settings; they come over the socket later, or as JSON. Readers that ignore the content
        // type would take any other body as JSON, so it is read as JSON.
        if matches!(encoding, Encoding::Sdp) {
            if !e.session {
                return Err(uninspectable(
                    "its content type `application/sdp` is neither JSON nor a form".to_owned(),
                ));
            }
            if b.starts_with(b"v=") {
                return Ok(None);
            }
        }
        if let Encoding::Form(boundary) = encoding {
            if rules.reads_json_fields() && e.session {
                // A realtime call's form: an `sdp` part and a `session` part, read as a session
                // body.
                let mut sessions = Vec::new();
                let mut odd = false;
                multipart::parts(b, boundary, |part| {
                    if part.name == "session" {
                        odd |= !part.is_plain_field || part.is_encoded;
                        sessions.push(part.value);
                    }
                })
                .map_err(|why| malformed(format!("it is not a valid multipart form: {why}")))?;
                let [session] = sessions[..] else {
                    return match sessions.len() {
                        0 => Ok(None),
                        _ => Err(malformed(
                            "it has two `session` parts, and servers read different ones"
                                .to_owned(),
                        )),
                    };
                };
                if odd {
                    return Err(malformed(
                        "its `session` part is not a plain text field (it has a filename, a \
                         transfer encoding or a non-UTF-8 content type), which servers read \
                         differently"
                            .to_owned(),
                    ));
                }
                let mut json = HeaderMap::new();
                json.insert(
                    CONTENT_TYPE,
                    http::HeaderValue::from_static("application/json"),
                );
                let part = Request::new(req.method, req.url, &json, Body::Bytes(session));
                let Some(edited) = self.inspect(&part, e, rules, changes)? else {
                    return Ok(None);
                };
                if memchr::memmem::find(&edited, boundary.as_bytes()).is_some() {
                    return Err(uninspectable(
                        "its edited `session` part would contain the form's boundary".to_owned(),
                    ));
                }
                // The part is a slice of the body: splice the edited part in its place.
                let start = session.as_ptr() as usize - b.as_ptr() as usize;
                return Ok(Some(json::splice(
                    b,
                    [(start..start + session.len(), &edited[..])],
                )));
            }
            if rules.reads_json_fields() {
                return Err(uninspectable(
                    "its rules read JSON fields and the body is a multipart form".to_owned(),
                ));
            }
            let mut models = Vec::new();
            let mut purposes = Vec::new();
            let mut files = Vec::new();
            let mut odd = None;
            multipart::parts(b, boundary, |part| match part.name {
                "model" | "purpose" if !part.is_plain_field => odd = Some(part.name),
                "file" if part.is_encoded => odd = Some(part.name),
                "model" => models.push(part.value),
                "purpose" => purposes.push(part.value),
                "file" => files.push(part.value),
                _ => {}
            })
            .map_err(|why| malformed(format!("it is not a valid multipart form: {why}")))?;
            if let Some(name) = odd {
                return Err(malformed(format!(
                    "its `{name}` part is not a plain text field or file (it has a filename, a \
                     transfer encoding or a non-UTF-8 content type), which servers read differently"
                )));
            }
            let text = |values: Vec<&'b [u8]>, what: &str| {
                text_parts(values).map_err(|()| malformed(format!("`{what}` is not UTF-8")))
            };
            let names = text(models, "model")?;
            for limit in rules.model_limits() {
                self.check_model(limit, &names, false, &rules.deployments, method, path)?;
            }
            if let Some(how) = rules.batch {
                let purposes = text(purposes, "purpose")?;
                if purposes
                    .iter()
                    .any(|p| p.trim().eq_ignore_ascii_case("batch"))
                {
                    match how {
                        BatchInput::File => self.check_batch_lines(req, e, &files)?,
                        _ => return Err(self.batch_unreadable(method, path, e)),
                    }
                }
            }
            return Ok(None);
        }
        let read = Read {
            input: rules.params,
            session: rules.session,
            tools: rules.tools.is_some(),
            forced: rules.forced,
            plugins: rules.plugins.is_some() || rules.fallback_models,
            paths: if rules.fields_apply {
                rules.fields
            } else {
                &[]
            },
            path_letters: 0,
        };
        let f = fields::read(b, read).map_err(|err| {
            malformed(format!(
                "it is not a valid JSON object: {} at byte {}",
                err.what, err.offset
            ))
        })?;

        let value = |r: Range<usize>| &b[r];
        let param_denied = |name: &str, reason: &str, rule: &'static Rule, remedy: &str| {
            Err(self.violation(
                ViolationKind::ParameterNotAllowed,
                method,
                path,
                format!("`{name}` {reason}, which `zero_data_retention` rules out"),
                Some(rule),
                remedy.to_owned(),
            ))
        };
        if rules.params {
            const STATELESS: &str = "keep the conversation on the client: send `\"store\": false` with \
                `\"include\": [\"reasoning.encrypted_content\"]` and pass earlier output items \
                (reasoning items with their `encrypted_content`) in `input`";
            let present = |field| f.of(field).any(|h| value(h.value()) != b"null");
            if present(Field::PreviousResponseId) {
                return param_denied(
                    "previous_response_id",
                    "continues a stored response",
                    &e.rule,
                    STATELESS,
                );
            }
            if present(Field::Conversation) {
                return param_denied(
                    "conversation",
                    "attaches the response to a stored conversation",
                    &e.rule,
                    STATELESS,
                );
            }
            if f.of(Field::Background)
                .any(|h| !matches!(value(h.value()), b"false" | b"null"))
            {
                return param_denied(
                    "background",
                    "keeps response data on the provider's disk",
                    &self.inner.catalog.rules().background,
                    "run the request in the foreground (omit `background`)",
                );
            }
            if f.input_references_state {
                return param_denied(
                    "input",
                    "has an item that points at stored state (an `item_reference`, an item with \
                     an `id` and no `type`, or a `reasoning` item without its \
                     `encrypted_content`)",
                    &e.rule,
                    STATELESS,
                );
            }
        }
        let has_model_rule = rules.model_limits().next().is_some() || rules.processing.is_some();
        if has_model_rule {
            if rules.fallback_models && f.models_odd {
                return Err(malformed(
                    "`models` is neither an array of strings nor null".to_owned(),
                ));
            }
            let fallbacks = f.models.iter().filter(|_| rules.fallback_models);
            let names = f
                .of(Field::Model)
                .map(|h| h.value())
                .chain(fallbacks.cloned())
                .map(|r| {
                    json::string_value(b, r)
                        .ok()
                        .flatten()
                        .ok_or_else(|| malformed("`model` is not a string".to_owned()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            // A reader that matches keys exactly sees no model when only a folded spelling
            // (`MODEL`) is given: the provider's default then applies.
            let default_possible = !f.has_exact(Field::Model);
            for limit in rules.model_limits() {
                self.check_model(
                    limit,
                    &names,
                    default_possible,
                    &rules.deployments,
                    method,
                    path,
                )?;
            }
            if let Some(pm) = rules.processing {
                self.check_processing(pm, &names, default_possible, method, path)?;
            }
        }
        if let Some(rule) = rules.tracing
            && f.of(Field::Tracing).any(|h| value(h.value()) != b"null")
        {
            return Err(self.violation(
                ViolationKind::ParameterNotAllowed,
                method,
                path,
                format!(
                    "`tracing` is not data-residency compliant, and the request's region is `{}`",
                    rules.region.map_or("", |r| r.as_str())
                ),
                Some(rule),
                "omit `tracing` (or set it to `null`)",
            ));
        }
        if rules.batch.is_some()
            && f.of(Field::Purpose).any(|h| {
                json::string_value(b, h.value())
                    .ok()
                    .flatten()
                    .is_none_or(|p| p.trim().eq_ignore_ascii_case("batch"))
            })
        {
            return Err(self.batch_unreadable(method, path, e));
        }
        if let Some(tools) = rules.tools {
            if f.tools_odd {
                return Err(malformed("`tools` is neither an array nor null".to_owned()));
            }
            if !f.tools.is_empty() {
                self.check_tools(tools, "type", rules, &f.tools, b, method, path)?;
            }
        }
        if let Some(plugins) = rules.plugins {
            if f.plugins_odd {
                return Err(malformed(
                    "`plugins` is neither an array nor null".to_owned(),
                ));
            }
            self.check_tools(plugins, "id", rules, &f.plugins, b, method, path)?;
        }
        if rules.fields_apply && !f.paths.is_empty() {
            self.check_fields(rules, &f, b, method, path)?;
        }
        let mut edits = Edits {
            top: Vec::new(),
            replace: Vec::new(),
            changes,
        };
        if let Some(store) = &rules.store {
            self.store_edits(store, &f, b, method, path, &mut edits)?;
        }
        if let Some(forced) = rules.forced {
            self.force(forced, &f, b, method, path, &mut edits)?;
        }
        Ok(edits.apply(b))
    }

    /// Rule 5: the edits `store` needs, or its denial under `on_store = "reject"`.
    fn store_edits(
        &self,
        store: &StoreRule,
        f: &fields::Fields,
        b: &[u8],
        method: &Method,
        path: &str,
        edits: &mut Edits<'_>,
    ) -> Result<(), Violation> {
        let p = &self.inner.profile;
        let value = |r: Range<usize>| &b[r];
        let storing = f.of(Field::Store).filter(|h| value(h.value()) != b"false");
        let add = !f.has_exact(Field::Store) && store.add_if_absent;
        if let Some(first) = storing.clone().next()
            && p.on_store == OnStore::Reject
        {
            return Err(self.violation(
                ViolationKind::StoreNotAllowed,
                method,
                path,
                format!(
                    "the request asks to be stored (`store` is {}), which the profile forbids",
                    // A literal or a number is shown; a string or an object may carry content.
                    match value(first.value()) {
                        v @ (b"true" | b"null") => format!("`{}`", String::from_utf8_lossy(v)),
                        v if v.len() <= 16 && v.iter().all(|c| b"-+.eE0123456789".contains(c)) => {
                            format!("`{}`", String::from_utf8_lossy(v))
                        }
                        _ => "a value other than `false`".to_owned(),
                    }
                ),
                Some(store.rule),
                "send `\"store\": false`, or set `on_store = \"rewrite\"` in the profile",
            ));
        }
        if add {
            edits.top.push("\"store\":false".to_owned());
            edits.changes.push(Change::StoreAdded);
        }
        let occurrences = storing.clone().count();
        if occurrences > 0 {
            edits.changes.push(Change::StoreRewritten { occurrences });
        }
        edits
            .replace
            .extend(storing.map(|h| (h.value(), Cow::Borrowed(&b"false"[..]))));
        Ok(())
    }

    /// The edits that force `forced`'s fields in every occurrence of its object (and add the
    /// object where exact readers see none); with `on_store = "reject"`, a member asking for
    /// another value is denied.
    fn force(
        &self,
        forced: &'static Forced,
        f: &fields::Fields,
        b: &[u8],
        method: &Method,
        path: &str,
        edits: &mut Edits<'_>,
    ) -> Result<(), Violation> {
        let object = forced.object;
        let member = |(k, v): &(&str, &str)| format!("\"{k}\":{v}");
        // The object with every forced field, e.g. `{"zdr":true,"data_collection":"deny"}`.
        let whole = || {
            let members: Vec<String> = forced.fields.iter().map(member).collect();
            format!("{{{}}}", members.join(","))
        };
        if !f.forced.iter().any(|o| o.exact) {
            let value = whole();
            edits.top.push(format!("\"{object}\":{value}"));
            edits.changes.push(Change::FieldAdded {
                field: object.to_owned(),
                value,
            });
        }
        for o in f.forced.iter() {
            if o.null {
                let value = whole();
                edits
                    .replace
                    .push((o.value.clone(), Cow::Owned(value.clone().into_bytes())));
                edits.changes.push(Change::FieldSet {
                    field: object.to_owned(),
                    value,
                    occurrences: 1,
                });
                continue;
            }
            if !o.object {
                return Err(self.violation(
                    ViolationKind::MalformedBody,
                    method,
                    path,
                    format!(
                        "`{object}` is neither an object nor null, so the guard cannot add the \
                         fields the `{}` rule needs",
                        forced.rule.id
                    ),
                    Some(&forced.rule),
                    format!("send `{object}` as an object, or omit it"),
                ));
            }
            let mut inserts = Vec::new();
            for (i, &(key, want)) in forced.fields.iter().enumerate() {
                let members = o.members.iter().filter(|m| m.0 == i);
                let asking: Vec<_> = members
                    .clone()
                    .filter(|m| &b[m.2.clone()] != want.as_bytes())
                    .collect();
                if let Some(first) = asking.first()
                    && self.inner.profile.on_store == OnStore::Reject
                {
                    return Err(self.violation(
                        ViolationKind::ParameterNotAllowed,
                        method,
                        path,
                        format!(
                            "`{object}.{key}` is `{}`, which asks for less than \
                             `zero_data_retention`",
                            String::from_utf8_lossy(&b[first.2.clone()])
                                .chars()
                                .take(24)
                                .collect::<String>()
                        ),
                        Some(&forced.rule),
                        format!(
                            "send `\"{object}\": {{\"{key}\": {want}}}`, or set \
                             `on_store = \"rewrite\"` in the profile"
                        ),
                    ));
                }
                if !asking.is_empty() {
                    edits.changes.push(Change::FieldSet {
                        field: format!("{object}.{key}"),
                        value: want.to_owned(),
                        occurrences: asking.len(),
                    });
                }
                edits.replace.extend(
                    asking
                        .iter()
                        .map(|m| (m.2.clone(), Cow::Borrowed(want.as_bytes()))),
                );
                if !members.clone().any(|m| m.1) {
                    inserts.push(member(&(key, want)));
                    edits.changes.push(Change::FieldAdded {
                        field: format!("{object}.{key}"),
                        value: want.to_owned(),
                    });
                }
            }
            edits.insert_members(o.value.start, o.empty, &inserts);
        }
        Ok(())
    }

    /// A batch upload whose lines the guard cannot read (an upload in parts, or JSON with no
    /// file).
    fn batch_unreadable(&self, method: &Method, path: &str, e: &'static Endpoint) -> Violation {
        self.violation(
            ViolationKind::UninspectableBody,
            method,
            path,
            "it uploads a batch input file (`purpose` `batch`, or one the guard cannot read) whose \
             lines the guard cannot read as requests (they arrive in parts, or not as a form's \
             `file`)",
            Some(&e.rule),
            "upload the batch file as one multipart form to the files endpoint, whose lines the \
             guard checks, or allow this endpoint in the profile if the agreement permits it",
        )
    }
}

/// The edits of one body: members to insert after the top-level `{`, byte ranges to replace,
/// and the changes they make.
struct Edits<'c> {
    top: Vec<String>,
    replace: Vec<(Range<usize>, Cow<'static, [u8]>)>,
    changes: &'c mut Vec<Change>,
}

impl Edits<'_> {
    /// Inserts `members` right after the `{` at `open` (`empty`: the object has no members).
    fn insert_members(&mut self, open: usize, empty: bool, members: &[String]) {
        if members.is_empty() {
            return;
        }
        let mut text = members.join(",");
        if !empty {
            text.push(',');
        }
        self.replace
            .push((open + 1..open + 1, Cow::Owned(text.into_bytes())));
    }

    /// The edited body, or `None` when nothing changes.
    fn apply(mut self, b: &[u8]) -> Option<Vec<u8>> {
        if self.top.is_empty() && self.replace.is_empty() {
            return None;
        }
        let open = b.iter().position(|&c| c == b'{').expect("validated object");
        let empty = b[open + 1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'}');
        let top = std::mem::take(&mut self.top);
        self.insert_members(open, empty, &top);
        // An insertion comes before any edit that starts where it is.
        self.replace.sort_by_key(|(r, _)| (r.start, r.end));
        Some(json::splice(
            b,
            self.replace.iter().map(|(r, t)| (r.clone(), &t[..])),
        ))
    }
}

/// Form field values as text.
fn text_parts(values: Vec<&[u8]>) -> Result<Vec<Cow<'_, str>>, ()> {
    values
        .into_iter()
        .map(|m| std::str::from_utf8(m).map(Cow::Borrowed).map_err(|_| ()))
        .collect()
}
