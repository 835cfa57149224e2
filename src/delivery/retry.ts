// The one retrier every handler shares (Alertmanager's notify.RetryStage): exponential
// backoff with full jitter, Retry-After honoured up to a cap, non-retryable errors returned
// at once, and an AbortSignal that ends the wait (shutdown).

import { abortError, classifyError, type DeliveryError } from './errors.js';

export interface RetryPolicy {
  /** Total attempts including the first; 1 = never retry (Kapacitor's own behaviour). */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is drawn from [0, min(maxDelayMs, baseDelayMs·2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is waited exactly, but never longer than this. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

export interface RetryOptions {
  policy: RetryPolicy;
  /** Aborting stops further attempts and cuts a pending wait short. */
  signal?: AbortSignal;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  /** Called before each wait, with the failed attempt's number (1-based) and error. */
  onRetry?: (info: { attempt: number; error: DeliveryError; delayMs: number }) => void;
}

export interface RetryFailure {
  error: DeliveryError;
  attempts: number;
}

/** Thrown by `retry` when it gives up; `attempts` is how many were made. */
export class RetryExhaustedError extends Error {
  readonly error: DeliveryError;
  readonly attempts: number;
  constructor(failure: RetryFailure) {
    super(failure.error.message, { cause: failure.error });
    this.name = 'RetryExhaustedError';
    this.error = failure.error;
    this.attempts = failure.attempts;
  }
}

/** How long to wait after failed attempt `attempt` (1-based). */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  error: DeliveryError,
  random: () => number = Math.random,
): number {
  if (error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Run `attemptFn` until it resolves, fails with a non-retryable error, or the policy's
 * attempts run out. Anything thrown is classified into a DeliveryError; giving up throws a
 * RetryExhaustedError carrying the last error and the attempt count.
 */
export async function retry<T>(
  attemptFn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<{ value: T; attempts: number }> {
  const { policy, signal } = options;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await attemptFn(attempt);
      return { value, attempts: attempt };
    } catch (thrown) {
      let error = classifyError(thrown);
      // A shutdown abort can surface as some other error from the transport; name it.
      if (signal?.aborted && error.reason !== 'aborted') error = abortError(signal, thrown);
      if (!error.retryable || attempt >= maxAttempts || signal?.aborted) {
        throw new RetryExhaustedError({ error, attempts: attempt });
      }
      const delayMs = backoffDelay(policy, attempt, error, random);
      options.onRetry?.({ attempt, error, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch (abort) {
        throw new RetryExhaustedError({ error: classifyError(abort), attempts: attempt });
      }
    }
  }
}
