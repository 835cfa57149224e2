// Connection sets (one connection per configured peer, kept across unrelated config changes),
// sends that outlive their attempt, and peer counters.

import { describe, expect, it } from 'vitest';
import { ConnectionSet, settingsKey } from '../../src/delivery/connections.js';
import type { DeliveryError } from '../../src/delivery/errors.js';
import { InFlight, untilAborted } from '../../src/delivery/in-flight.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';

class FakeConnection {
  closed = false;
  constructor(
    readonly name: string,
    readonly settings: { url: string; tags?: string[] },
  ) {}
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

describe('ConnectionSet', () => {
  const make = () => {
    const opened: FakeConnection[] = [];
    const set = new ConnectionSet<{ url: string; tags?: string[] }, FakeConnection>((name, s) => {
      const c = new FakeConnection(name, s);
      opened.push(c);
      return c;
    });
    return { set, opened };
  };

  it('opens a connection on first use and reuses it', async () => {
    const { set, opened } = make();
    await set.update([['a', { url: 'tcp://a:1' }]]);
    expect(opened).toHaveLength(0);
    const a = set.get('a');
    expect(set.get('a')).toBe(a);
    expect(opened).toHaveLength(1);
    expect(set.get('nope')).toBeUndefined();
  });

  it('keeps unchanged peers, closes changed and removed ones', async () => {
    const { set } = make();
    await set.update([
      ['a', { url: 'tcp://a:1', tags: ['x'] }],
      ['b', { url: 'tcp://b:1' }],
      ['c', { url: 'tcp://c:1' }],
    ]);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => set.get(n)!);
    await set.update([
      ['a', { tags: ['x'], url: 'tcp://a:1' }], // same settings, other key order
      ['b', { url: 'tcp://b:2' }],
    ]);
    expect([a!.closed, b!.closed, c!.closed]).toEqual([false, true, true]);
    expect(set.get('a')).toBe(a);
    expect(set.get('b')).not.toBe(b);
    expect(set.names()).toEqual(['a', 'b']);
  });

  it('eager update connects every peer; close closes them all', async () => {
    const { set, opened } = make();
    await set.update(
      [
        ['a', { url: 'tcp://a:1' }],
        ['b', { url: 'tcp://b:1' }],
      ],
      { eager: true },
    );
    expect(opened.map((c) => c.name)).toEqual(['a', 'b']);
    await set.close();
    expect(opened.every((c) => c.closed)).toBe(true);
    expect(set.has('a')).toBe(false);
  });

  it('settingsKey ignores key order, not values', () => {
    expect(settingsKey({ a: 1, b: [1, 2] })).toBe(settingsKey({ b: [1, 2], a: 1 }));
    expect(settingsKey({ a: 1, b: [2, 1] })).not.toBe(settingsKey({ a: 1, b: [1, 2] }));
  });
});

describe('InFlight and untilAborted', () => {
  it('a second run for the same key joins the first while it is on its way', async () => {
    const inFlight = new InFlight();
    let starts = 0;
    let finish!: () => void;
    const start = () => {
      starts++;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    };
    const key = {};
    const first = inFlight.run(key, start);
    const second = inFlight.run(key, start);
    expect(second).toBe(first);
    finish();
    await first;
    // Settled: the next run starts anew.
    const third = inFlight.run(key, start);
    finish();
    await third;
    expect(starts).toBe(2);
  });

  it('without a key every run starts its own send', async () => {
    const inFlight = new InFlight();
    let starts = 0;
    await Promise.all([1, 2].map(() => inFlight.run(undefined, async () => void starts++)));
    expect(starts).toBe(2);
  });

  it('untilAborted stops waiting when the signal fires, the send keeps going unobserved', async () => {
    let finish!: (err: Error) => void;
    const send = new Promise<void>((_resolve, reject) => {
      finish = reject;
    });
    const ctl = new AbortController();
    const waiting = untilAborted(send, ctl.signal);
    ctl.abort(new DOMException('t', 'TimeoutError'));
    const err = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as DeliveryError).reason).toBe('timeout');
    finish(new Error('late failure, observed by nobody')); // must not be an unhandled rejection
    await new Promise((r) => setTimeout(r, 0));
  });
});

describe('PeerMetrics in the registry', () => {
  it('shows peers after the handlers, counters, failures by reason and gauges', () => {
    const registry = new DeliveryMetricsRegistry();
    registry.forHandler('t/h');
    const peer = registry.forPeer('kafka', { cluster: 'main', topic: 'alerts' });
    expect(registry.forPeer('kafka', { cluster: 'main', topic: 'alerts' })).toBe(peer);
    peer.add('write_messages', 2);
    peer.failed('kafka-leader-not-available');
    let connected = 1;
    peer.gauge('connected', () => connected);
    connected = 0;
    const vars = registry.snapshot();
    expect(Object.keys(vars)).toEqual(['delivery:t/h', 'kafka:main:alerts']);
    expect(vars['kafka:main:alerts']).toEqual({
      name: 'kafka',
      tags: { cluster: 'main', topic: 'alerts' },
      values: {
        write_messages: 2,
        failed: 1,
        failed_kafka_leader_not_available: 1,
        connected: 0,
      },
    });
    registry.removePeer(peer);
    expect(Object.keys(registry.snapshot())).toEqual(['delivery:t/h']);
  });
});
