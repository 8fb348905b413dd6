/**
 * How the entries fetch the wasm (index.js: next to the module; index.dev.js: where Vite 5–7's dev
 * server serves it), and the `ClerkRuntimeError` `wasm_not_found` every failure to load becomes, naming
 * each set-up's fix (the README's "Use it with your bundler").
 */
import { ClerkRuntimeError } from './clerk_membership.js';

/** The fixes, per set-up, that a `wasm_not_found` message names (the README's "Use it with your bundler"). */
const FIXES = 'A dev server that pre-bundles dependencies moved the JS without the wasm: with Vite 5, 6 or 7 or SvelteKit 2, '
  + 'add optimizeDeps: { exclude: [\'clerk-membership\'] } to vite.config; with Nuxt 3, vite: { optimizeDeps: { exclude: [\'clerk-membership\'] } } '
  + 'to nuxt.config. With esbuild, Rollup or Bun\'s bundler, copy clerk_membership_bg.wasm next to the bundle. '
  + 'Anywhere, call init({ module_or_path: url }) with its URL.';

export function wasmNotFound(what, cause) {
  const error = new ClerkRuntimeError(`clerk-membership ${what}. ${FIXES}`, 'wasm_not_found');
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** The wasm at `url`, as a request; refuses an answer that is not the wasm, saying why. */
export async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    // Bun's dev server, or a wasm URL on no server at all: fetch itself rejects, with a bare TypeError.
    throw wasmNotFound(`could not fetch its wasm from ${url} (${error?.message ?? error})`, error);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.startsWith('text/html')) {
    throw wasmNotFound(`could not load its wasm from ${url} (HTTP ${response.status}${type ? `, ${type}` : ''})`);
  }
  return response;
}
