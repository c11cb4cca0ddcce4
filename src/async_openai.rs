//! The async-openai 0.43 adapter: a tower [`RetentionGuardLayer`] for
//! `Client::with_http_service`, and [`GuardedClient::with_retention_guard`] to put it under an
//! existing client in one call.
//!
//! # How async-openai sends a request, and where the guard sits
//!
//! async-openai does not pass a `reqwest::Request` through its tower stack but an
//! [`HttpRequestFactory`], which rebuilds a fresh request for every attempt (a multipart body
//! cannot be cloned). The guard wraps the factory: the first build is checked before anything is
//! passed on — a denial returns at once, and the inner service is never called — and every later
//! rebuild (a retry) is checked again, rewritten the same way.
//!
//! ```text
//!   client.chat().create(..)  /  files().create(..)  /  ... (every API group, streaming included)
//!             |
//!      HttpRequestFactory
//!             |
//!   +---- OpenAIRetryLayer ----+      retries 429, 5xx, connect errors; a denial is not retried
//!   | +-- RetentionGuardLayer -+ |    builds + checks every attempt's request
//!   | |   ReqwestService        | |   a reqwest::Client from `client_builder` (redirects checked)
//!   | +------------------------+ |
//!   +--------------------------+
//! ```
//!
//! [`GuardedClient::with_retention_guard`] installs exactly this stack.
//!
//! # Sharp edges of async-openai (0.43, read from its source)
//!
//! - `Client::with_http_service` **replaces** the default executor, which is where
//!   async-openai's own retry (`OpenAIRetryLayer`) lives. A custom stack that should retry must
//!   add `OpenAIRetryLayer` itself; the stack installed here does.
//! - `Client::with_http_client` **resets** the executor to a plain reqwest one: calling it after
//!   the guard is installed **removes the guard**. Never call it on a guarded client; give your
//!   reqwest settings to [`GuardedClient::with_retention_guard`] as a `reqwest::ClientBuilder`
//!   instead (a built `reqwest::Client`'s redirect policy cannot be changed, and redirects must
//!   stay under the guard's control, so the guard takes the builder, not the client).
//! - Order: put `OpenAIRetryLayer` outside the guard (as here), so each retry is a new call into
//!   the guard. With the guard outside the retry layer, rebuilds are still checked (the guard
//!   hands the inner service a checking factory), but a denial on a rebuild then surfaces from
//!   inside the retry layer, which does not retry it either.
//! - Denials travel as `OpenAIError::Boxed`, whose source is the [`Violation`]:
//!   [`Violation::find`] gets it back.
//!   async-openai's retry classifies only `429`, `5xx` and connection errors as retryable, so a
//!   denial is never retried.
//! - Multipart requests (files, uploads, audio, image edits and variations) carry streaming
//!   bodies. Most are decided from the URL; when a rule needs a form field (the `model` of an
//!   image edit under zero data retention) the form is buffered, read, and the same bytes sent.
//! - Realtime over WebSocket does not go through this stack: open it with
//!   [`Guard::socket`](crate::Guard::socket), whose `check` decides each client event (the
//!   `tokio-tungstenite` feature wraps a socket with it).

use ::async_openai as ao;

include!("async_openai/imp.rs");
