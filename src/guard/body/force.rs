//! Rule 5, forced fields: under zero data retention, a catalog may force members of an object
//! (`provider.zdr = true`). They are written into every occurrence of the object,
//! in any key spelling, and the object is added where exact readers see none; a member asking
//! for another value is rewritten, or denied under `on_store = "reject"`
//! ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)). The members of one
//! object are forced together, by the first of their rules.

use std::borrow::Cow;

use super::edits::Edits;
use crate::catalog::{Action, BodyRule};
use crate::fields::Found;
use crate::guard::Change;
use crate::guard::context::Ctx;
use crate::profile::OnStore;
use crate::violation::{Violation, ViolationKind};

/// The object and member of a forced path (`provider.zdr`).
fn split(r: &BodyRule) -> (&'static str, &'static str) {
    r.paths.first().split_once('.').unwrap_or(("", ""))
}

impl Ctx<'_> {
    /// The edits that force the members of rule `i`'s object (once, at the first rule of the
    /// object), or a denial.
    pub(super) fn force(
        &self,
        applying: &super::Applying<'_>,
        i: u8,
        found: &Found,
        b: &[u8],
        edits: &mut Edits<'_>,
    ) -> Result<(), Violation> {
        let rule_at = |j: u8| self.index.rules[usize::from(j)];
        let (object, _) = split(rule_at(i));
        // The object's members that apply, by rule index, in catalog order.
        let group: Vec<(u8, &'static str, &'static str)> = applying
            .rules()
            .filter_map(|(j, r)| match r.action {
                Action::Force { value } if split(r).0 == object => Some((j, split(r).1, value)),
                _ => None,
            })
            .collect();
        if group.first().map(|g| g.0) != Some(i) {
            return Ok(());
        }
        let rule = self.rule_of(rule_at(i));
        let member = |(_, k, v): &(u8, &str, &str)| format!("\"{k}\":{v}");
        // The object with every forced member, e.g. `{"zdr":true,"data_collection":"deny"}`.
        let whole = || {
            let members: Vec<String> = group.iter().map(member).collect();
            format!("{{{}}}", members.join(","))
        };
        let parents = found.parents.iter().filter(|p| p.rule == i);
        if !parents.clone().any(|p| p.exact) {
            let value = whole();
            edits.top.push(format!("\"{object}\":{value}"));
            edits.changes.push(Change::FieldAdded {
                field: object.to_owned(),
                value,
            });
        }
        for o in parents {
            if o.null {
                let value = whole();
                edits
                    .replace
                    .push((o.value.clone(), Cow::Owned(value.clone().into_bytes())));
                edits.changes.push(Change::FieldSet {
                    field: object.to_owned(),
                    value,
                    occurrences: 1,
                });
                continue;
            }
            if !o.object {
                return Err(self.violation(
                    ViolationKind::MalformedBody,
                    format!(
                        "`{object}` is neither an object nor null, so the guard cannot add the \
                         fields the `{}` rule needs",
                        rule.id
                    ),
                    Some(rule),
                    format!("send `{object}` as an object, or omit it"),
                ));
            }
            let mut inserts = Vec::new();
            for &(j, key, want) in &group {
                // The member's occurrences in this occurrence of the object.
                let members = found
                    .values_of(j)
                    .filter(|h| h.value.start >= o.value.start && h.value.end <= o.value.end);
                let asking: Vec<_> = members
                    .clone()
                    .filter(|h| &b[h.value.clone()] != want.as_bytes())
                    .collect();
                if let Some(first) = asking.first()
                    && self.guard.inner.profile.on_store == OnStore::Reject
                {
                    return Err(self.violation(
                        ViolationKind::ParameterNotAllowed,
                        format!(
                            "`{object}.{key}` is `{}`, which asks for less than \
                             `zero_data_retention`",
                            String::from_utf8_lossy(&b[first.value.clone()])
                                .chars()
                                .take(24)
                                .collect::<String>()
                        ),
                        Some(self.rule_of(rule_at(j))),
                        format!(
                            "send `\"{object}\": {{\"{key}\": {want}}}`, or set \
                             `on_store = \"rewrite\"` in the profile"
                        ),
                    ));
                }
                if !asking.is_empty() {
                    edits.changes.push(Change::FieldSet {
                        field: format!("{object}.{key}"),
                        value: want.to_owned(),
                        occurrences: asking.len(),
                    });
                }
                edits.replace.extend(
                    asking
                        .iter()
                        .map(|h| (h.value.clone(), Cow::Borrowed(want.as_bytes()))),
                );
                if !members.clone().any(|h| h.exact) {
                    inserts.push(member(&(j, key, want)));
                    edits.changes.push(Change::FieldAdded {
                        field: format!("{object}.{key}"),
                        value: want.to_owned(),
                    });
                }
            }
            edits.insert_members(o.value.start, o.empty, &inserts);
        }
        Ok(())
    }
}
