//! The names of the providers and residency regions the catalogs describe.
//!
//! Each list is declared once: a variant, its name in profiles and its doc line. Adding a
//! provider is a variant here, a catalog file and a line in the registry (`catalog/mod.rs`); the
//! lists are slices, so a new variant breaks no user's code. Parsing a name (with a "did you
//! mean" for near misses) is the profile's business, where the error type lives.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares a fieldless enum whose variants have names in profiles: the enum (serialised by
/// name), `ALL` in declaration order, `as_str` and `Display`.
macro_rules! names {
    (
        $(#[$meta:meta])*
        pub enum $ty:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal, )+
        }
        $all_doc:literal
    ) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $ty {
            $( $(#[$vmeta])* #[serde(rename = $name)] $variant, )+
        }

        impl $ty {
            #[doc = $all_doc]
            pub const ALL: &'static [$ty] = &[$( Self::$variant ),+];

            /// The name used in profiles.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $name, )+
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names! {
    /// An LLM provider the guard has a catalog for.
    pub enum Provider {
        /// OpenAI, `https://api.openai.com/v1` and its regional hosts.
        OpenAi = "openai",
        /// Groq, `https://api.groq.com/openai/v1`.
        Groq = "groq",
        /// Fireworks, `https://api.fireworks.ai/inference/v1`.
        Fireworks = "fireworks",
        /// xAI, `https://api.x.ai/v1` and `https://us.api.x.ai/v1`.
        Xai = "xai",
        /// Mistral, `https://api.mistral.ai/v1` and its regional hosts.
        Mistral = "mistral",
        /// Together AI, `https://api.together.ai/v1` and its regional hosts.
        Together = "together",
        /// Azure OpenAI (Azure Direct Models in Microsoft Foundry): per-resource hosts, named by
        /// the profile's `base_url` (`https://{resource}.openai.azure.com/openai/v1`).
        AzureOpenAi = "azure_openai",
        /// OpenRouter, `https://openrouter.ai/api/v1` and its in-region hosts.
        OpenRouter = "openrouter",
        /// Anthropic, `https://api.anthropic.com/v1` (its OpenAI SDK compatibility layer and
        /// API).
        Anthropic = "anthropic",
        /// Google Gemini's OpenAI-compatible endpoint,
        /// `https://generativelanguage.googleapis.com/v1beta/openai`.
        Gemini = "gemini",
    }
    "Every provider, in declaration order (a slice: it grows with the catalogs)."
}

names! {
    /// A data-residency region: where a provider stores or processes a project's data. Which
    /// regions a provider has, and their hosts, is in its catalog
    /// ([`Catalog::regions`](super::Catalog::regions)).
    pub enum Region {
        /// United States.
        Us = "us",
        /// Europe: the EEA and Switzerland.
        Eu = "eu",
        /// Australia.
        Au = "au",
        /// Canada.
        Ca = "ca",
        /// Japan.
        Jp = "jp",
        /// India.
        In = "in",
        /// Singapore.
        Sg = "sg",
        /// South Korea.
        Kr = "kr",
        /// United Kingdom.
        Gb = "gb",
        /// United Arab Emirates.
        Ae = "ae",
    }
    "Every region, in declaration order (a slice: it grows with the catalogs)."
}

impl Region {
    /// The region a lower-case two-letter name (`eu`) stands for.
    pub fn from_code(code: &str) -> Option<Region> {
        Self::ALL.iter().copied().find(|r| r.as_str() == code)
    }

    /// The region's bit in a [`Regions`](super::Regions) set.
    pub(crate) const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` is the name serde reads and writes.
    #[test]
    fn names_are_serde_names() {
        for p in Provider::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        for r in Region::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        // A region set is a `u16`.
        assert!(Region::ALL.len() <= 16);
    }
}
