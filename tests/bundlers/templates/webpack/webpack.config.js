// Nothing for clerk-membership: webpack 5 emits the wasm that `new URL(…, import.meta.url)` names,
// and runs the app's top-level `await init()`. Only the app's own entry is said here.
export default {
  mode: 'production',
  entry: './main.js',
};
