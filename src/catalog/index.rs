//! The path-template index of a catalog: a tree of path segments where, at each segment, a
//! literal beats `{name}:method` (a segment that ends in `:method`, ASCII case-insensitively, after
//! a non-empty name: Google's `models/{model}:generateContent`), which beats `{name}`, which beats
//! `**`, and an entry must also list the request's method.

use super::Endpoint;

#[derive(Debug, Default)]
pub(super) struct Node {
    literals: Vec<(&'static str, Node)>,
    /// `{name}:method` segments, by their `:method` suffix.
    suffixed: Vec<(&'static str, Node)>,
    param: Option<Box<Node>>,
    here: Vec<&'static Endpoint>,
    rest: Vec<&'static Endpoint>,
}

impl Node {
    pub(super) fn insert(&mut self, template: &'static str, endpoint: &'static Endpoint) {
        let mut node = self;
        let segments = template.strip_prefix('/').unwrap_or(template);
        if segments.is_empty() {
            node.here.push(endpoint);
            return;
        }
        for seg in segments.split('/') {
            if seg == "**" {
                node.rest.push(endpoint);
                return;
            }
            node = if let Some(suffix) = method_suffix(seg) {
                let i = match node.suffixed.iter().position(|(l, _)| *l == suffix) {
                    Some(i) => i,
                    None => {
                        node.suffixed.push((suffix, Node::default()));
                        node.suffixed.len() - 1
                    }
                };
                &mut node.suffixed[i].1
            } else if seg.starts_with('{') {
                node.param.get_or_insert_with(Default::default)
            } else {
                let i = match node.literals.iter().position(|(l, _)| *l == seg) {
                    Some(i) => i,
                    None => {
                        node.literals.push((seg, Node::default()));
                        node.literals.len() - 1
                    }
                };
                &mut node.literals[i].1
            };
        }
        node.here.push(endpoint);
    }

    /// The entry for `segments`; `more`: the path goes on past them (only `**` may match it).
    pub(super) fn find(&self, bit: u8, segments: &[&str], more: bool) -> Option<&'static Endpoint> {
        let pick =
            |list: &[&'static Endpoint]| list.iter().copied().find(|e| e.methods.0 & bit != 0);
        let Some((first, rest)) = segments.split_first() else {
            return if more { None } else { pick(&self.here) }.or_else(|| pick(&self.rest));
        };
        // Literals are compared ASCII case-insensitively: a template with capitals
        // (`cachedContents`) names the same endpoint in the lower-case reading that
        // case-insensitive routers make.
        if let Some((_, child)) = self
            .literals
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(first))
            && let Some(e) = child.find(bit, rest, more)
        {
            return Some(e);
        }
        let (f, n) = (first.as_bytes(), first.len());
        for (suffix, child) in &self.suffixed {
            let m = suffix.len();
            if n > m
                && f[n - m..].eq_ignore_ascii_case(suffix.as_bytes())
                && let Some(e) = child.find(bit, rest, more)
            {
                return Some(e);
            }
        }
        if let Some(child) = &self.param
            && !first.is_empty()
            && let Some(e) = child.find(bit, rest, more)
        {
            return Some(e);
        }
        pick(&self.rest)
    }
}

/// The `:method` of a `{name}:method` template segment.
pub(super) fn method_suffix(seg: &'static str) -> Option<&'static str> {
    let close = seg.find('}')?;
    (seg.starts_with('{') && seg[close + 1..].starts_with(':') && close + 2 < seg.len())
        .then(|| &seg[close + 1..])
}
