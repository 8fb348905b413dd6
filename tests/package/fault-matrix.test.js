// The fault matrix of issue 10 through the built package in headless Chromium, against the emulator:
// five calls × nineteen faults, each cell one node test (page/fault-matrix.js holds the tables).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({ test, after, assert, page: 'run.html?checks=fault-matrix.js', minimum: 95 });
