// SvelteKit's defaults; `vite dev` needs no adapter.
export default { kit: {} };
