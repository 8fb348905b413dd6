// Shared by the framework tests: a fresh app per framework inside tests/frameworks/.apps/ (so that
// `next`, `react` and `vite` resolve from tests/frameworks/node_modules, as from a user's own), with
// clerk-membership installed from the packed tarball; and the running of a framework's CLI as a server.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from '../package/harness.js';

export const here = dirname(fileURLToPath(import.meta.url));

/**
 * A fresh app: the tarball of pkg/ installed, the bundlers' tiny app (main.js, its checks and fixture),
 * and the template folders given. `under` is the folder of tests/frameworks/ whose node_modules the app
 * uses (next15/ for Next.js 15).
 */
export function makeApp(templates, under = '.') {
  mkdirSync(join(here, under, '.apps'), { recursive: true });
  const app = mkdtempSync(join(here, under, '.apps', 'app-'));
  const tarball = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', app, '--silent'], { encoding: 'utf8' })
    .trim().split('\n').pop();
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', `./${tarball}`], { cwd: app });
  cpSync(join(root, 'tests/bundlers/templates/app/main.js'), join(app, 'main.js'));
  cpSync(join(root, 'tests/package/page/run-checks.js'), join(app, 'run-checks.js'));
  cpSync(join(root, 'tests/fixtures/membership-admin.json'), join(app, 'membership.json'));
  for (const template of templates) cpSync(join(here, 'templates', template), app, { recursive: true });
  return { dir: app, remove: () => rmSync(app, { recursive: true, force: true }) };
}

/** Runs a command in `cwd` to its end; rejects with its output if it fails. */
export function run(command, args, cwd, env = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.once('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/**
 * Starts a server (a framework's CLI) in `cwd` and resolves to { url, output, close } once its output
 * matches `ready` (whose first group is the URL). close() ends its process group.
 */
export function startServer(command, args, cwd, ready, env = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const close = () => new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    process.kill(-child.pid, 'SIGTERM');
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { close(); fail(new Error(`no "ready" from ${command} in 120 s:\n${out}`)); }, 120_000);
    const seen = (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        ok({ url: match[1], output: () => out, close });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${command} exited ${code} before it was ready:\n${out}`)); });
  });
}
