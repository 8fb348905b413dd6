//! The HTTP server: connections (capped, with a header-read and an idle timeout), the request pipeline
//! (host and origin check → log → preflight → fault → handler), CORS.

use crate::app::{lock, App};
use crate::config::Config;
use crate::connection::{Activity, Watched};
use crate::error::ApiError;
use crate::faults::{FaultSpec, LoggedRequest};
use crate::http::{error_response, HttpResponse, ReceivedRequest};
use crate::{api, control, statics};
use bytes::Bytes;
use futures_util::stream;
use http_body_util::{BodyExt, Either, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::percent_decode_str;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore};

/// Largest request body accepted.
const MAX_BODY: usize = 1 << 20;
/// The piece size of a body sent in chunks (a `chunked` fault).
const CHUNK: usize = 64 << 10;

/// What goes on the wire: a whole body (hyper gives it a `Content-Length`), or one in pieces (chunked).
type WireBody = Either<
    Full<Bytes>,
    StreamBody<stream::Iter<std::vec::IntoIter<Result<Frame<Bytes>, Infallible>>>>,
>;

/// The body of an answer a `chunked` fault marked: sent in pieces, so hyper can give no `Content-Length`.
#[derive(Clone)]
struct ChunkedBody(Bytes);

/// An emulator whose state is loaded (from the seed, or from `--state`), ready to serve.
pub struct Server {
    app: Arc<App>,
}

impl Server {
    /// Loads the state; refuses a state file it cannot read, lock or write, saying why.
    pub fn open(config: Config) -> Result<Server, String> {
        App::open(config).map(|app| Server { app: Arc::new(app) })
    }

    /// Serves HTTP/1.1 on `listener` until the task is dropped.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        let app = self.app;
        let limits = app.limits;
        let permits = Arc::new(Semaphore::new(limits.max_connections));
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin or die.
                    eprintln!("clerk-fapi-emulator: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Past the cap, close at once: waiting would let held connections pile up in the backlog.
            let Ok(permit) = permits.clone().try_acquire_owned() else {
                drop(stream);
                continue;
            };
            let _ = stream.set_nodelay(true);
            let app = app.clone();
            tokio::spawn(async move {
                let _permit = permit;
                // A `drop` fault fires this to close the connection without writing any answer.
                let hang_up = Arc::new(Notify::new());
                let hang_up_for_service = hang_up.clone();
                let activity = Activity::new();
                let activity_for_service = activity.clone();
                let service = service_fn(move |req| {
                    let app = app.clone();
                    let hang_up = hang_up_for_service.clone();
                    let busy = activity_for_service.begin();
                    async move {
                        let response = to_wire(handle(&app, req, &hang_up).await);
                        drop(busy);
                        Ok::<_, Infallible>(response)
                    }
                });
                // hyper's header-read timeout only runs with a timer (hyper::server::conn::http1::Builder::timer).
                let connection = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_read_timeout)
                    .serve_connection(
                        TokioIo::new(Watched::new(stream, activity.clone())),
                        service,
                    );
                tokio::select! {
                    _ = connection => {}
                    _ = hang_up.notified() => {}
                    _ = activity.idle(limits.idle_timeout) => {}
                }
            });
        }
    }
}

/// Serves HTTP/1.1 on `listener` until the task is dropped ([`Server::open`], then [`Server::serve`]).
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    Server::open(config)
        .map_err(std::io::Error::other)?
        .serve(listener)
        .await
}

async fn handle(app: &App, req: Request<Incoming>, hang_up: &Notify) -> HttpResponse {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path();
    let is_control = path == "/__emulator" || path.starts_with("/__emulator/");
    // Refused before the body is read, the request logged or a fault taken; no CORS header on the refusal.
    if let Err(refusal) = app.access.check(&parts.method, is_control, &parts.headers) {
        let trace = lock(&app.store).trace_id();
        return error_response(&refusal, &trace);
    }
    let origin = parts.headers.get(header::ORIGIN).cloned();
    // A request being handled is never idle: a body that trickles or stops is cut off here instead.
    let read = tokio::time::timeout(
        app.limits.body_read_timeout,
        Limited::new(body, MAX_BODY).collect(),
    );
    let refusal = match read.await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(_)) => Err(ApiError::body_too_large()),
        Err(_) => Err(ApiError::request_timeout()),
    };
    let body = match refusal {
        Ok(body) => body,
        Err(refusal) => {
            let trace = lock(&app.store).trace_id();
            return with_cors(error_response(&refusal, &trace), origin.as_ref());
        }
    };
    let raw_query = parts.uri.query().unwrap_or("").to_owned();
    let query: Vec<(String, String)> = form_urlencoded::parse(raw_query.as_bytes())
        .into_owned()
        .collect();
    // FAPI's method tunnelling (WIRE.md §3): only a POST may carry `_method`.
    let effective_method = match query.iter().find(|(k, _)| k == "_method") {
        Some((_, m)) if parts.method == Method::POST => m.to_ascii_uppercase(),
        _ => parts.method.as_str().to_owned(),
    };
    let request = ReceivedRequest {
        method: parts.method,
        effective_method,
        path: parts.uri.path().to_owned(),
        raw_query,
        query,
        headers: parts.headers,
        body,
    };
    let is_api = request.path == "/v1" || request.path.starts_with("/v1/");
    if is_api {
        log_request(app, &request);
    }
    let preflight = request.method == Method::OPTIONS;
    let fault = if is_control {
        None
    } else {
        let decoded = percent_decode_str(&request.path)
            .decode_utf8_lossy()
            .into_owned();
        lock(&app.faults).take(
            &request.effective_method,
            &request.path,
            &decoded,
            preflight,
        )
    };
    let response = match fault {
        Some(fault) => match apply_fault(app, &request, fault, hang_up).await {
            Some(response) => response,
            None => return hang_up_forever().await,
        },
        None if preflight => preflight_response(&request),
        None => route(app, &request).await,
    };
    with_cors(response, origin.as_ref())
}

async fn route(app: &App, request: &ReceivedRequest) -> HttpResponse {
    if request.path == "/v1" || request.path.starts_with("/v1/") {
        return durably(app, || api::handle(app, request), api::write_failed).await;
    }
    if request.path == "/__emulator" || request.path.starts_with("/__emulator/") {
        return durably(app, || control::handle(app, request), control::write_failed).await;
    }
    if request.method == Method::GET || request.method == Method::HEAD {
        if let Some(file) = statics::find(&app.statics, &request.path).await {
            let len = file.bytes.len();
            let body = if request.method == Method::HEAD {
                Bytes::new()
            } else {
                Bytes::from(file.bytes)
            };
            let mut response = Response::new(Full::new(body));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(file.content_type),
            );
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if request.method == Method::HEAD {
                response
                    .headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
            return response;
        }
    }
    let trace = lock(&app.store).trace_id();
    error_response(
        &ApiError::unexpected_request(&request.effective_method, &request.path),
        &trace,
    )
}

/// Runs a handler and answers once what it changed is in the state file (`--state`): an acknowledged
/// change is on disk. A failed write answers `failed` instead (the change stays in memory, and the next
/// write carries it).
async fn durably(
    app: &App,
    handler: impl FnOnce() -> HttpResponse,
    failed: fn(&App, &str) -> HttpResponse,
) -> HttpResponse {
    let before = app.revision();
    let response = handler();
    match app.persist_since(before).await {
        Ok(()) => response,
        Err(e) => failed(app, &e),
    }
}

/// Applies a fault; `None` means: drop the connection.
async fn apply_fault(
    app: &App,
    request: &ReceivedRequest,
    fault: FaultSpec,
    hang_up: &Notify,
) -> Option<HttpResponse> {
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop {
        hang_up.notify_one();
        return None;
    }
    let mut response = match fault.status {
        Some(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = fault.body.clone().unwrap_or_default();
            let no_body = status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED;
            let has_body = !body.is_empty() && !no_body;
            let mut response = Response::new(Full::new(if no_body {
                Bytes::new()
            } else {
                Bytes::from(body)
            }));
            *response.status_mut() = status;
            if has_body {
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
            }
            response
        }
        None if request.method == Method::OPTIONS => preflight_response(request),
        None => route(app, request).await,
    };
    for (name, value) in fault.header_pairs() {
        response.headers_mut().insert(name, value);
    }
    if fault.size.is_some() || fault.chunked {
        response = reshape_body(response, fault.size, fault.chunked).await;
    }
    Some(response)
}

/// Pads the body with spaces to `size` bytes, and marks it to be sent in chunks (see [`to_wire`]).
async fn reshape_body(response: HttpResponse, size: Option<usize>, chunked: bool) -> HttpResponse {
    let (mut parts, body) = response.into_parts();
    let Ok(collected) = body.collect().await;
    let mut bytes = collected.to_bytes();
    if let Some(size) = size.filter(|&size| size > bytes.len()) {
        let mut padded = Vec::with_capacity(size);
        padded.extend_from_slice(&bytes);
        padded.resize(size, b' ');
        bytes = Bytes::from(padded);
    }
    if chunked {
        parts.extensions.insert(ChunkedBody(bytes));
        return Response::from_parts(parts, Full::new(Bytes::new()));
    }
    Response::from_parts(parts, Full::new(bytes))
}

/// The answer as it goes on the wire: a body marked by [`reshape_body`] goes in pieces of [`CHUNK`].
fn to_wire(response: HttpResponse) -> Response<WireBody> {
    let (mut parts, body) = response.into_parts();
    match parts.extensions.remove::<ChunkedBody>() {
        Some(ChunkedBody(bytes)) => {
            let frames: Vec<_> = (0..bytes.len())
                .step_by(CHUNK)
                .map(|at| Ok(Frame::data(bytes.slice(at..bytes.len().min(at + CHUNK)))))
                .collect();
            Response::from_parts(parts, Either::Right(StreamBody::new(stream::iter(frames))))
        }
        None => Response::from_parts(parts, Either::Left(body)),
    }
}

async fn hang_up_forever() -> HttpResponse {
    // The connection task is being torn down; this future is dropped with it.
    std::future::pending::<()>().await;
    Response::new(Full::new(Bytes::new()))
}

fn log_request(app: &App, request: &ReceivedRequest) {
    let mut headers = serde_json::Map::new();
    for name in ["content-type", "authorization", "origin", "cookie"] {
        if let Some(value) = request.headers.get(name) {
            headers.insert(
                name.to_owned(),
                String::from_utf8_lossy(value.as_bytes())
                    .into_owned()
                    .into(),
            );
        }
    }
    let entry = LoggedRequest {
        method: request.method.as_str().to_owned(),
        path: request.path.clone(),
        query: request.query.clone(),
        raw_query: request.raw_query.clone(),
        headers,
        body: String::from_utf8_lossy(&request.body).into_owned(),
    };
    lock(&app.log).push(entry);
}

/// A CORS preflight answer: every method, the requested headers.
fn preflight_response(request: &ReceivedRequest) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PATCH, PUT, DELETE, OPTIONS"),
    );
    let requested = request
        .headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("content-type, authorization"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested);
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// CORS for a page on another origin, one [`crate::guard::Access`] let through: echo it, allow credentials,
/// expose Clerk's headers and the log's.
fn with_cors(mut response: HttpResponse, origin: Option<&HeaderValue>) -> HttpResponse {
    if let Some(origin) = origin {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(
                "Clerk-Db-Jwt, Retry-After, Authorization, X-Emulator-Log-Bytes, X-Emulator-Log-Max-Bytes, X-Emulator-Log-Dropped",
            ),
        );
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}
