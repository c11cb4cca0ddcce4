//! The async-openai 0.42 adapter (feature `async-openai-0-42`): the same tower layer, stack and
//! [`GuardedClient`] as [`retention_guard::async_openai`](crate::async_openai) (for 0.43), for
//! applications that pin async-openai 0.42, as langchain-rust 7 (`^0.42`) does. `Client::with_http_service` and its
//! middleware are the same in 0.42 as in 0.43 (read from its source); what the 0.43 module's docs
//! say of the stack, retries, `with_http_client` and denials holds here too.
//!
//! ```no_run
//! # fn demo(guard: retention_guard::Guard) -> Result<(), Box<dyn std::error::Error>> {
//! use retention_guard::async_openai_0_42::GuardedClient;
//! let client = async_openai_0_42::Client::new()
//!     .with_retention_guard(&guard, reqwest::Client::builder())?;
//! # let _ = client; Ok(()) }
//! ```

use ::async_openai_0_42 as ao;

include!("async_openai/imp.rs");
