//! The body-path index of an endpoint: its body rules in order, and every path of every rule
//! split into keys once, when the catalog is built, so that reading a body costs no splitting.

use super::{Action, BodyRule, Endpoint};

/// The most body rules, and the most paths, an endpoint may have (sets of them are `u64`
/// masks).
pub const MAX_RULES: usize = 64;

/// The most keys a path may have.
pub const MAX_DEPTH: usize = 6;

/// One path of one rule: each key without its `[]`, and whether it had one.
#[derive(Debug, Clone)]
pub struct PathKeys {
    /// The rule's index in [`BodyIndex::rules`].
    pub rule: u8,
    /// The keys, in order.
    pub keys: Vec<(&'static str, bool)>,
    /// Whether the rule reads `input[]` items (not string items).
    pub stored: bool,
    /// Whether the rule forces a member (the object the member belongs to is read too).
    pub force: bool,
}

impl PathKeys {
    /// The `depth`-th key without its `[]`, whether it has `[]`, and how many keys follow.
    pub fn segment(&self, depth: usize) -> Option<(&'static str, bool, usize)> {
        self.keys
            .get(depth)
            .map(|&(key, array)| (key, array, self.keys.len() - depth - 1))
    }
}

/// An endpoint's body rules and their paths.
#[derive(Debug, Default, Clone)]
pub struct BodyIndex {
    /// The rules, in order (the endpoint's groups, flattened; at most [`MAX_RULES`]).
    pub rules: Vec<&'static BodyRule>,
    /// Every path the guard reads (at most [`MAX_RULES`]).
    pub paths: Vec<PathKeys>,
    /// For each rule, its paths (a mask over [`paths`](Self::paths)).
    pub rule_paths: Vec<u64>,
    /// For each lower-case letter (`a` first), the paths whose first key starts with it in
    /// either case.
    pub by_letter: [u64; 26],
    /// For each rule, the [`Applies`] bits under which it has something to check: its own, or,
    /// for an item table, those of the table and its rows (model rows: their limit's); none for
    /// a written "allowed".
    pub when: Vec<u32>,
    /// For each rule, the earlier `store` rules of the same paths (the first that applies wins).
    pub shadowed_by: Vec<u64>,
}

impl BodyIndex {
    /// The list and item key of rule `rule`'s first path, if it names a list (`tools` and
    /// `type` for `tools[].type`).
    pub fn list_of(&self, rule: u8) -> Option<(&'static str, &'static str)> {
        let path = self.paths.iter().find(|p| p.rule == rule)?;
        match path.keys[..] {
            [.., (list, true), (key, false)] => Some((list, key)),
            _ => None,
        }
    }

    /// The index of `e`'s body rules.
    pub fn of(e: &'static Endpoint) -> Self {
        Self::from_rules(e.body_rules())
    }

    /// The index of `rules`, in order.
    pub fn from_rules(rules: impl IntoIterator<Item = &'static BodyRule>) -> Self {
        let mut index = Self::default();
        for r in rules.into_iter().take(MAX_RULES) {
            let i = index.rules.len() as u8;
            index.rules.push(r);
            let mut mask = 0;
            if r.is_read() {
                for path in r.paths.iter() {
                    if index.paths.len() == MAX_RULES {
                        break;
                    }
                    mask |= 1 << index.paths.len();
                    let keys = path
                        .split('.')
                        .take(MAX_DEPTH)
                        .map(|k| match k.strip_suffix("[]") {
                            Some(k) => (k, true),
                            None => (k, false),
                        })
                        .collect();
                    if let Some(c) = path.as_bytes().first().filter(|c| c.is_ascii_alphabetic()) {
                        index.by_letter[usize::from(c.to_ascii_lowercase() - b'a')] |=
                            1 << index.paths.len();
                    }
                    index.paths.push(PathKeys {
                        rule: i,
                        keys,
                        stored: matches!(r.action, Action::StoredItems),
                        force: matches!(r.action, Action::Force { .. }),
                    });
                }
            }
            index.rule_paths.push(mask);
            index.when.push(match r.action {
                Action::Allowed { .. } => 0,
                Action::Items(t) => t.when(),
                _ => r.applies.bit(),
            });
            let same_store = |o: &&BodyRule| {
                matches!(o.action, Action::Store { .. })
                    && matches!(r.action, Action::Store { .. })
                    && o.paths == r.paths
            };
            let shadow = index.rules[..usize::from(i)]
                .iter()
                .enumerate()
                .filter(|(_, o)| same_store(o))
                .fold(0, |m, (j, _)| m | 1 << j);
            index.shadowed_by.push(shadow);
        }
        index
    }
}
