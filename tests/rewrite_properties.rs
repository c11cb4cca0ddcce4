//! Properties of the body rewrite, checked against serde_json as an independent reader:
//! the result parses, differs from the input only where the `store` rule says, contains nothing a
//! reader would take as `store: true`, and rewriting twice changes nothing.

use http::{HeaderMap, Method};
use proptest::prelude::*;
use retention_guard::guard::{Body, Request};
use retention_guard::{Decision, Guard, Profile};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// Every top-level member in order, duplicates included, keys decoded by serde_json.
#[derive(Debug, PartialEq)]
struct Pairs(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    out.push(entry);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn guard() -> Guard {
    Guard::new(
        Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")
            .unwrap(),
    )
}

fn evaluate(guard: &Guard, body: &[u8]) -> Decision {
    let url = "https://api.openai.com/v1/chat/completions"
        .parse()
        .unwrap();
    guard.evaluate(&Request::new(
        &Method::POST,
        &url,
        &HeaderMap::new(),
        Body::Bytes(body),
    ))
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-z\"\\\\/\u{e9}\u{1F600} ]{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("(store|model|[a-z]{1,6})", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// How a key is written: plainly, or with escapes that decode to the same name.
fn key_text(name: &str, style: u8) -> String {
    match style % 3 {
        0 => format!("\"{name}\""),
        1 => format!(
            "\"{}\"",
            name.chars()
                .map(|c| format!("\\u{:04x}", c as u32))
                .collect::<String>()
        ),
        _ => match name.split_at_checked(1) {
            Some((first, rest)) => {
                format!("\"\\u{:04x}{rest}\"", first.chars().next().unwrap() as u32)
            }
            None => "\"\"".to_owned(),
        },
    }
}

/// A JSON object text with arbitrary members, some of them `store`, in varied spellings and spacing.
fn body() -> impl Strategy<Value = String> {
    let member = (
        prop_oneof![Just("store".to_owned()), "[a-z_]{1,8}"],
        any::<u8>(),
        value(),
        any::<bool>(),
    );
    (prop::collection::vec(member, 0..6), any::<bool>()).prop_map(|(members, spaced)| {
        let sep = if spaced { " , " } else { "," };
        let colon = if spaced { " : " } else { ":" };
        let inner: Vec<String> = members
            .iter()
            .map(|(k, style, v, pretty)| {
                let v = if *pretty {
                    serde_json::to_string_pretty(v)
                } else {
                    serde_json::to_string(v)
                };
                format!("{}{colon}{}", key_text(k, *style), v.unwrap())
            })
            .collect();
        if spaced {
            format!(" {{ {} }}\n", inner.join(sep))
        } else {
            format!("{{{}}}", inner.join(sep))
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn rewrite_parses_changes_only_store_and_is_idempotent(text in body()) {
        let original: Pairs = serde_json::from_str(&text).expect("generator makes valid JSON");
        let guard = guard();
        let Decision::Allow(allowed) = evaluate(&guard, text.as_bytes()) else {
            panic!("a valid chat body was denied: {text}");
        };
        let sent = allowed.body().unwrap_or(text.as_bytes()).to_vec();
        let got: Pairs = serde_json::from_slice(&sent).expect("the rewritten body parses");

        // Differs only where the rule says: every `store` becomes false, and one is added if absent.
        let mut want: Vec<(String, Value)> = original
            .0
            .iter()
            .map(|(k, v)| (k.clone(), if k == "store" { Value::Bool(false) } else { v.clone() }))
            .collect();
        if !original.0.iter().any(|(k, _)| k == "store") {
            want.insert(0, ("store".to_owned(), Value::Bool(false)));
        }
        prop_assert_eq!(&got.0, &want);
        prop_assert_eq!(allowed.body().is_none(), original.0.iter().all(|(k, v)| k != "store" || *v == Value::Bool(false)) && original.0.iter().any(|(k, _)| k == "store"));

        // Rewriting twice changes nothing.
        let Decision::Allow(again) = evaluate(&guard, &sent) else { panic!("the rewritten body was denied") };
        prop_assert!(again.body().is_none() && again.is_unchanged(), "second pass changed {:?}", again.changes());
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_valid_objects_are_never_refused(bytes in prop::collection::vec(any::<u8>(), 0..64), text in body()) {
        let guard = guard();
        let _ = evaluate(&guard, &bytes);
        // Splice random bytes into a valid body: whatever serde_json accepts as an object, the
        // guard accepts too, and what the guard sends still parses.
        let mut mixed = text.clone().into_bytes();
        let at = bytes.first().map_or(0, |b| *b as usize % (mixed.len() + 1));
        mixed.splice(at..at, bytes.iter().copied().take(3));
        match (serde_json::from_slice::<Pairs>(&mixed), evaluate(&guard, &mixed)) {
            (Ok(_), Decision::Deny(v)) => panic!("valid object refused: {v}"),
            (_, Decision::Allow(a)) => {
                let sent = a.body().unwrap_or(&mixed);
                prop_assert!(serde_json::from_slice::<Pairs>(sent).is_ok() || serde_json::from_slice::<Pairs>(&mixed).is_err());
            }
            _ => {}
        }
    }
}
