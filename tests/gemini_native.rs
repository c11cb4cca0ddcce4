//! Gemini's native `generateContent` tools are named by their keys (`tools[].*`): a property
//! against an independent reading with serde_json — under ZDR a body is allowed exactly when every
//! item is an object whose every key is a client tool.

use http::{HeaderMap, Method};
use proptest::prelude::*;
use retention_guard::guard::{Body, Request};
use retention_guard::{Guard, Profile};

const KEYS: [&str; 12] = [
    "functionDeclarations",
    "function_declarations",
    "computerUse",
    "computer_use",
    "googleSearch",
    "google_search",
    "codeExecution",
    "url_context",
    "fileSearch",
    "GoogleSearch",
    "retrieval",
    "enterpriseWebSearch",
];
const CLIENT: [&str; 4] = [
    "functionDeclarations",
    "function_declarations",
    "computerUse",
    "computer_use",
];

fn guard() -> Guard {
    Guard::new(
        Profile::from_toml_str(
            "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\", \"gemini.zdr_approved\"]",
        )
        .unwrap(),
    )
}

/// One item: a set of keys (no duplicates), or a non-object.
fn item() -> impl Strategy<Value = Option<Vec<usize>>> {
    prop_oneof![
        1 => Just(None),
        8 => proptest::collection::btree_set(0..KEYS.len(), 0..3)
            .prop_map(|s| Some(s.into_iter().collect())),
    ]
}

proptest! {
    #[test]
    fn allowed_exactly_when_every_item_is_a_client_tool(
        items in proptest::collection::vec(item(), 0..4),
        escape in any::<bool>(),
    ) {
        let mut rendered = Vec::new();
        let mut allowed = true;
        for it in &items {
            match it {
                None => {
                    rendered.push("\"googleSearch\"".to_owned());
                    allowed = false;
                }
                Some(keys) => {
                    allowed &= !keys.is_empty();
                    let members: Vec<String> = keys
                        .iter()
                        .map(|&k| {
                            allowed &= CLIENT.contains(&KEYS[k]);
                            // An escaped first letter reads as the same key.
                            let name = if escape {
                                format!("\\u{:04x}{}", KEYS[k].as_bytes()[0], &KEYS[k][1..])
                            } else {
                                KEYS[k].to_owned()
                            };
                            format!("\"{name}\":{{}}")
                        })
                        .collect();
                    rendered.push(format!("{{{}}}", members.join(",")));
                }
            }
        }
        let body = format!("{{\"contents\":[],\"tools\":[{}]}}", rendered.join(","));
        // The independent reading: serde_json parses it, and sees the same keys.
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        prop_assert_eq!(v["tools"].as_array().map(Vec::len), Some(items.len()));
        let url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
            .parse()
            .unwrap();
        let headers = HeaderMap::new();
        let d = guard().evaluate(&Request::new(&Method::POST, &url, &headers, Body::Bytes(body.as_bytes())));
        prop_assert_eq!(d.is_allowed(), allowed, "{}: {:?}", body, d.violation().map(ToString::to_string));
        if let Ok(a) = d.into_result() {
            prop_assert!(a.is_unchanged());
        }
    }
}
