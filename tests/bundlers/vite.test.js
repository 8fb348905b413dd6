// Vite 8 and Vite 7, `vite dev` and `vite build` + `vite preview`, each on a fresh app built from the
// packed tarball. Neither needs configuration; Vite 7's dev server also takes the recipe of
// templates/vite7-dev/vite.config.js (its build needs none), and so does Vite 8, for who upgrades.
import { test, after } from 'node:test';
import { buildAndCheck, freePort, startSession } from './apps.js';

const session = await startSession();
after(() => session.close());

const majors = { 8: await import('vite'), 7: await import('vite7') };
const folder = { 8: 'vite', 7: 'vite7' };
const quiet = { logLevel: 'warn' };

/** `vite dev` on the app, as the CLI would run it there; resolves to { url, close }. */
async function dev(vite, app) {
  // Vite 7 takes port 0 for "no port given" (5173): hand it a free one.
  const server = await vite.createServer({ root: app, ...quiet, server: { host: '127.0.0.1', port: await freePort() } });
  await server.listen();
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

/** `vite build`, then `vite preview` of dist/; resolves to { url, close }. */
async function buildAndPreview(vite, app) {
  await vite.build({ root: app, ...quiet });
  const server = await vite.preview({ root: app, ...quiet, preview: { host: '127.0.0.1', port: 0 } });
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

const cases = [
  ['vite 8 dev', 8, dev, ['vite']],
  ['vite 8 dev, with the Vite 7 recipe', 8, dev, ['vite', 'vite7-dev']],
  ['vite 8 build + preview', 8, buildAndPreview, ['vite']],
  ['vite 7 dev', 7, dev, ['vite', 'vite7-dev']],
  // Without the recipe too: the package's `development` entry finds the wasm Vite 7's optimizer left behind.
  ['vite 7 dev, without the recipe', 7, dev, ['vite']],
  ['vite 7 build + preview', 7, buildAndPreview, ['vite']],
];

for (const [name, major, run, templates] of cases) {
  test(name, { timeout: 180_000 }, (t) => buildAndCheck(t, session, { templates, links: { vite: folder[major] } },
    (app) => run(majors[major], app)));
}
