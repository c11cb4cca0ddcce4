//! The adapter for the async-openai versions frameworks pin (0.41 for swiftide, 0.42 for
//! langchain-rust), each with a real client of that version against the loopback TLS mock: the
//! rewrite and the routing arrive, a denial sends nothing and is found from the client's error.
#![cfg(all(feature = "async-openai-0-41", feature = "async-openai-0-42"))]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use retention_guard::{Guard, Profile, Violation, ViolationKind};
use serde_json::{Value, json};

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];
const ZDR_EU: &str = "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"";

macro_rules! a_version {
    ($test:ident, $ao:ident, $adapter:ident) => {
        #[tokio::test]
        async fn $test() {
            use retention_guard::$adapter::GuardedClient;
            let mock = MockProvider::https(&HOSTS).await;
            let guard = Guard::new(Profile::from_toml_str(ZDR_EU).unwrap());
            let http = mock.serve_hosts(reqwest::Client::builder(), &HOSTS);
            let client =
                $ao::Client::with_config($ao::config::OpenAIConfig::new().with_api_key("sk-test"))
                    .with_retention_guard(&guard, http)
                    .unwrap();

            let chat: Value = client
                .chat()
                .create_byot(json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": "hi"}]}))
                .await
                .expect("chat allowed");
            assert_eq!(chat["object"], "chat.completion");
            let got = mock.requests();
            assert_eq!(got[0].host, "eu.api.openai.com");
            assert_eq!(got[0].json().unwrap()["store"], json!(false));
            assert_eq!(got[0].header("openai-project"), Some("proj_eu"));

            let err = client
                .responses()
                .create_byot::<_, Value>(json!({"model": "gpt-4.1-mini", "input": "hi", "previous_response_id": "resp_1"}))
                .await
                .unwrap_err();
            let v = Violation::find(&err).expect("the guard's violation");
            assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed);
            assert_eq!(mock.count(), 1, "the denied call sent nothing");
        }
    };
}

a_version!(async_openai_0_41, async_openai_0_41, async_openai_0_41);
a_version!(async_openai_0_42, async_openai_0_42, async_openai_0_42);
