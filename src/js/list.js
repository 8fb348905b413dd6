/**
 * The JS half of src/js/list.rs (a live list of an organization's members).
 *
 * - `bind` makes a list's methods its own properties, bound to it, so that they work detached, as
 *   React calls them: `useSyncExternalStore(list.subscribe, list.getSnapshot)`.
 * - `link` makes the signal one fetch of the list listens to: the list's own controller (which the
 *   next fetch aborts: superseded fetches are cancelled), and the caller's `options.signal` if any.
 * - `Listeners` is who `subscribe`d: each is told of every new snapshot; a throwing listener does
 *   not stop the others.
 */

export class Listeners {
  constructor() {
    this.all = new Set();
  }

  /** Adds `listener`; returns the function that removes it (idempotent). */
  add(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe(listener) takes a function');
    // A wrapper, so that subscribing the same function twice needs two unsubscribes, as in React.
    const entry = () => listener();
    this.all.add(entry);
    return () => {
      this.all.delete(entry);
    };
  }

  notify() {
    for (const entry of [...this.all]) {
      try {
        entry();
      } catch (error) {
        // Reported, as an event listener's error would be, without stopping the list.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  clear() {
    this.all.clear();
  }
}

/** Binds the prototype methods `names` of `instance` to it, as its own read-only properties. */
export function bind(instance, names) {
  const prototype = Object.getPrototypeOf(instance);
  for (const name of names) {
    Object.defineProperty(instance, name, { value: prototype[name].bind(instance) });
  }
}

/**
 * The signal of one fetch: `controller`'s, also aborted when `caller` aborts. Throws for a `caller`
 * that is not an `AbortSignal` (a catching import: Rust refuses it as `invalid_option`).
 */
export function link(caller, controller) {
  if (caller === undefined || caller === null) return controller.signal;
  let aborted;
  try {
    aborted = caller instanceof AbortSignal ? caller.aborted : undefined;
  } catch {
    aborted = undefined;
  }
  if (aborted === undefined) throw new TypeError('options.signal must be an AbortSignal');
  if (aborted) controller.abort();
  else caller.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
  return controller.signal;
}
