//! The edits of one body: members inserted after an object's `{`, byte ranges replaced, and
//! the changes they make, applied together once every rule has passed.

use std::borrow::Cow;
use std::ops::Range;

use crate::guard::Change;
use crate::json;

/// The edits of one body: members to insert after the top-level `{`, byte ranges to replace,
/// and the changes they make.
pub(super) struct Edits<'c> {
    pub(super) top: Vec<String>,
    pub(super) replace: Vec<(Range<usize>, Cow<'static, [u8]>)>,
    pub(super) changes: &'c mut Vec<Change>,
}

impl<'c> Edits<'c> {
    /// No edit yet; changes go to `changes`.
    pub(super) fn new(changes: &'c mut Vec<Change>) -> Self {
        Self {
            top: Vec::new(),
            replace: Vec::new(),
            changes,
        }
    }

    /// Inserts `members` right after the `{` at `open` (`empty`: the object has no members).
    pub(super) fn insert_members(&mut self, open: usize, empty: bool, members: &[String]) {
        if members.is_empty() {
            return;
        }
        let mut text = members.join(",");
        if !empty {
            text.push(',');
        }
        self.replace
            .push((open + 1..open + 1, Cow::Owned(text.into_bytes())));
    }

    /// The edited body, or `None` when nothing changes.
    pub(super) fn apply(mut self, b: &[u8]) -> Option<Vec<u8>> {
        if self.top.is_empty() && self.replace.is_empty() {
            return None;
        }
        let open = b.iter().position(|&c| c == b'{').expect("validated object");
        let empty = b[open + 1..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'}');
        let top = std::mem::take(&mut self.top);
        self.insert_members(open, empty, &top);
        // An insertion comes before any edit that starts where it is.
        self.replace.sort_by_key(|(r, _)| (r.start, r.end));
        Some(json::splice(
            b,
            self.replace.iter().map(|(r, t)| (r.clone(), &t[..])),
        ))
    }
}
