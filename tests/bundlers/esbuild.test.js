// esbuild, ESM output, on a fresh app from the packed tarball, served statically. The build is the
// recipe of templates/esbuild/build.js, run as a user runs it (`node build.js` in the app folder).
import { test, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { serve } from '../package/harness.js';
import { buildAndCheck, startSession } from './apps.js';

const session = await startSession();
after(() => session.close());

test('esbuild ESM', { timeout: 180_000 }, (t) => buildAndCheck(t, session,
  { templates: ['esbuild'], links: { esbuild: 'esbuild' } }, (app) => {
    execFileSync(process.execPath, ['build.js'], { cwd: app, stdio: 'inherit' });
    return serve(app);
  }));
