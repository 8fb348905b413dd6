//! The single transport: the only code that calls `fetch`. Adds what every call needs (dev-browser
//! token, session, auth header, timeout, abort), retries where Clerk's SDK does, and turns every
//! failure into an [`Error`] or an [`ApiError`]. Never panics, never holds a `RefCell` borrow across
//! an `.await`.

use core::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::error::Error;
use crate::fapi::config::{AuthMode, Config};
use crate::fapi::request::{Method, Request};
use crate::fapi::response::{ApiError, Envelope};
use crate::js::value::set;

// Globals, not `window.…`, so the package also works in workers and Node (as gloo-net binds them).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch(url: &str, init: &Object) -> Result<Promise, JsValue>;

    /// An `AbortSignal`.
    #[wasm_bindgen(js_name = AbortSignal)]
    #[derive(Clone)]
    pub type Signal;

    #[wasm_bindgen(method, getter, catch)]
    fn aborted(this: &Signal) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, static_method_of = Signal, js_class = "AbortSignal", js_name = timeout)]
    fn timeout_after(ms: f64) -> Result<Signal, JsValue>;

    #[wasm_bindgen(catch, static_method_of = Signal, js_class = "AbortSignal", js_name = any)]
    fn any_of(signals: &Array) -> Result<Signal, JsValue>;
}

#[wasm_bindgen(inline_js = "
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => { clearTimeout(timer); reject(signal.reason); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', done); resolve(); }, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
export function until(promise, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => reject(signal.reason);
    signal.addEventListener('abort', done, { once: true });
    const settle = (then) => (value) => { signal.removeEventListener('abort', done); then(value); };
    promise.then(settle(resolve), settle(reject));
  });
}")]
extern "C" {
    /// Resolves after `ms`, or rejects as soon as `signal` aborts.
    fn sleep(ms: f64, signal: &Signal) -> Promise;
    /// Settles as `promise` does, or rejects as soon as `signal` aborts (leaving `promise` running).
    fn until(promise: &Promise, signal: &Signal) -> Promise;
}

impl Signal {
    /// A caller's `options.signal`: a real `AbortSignal` (one `AbortSignal.any` accepts), or `invalid_option`.
    pub fn checked(value: JsValue) -> Result<Signal, Error> {
        let bad = || Error::config("invalid_option", "options.signal must be an AbortSignal");
        let signal: Signal = value.dyn_into().map_err(|_| bad())?;
        let alone: Array = core::iter::once(signal.clone()).collect();
        Signal::any_of(&alone).map_err(|_| bad())?;
        signal.aborted().map_err(|_| bad())?;
        Ok(signal)
    }

    fn is_aborted(&self) -> bool {
        self.aborted().unwrap_or(false)
    }
}

/// How often and how long to retry a 429 (WIRE.md §7: honour `Retry-After`).
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Retries after a 429 (default 1).
    pub max_retries: u32,
    /// The longest `Retry-After` wait accepted, in ms (default 10,000); a longer one is not waited for.
    pub max_wait_ms: u32,
}

/// A failed call: ours, or the Frontend API's answer.
pub enum Failure {
    /// A runtime error (`ClerkRuntimeError` in JS).
    Runtime(Error),
    /// An error answer (`ClerkAPIResponseError` in JS).
    Api(ApiError<JsValue>),
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

/// A configured Frontend API client and its mutable credentials.
pub struct Client {
    pub config: Config,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    pub on_client: Option<Function>,
    pub session_id: RefCell<Option<String>>,
    /// The dev-browser token (development instances, cookie mode) or the client token (header mode).
    pub token: RefCell<Option<String>>,
    /// A dev-browser creation in flight, shared by every call that needs the token meanwhile.
    pending_dev_browser: RefCell<Option<Promise>>,
}

/// The signals of one call: the caller's, and the deadline.
#[derive(Clone)]
struct Signals {
    caller: Option<Signal>,
    deadline: Signal,
    either: Signal,
    /// `Date.now()` when the call started, to know how much of `timeoutMs` is left.
    started: f64,
}

impl Client {
    /// A client for a validated configuration.
    pub fn new(
        config: Config,
        timeout_ms: u32,
        retry: RetryPolicy,
        on_client: Option<Function>,
    ) -> Client {
        Client {
            config,
            timeout_ms,
            retry,
            on_client,
            session_id: RefCell::new(None),
            token: RefCell::new(None),
            pending_dev_browser: RefCell::new(None),
        }
    }

    /// Sends `request` and reads the envelope; after a mutation, offers the piggybacked client to `onClient`.
    pub async fn send(
        self: Rc<Self>,
        request: Request,
        signal: Option<Signal>,
    ) -> Result<Envelope<JsValue>, Failure> {
        let signals = self.signals(signal)?;
        let mut tries = 0;
        let mut rate_limited = 0;
        let mut renewed_dev_browser = false;
        loop {
            tries += 1;
            let token =
                if self.config.uses_dev_browser() || self.config.auth_mode == AuthMode::Header {
                    self.token_for(&signals).await?
                } else {
                    None
                };
            let session = self.session_id.try_borrow().ok().and_then(|s| s.clone());
            let url = request.url(&self.config, session.as_deref(), token.as_deref());
            let init = self.init(&request, token.as_deref(), &signals.either);
            let response = match fetch_with(&url, &init, &signals, self.timeout_ms).await {
                Ok(response) => response,
                Err(Failure::Runtime(Error::Network(_)))
                    if request.method == Method::Get && tries < GET_TRIES =>
                {
                    let backoff =
                        (FIRST_BACKOFF_MS * f64::from(1u32 << (tries - 1))).min(MAX_BACKOFF_MS);
                    self.pause(backoff, &signals).await?;
                    continue;
                }
                Err(failure) => return Err(failure),
            };
            self.pick_up_rotated_token(&response);
            let status = response.status();
            let body = text_with(&response, &signals, self.timeout_ms).await?;
            if (200..300).contains(&status) {
                let json = parse(&body).ok_or_else(|| {
                    Error::InvalidResponse(if body.is_empty() {
                        format!("{status} with no body")
                    } else {
                        "the body is not JSON".to_owned()
                    })
                })?;
                let envelope = Envelope::from_body(&json)?;
                if request.method != Method::Get {
                    self.offer_client(envelope.client.as_ref());
                }
                return Ok(envelope);
            }
            let retry_after = response.headers().get("retry-after").ok().flatten();
            let error = ApiError::new(
                status,
                &response.status_text(),
                parse(&body).as_ref(),
                retry_after.as_deref(),
            );
            if let (429, Some(seconds)) = (status, error.retry_after) {
                let wait = f64::from(seconds) * 1000.0;
                // A wait that would outlast timeoutMs is not started: the 429 says more than a timeout.
                let left = f64::from(self.timeout_ms) - (js_sys::Date::now() - signals.started);
                if rate_limited < self.retry.max_retries
                    && wait <= f64::from(self.retry.max_wait_ms)
                    && wait < left
                {
                    rate_limited += 1;
                    self.pause(wait, &signals).await?;
                    continue;
                }
            }
            // An expired or unknown dev-browser token: FAPI refused before doing anything, so make a
            // new one and try once more (WIRE.md §3).
            if error.first_code() == Some("dev_browser_unauthenticated")
                && self.config.uses_dev_browser()
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

    /// The caller's signal (if any) combined with a deadline `timeoutMs` from now.
    fn signals(&self, caller: Option<Signal>) -> Result<Signals, Failure> {
        if caller.as_ref().is_some_and(Signal::is_aborted) {
            return Err(Error::Aborted.into());
        }
        let unsupported =
            |_| Error::Network("this runtime lacks AbortSignal.timeout/any".to_owned());
        let deadline = Signal::timeout_after(f64::from(self.timeout_ms)).map_err(unsupported)?;
        let either = match &caller {
            Some(caller) => {
                let both: Array = [caller.clone(), deadline.clone()].into_iter().collect();
                Signal::any_of(&both).map_err(unsupported)?
            }
            None => deadline.clone(),
        };
        Ok(Signals {
            caller,
            deadline,
            either,
            started: js_sys::Date::now(),
        })
    }

    /// The token a call carries: the dev-browser token (made once when absent) or the client token.
    async fn token_for(self: &Rc<Self>, signals: &Signals) -> Result<Option<String>, Failure> {
        let current = self.token.try_borrow().ok().and_then(|t| t.clone());
        if current.is_some() || !self.config.uses_dev_browser() {
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
        match JsFuture::from(until(&creation, &signals.either)).await {
            Ok(token) => Ok(token.as_string()),
            Err(_)
                if signals.caller.as_ref().is_some_and(Signal::is_aborted)
                    || signals.deadline.is_aborted() =>
            {
                Err(interrupted(signals, self.timeout_ms).into())
            }
            Err(error) => Err(Failure::Js(error)),
        }
    }

    /// `POST /v1/dev_browser`: plain POST, no body, no credentials; the token is `id` (WIRE.md §3).
    /// Shared by every call that needs the token meanwhile; it stores the token and clears itself.
    fn create_dev_browser(self: &Rc<Self>) -> Result<Promise, Failure> {
        let url = Request::new(Method::Post, &["dev_browser"]).url(&self.config, None, None);
        let signals = self.signals(None)?;
        let init = Object::new();
        set(&init, "method", &"POST".into());
        set(&init, "credentials", &"omit".into());
        set(&init, "signal", &signals.either);
        let client = self.clone();
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let outcome = async {
                let response = fetch_with(&url, &init, &signals, client.timeout_ms).await?;
                let body = text_with(&response, &signals, client.timeout_ms).await?;
                let status = response.status();
                let json = parse(&body);
                if !(200..300).contains(&status) {
                    return Err(Failure::Api(ApiError::new(
                        status,
                        &response.status_text(),
                        json.as_ref(),
                        None,
                    )));
                }
                json.and_then(|j| Reflect::get(&j, &"id".into()).ok()?.as_string())
                    .ok_or_else(|| {
                        Error::InvalidResponse("dev_browser answered without an `id`".to_owned())
                            .into()
                    })
            }
            .await;
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

    fn init(&self, request: &Request, token: Option<&str>, signal: &Signal) -> Object {
        let init = Object::new();
        set(&init, "method", &request.method.transport().into());
        let headers = Object::new();
        if request.method != Method::Get {
            // Even a DELETE without a body carries it, as clerk-js sends it (WIRE.md §3).
            set(
                &headers,
                "content-type",
                &"application/x-www-form-urlencoded".into(),
            );
        }
        let credentials = match self.config.auth_mode {
            AuthMode::Cookie => "include",
            AuthMode::Header => {
                if let Some(token) = token {
                    set(&headers, "authorization", &token.into());
                }
                "omit"
            }
        };
        set(&init, "credentials", &credentials.into());
        set(&init, "headers", &headers);
        if let Some(body) = request.body() {
            set(&init, "body", &body.into());
        }
        set(&init, "signal", signal);
        init
    }

    async fn pause(&self, ms: f64, signals: &Signals) -> Result<(), Failure> {
        JsFuture::from(sleep(ms, &signals.either))
            .await
            .map(drop)
            .map_err(|_| interrupted(signals, self.timeout_ms).into())
    }

    /// `Clerk-Db-Jwt` replaces the dev-browser token; in header mode `Authorization` replaces the
    /// client token (WIRE.md §3).
    fn pick_up_rotated_token(&self, response: &Response) {
        let header = match self.config.auth_mode {
            AuthMode::Cookie if self.config.uses_dev_browser() => "clerk-db-jwt",
            AuthMode::Header => "authorization",
            AuthMode::Cookie => return,
        };
        if let (Ok(Some(rotated)), Ok(mut token)) =
            (response.headers().get(header), self.token.try_borrow_mut())
        {
            if !rotated.is_empty() {
                *token = Some(rotated);
            }
        }
    }

    fn offer_client(&self, client: Option<&JsValue>) {
        if let (Some(callback), Some(client)) = (&self.on_client, client) {
            // The application's callback throwing must not turn a done mutation into a failure.
            let _ = callback.call1(&JsValue::UNDEFINED, client);
        }
    }
}

async fn fetch_with(
    url: &str,
    init: &Object,
    signals: &Signals,
    timeout_ms: u32,
) -> Result<Response, Failure> {
    let promise = fetch(url, init).map_err(|e| network(&e, signals, timeout_ms))?;
    let response = JsFuture::from(promise)
        .await
        .map_err(|e| network(&e, signals, timeout_ms))?;
    response
        .dyn_into::<Response>()
        .map_err(|_| Error::InvalidResponse("fetch did not give a Response".to_owned()).into())
}

async fn text_with(
    response: &Response,
    signals: &Signals,
    timeout_ms: u32,
) -> Result<String, Failure> {
    let promise = response
        .text()
        .map_err(|e| network(&e, signals, timeout_ms))?;
    let text = JsFuture::from(promise)
        .await
        .map_err(|e| network(&e, signals, timeout_ms))?;
    Ok(text.as_string().unwrap_or_default())
}

/// A rejected fetch: aborted by the caller, past the deadline, or a network failure.
fn network(error: &JsValue, signals: &Signals, timeout_ms: u32) -> Failure {
    if signals.caller.as_ref().is_some_and(Signal::is_aborted) || signals.deadline.is_aborted() {
        return interrupted(signals, timeout_ms).into();
    }
    let message = Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned());
    Error::Network(message).into()
}

fn interrupted(signals: &Signals, timeout_ms: u32) -> Error {
    if signals.caller.as_ref().is_some_and(Signal::is_aborted) {
        Error::Aborted
    } else {
        Error::Timeout(timeout_ms)
    }
}

fn parse(body: &str) -> Option<JsValue> {
    JSON::parse(body).ok().filter(|json| json.is_object())
}
