//! A policy that can be replaced while clients run: [`ReloadablePolicy`], and what adapters take,
//! [`PolicySource`].
//!
//! The rules:
//! - Each request is decided wholly by one policy: an adapter takes the policy in force when the
//!   request starts ([`PolicySource::current`]) and uses it for every step of that request
//!   (choosing the profile, the decision, the report, the response's attestation). A reload in
//!   the middle of concurrent requests loses none and mixes none.
//! - A policy file that fails to load changes nothing: the policy in force stays, the error is
//!   returned, logged (`tracing`, target `retention_guard::reload`) and reported to the
//!   observers ([`Observer::reload_failed`](super::Observer::reload_failed)). A reload never
//!   falls open.
//! - A policy reloaded from the file keeps the observers of the policy it replaces (observers
//!   belong to the application; the file to whoever rolls it out). Its mode and profiles are the
//!   file's. A policy put in force with [`ReloadablePolicy::replace`] comes as it is.
//! - Every [`Verdict`](crate::guard::Verdict) records the digest of the policy file that decided
//!   it ([`Policy::digest`]).
//! - Attestation state belongs to a profile's guard: a reloaded policy's guards start untripped.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use arc_swap::ArcSwap;

use super::Policy;
use crate::profile::ProfileError;

/// A policy that can be replaced while the clients built from it run.
///
/// Build clients from it (every adapter takes it where it takes a [`Policy`]); call
/// [`reload`](Self::reload) when the file changes, or let [`watch`](Self::watch) do it.
///
/// ```
/// use retention_guard::policy::ReloadablePolicy;
/// use retention_guard::Policy;
///
/// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = std::env::temp_dir().join(format!("rg-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let file = dir.join("policy.toml");
/// std::fs::write(&file, "provider = \"openai\"\nretention = \"zero_data_retention\"\n")?;
/// let policy = ReloadablePolicy::from_file(&file)?;
/// // let client = GuardedClientBuilder::new(&policy, reqwest::Client::builder())?.build();
/// let before = policy.current().digest().map(str::to_owned);
///
/// std::fs::write(&file, "provider = \"groq\"\nretention = \"zero_data_retention\"\n")?;
/// policy.reload()?;
/// assert_ne!(policy.current().digest().map(str::to_owned), before);
///
/// // A file that does not load changes nothing.
/// std::fs::write(&file, "provider = \"nobody\"\n")?;
/// assert!(policy.reload().is_err());
/// assert_eq!(policy.current().profiles().next().unwrap().provider().as_str(), "groq");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(()) }
/// # demo().unwrap();
/// ```
#[derive(Clone)]
pub struct ReloadablePolicy {
    shared: Arc<Shared>,
}

struct Shared {
    current: ArcSwap<Policy>,
    file: Option<PathBuf>,
}

impl fmt::Debug for ReloadablePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReloadablePolicy")
            .field("file", &self.shared.file)
            .field("current", &self.shared.current.load())
            .finish()
    }
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reloaded {
    /// The file's text is the one in force (same digest): nothing was replaced.
    Unchanged,
    /// The new policy is in force: requests that start from now on are decided by it.
    Replaced {
        /// The digest of the policy replaced, if it had one.
        from: Option<String>,
        /// The digest of the policy now in force.
        to: Option<String>,
    },
}

impl ReloadablePolicy {
    /// A reloadable policy, `policy` in force; with no file, [`replace`](Self::replace) changes
    /// it.
    pub fn new(policy: impl Into<Policy>) -> Self {
        Self {
            shared: Arc::new(Shared {
                current: ArcSwap::from_pointee(policy.into()),
                file: None,
            }),
        }
    }

    /// A reloadable policy read from the policy file at `path`, which [`reload`](Self::reload)
    /// reads again.
    ///
    /// # Errors
    /// As [`Policy::from_toml_file`].
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, ProfileError> {
        let path = path.as_ref();
        let policy = Policy::from_toml_file(path)?;
        Ok(Self {
            shared: Arc::new(Shared {
                current: ArcSwap::from_pointee(policy),
                file: Some(path.to_owned()),
            }),
        })
    }

    /// The same, with `configure` applied to the policy in force (to add observers, or set the
    /// mode in code): a reload carries the observers over, not the mode.
    #[must_use]
    pub fn configure(self, configure: impl FnOnce(Policy) -> Policy) -> Self {
        let current = Policy::clone(&self.shared.current.load());
        self.shared.current.store(Arc::new(configure(current)));
        self
    }

    /// The policy in force now. A request an adapter decides uses the policy in force when it
    /// starts, for every step.
    pub fn current(&self) -> Arc<Policy> {
        self.shared.current.load_full()
    }

    /// The policy file this policy is read from, if any.
    pub fn file(&self) -> Option<&Path> {
        self.shared.file.as_deref()
    }

    /// Puts `policy` in force as it is (with its own observers only).
    pub fn replace(&self, policy: Policy) -> Reloaded {
        let from = self.shared.current.load().digest().map(str::to_owned);
        let to = policy.digest().map(str::to_owned);
        self.shared.current.store(Arc::new(policy));
        tracing::info!(
            target: "retention_guard::reload",
            from = from.as_deref(),
            to = to.as_deref(),
            "a new retention policy is in force"
        );
        Reloaded::Replaced { from, to }
    }

    /// Reads the policy file again and, if it loads and differs from the policy in force, puts
    /// it in force with the observers of the policy it replaces.
    ///
    /// # Errors
    /// The file's load error, when it does not load (the policy in force stays, and the error
    /// is logged and reported to its observers); [`ProfileError::Io`] when the policy has no
    /// file.
    pub fn reload(&self) -> Result<Reloaded, ProfileError> {
        let Some(file) = &self.shared.file else {
            return Err(no_file(
                "this reloadable policy was not read from a file: call `replace`",
            ));
        };
        match Policy::from_toml_file(file) {
            Ok(policy) if policy.digest() == self.shared.current.load().digest() => {
                Ok(Reloaded::Unchanged)
            }
            // The observers belong to the application: the file's policy takes them over.
            Ok(policy) => {
                let observers = self.shared.current.load_full();
                Ok(self.replace(policy.with_observers_of(&observers)))
            }
            Err(error) => {
                let current = self.shared.current.load();
                tracing::error!(
                    target: "retention_guard::reload",
                    file = %file.display(),
                    error = %error,
                    in_force = current.digest(),
                    "the policy file did not load; the policy in force stays"
                );
                current.reload_failed(&error);
                Err(error)
            }
        }
    }

    /// Reloads the file whenever its text changes, checking every `every` on a thread of its
    /// own, until the returned [`Watch`] is dropped. A text that fails to load is reported once
    /// (as [`reload`](Self::reload) does) and then left until the file changes again.
    ///
    /// # Errors
    /// [`ProfileError::Io`] when the policy has no file, or the thread cannot be started.
    pub fn watch(&self, every: Duration) -> Result<Watch, ProfileError> {
        let Some(file) = self.shared.file.clone() else {
            return Err(no_file(
                "this reloadable policy was not read from a file: nothing to watch",
            ));
        };
        let stop = Arc::new(AtomicBool::new(false));
        let policy = self.clone();
        let stopped = stop.clone();
        let thread = std::thread::Builder::new()
            .name("retention-guard-watch".to_owned())
            .spawn(move || {
                // The text whose load failed, reported once until the file changes again.
                let mut failed: Option<Vec<u8>> = None;
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::park_timeout(every);
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(text) = std::fs::read(&file) else {
                        continue;
                    };
                    let in_force = policy.current();
                    if failed.as_ref() == Some(&text)
                        || in_force.digest() == Some(super::load::digest(&text).as_str())
                    {
                        continue;
                    }
                    failed = policy.reload().is_err().then_some(text);
                }
            })
            .map_err(|source| ProfileError::Io {
                path: file_of(self),
                source,
            })?;
        Ok(Watch {
            stop,
            thread: Some(thread),
        })
    }
}

fn no_file(why: &str) -> ProfileError {
    ProfileError::Io {
        path: PathBuf::new(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, why),
    }
}

fn file_of(policy: &ReloadablePolicy) -> PathBuf {
    policy.shared.file.clone().unwrap_or_default()
}

/// A running [`ReloadablePolicy::watch`]: dropping it stops the watching thread.
#[derive(Debug)]
pub struct Watch {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// The policy an adapter enforces: a [`Policy`] (or anything that converts into one: a
/// [`Guard`](crate::Guard), a [`Profile`](crate::Profile)), or a [`ReloadablePolicy`], whose
/// policy in force decides each request.
#[derive(Clone, Debug)]
pub struct PolicySource(Source);

#[derive(Clone, Debug)]
enum Source {
    Fixed(Policy),
    Reloadable(ReloadablePolicy),
}

/// The policy a request is decided by: [`PolicySource::current`].
#[derive(Debug, Clone)]
pub enum Current<'a> {
    /// A fixed policy.
    Fixed(&'a Policy),
    /// The policy in force when the request started.
    Reloadable(Arc<Policy>),
}

impl std::ops::Deref for Current<'_> {
    type Target = Policy;

    fn deref(&self) -> &Policy {
        match self {
            Self::Fixed(p) => p,
            Self::Reloadable(p) => p,
        }
    }
}

impl PolicySource {
    /// The policy in force, owned (for a request that outlives the borrow of its adapter).
    pub fn snapshot(&self) -> Policy {
        Policy::clone(&self.current())
    }

    /// The policy to decide a request by: hold it for the whole request.
    pub fn current(&self) -> Current<'_> {
        match &self.0 {
            Source::Fixed(p) => Current::Fixed(p),
            Source::Reloadable(r) => Current::Reloadable(r.current()),
        }
    }
}

impl<T: Into<Policy>> From<T> for PolicySource {
    fn from(policy: T) -> Self {
        Self(Source::Fixed(policy.into()))
    }
}

impl From<ReloadablePolicy> for PolicySource {
    fn from(policy: ReloadablePolicy) -> Self {
        Self(Source::Reloadable(policy))
    }
}

impl From<&ReloadablePolicy> for PolicySource {
    fn from(policy: &ReloadablePolicy) -> Self {
        Self(Source::Reloadable(policy.clone()))
    }
}
