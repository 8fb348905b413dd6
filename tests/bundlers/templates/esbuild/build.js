// The recipe for esbuild (README, "Use it with your bundler"): ESM output, and the wasm copied next to
// the bundle. esbuild keeps `new URL('clerk_membership_bg.wasm', import.meta.url)` as it is but does
// not copy the file it names, so without the copy the page fetches a file that is not there.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';

await build({ entryPoints: ['main.js'], bundle: true, format: 'esm', outdir: 'dist' });
copyFileSync('node_modules/clerk-membership/clerk_membership_bg.wasm', 'dist/clerk_membership_bg.wasm');
