//! A strict JSON reader for request bodies, with exact semantics for the fields the rules name.
//!
//! The rules read a handful of top-level fields (`store`, `model`, `previous_response_id`, …).
//! What the guard reads must be what the provider reads, so:
//!
//! 1. The whole body is validated against RFC 8259 (UTF-8, strings, escapes, numbers, nesting);
//!    anything else is malformed. Nesting is walked with an explicit stack, never recursion.
//! 2. Keys are compared after decoding their escapes: `"\u0073tore"` is `store`.
//! 3. Duplicate keys are all reported: a rule that rewrites `store` rewrites every occurrence, and
//!    a rule that denies a parameter denies if any occurrence is present, whichever one the
//!    provider's parser keeps.
//! 4. Keys are also matched the way Go's `encoding/json` matches struct fields:
//!    case-insensitively with Unicode simple folding ([`Str::folds_to`]: `STORE`, `Store` and
//!    `ſtore` are `store` to Go, and the last match wins there).
//! 5. Rewrites replace exact byte ranges; every other byte is kept as sent.

use std::borrow::Cow;
use std::ops::Range;

/// Why a body is not valid JSON, with the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub(crate) offset: usize,
    pub(crate) what: &'static str,
}

type Result<T> = std::result::Result<T, JsonError>;

/// A string token: the byte range of its content (between the quotes) and whether it has escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Str {
    pub(crate) content: Range<usize>,
    pub(crate) escaped: bool,
}

impl Str {
    /// The decoded string.
    pub(crate) fn decode<'a>(&self, b: &'a [u8]) -> Result<Cow<'a, str>> {
        let raw = &b[self.content.clone()];
        if !self.escaped {
            // The body was validated as UTF-8 and string boundaries fall on ASCII quotes.
            return std::str::from_utf8(raw)
                .map(Cow::Borrowed)
                .map_err(|_| self.err("string is not UTF-8"));
        }
        let mut out = String::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let Some(p) = memchr::memchr(b'\\', &raw[i..]) else {
                out.push_str(
                    std::str::from_utf8(&raw[i..]).map_err(|_| self.err("string is not UTF-8"))?,
                );
                break;
            };
            out.push_str(
                std::str::from_utf8(&raw[i..i + p]).map_err(|_| self.err("string is not UTF-8"))?,
            );
            i += p + 1;
            let c = raw[i];
            i += 1;
            out.push(match c {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let hi = hex4(&raw[i..i + 4]);
                    i += 4;
                    if (0xD800..0xDC00).contains(&hi) {
                        if raw.get(i..i + 2) != Some(b"\\u") {
                            return Err(self.err("lone surrogate in a \\u escape"));
                        }
                        let lo = hex4(&raw[i + 2..i + 6]);
                        if !(0xDC00..0xE000).contains(&lo) {
                            return Err(self.err("lone surrogate in a \\u escape"));
                        }
                        i += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            .ok_or_else(|| self.err("invalid \\u escape"))?
                    } else {
                        char::from_u32(hi)
                            .ok_or_else(|| self.err("lone surrogate in a \\u escape"))?
                    }
                }
                _ => unreachable!("escapes are validated when the string is scanned"),
            });
        }
        Ok(Cow::Owned(out))
    }

    /// Whether the decoded string equals `name` under Go's `encoding/json` key folding: ASCII
    /// letters case-insensitively, `ſ` (U+017F) as `s` and the Kelvin sign (U+212A) as `k`, which
    /// are the only non-ASCII characters whose simple case folding reaches ASCII. `name` is ASCII,
    /// in any case.
    pub(crate) fn folds_to(&self, b: &[u8], name: &str) -> bool {
        if !self.escaped {
            return fold_eq(&b[self.content.clone()], name.as_bytes());
        }
        self.decode(b)
            .is_ok_and(|s| fold_eq(s.as_bytes(), name.as_bytes()))
    }

    /// Whether the decoded string equals `name`.
    pub(crate) fn is(&self, b: &[u8], name: &str) -> bool {
        if !self.escaped {
            return &b[self.content.clone()] == name.as_bytes();
        }
        self.decode(b).is_ok_and(|s| s == name)
    }

    fn err(&self, what: &'static str) -> JsonError {
        JsonError {
            offset: self.content.start,
            what,
        }
    }
}

/// `key` (UTF-8) equals the ASCII `name` under Go's key folding (ASCII letters in either case,
/// `ſ` for `s`, the Kelvin sign for `k`).
fn fold_eq(key: &[u8], name: &[u8]) -> bool {
    const LONG_S: &[u8] = "\u{17f}".as_bytes();
    const KELVIN: &[u8] = "\u{212a}".as_bytes();
    if key.len() < name.len() || key.len() > name.len() * 3 {
        return false;
    }
    let (mut i, mut j) = (0, 0);
    while i < key.len() {
        let Some(&n) = name.get(j) else { return false };
        let n = n.to_ascii_lowercase();
        let c = key[i];
        if c.is_ascii() {
            if c.to_ascii_lowercase() != n {
                return false;
            }
            i += 1;
        } else if n == b's' && key[i..].starts_with(LONG_S) {
            i += LONG_S.len();
        } else if n == b'k' && key[i..].starts_with(KELVIN) {
            i += KELVIN.len();
        } else {
            return false;
        }
        j += 1;
    }
    j == name.len()
}

/// Whether `s` has a byte below 0x20. A branch-free reduction, so that it vectorises.
fn has_control(s: &[u8]) -> bool {
    s.chunks(64)
        .any(|chunk| chunk.iter().fold(0u8, |acc, &c| acc | u8::from(c < 0x20)) != 0)
}

/// [`has_control`] for a whole text: larger blocks, fewer branches.
fn any_control(s: &[u8]) -> bool {
    s.chunks(512)
        .any(|chunk| chunk.iter().fold(0u8, |acc, &c| acc | u8::from(c < 0x20)) != 0)
}

fn hex4(h: &[u8]) -> u32 {
    h.iter().fold(0, |acc, &c| {
        acc << 4
            | match c {
                b'0'..=b'9' => (c - b'0') as u32,
                b'a'..=b'f' => (c - b'a' + 10) as u32,
                _ => (c - b'A' + 10) as u32,
            }
    })
}

/// A cursor over a JSON text.
pub(crate) struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// Whether the text may have a byte below 0x20: when it has none (a compact body, as clients
    /// send), no string can, and strings are not searched for one.
    controls: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(b: &'a [u8], i: usize) -> Self {
        Self {
            b,
            i,
            controls: true,
        }
    }

    /// The cursor's byte offset.
    pub(crate) fn position(&self) -> usize {
        self.i
    }

    /// The next byte after whitespace: what kind of value comes next.
    pub(crate) fn peek_value(&mut self) -> Option<u8> {
        self.ws();
        self.peek()
    }

    /// Reads the object at the cursor, calling `f` with each key; `f` must read exactly one
    /// value (with [`value`](Self::value), [`object`](Self::object) or [`array`](Self::array)).
    pub(crate) fn object(&mut self, mut f: impl FnMut(&mut Self, Str) -> Result<()>) -> Result<()> {
        self.expect(b'{', "expected an object")?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            let key = self.key()?;
            f(self, key)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    /// Reads the array at the cursor, calling `f` for each element; `f` must read exactly one
    /// value.
    pub(crate) fn array(&mut self, mut f: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.expect(b'[', "expected an array")?;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            f(self)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    /// Checks that only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<()> {
        self.ws();
        if self.i == self.b.len() {
            Ok(())
        } else {
            Err(self.err("trailing characters after the value"))
        }
    }

    fn err(&self, what: &'static str) -> JsonError {
        JsonError {
            offset: self.i,
            what,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8, what: &'static str) -> Result<()> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(what))
        }
    }

    /// Reads a string token starting at a quote.
    fn string(&mut self) -> Result<Str> {
        if self.peek() != Some(b'"') {
            return Err(self.err("expected a string"));
        }
        self.i += 1;
        let start = self.i;
        let mut escaped = false;
        loop {
            let rest = &self.b[self.i..];
            let Some(p) = memchr::memchr2(b'"', b'\\', rest) else {
                self.i = self.b.len();
                return Err(self.err("unterminated string"));
            };
            if self.controls && has_control(&rest[..p]) {
                return Err(self.err("control character in a string"));
            }
            self.i += p;
            if rest[p] == b'"' {
                let content = start..self.i;
                self.i += 1;
                return Ok(Str { content, escaped });
            }
            escaped = true;
            match self.b.get(self.i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 2,
                Some(b'u') => {
                    let hex = self.b.get(self.i + 2..self.i + 6);
                    if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                        return Err(self.err("invalid \\u escape"));
                    }
                    self.i += 6;
                }
                _ => return Err(self.err("invalid escape")),
            }
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Result<()> {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(self.err("invalid literal"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("invalid number"));
            }
        }
        Ok(())
    }

    fn key(&mut self) -> Result<Str> {
        self.ws();
        let key = self.string()?;
        self.expect(b':', "expected `:` after a key")?;
        Ok(key)
    }

    /// Skips one value of any depth, validating it; returns its byte range.
    pub(crate) fn value(&mut self) -> Result<Range<usize>> {
        let mut stack: Vec<u8> = Vec::new();
        self.ws();
        let start = self.i;
        'value: loop {
            self.ws();
            match self.peek() {
                Some(b'{') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                    } else {
                        stack.push(b'}');
                        self.key()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                    } else {
                        stack.push(b']');
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.err("unexpected character")),
                None => return Err(self.err("unexpected end of input")),
            }
            // A value is complete: close every container it completes.
            loop {
                let Some(&close) = stack.last() else {
                    return Ok(start..self.i);
                };
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        continue 'value;
                    }
                    Some(c) if c == close => {
                        self.i += 1;
                        stack.pop();
                    }
                    None => return Err(self.err("unexpected end of input")),
                    _ => return Err(self.err("expected `,` or a closing bracket")),
                }
            }
        }
    }
}

/// Validates that `b` is UTF-8 and one JSON object, and calls `f` with each top-level key and a
/// scanner at its value, which `f` must read (see [`Scanner::object`]).
///
/// # Errors
/// When the body is not UTF-8, not valid JSON, or not an object.
pub(crate) fn read_object(
    b: &[u8],
    f: impl FnMut(&mut Scanner<'_>, Str) -> Result<()>,
) -> Result<()> {
    if let Err(e) = simdutf8::compat::from_utf8(b) {
        return Err(JsonError {
            offset: e.valid_up_to(),
            what: "the body is not UTF-8",
        });
    }
    let mut s = Scanner::new(b, 0);
    // One pass over the whole text instead of one per string, for the common case.
    s.controls = any_control(b);
    s.object(f)?;
    s.end()
}

/// Validates that `b` is UTF-8 and one JSON object, and calls `f` with each top-level member.
#[cfg(test)]
fn top_level(b: &[u8], mut f: impl FnMut(Str, Range<usize>) -> Result<()>) -> Result<()> {
    read_object(b, |s, key| {
        let value = s.value()?;
        f(key, value)
    })
}

/// The string value at `range`, decoded, or `None` if the value is not a string.
pub(crate) fn string_value<'a>(b: &'a [u8], range: Range<usize>) -> Result<Option<Cow<'a, str>>> {
    let mut s = Scanner::new(&b[..range.end], range.start);
    if s.peek() != Some(b'"') {
        return Ok(None);
    }
    s.string()?.decode(b).map(Some)
}

/// Applies byte-range replacements (sorted, non-overlapping) and returns the new body.
pub(crate) fn splice<'r>(
    b: &[u8],
    edits: impl IntoIterator<Item = (Range<usize>, &'r [u8])> + Clone,
) -> Vec<u8> {
    // The exact length, so that the buffer becomes a `Bytes` without another allocation.
    let len = edits
        .clone()
        .into_iter()
        .fold(b.len(), |n, (range, replacement)| {
            n - range.len() + replacement.len()
        });
    let mut out = Vec::with_capacity(len);
    let mut at = 0;
    for (range, replacement) in edits {
        out.extend_from_slice(&b[at..range.start]);
        out.extend_from_slice(replacement);
        at = range.end;
    }
    out.extend_from_slice(&b[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(body: &str) -> Result<Vec<(String, String)>> {
        let b = body.as_bytes();
        let mut out = Vec::new();
        top_level(b, |k, v| {
            out.push((k.decode(b)?.into_owned(), body[v].to_owned()));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn reads_top_level_members_with_escaped_and_duplicate_keys() {
        let got =
            keys(r#" {"a": [1, {"store": true}], "\u0073tore": true, "store" :null } "#).unwrap();
        assert_eq!(
            got,
            vec![
                ("a".into(), r#"[1, {"store": true}]"#.into()),
                ("store".into(), "true".into()),
                ("store".into(), "null".into()),
            ]
        );
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        for bad in [
            "",
            "[]",
            "{",
            "{}x",
            "{\"a\":}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":tru}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\u{1}\"}",
            // A text with whitespace controls between tokens is searched string by string.
            "{\n\t\"a\": \"x\ty\"\r\n}",
            "{\"a\": \"x\ny\"}",
            "{\"a\":1,}",
            "{'a':1}",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":{\"b\"}}",
            "\u{feff}{}",
        ] {
            assert!(keys(bad).is_err(), "accepted {bad:?}");
        }
        assert!(top_level(b"{\"a\":\"\xff\"}", |_, _| Ok(())).is_err());
    }

    #[test]
    fn accepts_valid_json() {
        for good in [
            "{}",
            " {\"a\":1} ",
            "{\"a\":-0.5e+10,\"b\":[[],{}],\"c\":\"\\ud83d\\ude00\\n\"}",
            "{\"a\":[true,false,null]}",
            "{\n\t\"a\": \"x y\",\r\n  \"b\": [1,\n2]\n}",
        ] {
            assert!(keys(good).is_ok(), "rejected {good:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(keys(&deep).is_ok());
    }

    #[test]
    fn folds_keys_as_go_does() {
        let b = "\"STORE\" \"\u{17f}tore\" \"bac\u{212a}ground\" \"\\u0053tore\" \"stores\" \"\u{17f}\" \"st\u{f6}re\"".as_bytes();
        let mut s = Scanner::new(b, 0);
        let mut keys = Vec::new();
        while s.peek_value().is_some() {
            keys.push(s.string().unwrap());
        }
        let folds: Vec<_> = keys
            .iter()
            .map(|k| k.folds_to(b, "store") || k.folds_to(b, "background"))
            .collect();
        assert_eq!(folds, [true, true, true, true, false, false, false]);
        assert!(!keys[0].is(b, "store"));
        assert!(keys[3].is(b, "Store"));
    }

    #[test]
    fn decodes_surrogate_pairs_and_rejects_lone_ones() {
        let b = br#""\ud83d\ude00""#;
        let s = Str {
            content: 1..b.len() - 1,
            escaped: true,
        };
        assert_eq!(s.decode(b).unwrap(), "\u{1F600}");
        let b = br#""\ud83dx""#;
        let s = Str {
            content: 1..b.len() - 1,
            escaped: true,
        };
        assert!(s.decode(b).is_err());
    }
}
