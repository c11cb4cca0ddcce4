//! Rule 8, profile headers: the headers a profile's keys set (the catalog's capabilities name
//! them, `project` as `OpenAI-Project`) are added to every request; a request that carries
//! another value is denied ([`ProjectMismatch`](crate::violation::ViolationKind::ProjectMismatch),
//! [`OrganizationMismatch`](crate::violation::ViolationKind::OrganizationMismatch)).

use http::{HeaderName, HeaderValue};

use super::{Change, Guard, Request};
use crate::catalog::HeaderKey;
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// Rule 8: the profile headers to set; a request carrying another value is denied.
    pub(super) fn profile_headers(
        &self,
        req: &Request<'_>,
        changes: &mut Vec<Change>,
    ) -> Result<Vec<(HeaderName, HeaderValue)>, Violation> {
        let mut headers = Vec::new();
        for (key, name, want) in &self.inner.headers {
            let kind = match key {
                HeaderKey::Organization => ViolationKind::OrganizationMismatch,
                HeaderKey::Project => ViolationKind::ProjectMismatch,
            };
            let what = key.as_str();
            let mut present = req.headers.get_all(name).iter().peekable();
            if present.peek().is_none() {
                changes.push(Change::HeaderSet {
                    name: name.clone(),
                    value: want.clone(),
                });
                headers.push((name.clone(), want.clone()));
            } else if present.any(|v| v != want) {
                return Err(self.violation(
                    kind,
                    req.method,
                    req.url.path(),
                    format!(
                        "the request's `{name}` header differs from the profile's `{}`",
                        want.to_str().unwrap_or("…")
                    ),
                    None,
                    format!(
                        "remove the `{name}` header (the guard sets it), or use the profile of that {what}"
                    ),
                ));
            }
        }
        Ok(headers)
    }
}
