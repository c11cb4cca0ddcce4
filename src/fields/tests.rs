use super::*;
use crate::catalog::paths::{MAX_DEPTH, MAX_RULES};
use crate::catalog::{Action, Applies, BodyRule, Paths, StoreDefault};

static STORED: BodyRule = BodyRule {
    paths: Paths::One("input[]"),
    action: Action::StoredItems,
    applies: Applies::ZeroDataRetention,
    rule: None,
};

fn refs(input: &str) -> bool {
    let body = format!("{{\"input\":{input}}}");
    let index = BodyIndex::from_rules([&STORED]);
    read(body.as_bytes(), &Want::new(&index, 1)).unwrap().stored != 0
}

#[test]
fn input_items_that_point_at_stored_state() {
    for yes in [
        r#"[{"type":"item_reference","id":"msg_1"}]"#,
        r#"[{"type":"item_reference"}]"#,
        r#"[{"id":"msg_1"}]"#,
        r#"[{"type":null,"id":"msg_1"}]"#,
        r#"[{"Type":"message","id":"msg_1"}]"#,
        r#"[{"type":"message","type":null,"id":"msg_1"}]"#,
        r#"[{"type":"reasoning","id":"rs_1","summary":[]}]"#,
        r#"[{"type":"reasoning","id":"rs_1","encrypted_content":null}]"#,
        r#"[{"type":"reasoning","ID":"rs_1","Encrypted_Content":"x"}]"#,
        r#"[{"t\u0079pe":"item_\u0072eference","id":"m"}]"#,
    ] {
        assert!(refs(yes), "{yes}");
    }
    for no in [
        r#"[{"type":"message","role":"user","content":"hi"}]"#,
        r#"[{"role":"user","content":"hi"}]"#,
        r#"[{"type":"message","id":"msg_1","content":"item_reference"}]"#,
        r#"[{"type":"reasoning","id":"rs_1","encrypted_content":"gAAA"}]"#,
        r#"[{"id":null}]"#,
        r#""hi""#,
        r#"["hi", 1, null]"#,
    ] {
        assert!(!refs(no), "{no}");
    }
}

/// Every catalog path can be read: at most [`MAX_RULES`] rules and paths per endpoint, ASCII keys, `[]` only where a list or array rule reads it, and a list's key used by no other path
/// of the endpoint (its items are read once).
#[test]
fn every_catalog_path_can_be_read() {
    for catalog in crate::catalog::Catalog::all() {
        for e in catalog.endpoints() {
            let paths: Vec<(&BodyRule, &str)> = e
                .body_rules()
                .filter(|r| r.is_read())
                .flat_map(|r| r.paths.iter().map(move |p| (r, p)))
                .collect();
            assert!(paths.len() <= MAX_RULES, "{}: too many paths", e.rule.id);
            assert!(
                e.body_rules().count() <= MAX_RULES,
                "{}: too many rules",
                e.rule.id
            );
            for &(r, p) in &paths {
                let keys: Vec<&str> = p.split('.').collect();
                assert!(keys.len() <= MAX_DEPTH, "{}: `{p}` is too deep", e.rule.id);
                // `*` names the items of a list by their keys (`tools[].*`), as a list's last key.
                let named_by_keys = |i: usize, k: &str| {
                    k == "*" && i + 1 == keys.len() && matches!(r.action, Action::Items(_))
                };
                assert!(
                    keys.iter().enumerate().all(|(i, k)| named_by_keys(i, k)
                        || (!k.is_empty()
                            && k.trim_end_matches("[]")
                                .bytes()
                                .all(|c| c.is_ascii_alphanumeric() || c == b'_'))),
                    "{}: `{p}`",
                    e.rule.id
                );
                let arrays = keys.iter().filter(|k| k.ends_with("[]")).count();
                let list = keys.len() >= 2 && keys[keys.len() - 2].ends_with("[]");
                match r.action {
                    Action::Items(_) => assert!(list && arrays == 1, "{}: `{p}`", e.rule.id),
                    Action::StoredItems => {
                        assert!(arrays == 1 && p.ends_with("[]"), "{}: `{p}`", e.rule.id);
                    }
                    Action::Models(_) => assert!(
                        arrays == 0 || (arrays == 1 && p.ends_with("[]")),
                        "{}: `{p}`",
                        e.rule.id
                    ),
                    Action::Force { .. } => assert!(keys.len() == 2 && arrays == 0),
                    _ => assert_eq!(arrays, 0, "{}: `{p}`", e.rule.id),
                }
                if list || p.ends_with("[]") {
                    // The key of a list or array is no other path's key at that depth.
                    let at = if list { keys.len() - 2 } else { keys.len() - 1 };
                    let prefix = keys[..=at].join(".");
                    let shared = paths.iter().filter(|(o, q)| {
                        (!std::ptr::eq(*o, r) || *q != p)
                            && q.trim_end_matches("[]").split('.').count() > at
                            && q.split('.')
                                .take(at + 1)
                                .collect::<Vec<_>>()
                                .join(".")
                                .trim_end_matches("[]")
                                == prefix.trim_end_matches("[]")
                    });
                    assert_eq!(shared.count(), 0, "{}: `{p}` shares its key", e.rule.id);
                }
            }
        }
    }
}

static STORE: BodyRule = crate::catalog::body::store(StoreDefault::Stores);

#[test]
fn folded_keys_are_found_but_not_exact() {
    let b = br#"{"Store":true,"store":false,"MODEL":"m","x":1}"#;
    let index = BodyIndex::from_rules([&STORE]);
    let f = read(b, &Want::new(&index, 1)).unwrap();
    let stores: Vec<_> = f
        .values_of(0)
        .map(|h| (h.exact, &b[h.value.clone()]))
        .collect();
    assert_eq!(stores, [(false, &b"true"[..]), (true, &b"false"[..])]);
}
