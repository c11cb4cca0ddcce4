//! Reading profiles from TOML text with positions, so that every load error names the line and
//! column of the key or value at fault (or the environment variable that set it).
//!
//! A profile table is checked in three steps, each error located:
//! 1. every key is a profile key (else [`ProfileError::UnknownKey`] with the nearest key);
//! 2. every named value (`provider`, `retention`, `region`, …) is a known name (else
//!    [`ProfileError::Invalid`] with the nearest name);
//! 3. the table is deserialized (type errors) and validated (the rules of the profile module);
//!    an error naming a key points at its value, one naming an absent key at the table.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::values::{Named, parse_named};
use super::{
    Attest, DeploymentZone, OnStore, OnStoredItems, OnUnknownEndpoint, Origin, Profile,
    ProfileError, Provider, RawProfile, Region, Retention,
};

/// The keys of a profile table.
pub(crate) const PROFILE_KEYS: [&str; 20] = [
    "name",
    "provider",
    "retention",
    "region",
    "organization",
    "project",
    "base_url",
    "on_store",
    "on_stored_items",
    "on_unknown_endpoint",
    "allow",
    "allow_outside_region",
    "deny",
    "per_request_residency",
    "allow_tools",
    "allow_models",
    "account",
    "attest",
    "confirm",
    "deployments",
];

/// TOML text and the file it came from.
pub(crate) struct Source<'t> {
    pub(crate) text: &'t str,
    /// Named in each [`Origin`], unless an enclosing error names it.
    pub(crate) file: Option<String>,
}

impl<'t> Source<'t> {
    /// The document's root table and its span.
    pub(crate) fn parse(&self) -> Result<Spanned<DeTable<'t>>, ProfileError> {
        DeTable::parse(self.text).map_err(|e| self.toml_error(&e))
    }

    /// The line and column of byte `offset`.
    pub(crate) fn origin(&self, offset: usize) -> Origin {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Origin::Toml {
            file: self.file.clone(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// A TOML parser or deserializer error, at its position.
    pub(crate) fn toml_error(&self, e: &toml::de::Error) -> ProfileError {
        let message = e.message().trim_end().to_owned();
        match e.span() {
            Some(span) => ProfileError::Parse {
                origin: None,
                message,
            }
            .at(self.origin(span.start)),
            None => ProfileError::Parse {
                origin: self.file.clone(),
                message,
            },
        }
    }
}

/// One profile table: its entries, its span, and the keys environment variables set.
pub(crate) struct ProfileTable<'s, 't> {
    pub(crate) source: &'s Source<'t>,
    pub(crate) table: DeTable<'t>,
    pub(crate) span: Range<usize>,
    /// `(key, variable)`: keys set (or removed) by an environment variable.
    pub(crate) env: Vec<(&'static str, &'static str)>,
}

impl ProfileTable<'_, '_> {
    /// Checks, deserializes and validates the profile, locating any error.
    pub(crate) fn load(self) -> Result<Profile, ProfileError> {
        for (key, value) in &self.table {
            let name: &str = key.get_ref();
            if !PROFILE_KEYS.contains(&name) {
                // An array of tables near `profile` (`[[profiles]]`) is a policy's profile list.
                let tables = matches!(value.get_ref(), toml::de::DeValue::Array(_))
                    && super::suggest::nearest(name, ["profile"]).is_some();
                let e = ProfileError::UnknownKey {
                    key: name.to_owned(),
                    suggestion: if tables {
                        Some("[[profile]]")
                    } else {
                        super::suggest::nearest(name, PROFILE_KEYS)
                    },
                };
                return Err(e.at(self.source.origin(key.span().start)));
            }
            match self.check_names(name, value) {
                Ok(()) => {}
                Err(e @ ProfileError::At { .. }) => return Err(e),
                Err(e) => {
                    return Err(match self.locate(name, Some(value.span())) {
                        Some(origin) => e.at(origin),
                        None => e,
                    });
                }
            }
        }
        let whole = Spanned::new(self.span.clone(), DeValue::Table(self.table.clone()));
        // Environment values are strings checked above (and one boolean parsed when read), so
        // a type error has a position in the file.
        let raw = RawProfile::deserialize(ValueDeserializer::from(whole))
            .map_err(|e| self.source.toml_error(&e))?;
        raw.validate().map_err(|e| {
            let at = match e.key() {
                Some(k) => self.locate(k, self.value_span(k)),
                None => self.locate("", None),
            };
            match at {
                Some(origin) => e.at(origin),
                None => e,
            }
        })
    }

    /// Step 2: a named value is a known name.
    fn check_names(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<(), ProfileError> {
        fn named<T: Named>(value: &DeValue<'_>) -> Result<(), ProfileError> {
            match value {
                DeValue::String(s) => parse_named::<T>(s).map(drop),
                _ => Ok(()), // a type error, reported by deserialization
            }
        }
        match key {
            "provider" => named::<Provider>(value.get_ref()),
            "retention" => named::<Retention>(value.get_ref()),
            "region" => named::<Region>(value.get_ref()),
            "on_store" => named::<OnStore>(value.get_ref()),
            "on_stored_items" => named::<OnStoredItems>(value.get_ref()),
            "on_unknown_endpoint" => named::<OnUnknownEndpoint>(value.get_ref()),
            "attest" => named::<Attest>(value.get_ref()),
            "deployments" => {
                let DeValue::Table(t) = value.get_ref() else {
                    return Ok(());
                };
                for (_, zone) in t {
                    named::<DeploymentZone>(zone.get_ref())
                        .map_err(|e| e.at(self.source.origin(zone.span().start)))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The span of `key`'s value, if the table has the key.
    fn value_span(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .iter()
            .find(|(k, _)| *k.get_ref() == key)
            .map(|(_, v)| v.span())
    }

    /// Where `key` is: the variable that set it, its span in the file, or the table itself. A
    /// profile read from variables alone has no file: an absent key is located at the variable
    /// that would set it, if there is one.
    fn locate(&self, key: &str, span: Option<Range<usize>>) -> Option<Origin> {
        let env = |var: &str| Some(Origin::Env(var.to_owned()));
        if let Some((_, var)) = self.env.iter().find(|(k, _)| *k == key) {
            return env(var);
        }
        if self.source.text.is_empty() {
            let var = super::ENV_OVERRIDES.iter().find(|(_, k)| *k == key);
            return var.and_then(|(var, _)| env(var));
        }
        Some(
            self.source
                .origin(span.map_or(self.span.start, |s| s.start)),
        )
    }
}

/// A string value set by an environment variable (it has no position in any file).
pub(crate) fn env_entry<'t>(
    key: &str,
    value: DeValue<'t>,
) -> (Spanned<Cow<'t, str>>, Spanned<DeValue<'t>>) {
    (
        Spanned::new(0..0, Cow::Owned(key.to_owned())),
        Spanned::new(0..0, value),
    )
}
