//! Reading the fields of a `multipart/form-data` body (RFC 7578), for the rules that need a form
//! field (the `model` of an image edit).
//!
//! The reader is strict, so that it cannot disagree with a server (Go's `mime/multipart`,
//! Werkzeug, python-multipart) about which parts exist and what they hold:
//!
//! 1. The body must start with the delimiter (no preamble), lines end in CRLF, and the body must
//!    end with the closing delimiter. The boundary may appear nowhere but after a CRLF: Werkzeug
//!    also splits at a bare LF or CR before it, so a part hidden that way is malformed.
//! 2. Part headers are `Name: value` with a token name; a line starting with whitespace (an
//!    obsolete folded header, which Go appends to the previous header) or holding a bare CR or LF
//!    (a line end to Go and Werkzeug) is malformed.
//! 3. Every part has exactly one `Content-Disposition: form-data` header whose parameters parse
//!    strictly (the content-type grammar of `media_type`): exactly one `name`, no RFC 2231
//!    parameter (`name*`, `name*0`, `filename*0`, which Go and Werkzeug merge into `name`), no
//!    quoted-pair escape, nothing after a quoted value. Anything else is malformed.
//! 4. [`Part::is_plain_field`] says whether every server reads the part as a text field: no
//!    `filename` (servers then read a file, not a field: Go even when it is empty, Werkzeug not),
//!    no `Content-Transfer-Encoding` (Go decodes quoted-printable), and a content type that is
//!    absent or `text/plain` in UTF-8. The policy refuses a field it reads that is not plain.

use memchr::memmem;

/// One part of a form.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    /// Its `name`.
    pub(crate) name: &'a str,
    /// Its content.
    pub(crate) value: &'a [u8],
    /// Whether every server reads it as a text field (see the module docs).
    pub(crate) is_plain_field: bool,
    /// Whether it has a `Content-Transfer-Encoding`, which Go decodes (quoted-printable) and
    /// others do not: its content reads differently.
    pub(crate) is_encoded: bool,
}

/// Calls `f` with every part of `body`.
///
/// # Errors
/// A short description of what is malformed.
pub(crate) fn parts<'a>(
    body: &'a [u8],
    boundary: &str,
    mut f: impl FnMut(Part<'a>),
) -> Result<(), &'static str> {
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let finder = memmem::Finder::new(next_delimiter.as_bytes());
    let Some(mut rest) = body.strip_prefix(delimiter.as_bytes()) else {
        return Err("the body does not start with the boundary");
    };
    if memmem::find_iter(body, delimiter.as_bytes())
        .any(|at| at != 0 && !body[..at].ends_with(b"\r\n"))
    {
        return Err("the boundary follows a bare line feed or carriage return in a part");
    }
    loop {
        if rest.starts_with(b"--") {
            return Ok(());
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("a boundary is not followed by a line break")?;
        let head_end = memmem::find(rest, b"\r\n\r\n").ok_or("a part has no end of headers")?;
        let head =
            std::str::from_utf8(&rest[..head_end]).map_err(|_| "part headers are not UTF-8")?;
        let (name, is_plain_field, is_encoded) = part_head(head)?;
        let content_start = head_end + 4;
        let end = finder
            .find(&rest[content_start..])
            .ok_or("a part is not closed by the boundary")?;
        f(Part {
            name,
            value: &rest[content_start..content_start + end],
            is_plain_field,
            is_encoded,
        });
        rest = &rest[content_start + end + next_delimiter.len()..];
    }
}

/// The `name` of a part, from its `Content-Disposition: form-data` header, whether it is a plain
/// text field, and whether it has a transfer encoding.
fn part_head(head: &str) -> Result<(&str, bool, bool), &'static str> {
    let mut name = None;
    let mut plain = true;
    let mut encoded = false;
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            return Err("a part header is folded over two lines");
        }
        if line.contains(['\r', '\n']) {
            return Err("a part header holds a bare carriage return or line feed");
        }
        let Some((field, value)) = line.split_once(':') else {
            return Err("a part header has no colon");
        };
        if !crate::media_type::is_token(field) {
            return Err("a part header name is not a token");
        }
        if field.eq_ignore_ascii_case("content-transfer-encoding") {
            plain = false;
            encoded = true;
            continue;
        }
        if field.eq_ignore_ascii_case("content-type") {
            let text_utf8 = crate::media_type::parse(value).is_ok_and(|m| {
                m.kind.eq_ignore_ascii_case("text")
                    && m.subtype.eq_ignore_ascii_case("plain")
                    && m.param("charset")
                        .is_none_or(|c| c.eq_ignore_ascii_case("utf-8"))
            });
            plain &= text_utf8;
            continue;
        }
        if !field.eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        if name.is_some() {
            return Err("a part has two Content-Disposition headers");
        }
        let value = value.trim_matches([' ', '\t']);
        let (kind, params) = match value.split_once(';') {
            Some((k, p)) => (k, Some(p)),
            None => (value, None),
        };
        if !kind
            .trim_end_matches([' ', '\t'])
            .eq_ignore_ascii_case("form-data")
        {
            return Err("a part is not form-data");
        }
        let params = crate::media_type::Params::parse(params).map_err(
            |_| "a part's Content-Disposition parameters are not plain `name=\"value\"` pairs",
        )?;
        name = Some(params.get("name").ok_or("a part has no name")?);
        plain &= params.get("filename").is_none();
    }
    Ok((
        name.ok_or("a part has no Content-Disposition header")?,
        plain,
        encoded,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str, boundary: &str) -> Result<Vec<(String, String)>, &'static str> {
        let mut out = Vec::new();
        parts(body.as_bytes(), boundary, |p| {
            out.push((
                p.name.to_owned(),
                String::from_utf8_lossy(p.value).into_owned(),
            ))
        })?;
        Ok(out)
    }

    #[test]
    fn reads_fields_and_files() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-image-1\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a; name=x.png\"\r\n\
                    Content-Type: image/png\r\n\r\n\x01\x02\r\n--XyZ--\r\n";
        assert_eq!(
            names(body, "XyZ").unwrap(),
            vec![
                ("model".into(), "gpt-image-1".into()),
                ("image".into(), "\u{1}\u{2}".into())
            ]
        );
    }

    #[test]
    fn rejects_malformed_bodies() {
        for (body, why) in [
            ("Xx--XyZ--", "preamble"),
            (
                "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt",
                "unclosed",
            ),
            (
                "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
                "no name",
            ),
            (
                "--XyZ\r\nContent-Disposition: form-data; name*=UTF-8''model\r\n\r\nx\r\n--XyZ--",
                "name*",
            ),
            (
                "--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nx\r\n--XyZ--",
                "two names",
            ),
            (
                "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
                "no disposition",
            ),
            (
                "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--",
                "not form-data",
            ),
        ] {
            assert!(names(body, "XyZ").is_err(), "accepted: {why}");
        }
    }

    #[test]
    fn refuses_folding_and_escapes() {
        for body in [
            "--XyZ\r\nX-A: b\r\n Content-Disposition: form-data; name=\"model\"\r\n\r\nx\r\n--XyZ--",
            "--XyZ\r\nContent-Disposition: form-data; name=\"mod\\el\"\r\n\r\nx\r\n--XyZ--",
            "--XyZ\r\nContent Disposition: form-data; name=\"model\"\r\n\r\nx\r\n--XyZ--",
        ] {
            assert!(names(body, "XyZ").is_err(), "accepted {body:?}");
        }
    }

    #[test]
    fn refuses_what_go_and_werkzeug_read_as_another_part() {
        for body in [
            // RFC 2231 continuations, which Go and Werkzeug merge into `name` / `filename`.
            "--B\r\nContent-Disposition: form-data; name=\"prompt\"; name*0=\"model\"\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: form-data; name=\"model\"; filename*0=\"x\"\r\n\r\nx\r\n--B--",
            // A bare LF ends a header line for Go and Werkzeug.
            "--B\r\nX-A: 1\nContent-Disposition: form-data; name=\"model\"\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nx\r\n--B--",
            // Werkzeug splits at a boundary after a bare LF or CR.
            "--B\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\na\n--B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nx\r\n--B--",
            "--B\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\na\r--B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nx\r\n--B--",
            // Werkzeug keeps the quoted value and drops what follows it.
            "--B\r\nContent-Disposition: form-data; name=\"model\"x\r\n\r\nx\r\n--B--",
        ] {
            assert!(names(body, "B").is_err(), "accepted {body:?}");
        }
    }

    #[test]
    fn tells_plain_fields_from_files() {
        let plain = |head: &str| {
            let body = format!("--B\r\n{head}\r\n\r\nv\r\n--B--");
            let mut out = None;
            parts(body.as_bytes(), "B", |p| out = Some(p.is_plain_field)).unwrap();
            out.unwrap()
        };
        assert!(plain("Content-Disposition: form-data; name=model"));
        assert!(plain(
            "Content-Disposition: form-data; name=model\r\nContent-Type: text/plain; charset=UTF-8"
        ));
        assert!(!plain(
            "Content-Disposition: form-data; name=model; filename=\"\""
        ));
        assert!(!plain(
            "Content-Disposition: form-data; name=model\r\nContent-Transfer-Encoding: quoted-printable"
        ));
        assert!(!plain(
            "Content-Disposition: form-data; name=model\r\nContent-Type: text/plain; charset=utf-16"
        ));
    }
}
