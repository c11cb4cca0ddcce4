//! Host names as servers and resolvers read them, compared in one canonical form.
//!
//! 1. The `url` crate already lower-cases host names, maps full-width and ideographic full stops
//!    (`。`) to dots, decodes percent-escapes and drops the scheme's default port.
//! 2. A trailing dot (`api.openai.com.`, the DNS root) names the same host: [`canonical`]
//!    removes it, so `api.openai.com.` is the provider's host for every rule.
//! 3. A `Host` header is compared with the URL after the same canonicalisation, with the scheme's
//!    default port spelled or not ([`header_names`]).

use url::Url;

/// `host` without trailing dots.
pub(crate) fn canonical(host: &str) -> &str {
    let mut h = host.as_bytes();
    while let [rest @ .., b'.'] = h {
        h = rest;
    }
    &host[..h.len()]
}

/// The canonical host of `url`, or `""` if it has none.
pub(crate) fn of(url: &Url) -> &str {
    canonical(url.host_str().unwrap_or(""))
}

/// Whether a `Host` header value names the host and port `url` addresses.
pub(crate) fn header_names(value: &[u8], url: &Url) -> bool {
    let Ok(value) = std::str::from_utf8(value) else {
        return false;
    };
    let value = value.trim_matches([' ', '\t']);
    let (host, port) = match value.rsplit_once(':') {
        // `[::1]:443`, `host:443`; a bare IPv6 literal without a port has brackets around it.
        Some((h, p)) if !p.contains(']') => match p.parse::<u16>() {
            Ok(port) => (h, Some(port)),
            Err(_) => return false,
        },
        _ => (value, None),
    };
    let want_port = url.port_or_known_default();
    if port.is_some() && port != want_port {
        return false;
    }
    if port.is_none() && url.port().is_some() {
        return false;
    }
    canonical(host).eq_ignore_ascii_case(of(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_headers() {
        let url: Url = "https://api.openai.com/v1".parse().unwrap();
        for ok in [
            "api.openai.com",
            "API.openai.com.",
            "api.openai.com:443",
            " api.openai.com ",
        ] {
            assert!(header_names(ok.as_bytes(), &url), "{ok}");
        }
        for bad in [
            "api.openai.com:80",
            "evil.example",
            "api.openai.com:x",
            "api.openai.com@evil",
        ] {
            assert!(!header_names(bad.as_bytes(), &url), "{bad}");
        }
        let url: Url = "http://127.0.0.1:8080/v1".parse().unwrap();
        assert!(header_names(b"127.0.0.1:8080", &url));
        assert!(!header_names(b"127.0.0.1", &url));
    }
}
