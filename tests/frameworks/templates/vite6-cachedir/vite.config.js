// A dependency-optimizer cache outside node_modules/: the package's development entry cannot tell where
// the optimizer moved it from, so init() must reject naming the README's recipe.
import { defineConfig } from 'vite';

export default defineConfig({ cacheDir: '.vite-cache' });
