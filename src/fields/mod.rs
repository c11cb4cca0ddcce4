//! The fields the body rules read, found in one pass over a JSON body.
//!
//! Each rule names its fields by path (see [`catalog::BodyRule`](crate::catalog::BodyRule)), and
//! what the guard reads must cover what every server reads, so:
//!
//! 1. A key is a path's key when it equals it after escapes are decoded (serde_json, Python,
//!    Node), **or** when it folds to it as Go's `encoding/json` folds struct keys (`Store`,
//!    `STORE`, `ſtore`). Every such occurrence is reported, with whether its own key was exact:
//!    exact readers ignore the folded ones, so a field given only in a folded spelling is both
//!    present (to Go) and absent (to the others).
//! 2. A path is followed from the top level through objects, at every occurrence of each key: a
//!    whole path is reported with its value's range; a value on the way that is not an object
//!    holds nothing further. An object whose members a rule forces (`provider` of
//!    `provider.zdr`) is reported at each occurrence, with whether it is an object, `null` or
//!    empty.
//! 3. `key[].name` paths walk a list's items (`tools[].type`, `plugins[].id`): each item is read
//!    for its name (every spelling and duplicate), `model`, `environment.type` and
//!    `allowed_callers` (every reader must see `["direct"]` for an item to count as called
//!    directly), and the items of its own list (a `namespace` groups tools one level down) are
//!    items too. A list that is neither an array nor `null` is odd. `key[].*` names each item by
//!    its keys instead (Gemini's `{"googleSearch": {}}`): every key of the item, in every spelling,
//!    is a name; an item that is not an object is odd.
//! 4. `input[]` items point at stored state when, for any reader, an item is an
//!    `item_reference`, or has an `id` and no `type` (or a `null` one), or is a `reasoning` item
//!    with an `id` and no `encrypted_content` (which the provider then looks up in storage).
//!    Other `key[]` paths (`models[]`) report each string item; any other item, or a value that
//!    is neither an array nor `null`, is odd.
//! 5. Keys whose first letter starts no path (most keys) are skipped at once.

mod items;

use std::ops::Range;

pub(crate) use items::{Item, stored_reason};

use crate::catalog::paths::{BodyIndex, PathKeys};
use crate::json::{self, JsonError, Scanner, Str};

/// What one read follows: some of an endpoint's body paths.
pub(crate) struct Want<'i> {
    index: &'i BodyIndex,
    /// The paths to follow, a mask over [`BodyIndex::paths`].
    pairs: u64,
}

impl<'i> Want<'i> {
    /// What to read for the rules in `rules` (a mask over [`BodyIndex::rules`]).
    pub(crate) fn new(index: &'i BodyIndex, rules: u64) -> Self {
        let pairs = members(rules)
            .filter_map(|r| index.rule_paths.get(r))
            .fold(0, |m, p| m | p);
        Self { index, pairs }
    }

    fn pair(&self, i: usize) -> &'i PathKeys {
        &self.index.paths[i]
    }
}

/// One occurrence of a value at a rule's path.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// The rule's index in [`BodyIndex::rules`].
    pub(crate) rule: u8,
    /// Its own key was the exact name (after escapes), not only a folded spelling.
    pub(crate) exact: bool,
    /// The value's byte range.
    pub(crate) value: Range<usize>,
    /// The value is an item of a `key[]` array (`models[]`).
    pub(crate) item: bool,
}

/// One occurrence of the object a forced member belongs to (`provider` of `provider.zdr`).
#[derive(Debug, Clone)]
pub(crate) struct Parent {
    /// The rule's index in [`BodyIndex::rules`].
    pub(crate) rule: u8,
    /// Its key was the exact name.
    pub(crate) exact: bool,
    /// The value's byte range.
    pub(crate) value: Range<usize>,
    /// Whether the value is an object (else `null`, or another type when `!null`).
    pub(crate) object: bool,
    /// Whether the value is `null`.
    pub(crate) null: bool,
    /// Whether the object has no members.
    pub(crate) empty: bool,
}

/// Everything a read found, by rule; inline up to a few of each, so that a typical body costs
/// no allocation.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Values at the rules' paths (and the string items of `key[]` paths), in body order.
    pub(crate) values: Few<Hit>,
    /// The items of `key[].name` lists.
    pub(crate) items: Few<(u8, Item)>,
    /// The objects whose members rules force.
    pub(crate) parents: Few<Parent>,
    /// Rules (a mask) with a `key[]` value that is odd: neither an array nor `null`, or an item
    /// of a string list that is not a string.
    pub(crate) odd: u64,
    /// Rules (a mask) whose `input[]` has an item that points at stored state.
    pub(crate) stored: u64,
}

impl Found {
    /// The values found for rule `rule`.
    pub(crate) fn values_of(&self, rule: u8) -> impl Iterator<Item = &Hit> + Clone + '_ {
        self.values.iter().filter(move |h| h.rule == rule)
    }

    /// The items found for rule `rule`.
    pub(crate) fn items_of(&self, rule: u8) -> impl Iterator<Item = &Item> + Clone + '_ {
        self.items
            .iter()
            .filter(move |(r, _)| *r == rule)
            .map(|(_, i)| i)
    }

    /// Whether rule `rule` found something odd.
    pub(crate) fn is_odd(&self, rule: u8) -> bool {
        self.odd & (1 << rule) != 0
    }
}

/// Reads what `want`'s rules name in the JSON object `b`.
///
/// # Errors
/// When `b` is not UTF-8 or not one valid JSON object.
pub(crate) fn read(b: &[u8], want: &Want<'_>) -> Result<Found, JsonError> {
    let mut found = Found::default();
    json::read_object(b, |s, key| {
        // A plain key is a candidate only for the paths whose first key starts with its first
        // letter (in either case): most keys are none.
        let candidates = match b[key.content.clone()].first() {
            Some(c) if !key.escaped && c.is_ascii_alphabetic() => {
                want.pairs & want.index.by_letter[usize::from(c.to_ascii_lowercase() - b'a')]
            }
            _ => want.pairs,
        };
        if candidates == 0 {
            s.value()?;
            return Ok(());
        }
        visit(s, b, &key, want, candidates, 0, &mut found)
    })?;
    Ok(found)
}

/// Reads the value at the cursor for the pairs among `candidates` whose `depth`-th key `key`
/// folds to. Paths are lower-case ASCII, so the pairs a key continues all name the same key, and
/// share its exactness.
fn visit(
    s: &mut Scanner<'_>,
    b: &[u8],
    key: &Str,
    want: &Want<'_>,
    candidates: u64,
    depth: usize,
    found: &mut Found,
) -> Result<(), JsonError> {
    // Which pairs the key continues, and how.
    let raw = &b[key.content.clone()];
    let first = raw.first().map(u8::to_ascii_lowercase);
    let plain_letter = !key.escaped && first.is_some_and(|c| c.is_ascii_alphabetic());
    let (mut values, mut deeper, mut arrays) = (0u64, 0u64, 0u64);
    let mut list: Option<(u8, &str, &str)> = None;
    let mut lists = 0u64;
    let mut matched: Option<&str> = None;
    let mut m = candidates;
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        m &= m - 1;
        let pair = want.pair(i);
        let Some((seg, array, rest)) = pair.segment(depth) else {
            continue;
        };
        // The common case, a plain key equal to the path's key, needs no folding.
        let equal = !key.escaped && raw == seg.as_bytes();
        if !equal {
            if plain_letter && seg.as_bytes().first().map(u8::to_ascii_lowercase) != first {
                continue;
            }
            if !key.folds_to(b, seg) {
                continue;
            }
        }
        matched = Some(seg);
        let bit = 1 << i;
        match (array, rest) {
            (false, 0) => values |= bit,
            (false, _) => deeper |= bit,
            (true, 0) => arrays |= bit,
            (true, _) => {
                lists |= bit;
                let name = pair.segment(depth + 1).map_or("", |(n, ..)| n);
                list = Some((pair.rule, seg, name));
            }
        }
    }
    let Some(seg) = matched else {
        s.value()?;
        return Ok(());
    };
    let exact = key.is(b, seg);
    let start = s.position();
    let peek = s.peek_value();
    if let Some((rule, seg, name)) = list {
        // A list's items (the catalog's tests keep a list's key to itself).
        match peek {
            Some(b'[') => items::items(s, b, (name, seg), rule, found, 0)?,
            _ => {
                let v = s.value()?;
                if &b[v] != b"null" {
                    found.odd |= rule_mask(want, lists);
                }
            }
        }
        return Ok(());
    }
    if arrays != 0 {
        let stored = members(arrays).any(|i| want.pair(i).stored);
        match peek {
            Some(b'[') if stored => {
                if items::references_state(s, b)? {
                    found.stored |= rule_mask(want, arrays);
                }
            }
            Some(b'[') => s.array(|s| {
                let v = s.value()?;
                if b[v.start] == b'"' {
                    for i in members(arrays) {
                        found.values.push(Hit {
                            rule: want.pair(i).rule,
                            exact,
                            value: v.clone(),
                            item: true,
                        });
                    }
                } else {
                    found.odd |= rule_mask(want, arrays);
                }
                Ok(())
            })?,
            _ => {
                let v = s.value()?;
                if !stored && &b[v] != b"null" {
                    found.odd |= rule_mask(want, arrays);
                }
            }
        }
        return Ok(());
    }
    let (mut object, mut empty) = (false, true);
    if deeper != 0 && peek == Some(b'{') {
        object = true;
        s.object(|s, key| {
            empty = false;
            visit(s, b, &key, want, deeper, depth + 1, found)
        })?;
    } else {
        s.value()?;
    }
    let value = trimmed(b, start, s.position());
    // The objects whose members rules force: one occurrence per rule.
    for i in members(deeper) {
        let pair = want.pair(i);
        if pair.force && pair.segment(depth + 2).is_none() {
            found.parents.push(Parent {
                rule: pair.rule,
                exact,
                value: value.clone(),
                object,
                null: !object && &b[value.clone()] == b"null",
                empty,
            });
        }
    }
    for i in members(values) {
        found.values.push(Hit {
            rule: want.pair(i).rule,
            exact,
            value: value.clone(),
            item: false,
        });
    }
    Ok(())
}

/// The indices of the bits of `mask`.
pub(crate) fn members(mask: u64) -> impl Iterator<Item = usize> {
    let mut m = mask;
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            i
        })
    })
}

/// The rules of the pairs in `pairs`, as a mask.
fn rule_mask(want: &Want<'_>, pairs: u64) -> u64 {
    members(pairs).fold(0, |m, i| m | 1 << want.pair(i).rule)
}

/// A few values, the first inline (a body rarely has many tools, a tool rarely repeats a key), so
/// that reading a typical body costs no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Few<T> {
    inline: [Option<T>; 1],
    spill: Vec<T>,
}

impl<T> Default for Few<T> {
    fn default() -> Self {
        Self {
            inline: [None],
            spill: Vec::new(),
        }
    }
}

impl<T> Few<T> {
    fn push(&mut self, value: T) {
        match self.inline.iter_mut().find(|x| x.is_none()) {
            Some(slot) => *slot = Some(value),
            None => self.spill.push(value),
        }
    }

    /// Every value, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> + Clone + '_ {
        self.inline.iter().flatten().chain(&self.spill)
    }
}

/// Which of `table`'s lower-case names `key` is, and whether exactly (see the module docs).
fn match_key<T: Copy>(b: &[u8], key: &Str, table: &[(&str, T)]) -> Option<(T, bool)> {
    let raw = &b[key.content.clone()];
    // The common case: a plain key with nothing to decode or fold is equal or not. A key whose
    // first letter starts no name (in any case, or as `ſ`, `K` or an escape) is none of them.
    let first = raw.first().map_or(0, u8::to_ascii_lowercase);
    if first.is_ascii_alphabetic() && !table.iter().any(|(n, _)| n.as_bytes()[0] == first) {
        return None;
    }
    if !key.escaped {
        if let Some(&(_, t)) = table.iter().find(|(name, _)| name.as_bytes() == raw) {
            return Some((t, true));
        }
        if !raw.iter().any(|&c| c.is_ascii_uppercase() || !c.is_ascii()) {
            return None;
        }
    }
    table
        .iter()
        .find(|(name, _)| key.folds_to(b, name))
        .map(|&(name, t)| (t, key.is(b, name)))
}

/// The range `start..end` without the whitespace the scanner skipped before the value.
fn trimmed(b: &[u8], start: usize, end: usize) -> Range<usize> {
    start
        + b[start..end]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count()..end
}

#[cfg(test)]
mod tests;

/// A key of a batch input line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKey {
    Method,
    Url,
    Body,
}

const LINE_KEYS: [(&str, LineKey); 3] = [
    ("method", LineKey::Method),
    ("url", LineKey::Url),
    ("body", LineKey::Body),
];

/// One line of a batch input file: the request the provider will run.
#[derive(Debug)]
pub(crate) struct BatchLine<'a> {
    pub(crate) method: Option<std::borrow::Cow<'a, str>>,
    pub(crate) url: Option<std::borrow::Cow<'a, str>>,
    /// The `body` object's bytes.
    pub(crate) body: Option<&'a [u8]>,
    /// A key given twice (in any spelling), or a value of the wrong type: readers disagree.
    pub(crate) ambiguous: bool,
}

/// Reads one batch input line, a JSON object with `method`, `url` and `body`.
///
/// # Errors
/// When the line is not UTF-8 or not one valid JSON object.
pub(crate) fn batch_line(b: &[u8]) -> Result<BatchLine<'_>, JsonError> {
    let mut line = BatchLine {
        method: None,
        url: None,
        body: None,
        ambiguous: false,
    };
    let mut seen = [false; 3];
    json::read_object(b, |s, key| {
        let Some((k, _)) = match_key(b, &key, &LINE_KEYS) else {
            s.value()?;
            return Ok(());
        };
        let slot = k as usize;
        line.ambiguous |= seen[slot];
        seen[slot] = true;
        let v = s.value()?;
        match k {
            LineKey::Body if b[v.start] == b'{' => line.body = Some(&b[v]),
            LineKey::Body => line.ambiguous = true,
            LineKey::Method | LineKey::Url => match json::string_value(b, v)? {
                Some(text) if k == LineKey::Method => line.method = Some(text),
                Some(text) => line.url = Some(text),
                None => line.ambiguous = true,
            },
        }
        Ok(())
    })?;
    Ok(line)
}
