//! The body-rule vocabulary: what the guard does with a field of a request body, named by its
//! path, when, and which rule says so.
//!
//! A path is keys joined by `.` from the top of the body (`store`, `session.store`,
//! `provider.zdr`, `extra_body.google.cached_content`); `[]` after a key means each item of the
//! array there (`input[]`, `models[]`), and `tools[].type` names the key that names each item.
//! Every key is matched in every spelling a server may read (escapes decoded, Go's case
//! folding), at every occurrence. A rule may name several paths that mean the same thing (a
//! realtime body's `store` and `session.store`): it applies to all of them together.
//!
//! An endpoint's rules are groups of [`BodyRule`]s ([`Endpoint::body`](super::Endpoint::body)),
//! applied in order; a provider file shares groups between its endpoints.

use super::{Applies, BatchInput, Feature, ModelLimit, ModelLimitKind, ProcessingModels, Rule};
use super::{StoreDefault, Tools};

/// The paths a body rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paths {
    /// One path.
    One(&'static str),
    /// Several paths that mean the same thing.
    Any(&'static [&'static str]),
}

impl Paths {
    /// Every path.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + Clone {
        let (one, many): (Option<&'static str>, &'static [&'static str]) = match *self {
            Paths::One(p) => (Some(p), &[]),
            Paths::Any(ps) => (None, ps),
        };
        one.into_iter().chain(many.iter().copied())
    }

    /// The first path, as `check` and remedies show it.
    pub fn first(&self) -> &'static str {
        match *self {
            Paths::One(p) => p,
            Paths::Any(ps) => ps.first().copied().unwrap_or(""),
        }
    }
}

/// One rule of an endpoint's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct BodyRule {
    /// Where the field is.
    pub paths: Paths,
    /// What the guard does with it.
    pub action: Action,
    /// When the rule applies. An [`Action::Items`] table applies where its rows or unknown items
    /// do (its own `applies`), whatever this says.
    pub applies: Applies,
    /// The rule and its source; `None`: the endpoint's own rule.
    pub rule: Option<Rule>,
}

/// What a body rule does with its field.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The `store` flag: any value but `false` is rewritten to `false`, or denied under
    /// `on_store = "reject"`; `insert`: the provider stores (or may) when the flag is absent, so
    /// `"store": false` is written where exact readers see none.
    Store {
        /// Write the flag where exact readers see none.
        insert: bool,
    },
    /// A member of an object (`provider.zdr`) forced to a value: rewritten where it asks for
    /// another (denied under `on_store = "reject"`), inserted where exact readers see none, and
    /// the object added where exact readers see none of it. The members of one object are forced
    /// together.
    Force {
        /// The value, as JSON text (`true`, `"deny"`).
        value: &'static str,
    },
    /// Denied when present with a value other than `null` or one of the denial's `unless`.
    Deny(Denial),
    /// Present in the provider's API and allowed: the written decision (the guard reads
    /// nothing).
    Allowed {
        /// The feature it would be, if any.
        feature: Option<Feature>,
    },
    /// Items that point at stored state (an `item_reference`, an item with an `id` and no
    /// `type`, a `reasoning` item without its `encrypted_content`) are denied.
    StoredItems,
    /// A model limit on the model names the paths give (none: the provider's default).
    Models(ModelLimitKind),
    /// Per-request residency to a region that processes only some models: the models the paths
    /// give must be among them.
    Processing(&'static ProcessingModels),
    /// Each item is classified by the table (by the key the path names after `[]`).
    Items(&'static Tools),
    /// An upload whose `purpose` is `batch` carries a batch input file, whose lines are
    /// requests the provider runs later.
    Batch(BatchInput),
}

/// A field denied when present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Denial {
    /// The values that keep nothing besides `null`, as JSON text (`false`, `"in_memory"`).
    pub unless: &'static [&'static str],
    /// The hosted feature it turns on, which a profile's `allow_tools` names to waive it.
    pub feature: Option<Feature>,
    /// Whether `allow_tools` may waive it (by its feature, or the field as `type:<path>`).
    pub waivable: bool,
    /// What the field does, after its name (`continues a stored response`); empty: it turns on
    /// its feature.
    pub what: &'static str,
    /// What to send instead; empty: omit it (or send one of `unless`).
    pub remedy: &'static str,
}

/// The parameters of a Responses body that need stored state, denied under zero data retention,
/// in order: `previous_response_id` and `conversation` (the endpoint's rule), `background` other
/// than `false` (by the rule given, the provider's) and `input` items that point at stored
/// state (the endpoint's rule). A group for [`Endpoint::body`](super::Endpoint::body).
macro_rules! stateful_params {
    ($background:expr) => {
        &[
            $crate::catalog::body::stateful_param(
                "previous_response_id",
                "continues a stored response",
            ),
            $crate::catalog::body::stateful_param(
                "conversation",
                "attaches the response to a stored conversation",
            ),
            $crate::catalog::body::background($background),
            $crate::catalog::body::stored_items(),
        ]
    };
}
pub(crate) use stateful_params;

/// [`stateful_params!`] on a Responses WebSocket, where `previous_response_id` continues from
/// the connection's memory: allowed by `$chain`; `background` denied by `$background`.
macro_rules! socket_stateful_params {
    ($chain:expr, $background:expr) => {
        &[
            $crate::catalog::body::allowed_field("previous_response_id", $chain),
            $crate::catalog::body::stateful_param(
                "conversation",
                "attaches the response to a stored conversation",
            ),
            $crate::catalog::body::background($background),
            $crate::catalog::body::stored_items(),
        ]
    };
}
pub(crate) use socket_stateful_params;

/// The remedy for a request that replays stored state under zero data retention.
pub(crate) const STATELESS: &str = "keep the conversation on the client: send `\"store\": false` \
    with `\"include\": [\"reasoning.encrypted_content\"]` and pass earlier output items \
    (reasoning items with their `encrypted_content`) in `input`";

const fn denial(
    what: &'static str,
    unless: &'static [&'static str],
    remedy: &'static str,
) -> Action {
    Action::Deny(Denial {
        unless,
        feature: None,
        waivable: false,
        what,
        remedy,
    })
}

/// The `store` flag at `paths`, forced to `false` under zero data retention with the endpoint's
/// rule; written where absent unless the provider does not store by default.
pub(crate) const fn store_at(paths: Paths, default: StoreDefault) -> BodyRule {
    BodyRule {
        paths,
        action: Action::Store {
            insert: !matches!(default, StoreDefault::DoesNotStore),
        },
        applies: Applies::ZeroDataRetention,
        rule: None,
    }
}

/// The top-level `store` flag (see [`store_at`]).
pub(crate) const fn store(default: StoreDefault) -> BodyRule {
    store_at(Paths::One("store"), default)
}

/// The top-level `store` flag forced to `false` under a region outside the US, by `rule`.
pub(crate) const fn store_outside_us(default: StoreDefault, rule: Rule) -> BodyRule {
    BodyRule {
        applies: Applies::RegionOutsideUs,
        rule: Some(rule),
        ..store(default)
    }
}

/// A field that continues stored state (`previous_response_id`, `conversation`), denied under
/// zero data retention with the endpoint's rule.
pub(crate) const fn stateful_param(path: &'static str, what: &'static str) -> BodyRule {
    BodyRule {
        paths: Paths::One(path),
        action: denial(what, &[], STATELESS),
        applies: Applies::ZeroDataRetention,
        rule: None,
    }
}

/// `background` other than `false`, denied under zero data retention by `rule`.
pub(crate) const fn background(rule: Rule) -> BodyRule {
    BodyRule {
        paths: Paths::One("background"),
        action: denial(
            "keeps response data on the provider's disk",
            &["false"],
            "run the request in the foreground (omit `background`)",
        ),
        applies: Applies::ZeroDataRetention,
        rule: Some(rule),
    }
}

/// `input` items that point at stored state, denied under zero data retention with the
/// endpoint's rule.
pub(crate) const fn stored_items() -> BodyRule {
    BodyRule {
        paths: Paths::One("input[]"),
        action: Action::StoredItems,
        applies: Applies::ZeroDataRetention,
        rule: None,
    }
}

/// `tracing` at `paths`, denied under a region outside the US by `rule`.
pub(crate) const fn tracing_at(paths: Paths, rule: Rule) -> BodyRule {
    BodyRule {
        paths,
        action: denial(
            "is not data-residency compliant",
            &[],
            "omit `tracing` (or set it to `null`)",
        ),
        applies: Applies::RegionOutsideUs,
        rule: Some(rule),
    }
}

/// A field at `paths` denied where `applies` holds, by `rule`: it `what` (`writes session traces
/// to the provider's dashboard`); `remedy` says what to send instead.
pub(crate) const fn denied(
    paths: Paths,
    applies: Applies,
    what: &'static str,
    remedy: &'static str,
    rule: Rule,
) -> BodyRule {
    BodyRule {
        paths,
        action: denial(what, &[], remedy),
        applies,
        rule: Some(rule),
    }
}

/// A field at `path` whose only allowed values are `values` (JSON text) and `null`, where
/// `applies` holds, by `rule`: any other value `what`.
pub(crate) const fn only_values(
    path: &'static str,
    values: &'static [&'static str],
    applies: Applies,
    what: &'static str,
    remedy: &'static str,
    rule: Rule,
) -> BodyRule {
    BodyRule {
        action: denial(what, values, remedy),
        ..denied(Paths::One(path), applies, what, remedy, rule)
    }
}

/// The model limit `limit` on the model names at `paths`.
pub(crate) const fn models_at(paths: Paths, limit: &ModelLimit) -> BodyRule {
    BodyRule {
        paths,
        action: Action::Models(limit.kind),
        applies: limit.applies,
        rule: Some(limit.rule),
    }
}

/// The model limit `limit` on the body's `model`.
pub(crate) const fn models(limit: &ModelLimit) -> BodyRule {
    models_at(Paths::One("model"), limit)
}

/// Per-request residency to `pm`'s region: the body's `model` must be one it processes.
pub(crate) const fn processing(pm: &'static ProcessingModels) -> BodyRule {
    BodyRule {
        paths: Paths::One("model"),
        action: Action::Processing(pm),
        applies: Applies::PerRequestRegion(pm.region),
        rule: Some(pm.rule),
    }
}

/// The items at `paths` classified by `table`.
pub(crate) const fn items_at(paths: Paths, table: &'static Tools) -> BodyRule {
    BodyRule {
        paths,
        action: Action::Items(table),
        applies: table.applies,
        rule: Some(table.unknown),
    }
}

/// The body's `tools`, classified by `table`.
pub(crate) const fn tools(table: &'static Tools) -> BodyRule {
    items_at(Paths::One("tools[].type"), table)
}

/// `path` forced to `value` under zero data retention, by `rule`.
pub(crate) const fn force(path: &'static str, value: &'static str, rule: Rule) -> BodyRule {
    BodyRule {
        paths: Paths::One(path),
        action: Action::Force { value },
        applies: Applies::ZeroDataRetention,
        rule: Some(rule),
    }
}

/// A batch input file in the upload (`purpose` `batch`), carried as `how` says; the endpoint's
/// rule.
pub(crate) const fn batch(how: BatchInput) -> BodyRule {
    BodyRule {
        paths: Paths::One("purpose"),
        action: Action::Batch(how),
        applies: Applies::Always,
        rule: None,
    }
}

/// A field the guard denies when present with any value but `null` and `unless`, unless
/// `allow_tools` names `feature`.
pub(crate) const fn denied_field(
    path: &'static str,
    unless: &'static [&'static str],
    applies: Applies,
    feature: Feature,
    rule: Rule,
) -> BodyRule {
    BodyRule {
        paths: Paths::One(path),
        action: Action::Deny(Denial {
            unless,
            feature: Some(feature),
            waivable: true,
            what: "",
            remedy: "",
        }),
        applies,
        rule: Some(rule),
    }
}

/// A field whose use the provider's terms cover: the written decision to allow it.
pub(crate) const fn allowed_field(path: &'static str, rule: Rule) -> BodyRule {
    BodyRule {
        paths: Paths::One(path),
        action: Action::Allowed { feature: None },
        applies: Applies::ZeroDataRetention,
        rule: Some(rule),
    }
}

impl BodyRule {
    /// The rule that justifies it, given the endpoint's own.
    pub fn rule_or<'r>(&'r self, endpoint: &'r Rule) -> &'r Rule {
        self.rule.as_ref().unwrap_or(endpoint)
    }

    /// Whether the guard reads the field (the rule is not a written "allowed").
    pub fn is_read(&self) -> bool {
        !matches!(self.action, Action::Allowed { .. })
    }

    /// The feature the rule concerns, if any (a denied or allowed field's).
    pub fn feature(&self) -> Option<Feature> {
        match self.action {
            Action::Deny(d) => d.feature,
            Action::Allowed { feature } => feature,
            _ => None,
        }
    }
}
