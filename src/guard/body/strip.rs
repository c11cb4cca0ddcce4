//! Rule 6 under `on_stored_items = "strip"`: instead of denying a Responses request whose `input`
//! points at stored state, the guard removes those items and asks for the encrypted reasoning the
//! client then replays.
//!
//! 1. Every top-level key a server may read as the rule's list (`input`: exact after escapes, or
//!    Go-folded) whose value is an array has its items that point at stored state removed: an `item_reference`, an
//!    item with an `id` and no `type`, a `reasoning` item with an `id` and no
//!    `encrypted_content`. The other items are kept byte for byte (an `encrypted_content` is never
//!    touched). Each removal is a [`Change::ItemRemoved`] with its reason.
//! 2. `reasoning.encrypted_content` is added to every top-level `include` (any spelling) that is
//!    an array without it or `null`, and an exact `include` is added where exact readers see none:
//!    one [`Change::IncludeAdded`]. An `include` of another type is denied as malformed.

use std::borrow::Cow;

use super::edits::Edits;
use crate::fields::stored_reason;
use crate::guard::Change;
use crate::guard::context::Ctx;
use crate::json::{self, Scanner};
use crate::violation::Violation;

const ENCRYPTED: &str = "reasoning.encrypted_content";

impl Ctx<'_> {
    /// Strips the items of `b`'s `input` that point at stored state and asks for encrypted
    /// reasoning, as edits.
    pub(super) fn strip_stored_items(
        &self,
        r: &'static crate::catalog::BodyRule,
        b: &[u8],
        edits: &mut Edits<'_>,
        malformed: &dyn Fn(String) -> Violation,
    ) -> Result<(), Violation> {
        let bad = |e: json::JsonError| {
            malformed(format!(
                "it is not a valid JSON object: {} at byte {}",
                e.what, e.offset
            ))
        };
        // The list the rule names (`input` of `input[]`).
        let list = r.paths.first().trim_end_matches("[]");
        let mut removed = Vec::new();
        let mut arrays = Vec::new();
        let mut includes = Vec::new();
        let mut include_exact = false;
        json::read_object(b, |s, key| {
            let input = key.is(b, list) || key.folds_to(b, list);
            let include = key.is(b, "include") || key.folds_to(b, "include");
            if input && s.peek_value() == Some(b'[') {
                let start = s.position();
                let mut items = Vec::new();
                s.array(|s| {
                    let item_start = s.position();
                    let reason = stored_reason(s, b)?;
                    items.push((item_start..s.position(), reason));
                    Ok(())
                })?;
                let end = s.position();
                arrays.push((start..end, items));
                return Ok(());
            }
            let v = s.value()?;
            if include {
                include_exact |= key.is(b, "include");
                includes.push(v);
            }
            Ok(())
        })
        .map_err(bad)?;
        for (range, items) in arrays {
            if items.iter().all(|(_, r)| r.is_none()) {
                continue;
            }
            // The array rebuilt from the items kept, each byte for byte.
            let kept: Vec<&[u8]> = items
                .iter()
                .filter(|(_, r)| r.is_none())
                .map(|(r, _)| trim(&b[r.clone()]))
                .collect();
            let mut text = b"[".to_vec();
            text.extend_from_slice(&kept.join(&b","[..]));
            text.push(b']');
            let start = array_start(b, range.start);
            edits.replace.push((start..range.end, Cow::Owned(text)));
            removed.extend(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, (_, r))| r.map(|reason| (i, reason))),
            );
        }
        let mut added = false;
        for v in includes {
            let value = &b[v.clone()];
            if value == b"null" {
                edits
                    .replace
                    .push((v, Cow::Owned(format!("[\"{ENCRYPTED}\"]").into_bytes())));
                added = true;
                continue;
            }
            if value.first() != Some(&b'[') {
                return Err(malformed(
                    "its `include` is neither an array nor null".to_owned(),
                ));
            }
            let mut has = false;
            let mut empty = true;
            let mut s = Scanner::new(&b[..v.end], v.start);
            s.array(|s| {
                empty = false;
                let item = s.value()?;
                has |= json::string_value(b, item)?.is_some_and(|t| t == ENCRYPTED);
                Ok(())
            })
            .map_err(bad)?;
            if !has {
                let close = v.end - 1;
                let text = if empty {
                    format!("\"{ENCRYPTED}\"")
                } else {
                    format!(",\"{ENCRYPTED}\"")
                };
                edits
                    .replace
                    .push((close..close, Cow::Owned(text.into_bytes())));
                added = true;
            }
        }
        if !include_exact {
            edits.top.push(format!("\"include\":[\"{ENCRYPTED}\"]"));
            added = true;
        }
        for (index, reason) in removed {
            edits.changes.push(Change::ItemRemoved { index, reason });
        }
        if added {
            edits.changes.push(Change::IncludeAdded);
        }
        Ok(())
    }
}

/// An item's bytes without the whitespace around them.
fn trim(item: &[u8]) -> &[u8] {
    let start = item
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(item.len());
    let end = item
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &item[start..end]
}

/// Where the array whose scan started at `from` opens (its `[`, after any whitespace).
fn array_start(b: &[u8], from: usize) -> usize {
    from + b[from..].iter().position(|&c| c == b'[').unwrap_or(0)
}
