// The development entry (package.json `exports` → `development`, index.dev.js), bundled by esbuild with
// that condition, from the packed tarball, run in Node:
// - as a classic script (IIFE, no import.meta.url), `init()` rejects with a ClerkRuntimeError; it never
//   throws synchronously;
// - placed where Vite 5–7's optimizer puts it (node_modules/.vite/deps/), a second `init()` fetches the
//   wasm no second time (each fetch is counted), and nothing is left unhandled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { installPackage } from '../package/harness.js';

const app = installPackage();
after(() => rmSync(app, { recursive: true, force: true }));
const bundle = (format, outfile) => build({
  stdin: { contents: "export { default as init } from 'clerk-membership';", resolveDir: app },
  bundle: true, format, conditions: ['development'], platform: 'neutral', mainFields: ['module', 'main'],
  outfile, logLevel: 'silent', globalName: format === 'iife' ? 'membership' : undefined,
  // The glue's own wasm URL is left as it is: nothing here serves it.
  external: ['*.wasm'],
});

test('a classic script of the development entry: init() rejects with wasm_not_found, never throws', async () => {
  const outfile = join(app, 'dev.iife.js');
  await bundle('iife', outfile);
  const run = new Function(`${readFileSync(outfile, 'utf8')}; return membership;`);
  const { init } = run();
  let promise;
  assert.doesNotThrow(() => { promise = init(); }, 'init() threw synchronously');
  await assert.rejects(promise, (error) => error.name === 'ClerkRuntimeError' && error.code === 'wasm_not_found');
});

test("under Vite's optimizer folder, a second init() fetches the wasm no second time", async () => {
  const deps = join(app, 'node_modules/.vite/deps');
  mkdirSync(deps, { recursive: true });
  const outfile = join(deps, 'clerk-membership.js');
  await bundle('esm', outfile);
  const fetched = [];
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const realFetch = globalThis.fetch;
  // Below the line nothing else reaches: Node's fetch cannot read file: URLs, so this answers with the wasm.
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    const bytes = readFileSync(new URL(url));
    return new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
  };
  try {
    const { init } = await import(pathToFileURL(outfile).href);
    await init();
    await init();
    await Promise.all([init(), init()]);
    await new Promise((done) => setTimeout(done, 50));
    assert.equal(fetched.length, 1, `fetched ${fetched.length} times: ${fetched.join(', ')}`);
    assert.match(fetched[0], /\/node_modules\/clerk-membership\/clerk_membership_bg\.wasm$/);
    assert.deepEqual(unhandled, []);
  } finally {
    globalThis.fetch = realFetch;
    process.off('unhandledRejection', onUnhandled);
  }
});

