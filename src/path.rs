//! Request paths: the canonical-form check and the normalisation used for `deny` entries.
//!
//! A path is canonical when it has no percent-encoded characters, no empty segments, no `.` or
//! `..` segments and no trailing slash. Only canonical paths are matched to catalog entries and
//! `allow` entries: a server may decode `%61ssistants` to `assistants`, so such a path is never
//! matched to a known endpoint by accident. `deny` entries are matched against the normalised form
//! too, so that encoding a path cannot slip past an explicit denial.

use std::borrow::Cow;

/// Why a path is not canonical, or `None` if it is.
pub(crate) fn non_canonical(path: &str) -> Option<&'static str> {
    if path.contains('%') {
        return Some("it contains percent-encoded characters");
    }
    let rest = path.strip_prefix('/')?;
    if rest.is_empty() {
        return None;
    }
    if rest.ends_with('/') {
        return Some("it ends with a slash");
    }
    for seg in rest.split('/') {
        match seg {
            "" => return Some("it has an empty segment"),
            "." | ".." => return Some("it has a dot segment"),
            _ => {}
        }
    }
    None
}

/// The path a lenient server might route `path` to: percent-decoded, without empty or `.`
/// segments, with `..` applied and no trailing slash.
pub(crate) fn normalize(path: &str) -> Cow<'_, str> {
    if non_canonical(path).is_none() {
        return Cow::Borrowed(path);
    }
    let decoded = percent_decode(path);
    let mut out: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let mut s = String::with_capacity(decoded.len());
    for seg in out {
        s.push('/');
        s.push_str(seg);
    }
    if s.is_empty() {
        s.push('/');
    }
    Cow::Owned(s)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_paths() {
        assert_eq!(non_canonical("/v1/chat/completions"), None);
        assert_eq!(non_canonical("/"), None);
        assert!(non_canonical("/v1/assistants/").is_some());
        assert!(non_canonical("/v1//assistants").is_some());
        assert!(non_canonical("/v1/./assistants").is_some());
        assert!(non_canonical("/v1/%61ssistants").is_some());
    }

    #[test]
    fn normalisation_decodes_and_collapses() {
        assert_eq!(normalize("/v1/%61ssistants/"), "/v1/assistants");
        assert_eq!(
            normalize("/v1//images/./x/../generations"),
            "/v1/images/generations"
        );
        assert_eq!(normalize("/v1/ok"), "/v1/ok");
        assert_eq!(normalize("/%2e%2e/%2e%2e"), "/");
        assert_eq!(normalize("/v1/%zz"), "/v1/%zz");
    }
}
