/**
 * The JS half of src/js/instance.rs: what the classes' instances do in JS, and nothing else.
 * It runs once per class (`install`), never once per instance:
 *
 * - Fields. The class's fields are accessors on its prototype. The first read of a field asks Rust
 *   for its value (the class's `__field(index)`), and keeps it on the instance as a read-only own
 *   property: later reads are plain-object reads that never cross into wasm, and give the same
 *   object every time (`m.organization === m.organization`). A field nobody reads is never made.
 * - `forget` removes those kept fields (after `update()` changed the instance, and on `free()`), so
 *   the next read asks Rust again. `update()` (and each method that changes an instance in place)
 *   hands Rust the instance itself for that, so Rust needs no reference to the instance between calls.
 * - Node's `util.inspect` (and `console.log` in Node) shows an instance as its snapshot (`toJSON()`)
 *   under its class name, instead of wasm-bindgen's pointer.
 */

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const FIELDS = Symbol('clerk-membership fields');

/**
 * Once per class, with its first instance: the class `name`'s fields `keys` (comma-separated, in
 * the order of its `__field(index)`), its `util.inspect` view, a `free()` that forgets the kept
 * fields, and its `methods` (comma-separated) that change the instance in place. `Refusal` is
 * the `ClerkRuntimeError` class (given by Rust: snippets do not import each other).
 */
export function install(instance, name, keys, methods, Refusal) {
  const proto = Object.getPrototypeOf(instance);
  if (Object.prototype.hasOwnProperty.call(proto, FIELDS)) return; // set up already
  // A method called on anything else (`revoke.call(otherObject)`) is refused here, before wasm.
  const own = (self, method) => {
    if (!proto.isPrototypeOf(self)) {
      throw new Refusal(`${name}.prototype.${method} called on an object that is not an instance of ${name}`, 'invalid_option');
    }
  };
  const named = (method, fn) => Object.defineProperty(fn, 'name', { value: method });
  // A key marked `!` is live: every read asks Rust (a value that changes without the instance
  // changing, such as `pendingInvitationsCount`), and nothing is kept.
  const fields = keys.split(',').filter((key) => !key.startsWith('!'));
  const hidden = (value) => ({ value, configurable: true, writable: true });
  Object.defineProperty(proto, FIELDS, hidden(fields));
  keys.split(',').forEach((key, index) => {
    if (key.startsWith('!')) {
      Object.defineProperty(proto, key.slice(1), {
        get() {
          return this.__field(index);
        },
        configurable: true,
      });
      return;
    }
    Object.defineProperty(proto, key, {
      get() {
        const value = this.__field(index);
        try {
          Object.defineProperty(this, key, { value, configurable: true });
        } catch {
          // A frozen or non-extensible instance (the application's choice): reads keep crossing into wasm.
        }
        return value;
      },
      configurable: true,
    });
  });
  // util.inspect names an object after a constructor function it is an instance of.
  const { prototype } = Object.defineProperty(function () {}, 'name', { value: name });
  Object.defineProperty(proto, INSPECT, hidden(function () {
    try {
      return Object.assign(Object.create(prototype), this.toJSON());
    } catch {
      return `${name} <freed>`;
    }
  }));
  const release = proto.free;
  const free = named('free', function () {
    own(this, 'free');
    release.call(this);
    forget(this);
  });
  Object.defineProperty(proto, 'free', hidden(free));
  if (Symbol.dispose) Object.defineProperty(proto, Symbol.dispose, hidden(free));
  // The methods that change the instance in place (`update()`, `revoke()`, …) take it as one more
  // argument, after the ones they declare, whatever the caller passed.
  for (const method of methods ? methods.split(',') : []) {
    const act = proto[method];
    const declared = act.length - 1;
    Object.defineProperty(proto, method, hidden(named(method, function (...args) {
      own(this, method);
      args.length = declared;
      return act.call(this, ...args, this);
    })));
  }
}

/**
 * Removes the kept fields from `instance` (and nothing the application set on it itself). False
 * when one cannot be removed (the application froze or sealed the instance after reading it): it
 * then keeps showing what it showed, and `update()` resolves to a new object instead.
 */
export function forget(instance) {
  const fields = instance?.[FIELDS];
  if (fields === undefined) return true;
  let all = true;
  for (const key of fields) {
    if (!Object.prototype.hasOwnProperty.call(instance, key)) continue;
    try {
      delete instance[key];
    } catch {
      all = false;
    }
  }
  return all;
}
