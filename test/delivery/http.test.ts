import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  canonicalHeaderKey,
  goRequestHeaders,
  parseRetryAfter,
  sendHTTP,
} from '../../src/delivery/http.js';
import { closeAll, refusedPort, startBlackHole, startHTTPReceiver } from '../helpers/receivers.js';
import { deliveryFailure } from '../helpers/rejection.js';

afterEach(closeAll);

const ok2xx = (s: number): boolean => s >= 200 && s < 300;

describe('sendHTTP', () => {
  it('POSTs the body with exactly the headers Go sends, in Go order', async () => {
    const rx = await startHTTPReceiver();
    const body = '{"id":"cpu:host=a"}\n';
    const res = await sendHTTP({
      url: rx.url + '?x=1',
      headers: { 'content-type': 'application/json', 'x-b': '2', 'X-A': '1' },
      body,
      isSuccess: ok2xx,
    });
    expect(res.status).toBe(200);
    const got = rx.received[0];
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/alert?x=1');
    expect(got?.body).toBe(body);
    expect(got?.rawHeaders).toEqual([
      'Host',
      `127.0.0.1:${rx.port}`,
      'User-Agent',
      'Go-http-client/1.1',
      'Content-Length',
      String(Buffer.byteLength(body)),
      'Content-Type',
      'application/json',
      'X-A',
      '1',
      'X-B',
      '2',
      'Accept-Encoding',
      'gzip',
    ]);
  });

  it('reuses the connection between requests (keep-alive without a Connection header)', async () => {
    const rx = await startHTTPReceiver();
    for (let i = 0; i < 3; i++) await sendHTTP({ url: rx.url, body: `${i}`, isSuccess: ok2xx });
    expect(rx.received.map((r) => r.body)).toEqual(['0', '1', '2']);
    expect(rx.connections).toBe(1);
  });

  it('lets the handler override User-Agent and drops headers Go owns', async () => {
    const rx = await startHTTPReceiver();
    await sendHTTP({
      url: rx.url,
      headers: { 'User-Agent': 'mine', Host: 'evil', 'content-length': '999' },
      body: 'x',
      isSuccess: ok2xx,
    });
    expect(rx.received[0]?.rawHeaders).toEqual([
      'Host',
      `127.0.0.1:${rx.port}`,
      'User-Agent',
      'mine',
      'Content-Length',
      '1',
      'Accept-Encoding',
      'gzip',
    ]);
  });

  it('sends basic auth from the URL userinfo', async () => {
    const rx = await startHTTPReceiver();
    const url = new URL(rx.url);
    url.username = 'bob';
    url.password = 'p@ss';
    await sendHTTP({ url, body: '', isSuccess: ok2xx });
    const raw = rx.received[0]?.rawHeaders ?? [];
    const auth = raw[raw.indexOf('Authorization') + 1];
    expect(auth).toBe('Basic ' + Buffer.from('bob:p@ss').toString('base64'));
  });

  it('5xx is a retryable http-5xx error whose message carries the body', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 503, body: 'down for maintenance' }));
    const err = await deliveryFailure(sendHTTP({ url: rx.url, body: 'x', isSuccess: ok2xx }));
    expect(err.reason).toBe('http-5xx');
    expect(err.retryable).toBe(true);
    expect(err.status).toBe(503);
    expect(err.message).toBe('unexpected response code 503: down for maintenance');
  });

  it('decodes a gzip failure body for the message', async () => {
    const rx = await startHTTPReceiver(() => ({
      status: 500,
      headers: { 'Content-Encoding': 'gzip' },
      body: gzipSync('compressed oops'),
    }));
    const err = await deliveryFailure(
      sendHTTP({
        url: rx.url,
        body: 'x',
        isSuccess: ok2xx,
        describeFailure: (status, text) => `${status}|${text}`,
      }),
    );
    expect(err.message).toBe('500|compressed oops');
  });

  it('429 is retryable and carries Retry-After in ms', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 429, headers: { 'Retry-After': '7' } }));
    const err = await deliveryFailure(sendHTTP({ url: rx.url, body: 'x', isSuccess: ok2xx }));
    expect(err.reason).toBe('http-429');
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBe(7000);
  });

  it('other 4xx are not retryable', async () => {
    const rx = await startHTTPReceiver(() => ({ status: 400, body: 'bad json' }));
    const err = await deliveryFailure(sendHTTP({ url: rx.url, body: 'x', isSuccess: ok2xx }));
    expect(err.reason).toBe('http-4xx');
    expect(err.retryable).toBe(false);
    expect(err.status).toBe(400);
  });

  it("a status outside the handler's success set and outside 4xx/5xx is http-status", async () => {
    const rx = await startHTTPReceiver(() => ({ status: 202 }));
    const err = await deliveryFailure(
      sendHTTP({ url: rx.url, body: 'x', isSuccess: (s) => s === 200 }),
    );
    expect(err.reason).toBe('http-status');
    expect(err.retryable).toBe(false);
  });

  it('connection refused is a retryable connection error', async () => {
    const port = await refusedPort();
    const err = await deliveryFailure(
      sendHTTP({ url: `http://127.0.0.1:${port}/`, body: 'x', isSuccess: ok2xx }),
    );
    expect(err.reason).toBe('connection');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a timeout signal on a server that never answers gives a timeout error', async () => {
    const hole = await startBlackHole();
    const err = await deliveryFailure(
      sendHTTP({ url: hole.url, body: 'x', isSuccess: ok2xx, signal: AbortSignal.timeout(100) }),
    );
    expect(err.reason).toBe('timeout');
    expect(err.retryable).toBe(true);
  });

  it('a plain abort is an aborted, non-retryable error', async () => {
    const hole = await startBlackHole();
    const ctl = new AbortController();
    const p = sendHTTP({ url: hole.url, body: 'x', isSuccess: ok2xx, signal: ctl.signal });
    ctl.abort(new Error('shutting down'));
    const err = await deliveryFailure(p);
    expect(err.reason).toBe('aborted');
    expect(err.retryable).toBe(false);
  });

  it('a header value that would split the request is a protocol error, never sent', async () => {
    const rx = await startHTTPReceiver();
    const err = await deliveryFailure(
      sendHTTP({
        url: rx.url,
        headers: { 'X-A': 'a\r\nX-Injected: 1' },
        body: '',
        isSuccess: ok2xx,
      }),
    );
    expect([err.reason, err.retryable]).toEqual(['protocol', false]);
    expect(rx.received.length).toBe(0);
  });

  it('rejects unsupported schemes and bad URLs as protocol errors', async () => {
    const a = await deliveryFailure(sendHTTP({ url: 'ftp://x/', body: '', isSuccess: ok2xx }));
    expect(a.reason).toBe('protocol');
    const b = await deliveryFailure(sendHTTP({ url: 'not a url', body: '', isSuccess: ok2xx }));
    expect(b.reason).toBe('protocol');
    expect(b.retryable).toBe(false);
  });
});

describe('header helpers', () => {
  it('canonicalises like textproto.CanonicalMIMEHeaderKey', () => {
    expect(canonicalHeaderKey('content-type')).toBe('Content-Type');
    expect(canonicalHeaderKey('X-API-KEY')).toBe('X-Api-Key');
    expect(canonicalHeaderKey('bad key')).toBe('bad key');
  });

  it('omits Accept-Encoding when the handler sets its own, and sends no Content-Length on an empty GET', () => {
    expect(
      goRequestHeaders(
        { url: 'http://h:1/', method: 'GET', headers: { 'accept-encoding': 'br' } },
        0,
      ),
    ).toEqual([
      ['Host', 'h:1'],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Accept-Encoding', 'br'],
    ]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});
