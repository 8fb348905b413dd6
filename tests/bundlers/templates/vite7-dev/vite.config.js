// The recipe for Vite 7's dev server (README, "Use it with your bundler"). `vite dev` pre-bundles
// dependencies into node_modules/.vite/deps/, but not the wasm that clerk-membership loads from next
// to itself. The package's development entry finds it anyway; this line, which always works, serves the
// package as it is instead. (`vite build` needs nothing, and neither does Vite 8, whose pre-bundler keeps
// the wasm's URL.)
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['clerk-membership'] },
});
