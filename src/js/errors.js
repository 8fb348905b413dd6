/**
 * The two errors the package throws or rejects with, as clerk-js users know them (src/js/error.rs
 * makes them; the package exports them, so `instanceof` works):
 *
 * - `ClerkAPIResponseError`: an error answer of the Frontend API (4xx/5xx).
 * - `ClerkRuntimeError`: everything else, with a stable `code`.
 *
 * The guards check the markers clerk-js's own guards check (`clerkError`, `clerkRuntimeError`), so
 * they also recognise errors from another copy of the package or from another realm.
 */

export class ClerkRuntimeError extends Error {
  /**
   * @param {string} message
   * @param {string} code a stable code (`invalid_json`, `timeout`, …)
   * @param {string | undefined} path the JSON path of an `invalid_json` or `invalid_response` error
   */
  constructor(message, code, path) {
    super(message);
    this.name = 'ClerkRuntimeError';
    this.clerkRuntimeError = true;
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

export class ClerkAPIResponseError extends Error {
  /**
   * @param {string} message `errors[0].long_message`, else its `message`, else the status text
   * @param {number} status
   * @param {Array<object>} errors `[{ code, message, longMessage, meta }]`
   * @param {string | undefined} clerkTraceId
   * @param {number | undefined} retryAfter seconds, from `Retry-After` on a 429
   */
  constructor(message, status, errors, clerkTraceId, retryAfter) {
    super(message);
    this.name = 'ClerkAPIResponseError';
    this.clerkError = true;
    this.code = 'api_response_error';
    this.status = status;
    this.errors = errors;
    this.clerkTraceId = clerkTraceId;
    this.retryAfter = retryAfter;
  }
}

/** Whether `error` is a `ClerkRuntimeError`. */
export function isClerkRuntimeError(error) {
  return typeof error === 'object' && error !== null && error.clerkRuntimeError === true;
}

/** Whether `error` is a `ClerkAPIResponseError`. */
export function isClerkAPIResponseError(error) {
  return typeof error === 'object' && error !== null && error.clerkError === true;
}
