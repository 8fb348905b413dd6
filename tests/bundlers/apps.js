// Shared by the bundler tests: a fresh app per bundler (clerk-membership from the packed tarball, the
// tiny app of templates/app/, the bundler's template with its recipe), and its checks run in headless
// Chromium against the emulator, as subtests of one node test per bundler and mode.
import assert from 'node:assert/strict';
import { cpSync, symlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackage, root, runPageChecks, startEmulator, launchChromium } from '../package/harness.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A fresh app folder: clerk-membership installed from the `npm pack` tarball (the harness's
 * installPackage()), the tiny app, then each template folder of `templates` (index.html, the config:
 * the recipe), and `links` ({ name: folder of tests/bundlers/node_modules }) as the app's own
 * node_modules/name, so that a config's `import … from 'vite'` resolves as in a user's app.
 */
export function makeApp(templates, links = {}) {
  const app = installPackage();
  cpSync(join(here, 'templates/app'), app, { recursive: true });
  cpSync(join(root, 'tests/package/page/run-checks.js'), join(app, 'run-checks.js'));
  cpSync(join(root, 'tests/fixtures/membership-admin.json'), join(app, 'membership.json'));
  for (const template of templates) cpSync(join(here, 'templates', template), app, { recursive: true });
  for (const [name, folder] of Object.entries(links)) {
    symlinkSync(join(here, 'node_modules', folder), join(app, 'node_modules', name), 'dir');
  }
  return app;
}

/** A free port of 127.0.0.1, for servers that cannot listen on port 0 themselves (Vite 7's dev server). */
export function freePort() {
  const server = createServer();
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => ok(port));
  }));
}

/** The emulator and Chromium, for all the apps of one test file; close() ends both. */
export async function startSession() {
  // The apps are served on ports chosen later, all on 127.0.0.1 or localhost: let those drive /__emulator/.
  const [emulator, browser] = await Promise.all([
    startEmulator('--control-origin', 'http://127.0.0.1:*', '--control-origin', 'http://localhost:*'),
    launchChromium(),
  ]);
  return { emulator, browser, close: async () => { await browser.close(); emulator.stop(); } };
}

/**
 * Opens the app at `url` (?api= the emulator) and reports its checks as subtests of `t`, with two of
 * the harness's own (every check ran, no console error) and one more: no request failed or got a 4xx/5xx.
 */
export async function checkApp(t, { emulator, browser }, url, minimum = 4) {
  const failed = [];
  const watched = {
    async newPage() {
      const page = await browser.newPage();
      page.on('response', (res) => { if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`); });
      page.on('requestfailed', (req) => failed.push(`${req.failure()?.errorText} ${req.url()}`));
      return page;
    },
  };
  const subtests = [];
  await runPageChecks({
    test: (name, fn) => subtests.push(t.test(name, fn)), assert, browser: watched, minimum,
    url: `${url}?api=${encodeURIComponent(emulator.url)}`,
  });
  subtests.push(t.test('no request failed', () => assert.deepEqual(failed, [])));
  await Promise.all(subtests);
}

/**
 * The whole of one bundler test: makes the app (makeApp), lets `start(app)` build and serve it
 * (resolving to { url, close }), checks it in the page (subtests of `t`), then closes and removes it.
 */
export async function buildAndCheck(t, session, { templates, links, minimum }, start) {
  const app = makeApp(templates, links);
  let server;
  try {
    server = await start(app);
    await checkApp(t, session, server.url, minimum);
  } finally {
    await server?.close();
    rmSync(app, { recursive: true, force: true });
  }
}
