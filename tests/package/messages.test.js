// The errors of a fixed corpus of bad inputs (page/messages-checks.js), through the built package in
// headless Chromium, compared with tests/golden/messages.json: a change to the edge (size, speed) must not
// change any error's name, code, path or message unseen. Accept a reviewed change with
// UPDATE_GOLDEN=1 node --test tests/package/messages.test.js.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, serve, launchChromium, addPage, root } from './harness.js';

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const [server, browser] = await Promise.all([serve(app), launchChromium()]);
after(async () => { await browser.close(); await server.close(); });

const page = await browser.newPage();
await page.goto(`${server.url}/run.html?checks=messages-checks.js`);
const results = await page.waitForFunction(() => window.checkResults, null, { timeout: 60_000 }).then((h) => h.jsonValue());
// Read everything before the first test is registered: once the tests ran, after() closes the browser.
const corpus = await page.evaluate(() => window.messageCorpus ?? []);
await page.close();
for (const { name, error } of results) test(name, () => assert.equal(error, null, error ?? ''));

test('every error of the corpus is as in tests/golden/messages.json', () => {
  const path = join(root, 'tests/golden/messages.json');
  const text = `${JSON.stringify(corpus, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
  assert.ok(corpus.length >= 60, `only ${corpus.length} inputs ran`);
  assert.deepEqual(corpus, JSON.parse(readFileSync(path, 'utf8')));
});
