import { describe, expect, it } from 'vitest';
import { DeliveryError, abortError, classifyError } from '../../src/delivery/errors.js';
import { refusedPort, startBlackHole, closeAll } from '../helpers/receivers.js';
import { afterEach } from 'vitest';

afterEach(closeAll);

function withCode(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('classifyError', () => {
  it('maps socket errno codes', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']) {
      const e = classifyError(withCode(code));
      expect([code, e.reason, e.retryable]).toEqual([code, 'connection', true]);
    }
    const t = classifyError(withCode('ETIMEDOUT'));
    expect([t.reason, t.retryable]).toEqual(['timeout', true]);
  });

  it('sees through fetch\'s "fetch failed" wrapper on a real refused port', async () => {
    const port = await refusedPort();
    const thrown = await fetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (e: unknown) => e,
    );
    const e = classifyError(thrown);
    expect(e.reason).toBe('connection');
    expect(e.retryable).toBe(true);
    expect(e.cause).toBe(thrown);
  });

  it('a real fetch timed out by AbortSignal.timeout is a timeout', async () => {
    const hole = await startBlackHole();
    const thrown = await fetch(hole.url, { signal: AbortSignal.timeout(50) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(classifyError(thrown).reason).toBe('timeout');
  });

  it('an AbortError is aborted and not retryable; unknown things are not retryable', () => {
    const ctl = new AbortController();
    ctl.abort();
    const a = classifyError(ctl.signal.reason);
    expect([a.reason, a.retryable]).toEqual(['aborted', false]);
    const u = classifyError('weird');
    expect([u.reason, u.retryable, u.message]).toEqual(['unknown', false, 'weird']);
  });

  it('passes DeliveryErrors through unchanged', () => {
    const d = new DeliveryError('process', 'exit status 1');
    expect(classifyError(d)).toBe(d);
    expect(d.retryable).toBe(false);
  });

  it('abortError names timeouts and shutdowns', () => {
    expect(abortError(AbortSignal.abort(new DOMException('t', 'TimeoutError'))).reason).toBe(
      'timeout',
    );
    expect(abortError(AbortSignal.abort(new Error('bye'))).reason).toBe('aborted');
  });
});
