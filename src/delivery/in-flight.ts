// Sends that outlive the attempt that started them. Once a message is handed to a broker
// (MQTT QoS 1/2 waiting for its acknowledgement, a Kafka batch on the wire), an attempt's
// deadline only stops the waiting, not the message. A retry of the same event joins the
// send still on its way instead of publishing the message a second time.

import { abortError } from './errors.js';

export class InFlight {
  /** Keyed by the caller's object for one message (the alert event): no leak when it goes. */
  private readonly pending = new WeakMap<object, Promise<void>>();

  /**
   * `start()` unless a send for `key` is still on its way, in which case that one is
   * returned. `start` should reject only before the message is handed over.
   */
  run(key: object | undefined, start: () => Promise<void>): Promise<void> {
    if (key === undefined) return start();
    const existing = this.pending.get(key);
    if (existing !== undefined) return existing;
    const sending = start();
    this.pending.set(key, sending);
    const forget = (): void => {
      if (this.pending.get(key) === sending) this.pending.delete(key);
    };
    sending.then(forget, forget);
    return sending;
  }
}

/**
 * `promise`, or a rejection as soon as `signal` aborts (timeout or shutdown), whichever comes
 * first. The promise keeps running; its later rejection is observed so it is never unhandled.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
