// A React 19 app on organization.membershipList(), built and served by Vite 8 in development (so that
// <StrictMode>'s double effects run) from the packed package: templates/react/ holds it and its checks.
import { test, after } from 'node:test';
import * as vite from 'vite';
import { buildAndCheck, startSession } from './apps.js';

const session = await startSession();
after(() => session.close());

test('react 19 under StrictMode (vite 8 dev): memoized rows re-render after an update', { timeout: 180_000 }, (t) =>
  buildAndCheck(t, session, { templates: ['vite', 'react'], links: { vite: 'vite', react: 'react', 'react-dom': 'react-dom' }, minimum: 3 },
    async (app) => {
      const server = await vite.createServer({ root: app, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
      await server.listen();
      return { url: server.resolvedUrls.local[0], close: () => server.close() };
    }));
