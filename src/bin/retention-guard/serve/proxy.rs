//! One request through the sidecar: choose the profile and the upstream origin, read the body as
//! the rules need, let the policy decide ([`retention_guard::adapter::check`]), then forward and
//! stream the answer back, or refuse with nothing sent.

use std::sync::Arc;

use futures_core::Stream;
use http::header::{self, HeaderMap, HeaderName};
use http::{Method, StatusCode};
use http_body_util::{BodyExt, BodyStream, Limited, StreamBody};
use hyper::body::Bytes;
use hyper::body::{Frame, Incoming};
use retention_guard::{Policy, ProfileChoice, Violation};
use url::Url;

use super::body::Body;
use super::errors;
use super::stats::Stats;

/// The sidecar's state, shared by every connection.
pub struct Proxy {
    policy: Policy,
    client: reqwest::Client,
    stats: Arc<Stats>,
    max_body: usize,
    /// Each profile's upstream origin (`https://api.openai.com`), in the policy's order.
    origins: Vec<(String, Url)>,
}

/// Headers that belong to one connection, not to the request (RFC 9110, 7.6.1), and those the
/// client sets itself.
fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "host"
            | "content-length"
    )
}

impl Proxy {
    pub fn new(
        policy: Policy,
        client: reqwest::Client,
        stats: Arc<Stats>,
        max_body: usize,
    ) -> Self {
        let origins = policy
            .guards()
            .iter()
            .map(|g| {
                // The `base_url`'s origin when the profile has one (a gateway, or a provider's
                // own host under another mount), else the provider's host.
                let base: Url = match g.profile().base_url() {
                    Some(b) => b.clone(),
                    None => g.default_base().parse().expect("a profile's base is a URL"),
                };
                let mut origin = base;
                origin.set_path("");
                origin.set_query(None);
                (g.profile().name().to_owned(), origin)
            })
            .collect();
        Self {
            policy,
            client,
            stats,
            max_body,
            origins,
        }
    }

    /// Answers one request. `over`: the connection is beyond `--max-connections`.
    pub async fn handle(&self, req: hyper::Request<Incoming>, over: bool) -> hyper::Response<Body> {
        if over {
            return errors::plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "sidecar_busy",
                "the sidecar is serving its maximum number of connections (--max-connections)",
            );
        }
        let path = req.uri().path();
        if let Some(what) = path.strip_prefix("/_retention_guard/") {
            return self.stats.endpoint(what, req.method(), &self.policy);
        }
        if req.uri().authority().is_some() || req.uri().scheme().is_some() {
            return errors::plain(
                StatusCode::BAD_REQUEST,
                "absolute_target",
                "send the path only: the upstream is the profile's, never one named by the request",
            );
        }
        // The profile, and the path after its prefix.
        let (choice, origin, rest) = if self.origins.len() == 1 {
            (None, &self.origins[0].1, path)
        } else {
            let trimmed = path.trim_start_matches('/');
            let (name, rest) = trimmed.split_at(trimmed.find('/').unwrap_or(trimmed.len()));
            let Some((name, origin)) = self.origins.iter().find(|(n, _)| n == name) else {
                return errors::plain(
                    StatusCode::NOT_FOUND,
                    "unknown_profile",
                    "the policy has several profiles: start the path with a profile's name \
                     (`/NAME/v1/…`)",
                );
            };
            (Some(ProfileChoice::new(name.as_str())), origin, rest)
        };
        let mut target = format!("{}{}", origin.as_str().trim_end_matches('/'), rest);
        if let Some(q) = req.uri().query() {
            target.push('?');
            target.push_str(q);
        }
        let Ok(url) = Url::parse(&target) else {
            return errors::plain(StatusCode::BAD_REQUEST, "bad_path", "the path is not valid");
        };
        let (parts, body) = req.into_parts();
        let mut upstream = reqwest::Request::new(parts.method.clone(), url);
        let mut headers = HeaderMap::with_capacity(parts.headers.len());
        for (name, value) in &parts.headers {
            if !hop_by_hop(name) {
                headers.append(name.clone(), value.clone());
            }
        }
        let multipart = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| ct.trim_start().as_bytes().get(..10))
            .is_some_and(|p| p.eq_ignore_ascii_case(b"multipart/"));
        *upstream.headers_mut() = headers;
        if parts.method != Method::GET && parts.method != Method::HEAD {
            if multipart {
                *upstream.body_mut() = Some(reqwest::Body::wrap_stream(data_stream(body)));
            } else {
                match Limited::new(body, self.max_body).collect().await {
                    Ok(collected) => {
                        let bytes = collected.to_bytes();
                        if !bytes.is_empty() {
                            *upstream.body_mut() = Some(reqwest::Body::from(bytes));
                        }
                    }
                    Err(e)
                        if e.downcast_ref::<http_body_util::LengthLimitError>()
                            .is_some() =>
                    {
                        return errors::plain(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "body_too_large",
                            "the request body is larger than the sidecar buffers (--max-body)",
                        );
                    }
                    Err(_) => {
                        return errors::plain(
                            StatusCode::BAD_REQUEST,
                            "body_unreadable",
                            "the request body could not be read",
                        );
                    }
                }
            }
        }
        let verdict =
            match retention_guard::adapter::check(&self.policy, &mut upstream, choice.as_ref())
                .await
            {
                Ok(verdict) => verdict,
                Err(v) => return errors::denied(&v),
            };
        let resp = match self.client.execute(upstream).await {
            Ok(resp) => resp,
            Err(e) => {
                // A redirect the guard refused is a denial; anything else, the upstream's fault.
                if let Some(v) = Violation::find(&e) {
                    return errors::denied(v);
                }
                self.stats.upstream_error();
                return errors::plain(
                    StatusCode::BAD_GATEWAY,
                    "upstream_unreachable",
                    &format!("the provider could not be reached: {}", without_url(&e)),
                );
            }
        };
        if let Err(v) =
            self.policy
                .check_response(verdict.profile.as_deref(), resp.status(), resp.headers())
        {
            return errors::denied_with(StatusCode::BAD_GATEWAY, &v);
        }
        let mut out = hyper::Response::builder().status(resp.status());
        for (name, value) in resp.headers() {
            if !hop_by_hop(name) || name == header::CONTENT_LENGTH {
                out = out.header(name, value);
            }
        }
        let stream = Box::pin(resp.bytes_stream());
        let body = StreamBody::new(FrameStream(stream));
        out.body(BodyExt::boxed(body)).unwrap_or_else(|_| {
            errors::plain(
                StatusCode::BAD_GATEWAY,
                "bad_upstream",
                "the provider's response could not be relayed",
            )
        })
    }
}

/// A reqwest error's message and its causes, without its URL (which may carry a key in its
/// query).
fn without_url(e: &reqwest::Error) -> String {
    // The message without the URL: reqwest appends it as ` for url (…)`.
    let mut text = e.to_string();
    if let Some(i) = text.find(" for url (") {
        text.truncate(i);
    }
    let mut next = std::error::Error::source(e);
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}

/// The request body as a stream of data chunks, for a form that streams upstream.
fn data_stream(body: Incoming) -> impl Stream<Item = Result<Bytes, hyper::Error>> + Send + 'static {
    DataOnly(BodyStream::new(body))
}

struct DataOnly(BodyStream<Incoming>);

impl Stream for DataOnly {
    type Item = Result<Bytes, hyper::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        loop {
            match std::pin::Pin::new(&mut self.0).poll_next(cx) {
                std::task::Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) => return std::task::Poll::Ready(Some(Ok(data))),
                    // Trailers are not forwarded.
                    Err(_) => continue,
                },
                std::task::Poll::Ready(Some(Err(e))) => {
                    return std::task::Poll::Ready(Some(Err(e)));
                }
                std::task::Poll::Ready(None) => return std::task::Poll::Ready(None),
                std::task::Poll::Pending => return std::task::Poll::Pending,
            }
        }
    }
}

/// The upstream response's chunks as body frames.
struct FrameStream<S>(S);

impl<S> Stream for FrameStream<S>
where
    S: Stream<Item = Result<Bytes, reqwest::Error>> + Unpin,
{
    type Item = Result<Frame<Bytes>, Box<dyn std::error::Error + Send + Sync>>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::pin::Pin::new(&mut self.0)
            .poll_next(cx)
            .map(|o| o.map(|r| r.map(Frame::data).map_err(Into::into)))
    }
}
