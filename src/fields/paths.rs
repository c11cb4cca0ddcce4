//! Rule 7 of the fields module: a field rule's path, followed from the top level through
//! objects, every key matched as servers match it (escapes decoded, Go's case folding, every
//! duplicate).

use std::ops::Range;

use super::{Fields, Read, trimmed};
use crate::json::{JsonError, Scanner, Str};

/// Whether the top-level `key` may be the first key of a denial's path: most keys start with a
/// letter no path starts with (in either case), and are skipped at once.
pub(super) fn may_start_path(b: &[u8], key: &Str, what: Read) -> bool {
    if what.paths.is_empty() {
        return false;
    }
    match b[key.content.clone()].first() {
        Some(c) if !key.escaped && c.is_ascii_alphabetic() => {
            what.path_letters & 1 << (c.to_ascii_lowercase() - b'a') != 0
        }
        _ => true,
    }
}

/// The `depth`-th key of `path` (keys joined by `.`).
fn segment(path: &str, depth: usize) -> Option<&str> {
    path.split('.').nth(depth)
}

/// Reads the value at the cursor for the field rules among `candidates` (a mask over `rules`)
/// whose path's `depth`-th key `key` folds to: a whole path is recorded, a partial one is
/// followed into an object value.
pub(super) fn path_value(
    s: &mut Scanner<'_>,
    b: &[u8],
    key: &Str,
    rules: &'static [crate::catalog::FieldRule],
    depth: usize,
    candidates: u64,
    fields: &mut Fields,
) -> Result<(), JsonError> {
    let mut ends: u64 = 0;
    let mut deeper: u64 = 0;
    // A plain key whose first letter starts no segment (in either case) matches none: most keys.
    let first = b[key.content.clone()].first().map(u8::to_ascii_lowercase);
    let plain_letter = !key.escaped && first.is_some_and(|c| c.is_ascii_alphabetic());
    for (i, r) in rules.iter().enumerate().take(64) {
        if candidates & (1 << i) == 0 || !r.is_denial() {
            continue;
        }
        let Some(seg) = segment(r.path, depth) else {
            continue;
        };
        if plain_letter && seg.as_bytes().first().map(u8::to_ascii_lowercase) != first {
            continue;
        }
        if key.folds_to(b, seg) {
            if segment(r.path, depth + 1).is_some() {
                deeper |= 1 << i;
            } else {
                ends |= 1 << i;
            }
        }
    }
    if deeper != 0 && s.peek_value() == Some(b'{') {
        let start = s.position();
        s.object(|s, key| path_value(s, b, &key, rules, depth + 1, deeper, fields))?;
        let range = trimmed(b, start, s.position());
        record(fields, ends, range);
        return Ok(());
    }
    let start = s.position();
    s.value()?;
    record(fields, ends, trimmed(b, start, s.position()));
    Ok(())
}

/// Records the value `range` for each rule in `mask`.
fn record(fields: &mut Fields, mask: u64, range: Range<usize>) {
    let mut m = mask;
    while m != 0 {
        let i = m.trailing_zeros();
        fields.paths.push((i as u8, range.clone()));
        m &= m - 1;
    }
}
