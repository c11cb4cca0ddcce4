//! Fireworks: the account's policy settings (`GET /v1/accounts/{account}/policySettings` on the
//! control plane), which say whether the Zero Data Retention policy is enforced for inference and
//! which serving region the account is held to. Any account member can read them.
//!
//! - An absent `zeroDataRetention` means the policy is off; an inference scope without an
//!   enforcement follows `defaultEnforced`.
//! - An absent `residency` (or `MULTI_REGION_UNSPECIFIED`) means serving is unrestricted.
//! - 404 means the account never saved settings: no policy.

use crate::profile::{Profile, Region, Retention};
use serde_json::Value;

use super::{Failure, Http, Report, Status, compare_mode};

/// The control plane's base for an inference base URL: `…/inference/v1` → `…/v1`.
pub(crate) fn control_plane(inference_base: &str) -> String {
    let base = inference_base.trim_end_matches('/');
    match base.strip_suffix("/inference/v1") {
        Some(root) => format!("{root}/v1"),
        None => base.to_owned(),
    }
}

/// Reads the policy settings of `account` and compares them with the profile; `Err` when the
/// settings could not be read (the caller falls back to the probe), with why.
pub(super) async fn policytings(
    http: &Http,
    control: &str,
    key: &str,
    account: &str,
    profile: &Profile,
) -> Result<Report, Failure> {
    let url = format!("{control}/accounts/{account}/policySettings");
    let resp = http.send(http.get(&url).bearer_auth(key)).await?;
    let settings = match resp.status() {
        reqwest::StatusCode::NOT_FOUND => Value::Null,
        s if s.is_success() => http.success_json(resp).await?,
        _ => return Err(http.status_failure(resp, key).await),
    };
    let mut report = Report::new("policytings", url);
    if settings.is_null() {
        report
            .notes
            .push("the account has never saved policy settings (HTTP 404): no policy".to_owned());
    }
    let zdr = &settings["zeroDataRetention"];
    let default_enforced = zdr["defaultEnforced"].as_bool().unwrap_or(false);
    let inference = match zdr["inference"]["enforcement"].as_str() {
        Some("ENFORCED") => true,
        Some("NOT_ENFORCED") => false,
        _ => default_enforced,
    };
    let actual = if inference {
        Retention::ZeroDataRetention
    } else {
        Retention::Standard
    };
    let (status, detail) = compare_mode(profile.retention(), Some(actual));
    report.check(
        "inference zero data retention",
        if profile.is_zdr() {
            "ENFORCED"
        } else {
            "not enforced"
        },
        if inference {
            "ENFORCED"
        } else {
            "not enforced"
        },
        status,
        detail,
    );
    let residency = settings["residency"]
        .as_str()
        .filter(|r| *r != "MULTI_REGION_UNSPECIFIED");
    let region = residency.map(|r| {
        if r == "US" || r.starts_with("US_") {
            Some(Region::Us)
        } else {
            None
        }
    });
    let (status, detail) = match (region, profile.region()) {
        (None, None) | (Some(Some(Region::Us)), Some(Region::Us)) => (Status::Match, ""),
        (Some(None), _) => (
            Status::Unverified,
            "a residency value this tool does not know",
        ),
        (None, Some(_)) => (
            Status::Mismatch,
            "the profile has a region, but the account's serving is unrestricted",
        ),
        _ => (
            Status::Mismatch,
            "the account is held to a region the profile does not name: requests to other hosts \
             are rejected",
        ),
    };
    report.check(
        "residency",
        profile.region().map_or("unrestricted", |r| r.as_str()),
        residency.unwrap_or("unrestricted"),
        status,
        detail,
    );
    Ok(report)
}
