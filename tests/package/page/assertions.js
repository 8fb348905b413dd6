// The assertions the pages of checks share: plain conditions, JSON equality, and the two error shapes
// of the package (ClerkRuntimeError with its code, ClerkAPIResponseError with status and errors[0].code).
import { ClerkRuntimeError, ClerkAPIResponseError, isClerkRuntimeError, isClerkAPIResponseError } from 'clerk-membership';

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

/** The reason `promise` rejects with; throws if it resolves. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** What `fn` throws; throws if it returns. */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}

/** A ClerkRuntimeError with `code`. */
export function runtime(error, code, what) {
  assert(error instanceof Error, `${what}: an Error (${error})`);
  assert(error instanceof ClerkRuntimeError && isClerkRuntimeError(error) && !isClerkAPIResponseError(error), `${what}: a ClerkRuntimeError (${error})`);
  equal([error.name, error.clerkRuntimeError, error.code], ['ClerkRuntimeError', true, code], what);
}

/** A ClerkAPIResponseError with `status` and `errors[0].code`. */
export function apiError(error, status, code, what) {
  assert(error instanceof Error, `${what}: an Error (${error})`);
  assert(error instanceof ClerkAPIResponseError && isClerkAPIResponseError(error) && !isClerkRuntimeError(error), `${what}: a ClerkAPIResponseError (${error})`);
  equal([error.name, error.clerkError, error.code, error.status, error.errors[0]?.code],
    ['ClerkAPIResponseError', true, 'api_response_error', status, code], what);
}
