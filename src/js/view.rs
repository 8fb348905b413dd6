//! Property reads at the speed of plain objects. A getter of a wasm-bindgen class crosses into wasm on
//! every read (~50 ns; 60× slower than clerk-js's plain properties in `make bench`). The first read of a
//! property now stores its value on the instance as a read-only own property, so later reads never
//! leave JS; `update()` (which changes the instance in place), `free()` and `Symbol.dispose` forget
//! those values. Values are the same objects the getters return, so identity is unchanged.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const patched = new WeakSet();
export function view(instance) {
  const proto = Object.getPrototypeOf(instance);
  if (patched.has(proto)) return;
  patched.add(proto);
  const keys = [];
  for (const key of Object.getOwnPropertyNames(proto)) {
    const { get, set } = Object.getOwnPropertyDescriptor(proto, key);
    if (!get || set) continue;
    keys.push(key);
    Object.defineProperty(proto, key, {
      configurable: true,
      get() {
        const value = get.call(this);
        Object.defineProperty(this, key, { value, configurable: true });
        return value;
      },
    });
  }
  const forget = (target) => { for (const key of keys) delete target[key]; };
  for (const name of ['free', Symbol.dispose]) {
    const original = proto[name];
    if (typeof original === 'function') proto[name] = function () { forget(this); return original.call(this); };
  }
  const update = proto.update;
  if (typeof update === 'function') {
    // As in clerk-js, update() resolves to the instance itself, now showing the answer's state.
    proto.update = function (...args) {
      return update.apply(this, args).then(() => { forget(this); return this; });
    };
  }
}
"#)]
extern "C" {
    /// Installs cached reads on the class of `instance` (once per class).
    fn view(instance: &JsValue);
}

/// A Rust-backed object as JS receives it, with cached reads installed on its class.
pub fn js<T: Into<JsValue>>(object: T) -> JsValue {
    let js = object.into();
    view(&js);
    js
}
