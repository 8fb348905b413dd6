// The built npm package, installed and imported the way users do, checked in a real page in headless
// Chromium. The checks themselves run in the page (page/checks.js); each becomes one node test here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { installPackage, serve, launchChromium, addPage, root } from './harness.js';

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const server = await serve(app);
const browser = await launchChromium();
after(async () => { await browser.close(); await server.close(); });

const page = await browser.newPage();
const consoleErrors = [];
page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
page.on('pageerror', (err) => consoleErrors.push(String(err)));
await page.goto(`${server.url}/index.html`);
const results = await page.waitForFunction(() => window.checkResults, null, { timeout: 120_000 })
  .then((handle) => handle.jsonValue());

test('the page ran every check', () => {
  assert.ok(results.length >= 10, `only ${results.length} checks ran`);
});

for (const { name, error } of results) {
  test(name, () => assert.equal(error, null, error ?? ''));
}

test('the page logged no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
