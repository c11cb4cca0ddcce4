//! The fields the body rules read, found in one pass over a JSON body.
//!
//! What the guard reads must cover what every server reads, so:
//!
//! 1. A top-level key is a rule's field when it equals the field's name after escapes are
//!    decoded (serde_json, Python, Node), **or** when it folds to it as Go's `encoding/json`
//!    folds struct keys (`Store`, `STORE`, `ſtore`). Every such occurrence is reported, with
//!    whether it was exact: exact readers ignore the folded ones, so a field given only in a
//!    folded spelling is both present (to Go) and absent (to the others).
//! 2. `input` items are read in the same pass (no second walk): an item points at stored state
//!    when, for any reader, it is an `item_reference`, or it has an `id` and no `type` (or a
//!    `null` one), or it is a `reasoning` item with an `id` and no `encrypted_content` (which the
//!    provider then looks up in storage).

use std::ops::Range;

use crate::json::{self, JsonError, Scanner, Str};

/// A top-level field a body rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Store,
    Model,
    PreviousResponseId,
    Conversation,
    Background,
    Input,
}

const FIELDS: [(&str, Field); 6] = [
    ("store", Field::Store),
    ("model", Field::Model),
    ("previous_response_id", Field::PreviousResponseId),
    ("conversation", Field::Conversation),
    ("background", Field::Background),
    ("input", Field::Input),
];

/// One occurrence of a field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) field: Field,
    /// The key is the field's exact name (after escapes), not only a folded spelling.
    pub(crate) exact: bool,
    start: usize,
    end: usize,
}

impl Hit {
    /// The byte range of the value.
    pub(crate) fn value(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Every occurrence of the rule fields in a body, in order; inline up to a few, so that a
/// typical body costs no allocation.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    inline: [Option<Hit>; 6],
    spill: Vec<Hit>,
    /// Whether an `input` value holds an item that points at stored state.
    pub(crate) input_references_state: bool,
}

impl Fields {
    fn push(&mut self, hit: Hit) {
        match self.inline.iter_mut().find(|h| h.is_none()) {
            Some(slot) => *slot = Some(hit),
            None => self.spill.push(hit),
        }
    }

    /// Every occurrence of `field`.
    pub(crate) fn of(&self, field: Field) -> impl Iterator<Item = Hit> + Clone + '_ {
        self.inline
            .iter()
            .flatten()
            .chain(&self.spill)
            .copied()
            .filter(move |h| h.field == field)
    }

    /// Whether `field` appears under its exact name.
    pub(crate) fn has_exact(&self, field: Field) -> bool {
        self.of(field).any(|h| h.exact)
    }
}

/// Which of `table`'s lower-case names `key` is, and whether exactly (see the module docs).
fn match_key<T: Copy>(b: &[u8], key: &Str, table: &[(&str, T)]) -> Option<(T, bool)> {
    let raw = &b[key.content.clone()];
    // The common case: a plain key with nothing to decode or fold is equal or not. A key whose
    // first letter starts no name (in any case, or as `ſ`, `K` or an escape) is none of them.
    let first = raw.first().map_or(0, u8::to_ascii_lowercase);
    if first.is_ascii_alphabetic() && !table.iter().any(|(n, _)| n.as_bytes()[0] == first) {
        return None;
    }
    if !key.escaped {
        if let Some(&(_, t)) = table.iter().find(|(name, _)| name.as_bytes() == raw) {
            return Some((t, true));
        }
        if !raw.iter().any(|&c| c.is_ascii_uppercase() || !c.is_ascii()) {
            return None;
        }
    }
    table
        .iter()
        .find(|(name, _)| key.folds_to(b, name))
        .map(|&(name, t)| (t, key.is(b, name)))
}

/// A key of an `input` item that the reference rule reads.
#[derive(Clone, Copy)]
enum ItemKey {
    Type,
    Id,
    EncryptedContent,
}

const ITEM_KEYS: [(&str, ItemKey); 3] = [
    ("type", ItemKey::Type),
    ("id", ItemKey::Id),
    ("encrypted_content", ItemKey::EncryptedContent),
];

/// Reads the rule fields of the JSON object `b`; `input` items are inspected when
/// `inspect_input`.
///
/// # Errors
/// When `b` is not UTF-8 or not one valid JSON object.
pub(crate) fn read(b: &[u8], inspect_input: bool) -> Result<Fields, JsonError> {
    let mut fields = Fields::default();
    json::read_object(b, |s, key| {
        let Some((field, exact)) = match_key(b, &key, &FIELDS) else {
            s.value()?;
            return Ok(());
        };
        if field == Field::Input && inspect_input && s.peek_value() == Some(b'[') {
            let start = s.position();
            let references = input_references_state(s, b)?;
            fields.input_references_state |= references;
            fields.push(Hit {
                field,
                exact,
                start,
                end: s.position(),
            });
            return Ok(());
        }
        let value = s.value()?;
        fields.push(Hit {
            field,
            exact,
            start: value.start,
            end: value.end,
        });
        Ok(())
    })?;
    Ok(fields)
}

/// What one `input` item says, over every spelling of its keys.
#[derive(Default)]
struct Item {
    type_exact: bool,
    type_reference: bool,
    type_missing: bool,
    type_reasoning: bool,
    id: bool,
    encrypted_exact: bool,
    encrypted_null: bool,
}

impl Item {
    fn references_state(&self) -> bool {
        let untyped = !self.type_exact || self.type_missing;
        let no_content = !self.encrypted_exact || self.encrypted_null;
        self.type_reference
            || (self.id && untyped)
            || (self.type_reasoning && self.id && no_content)
    }
}

/// Walks the `input` array at the cursor; whether an item points at stored state.
fn input_references_state(s: &mut Scanner<'_>, b: &[u8]) -> Result<bool, JsonError> {
    let mut found = false;
    s.array(|s| {
        if s.peek_value() != Some(b'{') {
            s.value()?;
            return Ok(());
        }
        let mut item = Item::default();
        s.object(|s, key| {
            let value = s.value()?;
            let v = &b[value.clone()];
            match match_key(b, &key, &ITEM_KEYS) {
                Some((ItemKey::Type, exact)) => {
                    item.type_exact |= exact;
                    match json::string_value(b, value)? {
                        Some(t) if t == "item_reference" => item.type_reference = true,
                        Some(t) if t == "reasoning" => item.type_reasoning = true,
                        Some(_) => {}
                        None => item.type_missing = true,
                    }
                }
                Some((ItemKey::Id, _)) => item.id |= v != b"null",
                Some((ItemKey::EncryptedContent, exact)) => {
                    item.encrypted_exact |= exact;
                    item.encrypted_null |= v == b"null";
                }
                None => {}
            }
            Ok(())
        })?;
        found |= item.references_state();
        Ok(())
    })?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(input: &str) -> bool {
        let body = format!("{{\"input\":{input}}}");
        read(body.as_bytes(), true).unwrap().input_references_state
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

    #[test]
    fn folded_keys_are_fields_but_not_exact() {
        let b = br#"{"Store":true,"store":false,"MODEL":"m","x":1}"#;
        let f = read(b, false).unwrap();
        let stores: Vec<_> = f
            .of(Field::Store)
            .map(|h| (h.exact, &b[h.value()]))
            .collect();
        assert_eq!(stores, [(false, &b"true"[..]), (true, &b"false"[..])]);
        assert!(!f.has_exact(Field::Model));
        assert_eq!(f.of(Field::Model).count(), 1);
    }
}
