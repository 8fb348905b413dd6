// SvelteKit 2 with the README's one line, which always works: its dev server's dependency optimizer
// moves the package's JS without its wasm (the package copes, unless the cache is outside node_modules/).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  optimizeDeps: { exclude: ['clerk-membership'] },
});
