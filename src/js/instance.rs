//! What a JS user sees of every instance, in one place (with `instance.js`):
//!
//! - **Cached reads.** A class lists its fields once ([`Class`]) and gives each one's value from its
//!   `__field(index)` method: one export per class, not one per field. `instance.js` makes them
//!   accessors on the prototype: a field's first read keeps its value on the instance as a
//!   read-only own property, so later reads are plain-object reads (level with clerk-js in
//!   `make bench`) and give the same object every time. A field nobody reads is never made, and
//!   making an instance costs nothing more than wasm-bindgen's own object: Rust keeps no reference
//!   to it.
//! - **Changed in place.** `update()` gets the instance itself from `instance.js`: [`forget`] drops
//!   the kept fields and [`Handle::replace`] swaps the data, so the next read shows the new state. An
//!   instance the application froze after reading it cannot drop them: it stays as it was, and the
//!   call resolves to a new object.
//! - **Inspected.** Node's `util.inspect` shows an instance as its snapshot under the class name.
//! - **Freed.** [`Handle::free`] drops the data; `instance.js`'s `free()` also drops the kept
//!   fields, so every later read or call is a `ClerkRuntimeError` with `code: 'freed'`. The classes'
//!   `free()` (and `Symbol.dispose`) replace wasm-bindgen's own, which would leave a null pointer
//!   that wasm-bindgen reports as "null pointer passed to rust", without a code. The small Rust
//!   object itself is reclaimed later by wasm-bindgen's `FinalizationRegistry`, as for any dropped
//!   instance.

use core::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/js/instance.js")]
extern "C" {
    fn install(instance: &JsValue, name: &str, keys: &str, methods: &str, refusal: &JsValue);
    /// Drops the fields kept on an instance (the instance `update()` was called on); false when
    /// one cannot be dropped (a frozen or sealed instance), which must then not change.
    pub(crate) fn forget(instance: &JsValue) -> bool;
}

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    /// The `ClerkRuntimeError` class, for `instance.js`'s refusals (a method called on an object of
    /// another class is `invalid_option`, with a stable code like every other refusal).
    #[wasm_bindgen(thread_local_v2, js_name = ClerkRuntimeError)]
    static RUNTIME_ERROR: JsValue;
}

/// A class's JS name and its fields, numbered as its `__field(index)` numbers them.
pub(crate) struct Class {
    pub name: &'static str,
    /// Comma-separated.
    pub keys: &'static str,
    /// The methods that change the instance in place (comma-separated): `instance.js` passes them
    /// the instance itself as one more argument, after those they declare.
    pub methods: &'static str,
}

thread_local! {
    // The classes whose prototype `instance.js` has set up (at most a handful).
    static INSTALLED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The data behind one JS instance.
pub(crate) struct Handle<T> {
    /// `None` once freed.
    data: RefCell<Option<T>>,
    class: &'static Class,
}

impl<T> Handle<T> {
    pub(crate) fn new(data: T, class: &'static Class) -> Rc<Handle<T>> {
        Rc::new(Handle {
            data: RefCell::new(Some(data)),
            class,
        })
    }

    /// Makes the JS object of `object` (the wasm-bindgen class holding this handle); the first one
    /// of its class sets the class up in `instance.js`.
    pub(crate) fn wrap(&self, object: impl Into<JsValue>) -> JsValue {
        let js = object.into();
        let class = self.class;
        INSTALLED.with(|installed| {
            let Ok(mut installed) = installed.try_borrow_mut() else {
                return;
            };
            if !installed
                .iter()
                .any(|name| core::ptr::eq(*name, class.name))
            {
                installed.push(class.name);
                RUNTIME_ERROR
                    .with(|refusal| install(&js, class.name, class.keys, class.methods, refusal));
            }
        });
        js
    }

    /// Reads the data; `freed` once freed.
    pub(crate) fn with<R>(&self, read: impl FnOnce(&T) -> R) -> Result<R, Error> {
        let data = self
            .data
            .try_borrow()
            .map_err(|_| Error::Internal("instance state busy"))?;
        data.as_ref().map(read).ok_or(Error::Freed(self.class.name))
    }

    /// A field's value, for `__field(index)`: `freed` once freed.
    pub(crate) fn field(&self, make: impl FnOnce(&T) -> JsValue) -> Result<JsValue, JsValue> {
        Ok(self.with(make)?)
    }

    /// Replaces the data unless freed meanwhile (then gives it back). The caller then [`forget`]s
    /// the fields kept on the instance.
    pub(crate) fn replace(&self, data: T) -> Result<(), T> {
        let Ok(mut slot) = self.data.try_borrow_mut() else {
            return Err(data);
        };
        if slot.is_none() {
            return Err(data);
        }
        *slot = Some(data);
        Ok(())
    }

    /// Drops the data: every later read is `freed` (`instance.js` drops the kept fields).
    pub(crate) fn free(&self) {
        if let Ok(mut slot) = self.data.try_borrow_mut() {
            *slot = None;
        }
    }
}
