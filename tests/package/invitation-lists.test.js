// organization.invitationList() and organization.membershipRequestList(), the live lists of invitations
// and requests to join, through the built package in headless Chromium, against the Frontend API
// emulator on another origin of 127.0.0.1 (page/invitation-lists-checks.js holds the checks).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runEmulatorPage } from './harness.js';

await runEmulatorPage({ test, after, assert, page: 'run.html?checks=invitation-lists-checks.js', minimum: 25 });
