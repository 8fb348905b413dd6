// update(), destroy() and the lists through the built package in headless Chromium, against the
// Frontend API emulator on another origin of 127.0.0.1 (page/client-checks.js holds the checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { installPackage, serve, launchChromium, addPage, root, runPageChecks, startEmulator } from './harness.js';

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const [server, emulator, browser] = await Promise.all([serve(app), startEmulator(), launchChromium()]);
after(async () => { await browser.close(); await server.close(); emulator.stop(); });

await runPageChecks({
  test, assert, browser, minimum: 14,
  url: `${server.url}/client.html?api=${encodeURIComponent(emulator.url)}`,
});
