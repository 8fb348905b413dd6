// organization.membershipList(): the live list, through the built package in headless Chromium,
// against the emulator on another origin (page/list-checks.js holds the checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({
  test, after, assert, page: 'run.html?checks=list-checks.js', minimum: 9,
  // list-checks.js subscribes a listener that throws this, to see it reported and the list go on.
  expectedErrors: [/a listener bug \(on purpose\)/],
});
