//! Reading answers (docs/wire.md §5, §7): the `{ response, client }` envelope of a 2xx answer, and
//! error bodies into the fields of clerk-js's `ClerkAPIResponseError`. Pure serde, tested on the host.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::error::Error;
use crate::model::{parse, Invalid, RawJson, Text};

/// A success body: the resource, and the piggybacked client when there is one.
#[derive(Debug)]
pub struct Envelope<T> {
    /// `response`.
    pub response: T,
    /// `client` (an object or `null`).
    client: Option<Box<RawValue>>,
    /// `meta`, which may carry the client instead.
    meta: Option<Meta>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    #[serde(default)]
    client: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Response,
    Client,
    Meta,
    #[serde(other)]
    Other,
}

// Written out rather than derived: every resource and page has its own `Envelope<T>`, and only the
// `response` arm depends on `T`. The other keys are read by `piggyback`, one copy for every answer
// (a derived impl repeats them, and a never-used read from an array, in each `Envelope<T>`).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Answer<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Answer<T> {
            type Value = Envelope<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct Envelope")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<T>, A::Error> {
                let mut response = None;
                let mut rest = Piggyback::default();
                while let Some(key) = map.next_key()? {
                    match key {
                        Key::Response if response.is_some() => {
                            return Err(de::Error::duplicate_field("response"))
                        }
                        Key::Response => response = Some(map.next_value()?),
                        key => rest.read(key, &mut map)?,
                    }
                }
                Ok(Envelope {
                    response: response.ok_or_else(|| de::Error::missing_field("response"))?,
                    client: rest.client.flatten(),
                    meta: rest.meta.flatten(),
                })
            }
        }

        deserializer.deserialize_struct(
            "Envelope",
            &["response", "client", "meta"],
            Answer(PhantomData),
        )
    }
}

/// The keys of an envelope but `response` (each `Some` once seen, to refuse a duplicate as serde's
/// derive does). Its reader is generic over the JSON reader only, so all `T` share one copy.
#[derive(Default)]
struct Piggyback {
    client: Option<Option<Box<RawValue>>>,
    meta: Option<Option<Meta>>,
}

impl Piggyback {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        match key {
            Key::Client if self.client.is_some() => {
                return Err(de::Error::duplicate_field("client"))
            }
            Key::Client => self.client = Some(map.next_value()?),
            Key::Meta if self.meta.is_some() => return Err(de::Error::duplicate_field("meta")),
            Key::Meta => self.meta = Some(map.next_value()?),
            Key::Response | Key::Other => drop(map.next_value::<IgnoredAny>()?),
        }
        Ok(())
    }
}

impl<T: DeserializeOwned> Envelope<T> {
    /// Reads a 2xx body whose `response` is a `what`; problems are reported relative to `response`.
    pub fn parse(body: &[u8], what: &'static str) -> Result<Envelope<T>, Error> {
        if body.is_empty() {
            return Err(Error::response(what, "the answer has no body"));
        }
        parse::<Envelope<T>>(body, what)
            .map_err(|invalid| Error::InvalidResponse(invalid.within("response")))
    }

    /// The JSON text of the piggybacked client: `client`, else `meta.client`, when it is an object.
    pub fn client(&self) -> Option<&str> {
        let meta = self.meta.as_ref().and_then(|meta| meta.client.as_ref());
        [self.client.as_ref(), meta]
            .into_iter()
            .flatten()
            .map(|raw| raw.get())
            .find(|json| json.starts_with('{'))
    }
}

/// A 2xx body's envelope and its `response` read as a `T` (a `what`): what every call reads. The
/// envelope is read once for every `T`, its `response` kept as text, then that text as a `T`, so
/// that each resource costs its own deserializer only, not a copy of the envelope's as well (3.4 KB
/// gzip of wasm, measured in issue 20). Its refusals are those of `Envelope::<T>::parse`, to the
/// path and message (a property test checks it): a problem with `response` as a whole is named
/// `response`, as there.
pub fn read_response<T: DeserializeOwned>(
    body: &[u8],
    what: &'static str,
) -> Result<(T, Envelope<Box<RawValue>>), Error> {
    // Only the read of `response` as a `T` is generic (`Response`); the rest is one copy for every
    // `T`.
    let mut value = None;
    let envelope = read_response_into(body, what, &mut Response(&mut value))?;
    match value {
        Some(value) => Ok((value, envelope)),
        // `read_response_into` returns `Ok` only once `response` was read: never reached.
        None => Err(Error::response(what, "the JSON ends too early")),
    }
}

/// Reads the `response` text as one type: a trait object with one method, so that
/// [`read_response_into`] is not copied for each type.
trait ReadResponse {
    /// Reads `json` as the type, keeping the value when it is good.
    fn read(&mut self, json: &[u8], what: &'static str) -> Result<(), Invalid>;
}

struct Response<'a, T>(&'a mut Option<T>);

impl<T: DeserializeOwned> ReadResponse for Response<'_, T> {
    fn read(&mut self, json: &[u8], what: &'static str) -> Result<(), Invalid> {
        *self.0 = Some(parse::<T>(json, what)?);
        Ok(())
    }
}

/// [`read_response`] but for its one generic step: `response` reads the `response` text.
fn read_response_into(
    body: &[u8],
    what: &'static str,
    response: &mut dyn ReadResponse,
) -> Result<Envelope<Box<RawValue>>, Error> {
    let mut as_response = |raw: &RawValue| {
        response
            .read(raw.get().as_bytes(), what)
            .map_err(|mut invalid| {
                if invalid.path.is_empty() {
                    invalid.path = "response".to_owned();
                }
                Error::InvalidResponse(invalid)
            })
    };
    match Envelope::<Box<RawValue>>::parse(body, what) {
        Ok(envelope) => {
            as_response(&envelope.response)?;
            Ok(envelope)
        }
        Err(refusal) => {
            // Read as one `Envelope<T>`, a bad `response` met before the envelope's own problem (a
            // bad `meta`, a second `response`, broken JSON after it) is the problem reported.
            if let Some(first) = first_response(body) {
                as_response(&first)?;
            }
            Err(refusal)
        }
    }
}

/// The first `response` of a body, when it is read whole before anything else in the body stops
/// the reading (only on the error path of [`read_response`]).
fn first_response(body: &[u8]) -> Option<Box<RawValue>> {
    struct Scan<'a>(&'a core::cell::RefCell<Option<Box<RawValue>>>);

    impl<'de> Visitor<'de> for Scan<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an envelope")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            // The keys before it are read as the envelope reads them: a problem there comes first.
            let mut rest = Piggyback::default();
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Response => {
                        let raw = map.next_value::<Box<RawValue>>()?;
                        self.0.replace(Some(raw));
                        return Ok(());
                    }
                    key => rest.read(key, &mut map)?,
                }
            }
            Ok(())
        }
    }

    let text = core::str::from_utf8(body).ok()?;
    let found = core::cell::RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let _ = serde::Deserializer::deserialize_map(&mut reader, Scan(&found));
    found.into_inner()
}

/// An error body: `{ errors: [...], clerk_trace_id }`; every field is optional.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Option<Vec<ApiErrorItem>>,
    #[serde(default)]
    clerk_trace_id: Option<Text>,
}

/// One entry of `errors[]`, as clerk-js exposes it (camelCase).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct ApiErrorItem {
    /// `code`, e.g. `organization_minimum_permissions_needed`.
    #[serde(default)]
    pub code: String,
    /// `message`.
    #[serde(default)]
    pub message: String,
    /// `long_message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_message: Option<String>,
    /// `meta`, keys camelCased (`param_name` → `paramName`), values as sent.
    #[serde(default)]
    pub meta: ErrorMeta,
}

/// `meta` of an error entry: its keys camelCased, its values kept as raw JSON, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorMeta(pub Vec<(String, RawJson)>);

impl Serialize for ErrorMeta {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

impl<'de> Deserialize<'de> for ErrorMeta {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `null` or an object, read as an option of a map rather than with `deserialize_any`,
        // which brings in serde_json's reader of every kind of value for this one field.
        struct Nullable;
        struct Entries;

        impl<'de> Visitor<'de> for Nullable {
            type Value = ErrorMeta;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_none<E>(self) -> Result<ErrorMeta, E> {
                Ok(ErrorMeta::default())
            }

            fn visit_some<D: Deserializer<'de>>(self, map: D) -> Result<ErrorMeta, D::Error> {
                map.deserialize_map(Entries)
            }
        }

        impl<'de> Visitor<'de> for Entries {
            type Value = ErrorMeta;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorMeta, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    entries.push((camel_case(&key), RawJson::from(value)));
                }
                Ok(ErrorMeta(entries))
            }
        }

        deserializer.deserialize_option(Nullable)
    }
}

/// An error answer of the Frontend API: what a `ClerkAPIResponseError` carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `errors[0].long_message`, else `errors[0].message`, else the status text.
    pub message: String,
    /// `errors[]`; empty when the body had none (or was not JSON, or not of this shape).
    pub errors: Vec<ApiErrorItem>,
    /// Body `clerk_trace_id`.
    pub clerk_trace_id: Option<String>,
    /// Seconds from a numeric `Retry-After` header on a 429.
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// Builds the error from a 4xx/5xx answer. A body that is not JSON of the error shape (an HTML
    /// page from a proxy, an empty 502) still gives the status and its text (docs/wire.md §7).
    pub fn new(status: u16, status_text: &str, body: &[u8], retry_after: Option<&str>) -> Self {
        let body = parse::<ErrorBody>(body, "error body").unwrap_or_default();
        let errors = body.errors.unwrap_or_default();
        let message = errors
            .first()
            .map(|e| e.long_message.as_deref().unwrap_or(&e.message))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| reason(status, status_text))
            .to_owned();
        ApiError {
            status,
            message,
            errors,
            clerk_trace_id: body.clerk_trace_id.map(|t| t.as_str().to_owned()),
            retry_after: retry_after
                .filter(|_| status == 429)
                .and_then(|header| header.trim().parse().ok()),
        }
    }

    /// The first error's code, the one to match on (`dev_browser_unauthenticated`, …).
    pub fn first_code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code.as_str())
    }
}

/// `param_name` → `paramName`, as clerk-js's `parseError` names meta keys.
pub fn camel_case(key: &str) -> String {
    // ASCII only: FAPI's keys are ASCII, and char::to_uppercase would ship Unicode's case tables.
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        match c {
            '_' if !out.is_empty() => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The status text, or the standard reason phrase where the answer had none (HTTP/2 sends none).
fn reason(status: u16, status_text: &str) -> &str {
    if !status_text.is_empty() {
        return status_text;
    }
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Frontend API error",
    }
}
