//! The `check` report against golden files a reviewer reads: `tests/data/report/policy.toml`
//! rendered as Markdown (`check-report.md`), as a table (`check-report.txt`) and as JSON
//! (`check-report.json`), on a fixed date (`SOURCE_DATE_EPOCH`).
//!
//! A change to the report shows as a diff of these files. After an intended change, regenerate
//! them with `UPDATE_GOLDEN=1 cargo test --features cli --test check_report` and review the diff.

#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_retention-guard");
/// 2026-11-23, 12:00 UTC.
const DATE: &str = "1795435200";

fn check(format: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report");
    let out = Command::new(BIN)
        .args(["check", "--policy", "policy.toml", "--format", format])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", DATE)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/report")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the report at line {}:\n  golden: {:?}\n  report: {:?}\n\
             (after an intended change: UPDATE_GOLDEN=1 cargo test --features cli --test check_report)",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn the_markdown_report_matches_its_golden_file() {
    golden("check-report.md", &check("markdown"));
}

#[test]
fn the_table_report_matches_its_golden_file() {
    golden("check-report.txt", &check("table"));
}

#[test]
fn the_json_report_matches_its_golden_file() {
    golden("check-report.json", &check("json"));
}

/// What a reviewer relies on, asserted directly (the golden files could be regenerated wrong).
#[test]
fn every_format_states_version_digest_date_exceptions_and_limits() {
    let policy =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report/policy.toml"))
            .unwrap();
    let digest = sha256_hex(&policy);
    for format in ["table", "markdown", "json"] {
        let report = check(format);
        for needle in [
            env!("CARGO_PKG_VERSION"),
            "policy.toml",
            digest.as_str(),
            "2026-11-23",
            // Stated once per profile, not on every row.
            "api.eu.mistral.ai",
            // A deny row's reason and the rule's source and read date.
            "https://docs.mistral.ai",
            // The exception, the warning and the assumption.
            "POST /v1/batches",
            "/v1/imagse/**",
            "together.prompt_storage_disabled",
            // What the guard cannot enforce.
            "Structured-output schemas",
        ] {
            assert!(
                report.contains(needle),
                "{format}: no `{needle}`:\n{report}"
            );
        }
        assert_eq!(
            report.matches("api.eu.mistral.ai").count(),
            1,
            "{format}: the routing is stated once:\n{report}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&check("json")).unwrap();
    let together = &json["profiles"][1];
    let batches = together["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/v1/batches/**")
        .unwrap();
    assert_eq!(batches["decision"], "allow", "{batches}");
    // The exception names its key, its entry and the one rule it waives on the row.
    let exceptions = batches["exceptions"].as_array().unwrap();
    assert_eq!(exceptions.len(), 1, "{batches}");
    assert_eq!(exceptions[0]["key"], "allow", "{batches}");
    assert_eq!(exceptions[0]["entry"], "POST /v1/batches", "{batches}");
    assert_eq!(
        exceptions[0]["waives"]["kind"], "endpoint_not_eligible",
        "{batches}"
    );
    assert_eq!(
        exceptions[0]["waives"]["rule"], batches["rule"]["id"],
        "{batches}"
    );
    let files = together["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/v1/files/**")
        .unwrap();
    assert_eq!(files["decision"], "deny", "{files}");
    assert_eq!(files["exceptions"], serde_json::json!([]), "{files}");
    assert!(
        files["violation"]["rule"]["source"]["read"].is_string(),
        "{files}"
    );
    assert_eq!(together["warnings"].as_array().unwrap().len(), 1);
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
