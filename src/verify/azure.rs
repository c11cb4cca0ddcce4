//! Azure OpenAI: the resource's `ContentLogging` capability, read through the management API
//! (`GET {management}/subscriptions/{sub}/resourceGroups/{group}/providers/
//! Microsoft.CognitiveServices/accounts/{resource}`). Microsoft's data-privacy page: "The value
//! of "false" for the "ContentLogging" attribute appears only if data storage for abuse
//! monitoring is turned off", which is what an approved modified abuse monitoring (and Azure's
//! zero data retention) means.
//!
//! - The resource is the first label of the profile's `base_url` on an Azure resource domain; a
//!   gateway `base_url` names no resource, so it cannot be verified.
//! - `ContentLogging` absent, or any value but `false`: abuse monitoring may store prompts.

use serde_json::Value;

use super::{Http, Report, Status};
use crate::profile::{Profile, Retention};

/// The Azure Resource Manager endpoint.
pub(super) const MANAGEMENT: &str = "https://management.azure.com";
/// The management API version read.
const API_VERSION: &str = "2024-10-01";

/// The Azure credentials `verify` uses.
pub(super) struct Arm<'a> {
    pub(super) base: &'a str,
    pub(super) token: &'a str,
    pub(super) subscription: &'a str,
    pub(super) group: &'a str,
}

/// The resource a `base_url` on an Azure resource domain names.
pub(super) fn resource_of(profile: &Profile) -> Option<String> {
    let url = profile.base_url()?;
    let host = crate::host::of(url);
    let catalog = crate::catalog::Catalog::of(profile.provider());
    catalog
        .is_resource_host(host)
        .then(|| host.split('.').next().unwrap_or("").to_ascii_lowercase())
}

/// Whether `s` may be put in a management URL path segment as it is.
pub(super) fn plain_segment(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'(' | b')'))
}

/// Reads the resource's capabilities and compares `ContentLogging` with the profile.
pub(super) async fn content_logging(
    http: &Http,
    arm: &Arm<'_>,
    resource: &str,
    profile: &Profile,
) -> Report {
    let url = format!(
        "{}/subscriptions/{}/resourceGroups/{}/providers/Microsoft.CognitiveServices/accounts/{resource}",
        arm.base.trim_end_matches('/'),
        arm.subscription,
        arm.group
    );
    let mut report = Report::new("management_api", url.clone());
    let name = format!("resource {resource} ContentLogging");
    let expected = if profile.retention() == Retention::Standard {
        "any"
    } else {
        "false"
    };
    let resp = http
        .send(
            http.get(format!("{url}?api-version={API_VERSION}"))
                .bearer_auth(arm.token),
        )
        .await;
    // Azure's error body is `{"error": {"code": "AuthorizationFailed", "message": …}}`.
    let account = match resp {
        Ok(resp) if resp.status().is_success() => http.success_json(resp).await,
        Ok(resp) => Err(http.status_failure(resp, arm.token).await),
        Err(e) => Err(e),
    };
    let account = match account {
        Ok(account) => account,
        Err(failure) => {
            report.failed(name, expected, "unknown", failure);
            return report;
        }
    };
    let logging = account["properties"]["capabilities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["name"] == "ContentLogging")
        .map(|c| match &c["value"] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        })
        .collect::<Vec<_>>();
    if let Some(location) = account["location"].as_str() {
        report.notes.push(format!(
            "the resource is in `{}`; compare it with the profile's region by hand",
            location.chars().take(40).collect::<String>()
        ));
    }
    let off = !logging.is_empty() && logging.iter().all(|v| v.eq_ignore_ascii_case("false"));
    let actual = match logging.as_slice() {
        [] => "absent (abuse-monitoring storage on)".to_owned(),
        values => values.join(", "),
    };
    let (status, detail) = match (profile.retention(), off) {
        (Retention::Standard, _) | (_, true) => (Status::Match, String::new()),
        (mode, false) => (
            Status::Mismatch,
            format!(
                "abuse monitoring may store prompts and completions, which `{mode}` rules out: \
                 modified abuse monitoring is not approved for this resource"
            ),
        ),
    };
    report.check(name, expected, actual, status, detail);
    report
}
