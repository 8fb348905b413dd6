//! `FrontendApi`: where and how to talk to Clerk. Validates its options once (no request is ever
//! made from a bad configuration) and holds the credentials that change (session, tokens).

use core::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::cache;
use crate::fapi::options::FrontendApiOptions;
use crate::fapi::transport::Client;
use crate::js::edge;

/// A Frontend API client: `new FrontendApi({ publishableKey, … })`. Cheap to share between memberships.
#[wasm_bindgen]
pub struct FrontendApi {
    pub(crate) client: Rc<Client>,
    /// What `fromJSON(json, api)` recognises this client by: a fresh object no one else has.
    token: JsValue,
}

thread_local! {
    // wasm-bindgen cannot take an optional *borrowed* class argument (`Option<&FrontendApi>`), and an
    // owned one would take the object away from its JS holder. So `fromJSON(json, api)` looks the
    // object up in client.js (filled by the package's entry for each instance it constructs) and finds
    // the live client holding that token here. A lookalike object, a forged one, a number or a freed
    // client finds nothing (`invalid_option`), and nothing of the argument runs.
    static CLIENTS: RefCell<Vec<(JsValue, Weak<Client>)>> = const { RefCell::new(Vec::new()) };
}

#[wasm_bindgen(module = "/src/js/client.js")]
extern "C" {
    #[wasm_bindgen(js_name = tokenOf)]
    fn token_of(value: &JsValue) -> JsValue;

    #[wasm_bindgen(reexport = "__registerClient", skip_typescript, js_name = registerClient)]
    fn register_client(api: &JsValue, token: &JsValue);
}

/// Keeps the re-exported registration referenced (the entry calls it, not Rust).
#[allow(dead_code)]
fn registration(api: &JsValue, token: &JsValue) {
    register_client(api, token);
}

/// The client of an optional `api` argument: `undefined`/`null` → `None`; a live `FrontendApi` → its client.
pub(crate) fn client_of(api: &JsValue) -> Result<Option<Rc<Client>>, Error> {
    if api.is_undefined() || api.is_null() {
        return Ok(None);
    }
    let not_a_client =
        || Error::option("api must be a FrontendApi made by this package (and not freed)");
    let token = token_of(api);
    if !token.is_object() {
        return Err(not_a_client());
    }
    CLIENTS
        .with(|clients| {
            let clients = clients.try_borrow().ok()?;
            let (_, client) = clients
                .iter()
                .find(|(known, _)| Object::is(known, &token))?;
            client.upgrade().filter(|client| !client.freed.get())
        })
        .map(Some)
        .ok_or_else(not_a_client)
}

#[wasm_bindgen]
impl FrontendApi {
    /// Validates the options; throws a `ClerkRuntimeError` (`invalid_publishable_key`,
    /// `missing_publishable_key`, `invalid_proxy_url`, `invalid_domain`, `invalid_option`) when one is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FrontendApiOptions")] options: JsValue,
    ) -> Result<FrontendApi, JsValue> {
        if !options.is_object() {
            return Err(Error::option("new FrontendApi(options) takes an options object").into());
        }
        let (typed, copy) = edge::options::<FrontendApiOptions>(&options, "options")?;
        let on_client = match edge::member(&copy, "onClient") {
            value if value.is_undefined() => None,
            value => Some(
                value
                    .dyn_into::<Function>()
                    .map_err(|_| Error::option("onClient must be a function"))?,
            ),
        };
        let client = Rc::new(Client::new(typed.settle()?, on_client));
        cache::register(&client);
        let token: JsValue = Object::new().into();
        CLIENTS.with(|clients| {
            let mut clients = clients
                .try_borrow_mut()
                .map_err(|_| Error::Internal("client registry busy"))?;
            // Entries of collected clients go, so a server making one per request does not grow it.
            clients.retain(|(_, client)| client.strong_count() > 0);
            clients.push((token.clone(), Rc::downgrade(&client)));
            Ok::<(), Error>(())
        })?;
        Ok(FrontendApi { client, token })
    }

    /// What `fromJSON(json, api)` recognises this client by; not part of the typed API.
    #[wasm_bindgen(getter = __client, skip_typescript)]
    pub fn client_token(&self) -> JsValue {
        self.token.clone()
    }

    /// The session whose id calls send as `_clerk_session_id`; set it when the user switches session.
    #[wasm_bindgen(getter = sessionId, unchecked_return_type = "string | null")]
    pub fn session_id(&self) -> Result<JsValue, JsValue> {
        self.client.live()?;
        let session = self
            .client
            .session_id
            .try_borrow()
            .ok()
            .and_then(|s| s.clone());
        Ok(session.map_or(JsValue::NULL, JsValue::from))
    }

    /// Sets the session id (`null` for none); another session empties the client's list cache and
    /// makes its lists load again. Throws `invalid_option` for anything but a string or null.
    #[wasm_bindgen(setter = sessionId)]
    pub fn set_session_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | null")] value: JsValue,
    ) -> Result<(), JsValue> {
        self.client.live()?;
        let session = match value.as_string() {
            Some(session) if js_sys::JsString::from(value.clone()).is_valid_utf16() => {
                Some(session)
            }
            None if value.is_null() || value.is_undefined() => None,
            _ => return Err(Error::option("sessionId must be a string or null").into()),
        };
        let changed = match self.client.session_id.try_borrow_mut() {
            Ok(mut slot) if *slot != session => {
                *slot = session;
                true
            }
            _ => false,
        };
        // Another session sees other rows: its lists forget theirs and load again.
        if changed {
            self.client.cache.reset();
        }
        Ok(())
    }

    /// The base URL calls go to, e.g. `https://clerk.example.com/v1`.
    #[wasm_bindgen(getter = baseUrl)]
    pub fn base_url(&self) -> Result<String, JsValue> {
        self.client.live()?;
        Ok(self.client.settings.config.base_url.clone())
    }

    /// `development` (`pk_test_`) or `production` (`pk_live_`).
    #[wasm_bindgen(getter = instanceType, unchecked_return_type = "'development' | 'production'")]
    pub fn instance_type(&self) -> Result<JsValue, JsValue> {
        self.client.live()?;
        Ok(self.client.settings.config.instance_type.as_str().into())
    }

    /// The current dev-browser token (development, cookie mode) or client token (header mode), after
    /// any rotation the Frontend API sent; `null` before there is one.
    #[wasm_bindgen(getter = token, unchecked_return_type = "string | null")]
    pub fn token_value(&self) -> Result<JsValue, JsValue> {
        self.client.live()?;
        let token = self.client.token.try_borrow().ok().and_then(|t| t.clone());
        Ok(token.map_or(JsValue::NULL, JsValue::from))
    }

    /// Releases the client: its own later use, and calls not yet started on memberships bound to
    /// it, throw or reject with `code: 'freed'`; calls in flight finish. Also `Symbol.dispose`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.client.freed.set(true);
        forget(&self.token);
    }
}

impl Drop for FrontendApi {
    fn drop(&mut self) {
        // Collected: `fromJSON(json, api)` can no longer find it (memberships bound to it keep working).
        forget(&self.token);
    }
}

fn forget(token: &JsValue) {
    CLIENTS.with(|clients| {
        if let Ok(mut clients) = clients.try_borrow_mut() {
            clients.retain(|(known, _)| !Object::is(known, token));
        }
    });
}
