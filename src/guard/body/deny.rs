//! Rule 6, denied fields: where a deny rule applies (stored-state parameters under zero data
//! retention; `tracing` under a region outside the US; hosted-feature fields as the catalog
//! says), a value other than `null` or one the rule lists as keeping nothing is denied
//! ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)). A field that turns on a
//! hosted feature is waived by the profile's `allow_tools` naming the feature (or the field as
//! `type:<path>`).

use std::ops::Range;

use crate::catalog::{BodyRule, Denial};
use crate::fields::Found;
use crate::guard::context::Ctx;
use crate::json;
use crate::violation::Violation;

/// Whether the JSON value `v` is the JSON text `want` (strings compared after decoding).
fn value_is(b: &[u8], v: Range<usize>, want: &str) -> bool {
    let text = &b[v.clone()];
    if text == want.as_bytes() {
        return true;
    }
    match (
        text.first(),
        want.strip_prefix('"').and_then(|w| w.strip_suffix('"')),
    ) {
        (Some(b'"'), Some(w)) => json::string_value(b, v)
            .ok()
            .flatten()
            .is_some_and(|s| s == w),
        _ => false,
    }
}

impl Ctx<'_> {
    /// Deny rule `i` (`d`) for the values it found in body `b`.
    pub(super) fn deny(
        &self,
        r: &'static BodyRule,
        d: &Denial,
        i: u8,
        found: &Found,
        b: &[u8],
    ) -> Result<(), Violation> {
        let path = r.paths.first();
        let set = found.values_of(i).any(|h| {
            !value_is(b, h.value.clone(), "null")
                && !d.unless.iter().any(|u| value_is(b, h.value.clone(), u))
        });
        if !set || (d.waivable && self.guard.inner.profile.waives(d.feature, path)) {
            return Ok(());
        }
        let ruling_out = self.ruling_out(r.applies);
        let reason = if d.what.is_empty() {
            let feature = d.feature.map_or("stored state", |f| f.what());
            format!("`{path}` is set, which turns on {feature}; {ruling_out} rules it out")
        } else {
            format!("`{path}` {}, which {ruling_out} rules out", d.what)
        };
        let keep = match (d.remedy, d.unless) {
            ("", []) => format!("omit `{path}`"),
            ("", some) => format!("omit `{path}` or send {}", some.join(" or ")),
            (remedy, _) => remedy.to_owned(),
        };
        let remedy = match (d.waivable, d.feature) {
            (false, _) => keep,
            (true, Some(f)) => format!(
                "{keep}, or add `allow_tools = [\"{f}\"]` to the profile if the agreement covers it"
            ),
            (true, None) => format!(
                "{keep}, or add `allow_tools = [\"type:{path}\"]` to the profile if the agreement \
                 covers it"
            ),
        };
        self.parameter_denied(self.rule_of(r), reason, remedy)
    }
}
