//! What a JS user sees of every instance, in one place (with `instance.js`):
//!
//! - **Cached reads.** A getter's first read keeps its value on the instance as an own read-only
//!   property ([`Handle::read`]), so later reads are plain-object reads (level with clerk-js in
//!   `make bench`) and give the same object every time.
//! - **Changed in place.** [`Handle::replace`] swaps the data and forgets the kept values: the next
//!   read shows the new state. [`Handle::target`] is the JS object itself, which `update()` resolves to.
//! - **Inspected.** Node's `util.inspect` shows the snapshot under the class name.
//! - **Freed.** [`Handle::free`] drops the data and the kept values; every later read or call is a
//!   `ClerkRuntimeError` with `code: 'freed'`. The classes' `free()` (and `Symbol.dispose`) call it:
//!   they replace wasm-bindgen's own `free()`, which would leave a null pointer that wasm-bindgen
//!   reports as "null pointer passed to rust", without a code. The small Rust object itself is
//!   reclaimed later by wasm-bindgen's `FinalizationRegistry`, as for any dropped instance.

use core::cell::{OnceCell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/js/instance.js")]
extern "C" {
    /// A `WeakRef` to an instance.
    type Ref;

    fn adopt(instance: &JsValue, class: &JsValue) -> Ref;
    fn target(this: &Ref) -> JsValue;
    fn keep(this: &Ref, key: &JsValue, value: JsValue) -> JsValue;
    fn forget(this: &Ref);
}

/// The data behind one JS instance, and the instance itself, known weakly.
pub(crate) struct Handle<T> {
    /// `None` once freed.
    data: RefCell<Option<T>>,
    instance: OnceCell<Ref>,
    /// The class name, for `freed` messages.
    class: &'static str,
}

impl<T> Handle<T> {
    pub(crate) fn new(data: T, class: &'static str) -> Rc<Handle<T>> {
        Rc::new(Handle {
            data: RefCell::new(Some(data)),
            instance: OnceCell::new(),
            class,
        })
    }

    /// Makes the JS object of `object` (the wasm-bindgen class holding this handle) and adopts it.
    pub(crate) fn wrap(&self, object: impl Into<JsValue>) -> JsValue {
        let js = object.into();
        let _ = self.instance.set(adopt(&js, &key_of(self.class)));
        js
    }

    /// Reads the data; `freed` once freed.
    pub(crate) fn with<R>(&self, read: impl FnOnce(&T) -> R) -> Result<R, Error> {
        let data = self
            .data
            .try_borrow()
            .map_err(|_| Error::Internal("instance state busy"))?;
        data.as_ref().map(read).ok_or(Error::Freed(self.class))
    }

    /// A getter: makes the value of `key` from the data, and keeps it on the instance. A function
    /// pointer, not a closure, so the ~35 getters share one body per class instead of one each.
    #[inline(never)]
    pub(crate) fn read(
        &self,
        key: &'static str,
        make: fn(&T) -> JsValue,
    ) -> Result<JsValue, JsValue> {
        let value = self.with(make)?;
        Ok(self.keep(key, value))
    }

    /// Keeps a value a getter made itself (one that needs more than the data) on the instance.
    pub(crate) fn keep(&self, key: &'static str, value: JsValue) -> JsValue {
        match self.instance.get() {
            Some(instance) => keep(instance, &key_of(key), value),
            None => value,
        }
    }

    /// Replaces the data (unless freed meanwhile) and forgets the kept values; false if freed.
    pub(crate) fn replace(&self, data: T) -> bool {
        let Ok(mut slot) = self.data.try_borrow_mut() else {
            return false;
        };
        if slot.is_none() {
            return false;
        }
        *slot = Some(data);
        drop(slot);
        self.forget();
        true
    }

    /// Drops the data and the kept values: every later read is `freed`.
    pub(crate) fn free(&self) {
        if let Ok(mut slot) = self.data.try_borrow_mut() {
            *slot = None;
        }
        self.forget();
    }

    /// The JS object, unless it was collected.
    pub(crate) fn target(&self) -> Option<JsValue> {
        self.instance
            .get()
            .map(target)
            .filter(|js| !js.is_undefined())
    }

    fn forget(&self) {
        if let Some(instance) = self.instance.get() {
            forget(instance);
        }
    }
}

thread_local! {
    // The getters' keys, made into JS strings once (a decode per read would cost more than the read).
    static KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

fn key_of(key: &'static str) -> JsValue {
    KEYS.with(|keys| {
        let Ok(mut keys) = keys.try_borrow_mut() else {
            return JsValue::from_str(key);
        };
        if let Some((_, js)) = keys.iter().find(|(known, _)| core::ptr::eq(*known, key)) {
            return js.clone();
        }
        let js = JsValue::from_str(key);
        keys.push((key, js.clone()));
        js
    })
}
