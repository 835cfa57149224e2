import { describe, expect, it } from 'vitest';
import {
  DeliveryError,
  abortError,
  classifyError,
  withoutSecrets,
} from '../../src/delivery/errors.js';
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

  it('certificate and handshake failures are tls, not retryable (fix the config)', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
    ]) {
      const e = classifyError(Object.assign(new Error('handshake'), { code }));
      expect([e.reason, e.retryable]).toEqual(['tls', false]);
    }
  });

  it("the transports' reasons have their retry defaults", () => {
    expect(new DeliveryError('smtp-4xx', 'x').retryable).toBe(true);
    expect(new DeliveryError('smtp-5xx', 'x').retryable).toBe(false);
    expect(new DeliveryError('kafka-leader-not-available', 'x').retryable).toBe(true);
    expect(new DeliveryError('overflow', 'x').retryable).toBe(true);
    expect(new DeliveryError('mqtt-not-authorized', 'x').retryable).toBe(false);
    expect(new DeliveryError('invalid-message', 'x').retryable).toBe(false);
  });
});

describe('withoutSecrets', () => {
  it('replaces every occurrence of each non-empty secret', () => {
    expect(withoutSecrets('user u pw p4ss, again p4ss', ['p4ss', ''])).toBe(
      'user u pw <redacted>, again <redacted>',
    );
    expect(withoutSecrets('nothing here', ['p4ss'])).toBe('nothing here');
  });
});
