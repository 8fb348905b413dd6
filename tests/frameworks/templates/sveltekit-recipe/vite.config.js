// SvelteKit 2 with the README's one line: its dev server's dependency optimizer would move the
// package's JS without its wasm.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  optimizeDeps: { exclude: ['clerk-membership'] },
});
