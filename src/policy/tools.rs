//! The hosted-tool rule: which `tools` a request under zero data retention may name.
//!
//! 1. Every `tools` item is classified by every `type` a reader may see (folded keys and
//!    duplicates included); an item without a string `type` under its exact name cannot be
//!    classified by exact readers and is denied.
//! 2. Types the catalog marks as keeping state or reaching a third party (`code_interpreter`,
//!    `file_search`, `mcp`, hosted `shell`) and types it does not know are denied
//!    ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)) unless the profile's
//!    `allow_tools` names them. `shell` runs on the client only when every reading of its
//!    `environment.type` is `local`.
//! 3. A tool with a model limit (`image_generation`) has its `model` checked like a request's
//!    (`allow_models`, not `allow_tools`, waives that). The tools a `namespace` groups are tools
//!    too.

use std::borrow::Cow;

use http::Method;

use super::Guard;
use crate::catalog::{Rule, ToolUse, Tools};
use crate::fields::{Few, Tool};
use crate::json;
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// Rule 2 of the module docs, for the `tools` items of a body `b`.
    pub(super) fn check_tools(
        &self,
        tools: &'static Tools,
        items: &Few<Tool>,
        b: &[u8],
        method: &Method,
        path: &str,
    ) -> Result<(), Violation> {
        let p = &self.inner.profile;
        let deny = |rule: &'static Rule, reason: String, remedy: String| {
            Err(self.violation(
                ViolationKind::ParameterNotAllowed,
                method,
                path,
                reason,
                Some(rule),
                remedy,
            ))
        };
        let waiver = |t: &str| {
            format!(
                "remove the `{t}` tool, or add `allow_tools = [\"{t}\"]` to the profile if the \
                 agreement covers what it keeps"
            )
        };
        for item in items.iter() {
            for range in item.types.iter().cloned() {
                let t = json::string_value(b, range)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                let t = t.as_ref();
                let waived = p.allow_tools.iter().any(|a| a == t);
                let rule = tools.get(t);
                // `allow_tools` waives what a tool keeps; a tool's model is `allow_models`' to waive.
                if waived && !rule.is_some_and(|r| matches!(r.use_, ToolUse::Model(_))) {
                    continue;
                }
                let Some(rule) = rule else {
                    return deny(
                        &tools.unknown,
                        format!(
                            "tool type `{t}` is not one the catalog knows, so it may keep state or \
                             send content to a third party, which `{}` rules out",
                            p.retention
                        ),
                        waiver(t),
                    );
                };
                match rule.use_ {
                    ToolUse::Denied => {
                        return deny(
                            &rule.rule,
                            format!(
                                "the `{t}` tool keeps state or sends content to a third party, \
                                 which `{}` rules out",
                                p.retention
                            ),
                            waiver(t),
                        );
                    }
                    ToolUse::HostedUnlessLocal if !item.environment_local => {
                        return deny(
                            &rule.rule,
                            format!(
                                "the `{t}` tool runs in a hosted container (its `environment.type` \
                                 is not `local`), which keeps files and `{}` rules out",
                                p.retention
                            ),
                            format!(
                                "run it locally (`\"environment\": {{\"type\": \"local\"}}`), or {}",
                                waiver(t)
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
                                &rule.rule,
                                format!("the `{t}` tool's `model` is not a string"),
                                "give the tool's `model` as a string".to_owned(),
                            );
                        };
                        self.check_model(limit, &names, !item.model_exact, &[], method, path)?;
                    }
                    _ => {}
                }
            }
            if item.odd || item.types.is_empty() {
                return deny(
                    &tools.unknown,
                    "a `tools` item has no `type` every reader sees as one string (it is missing, \
                     not a string, or only under a folded key such as `TYPE`), so the guard cannot \
                     tell which tool it is"
                        .to_owned(),
                    "give every tool one string `type`, spelled `type`".to_owned(),
                );
            }
        }
        Ok(())
    }
}
