//! Rules 5, 6, 7 and 9: an endpoint's body rules, and reading the body for them.
//!
//! An endpoint's rules ([`BodyRule`]s, in the catalog) apply where their `applies` holds for the
//! request: an item table where its rows or unknown items apply, a batch rule where a line could
//! break a rule, the first `store` rule of a path that applies. The body is read once for every
//! path they name (see the `fields` module), and each rule is applied in catalog order by the
//! file of its action; the first denial wins, and rewrites are made together at the end.
//!
//! A body is read only when every server reads it alike (see `media_type`, `multipart` and
//! `fields`): exactly one `Content-Type` (or several identical ones), JSON in UTF-8 or a form
//! whose boundary every reader agrees on, no content or transfer coding. Otherwise the request is
//! denied as `uninspectable_body`. A form is read for the rules that read forms (models and
//! batch input files); a realtime call's form for its `session` part, read as a JSON body.

mod deny;
mod edits;
mod force;
pub(super) mod items;
mod store;
mod strip;

use std::borrow::Cow;

use http::header::{CONTENT_ENCODING, CONTENT_TYPE, TRANSFER_ENCODING};
use http::{HeaderMap, HeaderName};

use super::context::Ctx;
use super::models::Limit;
use super::{Body, Change, Request};
use crate::catalog::paths::BodyIndex;
use crate::catalog::{Action, BatchInput, BodyRule, Rule};
use crate::fields::{self, Found, Want};
use crate::json;
use crate::media_type;
use crate::multipart;
use crate::profile::OnStoredItems;
use crate::violation::{Violation, ViolationKind};
use edits::Edits;

/// The body rules of an endpoint that apply to one request (a mask over its index's rules, in
/// catalog order).
pub(super) struct Applying<'i> {
    index: &'i BodyIndex,
    mask: u64,
}

impl<'i> Applying<'i> {
    /// The rules of `cx`'s endpoint that apply to its request.
    pub(super) fn of(cx: &'i Ctx<'_>) -> Self {
        let index = &*cx.index;
        if index.rules.is_empty() {
            return Self { index, mask: 0 };
        }
        let holding = cx.cond.holding();
        let mut mask = 0u64;
        for (i, &r) in index.rules.iter().enumerate() {
            let applies = index.when[i] & holding != 0
                // One `store` rule per path: the first that applies.
                && index.shadowed_by[i] & mask == 0
                && (!matches!(r.action, Action::Batch(_)) || cx.guard.batch_lines_matter());
            if applies {
                mask |= 1 << i;
            }
        }
        Self { index, mask }
    }

    /// The rules, in order, with their index.
    fn rules(&self) -> impl Iterator<Item = (u8, &'static BodyRule)> + '_ {
        fields::members(self.mask).map(|i| (i as u8, self.index.rules[i]))
    }

    /// Whether a rule reads JSON fields (every rule but model limits and batch files, which
    /// forms carry too).
    fn reads_json(&self) -> bool {
        self.rules()
            .any(|(_, r)| !matches!(r.action, Action::Models(_) | Action::Batch(_)))
    }

    /// The rule a refusal to read the body cites: a forced field's, else the first model
    /// limit's, else the `store` rule's, else the endpoint's.
    fn deciding(&self, cx: &Ctx<'_>) -> &'static Rule {
        let first = |pick: fn(&Action) -> bool| self.rules().find(|(_, r)| pick(&r.action));
        first(|a| matches!(a, Action::Force { .. }))
            .or_else(|| first(|a| matches!(a, Action::Models(_))))
            .or_else(|| first(|a| matches!(a, Action::Store { .. })))
            .map_or(&cx.endpoint.rule, |(_, r)| cx.rule_of(r))
    }
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
    // What nearly every client sends, read without parsing (the parse reads it alike).
    if ct == "application/json" {
        return Ok(Encoding::Json);
    }
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

/// Whether `headers` say the body is a multipart form the guard can read (one an adapter may
/// buffer when a rule needs it).
pub(crate) fn is_readable_form(headers: &HeaderMap) -> bool {
    matches!(encoding(headers), Ok(Encoding::Form(_)))
}

impl Ctx<'_> {
    /// Rules 5, 6, 7 and 9 for a request that writes to the endpoint: the rewritten body, if
    /// any.
    pub(super) fn body_rules(
        &self,
        req: &Request<'_>,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
        self.check_header_tokens(req.headers)?;
        let applying = Applying::of(self);
        if applying.mask == 0 {
            return Ok(None);
        }
        self.inspect(req, &applying, changes)
    }

    /// Whether a body rule applies to the request (its header tokens pass): the body must then
    /// be read.
    pub(super) fn needs_body(&self, headers: &HeaderMap) -> Result<bool, Violation> {
        self.check_header_tokens(headers)?;
        Ok(Applying::of(self).mask != 0)
    }

    /// The model limits and per-request processing limit that apply, for the model names given
    /// outside a body (a realtime URL's `model` query parameter).
    pub(super) fn query_models(&self, names: &[Cow<'_, str>]) -> Result<(), Violation> {
        for (_, r) in Applying::of(self).rules() {
            match r.action {
                Action::Models(kind) => self.check_model(self.limit(r, kind), names, false)?,
                Action::Processing(pm) => self.check_processing(pm, names, false)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn limit(&self, r: &'static BodyRule, kind: crate::catalog::ModelLimitKind) -> Limit {
        Limit {
            rule: self.rule_of(r),
            kind,
            applies: r.applies,
        }
    }

    fn inspect(
        &self,
        req: &Request<'_>,
        applying: &Applying<'_>,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Vec<u8>>, Violation> {
        let refusal = |kind: ViolationKind, remedy: &'static str| {
            move |why: String| {
                let deciding = applying.deciding(self);
                self.violation(
                    kind,
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
                return Err(uninspectable("it is a stream".to_owned()));
            }
            Body::Empty => return Err(malformed("it is empty".to_owned())),
            Body::Bytes(b) => b,
        };
        let session = self.endpoint.session;
        // A realtime call's SDP offer (RFC 8866: it starts with `v=`) carries no session
        // settings; they come over the socket later, or as JSON. Readers that ignore the content
        // type would take any other body as JSON, so it is read as JSON.
        if matches!(encoding, Encoding::Sdp) {
            if !session {
                return Err(uninspectable(
                    "its content type `application/sdp` is neither JSON nor a form".to_owned(),
                ));
            }
            if b.starts_with(b"v=") {
                return Ok(None);
            }
        }
        let Encoding::Form(boundary) = encoding else {
            return self.json(b, applying, changes, &malformed);
        };
        if applying.reads_json() && session {
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
            let [part] = sessions[..] else {
                return match sessions.len() {
                    0 => Ok(None),
                    _ => Err(malformed(
                        "it has two `session` parts, and servers read different ones".to_owned(),
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
            let Some(edited) = self.json(part, applying, changes, &malformed)? else {
                return Ok(None);
            };
            if memchr::memmem::find(&edited, boundary.as_bytes()).is_some() {
                return Err(uninspectable(
                    "its edited `session` part would contain the form's boundary".to_owned(),
                ));
            }
            // The part is a slice of the body: splice the edited part in its place.
            let start = part.as_ptr() as usize - b.as_ptr() as usize;
            return Ok(Some(json::splice(
                b,
                [(start..start + part.len(), &edited[..])],
            )));
        }
        if applying.reads_json() {
            return Err(uninspectable(
                "its rules read JSON fields and the body is a multipart form".to_owned(),
            ));
        }
        self.form(req, b, boundary, applying, &malformed)?;
        Ok(None)
    }

    /// The rules that read forms, for a form body `b`: model limits on its `model` parts, and
    /// batch input files in its `file` parts.
    fn form<'b>(
        &self,
        req: &Request<'_>,
        b: &'b [u8],
        boundary: &str,
        applying: &Applying<'_>,
        malformed: &dyn Fn(String) -> Violation,
    ) -> Result<(), Violation> {
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
        for (_, r) in applying.rules() {
            match r.action {
                Action::Models(kind) => self.check_model(self.limit(r, kind), &names, false)?,
                Action::Batch(how) => {
                    let purposes = text(purposes.clone(), "purpose")?;
                    if purposes
                        .iter()
                        .any(|p| p.trim().eq_ignore_ascii_case("batch"))
                    {
                        match how {
                            BatchInput::File => {
                                self.guard.check_batch_lines(req, self.endpoint, &files)?;
                            }
                            _ => return Err(self.batch_unreadable()),
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The rules for a JSON body `b`: the rewritten body, if any.
    fn json(
        &self,
        b: &[u8],
        applying: &Applying<'_>,
        changes: &mut Vec<Change>,
        malformed: &dyn Fn(String) -> Violation,
    ) -> Result<Option<Vec<u8>>, Violation> {
        let found = fields::read(b, &Want::new(applying.index, applying.mask)).map_err(|err| {
            malformed(format!(
                "it is not a valid JSON object: {} at byte {}",
                err.what, err.offset
            ))
        })?;
        let mut edits = Edits::new(changes);
        for (i, r) in applying.rules() {
            match r.action {
                Action::Store { insert } => self.store(r, i, insert, &found, b, &mut edits)?,
                Action::Force { .. } => self.force(applying, i, &found, b, &mut edits)?,
                Action::Deny(d) => self.deny(r, &d, i, &found, b)?,
                Action::StoredItems
                    if self.guard.inner.profile.on_stored_items == OnStoredItems::Strip =>
                {
                    self.strip_stored_items(r, b, &mut edits, malformed)?;
                }
                Action::StoredItems if found.stored & (1 << i) != 0 => {
                    self.stored_items(r)?;
                }
                Action::Models(kind) => {
                    let (names, default_possible) = self.model_names(r, i, &found, b, malformed)?;
                    self.check_model(self.limit(r, kind), &names, default_possible)?;
                }
                Action::Processing(pm) => {
                    let (names, default_possible) = self.model_names(r, i, &found, b, malformed)?;
                    self.check_processing(pm, &names, default_possible)?;
                }
                Action::Items(table) => self.items(table, i, &found, b, malformed)?,
                Action::Batch(_) => {
                    let batch = found.values_of(i).any(|h| {
                        json::string_value(b, h.value.clone())
                            .ok()
                            .flatten()
                            .is_none_or(|p| p.trim().eq_ignore_ascii_case("batch"))
                    });
                    if batch {
                        return Err(self.batch_unreadable());
                    }
                }
                _ => {}
            }
        }
        Ok(edits.apply(b))
    }

    /// The model names rule `i` found, and whether some reader may see none (only a folded
    /// `MODEL`: exact readers then use the provider's default).
    fn model_names<'b>(
        &self,
        r: &'static BodyRule,
        i: u8,
        found: &Found,
        b: &'b [u8],
        malformed: &dyn Fn(String) -> Violation,
    ) -> Result<(Vec<Cow<'b, str>>, bool), Violation> {
        if found.is_odd(i) {
            let list = r.paths.iter().find(|p| p.ends_with("[]")).unwrap_or("");
            return Err(malformed(format!(
                "`{}` is neither an array of strings nor null",
                list.trim_end_matches("[]")
            )));
        }
        let names = found
            .values_of(i)
            .map(|h| {
                json::string_value(b, h.value.clone())
                    .ok()
                    .flatten()
                    .ok_or_else(|| malformed("`model` is not a string".to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let default_possible = !found.values_of(i).any(|h| h.exact && !h.item);
        Ok((names, default_possible))
    }

    /// `input` items that point at stored state.
    fn stored_items(&self, r: &'static BodyRule) -> Result<(), Violation> {
        self.parameter_denied(
            self.rule_of(r),
            format!(
                "`{}` has an item that points at stored state (an `item_reference`, an item with \
                 an `id` and no `type`, or a `reasoning` item without its `encrypted_content`), \
                 which {} rules out",
                r.paths.first().trim_end_matches("[]"),
                self.ruling_out(r.applies)
            ),
            format!(
                "{}; or set `on_stored_items = \"strip\"` to have the guard remove such items and \
                 ask for the encrypted reasoning",
                crate::catalog::body::STATELESS
            ),
        )
    }

    /// A batch upload whose lines the guard cannot read (an upload in parts, or JSON with no
    /// file).
    fn batch_unreadable(&self) -> Violation {
        self.violation(
            ViolationKind::UninspectableBody,
            "it uploads a batch input file (`purpose` `batch`, or one the guard cannot read) whose \
             lines the guard cannot read as requests (they arrive in parts, or not as a form's \
             `file`)",
            Some(&self.endpoint.rule),
            "upload the batch file as one multipart form to the files endpoint, whose lines the \
             guard checks, or allow this endpoint in the profile if the agreement permits it",
        )
    }
}

/// Form field values as text.
fn text_parts(values: Vec<&[u8]>) -> Result<Vec<Cow<'_, str>>, ()> {
    values
        .into_iter()
        .map(|m| std::str::from_utf8(m).map(Cow::Borrowed).map_err(|_| ()))
        .collect()
}
