//! Loading profiles: the TOML contract, the environment, and load-time errors that quote the input.

use retention_guard::profile::Origin;
use retention_guard::{
    OnStore, OnUnknownEndpoint, Policy, Profile, ProfileError, Provider, Region, Retention,
};

const FULL: &str = r#"
name = "acme-eu-prod"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
organization = "org-123"
project = "proj_123"
base_url = "https://gateway.internal/v1"
on_store = "rewrite"
on_unknown_endpoint = "deny"
allow = ["POST /openai/v1/batches"]
deny = ["POST /v1/images/generations"]
"#;

#[test]
fn every_documented_key_works_as_written() {
    let p = Profile::from_toml_str(FULL).unwrap();
    assert_eq!(p.name(), "acme-eu-prod");
    assert_eq!(p.provider(), Provider::OpenAi);
    assert_eq!(p.retention(), Retention::ZeroDataRetention);
    assert_eq!(p.region(), Some(Region::Eu));
    assert_eq!(p.organization(), Some("org-123"));
    assert_eq!(p.project(), Some("proj_123"));
    assert_eq!(
        p.base_url().map(|u| u.as_str()),
        Some("https://gateway.internal/v1")
    );
    assert_eq!(p.on_store(), OnStore::Rewrite);
    assert_eq!(p.on_unknown_endpoint(), OnUnknownEndpoint::Deny);
    assert_eq!(p.allow()[0].as_str(), "POST /openai/v1/batches");
    assert_eq!(p.deny()[0].as_str(), "POST /v1/images/generations");
}

#[test]
fn defaults_depend_on_the_mode() {
    let zdr =
        Profile::from_toml_str("provider = \"groq\"\nretention = \"zero_data_retention\"").unwrap();
    assert_eq!(zdr.on_unknown_endpoint(), OnUnknownEndpoint::Deny);
    assert_eq!(zdr.on_store(), OnStore::Rewrite);
    assert_eq!(zdr.name(), "groq/zero_data_retention");
    let std = Profile::from_toml_str("provider = \"fireworks\"\nretention = \"standard\"").unwrap();
    assert_eq!(std.on_unknown_endpoint(), OnUnknownEndpoint::FailOpen);
}

#[test]
fn all_regions_parse() {
    let openai = retention_guard::Catalog::of(retention_guard::Provider::OpenAi);
    for &r in Region::ALL {
        let p = Profile::from_toml_str(&format!(
            "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"{r}\""
        ))
        .unwrap();
        assert_eq!(p.region(), Some(r));
        assert_eq!(openai.region_host(r), Some(&*format!("{r}.api.openai.com")));
    }
}

fn err(toml: &str) -> String {
    Profile::from_toml_str(toml)
        .expect_err("must be rejected")
        .to_string()
}

#[test]
fn load_time_errors_quote_the_offending_input() {
    let base = "provider = \"openai\"\nretention = \"zero_data_retention\"\n";
    let cases: &[(&str, &[&str])] = &[
        (
            "provider = \"openai\"\nretention = \"zdr\"",
            &["zdr", "zero_data_retention"],
        ),
        (
            "provider = \"cohere\"\nretention = \"standard\"",
            &["cohere"],
        ),
        (&format!("{base}regoin = \"eu\""), &["regoin"]),
        (&format!("{base}region = \"mars\""), &["mars"]),
        (&format!("{base}on_store = \"ignore\""), &["ignore"]),
        (
            "provider = \"openai\"\nretention = \"standard\"\nregion = \"eu\"",
            &["region", "eu", "modified_abuse_monitoring"],
        ),
        (
            "provider = \"groq\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
            &["region", "eu", "United States"],
        ),
        (
            "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
            &["region", "eu", "us"],
        ),
        (
            "provider = \"groq\"\nretention = \"standard\"\nper_request_residency = true",
            &["per_request_residency", "groq"],
        ),
        (
            &format!("{base}per_request_residency = true\nregion = \"jp\""),
            &["region", "jp", "in-region"],
        ),
        (
            &format!(
                "{base}base_url = \"https://jp.api.openai.com/v1\"\nper_request_residency = true"
            ),
            &["base_url", "jp", "processes none"],
        ),
        (
            &format!("{base}base_url = \"https://eu.api.openai.com/v1\""),
            &["base_url", "per_request_residency"],
        ),
        (
            &format!(
                "{base}per_request_residency = true\nregion = \"eu\"\nbase_url = \"https://us.api.openai.com/v1\""
            ),
            &["base_url", "region `us`", "`eu`"],
        ),
        (
            &format!("{base}allow_tools = [\"MCP\"]"),
            &["allow_tools", "MCP"],
        ),
        (
            "provider = \"groq\"\nretention = \"zero_data_retention\"\nallow_tools = [\"delegate\"]",
            &["allow_tools", "groq"],
        ),
        (
            &format!("{base}allow_models = [\" gpt-image-3\"]"),
            &["allow_models", "gpt-image-3"],
        ),
        (
            &format!("{base}account = \"acme\""),
            &["account", "acme", "Fireworks"],
        ),
        (
            "provider = \"together\"\nretention = \"zero_data_retention\"",
            &["confirm", "together.prompt_storage_disabled", "Privacy"],
        ),
        (
            "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\"]",
            &["confirm", "gemini.zdr_approved", "approved"],
        ),
        (
            "provider = \"mistral\"\nretention = \"standard\"\nregion = \"jp\"",
            &["region", "jp", "eu, us"],
        ),
        (
            "provider = \"anthropic\"\nretention = \"standard\"\nconfirm = [\"Bad Name\"]",
            &["confirm", "Bad Name"],
        ),
        (
            &format!("{base}attest = \"enforce\""),
            &["attest", "enforce", "openai"],
        ),
        (
            "provider = \"fireworks\"\nretention = \"standard\"\naccount = \"acme/x\"",
            &["account", "acme/x"],
        ),
        (
            "provider = \"groq\"\nretention = \"standard\"\nproject = \"proj_1\"",
            &["project", "proj_1", "groq"],
        ),
        (
            &format!("{base}project = \"prój_1\""),
            &["project", "prój_1"],
        ),
        (
            &format!("{base}base_url = \"ftp://x/v1\""),
            &["base_url", "ftp://x/v1"],
        ),
        (
            &format!("{base}base_url = \"https://user:pw@x/v1\""),
            &["base_url", "credentials"],
        ),
        (
            &format!("{base}base_url = \"https://x/v1?key=1\""),
            &["base_url", "query"],
        ),
        (
            &format!("{base}base_url = \"not a url\""),
            &["base_url", "not a url"],
        ),
        (
            &format!("{base}allow = [\"post /v1/batches\"]"),
            &["allow", "post /v1/batches"],
        ),
        (
            &format!("{base}allow = [\"POST v1/batches\"]"),
            &["allow", "POST v1/batches"],
        ),
        (
            &format!("{base}deny = [\"/v1/%61ssistants\"]"),
            &["deny", "%61ssistants"],
        ),
        (
            &format!("{base}deny = [\"/v1//x\"]"),
            &["deny", "empty segment"],
        ),
        (&format!("{base}deny = [\"/v1/**/x\"]"), &["deny", "**"]),
        (&format!("{base}name = \"\""), &["name"]),
        // A base_url on a provider host must agree with `region`, in any spelling.
        (
            &format!("{base}region = \"eu\"\nbase_url = \"https://api.openai.com/v1\""),
            &["base_url", "global host", "eu.api.openai.com"],
        ),
        (
            &format!("{base}region = \"eu\"\nbase_url = \"https://jp.api.openai.com./v1\""),
            &["base_url", "region `jp`", "`eu`"],
        ),
        (
            &format!("{base}base_url = \"https://eu.api.openai.com/v1\""),
            &["base_url", "region `eu`", "no `region`"],
        ),
        (
            &format!("{base}base_url = \"http://api.openai.com/v1\""),
            &["base_url", "https"],
        ),
        (
            &format!("{base}base_url = \"https://API.openai.com.:8443/v1\""),
            &["base_url", "default port"],
        ),
        (
            &format!("{base}base_url = \"https://xx.api.openai.com/v1\""),
            &["base_url", "does not know"],
        ),
        (
            &format!("{base}base_url = \"https://api.openai.com/openai/v1\""),
            &["base_url", "`/v1`"],
        ),
        (
            "provider = \"groq\"\nretention = \"standard\"\nbase_url = \"http://api.groq.com/openai/v1\"",
            &["base_url", "https"],
        ),
        // The fail-open setting's 0.2 name says what it was renamed to.
        (
            "provider = \"openai\"\nretention = \"standard\"\non_unknown_endpoint = \"allow\"",
            &["on_unknown_endpoint", "fail_open", "unchecked"],
        ),
        ("retention = \"standard\"", &["provider"]),
        ("provider = \"openai\"", &["retention"]),
        ("provider = \"openai\"\nretention = ", &["retention"]),
    ];
    for (toml, needles) in cases {
        let msg = err(toml);
        for needle in *needles {
            assert!(
                msg.contains(needle),
                "error for {toml:?} does not quote `{needle}`: {msg}"
            );
        }
    }
}

#[test]
fn builder_validates_like_the_loader() {
    let e = Profile::builder(Provider::OpenAi, Retention::Standard)
        .region(Region::Jp)
        .build()
        .unwrap_err();
    assert!(
        matches!(e, ProfileError::Invalid { key: "region", .. }),
        "{e}"
    );
    let p = Profile::builder(Provider::OpenAi, Retention::ZeroDataRetention)
        .name("built")
        .region(Region::Jp)
        .project("proj_1")
        .allow("POST /v1/batches")
        .build()
        .unwrap();
    assert_eq!(p.region(), Some(Region::Jp));
}

#[test]
fn file_and_environment_loading() {
    let dir = std::env::temp_dir().join(format!("retention-guard-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("profile.toml");
    std::fs::write(&file, FULL).unwrap();
    assert_eq!(
        Profile::from_toml_file(&file).unwrap().name(),
        "acme-eu-prod"
    );

    let missing = Profile::from_toml_file(dir.join("nope.toml")).unwrap_err();
    assert!(
        matches!(missing, ProfileError::Io { .. }) && missing.to_string().contains("nope.toml")
    );

    let file_str = file.to_string_lossy().into_owned();
    let env = |vars: &'static [(&'static str, &'static str)], file: Option<String>| {
        let mut all: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        all.extend(file.map(|f| ("RETENTION_GUARD_PROFILE".to_owned(), f)));
        // Variables of other programs are ignored.
        all.push(("PATH".to_owned(), "/usr/bin".to_owned()));
        all
    };
    // The file, with overrides; an empty override removes a key.
    let p = Profile::from_vars(env(
        &[
            ("RETENTION_GUARD_PROJECT", "proj_override"),
            ("RETENTION_GUARD_BASE_URL", ""),
        ],
        Some(file_str.clone()),
    ))
    .unwrap();
    assert_eq!(p.project(), Some("proj_override"));
    assert_eq!(p.base_url(), None);
    assert_eq!(p.region(), Some(Region::Eu));
    // Overrides alone.
    let p = Profile::from_vars(env(
        &[
            ("RETENTION_GUARD_PROVIDER", "groq"),
            ("RETENTION_GUARD_RETENTION", "zero_data_retention"),
        ],
        None,
    ))
    .unwrap();
    assert_eq!(p.provider(), Provider::Groq);
    // Overrides are validated like the file; the error names the file's line (the region the
    // retention override contradicts is on line 5).
    let e = Profile::from_vars(env(
        &[("RETENTION_GUARD_RETENTION", "standard")],
        Some(file_str.clone()),
    ))
    .unwrap_err();
    assert_eq!(e.key(), Some("region"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("`{file_str}`, line 5, column 10: ")),
        "{e}"
    );
    // A value from a variable names the variable, and the value it meant.
    let e = Profile::from_vars(env(
        &[
            ("RETENTION_GUARD_PROVIDER", "openai"),
            ("RETENTION_GUARD_RETENTION", "zero_data_retention"),
            ("RETENTION_GUARD_REGION", "EU"),
        ],
        None,
    ))
    .unwrap_err();
    assert_eq!(
        e.origin(),
        Some(&Origin::Env("RETENTION_GUARD_REGION".to_owned()))
    );
    assert!(
        e.to_string().starts_with(
            "environment variable `RETENTION_GUARD_REGION`: invalid retention profile: `region` = `EU`"
        ) && e.to_string().ends_with("did you mean `eu`?"),
        "{e}"
    );
    let e = Profile::from_vars(env(&[("RETENTION_GUARD_REGION", "moon")], None)).unwrap_err();
    assert!(e.to_string().contains("moon"), "{e}");
    // A missing key names the variable that would set it.
    let e = Profile::from_vars(env(&[("RETENTION_GUARD_PROVIDER", "groq")], None)).unwrap_err();
    assert_eq!(e.kind(), "missing");
    assert!(
        e.to_string()
            .starts_with("environment variable `RETENTION_GUARD_RETENTION`: "),
        "{e}"
    );
    // A misspelt variable is an error, not silently ignored.
    let e = Profile::from_vars(env(
        &[
            ("RETENTION_GUARD_PROVIDER", "groq"),
            ("RETENTION_GUARD_RETENTION", "zero_data_retention"),
            ("RETENTION_GUARD_REGOIN", "us"),
        ],
        None,
    ))
    .unwrap_err();
    assert!(
        matches!(
            &e,
            ProfileError::UnknownVariable { name, suggestion: Some("RETENTION_GUARD_REGION") }
                if name == "RETENTION_GUARD_REGOIN"
        ),
        "{e}"
    );
    // Nothing set at all says what to set.
    let e = Profile::from_vars(env(&[], None)).unwrap_err();
    assert!(matches!(e, ProfileError::NotInEnvironment), "{e}");
    assert!(
        e.to_string().contains("RETENTION_GUARD_PROFILE")
            && e.to_string().contains("RETENTION_GUARD_PROVIDER"),
        "{e}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_base_url_on_the_provider_host_of_the_profile_region_is_valid() {
    for toml in [
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nbase_url = \"https://eu.api.openai.com/v1\"",
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"https://api.openai.com./v1/\"",
        "provider = \"groq\"\nretention = \"zero_data_retention\"\nbase_url = \"https://api.groq.com/openai/v1\"",
    ] {
        Profile::from_toml_str(toml).unwrap_or_else(|e| panic!("{toml}: {e}"));
    }
}

#[test]
fn the_november_2026_keys_load() {
    let p = Profile::from_toml_str(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nbase_url = \"https://eu.api.openai.com/v1\"\nallow_tools = [\"mcp\", \"code\"]\nallow_models = [\"gpt-image-3\"]",
    )
    .unwrap();
    assert!(p.per_request_residency());
    assert_eq!(p.region(), None);
    assert_eq!(p.allow_tools(), ["mcp", "code"]);
    assert_eq!(p.allow_models(), ["gpt-image-3"]);
    let p = Profile::from_toml_str(
        "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"us\"\naccount = \"acme-inc\"",
    )
    .unwrap();
    assert_eq!(p.region(), Some(Region::Us));
    assert_eq!(p.account(), Some("acme-inc"));
    let p = Profile::from_vars([
        ("RETENTION_GUARD_PROVIDER", "openai"),
        ("RETENTION_GUARD_RETENTION", "zero_data_retention"),
        ("RETENTION_GUARD_PER_REQUEST_RESIDENCY", "true"),
        ("RETENTION_GUARD_REGION", "eu"),
    ])
    .unwrap();
    assert!(p.per_request_residency());
    let e = Profile::from_vars([
        ("RETENTION_GUARD_PROVIDER", "openai"),
        ("RETENTION_GUARD_RETENTION", "standard"),
        ("RETENTION_GUARD_PER_REQUEST_RESIDENCY", "yes"),
    ])
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("RETENTION_GUARD_PER_REQUEST_RESIDENCY"),
        "{e}"
    );
}

#[test]
fn azure_openai_needs_one_resource_and_valid_deployments() {
    let load = |extra: &str| {
        Profile::from_toml_str(&format!(
            "provider = \"azure_openai\"\nretention = \"zero_data_retention\"\nconfirm = [\"azure_openai.modified_abuse_monitoring_approved\"]\n{extra}"
        ))
    };
    let err = load("").unwrap_err().to_string();
    assert!(
        err.contains("base_url") && err.contains("per resource"),
        "{err}"
    );
    for bad in [
        "base_url = \"http://contoso.openai.azure.com/openai/v1\"",
        "base_url = \"https://contoso.openai.azure.com:8443/openai/v1\"",
        "base_url = \"https://a.contoso.openai.azure.com/openai/v1\"",
        "base_url = \"https://openai.azure.com/openai/v1\"",
    ] {
        let err = load(bad).unwrap_err().to_string();
        assert!(err.contains("base_url"), "{bad}: {err}");
    }
    for good in [
        "base_url = \"https://contoso.openai.azure.com/openai/v1\"",
        "base_url = \"https://CONTOSO.openai.azure.com.\"",
        "base_url = \"https://contoso.services.ai.azure.com/openai/v1\"",
        "base_url = \"https://contoso.cognitiveservices.azure.com/openai\"",
        "base_url = \"https://apim.example.com/llm/openai/v1\"",
    ] {
        load(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
    let base = "base_url = \"https://contoso.openai.azure.com/openai/v1\"";
    // A region without routing: any geography, under any retention.
    let p = Profile::from_toml_str(&format!(
        "provider = \"azure_openai\"\nretention = \"standard\"\nregion = \"jp\"\n{base}\ndeployments = {{ \"gpt4o-jp\" = \"regional\" }}"
    ))
    .unwrap();
    assert_eq!(
        p.deployments().get("gpt4o-jp"),
        Some(&retention_guard::DeploymentZone::Regional)
    );
    let err = load(&format!("{base}\ndeployments = {{ \"a/b\" = \"global\" }}"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("deployment name"), "{err}");
    let err = load(&format!(
        "{base}\ndeployments = {{ \"a\" = \"datazone-eu\" }}"
    ))
    .unwrap_err()
    .to_string();
    assert!(err.contains("datazone-eu"), "{err}");
    let err = Profile::from_toml_str(
        "provider = \"openai\"\nretention = \"standard\"\ndeployments = { \"a\" = \"global\" }",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Azure"), "{err}");
}

#[test]
fn openrouter_zdr_confirms_its_logging_setting() {
    let err =
        Profile::from_toml_str("provider = \"openrouter\"\nretention = \"zero_data_retention\"")
            .unwrap_err()
            .to_string();
    assert!(err.contains("openrouter.logging_disabled"), "{err}");
    Profile::from_toml_str(
        "provider = \"openrouter\"\nretention = \"zero_data_retention\"\nconfirm = [\"openrouter.logging_disabled\"]\nallow_tools = [\"web\"]\nregion = \"eu\"",
    )
    .unwrap();
    let err = Profile::from_toml_str(
        "provider = \"openrouter\"\nretention = \"standard\"\nregion = \"jp\"",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("eu, us") || err.contains("us, eu"), "{err}");
}

#[test]
fn settings_that_would_do_nothing_or_belong_elsewhere_are_load_errors() {
    // Stripping stored items is a ZDR rule's alternative; elsewhere nothing is refused.
    for retention in ["standard", "modified_abuse_monitoring"] {
        let err = Profile::from_toml_str(&format!(
            "provider = \"openai\"\nretention = \"{retention}\"\non_stored_items = \"strip\""
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("would do nothing"), "{err}");
    }
    let p = Profile::from_toml_str(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"",
    )
    .unwrap();
    assert_eq!(
        p.on_stored_items(),
        retention_guard::profile::OnStoredItems::Strip
    );
    let err = Profile::from_toml_str(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\non_stored_items = \"remove\"",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("strip"), "names the valid values: {err}");
    // Azure's modified abuse monitoring is a setting no request shows, under MAM and ZDR alike.
    let err = Profile::from_toml_str(
        "provider = \"azure_openai\"\nretention = \"modified_abuse_monitoring\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("azure_openai.modified_abuse_monitoring_approved"),
        "{err}"
    );
    assert!(err.contains("(none)"), "{err}");
    Profile::from_toml_str(
        "provider = \"azure_openai\"\nretention = \"standard\"\nbase_url = \"https://contoso.openai.azure.com/openai/v1\"",
    )
    .unwrap();
    let err = Profile::from_toml_str(
        "provider = \"groq\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disabled\"]",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("another provider"), "{err}");
    Profile::from_toml_str(
        "provider = \"groq\"\nretention = \"zero_data_retention\"\nconfirm = [\"acme.dpa_signed\"]",
    )
    .unwrap();
    let err = Profile::from_toml_str(
        "provider = \"xai\"\nretention = \"standard\"\nattest = \"enforce\"",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("zero_data_retention"), "{err}");
}

/// Where an error is: `(line, column)` of its innermost origin in TOML text.
fn position(e: &ProfileError) -> (usize, usize) {
    match e.origin() {
        Some(Origin::Toml { line, column, .. }) => (*line, *column),
        other => panic!("no TOML position ({other:?}): {e}"),
    }
}

#[test]
fn every_load_error_names_its_line_and_column() {
    // (profile, line, column, the error's key, a phrase of the message)
    let cases: &[(&str, usize, usize, &str, &str)] = &[
        // Semantic errors point at the value.
        (
            "provider = \"groq\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
            3,
            10,
            "region",
            "groq has no residency regions",
        ),
        (
            "provider = \"openai\"\nretention = \"standard\"\n  project = \"proj 1\"",
            3,
            13,
            "project",
            "visible ASCII",
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"\ndeny = [\"POST /v1/files/*\"]",
            3,
            8,
            "deny",
            "write `{id}`",
        ),
        // A missing key points at the table it is missing from.
        (
            "retention = \"zero_data_retention\"\nregion = \"eu\"",
            1,
            1,
            "provider",
            "is required",
        ),
        // Unknown keys and values point at themselves and name what was meant.
        (
            "provider = \"openai\"\nretension = \"zero_data_retention\"",
            2,
            1,
            "retension",
            "did you mean `retention`?",
        ),
        (
            "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"EU\"",
            3,
            10,
            "region",
            "did you mean `eu`?",
        ),
        (
            "provider = \"openia\"\nretention = \"zero_data_retention\"",
            1,
            12,
            "provider",
            "did you mean `openai`?",
        ),
        (
            "provider = \"azure_openai\"\nretention = \"standard\"\nbase_url = \"https://c.openai.azure.com\"\ndeployments = { a = \"regional\", b = \"data_zone_EU\" }",
            4,
            37,
            "deployments",
            "did you mean `data_zone_eu`?",
        ),
    ];
    for (toml, line, column, key, phrase) in cases {
        let e = Profile::from_toml_str(toml).unwrap_err();
        assert_eq!(position(&e), (*line, *column), "{toml:?}: {e}");
        assert_eq!(e.key(), Some(*key), "{toml:?}: {e}");
        assert!(e.to_string().contains(phrase), "{toml:?}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("line {line}, column {column}: ")),
            "{e}"
        );
    }
    // A type error names its position too.
    let e = Profile::from_toml_str(
        "provider = \"openai\"\nretention = \"standard\"\nallow = \"POST /v1/files\"",
    )
    .unwrap_err();
    assert_eq!((e.kind(), position(&e)), ("parse", (3, 9)), "{e}");
}

#[test]
fn policy_errors_name_the_file_the_profile_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.toml");
    let write = |text: &str| std::fs::write(&file, text).unwrap();
    let shown = file.display().to_string();

    write(
        "mode = \"enforce\"\n\n[[profile]]\nname = \"openai\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\n\n[[profile]]\nname = \"groq\"\nprovider = \"groq\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n",
    );
    let e = Policy::from_toml_file(&file).unwrap_err();
    assert!(matches!(e, ProfileError::InProfile { .. }), "{e}");
    assert_eq!(position(&e), (12, 10), "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "in profile `groq` (#2) of the policy `{shown}`: line 12, column 10: "
        )),
        "{e}"
    );

    // A policy key's value, misspelt.
    write("mode = \"report-only\"\n[[profile]]\nprovider = \"groq\"\nretention = \"standard\"\n");
    let e = Policy::from_toml_file(&file).unwrap_err();
    assert_eq!(position(&e), (1, 8), "{e}");
    assert!(e.to_string().contains("did you mean `report_only`?"), "{e}");

    // An unknown policy key, and a profile key outside its table.
    write(
        "on_unknown_hosts = \"deny\"\n[[profile]]\nprovider = \"groq\"\nretention = \"standard\"\n",
    );
    let e = Policy::from_toml_file(&file).unwrap_err();
    assert!(
        e.to_string().contains("did you mean `on_unknown_host`?"),
        "{e}"
    );
    assert_eq!(position(&e), (1, 1), "{e}");
    assert!(e.to_string().contains(&shown), "{e}");

    // Two profiles with one name: the second is pointed at.
    write(
        "[[profile]]\nname = \"a\"\nprovider = \"groq\"\nretention = \"standard\"\n\n[[profile]]\nname = \"a\"\nprovider = \"openai\"\nretention = \"standard\"\n",
    );
    let e = Policy::from_toml_file(&file).unwrap_err();
    assert_eq!(e.kind(), "policy");
    assert_eq!(position(&e).0, 6, "{e}");
}

#[test]
fn patterns_in_another_routers_syntax_are_load_errors_with_the_fix() {
    use retention_guard::EndpointPattern;
    for (entry, fix) in [
        ("POST /v1/files/*", "write `{id}`"),
        ("/v1/files*", "write `{files}`"),
        ("/v1/*/content", "`*` is not a wildcard"),
        ("/v1/files/{*rest}", "write `**`"),
        ("/v1/{**}", "write `**`"),
        ("/v1/files/:file_id", "write `{file_id}`"),
        ("/v1/files/<file_id>", "write `{file_id}`"),
        ("/v1/files/[file_id]", "write `{file_id}`"),
        ("/v1/files/{}", "e.g. `{file_id}`"),
        ("/v1/files/{file_id", "one whole segment in braces"),
        ("/v1/files/x{id}", "one whole segment in braces"),
        ("/v1/**/content", "`**` may only be the last segment"),
    ] {
        let e = EndpointPattern::parse("deny", entry)
            .unwrap_err()
            .to_string();
        assert!(e.contains(fix), "{entry}: {e}");
    }
    // What the syntax does allow, including Gemini's `model:method` segments.
    for entry in [
        "/v1/files/{file_id}",
        "/v1/**",
        "POST /v1beta/models/gemini-2.5-pro:generateContent",
    ] {
        EndpointPattern::parse("allow", entry).unwrap_or_else(|e| panic!("{entry}: {e}"));
    }
}

#[test]
fn entries_that_match_no_catalog_path_are_found_for_check_to_warn() {
    use retention_guard::Guard;
    let outside = |toml: &str| -> Vec<String> {
        let guard = Guard::new(Profile::from_toml_str(toml).unwrap());
        guard
            .patterns_outside_catalog()
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    };
    assert_eq!(
        outside(
            "provider = \"openai\"\nretention = \"zero_data_retention\"\nallow = [\"POST /v1/batches\", \"/v1/internal/health\"]\ndeny = [\"GET /v1/files/{id}/content\", \"/v1/imagse/**\", \"/v1/**\", \"DELETE /v1/chat/completions\"]"
        ),
        // The batches and files entries match catalog paths; `/v1/**` matches every one. A path
        // the catalog does not know, a typo, and a method the catalog entry does not take do not.
        [
            "/v1/internal/health",
            "/v1/imagse/**",
            "DELETE /v1/chat/completions"
        ]
    );
    // Every spelling of an Azure path is a catalog path, below the resource's mount point.
    assert_eq!(
        outside(
            "provider = \"azure_openai\"\nretention = \"standard\"\nbase_url = \"https://c.openai.azure.com/openai/v1\"\ndeny = [\"POST /openai/deployments/{d}/chat/completions\", \"POST /openai/files\", \"POST /openai/v1/embeddings\", \"POST /v1/embeddings\"]"
        ),
        ["POST /v1/embeddings"]
    );
    // Groq's base path is part of the entry.
    assert_eq!(
        outside(
            "provider = \"groq\"\nretention = \"zero_data_retention\"\ndeny = [\"POST /openai/v1/batches\", \"POST /v1/batches\"]"
        ),
        ["POST /v1/batches"]
    );
}

/// Small sharp edges of loading: `[[profiles]]` points at `[[profile]]`, and a misspelt
/// confirmation in a provider's namespace gets a "did you mean".
#[test]
fn near_misses_get_a_did_you_mean() {
    let err = retention_guard::Policy::from_toml_str(
        "[[profiles]]\nprovider = \"openai\"\nretention = \"standard\"\n",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("did you mean `[[profile]]`"), "{err}");
    let err = Profile::from_toml_str(
        "provider = \"together\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disable\"]",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("did you mean `together.prompt_storage_disabled`"),
        "{err}"
    );
    // A name of one's own choosing outside the provider's namespace stays allowed.
    Profile::from_toml_str(
        "provider = \"together\"\nretention = \"zero_data_retention\"\nconfirm = [\"together.prompt_storage_disabled\", \"acme.dpa_signed\"]",
    )
    .unwrap();
}

/// A plain closure observes a policy, with no type written out.
#[test]
fn a_plain_closure_observes() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let policy = retention_guard::Policy::from(
        Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")
            .unwrap(),
    )
    .with_observer_fn(move |v| {
        assert!(v.profile.is_some());
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let url = "https://api.openai.com/v1/assistants".parse().unwrap();
    let headers = http::HeaderMap::new();
    let req = retention_guard::guard::Request::new(
        &http::Method::POST,
        &url,
        &headers,
        retention_guard::guard::Body::Empty,
    );
    let _ = policy.evaluate(&req, None);
    assert_eq!(seen.load(Ordering::Relaxed), 1);
}
