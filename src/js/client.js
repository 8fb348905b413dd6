/**
 * The JS half of src/js/client.rs: which objects are this package's live `FrontendApi` instances.
 *
 * `fromJSON(json, api)` must recognise a real client without calling anything of the object it is
 * given: a wasm-bindgen method trusts the object's `__wbg_ptr`, so a forged one
 * (`Object.create(FrontendApi.prototype, { __wbg_ptr: … })`) would read and write wasm memory. So the
 * package's entry records each instance it constructs here, with the token Rust knows it by, and Rust
 * only looks the argument up: a WeakMap lookup runs no code of the caller's (not even a Proxy's).
 */
const clients = new WeakMap();

/** Records a `FrontendApi` the entry just constructed, with its token. */
export function registerClient(api, token) {
  clients.set(api, token);
}

/** The token of `value` if it is a recorded `FrontendApi`, else `undefined`. */
export function tokenOf(value) {
  return typeof value === 'object' && value !== null ? clients.get(value) : undefined;
}
