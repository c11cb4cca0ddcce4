//! The path-template index of a catalog: a tree of path segments where, at each segment, a
//! literal beats `{name}`, which beats `**`, and an entry must also list the request's method.

use super::Endpoint;

#[derive(Debug, Default)]
pub(super) struct Node {
    literals: Vec<(&'static str, Node)>,
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
            node = if seg.starts_with('{') {
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
        if let Some((_, child)) = self.literals.iter().find(|(l, _)| l == first)
            && let Some(e) = child.find(bit, rest, more)
        {
            return Some(e);
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
