// What the pages of list checks share: waiting for a live list's snapshot as a UI does (listening).

/** Resolves once `list`'s snapshot satisfies `ready`; rejects after `timeoutMs`, showing the last snapshot. */
export function until(list, ready, what, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snapshot = list.getSnapshot();
      if (ready(snapshot)) {
        unsubscribe();
        clearTimeout(timer);
        resolve(snapshot);
      }
    };
    const timer = setTimeout(() => { unsubscribe(); reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(list.getSnapshot())}`)); }, timeoutMs);
    const unsubscribe = list.subscribe(check);
    check();
  });
}

/** Resolves once no fetch of `list` is in flight. */
export const settled = (list) => until(list, (s) => !s.isFetching, 'the fetch to settle');
