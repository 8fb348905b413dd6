// The README's recipe for Vite 5 and 6 (and SvelteKit 2's vite.config): the dev server's dependency
// optimizer would move the package's JS without its wasm; the build's default target refuses the
// README's top-level `await init()`.
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['clerk-membership'] },
  build: { target: 'es2022' },
});
