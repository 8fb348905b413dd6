//! `/__emulator/`: reset, faults, the request log, sign-in, settings and a state dump. JSON in and out,
//! not enveloped: this is the emulator's own API, under a prefix no Clerk path uses.

use crate::app::{lock, App};
use crate::error::ApiError;
use crate::faults::FaultSpec;
use crate::http::{error_response, json_response, HttpResponse, ReceivedRequest};
use hyper::header::HeaderValue;
use hyper::StatusCode;
use serde::Deserialize;
use serde_json::json;
use std::sync::atomic::Ordering;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignInRequest {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsRequest {
    #[serde(default)]
    rotate_tokens: Option<bool>,
}

/// Handles one `/__emulator/` request.
pub fn handle(app: &App, request: &ReceivedRequest) -> HttpResponse {
    let path = request.path.trim_end_matches('/');
    match (request.method.as_str(), path) {
        ("POST", "/__emulator/reset") => {
            lock(&app.store).reset();
            lock(&app.faults).clear();
            lock(&app.log).clear();
            app.rotate_tokens.store(false, Ordering::Relaxed);
            json_response(StatusCode::OK, &json!({ "reset": true }))
        }
        ("POST", "/__emulator/faults") => match parse::<FaultSpec>(request) {
            Ok(mut spec) => match spec.validate() {
                Ok(()) => json_response(StatusCode::OK, &lock(&app.faults).add(spec)),
                Err(message) => bad_request(&message),
            },
            Err(message) => bad_request(&message),
        },
        ("GET", "/__emulator/faults") => json_response(StatusCode::OK, &lock(&app.faults).list()),
        ("DELETE", "/__emulator/faults") => {
            let cleared = lock(&app.faults).clear();
            json_response(StatusCode::OK, &json!({ "cleared": cleared }))
        }
        ("GET", "/__emulator/requests") => requests(app),
        ("DELETE", "/__emulator/requests") => {
            let cleared = lock(&app.log).clear();
            json_response(StatusCode::OK, &json!({ "cleared": cleared }))
        }
        ("POST", "/__emulator/sign_in") => match parse::<SignInRequest>(request) {
            Ok(sign_in) => {
                let mut store = lock(&app.store);
                match store.sign_in(sign_in.user_id.as_deref(), sign_in.token.as_deref()) {
                    Ok(signed) => json_response(StatusCode::OK, &signed),
                    Err(error) => error_response(&error, &store.trace_id()),
                }
            }
            Err(message) => bad_request(&message),
        },
        ("GET", "/__emulator/settings") => settings(app),
        ("POST", "/__emulator/settings") => match parse::<SettingsRequest>(request) {
            Ok(change) => {
                if let Some(rotate) = change.rotate_tokens {
                    app.rotate_tokens.store(rotate, Ordering::Relaxed);
                }
                settings(app)
            }
            Err(message) => bad_request(&message),
        },
        ("GET", "/__emulator/state") => json_response(StatusCode::OK, &lock(&app.store).dump()),
        _ => {
            let trace_id = lock(&app.store).trace_id();
            error_response(
                &ApiError::unexpected_request(request.method.as_str(), &request.path),
                &trace_id,
            )
        }
    }
}

/// The log, oldest first; its headers say how full it is and how many entries it dropped.
fn requests(app: &App) -> HttpResponse {
    let log = lock(&app.log);
    let mut response = json_response(StatusCode::OK, log.entries());
    let (bytes, max_bytes, dropped) = log.usage();
    let headers = response.headers_mut();
    headers.insert("x-emulator-log-bytes", HeaderValue::from(bytes));
    headers.insert("x-emulator-log-max-bytes", HeaderValue::from(max_bytes));
    headers.insert("x-emulator-log-dropped", HeaderValue::from(dropped));
    response
}

fn settings(app: &App) -> HttpResponse {
    json_response(
        StatusCode::OK,
        &json!({ "instance": app.instance.as_str(), "rotate_tokens": app.rotating() }),
    )
}

/// Parses a JSON body; an empty body is `{}`.
fn parse<T: for<'de> Deserialize<'de>>(request: &ReceivedRequest) -> Result<T, String> {
    let body: &[u8] = if request.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &request.body
    };
    serde_json::from_slice(body).map_err(|e| format!("invalid JSON body: {e}"))
}

/// A change the state file could not take: 500 `{ "error": … }`.
pub fn write_failed(_app: &App, why: &str) -> HttpResponse {
    json_response(StatusCode::INTERNAL_SERVER_ERROR, &json!({ "error": why }))
}

fn bad_request(message: &str) -> HttpResponse {
    json_response(StatusCode::BAD_REQUEST, &json!({ "error": message }))
}
