import { describe, expect, it } from 'vitest';
import { batch, batches, lambda, nodeHarness, pointMsg, points, s } from './helpers.js';

describe('where()', () => {
  it('keeps stateful function state per group', () => {
    const h = nodeHarness('where', { expression: lambda('count() > 1') });
    const dims = { tagNames: ['host'], byMeasurement: false };
    for (const [host, t] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['b', 4],
    ] as const) {
      h.receive(pointMsg({ tags: { host }, fields: { t }, time: s(t), dims }));
    }
    expect(points(h.out).map((p) => p.fields.t)).toEqual([3, 4]);
  });

  it('filters batch points and forwards empty batches', () => {
    const h = nodeHarness('where', { expression: lambda('"v" > 1') });
    h.receive(
      batch({
        tmax: s(3),
        points: [
          { time: s(1), fields: { v: 1 } },
          { time: s(2), fields: { v: 2 } },
        ],
      }),
    );
    h.receive(batch({ tmax: s(4), points: [{ time: s(4), fields: { v: 0 } }] }));
    h.receive(batch({ tmax: s(5), points: [] }));
    expect(batches(h.out).map((b) => [b.tmax, b.points.map((p) => p.fields.v)])).toEqual([
      [s(3), [2]],
      [s(4), []],
      [s(5), []],
    ]);
  });

  it('drops a point whose evaluation fails and counts the error', () => {
    const h = nodeHarness('where', { expression: lambda('"v" > 1') });
    h.receive(pointMsg({ fields: { v: 'text' }, time: s(1) }));
    h.receive(pointMsg({ fields: { v: 2 }, time: s(2) }));
    expect(points(h.out)).toHaveLength(1);
    expect(h.stats.errors).toBe(1);
    expect(h.logs).toHaveLength(1);
  });
});

describe('groupBy()', () => {
  const tags = { host: 'a', region: 'eu', dc: 'x' };
  const cases = [
    {
      props: { dimensions: ['region', 'host'], star: false, exclude: [], byMeasurement: false },
      group: 'host=a,region=eu',
    },
    {
      props: { dimensions: [], star: true, exclude: ['dc'], byMeasurement: false },
      group: 'host=a,region=eu',
    },
    {
      props: { dimensions: ['host'], star: false, exclude: [], byMeasurement: true },
      group: 'cpu\nhost=a',
    },
    { props: { dimensions: [], star: false, exclude: [], byMeasurement: false }, group: '' },
  ];
  for (const c of cases) {
    it(`re-labels stream points: ${JSON.stringify(c.props)}`, () => {
      const h = nodeHarness('groupBy', c.props);
      h.receive(pointMsg({ tags, fields: { v: 1 }, time: s(1) }));
      const [p] = points(h.out);
      expect(p!.group).toBe(c.group);
      expect(p!.tags).toEqual(tags);
    });
  }

  it('splits batches by the new groups and emits them when the time changes', () => {
    const h = nodeHarness('groupBy', {
      dimensions: ['host'],
      star: false,
      exclude: [],
      byMeasurement: false,
    });
    const pt = (host: string, v: number) => ({
      time: s(v),
      fields: { v },
      tags: { host, cpu: 'total' },
    });
    h.receive(batch({ tmax: s(10), points: [pt('a', 1), pt('b', 2), pt('a', 3)] }));
    h.receive(batch({ tmax: s(10), points: [pt('b', 4), pt('c', 5)] }));
    expect(h.out).toEqual([]);
    h.receive(batch({ tmax: s(20), points: [pt('a', 6)] }));
    const got = batches(h.out).map((b) => ({
      group: b.group,
      tags: b.tags,
      tmax: b.tmax,
      values: b.points.map((p) => p.fields.v),
    }));
    expect(got).toEqual([
      { group: 'host=a', tags: { host: 'a' }, tmax: s(10), values: [1, 3] },
      { group: 'host=b', tags: { host: 'b' }, tmax: s(10), values: [2, 4] },
      { group: 'host=c', tags: { host: 'c' }, tmax: s(10), values: [5] },
    ]);
    // Points keep all their tags.
    expect(batches(h.out)[0]!.points[0]!.tags).toEqual({ host: 'a', cpu: 'total' });
  });
});
