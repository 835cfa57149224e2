// Delivery through the host: a dead endpoint never delays a healthy handler on the same
// topic, and 5xx / 429 are retried (Retry-After honoured) up to [alert] delivery-attempts.

import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../../src/alert/event.js';
import { Level } from '../../src/alert/level.js';
import { startHost, type Host } from '../helpers/host.js';
import { closeAll, refusedPort, startBlackHole, startHTTPReceiver } from '../helpers/receivers.js';

let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  await closeAll();
});

const handlers = '/kapacitor/v1/alerts/topics/cpu/handlers';

describe('delivery through the host', () => {
  it('delivers every event to a healthy handler while others point at dead endpoints', async () => {
    const healthy = await startHTTPReceiver();
    const hole = await startBlackHole();
    const refused = await refusedPort();
    host = await startHost({
      alert: { 'delivery-timeout': '1h', 'retry-backoff': '1h' },
      http: { 'shutdown-timeout': '50ms' },
    });
    await host.api('POST', handlers, { id: 'blackhole', kind: 'post', options: { url: hole.url } });
    await host.api('POST', handlers, {
      id: 'refused',
      kind: 'tcp',
      options: { address: `127.0.0.1:${refused}` },
    });
    await host.api('POST', handlers, {
      id: 'healthy',
      kind: 'post',
      options: { url: healthy.url },
    });
    for (let i = 0; i < 50; i++) {
      host.server.alert.collect(
        makeEvent({
          topic: 'cpu',
          state: { id: `e${i}`, message: `m${i}`, level: Level.CRITICAL },
        }),
      );
    }
    await healthy.waitFor(50);
    expect(healthy.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `e${i}`),
    );
    const vars = (await host.api('GET', '/kapacitor/v1/debug/vars')).json as {
      kapacitor: Record<string, { values: Record<string, number> }>;
    };
    // The dead ones are still on their first event (one-hour timeout and backoff).
    expect(vars.kapacitor['delivery:cpu/blackhole']!.values.sent).toBe(0);
    expect(vars.kapacitor['delivery:cpu/blackhole']!.values.queue_length).toBe(49);
    expect(vars.kapacitor['delivery:cpu/refused']!.values.sent).toBe(0);
    expect(vars.kapacitor['delivery:cpu/healthy']!.values.sent).toBe(50);
    expect(hole.accepted()).toBe(1);
  });

  it('retries 429 after Retry-After and 5xx, but not 4xx, up to delivery-attempts', async () => {
    const receiver = await startHTTPReceiver((n, req) => {
      const id = (JSON.parse(req.body) as { id: string }).id;
      if (id === 'throttled' && n === 0) return { status: 429, headers: { 'Retry-After': '1' } };
      if (id === 'broken') return { status: 500 };
      if (id === 'rejected') return { status: 400 };
      return { status: 200 };
    });
    host = await startHost({
      alert: { 'delivery-attempts': 3, 'retry-backoff': '10ms', 'retry-max-backoff': '2s' },
    });
    await host.api('POST', handlers, { id: 'h', kind: 'post', options: { url: receiver.url } });
    for (const id of ['throttled', 'broken', 'rejected', 'fine']) {
      host.server.alert.collect(makeEvent({ topic: 'cpu', state: { id, level: Level.CRITICAL } }));
    }
    await receiver.waitFor(2 + 3 + 1 + 1);
    await host.server.alert.close(10_000);
    const ids = receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids).toEqual([
      'throttled',
      'throttled',
      'broken',
      'broken',
      'broken',
      'rejected',
      'fine',
    ]);
    // The retry of the throttled event waited for Retry-After (1 s) at least.
    expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(950);
    const failures = host.logs.filter((l) => l.msg.startsWith('failed to deliver event'));
    expect(failures.map((l) => [l.event, l.reason, l.attempts])).toEqual([
      ['broken', 'http-5xx', 3],
      ['rejected', 'http-4xx', 1],
    ]);
  });
});
