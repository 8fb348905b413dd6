/**
 * The package's entry for bundlers' development builds (package.json `exports` → `development`):
 * `index.js`, except that `init()` with no argument also finds the wasm after the dependency optimizer
 * of Vite 5–7's dev server (SvelteKit 2, Nuxt 3) moved this module into `node_modules/.vite/deps/`
 * without it. Production builds resolve `index.js`, so this costs their bundles nothing.
 */
import init from './index.js';
import { fetchWasm } from './wasm.js';

export * from './index.js';

export default function initDev(input) {
  if (input !== undefined) return init(input);
  // This exact form is what bundlers recognise, as in index.js (Vite 8's optimizer copies the wasm it names).
  const url = new URL('clerk_membership_bg.wasm', import.meta.url);
  // Vite 5–7 moved this module without the wasm (its esbuild bundles JS only); the dev server serves the package's own copy.
  const moved = url.pathname.endsWith('/node_modules/.vite/deps/clerk_membership_bg.wasm');
  return init(moved ? { module_or_path: fetchWasm(new URL('../../clerk-membership/clerk_membership_bg.wasm', url)) } : undefined);
}
