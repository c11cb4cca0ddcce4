//! `allow` and `deny` entries: an optional method and a path pattern.

use std::fmt;

use http::Method;

use super::ProfileError;

/// An `allow` or `deny` entry of a profile: an optional method and a path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointPattern {
    text: String,
    method: Option<Method>,
    segments: Vec<PatternSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternSegment {
    Literal(String),
    Any,
    Rest,
}

impl EndpointPattern {
    /// Parses `"[METHOD] /path"`; a segment `{name}` matches any one segment and a last segment
    /// `**` matches any rest (including nothing). Literal segments match case-insensitively, and
    /// a `GET` entry also covers `HEAD`, as servers route them.
    ///
    /// # Errors
    /// [`ProfileError::Invalid`] quoting the entry when the method is not an upper-case HTTP
    /// method, the path does not start with `/`, or it has an empty segment, a query, a fragment,
    /// a percent sign, a dot segment or a misplaced `**`; and, with the syntax to write instead,
    /// when a segment uses another router's syntax that would load as a literal no request
    /// has: `*` (glob), `{*rest}` (matchit, axum), `:id` (Express), `<id>` (Flask), `[id]`,
    /// or unbalanced braces.
    ///
    /// ```
    /// # use retention_guard::EndpointPattern;
    /// assert!(EndpointPattern::parse("deny", "POST /v1/files/{file_id}").is_ok());
    /// let e = EndpointPattern::parse("deny", "/v1/files/{*rest}").unwrap_err();
    /// assert!(e.to_string().contains("write `**`"));
    /// ```
    pub fn parse(key: &'static str, text: &str) -> Result<Self, ProfileError> {
        let bad = |why: &str| ProfileError::invalid(key, text, why);
        let trimmed = text.trim();
        let (method, path) = match trimmed.split_once(char::is_whitespace) {
            Some((m, p)) => {
                const METHODS: [&str; 7] =
                    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
                if !METHODS.contains(&m) {
                    return Err(bad(
                        "the method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
                    ));
                }
                (
                    Some(Method::from_bytes(m.as_bytes()).expect("listed")),
                    p.trim(),
                )
            }
            None => (None, trimmed),
        };
        let Some(rest) = path.strip_prefix('/') else {
            return Err(bad("the path must start with `/`"));
        };
        if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            return Err(bad("the path must not contain a query, fragment or space"));
        }
        // The same canonical form the guard requires of request paths (rule 4).
        if let Some(why) = crate::path::entry_form_error(path) {
            return Err(bad(&format!("the path is not in canonical form: {why}")));
        }
        let parts: Vec<&str> = rest.split('/').collect();
        let mut segments = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            if let Some(why) = router_syntax(part) {
                return Err(bad(&why));
            }
            segments.push(match *part {
                "" => return Err(bad("the path names no endpoint (an empty segment)")),
                "**" if i + 1 == parts.len() => PatternSegment::Rest,
                "**" => return Err(bad("`**` may only be the last segment")),
                p if p.starts_with('{') && p.ends_with('}') => PatternSegment::Any,
                p => PatternSegment::Literal(p.to_owned()),
            });
        }
        Ok(Self {
            text: trimmed.to_owned(),
            method,
            segments,
        })
    }

    /// The entry as written in the profile.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this pattern covers `method` on `path` (a full request path starting with `/`).
    /// Literal segments match case-insensitively, as case-insensitive routers (Express) read
    /// them.
    pub fn matches(&self, method: &Method, path: &str) -> bool {
        self.method_matches(method) && segments_match(&self.segments, path)
    }

    /// Whether this pattern, written under any of `bases` (a provider's spellings of its base
    /// path, whose `{…}` segments stand for one segment), covers `method` on `rest`, the part of
    /// a request path after one of them. An entry written in one spelling thus covers the others.
    ///
    /// A literal where a base has its `{deployment}` segment names one deployment: it covers a
    /// request whose path names that `deployment`; a request whose path names none (the v1
    /// spelling, where the body does) is covered only if `broad` (a `deny` entry: denying more
    /// is safe; an `allow` entry must not let other deployments through).
    pub(crate) fn matches_after_base(
        &self,
        method: &Method,
        rest: &str,
        deployment: Option<&str>,
        broad: bool,
        bases: &[std::sync::Arc<str>],
    ) -> bool {
        self.method_matches(method)
            && bases.iter().any(|base| {
                let mut taken = 0;
                for b in base.split('/').skip(1) {
                    let fits = match self.segments.get(taken) {
                        Some(PatternSegment::Literal(l)) if b.starts_with('{') => {
                            deployment.map_or(broad, |d| l.eq_ignore_ascii_case(d))
                        }
                        Some(PatternSegment::Literal(l)) => l.eq_ignore_ascii_case(b),
                        Some(PatternSegment::Any) => b.starts_with('{'),
                        Some(PatternSegment::Rest) | None => false,
                    };
                    if !fits {
                        return false;
                    }
                    taken += 1;
                }
                segments_match(&self.segments[taken..], rest)
            })
    }

    fn method_matches(&self, method: &Method) -> bool {
        // Servers route `HEAD` to the `GET` handler.
        self.method
            .as_ref()
            .is_none_or(|m| m == method || (*m == Method::GET && *method == Method::HEAD))
    }
}

/// Whether `segments` match `path` (starting with `/`).
fn segments_match(segments: &[PatternSegment], path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let mut parts = rest.split('/');
    for seg in segments {
        match seg {
            PatternSegment::Rest => return true,
            PatternSegment::Any => match parts.next() {
                Some(p) if !p.is_empty() => {}
                _ => return false,
            },
            PatternSegment::Literal(l) => {
                if !parts.next().is_some_and(|p| p.eq_ignore_ascii_case(l)) {
                    return false;
                }
            }
        }
    }
    parts.next().is_none()
}

impl EndpointPattern {
    /// Whether some request this pattern matches could reach the catalog path `template` (a
    /// full path whose `{…}` segments stand for any one segment and whose last segment may be
    /// `**`) with one of `methods`.
    pub(crate) fn overlaps(&self, methods: crate::catalog::Methods, template: &str) -> bool {
        if let Some(m) = &self.method {
            let m = if *m == Method::HEAD { &Method::GET } else { m };
            if !methods.contains(m) {
                return false;
            }
        }
        let mut theirs = template.split('/').skip(1);
        for seg in &self.segments {
            let Some(t) = theirs.next() else {
                return matches!(seg, PatternSegment::Rest);
            };
            if t == "**" {
                return true;
            }
            match seg {
                PatternSegment::Rest => return true,
                PatternSegment::Any => {}
                PatternSegment::Literal(_) if t.starts_with('{') => {}
                PatternSegment::Literal(l) if l.eq_ignore_ascii_case(t) => {}
                PatternSegment::Literal(_) => return false,
            }
        }
        theirs.next().is_none_or(|t| t == "**")
    }
}

/// Why `segment` cannot mean what its author meant: wildcard or parameter syntax of another
/// router, which would load as a literal segment no request has and so never match.
fn router_syntax(segment: &str) -> Option<String> {
    let name = |s: &str| {
        let n = s.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
        if n.is_empty() {
            "id".to_owned()
        } else {
            n.to_owned()
        }
    };
    if segment == "**" {
        return None;
    }
    if segment.starts_with("{*") || segment.starts_with("{**") {
        return Some(format!(
            "`{segment}` is router syntax (matchit, axum) for the rest of the path; write `**` as \
             the last segment (it also matches nothing)"
        ));
    }
    if segment.contains('*') {
        let (quoted, param) = match segment {
            "*" => (String::new(), "id".to_owned()),
            s => (format!("`{s}`: "), name(s)),
        };
        return Some(format!(
            "{quoted}`*` is not a wildcard here; write `{{{param}}}` for any one segment, or `**` \
             as the last segment for any rest"
        ));
    }
    let braced = segment.starts_with('{') && segment.ends_with('}');
    if braced && (segment.len() == 2 || segment[1..segment.len() - 1].contains(['{', '}'])) {
        return Some(format!(
            "`{segment}`: a parameter names one whole segment, e.g. `{{file_id}}`"
        ));
    }
    if !braced && segment.contains(['{', '}']) {
        return Some(format!(
            "`{segment}`: a parameter is one whole segment in braces, e.g. `{{{}}}`",
            name(segment)
        ));
    }
    let param = (segment.len() > 1 && segment.starts_with(':'))
        || (segment.starts_with('<') && segment.ends_with('>'))
        || (segment.starts_with('[') && segment.ends_with(']'));
    param.then(|| {
        format!(
            "`{segment}` is another router's parameter syntax; write `{{{}}}` for any one segment",
            name(segment)
        )
    })
}

impl fmt::Display for EndpointPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
