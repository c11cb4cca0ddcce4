//! Every TOML and JSON sample in the project's Markdown documents is loaded or checked here, so
//! that a sample that drifts from the code fails CI (issue 23).
//!
//! - A TOML sample is loaded as it is: a profile (`Profile::from_toml_str`), or a policy when it
//!   has policy keys or `[[profile]]` tables (`Policy::from_toml_str`).
//! - A JSON sample is the output of a command, reproduced here on loopback and compared with it:
//!   the same keys in the same order at every level, and the same values, except where the
//!   sample abridges a string with `…` (the real one must start with what precedes it) or where
//!   the value depends on the machine (listed per sample).
//! - A sample no check claims fails the test that lists them.
//!
//! CHANGELOG.md is history: its samples describe past versions and are not checked.

use std::path::Path;

use retention_guard::{Policy, Profile};

#[cfg(feature = "cli")]
#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

/// The documents whose samples are checked.
const DOCS: [&str; 5] = [
    "README.md",
    "CATALOG.md",
    "MIGRATING.md",
    "BENCHMARKS.md",
    "SECURITY.md",
];

/// A fenced code block: the document, the line of its opening fence, its language and text.
struct Sample {
    doc: &'static str,
    line: usize,
    lang: String,
    text: String,
}

fn samples() -> Vec<Sample> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for doc in DOCS {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        let mut open: Option<(usize, String, String)> = None;
        for (i, line) in text.lines().enumerate() {
            let fence = line.trim_start().strip_prefix("```");
            match (&mut open, fence) {
                (None, Some(info)) => {
                    let lang = info.split([',', ' ']).next().unwrap_or("").to_owned();
                    open = Some((i + 1, lang, String::new()));
                }
                (Some(_), Some(_)) => {
                    let (line, lang, text) = open.take().unwrap();
                    out.push(Sample {
                        doc,
                        line,
                        lang,
                        text,
                    });
                }
                (Some((_, _, body)), None) => {
                    body.push_str(line);
                    body.push('\n');
                }
                (None, None) => {}
            }
        }
        assert!(open.is_none(), "{doc}: a code block is not closed");
    }
    out
}

fn of_lang(lang: &str) -> Vec<Sample> {
    samples().into_iter().filter(|s| s.lang == lang).collect()
}

#[test]
fn every_toml_sample_loads() {
    let toml = of_lang("toml");
    assert!(toml.len() >= 2, "the README's profile and policy samples");
    for s in toml {
        let is_policy = s.text.contains("[[profile]]")
            || s.text
                .lines()
                .any(|l| l.starts_with("mode ") || l.starts_with("on_unknown_host "));
        let loaded = if is_policy {
            Policy::from_toml_str(&s.text).map(drop)
        } else {
            Profile::from_toml_str(&s.text).map(drop)
        };
        if let Err(e) = loaded {
            panic!("{}:{}: the TOML sample does not load: {e}", s.doc, s.line);
        }
    }
}

/// Which check claims a JSON sample: `explain`'s output, or `verify --json`'s.
fn json_kind(text: &str) -> Option<&'static str> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let o = v.as_object()?;
    let has = |keys: &[&str]| keys.iter().all(|k| o.contains_key(*k));
    if has(&["decision", "enforced", "violation"]) {
        Some("explain")
    } else if has(&["result", "profiles"]) {
        Some("verify")
    } else {
        None
    }
}

#[test]
fn every_json_sample_is_valid_json_and_claimed_by_a_check() {
    for s in of_lang("json") {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&s.text) {
            panic!("{}:{}: not valid JSON: {e}", s.doc, s.line);
        }
        assert!(
            json_kind(&s.text).is_some(),
            "{}:{}: no test checks this JSON sample; add one to tests/readme_samples.rs",
            s.doc,
            s.line
        );
    }
}

#[cfg(feature = "cli")]
mod commands {
    //! The JSON samples, reproduced.

    use std::io::Write as _;
    use std::process::{Command, Stdio};

    use serde_json::Value;

    use super::{json_kind, mock_provider, of_lang};

    const BIN: &str = env!("CARGO_BIN_EXE_retention-guard");

    /// The profile the README's samples use.
    const ACME_EU: &str = "name = \"acme-eu-prod\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_123\"\n";

    fn sample(kind: &str) -> Value {
        let found: Vec<Value> = of_lang("json")
            .into_iter()
            .filter(|s| json_kind(&s.text) == Some(kind))
            .map(|s| serde_json::from_str(&s.text).unwrap())
            .collect();
        assert_eq!(found.len(), 1, "one `{kind}` JSON sample");
        found.into_iter().next().unwrap()
    }

    fn run(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Value {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for key in ["OPENAI_ADMIN_KEY", "OPENAI_API_KEY", "FIREWORKS_API_KEY"] {
            cmd.env_remove(key);
        }
        cmd.envs(env.iter().copied());
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let out = child.wait_with_output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// The sample against the real output: the same keys in the same order, the same values,
    /// except a string the sample abridges with `…` (a prefix) and the pointers in `varying`.
    fn compare(sample: &Value, real: &Value, at: &str, varying: &[&str]) {
        if varying.contains(&at) {
            return;
        }
        match (sample, real) {
            (Value::Object(s), Value::Object(r)) => {
                let (sk, rk): (Vec<&String>, Vec<&String>) =
                    (s.keys().collect(), r.keys().collect());
                assert_eq!(sk, rk, "{at}: the sample's keys differ from the output's");
                for (k, v) in s {
                    compare(v, &r[k], &format!("{at}/{k}"), varying);
                }
            }
            (Value::Array(s), Value::Array(r)) => {
                assert_eq!(s.len(), r.len(), "{at}: {sample} vs {real}");
                for (i, (a, b)) in s.iter().zip(r).enumerate() {
                    compare(a, b, &format!("{at}/{i}"), varying);
                }
            }
            (Value::String(s), Value::String(r)) if s.contains('…') => {
                let head = s.split('…').next().unwrap();
                assert!(
                    r.starts_with(head),
                    "{at}: the sample says `{s}`, the output `{r}`"
                );
            }
            _ => assert_eq!(sample, real, "{at}"),
        }
    }

    fn profile_file(text: &str) -> tempfile::TempPath {
        let mut f = tempfile::Builder::new()
            .prefix("acme-eu")
            .suffix(".toml")
            .tempfile()
            .unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f.into_temp_path()
    }

    #[test]
    fn the_explain_sample_is_explains_output() {
        let profile = profile_file(ACME_EU);
        let real = run(
            &[
                "explain",
                "--profile",
                profile.to_str().unwrap(),
                "--url",
                "https://api.openai.com/v1/responses",
                "--body",
                "-",
            ],
            &[],
            br#"{"model":"gpt-4.1-mini","input":"hi"}"#,
        );
        compare(&sample("explain"), &real, "", &[]);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_verify_sample_is_verifys_output() {
        let mock = mock_provider::MockProvider::http().await;
        let retention =
            |object: &str, t: &str| serde_json::json!({"object": object, "type": t}).to_string();
        mock.push_response(
            200,
            &[],
            &retention("organization.data_retention", "zero_data_retention"),
        );
        mock.push_response(
            200,
            &[],
            &retention("project.data_retention", "modified_abuse_monitoring"),
        );
        mock.push_response(
            200,
            &[],
            &serde_json::json!({"id": "proj_123", "object": "organization.project", "created_at": 0, "residency": "EU_STORAGE_PROCESSING"}).to_string(),
        );
        let profile = profile_file(ACME_EU);
        let base = mock.url("/v1");
        let path = profile.to_str().unwrap().to_owned();
        let real = tokio::task::spawn_blocking(move || {
            run(
                &["verify", "--profile", &path, "--base-url", &base, "--json"],
                &[("OPENAI_ADMIN_KEY", "sk-admin-sample")],
                b"",
            )
        })
        .await
        .unwrap();
        // The endpoint is the loopback mock here, the provider's host in the sample.
        compare(&sample("verify"), &real, "", &["/profiles/0/endpoint"]);
    }
}

/// Every violation code has a row in README's table of codes.
#[test]
fn every_violation_code_is_in_the_readme() {
    let readme = include_str!("../README.md");
    for kind in retention_guard::ViolationKind::ALL {
        let code = kind.code();
        assert!(
            readme.contains(&format!("| `{code}` |")),
            "README.md has no row for the violation code `{code}`"
        );
    }
}

/// The README's abridged `check` table is the golden report's (`tests/data/report`), line for
/// line: every line it shows, but the `…` that stands for the rows left out, is a line of it.
#[test]
fn the_readme_check_table_is_the_golden_reports() {
    let golden = include_str!("data/report/check-report.txt");
    let golden: Vec<&str> = golden.lines().map(str::trim_end).collect();
    let sample = samples()
        .into_iter()
        .find(|s| {
            s.lang == "text"
                && s.text.starts_with("retention-guard ")
                && s.text.contains(" check report\n")
        })
        .expect("the README's check table");
    for line in sample.text.lines().map(str::trim_end) {
        if line.is_empty() || line == "…" {
            continue;
        }
        assert!(
            golden.contains(&line),
            "{}:{}: a line of the check sample is not in the golden report: {line}",
            sample.doc,
            sample.line
        );
    }
}
