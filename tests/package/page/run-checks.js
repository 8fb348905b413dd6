// Runs named checks one after the other and publishes [{ name, error }] (error null for a pass) as
// window.checkResults, which tests/package/harness.js turns into one node test each. `?only=<text>` in
// the page's address runs only the checks whose name contains it (to look at one by hand).
export async function runChecks(checks) {
  const results = [];
  const only = new URLSearchParams(location.search).get('only');
  for (const [name, check] of Object.entries(checks)) {
    if (only && !name.includes(only)) continue;
    try {
      await check();
      results.push({ name, error: null });
    } catch (error) {
      results.push({ name, error: String(error?.stack ?? error) });
    }
  }
  window.checkResults = results;
}
