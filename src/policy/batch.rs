//! Batch input files: every line of an uploaded batch file is a request the provider runs later.
//!
//! 1. Where an upload endpoint takes batch input (`POST /v1/files` with `purpose` `batch`) and the
//!    profile has a rule a line could break (zero data retention, a residency region, per-request
//!    residency, `deny` entries, or `on_unknown_endpoint = "deny"`), every line of every `file`
//!    part is evaluated as the request it describes, against the provider's host for the
//!    request's region, with the same rules.
//! 2. The upload is denied if any line would be denied, if a line would be rewritten (a batch file
//!    cannot be: write `"store": false` in it), if a line is not one JSON object with one string
//!    `method`, one string `url` (a path on the provider) and one `body` object, or if the file
//!    has more than [`MAX_BATCH_LINES`] lines (OpenAI's own limit per batch).
//! 3. Under zero data retention, uploads are denied before their lines are read, unless the
//!    profile allows them.

use http::{HeaderMap, Method};
use url::Url;

use super::{Body, Change, Guard, Request};
use crate::catalog::Endpoint;
use crate::fields;
use crate::profile::OnUnknownEndpoint;
use crate::violation::{Violation, ViolationKind};

/// The most lines a batch input file may have for the guard to read it (OpenAI's limit of
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

    /// Rule 2 of the module docs for the `file` parts of an upload `req` to `e`.
    pub(super) fn check_batch_lines(
        &self,
        req: &Request<'_>,
        e: &'static Endpoint,
        files: &[&[u8]],
    ) -> Result<(), Violation> {
        let (method, path) = (req.method, req.url.path());
        let deny = |kind, reason: String, rule, remedy: String| {
            Err(self.violation(kind, method, path, reason, rule, remedy))
        };
        let catalog = self.inner.catalog;
        let host = self
            .inner
            .profile
            .region
            .and_then(|r| catalog.region_host(r))
            .unwrap_or(catalog.host());
        let headers = HeaderMap::new();
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
                    return deny(
                        ViolationKind::UninspectableBody,
                        format!(
                            "the batch input file has more than {MAX_BATCH_LINES} requests, more \
                             than the guard reads"
                        ),
                        Some(&e.rule),
                        format!("split the batch into files of at most {MAX_BATCH_LINES} lines"),
                    );
                }
                let bad_line = |why: &str| {
                    deny(
                        ViolationKind::MalformedBody,
                        format!("line {n} of the batch input file {why}"),
                        Some(&e.rule),
                        "give every line one JSON object with one string `method`, one `url` path \
                         (`/v1/…`) and one `body` object"
                            .to_owned(),
                    )
                };
                let line = match fields::batch_line(raw) {
                    Ok(line) => line,
                    Err(err) => {
                        return bad_line(&format!(
                            "is not a valid JSON object ({} at byte {})",
                            err.what, err.offset
                        ));
                    }
                };
                let (Some(m), Some(u), Some(body), false) =
                    (&line.method, &line.url, line.body, line.ambiguous)
                else {
                    return bad_line(
                        "lacks a `method`, `url` or `body`, repeats one, or gives one of the wrong type",
                    );
                };
                let Ok(line_method) = Method::from_bytes(m.as_bytes()) else {
                    return bad_line("has a `method` that is not an HTTP method");
                };
                let on_provider =
                    u.starts_with('/') && !u.starts_with("//") && !u.starts_with("/\\");
                let url = Url::parse(&format!("https://{host}{u}"))
                    .ok()
                    .filter(|url| on_provider && crate::host::of(url) == host);
                let Some(url) = url else {
                    return bad_line("has a `url` that is not a path on the provider (`/v1/…`)");
                };
                let line_req = Request::new(&line_method, &url, &headers, Body::Bytes(body));
                let target = format!("`{line_method} {}`", url.path());
                match self.rules(&line_req) {
                    Err(v) => {
                        return deny(
                            v.kind(),
                            format!(
                                "line {n} of the batch input file ({target}) would be denied: {}",
                                v.reason()
                            ),
                            v.rule(),
                            v.remedy().to_owned(),
                        );
                    }
                    Ok(allowed) if allowed.body.is_some() => {
                        return deny(
                            ViolationKind::StoreNotAllowed,
                            format!(
                                "line {n} of the batch input file ({target}) would have its body \
                                 rewritten ({}), and the guard cannot rewrite a file the provider \
                                 runs later",
                                allowed
                                    .changes
                                    .iter()
                                    .filter(|c| {
                                        matches!(
                                            c,
                                            Change::StoreRewritten { .. } | Change::StoreAdded
                                        )
                                    })
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            allowed.endpoint.map(|e| &e.rule),
                            "write `\"store\": false` in every line's body".to_owned(),
                        );
                    }
                    Ok(_) => {}
                }
            }
        }
        Ok(())
    }
}
