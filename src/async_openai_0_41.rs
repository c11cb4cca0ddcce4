//! The async-openai 0.41 adapter (feature `async-openai-0-41`): the same tower layer, stack and
//! [`GuardedClient`] as [`retention_guard::async_openai`](crate::async_openai) (for 0.43), for
//! applications that pin async-openai 0.41, as swiftide 0.33 (`^0.41`) does. `Client::with_http_service` and its
//! middleware are the same in 0.41 as in 0.43 (read from its source); what the 0.43 module's docs
//! say of the stack, retries, `with_http_client` and denials holds here too.
//!
//! ```no_run
//! # fn demo(guard: retention_guard::Guard) -> Result<(), Box<dyn std::error::Error>> {
//! use retention_guard::async_openai_0_41::GuardedClient;
//! let client = async_openai_0_41::Client::new()
//!     .with_retention_guard(&guard, reqwest::Client::builder())?;
//! # let _ = client; Ok(()) }
//! ```

use ::async_openai_0_41 as ao;

include!("async_openai/imp.rs");
