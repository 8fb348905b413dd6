// webpack 5, a production build of a fresh app from the packed tarball, served statically. It needs
// nothing for clerk-membership: templates/webpack/webpack.config.js names only the app's entry.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import webpack from 'webpack';
import { serve } from '../package/harness.js';
import { buildAndCheck, startSession } from './apps.js';

const session = await startSession();
after(() => session.close());

test('webpack 5 production', { timeout: 180_000 }, (t) => buildAndCheck(t, session,
  { templates: ['webpack'], links: { webpack: 'webpack' } }, async (app) => {
    const { default: config } = await import(pathToFileURL(join(app, 'webpack.config.js')));
    // What `npx webpack` run in the app folder adds: the folder as context, its dist/ as output.
    const stats = await new Promise((ok, fail) => webpack({ ...config, context: app, output: { path: join(app, 'dist') } })
      .run((error, result) => (error ? fail(error) : ok(result))));
    const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
    // The wasm (267 KiB) is over webpack's 244 KiB performance hint, which warns and goes on; any other
    // warning is the package's to mend.
    const hints = /^(asset size limit|entrypoint size limit|webpack performance recommendations):/;
    assert.deepEqual([errors, warnings.filter((w) => !hints.test(w.message))], [[], []], 'webpack reported errors or warnings');
    return serve(app);
  }));
