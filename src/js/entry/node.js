/**
 * The package's entry for Node.js ≥ 20 (package.json `exports` → `node`): the same as `index.js`,
 * but `await init()` with no argument reads the wasm from this package's own folder, because
 * Node's `fetch` cannot read `file:` URLs. Bytes or a URL you pass are used as given.
 *
 * A server bundle (Next.js on webpack) may have rewritten `import.meta.url` or the `URL` next to it,
 * so the wasm is looked for in three places, first found wins: next to this module, next to what
 * `import.meta.url` says this module was, and in `node_modules/clerk-membership/` from the working
 * directory up. None found is a `ClerkRuntimeError` `wasm_not_found` naming the fix.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import init, { ClerkRuntimeError } from './index.js';

export * from './index.js';

const WASM = 'clerk_membership_bg.wasm';

/** The path of a `file:` URL (a URL object, even a bundler's look-alike, or a string), else undefined. */
function filePath(url) {
  try {
    const href = String(url?.href ?? url);
    return href.startsWith('file:') ? fileURLToPath(href) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the wasm may be, most likely first. */
function* candidates() {
  let beside;
  try {
    // This exact form is what Node-aware bundlers (Turbopack, esbuild, nft) recognise and keep working.
    beside = filePath(new URL('./clerk_membership_bg.wasm', import.meta.url));
  } catch {
    // A bundler's own URL may throw for a base it does not know: the other places are tried.
  }
  if (beside) yield beside;
  const self = filePath(import.meta.url);
  if (self) yield join(dirname(self), WASM);
  // webpack (Next.js's server build) bundles this module away from its folder; the app's own
  // node_modules still has it, found from the working directory as Node's resolution would.
  const cwd = workingDirectory();
  if (cwd === undefined) return;
  for (let dir = cwd, parent; dir !== parent; parent = dir, dir = dirname(dir)) {
    yield join(dir, 'node_modules', 'clerk-membership', WASM);
  }
}

/** The working directory, or undefined when it was deleted (`process.cwd()` throws ENOENT then). */
function workingDirectory() {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

async function wasmBytes() {
  for (const path of candidates()) {
    try {
      return await readFile(path);
    } catch {
      // Not there (or unreadable): try the next place.
    }
  }
  throw new ClerkRuntimeError(
    `clerk-membership could not find ${WASM} next to its module nor in node_modules/clerk-membership/ from ${workingDirectory() ?? 'the working directory'}. `
      + "In Next.js, add serverExternalPackages: ['clerk-membership'] to next.config; "
      + 'elsewhere, call init({ module_or_path: bytes }) with the bytes of clerk-membership/clerk_membership_bg.wasm.',
    'wasm_not_found',
  );
}

let bytes;

export default async function initNode(input) {
  if (input !== undefined) return init(input);
  bytes ??= wasmBytes().catch((error) => {
    bytes = undefined; // a later call looks again (the file may have been installed since)
    throw error;
  });
  return init({ module_or_path: await bytes });
}
