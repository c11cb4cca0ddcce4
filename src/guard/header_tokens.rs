//! The header-token rule: a header whose tokens turn on features (a beta-features header) is read in
//! every occurrence, split on commas: each token is classified by the header's table as a tool
//! type is (see the `body::items` module), and a token the table does not know is denied where
//! the table applies ([`ParameterNotAllowed`](crate::ViolationKind::ParameterNotAllowed)). A
//! header value that is not visible ASCII cannot be read and is denied.

use super::body::items::{Named, table_applies};
use super::context::Ctx;
use crate::violation::Violation;

impl Ctx<'_> {
    /// The rule of the module docs, for the request's headers.
    pub(super) fn check_header_tokens(&self, headers: &http::HeaderMap) -> Result<(), Violation> {
        let Some(h) = self
            .endpoint
            .header_tokens
            .filter(|h| table_applies(self, h.tokens))
        else {
            return Ok(());
        };
        let table = h.tokens;
        let deny = |rule, reason, remedy| self.parameter_denied(rule, reason, remedy);
        for value in headers.get_all(h.header) {
            let Ok(value) = value.to_str() else {
                return deny(
                    &table.unknown,
                    format!("its `{}` header is not visible ASCII", h.header),
                    format!("send `{}` as plain ASCII tokens", h.header),
                );
            };
            for token in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                match self.named(table, token) {
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
                                self.ruling_out(r.applies)
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
                                self.ruling_out(table.applies)
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
