//! An existing async-openai `Client`, with the guard put under it in one call: chat, Responses and
//! embeddings go through (rewritten where the profile says), a file upload is denied under zero
//! data retention. async-openai's own retry stays in place.
//!
//! ```text
//! cargo run --example openai_async_openai                         # offline, against a loopback mock
//! OPENAI_API_KEY=sk-... cargo run --example openai_async_openai   # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
};
use async_openai::types::embeddings::CreateEmbeddingRequestArgs;
use async_openai::types::files::{CreateFileRequestArgs, FileInput, FilePurpose};
use async_openai::types::responses::CreateResponseArgs;
use retention_guard::async_openai::GuardedClient;
use retention_guard::{Guard, Profile};
use target::Target;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("OPENAI_API_KEY", &["api.openai.com"]).await;

    // The client the application already has...
    let client = Client::with_config(OpenAIConfig::new().with_api_key(&target.key));

    // ...and the guard put under it, keeping the application's reqwest settings (here a timeout;
    // offline, the builder also points at the mock). The result is a `Guarded` client: used as
    // the `Client` itself, but `with_http_client`, which would drop the guard, does not compile.
    let guard = Guard::new(Profile::from_toml_str(
        "name = \"openai-zdr\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"",
    )?);
    let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(30));
    let client = client.with_retention_guard(&guard, target.http(http))?;

    println!("1. chat completion with store(true)");
    let chat = client
        .chat()
        .create(
            CreateChatCompletionRequestArgs::default()
                .model("gpt-4.1-mini")
                .store(true)
                .messages([ChatCompletionRequestUserMessageArgs::default()
                    .content("Say hello in five words.")
                    .build()?
                    .into()])
                .build()?,
        )
        .await?;
    target.print_arrival();
    println!(
        "   reply            {:?}\n",
        chat.choices[0]
            .message
            .content
            .as_deref()
            .unwrap_or_default()
    );

    println!("2. Responses call (OpenAI stores it by default)");
    let response = client
        .responses()
        .create(
            CreateResponseArgs::default()
                .model("gpt-4.1-mini")
                .input("Say hello in five words.")
                .build()?,
        )
        .await?;
    target.print_arrival();
    println!("   response id      {}\n", response.id);

    println!("3. embeddings");
    let embeddings = client
        .embeddings()
        .create(
            CreateEmbeddingRequestArgs::default()
                .model("text-embedding-3-small")
                .input("hello")
                .build()?,
        )
        .await?;
    target.print_arrival();
    println!("   vectors          {}\n", embeddings.data.len());

    println!("4. upload a file (files keep application state until deleted)");
    let before = target.arrivals();
    let upload = CreateFileRequestArgs::default()
        .file(FileInput::from_vec_u8(
            "train.jsonl".into(),
            b"{\"messages\":[]}\n".to_vec(),
        ))
        .purpose(FilePurpose::FineTune)
        .build()?;
    let result = client.files().create(upload).await.map(|file| file.id);
    target.expect_denied(before, result)
}
