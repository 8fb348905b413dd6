// The generated TypeScript declarations, as a user's `tsc --strict` sees them through the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, root } from './harness.js';

const app = installPackage();
cpSync(join(root, 'tests/package/types'), app, { recursive: true });

function compile(file) {
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler',
      lib: ['es2022', 'dom', 'esnext.disposable'] },
    files: [file],
  }));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', '.', '--pretty', 'false'], { cwd: app, encoding: 'utf8' });
    return [];
  } catch (error) {
    return error.stdout.split('\n').filter((line) => line.includes('error TS'));
  }
}

test('a file using the whole public API compiles under --strict', () => {
  assert.deepEqual(compile('consumer.ts'), []);
});

test('each misuse is a compile error on its own line', () => {
  const errors = compile('misuse.ts');
  const lines = new Set(errors.map((e) => Number(/\((\d+),/.exec(e)?.[1])));
  // The lines with a trailing comment are the mistakes.
  const source = readFileSync(join(app, 'misuse.ts'), 'utf8').split('\n');
  const expected = source.flatMap((text, i) => (/;\s*\/\/ /.test(text) ? [i + 1] : []));
  assert.equal(expected.length, 13);
  for (const line of expected) assert.ok(lines.has(line), `line ${line} compiled: ${source[line - 1]}`);
  assert.equal(errors.length, expected.length, errors.join('\n'));
});

/** The declarations without InitOutput, wasm-bindgen's description of the raw wasm exports. */
function publicDeclarations(dts) {
  return dts.replace(/export interface InitOutput \{[\s\S]*?\n\}\n/, '');
}

test('the public declarations use no `any`', () => {
  const dts = readFileSync(join(app, 'node_modules/clerk-membership/clerk_membership.d.ts'), 'utf8');
  const publicPart = publicDeclarations(dts)
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const offenders = publicPart.split('\n').filter((line) => /\bany\b/.test(line));
  assert.deepEqual(offenders, []);
});

test('the declarations match the reviewed golden copy (tests/golden/)', () => {
  // A change to the public types must be seen in review: accept one with UPDATE_GOLDEN=1 make test-package.
  // InitOutput (the raw wasm exports) is left out: it changes with every internal signature.
  const golden = join(root, 'tests/golden/clerk_membership.d.ts');
  const built = publicDeclarations(readFileSync(join(root, 'pkg/clerk_membership.d.ts'), 'utf8'));
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden, built);
  assert.equal(built, readFileSync(golden, 'utf8'), 'pkg/clerk_membership.d.ts differs from tests/golden/');
});
