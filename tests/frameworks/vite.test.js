// Vite 6 and 5 (`vite dev`; `vite build` + `vite preview`) and SvelteKit 2 (`vite dev`) on Vite 6, each on a
// fresh app built from the packed tarball, run from their CLIs in the app's folder. Both dev servers
// work without configuration (the package's `development` entry finds the wasm the optimizer left
// behind) and with the README's one line (optimizeDeps.exclude); Vite 6's build needs `build.target`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { checkApp, freePort, startSession } from '../bundlers/apps.js';
import { here, makeApp, run, startServer } from './apps.js';

const session = await startSession();
after(() => session.close());

const vite = join(here, 'node_modules/vite/bin/vite.js');
const env = { NO_COLOR: '1' };
const ready = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//;
const on = async () => ['--host', '127.0.0.1', '--port', String(await freePort()), '--strictPort'];

const dev = async (app) => startServer('node', [vite, 'dev', ...await on()], app.dir, ready, env);
async function buildAndPreview(app) {
  await run('node', [vite, 'build'], app.dir, env);
  return startServer('node', [vite, 'preview', ...await on()], app.dir, ready, env);
}

/** A SvelteKit app: the tiny app goes into src/, which SvelteKit's dev server may serve. */
function svelteKitApp(templates) {
  const app = makeApp(templates);
  for (const file of ['main.js', 'run-checks.js', 'membership.json']) renameSync(join(app.dir, file), join(app.dir, 'src', file));
  return app;
}

/** Makes the app, serves it with `start`, checks it in Chromium with `check`, then removes it. */
async function withApp(makeAppFor, start, check) {
  const app = makeAppFor();
  let server;
  try {
    server = await start(app);
    await check(server.url);
  } finally {
    await server?.close();
    app.remove();
  }
}

/** The page's "loads the wasm" check failed with wasm_not_found, naming the recipe. */
async function rejectsNamingTheRecipe(url) {
  const page = await session.browser.newPage();
  try {
    await page.goto(`${url}/?api=${encodeURIComponent(session.emulator.url)}`);
    const results = await page.waitForFunction(() => window.checkResults, null, { timeout: 60_000 }).then((h) => h.jsonValue());
    const loaded = results.find((r) => /loads the wasm/.test(r.name));
    assert.match(loaded.error ?? '', /ClerkRuntimeError: clerk-membership could not load its wasm from http:.*\/clerk_membership_bg\.wasm \(HTTP \d+/);
    assert.match(loaded.error, /SvelteKit 2, add optimizeDeps: \{ exclude: \['clerk-membership'\] \} to vite\.config/);
  } finally {
    await page.close();
  }
}

const cases = [
  ['vite 6 dev, with the recipe', () => makeApp(['vite6', 'vite6-recipe']), dev],
  ['vite 6 build + preview, with the recipe', () => makeApp(['vite6', 'vite6-recipe']), buildAndPreview],
  ['sveltekit 2 dev, with the recipe', () => svelteKitApp(['sveltekit', 'sveltekit-recipe']), dev],
  ['vite 6 dev, without configuration', () => makeApp(['vite6']), dev],
  ['sveltekit 2 dev, without configuration', () => svelteKitApp(['sveltekit']), dev],
];
for (const [name, makeAppFor, start] of cases) {
  test(name, { timeout: 180_000 }, (t) => withApp(makeAppFor, start, (url) => checkApp(t, session, url)));
}

// With the app in a subfolder of the folder that holds node_modules (a monorepo's layout), the
// optimizer's cache is served under /@fs/: the development entry finds the wasm there too.
function subfolderApp(templates) {
  const app = makeApp(templates);
  mkdirSync(join(app.dir, 'web'));
  for (const file of ['index.html', 'main.js', 'run-checks.js', 'membership.json']) renameSync(join(app.dir, file), join(app.dir, 'web', file));
  return app;
}
const devOfWeb = async (app) => startServer('node', [vite, 'dev', 'web', ...await on()], app.dir, ready, env);

test('vite 6 dev of a subfolder, without configuration', { timeout: 180_000 }, (t) =>
  withApp(() => subfolderApp(['vite6']), devOfWeb, (url) => checkApp(t, session, url)));

// Vite 5, from its own folder (tests/frameworks/vite5): the same development entry and the same recipe.
const vite5 = join(here, 'vite5/node_modules/vite/bin/vite.js');
const dev5 = async (app) => startServer('node', [vite5, 'dev', ...await on()], app.dir, ready, env);
async function buildAndPreview5(app) {
  await run('node', [vite5, 'build'], app.dir, env);
  return startServer('node', [vite5, 'preview', ...await on()], app.dir, ready, env);
}
test('vite 5 dev, without configuration', { timeout: 180_000 }, (t) =>
  withApp(() => makeApp(['vite6'], 'vite5'), dev5, (url) => checkApp(t, session, url)));
test('vite 5 build + preview, with the recipe', { timeout: 180_000 }, (t) =>
  withApp(() => makeApp(['vite6', 'vite6-recipe'], 'vite5'), buildAndPreview5, (url) => checkApp(t, session, url)));

test('vite 6 dev with its cache outside node_modules: init() rejects with wasm_not_found, naming the recipe', { timeout: 180_000 }, () =>
  withApp(() => makeApp(['vite6', 'vite6-cachedir']), dev, rejectsNamingTheRecipe));
