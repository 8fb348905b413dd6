//! `FrontendApi`: where and how to talk to Clerk. Validates its options once (no request is ever
//! made from a bad configuration) and holds the credentials that change (session, tokens).

use core::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::config::{AuthMode, Config, ConfigInput};
use crate::fapi::transport::{Client, RetryPolicy};

const DEFAULT_TIMEOUT_MS: u32 = 30_000;
const DEFAULT_RETRY: RetryPolicy = RetryPolicy {
    max_retries: 1,
    max_wait_ms: 10_000,
};

/// A Frontend API client: `new FrontendApi({ publishableKey, … })`. Cheap to share between memberships.
#[wasm_bindgen]
pub struct FrontendApi {
    pub(crate) client: Rc<Client>,
    id: u32,
}

thread_local! {
    // wasm-bindgen cannot take an optional *borrowed* class argument (`Option<&FrontendApi>`), and an
    // owned one would take the object away from its JS holder. So `fromJSON(json, api)` finds the
    // client through this registry, by the id the object's hidden `__clientId` getter gives.
    static CLIENTS: RefCell<Vec<Weak<Client>>> = const { RefCell::new(Vec::new()) };
}

/// The client of an optional `api` argument: `undefined`/`null` → `None`; a `FrontendApi` → its client.
pub(crate) fn client_of(api: &JsValue) -> Result<Option<Rc<Client>>, Error> {
    if api.is_undefined() || api.is_null() {
        return Ok(None);
    }
    let id = get(api, "__clientId")
        .as_f64()
        .filter(|id| id.fract() == 0.0 && *id >= 0.0);
    id.and_then(|id| CLIENTS.with(|clients| clients.try_borrow().ok()?.get(id as usize)?.upgrade()))
        .map(Some)
        .ok_or_else(|| Error::config("invalid_option", "api must be a FrontendApi"))
}

#[wasm_bindgen]
impl FrontendApi {
    /// Validates the options; throws a `ClerkRuntimeError` (`invalid_publishable_key`,
    /// `missing_publishable_key`, `invalid_proxy_url`, `invalid_domain`, `invalid_option`) when one is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FrontendApiOptions")] options: JsValue,
    ) -> Result<FrontendApi, JsValue> {
        let client = Rc::new(client(&options)?);
        let id = CLIENTS.with(|clients| {
            let mut clients = clients
                .try_borrow_mut()
                .map_err(|_| Error::Internal("client registry busy"))?;
            // A slot of a freed FrontendApi is reused, so a server making one per request does not grow it.
            let index = clients
                .iter()
                .position(|slot| slot.strong_count() == 0)
                .unwrap_or(clients.len());
            match clients.get_mut(index) {
                Some(slot) => *slot = Rc::downgrade(&client),
                None => clients.push(Rc::downgrade(&client)),
            }
            u32::try_from(index).map_err(|_| Error::Internal("too many clients"))
        })?;
        Ok(FrontendApi { client, id })
    }

    /// The registry id `fromJSON(json, api)` finds this client by; not part of the typed API.
    #[wasm_bindgen(getter = __clientId, skip_typescript)]
    pub fn client_id(&self) -> u32 {
        self.id
    }

    /// The session whose id calls send as `_clerk_session_id`; set it when the user switches session.
    #[wasm_bindgen(getter = sessionId, unchecked_return_type = "string | null")]
    pub fn session_id(&self) -> JsValue {
        let session = self
            .client
            .session_id
            .try_borrow()
            .ok()
            .and_then(|s| s.clone());
        session.map_or(JsValue::NULL, JsValue::from)
    }

    /// Sets the session id (`null` for none); throws `invalid_option` for anything but a string or null.
    #[wasm_bindgen(setter = sessionId)]
    pub fn set_session_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue,
    ) -> Result<(), JsValue> {
        let session = optional_string(&value, "sessionId")?;
        if let Ok(mut slot) = self.client.session_id.try_borrow_mut() {
            *slot = session;
        }
        Ok(())
    }

    /// The base URL calls go to, e.g. `https://clerk.example.com/v1`.
    #[wasm_bindgen(getter = baseUrl)]
    pub fn base_url(&self) -> String {
        self.client.config.base_url.clone()
    }

    /// `development` (`pk_test_`) or `production` (`pk_live_`).
    #[wasm_bindgen(getter = instanceType, unchecked_return_type = "'development' | 'production'")]
    pub fn instance_type(&self) -> JsValue {
        self.client.config.instance_type.as_str().into()
    }

    /// The current dev-browser token (development, cookie mode) or client token (header mode), after
    /// any rotation the Frontend API sent; `null` before there is one.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn token(&self) -> JsValue {
        let token = self.client.token.try_borrow().ok().and_then(|t| t.clone());
        token.map_or(JsValue::NULL, JsValue::from)
    }
}

impl Drop for FrontendApi {
    fn drop(&mut self) {
        // Memberships bound to this client keep it alive; `fromJSON(json, api)` with a freed api no longer finds it.
        CLIENTS.with(|clients| {
            if let Some(slot) = clients
                .try_borrow_mut()
                .ok()
                .as_mut()
                .and_then(|c| c.get_mut(self.id as usize))
            {
                *slot = Weak::new();
            }
        });
    }
}

fn client(options: &JsValue) -> Result<Client, Error> {
    if !options.is_object() {
        return Err(Error::config(
            "invalid_option",
            "new FrontendApi(options) takes an options object",
        ));
    }
    let header_mode = match optional_string(&get(options, "authMode"), "authMode")?.as_deref() {
        None | Some("cookie") => false,
        Some("header") => true,
        Some(_) => {
            return Err(Error::config(
                "invalid_option",
                "authMode must be 'cookie' or 'header'",
            ))
        }
    };
    let config = Config::new(ConfigInput {
        publishable_key: optional_string(&get(options, "publishableKey"), "publishableKey")?,
        proxy_url: optional_string(&get(options, "proxyUrl"), "proxyUrl")?,
        domain: optional_string(&get(options, "domain"), "domain")?,
        header_mode,
        api_version: optional_string(&get(options, "apiVersion"), "apiVersion")?,
        clerk_js_version: optional_string(&get(options, "clerkJsVersion"), "clerkJsVersion")?,
    })?;
    let dev_browser_jwt = optional_string(&get(options, "devBrowserJwt"), "devBrowserJwt")?;
    let token = optional_string(&get(options, "token"), "token")?;
    let initial_token = match (config.auth_mode, dev_browser_jwt, token) {
        (AuthMode::Header, Some(_), _) => {
            return Err(Error::config(
                "invalid_option",
                "devBrowserJwt is for cookie mode; header mode takes token",
            ))
        }
        (AuthMode::Cookie, _, Some(_)) => {
            return Err(Error::config(
                "invalid_option",
                "token is for authMode: 'header'",
            ))
        }
        (AuthMode::Cookie, Some(_), _) if !config.uses_dev_browser() => {
            return Err(Error::config(
                "invalid_option",
                "devBrowserJwt is for development instances (pk_test_ keys)",
            ))
        }
        (_, jwt, token) => jwt.or(token),
    };
    let timeout_ms =
        optional_count(&get(options, "timeoutMs"), "timeoutMs", 1)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    let retry = match get(options, "retry") {
        value if value.is_undefined() => DEFAULT_RETRY,
        value if value.is_object() => RetryPolicy {
            max_retries: optional_count(&get(&value, "maxRetries"), "retry.maxRetries", 0)?
                .unwrap_or(DEFAULT_RETRY.max_retries),
            max_wait_ms: optional_count(&get(&value, "maxWaitMs"), "retry.maxWaitMs", 0)?
                .unwrap_or(DEFAULT_RETRY.max_wait_ms),
        },
        _ => {
            return Err(Error::config(
                "invalid_option",
                "retry must be { maxRetries?, maxWaitMs? }",
            ))
        }
    };
    let on_client = match get(options, "onClient") {
        value if value.is_undefined() => None,
        value => Some(
            value
                .dyn_into::<Function>()
                .map_err(|_| Error::config("invalid_option", "onClient must be a function"))?,
        ),
    };
    let client = Client::new(config, timeout_ms, retry, on_client);
    let session = optional_string(&get(options, "sessionId"), "sessionId")?;
    if let (Ok(mut slot), Ok(mut token)) = (
        client.session_id.try_borrow_mut(),
        client.token.try_borrow_mut(),
    ) {
        *slot = session;
        *token = initial_token;
    }
    Ok(client)
}

/// A property of a caller's object; a throwing getter reads as `undefined`.
pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `undefined`/`null` → `None`, a string → `Some`, anything else → `invalid_option` naming `name`.
pub(crate) fn optional_string(value: &JsValue, name: &str) -> Result<Option<String>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| Error::config("invalid_option", format!("{name} must be a string")))
}

/// `undefined` → `None`; else a whole number from `min` up to 2³¹−1 (what `setTimeout` takes).
pub(crate) fn optional_count(value: &JsValue, name: &str, min: u32) -> Result<Option<u32>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(i32::MAX))
        .map(|n| Some(n as u32))
        .ok_or_else(|| {
            Error::config(
                "invalid_option",
                format!("{name} must be a whole number from {min}"),
            )
        })
}
