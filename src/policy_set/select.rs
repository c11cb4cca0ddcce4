//! Rule 1 and 2 of the policy: which profile decides a request.

use http::HeaderMap;

use super::{OnUnknownHost, Policy, ProfileChoice};
use crate::path::Readings;
use crate::policy::{Guard, OPENAI_PROJECT, Request};
use crate::violation::{Violation, ViolationKind};

/// The name a policy-level violation carries as its profile.
const POLICY: &str = "policy";

impl Policy {
    /// The guard that decides `req`: `Ok(None)` for a host no profile covers that the policy
    /// passes through.
    ///
    /// # Errors
    /// [`AmbiguousProfile`](ViolationKind::AmbiguousProfile) when the profile cannot be told, or
    /// the chosen one does not exist; [`HostNotAllowed`](ViolationKind::HostNotAllowed) for a
    /// host no profile covers, when the policy denies those.
    pub fn select(
        &self,
        req: &Request<'_>,
        choice: Option<&ProfileChoice>,
    ) -> Result<Option<&Guard>, Violation> {
        let deny = |kind, reason: String, remedy: &str| {
            Err(Violation::new(
                kind,
                POLICY.into(),
                format!("`{} {}`", req.method, req.url.path()),
                reason,
                None,
                remedy,
            ))
        };
        if let Some(ProfileChoice(name)) = choice {
            return match self.guard(name) {
                Some(g) => Ok(Some(g)),
                None => deny(
                    ViolationKind::AmbiguousProfile,
                    format!("the request chose profile `{name}`, which the policy does not have"),
                    "choose one of the policy's profiles by its `name`",
                ),
            };
        }
        let guards = &self.inner.guards;
        // The common case first: one profile covers the host.
        let mut covering = guards.iter().filter(|g| g.covers(req.url));
        let Some(first) = covering.next() else {
            return match self.inner.on_unknown_host {
                OnUnknownHost::Allow => Ok(None),
                OnUnknownHost::Deny => deny(
                    ViolationKind::HostNotAllowed,
                    format!(
                        "`{}` is a host no profile of the policy covers",
                        req.url.origin().ascii_serialization()
                    ),
                    "add a profile for it (a provider, or a gateway's `base_url`), or set \
                     `on_unknown_host = \"allow\"` in the policy if the agreement permits",
                ),
            };
        };
        if covering.next().is_none() {
            return Ok(Some(first));
        }
        let candidates: Vec<&Guard> = guards.iter().filter(|g| g.covers(req.url)).collect();
        // The longest base path the path lies under, in every reading of the path.
        let readings = Readings::of(req.url.path());
        let mut chosen: Option<Vec<&Guard>> = None;
        for reading in readings.iter() {
            let best = candidates
                .iter()
                .filter_map(|g| g.base_prefix(req.url, reading))
                .max();
            let these: Vec<&Guard> = match best {
                Some(len) => candidates
                    .iter()
                    .copied()
                    .filter(|g| g.base_prefix(req.url, reading) == Some(len))
                    .collect(),
                None => candidates.clone(),
            };
            match &chosen {
                None => chosen = Some(these),
                Some(before) if same(before, &these) => {}
                Some(_) => {
                    return deny(
                        ViolationKind::AmbiguousProfile,
                        "the path is not in canonical form, and its readings lie under different \
                         profiles' base paths"
                            .to_owned(),
                        "send the canonical path",
                    );
                }
            }
        }
        let chosen = chosen.unwrap_or(candidates);
        if let [one] = chosen[..] {
            return Ok(Some(one));
        }
        // The project the request names.
        match project(req.headers) {
            Ok(Some(project)) => {
                let of_project: Vec<&Guard> = chosen
                    .iter()
                    .copied()
                    .filter(|g| g.profile().project() == Some(project))
                    .collect();
                if let [one] = of_project[..] {
                    return Ok(Some(one));
                }
            }
            Ok(None) => {}
            Err(()) => {
                return deny(
                    ViolationKind::AmbiguousProfile,
                    "the request names two different projects (`OpenAI-Project`)".to_owned(),
                    "send one `OpenAI-Project` header",
                );
            }
        }
        let names: Vec<&str> = chosen.iter().map(|g| g.profile().name()).collect();
        deny(
            ViolationKind::AmbiguousProfile,
            format!(
                "profiles {} all cover the request, and its `OpenAI-Project` does not tell them \
                 apart",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "send the profile's project as `OpenAI-Project`, or choose the profile in code (a \
             `ProfileChoice`)",
        )
    }
}

/// Whether two candidate lists hold the same guards.
fn same(a: &[&Guard], b: &[&Guard]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| std::ptr::eq(*x, *y))
}

/// The one project the request names, if any; `Err` for two different ones.
fn project(headers: &HeaderMap) -> Result<Option<&str>, ()> {
    let mut values = headers.get_all(OPENAI_PROJECT).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.any(|v| v != first) {
        return Err(());
    }
    first.to_str().map(Some).map_err(|_| ())
}
