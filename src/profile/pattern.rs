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
    /// a percent sign, a dot segment or a misplaced `**`.
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
        // Servers route `HEAD` to the `GET` handler.
        if self
            .method
            .as_ref()
            .is_some_and(|m| m != method && !(*m == Method::GET && *method == Method::HEAD))
        {
            return false;
        }
        let Some(rest) = path.strip_prefix('/') else {
            return false;
        };
        let mut parts = rest.split('/');
        for seg in &self.segments {
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
}

impl fmt::Display for EndpointPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
