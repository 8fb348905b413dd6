// The generated TypeScript declarations, as a user's `tsc --strict` sees them through the installed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, root } from './harness.js';

const app = installPackage();
cpSync(join(root, 'tests/package/types'), app, { recursive: true });

/** The two ways apps resolve packages, with a `lib` of ES2022 + DOM and the library checked too. */
const settings = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
};

function compile(file, resolution) {
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', ...settings[resolution],
      lib: ['es2022', 'dom'], skipLibCheck: false },
    files: [file],
  }));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', '.', '--pretty', 'false'], { cwd: app, encoding: 'utf8' });
    return [];
  } catch (error) {
    return error.stdout.split('\n').filter((line) => line.includes('error TS'));
  }
}

for (const resolution of Object.keys(settings)) {
  test(`a file using the whole public API compiles (strict, lib ES2022 + DOM, skipLibCheck off, ${resolution})`, () => {
    assert.deepEqual(compile('consumer.ts', resolution), []);
  });

  test(`each misuse is a compile error on its own line (${resolution})`, () => {
    const errors = compile('misuse.ts', resolution);
    const lines = new Set(errors.map((e) => Number(/\((\d+),/.exec(e)?.[1])));
    // The lines with a trailing comment are the mistakes.
    const source = readFileSync(join(app, 'misuse.ts'), 'utf8').split('\n');
    const expected = source.flatMap((text, i) => (/;\s*\/\/ /.test(text) ? [i + 1] : []));
    assert.equal(expected.length, 21);
    for (const line of expected) assert.ok(lines.has(line), `line ${line} compiled: ${source[line - 1]}`);
    assert.equal(errors.length, expected.length, errors.join('\n'));
  });
}

/** The declarations without InitOutput, wasm-bindgen's description of the raw wasm exports. */
function publicDeclarations(dts) {
  return dts.replace(/export interface InitOutput \{[\s\S]*?\n\}\n/, '');
}

test('the public declarations use no `any`', () => {
  const dts = ['clerk_membership.d.ts', 'index.d.ts'].map((f) => readFileSync(join(app, 'node_modules/clerk-membership', f), 'utf8')).join('\n');
  const publicPart = publicDeclarations(dts)
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const offenders = publicPart.split('\n').filter((line) => /\bany\b/.test(line));
  assert.deepEqual(offenders, []);
});

test('the declarations match the reviewed golden copies (tests/golden/)', () => {
  // A change to the public types must be seen in review: accept one with UPDATE_GOLDEN=1 make test-package.
  // InitOutput (the raw wasm exports) is left out: it changes with every internal signature.
  for (const [built, golden] of [['clerk_membership.d.ts', 'clerk_membership.d.ts'], ['index.d.ts', 'index.d.ts']]) {
    const text = publicDeclarations(readFileSync(join(root, 'pkg', built), 'utf8'));
    const path = join(root, 'tests/golden', golden);
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
    assert.equal(text, readFileSync(path, 'utf8'), `pkg/${built} differs from tests/golden/${golden}`);
  }
});
