// 300 concurrent calls through the built package in headless Chromium, against the emulator, with
// free() and GC in between (page/concurrency-checks.js holds the scenario and its checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({ test, after, assert, page: 'run.html?checks=concurrency-checks.js', minimum: 7 });
