//! The hosted-feature rules that are not tools: request fields and header tokens a catalog names.
//!
//! 1. A field rule's path (`deferred`, `container`, `extra_body.google.cached_content`) is read
//!    in every key spelling a server may accept (escapes decoded, Go's case folding) and at every
//!    occurrence. Where the rule applies (under zero data retention, or a residency region, as
//!    the catalog says), a value other than `null` or one the rule lists as keeping nothing is
//!    denied ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)) unless the
//!    profile's `allow_tools` names the rule's feature.
//! 2. A header whose tokens turn on features (`anthropic-beta`) is read in every occurrence,
//!    split on commas: each token is classified by the header's table as a tool type is (see the
//!    `tools` module), and a token the table does not know is denied where the table applies. A
//!    header value that is not visible ASCII cannot be read and is denied.

use http::Method;

use super::Guard;
use super::body::BodyRules;
use super::tools::Named;
use crate::catalog::{Endpoint, FieldAction};
use crate::fields::Fields;
use crate::json;
use crate::violation::Violation;

/// Whether the JSON value `v` is the JSON text `want` (strings compared after decoding).
fn value_is(b: &[u8], v: std::ops::Range<usize>, want: &str) -> bool {
    let text = &b[v.clone()];
    if text == want.as_bytes() {
        return true;
    }
    match (
        text.first(),
        want.strip_prefix('"').and_then(|w| w.strip_suffix('"')),
    ) {
        (Some(b'"'), Some(w)) => json::string_value(b, v)
            .ok()
            .flatten()
            .is_some_and(|s| s == w),
        _ => false,
    }
}

impl Guard {
    /// Rule 1 of the module docs, for the fields `f` read from body `b`.
    pub(super) fn check_fields(
        &self,
        rules: &BodyRules,
        f: &Fields,
        b: &[u8],
        method: &Method,
        path: &str,
    ) -> Result<(), Violation> {
        let p = &self.inner.profile;
        for (i, range) in f.paths.iter() {
            let rule = &rules.fields[usize::from(*i)];
            let FieldAction::Denied { unless } = rule.action else {
                continue;
            };
            if !rules.holds(rule.applies)
                || value_is(b, range.clone(), "null")
                || unless.iter().any(|u| value_is(b, range.clone(), u))
                || p.waives(rule.feature, rule.path)
            {
                continue;
            }
            let feature = rule
                .feature
                .map_or("stored state".to_owned(), |f| f.what().to_owned());
            let keep = match unless {
                [] => format!("omit `{}`", rule.path),
                some => format!("omit `{}` or send {}", rule.path, some.join(" or ")),
            };
            return self.parameter_denied(
                method,
                path,
                &rule.rule,
                format!(
                    "`{}` is set, which turns on {feature}; {} rules it out",
                    rule.path,
                    self.ruling_out(rules, rule.applies)
                ),
                match rule.feature {
                    Some(f) => format!(
                        "{keep}, or add `allow_tools = [\"{f}\"]` to the profile if the agreement \
                         covers it"
                    ),
                    None => format!(
                        "{keep}, or add `allow_tools = [\"type:{}\"]` to the profile if the \
                         agreement covers it",
                        rule.path
                    ),
                },
            );
        }
        Ok(())
    }

    /// Rule 2 of the module docs, for the request's headers.
    pub(super) fn check_header_tokens(
        &self,
        e: &'static Endpoint,
        rules: &BodyRules,
        headers: &http::HeaderMap,
        method: &Method,
        path: &str,
    ) -> Result<(), Violation> {
        let Some(h) = e.header_tokens.filter(|h| rules.table_applies(h.tokens)) else {
            return Ok(());
        };
        let table = h.tokens;
        let deny = |rule, reason, remedy| self.parameter_denied(method, path, rule, reason, remedy);
        for value in headers.get_all(h.header) {
            let Ok(value) = value.to_str() else {
                return deny(
                    &table.unknown,
                    format!("its `{}` header is not visible ASCII", h.header),
                    format!("send `{}` as plain ASCII tokens", h.header),
                );
            };
            for token in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                match self.named(table, token, rules) {
                    Named::Pass => {}
                    // The catalog's own spelling of a known token, never the caller's bytes.
                    Named::Row(r) => {
                        let f = r
                            .feature
                            .map_or(format!("type:{}", r.tool), |f| f.to_string());
                        return deny(
                            &r.rule,
                            format!(
                                "`{}: {}` turns on {}, which {} rules out",
                                h.header,
                                r.tool,
                                r.feature.map_or("a hosted feature", |f| f.what()),
                                self.ruling_out(rules, r.applies)
                            ),
                            format!(
                                "drop `{}` from `{}`, or add `allow_tools = [\"{f}\"]` to the \
                                 profile if the agreement covers it",
                                r.tool, h.header
                            ),
                        );
                    }
                    Named::Unknown => {
                        return deny(
                            &table.unknown,
                            format!(
                                "a `{}` token is not one the catalog knows, so it may turn on a \
                                 feature outside the agreement, which {} rules out",
                                h.header,
                                self.ruling_out(rules, table.applies)
                            ),
                            format!(
                                "drop the unknown token from `{}`, or add `allow_tools = \
                                 [\"type:<token>\"]` to the profile if the agreement covers it",
                                h.header
                            ),
                        );
                    }
                }
            }
        }
        Ok(())
    }
}
