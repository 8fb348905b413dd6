// organization.membershipList(): the live list, through the built package in headless Chromium,
// against the emulator on another origin (page/list-checks.js holds the checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { installPackage, serve, launchChromium, addPage, root, runPageChecks, startEmulator } from './harness.js';

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const [server, emulator, browser] = await Promise.all([serve(app), startEmulator(), launchChromium()]);
after(async () => { await browser.close(); await server.close(); emulator.stop(); });

await runPageChecks({
  test, assert, browser, minimum: 9,
  // list-checks.js subscribes a listener that throws this, to see it reported and the list go on.
  expectedErrors: [/a listener bug \(on purpose\)/],
  url: `${server.url}/list.html?api=${encodeURIComponent(emulator.url)}`,
});
