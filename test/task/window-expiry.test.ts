// Windows expire: a time window holds only the points a future batch can contain, and a group
// that receives nothing while the stream's time moves on by the expiry (twice the window, at
// least a minute; swept every half expiry) loses its window, so memory does not grow with
// every group ever seen. Groups that keep sending, even late, are untouched.

import { describe, expect, it } from 'vitest';
import type { NodePropsByType } from '../../src/pipeline/model.js';
import { TimeWindow, windowExpiry } from '../../src/task/nodes/window.js';
import { PipelineBuilder, batches, fromProps, point, run, s, windowProps } from './helpers.js';

interface In {
  t: number;
  host: string;
}

function runWindows(props: Partial<NodePropsByType['window']>, input: In[]) {
  const b = new PipelineBuilder();
  const f = b.add(b.stream, 'from', fromProps({ groupBy: ['host'] }));
  const { task, out } = run(b, b.add(f, 'window', windowProps(props)));
  for (const { t, host } of input) {
    task.write(point({ tags: { host }, fields: { t }, time: s(t) }));
  }
  return batches(out).map((batch) => ({
    host: batch.tags.host,
    tmax: Number(batch.tmax / s(1)),
    points: batch.points.map((p) => p.fields.t),
  }));
}

const seconds = (from: number, to: number, host: string, step = 1): In[] => {
  const out: In[] = [];
  for (let t = from; t <= to; t += step) out.push({ t, host });
  return out;
};

describe('a time window keeps only what its period needs', () => {
  const feed = (props: Partial<NodePropsByType['window']>, to: number) => {
    const w = new TimeWindow(point({ fields: { t: 0 }, time: 0n }), windowProps(props));
    let most = { points: 0, slots: 0 };
    for (let t = 0; t <= to; t++) {
      w.insert(point({ fields: { t }, time: s(t) }));
      const r = w.retained();
      most = { points: Math.max(most.points, r.points), slots: Math.max(most.slots, r.slots) };
    }
    return most;
  };

  it('no pile of expired points behind the live ones (period 10s, every 10s)', () => {
    // one point per second: a window never needs more than 11 (10 + the arriving one)
    const most = feed({ period: s(10), every: s(10) }, 5000);
    expect(most.points).toBeLessThanOrEqual(11);
    expect(most.slots).toBeLessThanOrEqual(22);
  });

  it('every > period: points between windows are not kept until the next emission', () => {
    expect(feed({ period: s(10), every: s(60) }, 5000).points).toBeLessThanOrEqual(11);
  });

  it('every = 0: the trailing period only', () => {
    const most = feed({ period: s(10) }, 5000);
    expect(most.points).toBeLessThanOrEqual(11);
    expect(most.slots).toBeLessThanOrEqual(22);
  });
});

describe('a group that stops sending loses its window', () => {
  it('the expiry is twice the window, at least a minute', () => {
    expect(windowExpiry(windowProps({ period: s(10), every: s(10) }))).toBe(s(60));
    expect(windowExpiry(windowProps({ period: s(300), every: s(60) }))).toBe(s(600));
    expect(windowExpiry(windowProps({ period: s(10), every: s(100) }))).toBe(s(200));
  });

  it('after the expiry its window starts afresh: no batch of stale points', () => {
    const props = { period: s(10), every: s(10) };
    const input = [...seconds(0, 5, 'a'), ...seconds(0, 200, 'b'), { t: 201, host: 'a' }, { t: 215, host: 'a' }];
    const a = runWindows(props, input).filter((w) => w.host === 'a');
    // Kapacitor would emit {tmax: 10, points: [0..5]} at t=201 (its window pending since t=5);
    // here a's window was dropped by t=90 (sweeps every half expiry) and t=201 starts a new
    // one (next emit 211).
    expect(a).toEqual([{ host: 'a', tmax: 211, points: [201] }]);
  }); // prettier-ignore

  it('a group silent for less than the expiry keeps its window, as in Kapacitor', () => {
    const props = { period: s(10), every: s(10) };
    const input = [...seconds(0, 5, 'a'), ...seconds(0, 60, 'b'), { t: 61, host: 'a' }];
    const a = runWindows(props, input).filter((w) => w.host === 'a');
    expect(a).toEqual([{ host: 'a', tmax: 10, points: [0, 1, 2, 3, 4, 5] }]);
  });

  it('a group that keeps sending, however late, gets exactly the batches it gets alone', () => {
    const props = { period: s(10), every: s(5) };
    const alone = runWindows(props, seconds(0, 600, 'a', 10));
    // b is 300 s ahead of a throughout: far more than the expiry, but a sends every 10 s
    const interleaved: In[] = [];
    for (let t = 0; t <= 600; t += 10)
      interleaved.push({ t: t + 300, host: 'b' }, { t, host: 'a' });
    const withB = runWindows(props, interleaved).filter((w) => w.host === 'a');
    expect(alone.length).toBeGreaterThan(50);
    expect(withB).toEqual(alone);
  });

  it('count windows keep their last points however long a group is silent', () => {
    const input = [...seconds(0, 1, 'a'), ...seconds(0, 1000, 'b'), { t: 1001, host: 'a' }];
    const a = runWindows({ periodCount: 3, everyCount: 3 }, input).filter((w) => w.host === 'a');
    expect(a).toEqual([{ host: 'a', tmax: 1001, points: [0, 1, 1001] }]);
  });
});
