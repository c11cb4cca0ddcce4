//! The values evaluation works on and returns: the request view, the decision, the changes.

use std::fmt;

use http::header::HOST;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use url::Url;

use super::hosts::host_and_port;
use super::{Guard, Verdict};
use crate::catalog::{Endpoint, Rule};
use crate::violation::Violation;

/// The body of a request, as far as the adapter can see it.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// No body.
    Empty,
    /// The whole body, as it will be sent.
    Bytes(&'a [u8]),
    /// A body the adapter cannot see without consuming it (a stream).
    Streaming,
}

/// The parts of a request the guard decides on. Adapters build one from their request type.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub(crate) method: &'a Method,
    pub(crate) url: &'a Url,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: Body<'a>,
}

impl<'a> Request<'a> {
    /// A request view over borrowed parts.
    pub fn new(method: &'a Method, url: &'a Url, headers: &'a HeaderMap, body: Body<'a>) -> Self {
        Self {
            method,
            url,
            headers,
            body,
        }
    }
}

/// One change the guard made to an allowed request.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The request was sent to the residency region's host instead.
    Routed {
        /// The host the request was addressed to.
        from: String,
        /// The regional host it goes to.
        to: &'static str,
    },
    /// A profile header was added.
    HeaderSet {
        /// The header's name.
        name: HeaderName,
        /// Its value (an organization or project id, never a secret).
        value: HeaderValue,
    },
    /// `store` values other than `false` were rewritten to `false`.
    StoreRewritten {
        /// How many occurrences (duplicate keys count separately).
        occurrences: usize,
    },
    /// `"store": false` was added where the flag was absent.
    StoreAdded,
    /// A field the profile forces (such as `provider.zdr`) had another value, rewritten.
    FieldSet {
        /// The field, e.g. `provider.zdr` (`provider` when a `null` object was replaced).
        field: String,
        /// The JSON value written, e.g. `true`.
        value: String,
        /// How many occurrences (duplicate keys count separately).
        occurrences: usize,
    },
    /// A field the profile forces was absent and was added.
    FieldAdded {
        /// The field, e.g. `provider.zdr` (or `provider`, with all its forced fields).
        field: String,
        /// The JSON value written.
        value: String,
    },
    /// An `input` item that points at stored state was removed (`on_stored_items = "strip"`).
    ItemRemoved {
        /// Its position in the `input` array as sent.
        index: usize,
        /// What it was, e.g. ``an `item_reference` ``.
        reason: &'static str,
    },
    /// `reasoning.encrypted_content` was added to `include` (`on_stored_items = "strip"`), in
    /// every occurrence of the key, or as the key where exact readers see none.
    IncludeAdded,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Routed { from, to } => write!(f, "routed `{from}` to `{to}`"),
            Self::HeaderSet { name, value } => {
                write!(f, "set `{name}: {}`", value.to_str().unwrap_or("…"))
            }
            Self::StoreRewritten { occurrences: 1 } => f.write_str("rewrote `store` to `false`"),
            Self::StoreRewritten { occurrences } => {
                write!(f, "rewrote {occurrences} `store` keys to `false`")
            }
            Self::StoreAdded => f.write_str("added `\"store\": false`"),
            Self::FieldSet {
                field,
                value,
                occurrences: 1,
            } => write!(f, "rewrote `{field}` to `{value}`"),
            Self::FieldSet {
                field,
                value,
                occurrences,
            } => write!(f, "rewrote {occurrences} `{field}` keys to `{value}`"),
            Self::FieldAdded { field, value } => write!(f, "added `{field}: {value}`"),
            Self::ItemRemoved { index, reason } => {
                write!(f, "removed `input[{index}]`, {reason}")
            }
            Self::IncludeAdded => f.write_str("added `reasoning.encrypted_content` to `include`"),
        }
    }
}

impl Change {
    /// The kind of change, as its JSON's `change` says: `routed`, `header_set`,
    /// `store_rewritten`, `store_added`, `field_set`, `field_added`, `item_removed` or
    /// `include_added`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Routed { .. } => "routed",
            Self::HeaderSet { .. } => "header_set",
            Self::StoreRewritten { .. } => "store_rewritten",
            Self::StoreAdded => "store_added",
            Self::FieldSet { .. } => "field_set",
            Self::FieldAdded { .. } => "field_added",
            Self::ItemRemoved { .. } => "item_removed",
            Self::IncludeAdded => "include_added",
        }
    }

    /// Why the guard makes this change, in a line (the rule that decided says more).
    pub fn why(&self) -> &'static str {
        match self {
            Self::Routed { .. } => {
                "the profile's residency region: its project is served only by the region's host"
            }
            Self::HeaderSet { .. } => {
                "the profile names the organization or project whose agreement applies"
            }
            Self::StoreRewritten { .. } => {
                "the profile forbids the provider to store the request as application state"
            }
            Self::StoreAdded => {
                "the profile forbids storage, and this endpoint stores requests unless told not to"
            }
            Self::FieldSet { .. } | Self::FieldAdded { .. } => {
                "the provider applies the agreement only to requests that ask for it"
            }
            Self::ItemRemoved { .. } => {
                "the item points at state the provider does not keep under zero data retention; \
                 the profile strips such items (`on_stored_items = \"strip\"`)"
            }
            Self::IncludeAdded => {
                "without stored state, reasoning is replayed from the encrypted copy the provider \
                 returns when asked"
            }
        }
    }
}

/// Written as `{"change": "routed", "from": …, "to": …}`, `{"change": "header_set", "name": …,
/// "value": …}` (a value the profile sets), `{"change": "store_rewritten", "occurrences": n}`,
/// `{"change": "store_added"}`, `{"change": "field_set", "field": …, "value": …, "occurrences":
/// n}` or `{"change": "field_added", "field": …, "value": …}`, each with its one-line
/// `description` and [`why`](Change::why).
impl serde::Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            Self::Routed { from, to } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("from", from)?;
                m.serialize_entry("to", to)?;
            }
            Self::HeaderSet { name, value } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("name", name.as_str())?;
                m.serialize_entry("value", value.to_str().unwrap_or(""))?;
            }
            Self::StoreRewritten { occurrences } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("occurrences", occurrences)?;
            }
            Self::StoreAdded => m.serialize_entry("change", self.kind())?,
            Self::FieldSet {
                field,
                value,
                occurrences,
            } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("field", field)?;
                m.serialize_entry("value", value)?;
                m.serialize_entry("occurrences", occurrences)?;
            }
            Self::FieldAdded { field, value } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("field", field)?;
                m.serialize_entry("value", value)?;
            }
            Self::ItemRemoved { index, reason } => {
                m.serialize_entry("change", self.kind())?;
                m.serialize_entry("index", index)?;
                m.serialize_entry("reason", reason)?;
            }
            Self::IncludeAdded => m.serialize_entry("change", self.kind())?,
        }
        m.serialize_entry("description", &self.to_string())?;
        m.serialize_entry("why", self.why())?;
        m.end()
    }
}

/// An allowed request and what to change before sending it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a decision does nothing until it is applied"]
pub struct Allowed {
    pub(super) endpoint: Option<&'static Endpoint>,
    pub(super) url: Option<Url>,
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) body: Option<Vec<u8>>,
    pub(super) changes: Vec<Change>,
    /// Whether the request's host is the profile's `base_url` (a gateway): the matched
    /// endpoint's template is then shown with the gateway's base path.
    pub(super) gateway: bool,
}

impl Allowed {
    /// The catalog rule that classified the endpoint, if any.
    pub fn rule(&self) -> Option<&'static Rule> {
        self.endpoint.map(|e| &e.rule)
    }

    /// The catalog entry the request matched, if any.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        self.endpoint
    }

    /// The URL to send to instead, if the request was routed.
    pub fn url(&self) -> Option<&Url> {
        self.url.as_ref()
    }

    /// Headers to set (replacing any value present).
    pub fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }

    /// The body to send instead, if it was rewritten.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Takes the rewritten body, if any.
    pub fn take_body(&mut self) -> Option<Vec<u8>> {
        self.body.take()
    }

    /// Takes the routed URL, if any.
    pub fn take_url(&mut self) -> Option<Url> {
        self.url.take()
    }

    /// The changes, one per rewrite, in order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Whether the request is sent exactly as given.
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }

    /// Sets the profile headers in `headers`, and fixes `Host` (if set explicitly) and
    /// `Content-Length` (if present) to match the routed URL and the rewritten body. The URL and
    /// body are the caller's to replace, with [`take_url`](Self::take_url) and
    /// [`take_body`](Self::take_body).
    pub fn apply_headers(&self, headers: &mut HeaderMap) {
        if let Some(new) = &self.url
            && headers.contains_key(HOST)
            && let Ok(v) = HeaderValue::from_str(&host_and_port(new))
        {
            headers.insert(HOST, v);
        }
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(body) = &self.body
            && headers.contains_key(http::header::CONTENT_LENGTH)
        {
            headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
    }

    /// The record of the decision on `req`, for request extensions and logs.
    pub fn verdict(&self, guard: &Guard, req: &Request<'_>) -> Verdict {
        self.clone().into_verdict(guard, req)
    }

    /// The record of the decision on `req` (the request as the application built it), taking
    /// the changes without copying them: call it after [`apply_headers`](Self::apply_headers),
    /// [`take_url`](Self::take_url) and [`take_body`](Self::take_body), with the request as it
    /// was before them.
    pub fn into_verdict(mut self, guard: &Guard, req: &Request<'_>) -> Verdict {
        Verdict::allowed(req, Some(guard), &mut self, true)
    }
}

/// The outcome of [`Guard::evaluate`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a decision does nothing until it is applied"]
pub enum Decision {
    /// Send the request, with the changes in [`Allowed`].
    Allow(Allowed),
    /// Do not send the request.
    Deny(Violation),
}

impl Decision {
    /// Whether the request may be sent.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Self::Allow(_))
    }

    /// What to send, if the request is allowed.
    pub fn allowed(&self) -> Option<&Allowed> {
        match self {
            Self::Allow(a) => Some(a),
            Self::Deny(_) => None,
        }
    }

    /// The violation, if the request was denied.
    pub fn violation(&self) -> Option<&Violation> {
        match self {
            Self::Deny(v) => Some(v),
            Self::Allow(_) => None,
        }
    }

    /// The rule that decided: the violation's rule on denial, the catalog rule on allow.
    pub fn rule(&self) -> Option<&'static Rule> {
        match self {
            Self::Allow(a) => a.rule(),
            Self::Deny(v) => v.rule(),
        }
    }

    /// `Ok` with the changes to make, or `Err` with the violation.
    ///
    /// # Errors
    /// The [`Violation`] when the request was denied.
    pub fn into_result(self) -> Result<Allowed, Violation> {
        match self {
            Self::Allow(a) => Ok(a),
            Self::Deny(v) => Err(v),
        }
    }
}
