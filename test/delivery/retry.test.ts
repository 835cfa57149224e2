import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/errors.js';
import {
  RetryExhaustedError,
  backoffDelay,
  retry,
  type RetryPolicy,
} from '../../src/delivery/retry.js';
import { rejection } from '../helpers/rejection.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 50 };

const exhausted = (p: Promise<unknown>): Promise<RetryExhaustedError> =>
  rejection(p, RetryExhaustedError);

describe('backoffDelay', () => {
  const e = new DeliveryError('http-5xx', 'x');
  const big: RetryPolicy = {
    maxAttempts: 10,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 3000,
  };

  it('draws from [0, min(max, base·2^(n-1))) (full jitter)', () => {
    expect(backoffDelay(big, 1, e, () => 0.999)).toBe(99);
    expect(backoffDelay(big, 3, e, () => 0.5)).toBe(200);
    expect(backoffDelay(big, 9, e, () => 0.999)).toBe(999);
    expect(backoffDelay(big, 2, e, () => 0)).toBe(0);
  });

  it('waits exactly Retry-After, capped', () => {
    const ra = (ms: number): DeliveryError =>
      new DeliveryError('http-429', 'x', { retryAfterMs: ms });
    expect(backoffDelay(big, 1, ra(1000), () => 0)).toBe(1000);
    expect(backoffDelay(big, 1, ra(60_000), () => 0)).toBe(3000);
  });
});

describe('retry', () => {
  it('retries retryable errors until success and reports the attempts', async () => {
    const seen: number[] = [];
    const retries: string[] = [];
    const out = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new DeliveryError('connection', `fail ${attempt}`);
        return 'ok';
      },
      { policy, onRetry: ({ attempt, error }) => retries.push(`${attempt}:${error.reason}`) },
    );
    expect(out).toEqual({ value: 'ok', attempts: 3 });
    expect(seen).toEqual([1, 2, 3]);
    expect(retries).toEqual(['1:connection', '2:connection']);
  });

  it('never retries a non-retryable error', async () => {
    let calls = 0;
    const err = await exhausted(
      retry(
        async () => {
          calls++;
          throw new DeliveryError('http-4xx', 'bad', { status: 400 });
        },
        { policy },
      ),
    );
    expect(calls).toBe(1);
    expect([err.attempts, err.error.reason, err.error.status]).toEqual([1, 'http-4xx', 400]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const err = await exhausted(
      retry(
        async () => {
          calls++;
          throw Object.assign(new Error(`refused ${calls}`), { code: 'ECONNREFUSED' });
        },
        { policy },
      ),
    );
    expect(calls).toBe(4);
    expect(err.attempts).toBe(4);
    expect(err.error.reason).toBe('connection');
    expect(err.error.message).toContain('refused 4');
  });

  it('an abort ends a long backoff wait at once', async () => {
    const ctl = new AbortController();
    const p = retry(
      async () => {
        // Abort once the first attempt has failed and the (hour-long) wait has begun.
        setImmediate(() => ctl.abort(new Error('closing')));
        throw new DeliveryError('http-429', 'slow down', { retryAfterMs: 3_600_000 });
      },
      { policy: { ...policy, maxRetryAfterMs: 3_600_000 }, signal: ctl.signal },
    );
    const err = await exhausted(p);
    expect(err.attempts).toBe(1);
    expect(err.error.reason).toBe('aborted');
  });

  it('does not start when already aborted after a failure', async () => {
    let calls = 0;
    const err = await exhausted(
      retry(
        async () => {
          calls++;
          throw new DeliveryError('timeout', 't');
        },
        { policy, signal: AbortSignal.abort(new Error('gone')) },
      ),
    );
    expect(calls).toBe(1);
    expect(err.error.reason).toBe('aborted');
  });
});
