// The built npm package, installed and imported the way users do, checked in a real page in headless
// Chromium. The checks themselves run in the page (page/checks.js); each becomes one node test here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { installPackage, serve, launchChromium, addPage, root, runPageChecks } from './harness.js';

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const server = await serve(app);
const browser = await launchChromium();
after(async () => { await browser.close(); await server.close(); });

await runPageChecks({ test, assert, browser, url: `${server.url}/index.html`, minimum: 10 });
