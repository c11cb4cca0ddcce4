//! The hosted-tool rule: which `tools` (and `plugins`) a request may name, where the endpoint's
//! table applies (under zero data retention; for some providers under a residency region too).
//!
//! 1. Every `tools` item is classified by every `type` a reader may see (folded keys and
//!    duplicates included); every `plugins` item likewise by its `id`. An item that is not an
//!    object, or whose `type` is not a string, cannot be classified and is denied. An item
//!    without a `type` under its exact name is what exact readers see as untyped: the table's
//!    `untyped` name, or, when the table has none, unclassifiable.
//! 2. Types the table marks as keeping state or reaching a third party (`code_interpreter`,
//!    `file_search`, `mcp`, hosted `shell`, web search, …)
//!    and types it does not know are denied
//!    ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)) unless the profile's
//!    `allow_tools` names the row's feature (`code`, `files`, `mcp`, `web`, …) or the type itself
//!    as `type:<name>`. `shell` runs on the client only when every reading of its
//!    `environment.type` is `local`.
//! 3. A tool with a model limit (`image_generation`) has its `model` checked like a request's
//!    (`allow_models`, not `allow_tools`, waives that). The tools a `namespace` groups are tools
//!    too.

use std::borrow::Cow;

use crate::catalog::{ToolRule, ToolUse, Tools, Unless};
use crate::fields::Found;
use crate::guard::context::Ctx;
use crate::guard::models::Limit;
use crate::json;
use crate::violation::Violation;

/// What a table says of one named item under a request's rules.
pub(in crate::guard) enum Named {
    /// Nothing to check: a client-side row, a row that does not apply, or a waiver.
    Pass,
    /// A name the table does not know, where unknown names are denied.
    Unknown,
    /// A row to judge: denied, hosted unless its condition holds, or model-checked.
    Row(&'static ToolRule),
}

/// Whether `t` has a denial or check that applies to `cx`'s request: for unknown items, or for
/// some row (a model row by its limit's `applies`).
pub(in crate::guard) fn table_applies(cx: &Ctx<'_>, t: &Tools) -> bool {
    t.when() & cx.cond.holding() != 0
}

impl Ctx<'_> {
    /// What `table` says of the item `name` for this request: `allow_tools` waives what an item
    /// keeps (its feature, or the item as `type:<name>`), not its model; rows and unknown names
    /// count where their `applies` holds.
    pub(in crate::guard) fn named(&self, table: &'static Tools, name: &str) -> Named {
        let rules = self;
        let row = table.get(name);
        let model = row.and_then(|r| match r.use_ {
            ToolUse::Model(limit) => Some(limit),
            _ => None,
        });
        if model.is_none()
            && self
                .guard
                .inner
                .profile
                .waives(row.and_then(|r| r.feature), name)
        {
            return Named::Pass;
        }
        match row {
            None if rules.holds(table.applies) => Named::Unknown,
            None => Named::Pass,
            Some(r) if matches!(r.use_, ToolUse::Allowed) => Named::Pass,
            Some(r) if model.map_or(rules.holds(r.applies), |l| rules.holds(l.applies)) => {
                Named::Row(r)
            }
            Some(_) => Named::Pass,
        }
    }

    /// Rules 1 to 3 of the module docs, for the items rule `i` (classified by `tools`) found in
    /// body `b`.
    pub(super) fn items(
        &self,
        tools: &'static Tools,
        i: u8,
        found: &Found,
        b: &[u8],
        malformed: &dyn Fn(String) -> Violation,
    ) -> Result<(), Violation> {
        // `tools[].type`: the list `tools`, whose items `type` names.
        let (list, key) = self.index.list_of(i).unwrap_or(("", ""));
        if found.is_odd(i) {
            return Err(malformed(format!("`{list}` is neither an array nor null")));
        }
        let items = found.items_of(i);
        // An item of `tools` is a tool, of `plugins` a plugin.
        let noun = list.strip_suffix('s').unwrap_or(list);
        let deny = |rule, reason, remedy| self.parameter_denied(rule, reason, remedy);
        // The catalog's own spelling of a known item; an unknown one is not echoed.
        let waiver = |row: &ToolRule| match row.feature {
            Some(f) => format!(
                "remove the `{}` {noun}, or add `allow_tools = [\"{f}\"]` to the profile if the \
                 agreement covers {}",
                row.tool,
                f.what()
            ),
            None => format!(
                "remove the `{}` {noun}, or add `allow_tools = [\"type:{}\"]` to the profile if \
                 the agreement covers what it does",
                row.tool, row.tool
            ),
        };
        let unknown_applies = self.holds(tools.applies);
        for item in items {
            let untyped = tools
                .untyped
                .filter(|_| !item.type_exact)
                .map(Cow::Borrowed);
            let types = item.types.iter().map(|r| {
                json::string_value(b, r.clone())
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            });
            for t in types.chain(untyped) {
                let row = match self.named(tools, &t) {
                    Named::Pass => continue,
                    Named::Unknown => {
                        return deny(
                            &tools.unknown,
                            format!(
                                "a `{key}` the catalog does not know names the {noun}, so it may \
                                 keep state or send content to a third party, which {} rules out",
                                self.ruling_out(tools.applies)
                            ),
                            format!(
                                "remove the {noun}, or add `allow_tools = [\"type:<{key}>\"]` \
                                 to the profile if the agreement covers what it does"
                            ),
                        );
                    }
                    Named::Row(row) => row,
                };
                let name = row.tool;
                match row.use_ {
                    ToolUse::HostedUnless(Unless::EnvironmentLocal) if item.environment_local => {}
                    ToolUse::HostedUnless(Unless::EnvironmentLocal) => {
                        return deny(
                            &row.rule,
                            format!(
                                "the `{name}` {noun} runs in a hosted container (its \
                                 `environment.type` is not `local`), which keeps files and {} \
                                 rules out",
                                self.ruling_out(row.applies)
                            ),
                            format!(
                                "run it locally (`\"environment\": {{\"type\": \"local\"}}`), or {}",
                                waiver(row)
                            ),
                        );
                    }
                    ToolUse::HostedUnless(Unless::CallersDirect) if item.callers_direct => {}
                    ToolUse::HostedUnless(Unless::CallersDirect) => {
                        return deny(
                            &row.rule,
                            format!(
                                "the `{name}` {noun} runs through code execution (its \
                                 `allowed_callers` is not `[\"direct\"]`), which keeps a container \
                                 and {} rules out",
                                self.ruling_out(row.applies)
                            ),
                            format!(
                                "send `\"allowed_callers\": [\"direct\"]` on the {noun}, or {}",
                                waiver(row)
                            ),
                        );
                    }
                    ToolUse::Model(limit) => {
                        let names = item
                            .models
                            .iter()
                            .map(|r| json::string_value(b, r.clone()).ok().flatten())
                            .collect::<Option<Vec<Cow<'_, str>>>>();
                        let Some(names) = names else {
                            return deny(
                                &row.rule,
                                format!("the `{name}` {noun}'s `model` is not a string"),
                                format!("give the {noun}'s `model` as a string"),
                            );
                        };
                        self.check_model(Limit::of(limit), &names, !item.model_exact)?;
                    }
                    _ => {
                        return deny(
                            &row.rule,
                            format!(
                                "the `{name}` {noun} is {}, which {} rules out",
                                row.feature.map_or("hosted", |f| f.what()),
                                self.ruling_out(row.applies)
                            ),
                            waiver(row),
                        );
                    }
                }
            }
            if unknown_applies && (item.odd || (!item.type_exact && tools.untyped.is_none())) {
                if key == "*" {
                    // Items named by their keys: one that is not an object, or an empty one.
                    return deny(
                        &tools.unknown,
                        "an item is not an object with a key that names it, so the guard cannot \
                         tell what it is"
                            .to_owned(),
                        "give every item as an object keyed by its tool's name".to_owned(),
                    );
                }
                return deny(
                    &tools.unknown,
                    format!(
                        "an item has no `{key}` every reader sees as one string (it is missing, not \
                         a string, or only under a folded key such as `{}`), so the guard cannot \
                         tell what it is",
                        key.to_uppercase()
                    ),
                    format!("give every item one string `{key}`, spelled `{key}`"),
                );
            }
        }
        Ok(())
    }
}
