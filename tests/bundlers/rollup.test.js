// Rollup 4 with node-resolve, ESM output, on a fresh app from the packed tarball, served statically.
// The build is the recipe of templates/rollup/build.js, run as a user runs it (`node build.js`);
// without its copy step, init() rejects with wasm_not_found naming the copy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../package/harness.js';
import { buildAndCheck, makeApp, startSession } from './apps.js';

const session = await startSession();
after(() => session.close());

const links = { rollup: 'rollup', '@rollup': '@rollup' };

test('rollup 4 ESM', { timeout: 180_000 }, (t) => buildAndCheck(t, session, { templates: ['rollup'], links }, (app) => {
  execFileSync(process.execPath, ['build.js'], { cwd: app, stdio: 'inherit' });
  return serve(app);
}));

test('rollup 4 without the copy step: init() rejects with wasm_not_found, naming it', { timeout: 180_000 }, async () => {
  const app = makeApp(['rollup'], links);
  const build = join(app, 'build.js');
  writeFileSync(build, readFileSync(build, 'utf8').replace(/^copyFileSync\(.*$/m, ''));
  execFileSync(process.execPath, ['build.js'], { cwd: app, stdio: 'inherit' });
  const server = await serve(app);
  const page = await session.browser.newPage();
  try {
    await page.goto(`${server.url}/?api=${encodeURIComponent(session.emulator.url)}`);
    const results = await page.waitForFunction(() => window.checkResults, null, { timeout: 60_000 }).then((h) => h.jsonValue());
    const loaded = results.find((r) => /loads the wasm/.test(r.name));
    assert.match(loaded.error ?? '', /ClerkRuntimeError: clerk-membership could not load its wasm from .*\/dist\/clerk_membership_bg\.wasm \(HTTP 404/);
    assert.match(loaded.error, /Rollup or Bun's bundler, copy clerk_membership_bg\.wasm next to the bundle/);
  } finally {
    await page.close();
    await server.close();
  }
});
