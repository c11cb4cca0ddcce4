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

use super::{Body, Change, Guard, RESIDENCY_STORE, Request, ZDR_BACKGROUND};
use crate::catalog::{Endpoint, ModelLimit, ModelLimitKind, Rule, StoreDefault};
use crate::fields::{self, Field};
use crate::json;
use crate::media_type;
use crate::multipart;
use crate::profile::{OnStore, Region};
use crate::violation::{Violation, ViolationKind};

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

/// How the body is encoded, as every reader will read it.
enum Encoding<'h> {
    Json,
    Form(&'h str),
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
        self.inspect(req, e, &rules, changes)
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
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
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
        if let Encoding::Form(boundary) = encoding {
            if rules.store.is_some() || rules.params {
                return Err(uninspectable(
                    "its rules read JSON fields and the body is a multipart form".to_owned(),
                ));
            }
            let mut models = Vec::new();
            let mut odd_model = false;
            multipart::parts(b, boundary, |part| {
                if part.name == "model" {
                    odd_model |= !part.is_plain_field;
                    models.push(part.value);
                }
            })
            .map_err(|why| malformed(format!("it is not a valid multipart form: {why}")))?;
            if odd_model {
                return Err(malformed(
                    "its `model` part is not a plain text field (it has a filename, a transfer \
                     encoding or a non-UTF-8 content type), which servers read differently"
                        .to_owned(),
                ));
            }
            if let Some(limit) = rules.model {
                let names = models
                    .into_iter()
                    .map(|m| {
                        std::str::from_utf8(m)
                            .map(Cow::Borrowed)
                            .map_err(|_| malformed("`model` is not UTF-8".to_owned()))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                self.check_model(limit, &names, false, method, path)?;
            }
            return Ok(None);
        }
        let f = fields::read(b, rules.params).map_err(|err| {
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
                    &ZDR_BACKGROUND,
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
        if let Some(limit) = rules.model {
            let names = f
                .of(Field::Model)
                .map(|h| {
                    json::string_value(b, h.value())
                        .ok()
                        .flatten()
                        .ok_or_else(|| malformed("`model` is not a string".to_owned()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            // A reader that matches keys exactly sees no model when only a folded spelling
            // (`MODEL`) is given: the provider's default then applies.
            let default_possible = !f.has_exact(Field::Model);
            self.check_model(limit, &names, default_possible, method, path)?;
        }
        let Some(store) = &rules.store else {
            return Ok(None);
        };
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
                    "the request asks to be stored (`store` is `{}`), which the profile forbids",
                    String::from_utf8_lossy(value(first.value()))
                ),
                Some(store.rule),
                "send `\"store\": false`, or set `on_store = \"rewrite\"` in the profile",
            ));
        }
        let insert = add.then(|| {
            let open = b.iter().position(|&c| c == b'{').expect("validated object");
            let empty = b[open + 1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'}');
            let text: &[u8] = if empty {
                b"\"store\":false"
            } else {
                b"\"store\":false,"
            };
            changes.push(Change::StoreAdded);
            (open + 1..open + 1, text)
        });
        let occurrences = storing.clone().count();
        if occurrences > 0 {
            changes.push(Change::StoreRewritten { occurrences });
        }
        if insert.is_none() && occurrences == 0 {
            return Ok(None);
        }
        // Edits in order: the insertion comes right after `{`, before every value.
        let rewrites = storing.map(|h| (h.value(), &b"false"[..]));
        Ok(Some(json::splice(b, insert.into_iter().chain(rewrites))))
    }

    /// Rule 7: the model names a request gives (none: the provider's default) against `limit`.
    ///
    /// `default_possible`: some reader may see no model at all, and so use the provider's default.
    pub(super) fn check_model(
        &self,
        limit: &'static ModelLimit,
        names: &[Cow<'_, str>],
        default_possible: bool,
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
                if names.is_empty() || default_possible {
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

/// Whether `model`'s name is in one of `families`. A Fireworks model id may name a deployment
/// after `#` (`accounts/fireworks/models/firefunction-v2#accounts/me/deployments/d1`): the model
/// is the part before it.
fn in_families(model: &str, families: &[&str]) -> bool {
    let model = model.split('#').next().unwrap_or(model);
    let name = model
        .trim()
        .rsplit('/')
        .next()
        .unwrap_or(model)
        .to_ascii_lowercase();
    families.iter().any(|fam| {
        name.strip_prefix(fam)
            .is_some_and(|r| r.is_empty() || r.starts_with('-'))
    })
}
