/**
 * The package's entry for browsers and bundlers (package.json `exports` → `default`). It is the
 * glue wasm-bindgen generates from the Rust (`./clerk_membership.js`), with one addition: the ways
 * in that exist before `await init()` resolves — `new FrontendApi(…)`,
 * `OrganizationMembership.fromJSON(…)` and the classes' `retrieve(…)` — throw a
 * `ClerkRuntimeError` with `code: 'not_initialized'` instead of a TypeError from inside the glue.
 *
 * The classes with static methods are exported as live bindings: a guard until `init()` resolves,
 * then the class itself, so their hot static methods cost nothing extra afterwards. `FrontendApi` stays behind
 * its guard (it is constructed rarely), which also gives each client Node's `util.inspect` view.
 */
import glueInit, * as glue from './clerk_membership.js';
import { fetchWasm, wasmNotFound } from './wasm.js';

export {
  Organization,
  PublicUserData,
  MembershipList,
  OrganizationInvitation,
  OrganizationMembershipRequest,
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
    // fromJSON(json, api) recognises this very object, without running anything of what it is given.
    glue.__registerClient(api, api.__client);
    return api;
  },
});

/** A class whose static ways in throw `not_initialized` until `init()` resolves. */
const statics = new Set(['fromJSON', 'retrieve']);
const guarded = (target) => new Proxy(target, {
  get(target, key, receiver) {
    if (!ready && statics.has(key)) {
      return () => {
        throw notInitialized();
      };
    }
    return Reflect.get(target, key, receiver);
  },
});

export let OrganizationMembership = guarded(glue.OrganizationMembership);
export let UserOrganizationInvitation = guarded(glue.UserOrganizationInvitation);
export let OrganizationSuggestion = guarded(glue.OrganizationSuggestion);

function initialized(output) {
  ready = true;
  OrganizationMembership = glue.OrganizationMembership;
  UserOrganizationInvitation = glue.UserOrganizationInvitation;
  OrganizationSuggestion = glue.OrganizationSuggestion;
  return output;
}

// A classic script (a bundler's IIFE output) has no import.meta.url: its own src is the base then.
const scriptUrl = typeof document === 'undefined' ? undefined : document.currentScript?.src;

/** The wasm next to this module, as a request (wasm.js refuses an answer that is not the wasm). */
async function defaultWasm() {
  let url;
  try {
    // This exact form is what bundlers (Vite, webpack, Rollup) recognise, to emit the wasm and rewrite the URL.
    url = new URL('clerk_membership_bg.wasm', import.meta.url);
  } catch {
    if (!scriptUrl) throw wasmNotFound('cannot tell where its wasm is (no import.meta.url)');
    url = new URL('clerk_membership_bg.wasm', scriptUrl);
  }
  return fetchWasm(url);
}

/**
 * Loads the wasm (next to this module, unless given) and makes the classes usable. Calling it again,
 * or concurrently, is a no-op that resolves to the same wasm exports.
 */
let loading;
export default function init(input) {
  // One load, however many callers: a second, concurrent call shares the first one's.
  loading ??= glueInit(input ?? { module_or_path: defaultWasm() }).then(initialized, (error) => {
    loading = undefined;
    // Every failure to load is a ClerkRuntimeError: a fetch or compile error of the glue is wrapped, its cause kept.
    throw glue.isClerkRuntimeError(error) ? error : wasmNotFound(`could not load its wasm (${error?.message ?? error})`, error);
  });
  return loading;
}

/** `init()` from bytes or a compiled `WebAssembly.Module` you already have, synchronously. */
export function initSync(module) {
  return initialized(glue.initSync(module));
}
