// Issue 17's client items through the built package in headless Chromium: a redirect is refused as
// network_error (nothing reaches the other origin, its token is not adopted), and an options object's
// own "__proto__" key never becomes its prototype (page/trust-checks.js holds the checks).
// The other origin is a recorder on another port of 127.0.0.1 (?other=): it answers like FAPI would,
// with rows and a Clerk-Db-Jwt, and counts what reached it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { installPackage, addPage, serve, startEmulator, launchChromium, runPageChecks, root } from './harness.js';

/** Resolves to { url, hits, close }; `GET /hits` answers the requests it saw (not counting itself). */
function recorder() {
  const hits = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
        'access-control-expose-headers': 'Clerk-Db-Jwt',
      };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (req.url === '/hits') return res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(hits));
      hits.push({ method: req.method, url: req.url, body });
      const rows = { response: { data: [], total_count: 0 }, client: null };
      res.writeHead(200, { ...cors, 'content-type': 'application/json', 'clerk-db-jwt': 'dvb_2other0origin' })
        .end(JSON.stringify(rows));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    hits,
    close: () => new Promise((done) => server.close(done)),
  })));
}

const app = installPackage();
addPage(app, join(root, 'tests/package/page'));
const [server, other, browser] = await Promise.all([serve(app), recorder(), launchChromium()]);
const emulator = await startEmulator('--control-origin', server.url);
after(async () => { await browser.close(); await server.close(); await other.close(); emulator.stop(); });
const url = new URL('run.html?checks=trust-checks.js', `${server.url}/`);
url.searchParams.set('api', emulator.url);
url.searchParams.set('other', other.url);
await runPageChecks({ test, assert, browser, url: url.href, minimum: 4 });
test('no request reached the other origin', () => assert.deepEqual(other.hits, []));
