/**
 * The package's entry for Node.js ≥ 20 (package.json `exports` → `node`): the same as `index.js`,
 * but `await init()` with no argument reads the wasm from this package's own folder, because
 * Node's `fetch` cannot read `file:` URLs. Bytes or a URL you pass are used as given.
 */
import { readFile } from 'node:fs/promises';
import init from './index.js';

export * from './index.js';

let bytes;

export default async function initNode(input) {
  if (input !== undefined) return init(input);
  bytes ??= readFile(new URL('./clerk_membership_bg.wasm', import.meta.url));
  return init({ module_or_path: await bytes });
}
