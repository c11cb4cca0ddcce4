//! `retention-guard serve`: the policy as a sidecar on loopback, for services not written in Rust.
//!
//! An SDK whose base URL is `http://127.0.0.1:PORT/v1` (OpenAI's; a provider's own base path
//! otherwise) sends its requests here; each is decided by the library's policy exactly as
//! in-process ([`retention_guard::adapter::check`]) and, when allowed, sent upstream over TLS
//! (rustls, the platform's roots) with the rewrites made, or refused with an error shaped like the
//! provider's own and nothing sent.
//!
//! - **Routing.** With one profile, the request's path and query go to that profile's host (the
//!   provider's, or its `base_url`'s). With several, the first path segment names the profile
//!   (`/eu/v1/chat/completions`), and that profile alone decides. Where a request goes is never
//!   taken from the caller's `Host` or from a full URL in the request line; residency routing is
//!   the profile's, as in-process.
//! - **Bodies.** A request body is buffered (up to `--max-body`) unless it is a multipart form,
//!   which streams: the guard buffers a form only when a rule needs one of its fields (the
//!   library's own limit). Responses (SSE included) stream back unbuffered, with backpressure.
//! - **Safety.** Binds 127.0.0.1 or a Unix socket; another address needs `--allow-remote`. API
//!   keys and bodies pass through and are never logged. `/_retention_guard/health` and
//!   `/_retention_guard/metrics` carry counts, never request data. At most `--max-connections`
//!   connections are served at once; headers are limited to `--max-header-bytes`. On SIGINT or
//!   SIGTERM it stops accepting and finishes the requests in flight (up to 30 seconds).

mod body;
mod errors;
mod proxy;
mod stats;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::command::{Outcome, ProfileArg, UsageError};
use proxy::Proxy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: ProfileArg,
    /// Where to listen: `127.0.0.1:PORT` (port 0 picks one; the address is printed), or
    /// `unix:/path/to.sock`.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    listen: String,
    /// Allow listening on an address other than loopback (every process that can reach it can
    /// then send through the sidecar with its own key).
    #[arg(long)]
    allow_remote: bool,
    /// The largest request body buffered for the rules (multipart forms stream).
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    max_body: usize,
    /// The largest request head (request line and headers).
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024)]
    max_header_bytes: usize,
    /// The most connections served at once; more are answered 503.
    #[arg(long, value_name = "N", default_value_t = 1024)]
    max_connections: usize,
    /// A PEM file of certificates to trust upstream besides the platform's roots (a private CA,
    /// or a test server's certificate).
    #[arg(long, value_name = "FILE")]
    upstream_ca: Option<PathBuf>,
    /// Send requests for HOST to ADDR instead of resolving it (`api.openai.com=127.0.0.1:8443`);
    /// repeatable.
    #[arg(long, value_name = "HOST=ADDR")]
    resolve: Vec<String>,
    /// Worker threads: 1 (the default) leaves the other cores to the service beside the sidecar;
    /// more spread many concurrent streams over cores.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,
    /// Print each decision's record (one JSON line per request, never a body, header value or
    /// key) on standard error.
    #[arg(long)]
    log_decisions: bool,
}

/// The listener: TCP, or a Unix socket.
enum Listener {
    Tcp(TcpListener),
    #[cfg(unix)]
    Unix(tokio::net::UnixListener, PathBuf),
}

pub async fn run(args: Args) -> Outcome {
    let policy = args.profile.policy()?;
    let stats = Arc::new(stats::Stats::default());
    let policy = if args.log_decisions {
        policy.with_observer(stats::DecisionLog)
    } else {
        policy
    }
    .with_observer(stats::Counter(stats.clone()));
    let client = upstream_client(&policy, &args)?;
    let proxy = Arc::new(Proxy::new(policy, client, stats, args.max_body));
    let listener = bind(&args).await?;
    let limit = Arc::new(Semaphore::new(args.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    loop {
        let accepted = tokio::select! {
            accepted = accept(&listener) => accepted,
            () = &mut shutdown => break,
        };
        let io = match accepted {
            Ok(io) => io,
            Err(e) => {
                eprintln!("retention-guard serve: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let permit = limit.clone().try_acquire_owned().ok();
        let proxy = proxy.clone();
        let mut builder = http1::Builder::new();
        builder.max_buf_size(args.max_header_bytes.max(8192));
        let service = service_fn(move |req| {
            let proxy = proxy.clone();
            let over = permit.is_none();
            async move { Ok::<_, std::convert::Infallible>(proxy.handle(req, over).await) }
        });
        let conn = builder.serve_connection(io, service);
        let watched = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = watched.await;
        });
    }
    eprintln!("retention-guard serve: shutting down, finishing the requests in flight");
    drop(listener);
    let finished = tokio::time::timeout(Duration::from_secs(30), graceful.shutdown()).await;
    if finished.is_err() {
        eprintln!("retention-guard serve: requests still in flight after 30 s were dropped");
    }
    Ok((ExitCode::SUCCESS, String::new()))
}

/// The upstream client: rustls with the platform's roots (and `--upstream-ca`), the guard's
/// redirect policy, `--resolve` overrides.
fn upstream_client(
    policy: &retention_guard::Policy,
    args: &Args,
) -> Result<reqwest::Client, UsageError> {
    let mut builder = retention_guard::client_builder(policy);
    if let Some(path) = &args.upstream_ca {
        let pem = std::fs::read(path)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", path.display())))?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            UsageError(format!(
                "{}: not a PEM certificate bundle: {e}",
                path.display()
            ))
        })?;
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    for entry in &args.resolve {
        let (host, addr) = entry
            .split_once('=')
            .ok_or_else(|| UsageError(format!("--resolve `{entry}`: expected HOST=ADDR")))?;
        let addr: SocketAddr = addr.parse().map_err(|e| {
            UsageError(format!(
                "--resolve `{entry}`: `{addr}` is not IP:PORT ({e})"
            ))
        })?;
        builder = builder.resolve(host, addr);
    }
    Ok(builder.build()?)
}

async fn bind(args: &Args) -> Result<Listener, UsageError> {
    if let Some(path) = args.listen.strip_prefix("unix:") {
        #[cfg(unix)]
        {
            let path = PathBuf::from(path);
            let _ = std::fs::remove_file(&path);
            let l = tokio::net::UnixListener::bind(&path)
                .map_err(|e| UsageError(format!("cannot listen on {}: {e}", path.display())))?;
            println!("listening on unix:{}", path.display());
            return Ok(Listener::Unix(l, path));
        }
        #[cfg(not(unix))]
        return Err(UsageError(format!(
            "unix:{path}: Unix sockets need a Unix system"
        )));
    }
    let addr: SocketAddr = args.listen.parse().map_err(|e| {
        UsageError(format!(
            "--listen `{}`: expected IP:PORT or unix:PATH ({e})",
            args.listen
        ))
    })?;
    if !addr.ip().is_loopback() && !args.allow_remote {
        return Err(UsageError(format!(
            "--listen {addr} is not a loopback address: every process that can reach it could \
             send through the sidecar; pass --allow-remote if that is intended"
        )));
    }
    let l = TcpListener::bind(addr)
        .await
        .map_err(|e| UsageError(format!("cannot listen on {addr}: {e}")))?;
    let bound = l.local_addr()?;
    println!("listening on http://{bound}");
    Ok(Listener::Tcp(l))
}

/// One accepted connection, boxed as one I/O type.
type Io = TokioIo<Box<dyn Conn>>;

trait Conn: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin> Conn for T {}

async fn accept(listener: &Listener) -> std::io::Result<Io> {
    match listener {
        Listener::Tcp(l) => {
            let (stream, _) = l.accept().await?;
            let _ = stream.set_nodelay(true);
            Ok(TokioIo::new(Box::new(stream)))
        }
        #[cfg(unix)]
        Listener::Unix(l, _) => {
            let (stream, _) = l.accept().await?;
            Ok(TokioIo::new(Box::new(stream)))
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Listener::Unix(_, path) = self {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut term) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
