/**
 * The package's entry for bundlers' development builds (package.json `exports` → `development`):
 * `index.js`, except that `init()` with no argument also finds the wasm after the dependency optimizer
 * of Vite 5–7's dev server (SvelteKit 2, Nuxt 3) moved this module into `node_modules/.vite/deps/`
 * without it. Production builds resolve `index.js`, so this costs their bundles nothing.
 */
import init from './index.js';
import { fetchWasm } from './wasm.js';

export * from './index.js';

let pending;

export default function initDev(input) {
  if (input !== undefined) return init(input);
  // One load however many callers (a second init() must not fetch the wasm again); a failed one is retried.
  pending ??= init(devInput()).catch((error) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/**
 * Where Vite 5–7's dev server serves the wasm when its optimizer moved this module without it, as
 * init()'s input; otherwise undefined, and index.js finds the wasm itself (also in a classic script).
 */
function devInput() {
  let url;
  try {
    // This exact form is what bundlers recognise, as in index.js (Vite 8's optimizer copies the wasm it names).
    url = new URL('clerk_membership_bg.wasm', import.meta.url);
  } catch {
    return undefined; // no import.meta.url (a classic script): index.js falls back to document.currentScript
  }
  // Vite 5–7 moved this module without the wasm (its esbuild bundles JS only); the dev server serves the package's own copy.
  if (!url.pathname.endsWith('/node_modules/.vite/deps/clerk_membership_bg.wasm')) return undefined;
  const wasm = fetchWasm(new URL('../../clerk-membership/clerk_membership_bg.wasm', url));
  // Unused when an init(bytes) already ran (init() ignores its input then): never an unhandled rejection.
  wasm.catch(() => {});
  return { module_or_path: wasm };
}
