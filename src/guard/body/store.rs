//! Rule 5, `store`: where the profile forbids storage, a `store` value other than the boolean
//! `false` is rewritten to `false`, or denied under `on_store = "reject"`
//! ([`StoreNotAllowed`](crate::ViolationKind::StoreNotAllowed)); where the flag is absent and
//! the provider stores (or may) by default, `"store": false` is written.

use std::borrow::Cow;

use super::edits::Edits;
use crate::catalog::BodyRule;
use crate::fields::Found;
use crate::guard::Change;
use crate::guard::context::Ctx;
use crate::profile::OnStore;
use crate::violation::{Violation, ViolationKind};

impl Ctx<'_> {
    /// The edits store rule `i` needs (`insert`: write the flag where exact readers see none),
    /// or its denial under `on_store = "reject"`.
    pub(super) fn store(
        &self,
        r: &'static BodyRule,
        i: u8,
        insert: bool,
        found: &Found,
        b: &[u8],
        edits: &mut Edits<'_>,
    ) -> Result<(), Violation> {
        let value = |h: &crate::fields::Hit| &b[h.value.clone()];
        let storing = found.values_of(i).filter(|h| value(h) != b"false");
        let add = insert && !found.values_of(i).any(|h| h.exact);
        if let Some(first) = storing.clone().next()
            && self.guard.inner.profile.on_store == OnStore::Reject
        {
            return Err(self.violation(
                ViolationKind::StoreNotAllowed,
                format!(
                    "the request asks to be stored (`store` is {}), which the profile forbids",
                    // A literal or a number is shown; a string or an object may carry content.
                    match value(first) {
                        v @ (b"true" | b"null") => format!("`{}`", String::from_utf8_lossy(v)),
                        v if v.len() <= 16 && v.iter().all(|c| b"-+.eE0123456789".contains(c)) => {
                            format!("`{}`", String::from_utf8_lossy(v))
                        }
                        _ => "a value other than `false`".to_owned(),
                    }
                ),
                Some(self.rule_of(r)),
                "send `\"store\": false`, or set `on_store = \"rewrite\"` in the profile",
            ));
        }
        if add {
            edits.top.push("\"store\":false".to_owned());
            edits.changes.push(Change::StoreAdded);
        }
        let occurrences = storing.clone().count();
        if occurrences > 0 {
            edits.changes.push(Change::StoreRewritten { occurrences });
        }
        edits
            .replace
            .extend(storing.map(|h| (h.value.clone(), Cow::Borrowed(&b"false"[..]))));
        Ok(())
    }
}
