import { describe, expect, it } from 'vitest';
import { BoundedFifo } from '../../src/delivery/fifo.js';
import { DeliveryMetricsRegistry } from '../../src/delivery/metrics.js';

describe('BoundedFifo', () => {
  it('keeps order across wrap-around and refuses when full', () => {
    const f = new BoundedFifo<number>(3);
    expect([f.push(1), f.push(2), f.push(3), f.push(4)]).toEqual([true, true, true, false]);
    expect(f.shift()).toBe(1);
    expect(f.push(5)).toBe(true);
    expect(f.length).toBe(3);
    expect(f.drain()).toEqual([2, 3, 5]);
    expect(f.shift()).toBeUndefined();
    expect(() => new BoundedFifo(0)).toThrow(RangeError);
  });
});

describe('DeliveryMetricsRegistry', () => {
  it('snapshots every handler in Kapacitor stat shape, live queue length, only seen reasons', () => {
    const reg = new DeliveryMetricsRegistry();
    const b = reg.forHandler('b', { topic: 'cpu' });
    const a = reg.forHandler('a');
    expect(reg.forHandler('b')).toBe(b);
    let len = 7;
    b.queueLength = () => len;
    b.sent = 3;
    b.retried = 2;
    b.dropped = 1;
    b.failed['http-5xx'] = 2;
    b.failed.timeout = 1;
    a.sent = 1;
    len = 4;
    const snap = reg.snapshot();
    expect(Object.keys(snap)).toEqual(['delivery:a', 'delivery:b']);
    expect(snap['delivery:b']).toEqual({
      name: 'delivery',
      tags: { topic: 'cpu', handler: 'b' },
      values: {
        sent: 3,
        failed: 3,
        retried: 2,
        dropped: 1,
        queue_length: 4,
        failed_timeout: 1,
        failed_http_5xx: 2,
      },
    });
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    reg.remove('a');
    expect(Object.keys(reg.snapshot())).toEqual(['delivery:b']);
  });
});
