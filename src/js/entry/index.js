/**
 * The package's entry for browsers and bundlers (package.json `exports` → `default`). It is the
 * glue wasm-bindgen generates from the Rust (`./clerk_membership.js`), with one addition: the three
 * ways in that exist before `await init()` resolves — `new FrontendApi(…)`,
 * `OrganizationMembership.fromJSON(…)` and `OrganizationMembership.retrieve(…)` — throw a
 * `ClerkRuntimeError` with `code: 'not_initialized'` instead of a TypeError from inside the glue.
 *
 * `OrganizationMembership` is exported as a live binding: a guard until `init()` resolves, then the
 * class itself, so its hot static methods cost nothing extra afterwards. `FrontendApi` stays behind
 * its guard (it is constructed rarely), which also gives each client Node's `util.inspect` view.
 */
import glueInit, * as glue from './clerk_membership.js';

export {
  Organization,
  PublicUserData,
  MembershipList,
  ClerkRuntimeError,
  ClerkAPIResponseError,
  isClerkRuntimeError,
  isClerkAPIResponseError,
} from './clerk_membership.js';

let ready = false;

function notInitialized() {
  return new glue.ClerkRuntimeError(
    'clerk-membership is not initialized: call `await init()` (its default export) once, before using its classes',
    'not_initialized',
  );
}

/** What Node's `util.inspect` (and `console.log`) shows of a client: where it talks, not its token. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const clientView = Object.defineProperty(function () {}, 'name', { value: 'FrontendApi' }).prototype;
function inspectClient() {
  try {
    const shown = Object.create(clientView);
    return Object.assign(shown, { baseUrl: this.baseUrl, instanceType: this.instanceType, sessionId: this.sessionId });
  } catch {
    return 'FrontendApi <freed>';
  }
}

export const FrontendApi = new Proxy(glue.FrontendApi, {
  construct(target, args, newTarget) {
    if (!ready) throw notInitialized();
    const api = Reflect.construct(target, args, newTarget);
    api[INSPECT] = inspectClient;
    return api;
  },
});

const statics = new Set(['fromJSON', 'retrieve']);
const guardedMembership = new Proxy(glue.OrganizationMembership, {
  get(target, key, receiver) {
    if (!ready && statics.has(key)) {
      return () => {
        throw notInitialized();
      };
    }
    return Reflect.get(target, key, receiver);
  },
});

export let OrganizationMembership = guardedMembership;

function initialized(output) {
  ready = true;
  OrganizationMembership = glue.OrganizationMembership;
  return output;
}

/**
 * Loads the wasm (next to this module, unless given) and makes the classes usable. Calling it again,
 * or concurrently, is a no-op that resolves to the same wasm exports.
 */
export default async function init(input) {
  return initialized(await glueInit(input));
}

/** `init()` from bytes or a compiled `WebAssembly.Module` you already have, synchronously. */
export function initSync(module) {
  return initialized(glue.initSync(module));
}
