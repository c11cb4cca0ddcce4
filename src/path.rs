//! Request paths as servers read them.
//!
//! The guard must classify a request by the endpoint a server will route it to, and servers
//! disagree about paths. The readers this module covers (README names them with versions):
//!
//! 1. Go's `net/http` and Werkzeug route on the percent-decoded path; Express routes on the raw
//!    path, case-insensitively and ignoring a trailing slash; Werkzeug merges repeated slashes;
//!    Java-style servers and some gateways drop `;params` from segments; a proxy in front of a
//!    server may decode once more (`%2561` → `%61` → `a`), and some decode `%2F` and `%5C` into
//!    separators.
//! 2. A path is *canonical* when none of that can change it: no `%`, `;` or `\`, no upper-case
//!    letters, no empty, `.` or `..` segments and no trailing slash. A canonical path has one
//!    reading, itself.
//! 3. Any other path has several [`Readings`]: the path as sent, and every combination of the
//!    transformations above, each with empty and dot segments removed and no trailing slash. The
//!    policy looks every reading up and applies the rules of the endpoint they name, or denies
//!    when they name different endpoints.

use std::borrow::Cow;

/// Why a path is not in the form `allow` and `deny` entries are written in, or `None`.
/// Profile entries must be written canonically (upper-case letters aside: entries match
/// case-insensitively).
pub(crate) fn entry_form_error(path: &str) -> Option<&'static str> {
    if path.contains('%') {
        return Some("it contains percent-encoded characters");
    }
    if path.contains([';', '\\']) {
        return Some("it contains `;` or `\\`");
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

/// Whether `path` has exactly one reading (see the module docs).
pub(crate) fn is_canonical(path: &str) -> bool {
    let b = path.as_bytes();
    if b.first() != Some(&b'/') {
        return false;
    }
    if b.len() == 1 {
        return true;
    }
    // One pass: no odd byte, and no empty, `.` or `..` segment (a `/` followed by `/`, `./`,
    // `../` or the end).
    let at = |i: usize| b.get(i).copied().unwrap_or(b'/');
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'%' | b';' | b'\\' | b'A'..=b'Z' => return false,
            b'/' => {
                let (n1, n2, n3) = (at(i + 1), at(i + 2), at(i + 3));
                if n1 == b'/' || (n1 == b'.' && (n2 == b'/' || (n2 == b'.' && n3 == b'/'))) {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// The readings of a request path: itself if canonical, otherwise every distinct way a
/// mainstream server may read it.
#[derive(Debug)]
pub(crate) enum Readings<'a> {
    /// A canonical path: one reading.
    One(&'a str),
    /// A path servers may read differently: the distinct readings, the path as sent first, and
    /// whether repeated decoding still changed it after [`MAX_DECODES`] rounds.
    Many(Vec<String>, bool),
}

/// How many times a path is percent-decoded at most; one that still changes is undecidable.
const MAX_DECODES: usize = 8;

impl<'a> Readings<'a> {
    /// The readings of `path`.
    pub(crate) fn of(path: &'a str) -> Self {
        if is_canonical(path) {
            return Readings::One(path);
        }
        let mut out = vec![path.to_owned()];
        let mut undecidable = false;
        // Only the transformations that can change this path (a decoded escape may produce a
        // separator, a `;` or an upper-case letter); the others repeat a reading.
        let escaped = path.contains(['%', '\\']);
        let mask = if escaped { 0b1111 } else { 0 }
            | if path.contains(';') { 0b0100 } else { 0 }
            | if path.bytes().any(|c| c.is_ascii_uppercase()) {
                0b1000
            } else {
                0
            };
        for flags in (0..16u8).filter(|f| f & !mask == 0) {
            let (reading, converged) = read(
                path,
                Flags {
                    slash_escapes: flags & 1 != 0,
                    decode_repeatedly: flags & 2 != 0,
                    strip_params: flags & 4 != 0,
                    lowercase: flags & 8 != 0,
                },
            );
            undecidable |= !converged;
            if !out.contains(&reading) {
                out.push(reading);
            }
        }
        Readings::Many(out, undecidable)
    }

    /// Whether decoding the path never settles: no reading can be trusted.
    pub(crate) fn is_undecidable(&self) -> bool {
        matches!(self, Readings::Many(_, true))
    }

    /// Whether the path is canonical.
    pub(crate) fn is_canonical(&self) -> bool {
        matches!(self, Readings::One(_))
    }

    /// Every reading.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many) = match self {
            Readings::One(p) => (Some(*p), &[][..]),
            Readings::Many(v, _) => (None, &v[..]),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }

    /// The most lenient reading (every transformation applied): what the remedy suggests.
    pub(crate) fn canonical_form(&self) -> Cow<'a, str> {
        match self {
            Readings::One(p) => Cow::Borrowed(p),
            Readings::Many(v, _) => Cow::Owned(
                read(
                    &v[0],
                    Flags {
                        slash_escapes: true,
                        decode_repeatedly: true,
                        strip_params: true,
                        lowercase: true,
                    },
                )
                .0,
            ),
        }
    }
}

#[derive(Clone, Copy)]
struct Flags {
    /// `%2F` and `%5C` (and `\`) are path separators.
    slash_escapes: bool,
    /// Decode until nothing changes (a proxy decoding before the server does).
    decode_repeatedly: bool,
    /// Drop `;params` from every segment.
    strip_params: bool,
    /// Route case-insensitively.
    lowercase: bool,
}

/// One reading of `path` under `flags`: decoded, segments cleaned, no trailing slash; and
/// whether decoding settled.
fn read(path: &str, flags: Flags) -> (String, bool) {
    // Decode segment by segment, so that an encoded separator stays inside its segment unless
    // `slash_escapes` says it separates.
    let mut segments: Vec<String> = Vec::new();
    let split = |s: &str| -> Vec<String> {
        if flags.slash_escapes {
            s.split(['/', '\\']).map(str::to_owned).collect()
        } else {
            s.split('/').map(str::to_owned).collect()
        }
    };
    let mut pending = split(path);
    let mut rounds = 0;
    let converged = loop {
        let mut changed = false;
        let mut next = Vec::with_capacity(pending.len());
        for seg in pending {
            let decoded = percent_decode(&seg, flags.slash_escapes);
            if decoded != seg {
                changed = true;
            }
            if flags.slash_escapes && decoded.contains(['/', '\\']) {
                next.extend(split(&decoded));
            } else {
                next.push(decoded);
            }
        }
        pending = next;
        rounds += 1;
        if !changed || !flags.decode_repeatedly {
            break true;
        }
        if rounds == MAX_DECODES {
            break false;
        }
    };
    for seg in pending {
        let seg = if flags.strip_params {
            match seg.split_once(';') {
                Some((head, _)) => head.to_owned(),
                None => seg,
            }
        } else {
            seg
        };
        let seg = if flags.lowercase {
            seg.to_lowercase()
        } else {
            seg
        };
        match seg.as_str() {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(seg),
        }
    }
    let mut s = String::with_capacity(path.len());
    for seg in segments {
        s.push('/');
        s.push_str(&seg);
    }
    if s.is_empty() {
        s.push('/');
    }
    (s, converged)
}

/// Decodes `%XX` escapes, except encoded separators when they are not `slash_escapes` (a server
/// that keeps `%2F` routes on the raw segment).
fn percent_decode(s: &str, slash_escapes: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            let c = h << 4 | l;
            if slash_escapes || !matches!(c, b'/' | b'\\') {
                out.push(c);
                i += 3;
                continue;
            }
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

    fn readings(path: &str) -> Vec<String> {
        Readings::of(path).iter().map(str::to_owned).collect()
    }

    #[test]
    fn canonical_paths_have_one_reading() {
        for p in ["/v1/chat/completions", "/", "/v1/files/file-abc_1"] {
            assert!(is_canonical(p), "{p}");
            assert_eq!(readings(p), vec![p.to_owned()]);
        }
        for p in [
            "/v1/assistants/",
            "/v1//assistants",
            "/v1/./assistants",
            "/v1/../v1/assistants",
            "/v1/%61ssistants",
            "/v1/assistants;x=1",
            "/v1/Assistants",
            "/v1\\assistants",
            "//",
        ] {
            assert!(!is_canonical(p), "{p}");
        }
    }

    #[test]
    fn readings_cover_lenient_servers() {
        let r = readings("/v1/%61ssistants/");
        assert!(r.contains(&"/v1/%61ssistants/".to_owned()), "{r:?}");
        assert!(r.contains(&"/v1/assistants".to_owned()), "{r:?}");
        let r = readings("/v1/files%2Fx");
        assert!(r.contains(&"/v1/files/x".to_owned()), "{r:?}");
        assert!(r.contains(&"/v1/files%2Fx".to_owned()), "{r:?}");
        let r = readings("/v1/%2561ssistants");
        assert!(r.contains(&"/v1/assistants".to_owned()), "{r:?}");
        assert!(r.contains(&"/v1/%61ssistants".to_owned()), "{r:?}");
        let r = readings("/v1/assistants;x=1/ASST_1");
        assert!(r.contains(&"/v1/assistants/asst_1".to_owned()), "{r:?}");
        assert!(r.contains(&"/v1/assistants;x=1/ASST_1".to_owned()), "{r:?}");
        let r = readings("/v1//images/./x/../generations");
        assert!(r.contains(&"/v1/images/generations".to_owned()), "{r:?}");
        assert_eq!(
            Readings::of("/V1/%2561ssistants;a/").canonical_form(),
            "/v1/assistants"
        );
        assert!(readings("/%2e%2e/%2e%2e").contains(&"/".to_owned()));
        assert!(readings("/v1/%zz").contains(&"/v1/%zz".to_owned()));
        assert!(readings("/v1/%").contains(&"/v1/%".to_owned()));
    }

    #[test]
    fn entry_forms() {
        assert_eq!(entry_form_error("/v1/chat/completions"), None);
        assert_eq!(entry_form_error("/v1/Custom"), None);
        assert!(entry_form_error("/v1/a;b").is_some());
        assert!(entry_form_error("/v1//a").is_some());
    }
}
