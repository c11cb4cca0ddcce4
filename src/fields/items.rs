//! Rules 3 and 4 of the fields module: the items of a list a table classifies (`tools[].type`,
//! `plugins[].id`), and `input` items that point at stored state.

use super::{Few, Found};
use crate::json::{self, JsonError, Scanner, Str};

/// Byte ranges of values.
pub(crate) type Ranges = Few<std::ops::Range<usize>>;

/// One item of a classified list, over every spelling of its keys.
#[derive(Debug, Default, Clone)]
pub(crate) struct Item {
    /// The range of every name string (`type`, a plugin's `id`) a reader may see.
    pub(crate) types: Ranges,
    /// A name key whose value is not a string, or an item that is not an object.
    pub(crate) odd: bool,
    /// Whether the name key is present under its exact spelling (else exact readers see an item
    /// without one).
    pub(crate) type_exact: bool,
    /// Every `model` value's byte range.
    pub(crate) models: Ranges,
    /// Whether a `model` key is present under its exact name.
    pub(crate) model_exact: bool,
    /// Whether every reader sees `environment.type` as `local` (the tool runs on the client):
    /// every `environment` and every `type` in it, in any spelling, says so, and exact readers
    /// find both keys.
    pub(crate) environment_local: bool,
    /// Whether every reader sees `allowed_callers` as exactly `["direct"]`: every occurrence, in
    /// any spelling, is a non-empty array of `"direct"` strings, and exact readers find the key.
    pub(crate) callers_direct: bool,
}

/// How deep a list may nest in its own items (a `namespace` tool groups tools one level down):
/// an item nested deeper is not read and counts as odd, so the walk cannot exhaust the stack.
const MAX_NESTING: usize = 4;

/// A key of an item that the item rules read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemKey {
    Name,
    Model,
    Environment,
    Nested,
    AllowedCallers,
}

/// Walks the list at the cursor for rule `rule`: each item's `name` key (`type`, `id`) names
/// it, and the items of its own `list` key (a `namespace`'s `tools`) are items too. With the
/// name `*`, each item is named by its keys (Gemini's `{"googleSearch": {}}`): every key, in
/// every spelling, is a name.
pub(crate) fn items(
    s: &mut Scanner<'_>,
    b: &[u8],
    (name, list): (&str, &str),
    rule: u8,
    found: &mut Found,
    depth: usize,
) -> Result<(), JsonError> {
    if name == "*" {
        return keyed_items(s, rule, found);
    }
    let keys = [
        (name, ItemKey::Name),
        ("model", ItemKey::Model),
        ("environment", ItemKey::Environment),
        (list, ItemKey::Nested),
        ("allowed_callers", ItemKey::AllowedCallers),
    ];
    s.array(|s| {
        let mut item = Item::default();
        if s.peek_value() != Some(b'{') {
            s.value()?;
            item.odd = true;
            found.items.push((rule, item));
            return Ok(());
        }
        let (mut environments, mut local) = (0, 0);
        let (mut type_exact, mut environment_exact) = (false, false);
        let (mut callers_exact, mut callers_other) = (false, false);
        s.object(|s, key| {
            let Some((k, exact)) = super::match_key(b, &key, &keys) else {
                s.value()?;
                return Ok(());
            };
            match k {
                ItemKey::Name => {
                    type_exact |= exact;
                    let v = s.value()?;
                    if b[v.start] == b'"' {
                        item.types.push(v);
                    } else {
                        item.odd = true;
                    }
                }
                ItemKey::Model => {
                    let v = s.value()?;
                    item.model_exact |= exact;
                    item.models.push(v);
                }
                ItemKey::Nested if s.peek_value() == Some(b'[') && depth < MAX_NESTING => {
                    items(s, b, (name, list), rule, found, depth + 1)?;
                }
                ItemKey::Nested if s.peek_value() == Some(b'[') => {
                    s.value()?;
                    item.odd = true;
                }
                ItemKey::Nested => {
                    s.value()?;
                }
                ItemKey::AllowedCallers => {
                    callers_exact |= exact;
                    if s.peek_value() == Some(b'[') {
                        let mut n = 0;
                        s.array(|s| {
                            let v = s.value()?;
                            n += 1;
                            callers_other |=
                                json::string_value(b, v)?.is_none_or(|c| c != "direct");
                            Ok(())
                        })?;
                        callers_other |= n == 0;
                    } else {
                        s.value()?;
                        callers_other = true;
                    }
                }
                ItemKey::Environment => {
                    environments += 1;
                    if s.peek_value() == Some(b'{') {
                        let (mut types, mut locals, mut exact_type) = (0, 0, false);
                        s.object(|s, key| {
                            let v = s.value()?;
                            if key.folds_to(b, "type") {
                                exact_type |= key.is(b, "type");
                                types += 1;
                                locals += usize::from(
                                    json::string_value(b, v)?.is_some_and(|t| t == "local"),
                                );
                            }
                            Ok(())
                        })?;
                        local += usize::from(types == locals && exact_type);
                        environment_exact |= exact && exact_type;
                    } else {
                        s.value()?;
                    }
                }
            }
            Ok(())
        })?;
        item.environment_local = environment_exact && environments == local;
        item.callers_direct = callers_exact && !callers_other;
        item.type_exact = type_exact;
        found.items.push((rule, item));
        Ok(())
    })
}

/// Walks a list whose items are named by their keys: each key's string token is a name.
fn keyed_items(s: &mut Scanner<'_>, rule: u8, found: &mut Found) -> Result<(), JsonError> {
    s.array(|s| {
        let mut item = Item::default();
        if s.peek_value() != Some(b'{') {
            s.value()?;
            item.odd = true;
        } else {
            s.object(|s, key| {
                // The key's token, quotes included, reads as a JSON string.
                item.types.push(key.content.start - 1..key.content.end + 1);
                item.type_exact = true;
                s.value()?;
                Ok(())
            })?;
        }
        found.items.push((rule, item));
        Ok(())
    })
}

/// What one `input` item says, over every spelling of its keys.
#[derive(Default)]
struct Input {
    type_exact: bool,
    type_reference: bool,
    type_missing: bool,
    type_reasoning: bool,
    id: bool,
    encrypted_exact: bool,
    encrypted_null: bool,
}

impl Input {
    /// Why the item points at stored state, if it does.
    fn reason(&self) -> Option<&'static str> {
        let untyped = !self.type_exact || self.type_missing;
        let no_content = !self.encrypted_exact || self.encrypted_null;
        if self.type_reference {
            Some("an `item_reference`")
        } else if self.id && untyped {
            Some("an item with an `id` and no `type`")
        } else if self.type_reasoning && self.id && no_content {
            Some("a `reasoning` item with an `id` and no `encrypted_content`")
        } else {
            None
        }
    }
}

/// A key of an `input` item that the reference rule reads.
#[derive(Clone, Copy)]
enum InputKey {
    Type,
    Id,
    EncryptedContent,
}

const INPUT_KEYS: [(&str, InputKey); 3] = [
    ("type", InputKey::Type),
    ("id", InputKey::Id),
    ("encrypted_content", InputKey::EncryptedContent),
];

/// Walks the `input` array at the cursor; whether an item points at stored state.
pub(crate) fn references_state(s: &mut Scanner<'_>, b: &[u8]) -> Result<bool, JsonError> {
    let mut found = false;
    s.array(|s| {
        found |= stored_reason(s, b)?.is_some();
        Ok(())
    })?;
    Ok(found)
}

/// Reads the `input` item at the cursor: why it points at stored state, if it does.
pub(crate) fn stored_reason(
    s: &mut Scanner<'_>,
    b: &[u8],
) -> Result<Option<&'static str>, JsonError> {
    if s.peek_value() != Some(b'{') {
        s.value()?;
        return Ok(None);
    }
    let mut item = Input::default();
    s.object(|s, key: Str| {
        let value = s.value()?;
        let v = &b[value.clone()];
        match super::match_key(b, &key, &INPUT_KEYS) {
            Some((InputKey::Type, exact)) => {
                item.type_exact |= exact;
                match json::string_value(b, value)? {
                    Some(t) if t == "item_reference" => item.type_reference = true,
                    Some(t) if t == "reasoning" => item.type_reasoning = true,
                    Some(_) => {}
                    None => item.type_missing = true,
                }
            }
            Some((InputKey::Id, _)) => item.id |= v != b"null",
            Some((InputKey::EncryptedContent, exact)) => {
                item.encrypted_exact |= exact;
                item.encrypted_null |= v == b"null";
            }
            None => {}
        }
        Ok(())
    })?;
    Ok(item.reason())
}
