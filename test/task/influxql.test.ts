import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../src/alert/event.js';
import type { InfluxQLMethod, InfluxQLProps } from '../../src/pipeline/model.js';
import { batch, batches, influxql, nodeHarness, pointMsg, points, s } from './helpers.js';

const values = [3, 1, 4, 1, 5];
const groupTags = { host: 'a' };
const windowBatch = (vals: FieldValue[] = values) =>
  batch({
    tmax: s(10),
    tags: groupTags,
    points: vals.map((value, i) => ({
      time: s(i + 1),
      fields: { value, other: `o${i + 1}` },
      tags: { host: 'a', cpu: `c${i + 1}` },
    })),
  });

function reduceBatch(props: InfluxQLProps, vals?: FieldValue[]) {
  const h = nodeHarness('influxql', props);
  h.receive(windowBatch(vals));
  return h;
}

describe('InfluxQL aggregates on batches', () => {
  const cases: Array<{ method: InfluxQLMethod; want: FieldValue; n?: number }> = [
    { method: 'count', want: 5n },
    { method: 'sum', want: 14 },
    { method: 'mean', want: 2.8 },
    { method: 'median', want: 3 },
    { method: 'mode', want: 1 },
    { method: 'spread', want: 4 },
    { method: 'stddev', want: Math.sqrt(3.2) },
  ];
  for (const c of cases) {
    it(`${c.method} → one point with the group tags at tmax`, () => {
      const h = reduceBatch(influxql(c.method));
      const [p] = points(h.out);
      expect(p).toMatchObject({
        name: 'cpu',
        db: '',
        rp: '',
        time: s(10),
        tags: groupTags,
        group: 'host=a',
      });
      expect(Object.keys(p!.fields)).toEqual([c.method]);
      const got = p!.fields[c.method];
      if (typeof c.want === 'number') expect(got).toBeCloseTo(c.want, 12);
      else expect(got).toBe(c.want);
    });
  }

  it('keeps the int type for sum and spread, and wraps like int64', () => {
    expect(points(reduceBatch(influxql('sum'), [1n, 2n]).out)[0]!.fields.sum).toBe(3n);
    expect(points(reduceBatch(influxql('spread'), [1n, 7n]).out)[0]!.fields.spread).toBe(6n);
    const max = 9_223_372_036_854_775_807n;
    expect(points(reduceBatch(influxql('sum'), [max, 1n]).out)[0]!.fields.sum).toBe(-max - 1n);
  });

  it('median of an even count averages the middle values; stddev of one point is NaN', () => {
    expect(points(reduceBatch(influxql('median'), [1, 2, 3, 10]).out)[0]!.fields.median).toBe(2.5);
    expect(points(reduceBatch(influxql('stddev'), [1]).out)[0]!.fields.stddev).toBeNaN();
  });

  it('uses .as() for the output name', () => {
    const h = reduceBatch(influxql('mean', 'value', { as: 'avg' }));
    expect(points(h.out)[0]!.fields).toEqual({ avg: 2.8 });
  });

  it('count and sum emit 0 for an empty batch; others emit nothing', () => {
    const empty = batch({ tmax: s(10), tags: groupTags, points: [] });
    const got: Record<string, unknown> = {};
    for (const m of ['count', 'sum', 'mean', 'max'] as const) {
      const h = nodeHarness('influxql', influxql(m));
      h.receive(empty);
      got[m] = points(h.out).map((p) => p.fields[m]);
    }
    expect(got).toEqual({ count: [0n], sum: [0], mean: [], max: [] });
  });

  it('an empty batch after int points sums to int 0', () => {
    const h = nodeHarness('influxql', influxql('sum'));
    h.receive(windowBatch([1n]));
    h.receive(batch({ tmax: s(20), tags: groupTags, points: [] }));
    expect(points(h.out).map((p) => p.fields.sum)).toEqual([1n, 0n]);
  });
});

describe('InfluxQL selectors', () => {
  const cases: Array<{ props: InfluxQLProps; value: number; at: number }> = [
    { props: influxql('first'), value: 3, at: 1 },
    { props: influxql('last'), value: 5, at: 5 },
    { props: influxql('min'), value: 1, at: 2 }, // tie: earliest
    { props: influxql('max'), value: 5, at: 5 },
    { props: influxql('percentile', 'value', { n: 50 }), value: 3, at: 1 },
    { props: influxql('percentile', 'value', { n: 90 }), value: 5, at: 5 },
  ];
  for (const c of cases) {
    for (const usePointTimes of [false, true]) {
      it(`${c.props.method}(${c.props.n ?? ''}) usePointTimes=${usePointTimes}`, () => {
        const h = reduceBatch({ ...c.props, usePointTimes });
        const [p] = points(h.out);
        const m = c.props.method;
        // The whole selected point, with its field renamed to the output name.
        expect(p!.fields).toEqual({ [m]: c.value, other: `o${c.at}` });
        expect(p!.tags).toEqual({ host: 'a', cpu: `c${c.at}` });
        expect(p!.time).toBe(usePointTimes ? s(c.at) : s(10));
        expect(p!.group).toBe('host=a');
      });
    }
  }

  it('a percentile rank outside the data emits nothing', () => {
    expect(reduceBatch(influxql('percentile', 'value', { n: 0 })).out).toEqual([]);
  });
});

describe('InfluxQL functions that emit batches', () => {
  it('distinct: first occurrence of each value, by time', () => {
    const h = reduceBatch(influxql('distinct', 'value', { usePointTimes: true }));
    const [b] = batches(h.out);
    expect(b!.points.map((p) => [p.time, p.fields.distinct])).toEqual([
      [s(1), 3],
      [s(2), 1],
      [s(3), 4],
      [s(5), 5],
    ]);
    expect(b).toMatchObject({ tmax: s(10), tags: groupTags, group: 'host=a' });
  });

  it('top and bottom: n best values with extra fields, at tmax', () => {
    const top = batches(
      reduceBatch(influxql('top', 'value', { n: 2, fieldsAndTags: ['other'] })).out,
    )[0]!;
    expect(top.points.map((p) => p.fields)).toEqual([
      { top: 5, other: 'o5' },
      { top: 4, other: 'o3' },
    ]);
    expect(top.points.map((p) => p.time)).toEqual([s(10), s(10)]);
    const bottom = batches(reduceBatch(influxql('bottom', 'value', { n: 2 })).out)[0]!;
    expect(bottom.points.map((p) => p.fields.bottom)).toEqual([1, 1]);
  });
});

describe('InfluxQL on streams', () => {
  it('accumulates points with the same timestamp and emits when the time changes', () => {
    const h = nodeHarness('influxql', influxql('sum'));
    const dims = { tagNames: ['host'], byMeasurement: false };
    const write = (host: string, t: number, value: number) =>
      h.receive(pointMsg({ tags: { host, cpu: 'x' }, fields: { value }, time: s(t), dims }));
    write('a', 1, 1);
    write('a', 1, 2);
    write('b', 1, 10);
    expect(h.out).toEqual([]);
    write('a', 2, 5);
    write('a', 3, 0);
    expect(points(h.out).map((p) => [p.group, p.time, p.fields.sum, p.tags])).toEqual([
      ['host=a', s(1), 3, { host: 'a' }],
      ['host=a', s(2), 5, { host: 'a' }],
    ]);
  });

  it('fixes the value type from the first point and rejects other types', () => {
    const h = nodeHarness('influxql', influxql('sum'));
    h.receive(pointMsg({ fields: { value: 1n }, time: s(1) }));
    h.receive(pointMsg({ fields: { value: 2.5 }, time: s(1) }));
    h.receive(pointMsg({ fields: { other: 1 }, time: s(1) }));
    h.receive(pointMsg({ fields: { value: 2n }, time: s(2) }));
    expect(points(h.out).map((p) => p.fields.sum)).toEqual([1n]);
    expect(h.stats.errors).toBe(2);
  });

  it('rejects types a function cannot reduce', () => {
    const h = nodeHarness('influxql', influxql('mean'));
    h.receive(pointMsg({ fields: { value: 'text' }, time: s(1) }));
    expect(h.stats.errors).toBe(1);
  });

  const transforms: Array<{ props: InfluxQLProps; want: FieldValue[] }> = [
    { props: influxql('difference'), want: [3, -2, 4] },
    { props: influxql('cumulativeSum'), want: [1, 5, 7, 13] },
    { props: influxql('movingAverage', 'value', { n: 2 }), want: [2.5, 3, 4] },
    { props: influxql('elapsed', 'value', { unit: s(1) }), want: [2n, 3n, 1n] },
  ];
  for (const c of transforms) {
    it(`${c.props.method} transforms each point as it arrives`, () => {
      const h = nodeHarness('influxql', c.props);
      [
        [0, 1],
        [2, 4],
        [5, 2],
        [6, 6],
      ].forEach(([t, value]) => h.receive(pointMsg({ fields: { value: value! }, time: s(t!) })));
      expect(points(h.out).map((p) => p.fields[c.props.method])).toEqual(c.want);
    });
  }

  it('transforms a batch into a batch, starting fresh each time', () => {
    const h = nodeHarness('influxql', influxql('difference'));
    h.receive(windowBatch());
    h.receive(windowBatch());
    expect(batches(h.out).map((b) => b.points.map((p) => p.fields.difference))).toEqual([
      [-2, 3, -3, 4],
      [-2, 3, -3, 4],
    ]);
  });
});
