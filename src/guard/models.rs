//! Rule 7: the models a request names against the endpoint's model limits.
//!
//! 1. Listed models pass, exactly; an absent model is the endpoint's documented default (none
//!    documented: denied). A reader that sees no model (only a folded `MODEL`) sees the default.
//! 2. Families, router segments, `:variant` suffixes and region suffixes are compared on the
//!    model part of an id (before a `#deployment`), trimmed and lower case.
//! 3. Residency by deployment: every deployment the request names must be declared in the
//!    profile with a type that processes in the region; two different ones are denied.
//! 4. Per-request residency to a region that processes only some models needs one of them.
//!
//! `allow_models` waives rules 1 and 2 for the models it names; rule 3 is residency, which an
//! `allow_outside_region` entry covering the request waives instead.

use std::borrow::Cow;

use super::context::Ctx;
use crate::catalog::{Applies, ModelLimit, ModelLimitKind, ProcessingModels, Rule};
use crate::violation::{Violation, ViolationKind};

/// A model limit: its rule, which models pass, and when it applies.
#[derive(Clone, Copy)]
pub(super) struct Limit {
    pub(super) rule: &'static Rule,
    pub(super) kind: ModelLimitKind,
    pub(super) applies: Applies,
}

impl Limit {
    /// A tool's model limit.
    pub(super) fn of(limit: &'static ModelLimit) -> Self {
        Self {
            rule: &limit.rule,
            kind: limit.kind,
            applies: limit.applies,
        }
    }
}

impl Ctx<'_> {
    /// Rule 7: the model names a request gives (none: the provider's default) against `limit`.
    /// Models the profile's `allow_models` names pass.
    ///
    /// `default_possible`: some reader may see no model at all, and so use the provider's default.
    pub(super) fn check_model(
        &self,
        limit: Limit,
        names: &[Cow<'_, str>],
        default_possible: bool,
    ) -> Result<(), Violation> {
        let p = &self.guard.inner.profile;
        let waived = |m: &str| p.allow_models.iter().any(|a| a == m);
        let refuse = |model: String, remedy: &str| {
            let reason = match (limit.applies, p.is_zdr(), p.region.is_some()) {
                (Applies::ZeroDataRetention, ..) | (_, true, false) => {
                    format!("{model} may retain data under `{}`", p.retention)
                }
                (_, true, true) => format!(
                    "{model} may retain data under `{}` or leave the residency region",
                    p.retention
                ),
                _ => format!("{model} is not served in the residency region"),
            };
            Err(self.violation(
                ViolationKind::ModelNotEligible,
                reason,
                Some(limit.rule),
                format!("{remedy}, or name the model in the profile's `allow_models` if the agreement covers it"),
            ))
        };
        let absent = names.is_empty() || default_possible;
        let named = names.iter().filter(|m| !waived(m));
        match limit.kind {
            ModelLimitKind::Listed { models, default } => {
                let listed = |m: &str| models.contains(&m);
                let remedy = || match models.first() {
                    Some(_) => format!("name one of the eligible models ({})", models.join(", ")),
                    None => "use another endpoint; none of this endpoint's models is eligible"
                        .to_owned(),
                };
                if absent {
                    match default {
                        Some(d) if listed(d) || waived(d) => {}
                        Some(d) => {
                            return refuse(
                                format!("the default model `{d}` (none is named)"),
                                &remedy(),
                            );
                        }
                        None => {
                            return refuse(
                                "the provider's default model (none is named, and no eligible default is documented)"
                                    .to_owned(),
                                &remedy(),
                            );
                        }
                    }
                }
                if let Some(bad) = named.clone().find(|m| !listed(m)) {
                    return refuse(format!("model `{bad}`"), &remedy());
                }
            }
            ModelLimitKind::DenyFamilies { families } => {
                if let Some(bad) = named.clone().find(|m| in_families(m, families)) {
                    return refuse(
                        format!("model `{bad}`"),
                        "name a model outside the families the rule lists",
                    );
                }
            }
            ModelLimitKind::DenySegment { segment } => {
                if let Some(bad) = named.clone().find(|m| has_segment(m, segment)) {
                    return refuse(
                        format!(
                            "model `{bad}`, a router that may pass the request to a third party,"
                        ),
                        "name an open model (or an open-model router) instead",
                    );
                }
            }
            ModelLimitKind::DenyVariant { variants } => {
                let turned_on = |m: &str| {
                    let name = model_name(m);
                    variants.iter().find(|(v, feature)| {
                        !p.waives(Some(*feature), v)
                            && name.split(':').skip(1).any(|s| s.trim() == *v)
                    })
                };
                if let Some((bad, (v, tool))) =
                    named.clone().find_map(|m| turned_on(m).map(|t| (m, t)))
                {
                    return refuse(
                        format!(
                            "model `{bad}` (its `:{v}` variant turns on {}: `{tool}`)",
                            tool.what()
                        ),
                        &format!(
                            "drop the `:{v}` suffix, or name `{tool}` in the profile's `allow_tools`"
                        ),
                    );
                }
            }
            ModelLimitKind::Declared => {
                return self.check_declared(limit, names, default_possible);
            }
            ModelLimitKind::Suffix { suffix } => {
                if absent && names.iter().all(|m| !waived(m)) {
                    return refuse(
                        "the provider's default model (none is named)".to_owned(),
                        &format!("name a model served in the region (`…{suffix}`)"),
                    );
                }
                // A `#deployment` is served wherever the deployment runs, which the id does not say.
                if let Some(bad) = named
                    .clone()
                    .find(|m| m.contains('#') || !model_name(m).ends_with(suffix))
                {
                    return refuse(
                        format!("model `{bad}`"),
                        &format!("name a model served in the region (`…{suffix}`)"),
                    );
                }
            }
        }
        Ok(())
    }

    /// Residency by deployment: every deployment the request names (its classic path's, or, on the
    /// v1 surface, every `model`) must be declared in the profile with a type that processes in
    /// the region.
    fn check_declared(
        &self,
        limit: Limit,
        names: &[Cow<'_, str>],
        default_possible: bool,
    ) -> Result<(), Violation> {
        let p = &self.guard.inner.profile;
        let deployments = &self.deployments;
        // A residency rule: `allow_outside_region` waives it, `allow_models` does not.
        let Some(region) = p.region.filter(|_| !self.outside_region) else {
            return Ok(());
        };
        let refuse = |reason: String, remedy: String| {
            Err(self.violation(
                ViolationKind::RegionNotSupported,
                reason,
                Some(limit.rule),
                remedy,
            ))
        };
        if deployments.is_empty() && (names.is_empty() || default_possible) {
            return refuse(
                "the request names no deployment (in the path or as `model`), so the guard \
                 cannot tell where it is processed"
                    .to_owned(),
                "name the deployment (`model` on the v1 surface)".to_owned(),
            );
        }
        // Two different deployments named on the v1 surface (`model` and a session's `model`, or
        // a duplicate key): servers may read either.
        if deployments.is_empty()
            && let Some(other) = names.iter().find(|n| *n != &names[0])
        {
            return refuse(
                format!(
                    "the request names two deployments (`{}` and `{}`), and servers read different \
                     ones",
                    names[0].chars().take(64).collect::<String>(),
                    other.chars().take(64).collect::<String>()
                ),
                "name one deployment, in `model` (or the session's `model`) only".to_owned(),
            );
        }
        // A path alias names the deployment, and the provider ignores the body's `model` there
        // (clients such as async-openai send the base model's name); otherwise `model` names it.
        let all: Vec<&str> = if deployments.is_empty() {
            names.iter().map(|n| n.as_ref()).collect()
        } else {
            deployments.iter().map(String::as_str).collect()
        };
        for d in all {
            match p.deployments.get(d) {
                Some(zone) if zone.processes_in(region) => {}
                Some(zone) => {
                    return refuse(
                        format!(
                            "deployment `{d}` is declared `{zone}`, which processes prompts \
                             outside region `{region}`"
                        ),
                        format!(
                            "use a deployment of a type that stays in `{region}` (`regional`, or \
                             the region's data zone), or, if the residency agreement permits \
                             processing outside `{region}`, add this endpoint to the profile's \
                             `allow_outside_region` (it waives only this residency rule)"
                        ),
                    );
                }
                None => {
                    return refuse(
                        format!(
                            "deployment `{}` is not declared in the profile's `deployments`, so \
                             the guard cannot tell whether it processes prompts in region \
                             `{region}`",
                            d.chars().take(64).collect::<String>()
                        ),
                        format!(
                            "declare it, e.g. `deployments = {{ \"{}\" = \"data_zone_eu\" }}`, \
                             after checking the deployment's type with the provider",
                            d.chars().take(64).collect::<String>()
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// Per-request residency to a region that processes only some models: every model the
    /// request names must be one of them.
    pub(super) fn check_processing(
        &self,
        pm: &'static ProcessingModels,
        names: &[Cow<'_, str>],
        default_possible: bool,
    ) -> Result<(), Violation> {
        let bad = if names.is_empty() || default_possible {
            Some("the default model (none is named)".to_owned())
        } else {
            names
                .iter()
                .find(|m| !pm.models.contains(&m.as_ref()))
                .map(|m| format!("model `{m}`"))
        };
        match bad {
            None => Ok(()),
            Some(what) => Err(self.violation(
                ViolationKind::RegionNotSupported,
                format!("region `{}` does not process {what} in-region", pm.region),
                Some(&pm.rule),
                format!(
                    "name one of {}, or send the request to the global host",
                    pm.models.join(", ")
                ),
            )),
        }
    }
}

/// The model part of an id (before a `#deployment`, as some providers name a deployment),
/// trimmed and lower-cased.
fn model_name(model: &str) -> String {
    model
        .split('#')
        .next()
        .unwrap_or(model)
        .trim()
        .to_ascii_lowercase()
}

/// Whether `model`'s name is in one of `families`. A model id may name a deployment after `#`
/// (`accounts/a/models/m-v2#accounts/me/deployments/d1`): the model is the part before it.
fn in_families(model: &str, families: &[&str]) -> bool {
    let model = model_name(model);
    let name = model.rsplit('/').next().unwrap_or(&model);
    families.iter().any(|fam| {
        name.strip_prefix(fam)
            .is_some_and(|r| r.is_empty() || r.starts_with('-'))
    })
}

/// Whether one of `model`'s path segments starts with `segment` (for a segment `router`:
/// `router/opus`, `accounts/a/routers/router`, and spellings whose separators the guard does not
/// know: `router:opus`, `router%2Fopus`).
fn has_segment(model: &str, segment: &str) -> bool {
    model_name(model)
        .split('/')
        .any(|s| s.trim().starts_with(segment))
}
