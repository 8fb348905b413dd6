//! The single transport: every request goes through `gloo_net::http::Request`, and nothing else in
//! the crate sends one. It adds what every call needs (dev-browser token, session, auth header,
//! timeout, abort), reads the body with a size cap, retries where Clerk's SDK does, and turns every
//! failure into an [`Error`] or an [`ApiError`]. Never panics, never holds a `RefCell` borrow across
//! an `.await`. The clock and the brakes of a call are `call.js` ([`CallSignal`]).

use core::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Headers, Request as Fetch, RequestBuilder, Response};
use js_sys::{Function, Promise, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials, RequestRedirect, ResponseType};

use crate::error::Error;
use crate::fapi::cache::Cache;
use crate::fapi::config::AuthMode;
use crate::fapi::options::ClientSettings;
use crate::fapi::request::{endpoint, Method, Request};
use crate::fapi::response::ApiError;
use crate::model::{parse, Text};

#[wasm_bindgen(module = "/src/fapi/call.js")]
extern "C" {
    /// One call's signal, deadline, waits and capped body reads (see `call.js`).
    #[derive(Clone)]
    pub type CallSignal;

    #[wasm_bindgen(constructor, catch)]
    fn new(caller: &JsValue, timeout_ms: f64) -> Result<CallSignal, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallSignal) -> AbortSignal;

    #[wasm_bindgen(method, getter)]
    fn stopped(this: &CallSignal) -> u8;

    #[wasm_bindgen(method, getter)]
    fn elapsed(this: &CallSignal) -> f64;

    #[wasm_bindgen(method)]
    fn finish(this: &CallSignal);

    #[wasm_bindgen(method)]
    fn stop(this: &CallSignal, state: u8);

    #[wasm_bindgen(method)]
    fn until(this: &CallSignal, promise: &Promise) -> Promise;

    #[wasm_bindgen(method)]
    fn sleep(this: &CallSignal, ms: f64) -> Promise;

    #[wasm_bindgen(method)]
    fn read(this: &CallSignal, response: &web_sys::Response, cap: f64) -> Promise;
}

impl CallSignal {
    /// Starts a call's clock: `caller` is `options.signal` (`undefined`, or an `AbortSignal`).
    pub fn start(caller: &JsValue, timeout_ms: u32) -> Result<CallSignal, Error> {
        let call = CallSignal::new(caller, f64::from(timeout_ms))
            .map_err(|_| Error::option("options.signal must be an AbortSignal"))?;
        if call.stopped() == ABORTED {
            call.finish();
            return Err(Error::Aborted);
        }
        Ok(call)
    }

    /// Stops the call as its caller would (a list's newer load supersedes it).
    pub fn cancel(&self) {
        self.stop(ABORTED);
    }

    /// Whether the call was stopped (aborted, superseded or past its deadline).
    pub fn is_stopped(&self) -> bool {
        self.stopped() != 0
    }

    /// Releases the call's timer and its listener on the caller's signal.
    pub fn release(&self) {
        self.finish();
    }

    /// Waits for `promise`, unless the call stops first (`promise` then runs on).
    pub async fn wait(&self, promise: &Promise, timeout_ms: u32) -> Result<JsValue, Failure> {
        JsFuture::from(self.until(promise)).await.map_err(|error| {
            match self.interruption(timeout_ms) {
                Some(stopped) => stopped.into(),
                None => Failure::Js(error),
            }
        })
    }

    /// Why the call stopped, if it did: the caller's abort, or the deadline.
    fn interruption(&self, timeout_ms: u32) -> Option<Error> {
        match self.stopped() {
            ABORTED => Some(Error::Aborted),
            TIMED_OUT => Some(Error::Timeout(timeout_ms)),
            _ => None,
        }
    }
}

const ABORTED: u8 = 1;
const TIMED_OUT: u8 = 2;

/// A failed call: ours, or the Frontend API's answer.
pub enum Failure {
    /// A runtime error (`ClerkRuntimeError` in JS).
    Runtime(Error),
    /// An error answer (`ClerkAPIResponseError` in JS).
    Api(ApiError),
    /// A failure already turned into a JS error (a shared dev-browser creation that failed).
    Js(JsValue),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Runtime(error)
    }
}

/// GETs are retried after network errors as clerk-js does: 4 tries, 500 ms doubling up to 3 s.
const GET_TRIES: u32 = 4;
const FIRST_BACKOFF_MS: f64 = 500.0;
const MAX_BACKOFF_MS: f64 = 3000.0;
const FORM: &str = "application/x-www-form-urlencoded";
/// Clerk's Frontend API never redirects an API call, so a redirect is refused, and not retried.
const REDIRECT_REFUSED: &str =
    "the answer was a redirect, which is refused: the Frontend API never redirects API calls";

/// A configured Frontend API client and its mutable credentials.
pub struct Client {
    /// The validated options.
    pub settings: ClientSettings,
    /// Called with the piggybacked client after each mutation.
    pub on_client: Option<Function>,
    /// The session calls act for.
    pub session_id: RefCell<Option<String>>,
    /// The dev-browser token (development instances, cookie mode) or the client token (header mode).
    pub token: RefCell<Option<String>>,
    /// Set by `FrontendApi.free()`: calls not yet started are refused with `freed`.
    pub freed: Cell<bool>,
    /// A dev-browser creation in flight, shared by every call that needs the token meanwhile.
    pending_dev_browser: RefCell<Option<Promise>>,
    /// The client's list pages, live lists and mutations in flight.
    pub cache: Cache,
}

impl Client {
    /// A client for validated settings.
    pub fn new(settings: ClientSettings, on_client: Option<Function>) -> Client {
        Client {
            session_id: RefCell::new(settings.session_id.clone()),
            token: RefCell::new(settings.token.clone()),
            settings,
            on_client,
            freed: Cell::new(false),
            pending_dev_browser: RefCell::new(None),
            cache: Cache::default(),
        }
    }

    /// Refuses a call on a freed client.
    pub fn live(&self) -> Result<(), Error> {
        if self.freed.get() {
            Err(Error::Freed("FrontendApi"))
        } else {
            Ok(())
        }
    }

    /// Sends `request` and resolves to the body of its 2xx answer.
    pub async fn send(
        self: Rc<Self>,
        request: Request,
        call: CallSignal,
    ) -> Result<Vec<u8>, Failure> {
        let outcome = self.exchange(&request, &call).await;
        call.finish();
        outcome
    }

    async fn exchange(
        self: &Rc<Self>,
        request: &Request,
        call: &CallSignal,
    ) -> Result<Vec<u8>, Failure> {
        let config = &self.settings.config;
        let timeout_ms = self.settings.timeout_ms;
        let (mut tries, mut rate_limited, mut renewed_dev_browser) = (0, 0, false);
        loop {
            tries += 1;
            let token = if config.uses_dev_browser() || config.auth_mode == AuthMode::Header {
                self.token_for(call).await?
            } else {
                None
            };
            let session = self.session_id.try_borrow().ok().and_then(|s| s.clone());
            let url = request.url(config, session.as_deref(), token.as_deref());
            let response = match self.fetch(request, &url, token.as_deref(), call).await {
                Ok(response) => response,
                Err(Failure::Runtime(Error::Network(message)))
                    if request.method == Method::Get
                        && tries < GET_TRIES
                        && message != REDIRECT_REFUSED =>
                {
                    let backoff =
                        (FIRST_BACKOFF_MS * f64::from(1u32 << (tries - 1))).min(MAX_BACKOFF_MS);
                    self.pause(backoff, call).await?;
                    continue;
                }
                Err(failure) => return Err(failure),
            };
            self.pick_up_rotated_token(&response.headers());
            let answer =
                Answer::read(response, call, self.settings.max_response_bytes, timeout_ms).await?;
            if answer.ok() {
                return Ok(answer.body);
            }
            let (status, error) = (answer.status, answer.error());
            if let (429, Some(seconds)) = (status, error.retry_after) {
                let wait = f64::from(seconds) * 1000.0;
                // A wait that would outlast timeoutMs is not started: the 429 says more than a timeout.
                let left = f64::from(timeout_ms) - call.elapsed();
                let retry = self.settings.retry;
                if rate_limited < retry.max_retries
                    && wait <= f64::from(retry.max_wait_ms)
                    && wait < left
                {
                    rate_limited += 1;
                    self.pause(wait, call).await?;
                    continue;
                }
            }
            // An expired or unknown dev-browser token: FAPI refused before doing anything, so make a
            // new one and try once more (docs/wire.md §3).
            if error.first_code() == Some("dev_browser_unauthenticated")
                && config.uses_dev_browser()
                && !renewed_dev_browser
            {
                renewed_dev_browser = true;
                // Unless a concurrent call already replaced the token that was refused.
                if let Ok(mut current) = self.token.try_borrow_mut() {
                    if *current == token {
                        *current = None;
                    }
                }
                continue;
            }
            return Err(Failure::Api(error));
        }
    }

    /// One fetch: method, headers, form body, credentials and the call's signal (docs/wire.md §3).
    async fn fetch(
        &self,
        request: &Request,
        url: &str,
        token: Option<&str>,
        call: &CallSignal,
    ) -> Result<Response, Failure> {
        let mut builder = match request.method {
            Method::Get => Fetch::get(url),
            // Everything else is a CORS-simple POST; even a DELETE without a body carries the type.
            _ => Fetch::post(url).header("content-type", FORM),
        };
        builder = match self.settings.config.auth_mode {
            AuthMode::Cookie => builder.credentials(RequestCredentials::Include),
            AuthMode::Header => match token {
                Some(token) => builder.header("authorization", token),
                None => builder,
            }
            .credentials(RequestCredentials::Omit),
        };
        send(builder, request.body(), call, self.settings.timeout_ms).await
    }

    /// The token a call carries: the dev-browser token (made once when absent) or the client token.
    async fn token_for(self: &Rc<Self>, call: &CallSignal) -> Result<Option<String>, Failure> {
        let current = self.token.try_borrow().ok().and_then(|t| t.clone());
        if current.is_some() || !self.settings.config.uses_dev_browser() {
            return Ok(current);
        }
        let pending = self
            .pending_dev_browser
            .try_borrow()
            .ok()
            .and_then(|p| p.clone());
        let creation = match pending {
            Some(creation) => creation,
            None => {
                let creation = self.create_dev_browser()?;
                if let Ok(mut slot) = self.pending_dev_browser.try_borrow_mut() {
                    *slot = Some(creation.clone());
                }
                creation
            }
        };
        // Each caller waits with its own signal; the shared creation runs on (it has its own deadline),
        // so one caller's abort never fails the others.
        match JsFuture::from(call.until(&creation)).await {
            Ok(token) => Ok(token.as_string()),
            Err(error) => Err(match call.interruption(self.settings.timeout_ms) {
                Some(stopped) => stopped.into(),
                None => Failure::Js(error),
            }),
        }
    }

    /// `POST /v1/dev_browser`: plain POST, no body, no credentials; the token is `id` (docs/wire.md §3).
    /// Shared by every call that needs the token meanwhile; it stores the token and clears itself.
    fn create_dev_browser(self: &Rc<Self>) -> Result<Promise, Failure> {
        let url = endpoint::dev_browser().url(&self.settings.config, None, None);
        let call = CallSignal::start(&JsValue::UNDEFINED, self.settings.timeout_ms)?;
        let client = self.clone();
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let timeout_ms = client.settings.timeout_ms;
            let outcome = async {
                let builder = Fetch::post(&url).credentials(RequestCredentials::Omit);
                let response = send(builder, None, &call, timeout_ms).await?;
                let answer = Answer::read(
                    response,
                    &call,
                    client.settings.max_response_bytes,
                    timeout_ms,
                )
                .await?;
                if !answer.ok() {
                    return Err(Failure::Api(answer.error()));
                }
                #[derive(Deserialize)]
                struct DevBrowser {
                    id: Text,
                }
                parse::<DevBrowser>(&answer.body, "dev browser")
                    .map(|created| created.id.as_str().to_owned())
                    .map_err(|invalid| Error::InvalidResponse(invalid).into())
            }
            .await;
            call.finish();
            if let Ok(mut slot) = client.pending_dev_browser.try_borrow_mut() {
                *slot = None;
            }
            match outcome {
                Ok(token) => {
                    if let Ok(mut slot) = client.token.try_borrow_mut() {
                        *slot = Some(token.clone());
                    }
                    Ok(JsValue::from(token))
                }
                Err(failure) => Err(failure.into_js()),
            }
        }))
    }

    async fn pause(&self, ms: f64, call: &CallSignal) -> Result<(), Failure> {
        JsFuture::from(call.sleep(ms))
            .await
            .map(drop)
            .map_err(|_| stopped(call, self.settings.timeout_ms).into())
    }

    /// `Clerk-Db-Jwt` replaces the dev-browser token; in header mode `Authorization` replaces the
    /// client token (docs/wire.md §3).
    fn pick_up_rotated_token(&self, headers: &Headers) {
        let header = match self.settings.config.auth_mode {
            AuthMode::Cookie if self.settings.config.uses_dev_browser() => "clerk-db-jwt",
            AuthMode::Header => "authorization",
            AuthMode::Cookie => return,
        };
        if let (Some(rotated), Ok(mut token)) = (headers.get(header), self.token.try_borrow_mut()) {
            if !rotated.is_empty() {
                *token = Some(rotated);
            }
        }
    }

    /// Offers the piggybacked client of a mutation to `onClient` (its JSON text, parsed for JS).
    pub fn offer_client(&self, client: Option<&str>) {
        if let (Some(callback), Some(json)) = (&self.on_client, client) {
            if let Ok(client) = js_sys::JSON::parse(json) {
                // The application's callback throwing must not turn a done mutation into a failure.
                let _ = callback.call1(&JsValue::UNDEFINED, &client);
            }
        }
    }
}

/// Sends a built request with the call's signal; a rejection is the call's stop or a network error.
/// A redirect is never followed: `manual` (not `error`) so the refusal can say it was a redirect, before
/// anything of the answer (a `Clerk-Db-Jwt`) is read.
async fn send(
    builder: RequestBuilder,
    body: Option<String>,
    call: &CallSignal,
    timeout_ms: u32,
) -> Result<Response, Failure> {
    let builder = builder
        .abort_signal(Some(&call.signal()))
        .redirect(RequestRedirect::Manual);
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    };
    let request = request.map_err(|e| network(&e, call, timeout_ms))?;
    let response = request
        .send()
        .await
        .map_err(|e| network(&e, call, timeout_ms))?;
    // Browsers hide a redirect as an `opaqueredirect` answer; Node's fetch hands over the 3xx itself.
    if response.type_() == ResponseType::Opaqueredirect
        || matches!(response.status(), 301 | 302 | 303 | 307 | 308)
    {
        return Err(Error::Network(REDIRECT_REFUSED.to_owned()).into());
    }
    Ok(response)
}

/// An answer, read: its status, headers and body.
struct Answer {
    status: u16,
    status_text: String,
    headers: Headers,
    body: Vec<u8>,
}

impl Answer {
    /// Reads `response` through the call's signal, never more than `cap` bytes into wasm memory
    /// (`call.js` checks `Content-Length`, then reads the body whole or streams it).
    async fn read(
        response: Response,
        call: &CallSignal,
        cap: u32,
        timeout_ms: u32,
    ) -> Result<Answer, Failure> {
        let (status, status_text, headers) = (
            response.status(),
            response.status_text(),
            response.headers(),
        );
        let raw = web_sys::Response::from(response);
        let read = JsFuture::from(call.read(&raw, f64::from(cap)))
            .await
            .map_err(|_| Failure::from(stopped(call, timeout_ms)))?;
        match read.dyn_into::<Uint8Array>() {
            Ok(bytes) => Ok(Answer {
                status,
                status_text,
                headers,
                body: bytes.to_vec(),
            }),
            // The JS side counted the bytes it saw once they were over the cap (a whole number).
            Err(size) => {
                let size = size.as_f64().map_or(u64::from(cap) + 1, |n| n as u64);
                Err(Error::response(
                    "answer",
                    format!("its body of {size} bytes (HTTP {status}) is larger than maxResponseBytes ({cap})"),
                )
                .into())
            }
        }
    }

    fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    fn error(&self) -> ApiError {
        let retry_after = self.headers.get("retry-after");
        ApiError::new(
            self.status,
            &self.status_text,
            &self.body,
            retry_after.as_deref(),
        )
    }
}

/// A failed fetch or body read: the call's stop, or the network.
fn network(error: &gloo_net::Error, call: &CallSignal, timeout_ms: u32) -> Failure {
    match call.interruption(timeout_ms) {
        Some(stopped) => stopped.into(),
        None => Error::Network(match error {
            gloo_net::Error::JsError(error) => error.message.clone(),
            other => other.to_string(),
        })
        .into(),
    }
}

/// A wait or read that failed: the call's stop, else the connection dropped mid-body.
fn stopped(call: &CallSignal, timeout_ms: u32) -> Error {
    call.interruption(timeout_ms).unwrap_or_else(|| {
        Error::Network("the connection failed while reading the answer".to_owned())
    })
}
