//! Rules 1 and 2 of the policy: which profile decides a request.
//!
//! Candidate sets are bit masks over the policy's profiles (a policy holds at most
//! [`MAX_PROFILES`](super::MAX_PROFILES)), so choosing costs no allocation.

use http::HeaderMap;

use super::{OnUnknownHost, Policy, ProfileChoice};
use crate::catalog::HeaderKey;
use crate::guard::{Guard, HostClass, Request};
use crate::path::Readings;
use crate::violation::{Violation, ViolationKind};

/// The name a policy-level violation carries as its profile.
const POLICY: &str = "policy";

/// A set of profiles, by index.
type Mask = u64;

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
        Ok(self.select_classified(req, choice)?.map(|(g, _)| g))
    }

    /// [`select`](Self::select), with the class of the request's host for the chosen profile
    /// (which its guard then need not work out again).
    pub(crate) fn select_classified(
        &self,
        req: &Request<'_>,
        choice: Option<&ProfileChoice>,
    ) -> Result<Option<(&Guard, HostClass)>, Violation> {
        let mut classes = [HostClass::Unknown; super::MAX_PROFILES];
        let Some(g) = self.choose(req, choice, &mut classes)? else {
            return Ok(None);
        };
        let i = self
            .inner
            .guards
            .iter()
            .position(|x| std::ptr::eq(x, g))
            .expect("a guard of the policy");
        Ok(Some((g, classes[i])))
    }

    fn choose(
        &self,
        req: &Request<'_>,
        choice: Option<&ProfileChoice>,
        classes: &mut [HostClass; super::MAX_PROFILES],
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
        let guards = &self.inner.guards;
        // The profiles that cover the host (gateway profiles on the provider's own hosts only when
        // nothing covers those directly), and whether their base paths differ.
        let mut covering: Mask = 0;
        let mut fallbacks: Mask = 0;
        let mut first_base: Option<&str> = None;
        let mut bases_differ = false;
        for (i, g) in guards.iter().enumerate() {
            classes[i] = g.classify(req.url);
            if let Some((base, fallback)) = g.coverage_of(classes[i]) {
                if fallback {
                    fallbacks |= 1 << i;
                    continue;
                }
                covering |= 1 << i;
                match first_base {
                    None => first_base = Some(base),
                    Some(b) => bases_differ |= !b.eq_ignore_ascii_case(base),
                }
            }
        }
        if covering == 0 && fallbacks != 0 {
            covering = fallbacks;
        }
        if covering == 0 {
            return match choice {
                Some(ProfileChoice(name)) => self.chosen(req, name, 0, 0),
                None => self.unknown_host(req),
            };
        }
        let one =
            |mask: Mask| (mask.count_ones() == 1).then(|| &guards[mask.trailing_zeros() as usize]);
        if choice.is_none()
            && let Some(g) = one(covering)
        {
            return Ok(Some(g));
        }
        // The longest base path the path lies under, in every reading of the path.
        let mut chosen = covering;
        if bases_differ {
            let readings = Readings::of(req.url.path());
            let mut agreed: Option<Mask> = None;
            for reading in readings.iter() {
                let these = longest_base(guards, covering, req, reading);
                match agreed {
                    None => agreed = Some(these),
                    Some(before) if before == these => {}
                    Some(_) => {
                        return deny(
                            ViolationKind::AmbiguousProfile,
                            "the path is not in canonical form, and its readings lie under \
                             different profiles' base paths"
                                .to_owned(),
                            "send the canonical path",
                        );
                    }
                }
            }
            chosen = agreed.unwrap_or(covering);
            if choice.is_none()
                && let Some(g) = one(chosen)
            {
                return Ok(Some(g));
            }
        }
        // A profile chosen in code picks among those that cover the request, and must agree
        // with what the request says itself: its path's base path and its project.
        if let Some(ProfileChoice(name)) = choice {
            return self.chosen(req, name, covering, chosen);
        }
        // The project the request names.
        let header = project_header(guards, chosen);
        match project(req.headers, header) {
            Ok(Some(project)) => {
                let of_project = members(chosen, guards.len())
                    .filter(|&i| guards[i].profile().project() == Some(project))
                    .fold(0, |m, i| m | 1 << i);
                if let Some(g) = one(of_project) {
                    return Ok(Some(g));
                }
            }
            Ok(None) => {}
            Err(()) => {
                return deny(
                    ViolationKind::AmbiguousProfile,
                    format!(
                        "the request names two different projects (`{}`)",
                        header.unwrap_or("")
                    ),
                    &format!("send one `{}` header", header.unwrap_or("")),
                );
            }
        }
        let names: Vec<String> = members(chosen, guards.len())
            .map(|i| format!("`{}`", guards[i].profile().name()))
            .collect();
        let (reason, remedy) = match header {
            Some(h) => (
                format!(
                    "profiles {} all cover the request, and its `{h}` does not tell them apart",
                    names.join(", ")
                ),
                format!(
                    "send the profile's project as `{h}`, or choose the profile in code (a \
                     `ProfileChoice`)"
                ),
            ),
            None => (
                format!(
                    "profiles {} all cover the request, and nothing in it tells them apart",
                    names.join(", ")
                ),
                "choose the profile in code (a `ProfileChoice`)".to_owned(),
            ),
        };
        deny(ViolationKind::AmbiguousProfile, reason, &remedy)
    }
}

impl Policy {
    /// Rule 1 for a profile chosen in code (`name`): it must be one of the profiles that cover
    /// the host (`covering`), one whose base path the path lies under in every reading
    /// (`chosen`), and it must not contradict the request's `OpenAI-Project`, which another
    /// covering profile declares.
    fn chosen(
        &self,
        req: &Request<'_>,
        name: &str,
        covering: Mask,
        chosen: Mask,
    ) -> Result<Option<&Guard>, Violation> {
        let guards = &self.inner.guards;
        let deny = |reason: String, remedy: &str| {
            Err(Violation::new(
                ViolationKind::AmbiguousProfile,
                POLICY.into(),
                format!("`{} {}`", req.method, req.url.path()),
                reason,
                None,
                remedy,
            ))
        };
        let Some(i) = guards.iter().position(|g| g.profile().name() == name) else {
            return deny(
                format!("the request chose profile `{name}`, which the policy does not have"),
                "choose one of the policy's profiles by its `name`",
            );
        };
        if covering & (1 << i) == 0 {
            if covering == 0 {
                return self.unknown_host(req);
            }
            return deny(
                format!(
                    "the request chose profile `{name}`, which does not cover `{}`",
                    req.url.origin().ascii_serialization()
                ),
                "choose a profile whose provider or `base_url` the request goes to",
            );
        }
        if chosen & (1 << i) == 0 {
            let names: Vec<String> = members(chosen, guards.len())
                .map(|j| format!("`{}`", guards[j].profile().name()))
                .collect();
            return deny(
                format!(
                    "the request chose profile `{name}`, but its path lies under the base path of \
                     {}",
                    names.join(", ")
                ),
                "choose the profile whose base path the request's path lies under, or send the \
                 request under the chosen profile's base path",
            );
        }
        let header = project_header(guards, covering);
        match project(req.headers, header) {
            Err(()) => deny(
                format!(
                    "the request names two different projects (`{}`)",
                    header.unwrap_or("")
                ),
                &format!("send one `{}` header", header.unwrap_or("")),
            ),
            Ok(Some(p)) if guards[i].profile().project() != Some(p) => {
                let owner = members(covering, guards.len())
                    .find(|&j| j != i && guards[j].profile().project() == Some(p));
                match owner {
                    Some(j) => deny(
                        format!(
                            "the request chose profile `{name}`, but its `{}` is profile `{}`'s",
                            header.unwrap_or(""),
                            guards[j].profile().name()
                        ),
                        "choose the profile of the project the request names, or send the chosen \
                         profile's project",
                    ),
                    None => Ok(Some(&guards[i])),
                }
            }
            Ok(_) => Ok(Some(&guards[i])),
        }
    }

    /// Rule 2: a host no profile covers.
    fn unknown_host(&self, req: &Request<'_>) -> Result<Option<&Guard>, Violation> {
        match self.inner.on_unknown_host {
            OnUnknownHost::FailOpen => Ok(None),
            OnUnknownHost::Deny => Err(Violation::new(
                ViolationKind::HostNotAllowed,
                POLICY.into(),
                format!("`{} {}`", req.method, req.url.path()),
                format!(
                    "`{}` is a host no profile of the policy covers",
                    req.url.origin().ascii_serialization()
                ),
                None,
                "add a profile for it (a provider, or a gateway's `base_url`), or set \
                 `on_unknown_host = \"fail_open\"` in the policy if the agreement permits",
            )),
        }
    }
}

/// The indices in `mask`.
fn members(mask: Mask, n: usize) -> impl Iterator<Item = usize> {
    (0..n).filter(move |i| mask & (1 << i) != 0)
}

/// Of the `covering` profiles, those whose base path is the longest one `reading` lies under
/// (all of them when it lies under none).
fn longest_base(guards: &[Guard], covering: Mask, req: &Request<'_>, reading: &str) -> Mask {
    let mut best: Option<usize> = None;
    let mut mask: Mask = 0;
    for i in members(covering, guards.len()) {
        let Some(stripped) = guards[i].strip(req.url, reading) else {
            continue;
        };
        let len = stripped.base_len;
        match best {
            Some(b) if b > len => {}
            Some(b) if b == len => mask |= 1 << i,
            _ => {
                best = Some(len);
                mask = 1 << i;
            }
        }
    }
    if best.is_none() { covering } else { mask }
}

/// The header that names a project for the profiles in `mask` (`OpenAI-Project`): the first
/// whose catalog has one.
fn project_header(guards: &[Guard], mask: Mask) -> Option<&'static str> {
    members(mask, guards.len()).find_map(|i| {
        guards[i]
            .catalog()
            .capabilities()
            .header(HeaderKey::Project)
    })
}

/// The one project the request names in `header`, if any; `Err` for two different ones.
/// Values are read as servers read them, without surrounding spaces and tabs.
fn project<'h>(headers: &'h HeaderMap, header: Option<&str>) -> Result<Option<&'h str>, ()> {
    let Some(header) = header else {
        return Ok(None);
    };
    fn trim(v: &http::HeaderValue) -> Result<&str, ()> {
        v.to_str()
            .map(|s| s.trim_matches([' ', '\t']))
            .map_err(|_| ())
    }
    let mut values = headers.get_all(header).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let first = trim(first)?;
    for v in values {
        if trim(v)? != first {
            return Err(());
        }
    }
    Ok(Some(first))
}
