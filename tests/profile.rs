//! Loading profiles: the TOML contract, the environment, and load-time errors that quote the input.

use retention_guard::{
    OnStore, OnUnknownEndpoint, Profile, ProfileError, Provider, Region, Retention,
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
    assert_eq!(std.on_unknown_endpoint(), OnUnknownEndpoint::Allow);
}

#[test]
fn all_regions_parse() {
    for r in Region::ALL {
        let p = Profile::from_toml_str(&format!(
            "provider = \"openai\"\nretention = \"modified_abuse_monitoring\"\nregion = \"{r}\""
        ))
        .unwrap();
        assert_eq!(p.region(), Some(r));
        assert_eq!(r.openai_host(), format!("{r}.api.openai.com"));
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
            "provider = \"groq\"\nretention = \"zero_data_retention\"\nallow_tools = [\"mcp\"]",
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
        move |k: &str| {
            if k == "RETENTION_GUARD_PROFILE" {
                return file.clone();
            }
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    // The file, with overrides; an empty override removes a key.
    let p = Profile::from_env_with(env(
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
    let p = Profile::from_env_with(env(
        &[
            ("RETENTION_GUARD_PROVIDER", "groq"),
            ("RETENTION_GUARD_RETENTION", "zero_data_retention"),
        ],
        None,
    ))
    .unwrap();
    assert_eq!(p.provider(), Provider::Groq);
    // Overrides are validated like the file.
    let e = Profile::from_env_with(env(
        &[("RETENTION_GUARD_RETENTION", "standard")],
        Some(file_str),
    ))
    .unwrap_err();
    assert!(e.to_string().contains("region"), "{e}");
    let e = Profile::from_env_with(env(&[("RETENTION_GUARD_REGION", "moon")], None)).unwrap_err();
    assert!(e.to_string().contains("moon"), "{e}");
    // Nothing set at all.
    let e = Profile::from_env_with(env(&[], None)).unwrap_err();
    assert!(e.to_string().contains("provider"), "{e}");
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
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nper_request_residency = true\nbase_url = \"https://eu.api.openai.com/v1\"\nallow_tools = [\"mcp\", \"code_interpreter\"]\nallow_models = [\"gpt-image-3\"]",
    )
    .unwrap();
    assert!(p.per_request_residency());
    assert_eq!(p.region(), None);
    assert_eq!(p.allow_tools(), ["mcp", "code_interpreter"]);
    assert_eq!(p.allow_models(), ["gpt-image-3"]);
    let p = Profile::from_toml_str(
        "provider = \"fireworks\"\nretention = \"zero_data_retention\"\nregion = \"us\"\naccount = \"acme-inc\"",
    )
    .unwrap();
    assert_eq!(p.region(), Some(Region::Us));
    assert_eq!(p.account(), Some("acme-inc"));
    let p = Profile::from_env_with(|k| match k {
        "RETENTION_GUARD_PROVIDER" => Some("openai".into()),
        "RETENTION_GUARD_RETENTION" => Some("zero_data_retention".into()),
        "RETENTION_GUARD_PER_REQUEST_RESIDENCY" => Some("true".into()),
        "RETENTION_GUARD_REGION" => Some("eu".into()),
        _ => None,
    })
    .unwrap();
    assert!(p.per_request_residency());
    let e = Profile::from_env_with(|k| match k {
        "RETENTION_GUARD_PROVIDER" => Some("openai".into()),
        "RETENTION_GUARD_RETENTION" => Some("standard".into()),
        "RETENTION_GUARD_PER_REQUEST_RESIDENCY" => Some("yes".into()),
        _ => None,
    })
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
