//! Rules 5, 6, 7 and 9: what the body rules need for an endpoint, and reading the body for them.

use std::borrow::Cow;
use std::ops::Range;

use http::header::{CONTENT_ENCODING, CONTENT_TYPE};
use http::{HeaderValue, Method};

use super::{Body, Change, Guard, RESIDENCY_STORE, Request, ZDR_BACKGROUND};
use crate::catalog::{Endpoint, ModelLimit, ModelLimitKind, Rule, StoreDefault};
use crate::json;
use crate::multipart;
use crate::profile::{OnStore, Region};
use crate::violation::{Violation, ViolationKind};

/// The top-level fields the body rules read.
#[derive(Default)]
struct Fields {
    store: Vec<Range<usize>>,
    model: Vec<Range<usize>>,
    previous_response_id: Vec<Range<usize>>,
    conversation: Vec<Range<usize>>,
    background: Vec<Range<usize>>,
    input: Vec<Range<usize>>,
}

/// What the body rules need for one request.
pub(super) struct BodyRules {
    pub(super) store: Option<StoreRule>,
    pub(super) params: bool,
    pub(super) model: Option<&'static ModelLimit>,
}

pub(super) struct StoreRule {
    add_if_absent: bool,
    rule: &'static Rule,
}

impl Guard {
    /// Rules 5, 6, 7 and 9 for a request that writes to `e`: the rewritten body, if any.
    pub(super) fn body_rules_apply(
        &self,
        req: &Request<'_>,
        e: &'static Endpoint,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
        let rules = self.body_rules(e);
        if rules.store.is_none() && !rules.params && rules.model.is_none() {
            return Ok(None);
        }
        let (body, body_changes) = self.inspect(req, e, &rules)?;
        changes.extend(body_changes);
        Ok(body)
    }

    pub(super) fn body_rules(&self, e: &'static Endpoint) -> BodyRules {
        let p = &self.inner.profile;
        let zdr = p.is_zdr();
        let store = e.store.and_then(|default| {
            let region_forbids = e.store_us_only && p.region.is_some_and(|r| r != Region::Us);
            (zdr || region_forbids).then(|| StoreRule {
                add_if_absent: default != StoreDefault::DoesNotStore,
                rule: if zdr { &e.rule } else { &RESIDENCY_STORE },
            })
        });
        BodyRules {
            store,
            params: zdr && e.stateful_params,
            model: if zdr { e.model } else { None },
        }
    }

    pub(super) fn inspect(
        &self,
        req: &Request<'_>,
        e: &'static Endpoint,
        rules: &BodyRules,
    ) -> Result<(Option<Vec<u8>>, Vec<Change>), Violation> {
        let p = &self.inner.profile;
        let (method, path) = (req.method, req.url.path());
        let deciding = rules
            .model
            .map(|m| &m.rule)
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
            "send the body uncompressed, as bytes: JSON, or a multipart form (which the adapters buffer)",
        );
        let malformed = refusal(
            ViolationKind::MalformedBody,
            "send one valid JSON object (or a valid multipart/form-data body)",
        );
        if let Some(enc) = req.headers.get(CONTENT_ENCODING)
            && !enc.as_bytes().eq_ignore_ascii_case(b"identity")
        {
            return Err(uninspectable(
                "it is compressed (`Content-Encoding`)".to_owned(),
            ));
        }
        let form_boundary = match req.headers.get(CONTENT_TYPE) {
            None => None,
            Some(ct) if is_json(ct) => None,
            Some(ct) => match ct.to_str().ok().and_then(multipart::boundary) {
                Some(boundary) => Some(boundary),
                None => {
                    return Err(uninspectable(format!(
                        "its content type `{}` is neither JSON nor multipart/form-data",
                        ct.to_str().unwrap_or("…")
                    )));
                }
            },
        };
        let b = match req.body {
            Body::Streaming => {
                return Err(uninspectable("it is a stream".to_owned()).needing_bytes());
            }
            Body::Empty => return Err(malformed("it is empty".to_owned())),
            Body::Bytes(b) => b,
        };
        if let Some(boundary) = form_boundary {
            if rules.store.is_some() || rules.params {
                return Err(uninspectable(
                    "its rules read JSON fields and the body is a multipart form".to_owned(),
                ));
            }
            let mut models = Vec::new();
            multipart::parts(b, boundary, |name, value| {
                if name == "model" {
                    models.push(value);
                }
            })
            .map_err(|why| malformed(format!("it is not a valid multipart form: {why}")))?;
            if let Some(limit) = rules.model {
                let names = models
                    .into_iter()
                    .map(|m| {
                        std::str::from_utf8(m)
                            .map(Cow::Borrowed)
                            .map_err(|_| malformed("`model` is not UTF-8".to_owned()))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                self.check_model(limit, &names, method, path)?;
            }
            return Ok((None, Vec::new()));
        }
        let mut f = Fields::default();
        json::top_level(b, |key, value| {
            let decoded;
            let name: &[u8] = if key.escaped {
                decoded = key.decode(b)?;
                decoded.as_bytes()
            } else {
                &b[key.content.clone()]
            };
            let slot = match name {
                b"store" => &mut f.store,
                b"model" => &mut f.model,
                b"previous_response_id" => &mut f.previous_response_id,
                b"conversation" => &mut f.conversation,
                b"background" => &mut f.background,
                b"input" => &mut f.input,
                _ => return Ok(()),
            };
            slot.push(value);
            Ok(())
        })
        .map_err(|err| {
            malformed(format!(
                "it is not a valid JSON object: {} at byte {}",
                err.what, err.offset
            ))
        })?;

        let value = |r: &Range<usize>| &b[r.clone()];
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
                `\"include\": [\"reasoning.encrypted_content\"]` and pass earlier output items in `input`";
            if f.previous_response_id.iter().any(|r| value(r) != b"null") {
                return param_denied(
                    "previous_response_id",
                    "continues a stored response",
                    &e.rule,
                    STATELESS,
                );
            }
            if f.conversation.iter().any(|r| value(r) != b"null") {
                return param_denied(
                    "conversation",
                    "attaches the response to a stored conversation",
                    &e.rule,
                    STATELESS,
                );
            }
            if f.background
                .iter()
                .any(|r| !matches!(value(r), b"false" | b"null"))
            {
                return param_denied(
                    "background",
                    "keeps response data on the provider's disk",
                    &ZDR_BACKGROUND,
                    "run the request in the foreground (omit `background`)",
                );
            }
            for r in &f.input {
                if has_item_reference(b, r.clone()).map_err(|err| {
                    malformed(format!(
                        "`input` is not valid: {} at byte {}",
                        err.what, err.offset
                    ))
                })? {
                    return param_denied(
                        "input",
                        "has an `item_reference` item, which points at stored state",
                        &e.rule,
                        STATELESS,
                    );
                }
            }
        }
        if let Some(limit) = rules.model {
            let names: Vec<_> = f
                .model
                .iter()
                .map(|r| {
                    json::string_value(b, r.clone())
                        .ok()
                        .flatten()
                        .ok_or_else(|| malformed("`model` is not a string".to_owned()))
                })
                .collect::<Result<_, _>>()?;
            self.check_model(limit, &names, method, path)?;
        }
        let mut changes = Vec::new();
        let mut edits: Vec<(Range<usize>, &[u8])> = Vec::new();
        if let Some(store) = &rules.store {
            let storing: Vec<_> = f
                .store
                .iter()
                .filter(|r| value(r) != b"false")
                .cloned()
                .collect();
            if !storing.is_empty() {
                if p.on_store == OnStore::Reject {
                    return Err(self.violation(
                        ViolationKind::StoreNotAllowed,
                        method,
                        path,
                        format!("the request asks to be stored (`store` is `{}`), which the profile forbids", String::from_utf8_lossy(value(&storing[0]))),
                        Some(store.rule),
                        "send `\"store\": false`, or set `on_store = \"rewrite\"` in the profile",
                    ));
                }
                changes.push(Change::StoreRewritten {
                    occurrences: storing.len(),
                });
                edits.extend(storing.into_iter().map(|r| (r, &b"false"[..])));
            } else if f.store.is_empty() && store.add_if_absent {
                let open = b.iter().position(|&c| c == b'{').expect("validated object");
                let empty = b[open + 1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'}');
                let insert: &[u8] = if empty {
                    b"\"store\":false"
                } else {
                    b"\"store\":false,"
                };
                edits.push((open + 1..open + 1, insert));
                changes.push(Change::StoreAdded);
            }
        }
        if edits.is_empty() {
            return Ok((None, changes));
        }
        edits.sort_by_key(|(r, _)| r.start);
        Ok((Some(json::splice(b, &edits)), changes))
    }

    /// Rule 7: the model names a request gives (none: the provider's default) against `limit`.
    pub(super) fn check_model(
        &self,
        limit: &'static ModelLimit,
        names: &[Cow<'_, str>],
        method: &Method,
        path: &str,
    ) -> Result<(), Violation> {
        let refuse = |model: String, remedy: String| {
            Err(self.violation(
                ViolationKind::ModelNotEligible,
                method,
                path,
                format!(
                    "{model} may retain data under `{}`",
                    self.inner.profile.retention
                ),
                Some(&limit.rule),
                remedy,
            ))
        };
        match limit.kind {
            ModelLimitKind::Prefix { prefix, default } => {
                if names.is_empty() {
                    return refuse(
                        format!("the default model `{default}` (none is named)"),
                        format!("name a `{prefix}*` model"),
                    );
                }
                if let Some(bad) = names.iter().find(|m| !m.starts_with(prefix)) {
                    return refuse(
                        format!("model `{bad}`"),
                        format!("name a `{prefix}*` model"),
                    );
                }
            }
            ModelLimitKind::DenyFamilies { families } => {
                if let Some(bad) = names.iter().find(|m| in_families(m, families)) {
                    return refuse(
                        format!("model `{bad}`"),
                        "use an open model, which Fireworks does not log".to_owned(),
                    );
                }
            }
        }
        Ok(())
    }
}

/// Whether an `input` value holds an item of type `item_reference`.
fn has_item_reference(b: &[u8], input: Range<usize>) -> Result<bool, json::JsonError> {
    if b.get(input.start) != Some(&b'[') {
        return Ok(false);
    }
    let mut found = false;
    json::elements(b, input, |item| {
        if b.get(item.start) == Some(&b'{') {
            json::members(b, item, |key, value| {
                if key.is(b, "type")
                    && json::string_value(b, value)?.is_some_and(|t| t == "item_reference")
                {
                    found = true;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(found)
}

fn in_families(model: &str, families: &[&str]) -> bool {
    let name = model
        .rsplit('/')
        .next()
        .unwrap_or(model)
        .to_ascii_lowercase();
    families.iter().any(|fam| {
        name.strip_prefix(fam)
            .is_some_and(|r| r.is_empty() || r.starts_with('-'))
    })
}

fn is_json(ct: &HeaderValue) -> bool {
    let Ok(ct) = ct.to_str() else { return false };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}
