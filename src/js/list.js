/**
 * The JS half of src/js/list.rs (a live list of an organization's members).
 *
 * - `bind` makes a list's methods its own properties, bound to it, so that they work detached, as
 *   React calls them: `useSyncExternalStore(list.subscribe, list.getSnapshot)`.
 * - Listeners belong to the list's JS object (a WeakMap entry), never to wasm: Rust holds only a
 *   `WeakRef` to the list (`listen`). A listener's closure that refers to its list then cannot keep
 *   the list alive, and a dropped list is collected with its listeners.
 * - `snapshot` makes a snapshot object in one call.
 * - `notify` tells each listener of a new snapshot; a throwing listener does not stop the others.
 *   It is never re-entered: a change made by a listener (say `fetchNext()`) is told after the round,
 *   in another round, so a listener can never recurse into the list.
 */

const listeners = new WeakMap();

/** Up to this many rounds in one notification: a listener that changes the list every time stops there. */
const MAX_ROUNDS = 100;

/** A weak reference to the list `instance`, whose listeners live here. */
export function listen(instance) {
  listeners.set(instance, { all: new Set(), notifying: false, again: false });
  return new WeakRef(instance);
}

/** Adds `listener` to the list; returns the function that removes it (idempotent). */
export function subscribe(ref, listener) {
  if (typeof listener !== 'function') throw new TypeError('subscribe(listener) takes a function');
  const entry = listeners.get(ref.deref());
  // A wrapper, so that subscribing the same function twice needs two unsubscribes, as in React.
  const call = () => listener();
  entry?.all.add(call);
  return () => {
    entry?.all.delete(call);
  };
}

/** Tells every listener of the list (unless it was collected) that its snapshot changed. */
export function notify(ref) {
  const entry = listeners.get(ref.deref());
  if (entry === undefined) return;
  if (entry.notifying) {
    entry.again = true;
    return;
  }
  entry.notifying = true;
  try {
    let rounds = 0;
    do {
      entry.again = false;
      for (const call of [...entry.all]) {
        try {
          call();
        } catch (error) {
          // Reported, as an event listener's error would be, without stopping the list.
          setTimeout(() => {
            throw error;
          });
        }
      }
    } while (entry.again && ++rounds < MAX_ROUNDS);
  } finally {
    entry.notifying = false;
  }
}

/** Drops every listener of the list. */
export function clear(ref) {
  listeners.get(ref.deref())?.all.clear();
}

/** A frozen snapshot of a list (made here in one call: a key set from wasm is a crossing each). */
export function snapshot(data, totalCount, page, pageCount, hasNextPage, hasPreviousPage, isLoading, isFetching, error, pendingIds) {
  return Object.freeze({
    data: Object.freeze(data), totalCount, page, pageCount, hasNextPage, hasPreviousPage, isLoading, isFetching, error, pendingIds,
  });
}

/** Binds the prototype methods `names` of `instance` to it, as its own read-only properties. */
export function bind(instance, names) {
  const prototype = Object.getPrototypeOf(instance);
  for (const name of names) {
    Object.defineProperty(instance, name, { value: prototype[name].bind(instance) });
  }
}
