// organization.membershipList() bound to its own client, bounded, collectable, with one shared cache per
// client: through the built package in headless Chromium against the emulator (page/list-cache-checks.js).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({ test, after, assert, page: 'run.html?checks=list-cache-checks.js', minimum: 16 });
