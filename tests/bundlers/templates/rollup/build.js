// The recipe for Rollup 4 (README, "Use it with your bundler"): node-resolve for the bare import, ESM
// output, and the wasm copied next to the bundle. Rollup keeps `new URL('clerk_membership_bg.wasm',
// import.meta.url)` as it is but does not copy the file it names. (plugin-json is for the tiny app's fixture.)
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import json from '@rollup/plugin-json';
import { copyFileSync } from 'node:fs';

const bundle = await rollup({ input: 'main.js', plugins: [nodeResolve({ browser: true }), json()] });
await bundle.write({ dir: 'dist', format: 'es' });
copyFileSync('node_modules/clerk-membership/clerk_membership_bg.wasm', 'dist/clerk_membership_bg.wasm');
