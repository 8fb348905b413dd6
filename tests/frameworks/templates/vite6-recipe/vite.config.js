// The README's recipe for Vite 5 and 6: the line for a dev server whose dependency optimizer moved the
// package's JS without its wasm (the package copes, unless the cache is outside node_modules/), and the
// target for the build, whose default refuses the README's top-level `await init()`.
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['clerk-membership'] },
  build: { target: 'es2022' }, // Vite 5 and 6 only
});
