//! The vocabulary of hosted features: tool tables, field rules and header tokens, and the words a
//! profile's `allow_tools` uses to waive them.
//!
//! 1. A [`Tools`] table classifies the items of a list by a name each item carries: the `type`
//!    of a `tools` item, the `id` of a `plugins` item, a token of a header such as
//!    `anthropic-beta`. Every name the provider documents for the endpoint has a row, the harmless
//!    ones included; a name the table does not know is denied whenever the table applies (the
//!    guard cannot tell what it keeps).
//! 2. A body rule ([`BodyRule`](super::BodyRule)) names a request field by its path
//!    (`deferred`, `container`, `extra_body.google.cached_content`) and says what the guard does
//!    with it: deny it when present, or nothing, with the reason written down (a decision, not
//!    an omission).
//! 3. Each row that keeps state or reaches a third party names the [`Feature`] it is: the word a
//!    profile's `allow_tools` gives to waive it, the same word for every provider.

use super::{Action, Applies, Endpoint, ModelLimit, ModelLimitKind, Rule};

/// What a hosted feature does that an agreement may rule out: the words of a profile's
/// `allow_tools`, one vocabulary for every provider.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// Search or fetch on the web, grounding with a search engine or maps, run by the provider:
    /// the conversation reaches third-party sites and search providers.
    Web,
    /// Code execution in a hosted container or sandbox (code interpreter, hosted shell, agent
    /// skills), which keeps files until the container expires.
    Code,
    /// Remote MCP servers and connectors: the conversation reaches a third party.
    Mcp,
    /// Search over files, vector stores, collections or document libraries kept by the provider.
    Files,
    /// Image generation by a hosted tool that routes to another model or provider.
    Images,
    /// Background or deferred results, kept on the provider's side to be fetched later.
    Background,
    /// Prompt caches kept beyond the request (extended retention, named cached contents).
    Cache,
    /// Tools that pass the conversation to other models or agents (advisors, sub-agents, model
    /// panels), outside the filters the request sets on its own provider.
    Delegate,
}

impl Feature {
    /// Every feature, in the order README lists them.
    pub const ALL: &'static [Feature] = &[
        Feature::Web,
        Feature::Code,
        Feature::Mcp,
        Feature::Files,
        Feature::Images,
        Feature::Background,
        Feature::Cache,
        Feature::Delegate,
    ];

    /// The word `allow_tools` uses, e.g. `web`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Feature::Web => "web",
            Feature::Code => "code",
            Feature::Mcp => "mcp",
            Feature::Files => "files",
            Feature::Images => "images",
            Feature::Background => "background",
            Feature::Cache => "cache",
            Feature::Delegate => "delegate",
        }
    }

    /// What the feature does, in a line.
    pub const fn what(self) -> &'static str {
        match self {
            Feature::Web => "web search, web fetch and grounding run by the provider",
            Feature::Code => "hosted code execution, containers and skills",
            Feature::Mcp => "remote MCP servers and connectors",
            Feature::Files => "search over stored files, vector stores and collections",
            Feature::Images => "hosted image generation that routes to another model",
            Feature::Background => "background and deferred results kept to be fetched later",
            Feature::Cache => "prompt caches kept beyond the request",
            Feature::Delegate => "delegation of the conversation to other models or agents",
        }
    }

    /// The feature `word` names, if any.
    pub fn from_word(word: &str) -> Option<Feature> {
        Self::ALL.iter().copied().find(|f| f.as_str() == word)
    }
}

impl std::fmt::Display for Feature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a named item (a tool type, a plugin id, a header token) is treated.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToolUse {
    /// Runs on the client, or keeps nothing and reaches no one: always allowed.
    Allowed,
    /// Keeps state or sends content to a third party: denied when the table applies, unless the
    /// profile's `allow_tools` names its feature.
    Denied,
    /// Hosted unless the item says otherwise in every reading: denied as
    /// [`Denied`](Self::Denied) unless the condition holds.
    HostedUnless(Unless),
    /// Eligible with the models of the limit; its `model` is checked.
    Model(&'static ModelLimit),
}

/// What makes an otherwise hosted item run without provider-side state.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unless {
    /// Its `environment.type` is `local` (OpenAI's `shell` runs on the client).
    EnvironmentLocal,
    /// Its `allowed_callers` is `["direct"]` (Anthropic's web tools without dynamic filtering,
    /// which otherwise runs in a code-execution container).
    CallersDirect,
}

/// One named item's treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ToolRule {
    /// The item's name, exactly as the provider spells it, e.g. `code_interpreter`,
    /// `web_search_20250305`, `openrouter:web_search`.
    pub tool: &'static str,
    /// How it is treated.
    pub use_: ToolUse,
    /// The feature it is, which `allow_tools` names to waive it (`None` for allowed items).
    pub feature: Option<Feature>,
    /// When a denial applies: under zero data retention, or (where a provider's residency promise
    /// excludes the feature) under a residency region too.
    pub applies: Applies,
    /// The rule and its source.
    pub rule: Rule,
}

impl ToolRule {
    /// The same row, denied as `applies` says (e.g. under a residency region too).
    pub(crate) const fn within(mut self, applies: Applies) -> Self {
        self.applies = applies;
        self
    }

    /// The same row, hosted unless `unless` holds.
    pub(crate) const fn unless(mut self, unless: Unless) -> Self {
        self.use_ = ToolUse::HostedUnless(unless);
        self
    }
}

/// A table of named items: the tool types of an endpoint's `tools`, the ids of its `plugins`,
/// or the tokens of a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Tools {
    /// The rule for names the table does not know, which are denied when the table applies unless
    /// `allow_tools` names them as `type:<name>` (the guard cannot tell what they keep).
    pub unknown: Rule,
    /// When unknown items are denied: under zero data retention, or whenever the profile has a
    /// residency region too (where the region's promise excludes hosted tools).
    pub applies: Applies,
    /// The name an item without any `type` has (Anthropic's client tools are `custom` when they
    /// omit it); `None`: such an item cannot be classified and is denied.
    pub untyped: Option<&'static str>,
    /// The known names.
    pub table: &'static [ToolRule],
}

impl Tools {
    /// The row for `tool`, if the table names it.
    pub fn get(&self, tool: &str) -> Option<&'static ToolRule> {
        self.table.iter().find(|t| t.tool == tool)
    }

    /// The [`Applies`] bits under which the table has something to check: its own (unknown
    /// items), and each row's (a model row's: its limit's).
    pub(crate) fn when(&self) -> u32 {
        self.table.iter().fold(self.applies.bit(), |m, row| {
            m | match row.use_ {
                ToolUse::Model(limit) => limit.applies.bit(),
                _ => row.applies.bit(),
            }
        })
    }
}

/// A request header whose comma-separated tokens turn on features (`anthropic-beta`), with the
/// table that classifies each token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HeaderTokens {
    /// The header's name, lower case.
    pub header: &'static str,
    /// The known tokens.
    pub tokens: &'static Tools,
}

/// A client-side item: allowed.
pub(crate) const fn client(tool: &'static str, rule: Rule) -> ToolRule {
    ToolRule {
        tool,
        use_: ToolUse::Allowed,
        feature: None,
        applies: Applies::ZeroDataRetention,
        rule,
    }
}

/// A hosted item that keeps state or reaches a third party: denied unless `feature` is allowed.
pub(crate) const fn hosted(tool: &'static str, feature: Feature, rule: Rule) -> ToolRule {
    ToolRule {
        tool,
        use_: ToolUse::Denied,
        feature: Some(feature),
        applies: Applies::ZeroDataRetention,
        rule,
    }
}

/// An item allowed with the models of `limit` (its `model` is checked).
pub(crate) const fn with_model(
    tool: &'static str,
    limit: &'static ModelLimit,
    rule: Rule,
) -> ToolRule {
    ToolRule {
        tool,
        use_: ToolUse::Model(limit),
        feature: None,
        applies: Applies::ZeroDataRetention,
        rule,
    }
}

impl super::Catalog {
    /// Every named row of the endpoints' feature tables (tools, plugins, header tokens), and every
    /// field rule, as (endpoint, row).
    fn feature_rows(
        &self,
    ) -> impl Iterator<Item = (&'static Endpoint, Option<Feature>, &'static str)> {
        self.spec.endpoints.iter().flat_map(|e| {
            let header = e.header_tokens.map(|h| h.tokens);
            let rows = e
                .body_rules()
                .filter_map(|r| match r.action {
                    Action::Items(t) => Some(t),
                    _ => None,
                })
                .chain(header)
                .flat_map(|t| t.table.iter())
                .map(move |r| (e, r.feature, r.tool));
            let fields = e
                .body_rules()
                .filter(|r| match r.action {
                    Action::Deny(d) => d.waivable,
                    Action::Allowed { .. } => true,
                    _ => false,
                })
                .map(move |r| (e, r.feature(), r.paths.first()));
            let variants = e
                .body_rules()
                .flat_map(|r| match r.action {
                    Action::Models(ModelLimitKind::DenyVariant { variants }) => variants.iter(),
                    _ => [].iter(),
                })
                .map(move |(v, f)| (e, Some(*f), *v));
            rows.chain(fields).chain(variants)
        })
    }

    /// Whether some rule of the catalog is waived by `feature` (what `allow_tools` may name).
    pub fn has_feature(&self, feature: Feature) -> bool {
        self.feature_rows().any(|(_, f, _)| f == Some(feature))
    }

    /// The feature of the tool type, plugin id or header token `name`, if a table names it.
    pub fn feature_of(&self, name: &str) -> Option<Feature> {
        self.feature_rows()
            .find(|(_, f, n)| f.is_some() && *n == name)
            .and_then(|(_, f, _)| f)
    }

    /// Whether some endpoint has a table of named items (tools, plugins, header tokens), whose
    /// unknown names `allow_tools` may waive one by one (`type:<name>`).
    pub fn has_tables(&self) -> bool {
        self.spec.endpoints.iter().any(|e| {
            e.header_tokens.is_some()
                || e.body_rules().any(|r| matches!(r.action, Action::Items(_)))
        })
    }
}
