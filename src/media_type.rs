//! A strict reader for `Content-Type` values: the guard reads a body only when every server
//! reads its content type the same way.
//!
//! Servers disagree about media-type parameters: Go's `mime` and Werkzeug apply RFC 2231
//! (`boundary*=utf-8''…` wins), Werkzeug keeps the last duplicate and Go refuses duplicates, and
//! Go, Werkzeug and python-multipart unescape quoted-pairs (`"a\"b"`). So [`parse`] accepts only
//! the form they all read alike, and anything else is an error the policy turns into
//! `uninspectable_body`:
//!
//! 1. `type/subtype` made of RFC 9110 token characters, then `; name=value` parameters;
//! 2. values are tokens or quoted strings **without** backslashes;
//! 3. no parameter name twice (case-insensitively), no RFC 2231 names (`name*`, `name*0`), no
//!    whitespace around `=`, nothing after a quoted value but `;`, no empty parameter, at most
//!    [`MAX_PARAMS`] parameters.
//!
//! The same parameter grammar ([`Params::parse`]) reads a form part's `Content-Disposition`.

/// The most parameters a content type may have.
pub(crate) const MAX_PARAMS: usize = 8;

/// The `; name=value` parameters of a header value, unquoted, borrowed from it.
#[derive(Debug)]
pub(crate) struct Params<'a> {
    list: [(&'a str, &'a str); MAX_PARAMS],
    len: usize,
}

impl<'a> Params<'a> {
    /// The value of parameter `name` (compared case-insensitively), unquoted.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.list[..self.len]
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, v)| v)
    }

    /// Parses what follows the first `;` of a header value (`None`: there was no `;`).
    ///
    /// # Errors
    /// A short reason (see the module docs).
    pub(crate) fn parse(mut rest: Option<&'a str>) -> Result<Self, &'static str> {
        let mut out = Params {
            list: [("", ""); MAX_PARAMS],
            len: 0,
        };
        while let Some(r) = rest {
            let r = r.trim_start_matches([' ', '\t']);
            let eq = r.find('=').ok_or("a parameter has no value")?;
            let name = &r[..eq];
            if !is_token(name) {
                return Err("a parameter name is not a token (or has spaces around `=`)");
            }
            if name.contains('*') {
                return Err(
                    "it uses an RFC 2231 parameter (`name*=`), which servers read differently",
                );
            }
            let after = &r[eq + 1..];
            let (val, next) = if let Some(q) = after.strip_prefix('"') {
                let close = q
                    .find(['"', '\\'])
                    .ok_or("a quoted parameter is not closed")?;
                if q.as_bytes()[close] == b'\\' {
                    return Err(
                        "a quoted parameter has a backslash escape, which servers read differently",
                    );
                }
                (&q[..close], &q[close + 1..])
            } else {
                let end = after.find([';', ' ', '\t']).unwrap_or(after.len());
                let v = &after[..end];
                if !is_token(v) {
                    return Err("a parameter value is not a token");
                }
                (v, &after[end..])
            };
            let next = next.trim_start_matches([' ', '\t']);
            rest = match next.strip_prefix(';') {
                Some(n) => Some(n),
                None if next.is_empty() => None,
                None => return Err("a parameter is followed by something else than `;`"),
            };
            if out.get(name).is_some() {
                return Err("a parameter appears twice, and servers keep different ones");
            }
            if out.len == MAX_PARAMS {
                return Err("too many parameters");
            }
            out.list[out.len] = (name, val);
            out.len += 1;
        }
        Ok(out)
    }
}

/// A parsed content type: borrowed slices of the header value.
#[derive(Debug)]
pub(crate) struct MediaType<'a> {
    /// The type, e.g. `application`, as sent.
    pub(crate) kind: &'a str,
    /// The subtype, e.g. `json`, as sent.
    pub(crate) subtype: &'a str,
    params: Params<'a>,
}

impl<'a> MediaType<'a> {
    /// The value of parameter `name` (compared case-insensitively), unquoted.
    pub(crate) fn param(&self, name: &str) -> Option<&'a str> {
        self.params.get(name)
    }

    /// Whether this is `application/json` or `application/*+json`.
    pub(crate) fn is_json(&self) -> bool {
        self.kind.eq_ignore_ascii_case("application")
            && (self.subtype.eq_ignore_ascii_case("json")
                || self
                    .subtype
                    .get(self.subtype.len().saturating_sub(5)..)
                    .is_some_and(|s| s.eq_ignore_ascii_case("+json")))
    }

    /// Whether this is `multipart/form-data`.
    /// `application/sdp`: a WebRTC session description, not JSON.
    pub(crate) fn is_sdp(&self) -> bool {
        self.kind.eq_ignore_ascii_case("application") && self.subtype.eq_ignore_ascii_case("sdp")
    }

    pub(crate) fn is_form(&self) -> bool {
        self.kind.eq_ignore_ascii_case("multipart")
            && self.subtype.eq_ignore_ascii_case("form-data")
    }

    /// The form boundary, if it is one every reader reads alike: 1 to 70 characters of RFC 2046
    /// `bchars`, not ending in a space.
    ///
    /// # Errors
    /// Why the boundary is unusable.
    pub(crate) fn boundary(&self) -> Result<&'a str, &'static str> {
        let b = self
            .param("boundary")
            .ok_or("it has no `boundary` parameter")?;
        let ok = (1..=70).contains(&b.len())
            && !b.ends_with(' ')
            && b.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&c));
        if ok {
            Ok(b)
        } else {
            Err("its `boundary` is not 1 to 70 RFC 2046 boundary characters")
        }
    }
}

pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

/// Parses a content type strictly (see the module docs).
///
/// # Errors
/// A short reason, for the `uninspectable_body` message.
pub(crate) fn parse(value: &str) -> Result<MediaType<'_>, &'static str> {
    let value = value.trim_matches([' ', '\t']);
    let (essence, rest) = match value.find(';') {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    let (kind, subtype) = essence
        .trim_end_matches([' ', '\t'])
        .split_once('/')
        .ok_or("its content type has no `/`")?;
    if !is_token(kind) || !is_token(subtype) {
        return Err("its content type is not `type/subtype`");
    }
    Ok(MediaType {
        kind,
        subtype,
        params: Params::parse(rest)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_content_types() {
        let m = parse("application/json").unwrap();
        assert!(m.is_json());
        let m = parse("Application/JSON; charset=UTF-8").unwrap();
        assert!(m.is_json());
        assert_eq!(m.param("Charset"), Some("UTF-8"));
        assert!(parse("application/vnd.api+json").unwrap().is_json());
        let m = parse("multipart/form-data; boundary=\"a b:c\"").unwrap();
        assert!(m.is_form());
        assert_eq!(m.boundary(), Ok("a b:c"));
        let m = parse("multipart/form-data;boundary=XyZ ; charset=utf-8").unwrap();
        assert_eq!(m.boundary(), Ok("XyZ"));
    }

    #[test]
    fn refuses_what_servers_read_differently() {
        for bad in [
            "multipart/form-data; boundary=a; boundary=b",
            "multipart/form-data; boundary=a; BOUNDARY=b",
            "multipart/form-data; boundary*=utf-8''abc",
            "multipart/form-data; boundary=a; boundary*=utf-8''b",
            "multipart/form-data; boundary=\"a\\\"b\"",
            "multipart/form-data; boundary = a",
            "multipart/form-data; boundary=\"unclosed",
            "multipart/form-data; ; boundary=a",
            "multipart/form-data; boundary=a;",
            "application/json, multipart/form-data",
            "application",
            "application/json; charset",
            "multipart/form-data; boundary=a b",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
        let m = parse("multipart/form-data").unwrap();
        assert!(m.boundary().is_err());
        let m = parse("multipart/form-data; boundary=\"trailing \"").unwrap();
        assert!(m.boundary().is_err());
        let m = parse("multipart/form-data; boundary=\"é\"");
        assert!(m.is_err() || m.unwrap().boundary().is_err());
    }
}
