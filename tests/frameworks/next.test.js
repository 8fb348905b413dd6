// Next.js 16 on Turbopack and on webpack, and Next.js 15 (webpack), each on one fresh app built from the
// packed tarball with no configuration at all: in `next dev`, then after `next build` + `next start`,
// a 'use client' page runs the bundlers' tiny app in Chromium, an App Router server route calls
// `init()` in header mode, and another one runs the README's "pass the bytes yourself" recipe.
// Then Next.js 16's `output: 'standalone'`, moved elsewhere, under both bundlers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkApp, freePort, startSession } from '../bundlers/apps.js';
import { here, makeApp, run, startServer } from './apps.js';

const session = await startSession();
after(() => session.close());

const env = { NEXT_TELEMETRY_DISABLED: '1' };
const ready = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/;

/** The two server routes, asked from Node as a server would be. */
async function checkRoutes(t, url) {
  const api = encodeURIComponent(session.emulator.url);
  await t.test('a server route: init() with no argument, header mode with the __client token', async () => {
    const res = await fetch(`${url}/api/membership?api=${api}`);
    assert.deepEqual([res.status, await res.json()], [200, { organizations: ['Acme Rockets', 'Globex Labs'] }]);
  });
  await t.test("a server route: the README's pass-the-bytes recipe", async () => {
    const res = await fetch(`${url}/api/bytes`);
    assert.deepEqual([res.status, await res.json()], [200, { wasm: true }]);
  });
}

/** The page in Chromium, then the routes, on a running server; closes it. */
async function checkServer(t, server) {
  try {
    await checkApp(t, session, server.url);
    await checkRoutes(t, server.url);
  } finally {
    await server.close();
  }
}

const cases = [
  ['next 16, Turbopack', '.', []],
  ['next 16, webpack', '.', ['--webpack']],
  ['next 15, webpack', 'next15', []],
];

for (const [name, folder, flags] of cases) {
  test(name, { timeout: 420_000 }, async (t) => {
    const app = makeApp(['next'], folder);
    const next = join(here, folder, 'node_modules/next/dist/bin/next');
    const serve = async (command) => startServer('node', [next, command, ...(command === 'dev' ? flags : []),
      '--hostname', '127.0.0.1', '--port', String(await freePort())], app.dir, ready, env);
    try {
      await t.test('next dev', async (t) => checkServer(t, await serve('dev')));
      await t.test('next build + next start', async (t) => {
        await run('node', [next, 'build', ...flags], app.dir, env);
        await checkServer(t, await serve('start'));
      });
    } finally {
      app.remove();
    }
  });
}

// `output: 'standalone'`, the folder moved away from the app (as a deployment copies it): Turbopack traces
// the wasm; webpack does not, so its server route rejects naming serverExternalPackages, which then works.
const standalone = [
  ['next 16 standalone, Turbopack', [], {}, 200],
  ['next 16 standalone, webpack: wasm_not_found names serverExternalPackages', ['--webpack'], {}, 500],
  ['next 16 standalone, webpack, with serverExternalPackages', ['--webpack'], { serverExternalPackages: ['clerk-membership'] }, 200],
];

for (const [name, flags, config, status] of standalone) {
  test(name, { timeout: 300_000 }, async () => {
    const app = makeApp(['next']);
    const moved = mkdtempSync(join(tmpdir(), 'clerk-membership-standalone-'));
    let server;
    try {
      writeFileSync(join(app.dir, 'next.config.js'), `export default ${JSON.stringify({ output: 'standalone', ...config })};\n`);
      await run('node', [join(here, 'node_modules/next/dist/bin/next'), 'build', ...flags], app.dir, env);
      cpSync(join(app.dir, '.next/standalone'), moved, { recursive: true });
      app.remove(); // only the deployed copy is left
      // Next.js traces from the workspace root it inferred (this repository's), so the app sits as deep in the copy.
      const folder = join(moved, relative(join(here, '../..'), app.dir));
      const port = await freePort();
      server = await startServer('node', [join(folder, 'server.js')], folder, /(http:\/\/\S+)/,
        { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' });
      const res = await fetch(`http://127.0.0.1:${port}/api/membership?api=${encodeURIComponent(session.emulator.url)}`);
      const body = await res.json();
      if (status === 200) assert.deepEqual([res.status, body], [200, { organizations: ['Acme Rockets', 'Globex Labs'] }]);
      else {
        assert.deepEqual([res.status, body.name, body.code], [500, 'ClerkRuntimeError', 'wasm_not_found']);
        assert.match(body.message, /serverExternalPackages: \['clerk-membership'\]/);
      }
    } finally {
      await server?.close();
      app.remove();
      rmSync(moved, { recursive: true, force: true });
    }
  });
}
