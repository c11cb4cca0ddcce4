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
//! 3. Where the endpoint's body has a `session` object (realtime and live sessions), the fields
//!    `store`, `model`, `tools` and `tracing` inside it are read as at the top level, in every key
//!    spelling.
//! 4. `tools` items are read for their `type` (every spelling and duplicate), `model` and
//!    `environment.type`: a tool is classified by every type a reader may see.
//! 5. Where an endpoint forces fields of an object (OpenRouter's `provider.zdr`), every
//!    occurrence of the object in any key spelling is read, and in each every member whose key is
//!    a forced field in any spelling. `plugins` items are read for their `id` in every spelling,
//!    and a `models` array for its strings.
//! 6. `tools` items are also read for `allowed_callers` (every reader must see `["direct"]` for
//!    an item to count as called directly).
//! 7. A field rule's path (`container`, `extra_body.google.cached_content`) is followed from the
//!    top level through objects, matching each key as in rule 1 (folded, escaped, every
//!    duplicate): every occurrence of the whole path is reported with its value, and an object on
//!    the way is read for every rule whose path goes through it.

mod paths;

use std::ops::Range;

use paths::{may_start_path, path_value};

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
    Tracing,
    Tools,
    Session,
    Purpose,
    Plugins,
    Models,
}

const FIELDS: [(&str, Field); 12] = [
    ("store", Field::Store),
    ("model", Field::Model),
    ("previous_response_id", Field::PreviousResponseId),
    ("conversation", Field::Conversation),
    ("background", Field::Background),
    ("input", Field::Input),
    ("tracing", Field::Tracing),
    ("tools", Field::Tools),
    ("session", Field::Session),
    ("purpose", Field::Purpose),
    ("plugins", Field::Plugins),
    ("models", Field::Models),
];

/// What a body's rules need read beyond the top-level fields.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Read {
    /// Walk `input` items for references to stored state.
    pub(crate) input: bool,
    /// Read the fields inside a top-level `session` object too.
    pub(crate) session: bool,
    /// Walk `tools` items.
    pub(crate) tools: bool,
    /// Read every occurrence of this object and its forced members.
    pub(crate) forced: Option<&'static crate::catalog::Forced>,
    /// Walk `plugins` items and the `models` array.
    pub(crate) plugins: bool,
    /// The field rules whose paths to read (at most 64).
    pub(crate) paths: &'static [crate::catalog::FieldRule],
    /// The first letters of the denials' paths, lower case, as bits (`a` is bit 0): a plain key
    /// starting with another letter starts no path. Set by [`read`].
    pub(crate) path_letters: u32,
}

/// A few values, the first inline (a body rarely has many tools, a tool rarely repeats a key), so
/// that reading a typical body costs no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Few<T> {
    inline: [Option<T>; 1],
    spill: Vec<T>,
}

impl<T> Default for Few<T> {
    fn default() -> Self {
        Self {
            inline: [None],
            spill: Vec::new(),
        }
    }
}

impl<T> Few<T> {
    fn push(&mut self, value: T) {
        match self.inline.iter_mut().find(|x| x.is_none()) {
            Some(slot) => *slot = Some(value),
            None => self.spill.push(value),
        }
    }

    /// Whether there is no value.
    pub(crate) fn is_empty(&self) -> bool {
        self.inline[0].is_none()
    }

    /// Every value, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> + Clone + '_ {
        self.inline.iter().flatten().chain(&self.spill)
    }
}

/// Byte ranges of values.
pub(crate) type Ranges = Few<Range<usize>>;

/// One item of a `tools` (or `plugins`) array, over every spelling of its keys.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tool {
    /// The range of every `type` (a plugin's `id`) string a reader may see.
    pub(crate) types: Ranges,
    /// A `type` key whose value is not a string, or an item that is not an object.
    pub(crate) odd: bool,
    /// Whether a `type` key (a plugin's `id`) is present under its exact name (else exact
    /// readers see an item without one).
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

/// One occurrence of an object whose fields are forced (OpenRouter's `provider`).
#[derive(Debug, Clone)]
pub(crate) struct ForcedObject {
    /// The key is the object's exact name.
    pub(crate) exact: bool,
    /// The value's byte range.
    pub(crate) value: Range<usize>,
    /// Whether the value is an object (else `null`, or another type when `!null`).
    pub(crate) object: bool,
    /// Whether the value is `null`.
    pub(crate) null: bool,
    /// Whether the object has no members.
    pub(crate) empty: bool,
    /// Its members named like a forced field: the field's index, whether exactly, the value.
    pub(crate) members: Few<(usize, bool, Range<usize>)>,
}

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
    /// The items of every `tools` array, when read.
    pub(crate) tools: Few<Tool>,
    /// A `tools` value that is neither an array nor `null`.
    pub(crate) tools_odd: bool,
    /// Every occurrence of the forced object, when read.
    pub(crate) forced: Few<ForcedObject>,
    /// The items of every `plugins` array, when read (their `id` as the item's type).
    pub(crate) plugins: Few<Tool>,
    /// A `plugins` value that is neither an array nor `null`.
    pub(crate) plugins_odd: bool,
    /// The byte ranges of every item of every `models` array, when read.
    pub(crate) models: Ranges,
    /// A `models` value that is neither an array of strings nor `null`.
    pub(crate) models_odd: bool,
    /// Every occurrence of a field rule's path: the rule's index in [`Read::paths`] and the
    /// value's range.
    pub(crate) paths: Few<(u8, Range<usize>)>,
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

/// Reads the rule fields of the JSON object `b`, and what `what` asks for beyond them.
///
/// # Errors
/// When `b` is not UTF-8 or not one valid JSON object.
pub(crate) fn read(b: &[u8], mut what: Read) -> Result<Fields, JsonError> {
    let mut fields = Fields::default();
    what.path_letters = what
        .paths
        .iter()
        .filter(|r| r.is_denial())
        .filter_map(|r| r.path.as_bytes().first())
        .filter(|c| c.is_ascii_alphabetic())
        .fold(0, |m, c| m | 1 << (c.to_ascii_lowercase() - b'a'));
    json::read_object(b, |s, key| read_field(s, b, &key, what, true, &mut fields))?;
    Ok(fields)
}

/// Reads the value at the cursor if `key` names a rule field; `top`: at the top level (only
/// there are `input` and `session` read).
fn read_field(
    s: &mut Scanner<'_>,
    b: &[u8],
    key: &Str,
    what: Read,
    top: bool,
    fields: &mut Fields,
) -> Result<(), JsonError> {
    if let Some(forced) = what.forced.filter(|_| top)
        && key.folds_to(b, forced.object)
    {
        let exact = key.is(b, forced.object);
        return forced_object(s, b, forced, exact, fields);
    }
    let Some((field, exact)) = match_key(b, key, &FIELDS) else {
        if top && may_start_path(b, key, what) {
            return path_value(s, b, key, what.paths, 0, u64::MAX, fields);
        }
        s.value()?;
        return Ok(());
    };
    let start = s.position();
    match field {
        Field::Input if top && what.input && s.peek_value() == Some(b'[') => {
            fields.input_references_state |= input_references_state(s, b)?;
        }
        Field::Session if top && what.session && s.peek_value() == Some(b'{') => {
            s.object(|s, key| read_field(s, b, &key, what, false, fields))?;
            return Ok(());
        }
        Field::Tools if what.tools => match s.peek_value() {
            Some(b'[') => tools(s, b, &mut fields.tools, 0)?,
            _ => {
                let v = s.value()?;
                fields.tools_odd |= &b[v] != b"null";
            }
        },
        Field::Plugins if top && what.plugins => match s.peek_value() {
            Some(b'[') => plugins(s, b, &mut fields.plugins)?,
            _ => {
                let v = s.value()?;
                fields.plugins_odd |= &b[v] != b"null";
            }
        },
        Field::Models if top && what.plugins => match s.peek_value() {
            Some(b'[') => s.array(|s| {
                let v = s.value()?;
                if b[v.start] == b'"' {
                    fields.models.push(v);
                } else {
                    fields.models_odd = true;
                }
                Ok(())
            })?,
            _ => {
                let v = s.value()?;
                fields.models_odd |= &b[v] != b"null";
            }
        },
        Field::Input | Field::Session if !top => {
            s.value()?;
            return Ok(());
        }
        _ => {
            s.value()?;
        }
    }
    // A value's range: the scanner stops right after it (leading whitespace is skipped first).
    let value = trimmed(b, start, s.position());
    fields.push(Hit {
        field,
        exact,
        start: value.start,
        end: value.end,
    });
    Ok(())
}

/// Reads one occurrence of the forced object at the cursor.
fn forced_object(
    s: &mut Scanner<'_>,
    b: &[u8],
    forced: &crate::catalog::Forced,
    exact: bool,
    fields: &mut Fields,
) -> Result<(), JsonError> {
    let start = s.position();
    let mut o = ForcedObject {
        exact,
        value: 0..0,
        object: false,
        null: false,
        empty: true,
        members: Few::default(),
    };
    if s.peek_value() == Some(b'{') {
        o.object = true;
        s.object(|s, key| {
            o.empty = false;
            let v = s.value()?;
            if let Some(i) = forced.fields.iter().position(|(k, _)| key.folds_to(b, k)) {
                let k = forced.fields[i].0;
                o.members.push((i, key.is(b, k), v));
            }
            Ok(())
        })?;
    } else {
        let v = s.value()?;
        o.null = &b[v] == b"null";
    }
    o.value = trimmed(b, start, s.position());
    fields.forced.push(o);
    Ok(())
}

/// Walks the `plugins` array at the cursor: each item's `id` is read as its type.
fn plugins(s: &mut Scanner<'_>, b: &[u8], out: &mut Few<Tool>) -> Result<(), JsonError> {
    s.array(|s| {
        let mut plugin = Tool::default();
        if s.peek_value() != Some(b'{') {
            s.value()?;
            plugin.odd = true;
            out.push(plugin);
            return Ok(());
        }
        s.object(|s, key| {
            let v = s.value()?;
            if key.folds_to(b, "id") {
                plugin.type_exact |= key.is(b, "id");
                if b[v.start] == b'"' {
                    plugin.types.push(v);
                } else {
                    plugin.odd = true;
                }
            }
            Ok(())
        })?;
        out.push(plugin);
        Ok(())
    })
}

/// The range `start..end` without the whitespace the scanner skipped before the value.
fn trimmed(b: &[u8], start: usize, end: usize) -> Range<usize> {
    start
        + b[start..end]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count()..end
}

/// A key of a `tools` item that the tool rules read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ToolKey {
    Type,
    Model,
    Environment,
    Tools,
    AllowedCallers,
}

const TOOL_KEYS: [(&str, ToolKey); 5] = [
    ("type", ToolKey::Type),
    ("model", ToolKey::Model),
    ("environment", ToolKey::Environment),
    ("tools", ToolKey::Tools),
    ("allowed_callers", ToolKey::AllowedCallers),
];

/// How deep `tools` may nest in `tools` (a `namespace` groups tools one level down): an item
/// nested deeper is not read and counts as odd, so the walk cannot exhaust the stack.
const MAX_TOOL_NESTING: usize = 4;

/// Walks the `tools` array at the cursor, `depth` levels down; the tools a `namespace` tool
/// groups (its own `tools`) are items too.
fn tools(
    s: &mut Scanner<'_>,
    b: &[u8],
    out: &mut Few<Tool>,
    depth: usize,
) -> Result<(), JsonError> {
    s.array(|s| {
        let mut tool = Tool::default();
        if s.peek_value() != Some(b'{') {
            s.value()?;
            tool.odd = true;
            out.push(tool);
            return Ok(());
        }
        let (mut environments, mut local) = (0, 0);
        let (mut type_exact, mut environment_exact) = (false, false);
        let (mut callers_exact, mut callers_other) = (false, false);
        s.object(|s, key| {
            let Some((k, exact)) = match_key(b, &key, &TOOL_KEYS) else {
                s.value()?;
                return Ok(());
            };
            match k {
                ToolKey::Type => {
                    type_exact |= exact;
                    let v = s.value()?;
                    if b[v.start] == b'"' {
                        tool.types.push(v);
                    } else {
                        tool.odd = true;
                    }
                }
                ToolKey::Model => {
                    let v = s.value()?;
                    tool.model_exact |= exact;
                    tool.models.push(v);
                }
                ToolKey::Tools if s.peek_value() == Some(b'[') && depth < MAX_TOOL_NESTING => {
                    tools(s, b, out, depth + 1)?;
                }
                ToolKey::Tools if s.peek_value() == Some(b'[') => {
                    s.value()?;
                    tool.odd = true;
                }
                ToolKey::Tools => {
                    s.value()?;
                }
                ToolKey::AllowedCallers => {
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
                ToolKey::Environment => {
                    environments += 1;
                    if s.peek_value() == Some(b'{') {
                        let (mut types, mut locals, mut exact_type) = (0, 0, false);
                        s.object(|s, key| {
                            let v = s.value()?;
                            if let Some((ToolKey::Type, exact)) = match_key(b, &key, &TOOL_KEYS) {
                                exact_type |= exact;
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
        tool.environment_local = environment_exact && environments == local;
        tool.callers_direct = callers_exact && !callers_other;
        tool.type_exact = type_exact;
        out.push(tool);
        Ok(())
    })
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
        read(
            body.as_bytes(),
            Read {
                input: true,
                ..Read::default()
            },
        )
        .unwrap()
        .input_references_state
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

    /// A field rule's path is followed only from a key no other reader claims: its first key is
    /// no rule field nor a forced object, and an endpoint has at most 64 field rules.
    #[test]
    fn every_catalog_field_path_can_be_read() {
        for catalog in crate::catalog::Catalog::all() {
            for e in catalog.endpoints() {
                assert!(
                    e.fields.len() <= 64,
                    "{}: more than 64 field rules",
                    e.rule.id
                );
                for f in e.fields {
                    let first = f.path.split('.').next().unwrap();
                    assert!(
                        FIELDS.iter().all(|(n, _)| !n.eq_ignore_ascii_case(first)),
                        "{}: `{}` starts with a rule field",
                        e.rule.id,
                        f.path
                    );
                    assert!(
                        e.forced
                            .is_none_or(|o| !o.object.eq_ignore_ascii_case(first)),
                        "{}: `{}` starts with the forced object",
                        e.rule.id,
                        f.path
                    );
                    assert!(f.path.split('.').all(|s| !s.is_empty() && s.is_ascii()));
                }
            }
        }
    }

    #[test]
    fn folded_keys_are_fields_but_not_exact() {
        let b = br#"{"Store":true,"store":false,"MODEL":"m","x":1}"#;
        let f = read(b, Read::default()).unwrap();
        let stores: Vec<_> = f
            .of(Field::Store)
            .map(|h| (h.exact, &b[h.value()]))
            .collect();
        assert_eq!(stores, [(false, &b"true"[..]), (true, &b"false"[..])]);
        assert!(!f.has_exact(Field::Model));
        assert_eq!(f.of(Field::Model).count(), 1);
    }
}

/// A key of a batch input line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKey {
    Method,
    Url,
    Body,
}

const LINE_KEYS: [(&str, LineKey); 3] = [
    ("method", LineKey::Method),
    ("url", LineKey::Url),
    ("body", LineKey::Body),
];

/// One line of a batch input file: the request the provider will run.
#[derive(Debug)]
pub(crate) struct BatchLine<'a> {
    pub(crate) method: Option<std::borrow::Cow<'a, str>>,
    pub(crate) url: Option<std::borrow::Cow<'a, str>>,
    /// The `body` object's bytes.
    pub(crate) body: Option<&'a [u8]>,
    /// A key given twice (in any spelling), or a value of the wrong type: readers disagree.
    pub(crate) ambiguous: bool,
}

/// Reads one batch input line, a JSON object with `method`, `url` and `body`.
///
/// # Errors
/// When the line is not UTF-8 or not one valid JSON object.
pub(crate) fn batch_line(b: &[u8]) -> Result<BatchLine<'_>, JsonError> {
    let mut line = BatchLine {
        method: None,
        url: None,
        body: None,
        ambiguous: false,
    };
    let mut seen = [false; 3];
    json::read_object(b, |s, key| {
        let Some((k, _)) = match_key(b, &key, &LINE_KEYS) else {
            s.value()?;
            return Ok(());
        };
        let slot = k as usize;
        line.ambiguous |= seen[slot];
        seen[slot] = true;
        let v = s.value()?;
        match k {
            LineKey::Body if b[v.start] == b'{' => line.body = Some(&b[v]),
            LineKey::Body => line.ambiguous = true,
            LineKey::Method | LineKey::Url => match json::string_value(b, v)? {
                Some(text) if k == LineKey::Method => line.method = Some(text),
                Some(text) => line.url = Some(text),
                None => line.ambiguous = true,
            },
        }
        Ok(())
    })?;
    Ok(line)
}
