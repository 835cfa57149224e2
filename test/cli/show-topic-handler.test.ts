// `condenser show-topic-handler TOPIC ID` against a real host: after Kapacitor's fields, how
// delivery went (sent, failed by reason, dropped, retried, queued) and the last error with
// its time and reason, never holding a secret of the handler or its config section. Against
// a Kapacitor host (no /condenser/v1) it prints Kapacitor's fields alone.

import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import type { TopicHandlerStatusResponse } from '../../src/api/condenser.js';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, startBlackHole, startHTTPReceiver } from '../helpers/receivers.js';
import { cli, fakeServer, type FakeServer } from './helpers.js';

let host: Host | undefined;
let fake: FakeServer | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await fake?.close();
  fake = undefined;
  await closeAll();
});

const handlers = '/kapacitor/v1/alerts/topics/cpu/handlers';
const statusPath = (id: string) => `/condenser/v1/alerts/topics/cpu/handlers/${id}`;

function collect(h: Host, ids: string[]): void {
  for (const id of ids) {
    h.server.alert.collect(
      makeEvent({ topic: 'cpu', state: { id, message: `${id} is bad`, level: Level.CRITICAL } }),
    );
  }
}

/** Polls the handler's figures until `done` holds (a condition, not a clock). */
async function waitForFigures(
  h: Host,
  id: string,
  done: (d: TopicHandlerStatusResponse['delivery']) => boolean,
): Promise<TopicHandlerStatusResponse> {
  for (;;) {
    const res = await h.api('GET', statusPath(id));
    expect(res.status).toBe(200);
    const body = res.json as TopicHandlerStatusResponse;
    if (done(body.delivery)) return body;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('show-topic-handler', () => {
  it('shows sent, failed by reason and retried events, and the last error without secrets', async () => {
    const password = 'pa55-w0rd-x';
    const token = 'tok-secret-123';
    const bearer = 'hdr-s3cret-token';
    const sectionPassword = 'section-basic-pw';
    // The first event is accepted; the second fails, the peer fails with a body quoting what it got:
    // the URL (with its token) and every header (the bearer token, the basic credentials).
    const receiver = await startHTTPReceiver((_n, req) =>
      (JSON.parse(req.body) as { id: string }).id === 'e1'
        ? { status: 200 }
        : { status: 500, body: `rejected ${req.url} ${req.rawHeaders.join(' ')}` },
    );
    host = await startHost({
      alert: { 'delivery-attempts': 2, 'retry-backoff': '1ms', 'retry-max-backoff': '1ms' },
      httppost: [
        {
          endpoint: 'alerts',
          url: receiver.url,
          'basic-auth': { username: 'ops', password: sectionPassword },
        },
      ],
    });
    const url = `http://alice:${password}@127.0.0.1:${receiver.port}/alert?token=${token}&x=1`;
    const created = await host.api('POST', handlers, {
      id: 'hook',
      kind: 'post',
      // capture-response: the error quotes the peer's answer (Kapacitor's option).
      options: { url, headers: { 'X-Api-Key': bearer }, 'capture-response': true },
    });
    expect(created.status).toBe(200);
    await host.api('POST', handlers, {
      id: 'named',
      kind: 'post',
      options: { endpoint: 'alerts', 'capture-response': true },
    });
    collect(host, ['e1', 'e2']);
    const settled = (d: TopicHandlerStatusResponse['delivery']) => d.sent + d.failed === 2;
    await waitForFigures(host, 'hook', settled);
    await waitForFigures(host, 'named', settled);

    const basic = (user: string, pw: string) => Buffer.from(`${user}:${pw}`).toString('base64');
    const secrets = [password, token, bearer, basic('alice', password), sectionPassword];
    secrets.push(basic('ops', sectionPassword));
    // The peer did quote them (the passwords as basic credentials), so there was something
    // to hide.
    const quoted = receiver.received.map((r) => `${r.url} ${r.rawHeaders.join(' ')}`).join(' ');
    for (const s of secrets.filter((s) => s !== password && s !== sectionPassword))
      expect(quoted).toContain(s);

    const shown = await cli(['-url', host.url, 'show-topic-handler', 'cpu', 'hook']);
    expect(shown.code).toBe(0);
    expect(shown.err).toBe('');
    const lines = shown.out.split('\n');
    expect(lines.slice(0, 3)).toEqual(['ID: hook', 'Topic: cpu', 'Kind: post']);
    expect(lines.slice(5)).toEqual([
      'Status: running',
      'Sent: 1',
      'Failed: 1 (http-5xx 1)',
      'Dropped: 0',
      'Retried: 1',
      'Queued: 0',
      expect.stringMatching(
        /^Last error: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z http-5xx: failed to POST alert data: unexpected response code 500: rejected \/alert\?token=<redacted>&x=1 .*\(event e2, 2 attempts, HTTP 500\)$/,
      ),
      '',
    ]);
    expect(lines[11]).toContain('<redacted>');

    const named = await cli(['-url', host.url, 'show-topic-handler', 'cpu', 'named']);
    expect(named.out).toMatch(/\nLast error: .* http-5xx: failed to POST alert data: /);
    expect(named.out).toMatch(/Authorization Basic <redacted>/);

    // Neither the CLI, the API nor the delivery log lines show a secret. (capture-response
    // also logs the peer's answer as it came: the user asked for exactly that.)
    const status = JSON.stringify([
      (await host.api('GET', statusPath('hook'))).json,
      (await host.api('GET', statusPath('named'))).json,
    ]);
    const logs = JSON.stringify(host.logs.filter((r) => r.msg !== 'post handler response'));
    expect(logs).toContain('failed to deliver event \\"e2\\" to handler');
    for (const s of secrets) {
      expect(shown.out + named.out, s).not.toContain(s);
      expect(status, s).not.toContain(s);
      expect(logs, s).not.toContain(s);
    }
  });

  it('counts events a full queue dropped, and says when and why in the last error', async () => {
    const hole = await startBlackHole();
    host = await startHost({
      alert: { 'topic-buffer-length': 1000, 'delivery-timeout': '1h' },
      http: { 'shutdown-timeout': '50ms' },
    });
    await host.api('POST', handlers, { id: 'stuck', kind: 'post', options: { url: hole.url } });
    // One in flight (the peer never answers), 1000 waiting, the last two dropped.
    const before = Date.now();
    collect(
      host,
      Array.from({ length: 1003 }, (_, i) => `e${i}`),
    );
    const body = await waitForFigures(host, 'stuck', (d) => d.dropped === 2);
    expect(body).toMatchObject({
      id: 'stuck',
      topic: 'cpu',
      kind: 'post',
      error: '',
      delivery: { sent: 0, failed: 0, dropped: 2, queued: 1000, failedByReason: {} },
    });
    const last = body.delivery.lastError!;
    expect(last).toMatchObject({ reason: 'queue full', event: 'e1002', attempts: 0 });
    expect(Date.parse(last.time)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const shown = await cli(['-url', host.url, 'show-topic-handler', 'cpu', 'stuck']);
    expect(shown.out).toContain(
      'Status: running\nSent: 0\nFailed: 0\nDropped: 2\nRetried: 0\nQueued: 1000\n' +
        `Last error: ${last.time} queue full: the queue is full (1000 events waiting): event dropped (event e1002, 0 attempts)\n`,
    );
  });

  it('answers 404 for a handler that does not exist', async () => {
    host = await startHost();
    const res = await host.api('GET', statusPath('nope'));
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: 'unknown handler: "nope"' });
  });

  it("prints Kapacitor's fields alone when the host has no /condenser/v1 (Kapacitor)", async () => {
    fake = await fakeServer((req, res) => {
      if (req.url === '/kapacitor/v1/alerts/topics/cpu/handlers/hook') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'hook', kind: 'log', match: '', options: { path: '/x' } }));
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found\n');
    });
    expect(await cli(['-url', fake.url, 'show-topic-handler', 'cpu', 'hook'])).toEqual({
      code: 0,
      out: 'ID: hook\nTopic: cpu\nKind: log\nMatch: \nOptions: {"path":"/x"}\n',
      err: '',
    });
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/kapacitor/v1/alerts/topics/cpu/handlers/hook',
      '/condenser/v1/alerts/topics/cpu/handlers/hook',
    ]);
  });
});
