// Runs named checks one after the other and publishes [{ name, error }] (error null for a pass) as
// window.checkResults, which tests/package/harness.js turns into one node test each.
export async function runChecks(checks) {
  const results = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      results.push({ name, error: null });
    } catch (error) {
      results.push({ name, error: String(error?.stack ?? error) });
    }
  }
  window.checkResults = results;
}
