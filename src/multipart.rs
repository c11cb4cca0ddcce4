//! Reading the fields of a `multipart/form-data` body (RFC 7578), for the rules that need a form
//! field (the `model` of an image edit).
//!
//! The reader is strict, so that it cannot disagree with the provider about which parts exist:
//! the body must start with the delimiter, every part must have a `Content-Disposition:
//! form-data` header with a plain `name` parameter (an extended `name*` is refused), and the body
//! must end with the closing delimiter. Anything else is malformed.

use memchr::memmem;

/// The `boundary` parameter of a `multipart/form-data` content type, or `None` if the content
/// type is not multipart/form-data or has no usable boundary.
pub(crate) fn boundary(content_type: &str) -> Option<&str> {
    let mut params = split_params(content_type);
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| unquote(v.trim()))
        .filter(|b| !b.is_empty() && b.len() <= 70)
}

/// Calls `f` with the name and content of every part of `body`.
///
/// # Errors
/// A short description of what is malformed.
pub(crate) fn parts<'a>(
    body: &'a [u8],
    boundary: &str,
    mut f: impl FnMut(&str, &'a [u8]),
) -> Result<(), &'static str> {
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let finder = memmem::Finder::new(next_delimiter.as_bytes());
    let Some(mut rest) = body.strip_prefix(delimiter.as_bytes()) else {
        return Err("the body does not start with the boundary");
    };
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
        let name = part_name(head)?;
        let content_start = head_end + 4;
        let end = finder
            .find(&rest[content_start..])
            .ok_or("a part is not closed by the boundary")?;
        f(name, &rest[content_start..content_start + end]);
        rest = &rest[content_start + end + next_delimiter.len()..];
    }
}

/// The `name` of a part, from its `Content-Disposition: form-data` header.
fn part_name(head: &str) -> Result<&str, &'static str> {
    let mut name = None;
    for line in head.split("\r\n") {
        let Some((field, value)) = line.split_once(':') else {
            return Err("a part header has no colon");
        };
        if !field.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        if name.is_some() {
            return Err("a part has two Content-Disposition headers");
        }
        let mut params = split_params(value);
        if !params
            .next()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("form-data"))
        {
            return Err("a part is not form-data");
        }
        for param in params {
            let (k, v) = param
                .split_once('=')
                .ok_or("a Content-Disposition parameter has no value")?;
            match k.trim().to_ascii_lowercase().as_str() {
                "name" if name.is_none() => name = Some(unquote(v.trim())),
                "name" => return Err("a part has two names"),
                "name*" => return Err("a part uses an extended `name*` parameter"),
                _ => {}
            }
        }
        if name.is_none() {
            return Err("a part has no name");
        }
    }
    name.ok_or("a part has no Content-Disposition header")
}

/// Splits `a; b="x;y"; c` at semicolons outside quotes.
fn split_params(s: &str) -> impl Iterator<Item = &str> {
    let mut in_quotes = false;
    let mut escaped = false;
    s.split(move |c| {
        if escaped {
            escaped = false;
            return false;
        }
        match c {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ';' => return !in_quotes,
            _ => {}
        }
        false
    })
}

fn unquote(v: &str) -> &str {
    v.strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str, boundary: &str) -> Result<Vec<(String, String)>, &'static str> {
        let mut out = Vec::new();
        parts(body.as_bytes(), boundary, |n, v| {
            out.push((n.to_owned(), String::from_utf8_lossy(v).into_owned()))
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
    fn parses_boundaries() {
        assert_eq!(boundary("multipart/form-data; boundary=abc"), Some("abc"));
        assert_eq!(
            boundary("Multipart/Form-Data; charset=x; boundary=\"a b\""),
            Some("a b")
        );
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }
}
