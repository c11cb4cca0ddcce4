//! Batch input files: every line of an uploaded batch file is a request the provider runs later.
//!
//! 1. Where an upload endpoint takes batch input (`POST /v1/files` with `purpose` `batch`) and the
//!    profile has a rule a line could break (zero data retention, a residency region, per-request
//!    residency, `deny` entries, or `on_unknown_endpoint = "deny"`), every line of every `file`
//!    part is evaluated as the request it describes, against the provider's host for the
//!    request's region, with the same rules. With per-request residency and no region, a batch
//!    may run on the global host or on a processing region's host, so every line is evaluated
//!    against each.
//! 2. The upload is denied if any line would be denied, if a line would be rewritten (a batch file
//!    cannot be: write `"store": false` in it), if a line is not one JSON object with one
//!    `method` (`POST`: batches run nothing else), one string `url` (a plain path on the
//!    provider: no `?`, `#`, backslash, space or control character, which runners may read
//!    differently) and one `body` object, if the `file` part has a transfer encoding, or if the
//!    file has more than [`MAX_BATCH_LINES`] lines (the largest batch a provider documents).
//! 3. An upload whose lines arrive in parts (`POST /v1/uploads` with `purpose` `batch`) cannot be
//!    read and is denied unless allowed. Under zero data retention, uploads stay denied.

use http::{HeaderMap, Method};
use url::Url;

use super::{Body, Change, Guard, Request};
use crate::catalog::Endpoint;
use crate::fields;
use crate::profile::OnUnknownEndpoint;
use crate::violation::{Violation, ViolationKind};

/// The most lines a batch input file may have for the guard to read it (the largest batch a provider documents:
/// requests per batch).
pub const MAX_BATCH_LINES: usize = 50_000;

impl Guard {
    /// Whether some line of a batch file could be denied under this profile.
    pub(super) fn batch_lines_matter(&self) -> bool {
        let p = &self.inner.profile;
        p.is_zdr()
            || p.region.is_some()
            || p.per_request_residency
            || !p.deny.is_empty()
            || p.on_unknown_endpoint == OnUnknownEndpoint::Deny
    }

    /// The hosts a batch uploaded under this profile may run on.
    fn batch_hosts(&self) -> Vec<&'static str> {
        let (p, catalog) = (&self.inner.profile, self.inner.catalog);
        let mut hosts = vec![
            p.region
                .and_then(|r| catalog.region_host(r))
                .unwrap_or(catalog.host()),
        ];
        if p.per_request_residency && p.region.is_none() {
            hosts.extend(
                catalog
                    .regions()
                    .iter()
                    .filter(|(r, _)| catalog.processes_in(*r))
                    .map(|&(_, h)| h),
            );
        }
        hosts
    }

    /// Rules 1 and 2 of the module docs for the `file` parts of an upload `req` to `e`.
    pub(super) fn check_batch_lines(
        &self,
        req: &Request<'_>,
        e: &'static Endpoint,
        files: &[&[u8]],
    ) -> Result<(), Violation> {
        let (method, path) = (req.method, req.url.path());
        let hosts = self.batch_hosts();
        let mut count = 0;
        for file in files {
            for (i, raw) in file.split(|&c| c == b'\n').enumerate() {
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                if raw.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                count += 1;
                let n = i + 1;
                if count > MAX_BATCH_LINES {
                    return Err(self.violation(
                        ViolationKind::UninspectableBody,
                        method,
                        path,
                        format!(
                            "the batch input file has more than {MAX_BATCH_LINES} requests, more \
                             than the guard reads"
                        ),
                        Some(&e.rule),
                        format!("split the batch into files of at most {MAX_BATCH_LINES} lines"),
                    ));
                }
                let bad_line = |why: String| {
                    Err(self.violation(
                        ViolationKind::MalformedBody,
                        method,
                        path,
                        format!("line {n} of the batch input file {why}"),
                        Some(&e.rule),
                        "give every line one JSON object with `\"method\": \"POST\"`, one `url` \
                         path (`/v1/…`) and one `body` object",
                    ))
                };
                let line = match fields::batch_line(raw) {
                    Ok(line) => line,
                    Err(err) => {
                        return bad_line(format!(
                            "is not a valid JSON object ({} at byte {})",
                            err.what, err.offset
                        ));
                    }
                };
                let (Some(m), Some(u), Some(body), false) =
                    (&line.method, &line.url, line.body, line.ambiguous)
                else {
                    return bad_line(
                        "lacks a `method`, `url` or `body`, repeats one, or gives one of the wrong \
                         type"
                            .to_owned(),
                    );
                };
                if m != "POST" {
                    return bad_line(
                        "has a `method` other than `POST`, which batches do not run".to_owned(),
                    );
                }
                let plain = u.starts_with('/')
                    && !u.starts_with("//")
                    && !u.contains(['?', '#', '\\'])
                    && !u.chars().any(|c| c.is_whitespace() || c.is_control());
                if !plain {
                    return bad_line(
                        "has a `url` that is not a plain path on the provider (`/v1/…`; no \
                         query, fragment, backslash or space)"
                            .to_owned(),
                    );
                }
                for host in &hosts {
                    let url = Url::parse(&format!("https://{host}{u}"))
                        .ok()
                        .filter(|url| crate::host::of(url) == *host);
                    let Some(url) = url else {
                        return bad_line(
                            "has a `url` that is not a path on the provider".to_owned(),
                        );
                    };
                    self.check_line(req, n, &url, body)?;
                }
            }
        }
        Ok(())
    }

    /// Line `n`, `POST url` with `body`, evaluated as the request it describes.
    fn check_line(
        &self,
        req: &Request<'_>,
        n: usize,
        url: &Url,
        body: &[u8],
    ) -> Result<(), Violation> {
        let headers = HeaderMap::new();
        let line = Request::new(&Method::POST, url, &headers, Body::Bytes(body));
        let target = format!("`POST {}{}`", crate::host::of(url), url.path());
        let deny = |kind, reason: String, rule, remedy: String| {
            Err(self.violation(kind, req.method, req.url.path(), reason, rule, remedy))
        };
        match self.decide(&line, self.classify(line.url)).into_result() {
            Err(v) => deny(
                v.kind(),
                format!(
                    "line {n} of the batch input file ({target}) would be denied: {}",
                    v.reason()
                ),
                v.rule(),
                v.remedy().to_owned(),
            ),
            Ok(allowed) if allowed.body.is_some() => deny(
                ViolationKind::StoreNotAllowed,
                format!(
                    "line {n} of the batch input file ({target}) would have its body rewritten \
                     ({}), and the guard cannot rewrite a file the provider runs later",
                    allowed
                        .changes
                        .iter()
                        .filter(|c| matches!(c, Change::StoreRewritten { .. } | Change::StoreAdded))
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                allowed.endpoint.map(|e| &e.rule),
                "write `\"store\": false` in every line's body".to_owned(),
            ),
            Ok(_) => Ok(()),
        }
    }
}
