//! Why verification could not start: [`VerifyError`].
//!
//! Credentials go only where they stay private: a `base_url` must be `https`, or plain `http` to
//! a loopback address (`127.0.0.0/8`, `::1`, `localhost`: a local mock or a tunnel), which is
//! then reached directly, never through a proxy the environment names. Anything else is refused
//! before a connection is opened, whatever the keys.

use std::net::IpAddr;

use url::{Host, Url};

/// What kind of [`VerifyError`] it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyErrorKind {
    /// The HTTP client could not be built.
    Client,
    /// [`VerifyOptions::base_url`](super::VerifyOptions::base_url) is not an absolute `http` or
    /// `https` URL with a host.
    InvalidBaseUrl,
    /// [`VerifyOptions::base_url`](super::VerifyOptions::base_url) is plain `http` to a host that
    /// is not loopback: the credentials would cross the network in clear.
    InsecureBaseUrl,
}

impl VerifyErrorKind {
    /// A stable code: `client`, `invalid_base_url`, `insecure_base_url`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::InvalidBaseUrl => "invalid_base_url",
            Self::InsecureBaseUrl => "insecure_base_url",
        }
    }
}

/// Verification could not start; nothing was sent.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    /// The base URL is not an absolute `http` or `https` URL with a host.
    #[error("invalid base URL `{url}`: {why}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        why: String,
    },
    /// The base URL is plain `http` to a host that is not loopback.
    #[error(
        "refusing to send credentials over plain HTTP to `{host}`: use an `https` URL (plain \
         `http` is accepted only for a loopback address: 127.0.0.1, ::1 or localhost)"
    )]
    InsecureBaseUrl {
        /// The host the credentials would have gone to.
        host: String,
    },
}

impl VerifyError {
    /// What kind of error it is.
    pub fn kind(&self) -> VerifyErrorKind {
        match self {
            Self::Client(_) => VerifyErrorKind::Client,
            Self::InvalidBaseUrl { .. } => VerifyErrorKind::InvalidBaseUrl,
            Self::InsecureBaseUrl { .. } => VerifyErrorKind::InsecureBaseUrl,
        }
    }
}

/// Checks a base URL credentials will be sent to: `https`, or `http` to a loopback host. `true`
/// for the latter, which must be reached directly (not through a proxy).
pub(super) fn check_base_url(text: &str) -> Result<bool, VerifyError> {
    let invalid = |why: &str| VerifyError::InvalidBaseUrl {
        url: text.to_owned(),
        why: why.to_owned(),
    };
    let url = Url::parse(text).map_err(|e| invalid(&format!("not an absolute URL ({e})")))?;
    let host = url.host().ok_or_else(|| invalid("it has no host"))?;
    match url.scheme() {
        "https" => Ok(false),
        "http" if is_loopback(&host) => Ok(true),
        "http" => Err(VerifyError::InsecureBaseUrl {
            host: host.to_string(),
        }),
        other => Err(invalid(&format!(
            "the scheme is `{other}`, not `https` (or `http` to a loopback address)"
        ))),
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
        Host::Domain(name) => name.trim_end_matches('.').eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_loopback_http_carries_credentials() {
        for ok in [
            "https://api.openai.com/v1",
            "https://10.0.0.5:8443/v1",
            "http://127.0.0.1:8080/v1",
            "http://127.8.9.10/v1",
            "http://[::1]:9000/v1",
            "http://localhost:3000/v1",
            "http://LOCALHOST./v1",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for (insecure, host) in [
            ("http://api.openai.com/v1", "api.openai.com"),
            ("http://10.0.0.5/v1", "10.0.0.5"),
            ("http://localhost.evil.example/v1", "localhost.evil.example"),
            ("http://0.0.0.0/v1", "0.0.0.0"),
            ("http://[::ffff:7f00:1]/v1", "[::ffff:7f00:1]"),
        ] {
            let err = check_base_url(insecure).unwrap_err();
            assert_eq!(err.kind(), VerifyErrorKind::InsecureBaseUrl, "{insecure}");
            assert!(err.to_string().contains(host), "{err}");
        }
        for invalid in [
            "api.openai.com/v1",
            "ftp://api.openai.com/v1",
            "file:///etc/passwd",
        ] {
            assert_eq!(
                check_base_url(invalid).unwrap_err().kind(),
                VerifyErrorKind::InvalidBaseUrl,
                "{invalid}"
            );
        }
    }
}
