/**
 * The clock and the brakes of one Frontend API call, for src/fapi/transport.rs (its only user).
 *
 * A call is bounded by the caller's `AbortSignal` and by `timeoutMs`. Both stop the one signal that
 * every fetch of the call (gloo-net) and every wait between its tries listen to. That signal always
 * aborts with a `DOMException`, never with the caller's own reason (which may be any value, and
 * which fetch would reject with), so the transport sees an `Error` and can tell why it stopped.
 *
 * Everything here catches what the caller's objects can throw; nothing throws through wasm but the
 * constructor's refusal of a signal that is not an `AbortSignal`.
 */

/** Why a call stopped: still running, its caller aborted it, or `timeoutMs` passed. */
const RUNNING = 0;
const ABORTED = 1;
const TIMED_OUT = 2;

export class CallSignal {
  /**
   * @param {AbortSignal | undefined} caller the call's `options.signal`
   * @param {number} timeoutMs the deadline, from now
   */
  constructor(caller, timeoutMs) {
    if (caller !== undefined && caller !== null) {
      let aborted;
      try {
        aborted = caller instanceof AbortSignal && caller.aborted;
      } catch {
        aborted = undefined;
      }
      // `Object.create(AbortSignal.prototype)` passes instanceof but throws on `.aborted`.
      if (aborted === undefined || !(caller instanceof AbortSignal)) {
        throw new TypeError('options.signal must be an AbortSignal');
      }
    }
    this.controller = new AbortController();
    this.state = RUNNING;
    this.started = Date.now();
    this.caller = caller ?? undefined;
    this.onAbort = () => this.stop(ABORTED);
    this.timer = setTimeout(() => this.stop(TIMED_OUT), timeoutMs);
    if (this.caller?.aborted) this.stop(ABORTED);
    else this.caller?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The signal of every fetch and wait of this call. */
  get signal() {
    return this.controller.signal;
  }

  /** 0 while running, 1 once aborted by the caller, 2 once past the deadline. */
  get stopped() {
    return this.state;
  }

  /** Milliseconds since the call started. */
  get elapsed() {
    return Date.now() - this.started;
  }

  stop(state) {
    if (this.state !== RUNNING) return;
    this.state = state;
    const [message, name] = state === ABORTED ? ['the request was aborted', 'AbortError'] : ['timeoutMs passed', 'TimeoutError'];
    this.controller.abort(new DOMException(message, name));
    this.finish();
  }

  /** Releases the timer and the listener on the caller's signal (which may live long). */
  finish() {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onAbort);
  }

  /** Settles as `promise` does, or rejects as soon as the call stops (leaving `promise` running). */
  until(promise) {
    const { signal } = this;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const stop = () => reject(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
      const settle = (then) => (value) => {
        signal.removeEventListener('abort', stop);
        then(value);
      };
      promise.then(settle(resolve), settle(reject));
    });
  }

  /** Resolves after `ms`, or rejects as soon as the call stops. */
  sleep(ms) {
    let timer;
    const slept = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
    return this.until(slept).finally(() => clearTimeout(timer));
  }

  /**
   * Reads a response body, but never more than `cap` bytes into wasm: resolves to its bytes, or to
   * the number of bytes seen once that is over `cap`. With a `Content-Length` within the cap the
   * body is read whole (one native call); a compressed body can still decode larger, and is then
   * refused here, before Rust copies it. Without one, the stream is read and cut off past the cap.
   * Rejects when the call stops or the connection fails mid-body.
   * @param {Response} response
   * @param {number} cap
   * @returns {Promise<Uint8Array | number>}
   */
  async read(response, cap) {
    const declared = Number(response.headers.get('content-length'));
    if (declared > cap) {
      response.body?.cancel().catch(() => {});
      return declared;
    }
    if (response.headers.has('content-length')) {
      const whole = await this.until(response.arrayBuffer());
      return whole.byteLength > cap ? whole.byteLength : new Uint8Array(whole);
    }
    if (!response.body) return new Uint8Array(0);
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await this.until(reader.read());
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        reader.cancel().catch(() => {});
        return size;
      }
      chunks.push(value);
    }
    if (chunks.length === 1) return chunks[0];
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }
}
