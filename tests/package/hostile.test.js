// Issue 10's reproducers (hostile ids, one large array, lookalike clients, answer size, freed objects,
// strings, configurations) through the built package in headless Chromium, against the emulator
// (page/hostile-checks.js holds the checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({ test, after, assert, page: 'run.html?checks=hostile-checks.js', minimum: 12 });
