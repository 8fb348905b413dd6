/**
 * The JS half of src/js/instance.rs: what the classes' instances do in JS, and nothing else.
 *
 * - A Rust-backed instance is known to Rust weakly (`adopt` gives a `WeakRef`), so the object can
 *   still be garbage-collected while Rust can find it again.
 * - The first read of a property keeps its value on the instance as a read-only own property
 *   (`keep`), so later reads are plain-object reads that never cross into wasm, and return the
 *   same object every time (`m.organization === m.organization`).
 * - `forget` removes those kept values (after `update()` changes the instance, and on `free()`),
 *   so the next read asks Rust again.
 * - Node's `util.inspect` (and `console.log` in Node) shows an instance as its snapshot (`toJSON()`)
 *   under its class name, instead of wasm-bindgen's pointer.
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const inspectors = new Map();

/** The `util.inspect` view of the instances of class `name`, made once per class. */
function inspector(name) {
  let inspect = inspectors.get(name);
  if (inspect === undefined) {
    // util.inspect names an object after a constructor function it is an instance of.
    const { prototype } = Object.defineProperty(function () {}, 'name', { value: name });
    inspect = function () {
      try {
        return Object.assign(Object.create(prototype), this.toJSON());
      } catch {
        return `${name} <freed>`;
      }
    };
    inspectors.set(name, inspect);
  }
  return inspect;
}

/** A weak reference to a new instance of class `name`, which gets its `util.inspect` view. */
export function adopt(instance, name) {
  // An assignment, not defineProperty: the prototype has no accessor for this symbol, and all
  // instances take the same shape transition (cheap on the hot path of a list).
  instance[INSPECT] = inspector(name);
  return new WeakRef(instance);
}

/** The instance, or `undefined` once it was collected. */
export function target(ref) {
  return ref.deref();
}

/** Keeps `value` as the instance's own `key`, and returns it. */
export function keep(ref, key, value) {
  const instance = ref.deref();
  if (instance !== undefined) {
    try {
      Object.defineProperty(instance, key, { value, configurable: true });
    } catch {
      // A frozen or non-extensible instance (the application's choice): reads keep crossing into wasm.
    }
  }
  return value;
}

/**
 * Removes every kept value from the instance: all its own properties but wasm-bindgen's pointer
 * (`__wbg_ptr`, the one own property an instance has before any read).
 */
export function forget(ref) {
  const instance = ref.deref();
  if (instance === undefined) return;
  for (const key of Object.getOwnPropertyNames(instance)) {
    if (key === '__wbg_ptr') continue; // (symbol keys, such as the inspect view, are not listed)
    try {
      delete instance[key];
    } catch {
      // Frozen: nothing was kept on it.
    }
  }
}
