/**
 * The JS half of src/js/edge.rs: the caller's values, read safely before Rust sees them.
 *
 * A caller's object can be a Proxy, have a throwing getter, be revoked, or be cyclic. Reading one
 * from wasm would let its exception unwind through wasm frames, which leaks wasm's stack and, after
 * some hundreds of calls, breaks the module for the whole page. So every read of a caller's value
 * happens here, inside `try`, and what Rust gets is either a value it can trust (a JSON text, a
 * plain copy) or a refusal `{ path, problem }`, thrown for a catching import.
 */

const refusal = (path, problem) => ({ path, problem });
const unreadable = 'the value cannot be read (a getter or a Proxy threw)';

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const join = (path, key, array) => (array ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function isPlain(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reads `holder[key]`; a throw becomes a refusal at `path`. */
function read(holder, key, path) {
  try {
    return holder[key];
  } catch {
    throw refusal(path, unreadable);
  }
}

/**
 * `public_metadata` is the one place where JSON.stringify would silently lose data (a Map or a Set
 * becomes `{}`): it must be absent, null or a plain object.
 */
function checkMetadata(holder, path) {
  const at = join(path, 'public_metadata');
  const metadata = read(holder, 'public_metadata', at);
  if (metadata === undefined || metadata === null) return;
  let plain;
  try {
    plain = typeof metadata === 'object' && !Array.isArray(metadata) && isPlain(metadata);
  } catch {
    throw refusal(at, unreadable);
  }
  if (!plain) throw refusal(at, `expected a plain object, got ${typeof metadata === 'object' ? 'another kind of object' : kind(metadata)}`);
}

/**
 * `fromJSON`'s one crossing: the caller's membership object as JSON text, at most `limit`
 * characters and `maxPermissions` permissions (the limits are Rust's: src/js/edge.rs, model::fields).
 * Throws `{ path, problem }` for what JSON cannot hold (and names where it is).
 */
export function membershipText(value, limit, maxPermissions) {
  let object;
  try {
    object = value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    throw refusal('', unreadable);
  }
  if (!object) throw refusal('', `expected an object, got ${kind(value)}`);
  checkMetadata(value, '');
  // The one list a membership has: a huge one is refused before JSON.stringify copies it.
  const permissions = read(value, 'permissions', 'permissions');
  let length = 0;
  try {
    length = Array.isArray(permissions) ? permissions.length : 0;
  } catch {
    throw refusal('permissions', unreadable);
  }
  if (length > maxPermissions) throw refusal('permissions', `${length} entries, more than the limit of ${maxPermissions}`);
  const organization = read(value, 'organization', 'organization');
  if (organization !== null && typeof organization === 'object') checkMetadata(organization, 'organization');
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    throw locate(value, '', new Set()) ?? refusal('', unreadable);
  }
  if (text.length > limit) {
    throw refusal('', `the JSON is ${text.length} characters long, over the limit of ${limit}`);
  }
  return text;
}

const encoder = new TextEncoder();

/**
 * Writes `text` as UTF-8 into `view` (wasm memory, at least 3 bytes per UTF-16 unit of `text`) and
 * returns the bytes written: one native call instead of the glue's loop over every character.
 */
export function encodeInto(text, view) {
  return encoder.encodeInto(text, view).written;
}

/** After JSON.stringify threw: the path of the first value it could not write, in its own order. */
function locate(value, path, seen) {
  if (typeof value === 'bigint') return refusal(path, 'a BigInt is not JSON');
  if (value === null || typeof value !== 'object') return null;
  if (seen.has(value)) return refusal(path, 'the value contains itself (a cycle is not JSON)');
  seen.add(value);
  let keys;
  let array;
  try {
    if (typeof value.toJSON === 'function') {
      return locate(value.toJSON(), path, seen);
    }
    array = Array.isArray(value);
    keys = array ? Array.from({ length: value.length }, (_, i) => i) : Object.keys(value);
  } catch {
    return refusal(path, unreadable);
  }
  for (const key of keys) {
    const at = join(path, key, array);
    let item;
    try {
      item = value[key];
    } catch {
      return refusal(at, unreadable);
    }
    const found = locate(item, at, seen);
    if (found) return found;
  }
  seen.delete(value);
  return null;
}

/** Whether a string can be kept exactly in UTF-8 (no lone surrogates). */
const wellFormed = String.prototype.isWellFormed
  ? (text) => text.isWellFormed()
  : (text) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/**
 * An options or params object as a plain copy Rust can read with serde-wasm-bindgen: own
 * enumerable keys; strings, numbers, booleans and nested plain objects and arrays copied; other
 * values (functions, an `AbortSignal`) kept as they are, for Rust to check. `undefined` and `null`
 * give `undefined`. An own `"__proto__"` key (as `JSON.parse` makes) is refused. Throws `{ path, problem }`.
 */
export function optionsCopy(value) {
  if (value === undefined || value === null) return undefined;
  return copy(value, '', 0);
}

function copy(value, path, depth) {
  if (typeof value === 'string') {
    if (!wellFormed(value)) throw refusal(path, 'a string with a lone surrogate cannot be kept exactly');
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  let array;
  let plain;
  try {
    array = Array.isArray(value);
    plain = array || isPlain(value);
  } catch {
    throw refusal(path, unreadable);
  }
  if (!plain) return value;
  if (depth === 3) throw refusal(path, 'nested too deeply for an options object');
  let keys;
  try {
    keys = array ? Array.from({ length: Math.min(value.length, 1000) }, (_, i) => i) : Object.keys(value);
  } catch {
    throw refusal(path, unreadable);
  }
  if (array && keys.length < read(value, 'length', path)) throw refusal(path, 'more than 1000 items');
  const out = array ? [] : {};
  for (const key of keys) {
    const at = join(path, key, array);
    // `out.__proto__ = …` would set the copy's prototype, and every option it holds would be inherited.
    if (key === '__proto__') throw refusal(at, 'an own "__proto__" key is refused: copied, it would become the prototype');
    out[key] = copy(read(value, key, at), at, depth + 1);
  }
  return out;
}
