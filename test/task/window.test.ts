import { describe, expect, it } from 'vitest';
import type { NodePropsByType } from '../../src/pipeline/model.js';
import { PipelineBuilder, batches, fromProps, point, run, s, windowProps } from './helpers.js';

/** Feed points (times in seconds) through from().groupBy(...)|window(props); returns the batches. */
function windows(
  props: Partial<NodePropsByType['window']>,
  input: Array<number | { t: number; host: string }>,
  groupBy: string[] = [],
) {
  const b = new PipelineBuilder();
  const f = b.add(b.stream, 'from', fromProps({ groupBy }));
  const { task, out } = run(b, b.add(f, 'window', windowProps(props)));
  for (const i of input) {
    const { t, host } = typeof i === 'number' ? { t: i, host: 'a' } : i;
    task.write(point({ tags: { host }, fields: { t }, time: s(t) }));
  }
  return batches(out).map((batch) => ({
    tmax: Number(batch.tmax / s(1)),
    group: batch.group,
    points: batch.points.map((p) => p.fields.t),
  }));
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('window() by time', () => {
  it('emits [E-period, E) when a point reaches E (upstream TestStream_Alert)', () => {
    expect(windows({ period: s(10), every: s(10) }, range(0, 11))).toEqual([
      { tmax: 10, group: '', points: range(0, 9) },
    ]);
  });

  const cases: Array<{
    name: string;
    props: Partial<NodePropsByType['window']>;
    input: number[];
    want: Array<{ tmax: number; points: number[] }>;
  }> = [
    {
      name: 'every=0 emits the trailing window (t-period, t] on every point',
      props: { period: s(3) },
      input: [0, 1, 2, 3, 4],
      want: [
        { tmax: 0, points: [0] },
        { tmax: 1, points: [0, 1] },
        { tmax: 2, points: [0, 1, 2] },
        { tmax: 3, points: [1, 2, 3] },
        { tmax: 4, points: [2, 3, 4] },
      ],
    },
    {
      name: 'align truncates the first emit time to every',
      props: { period: s(10), every: s(10), align: true },
      input: [3, 5, 9, 10, 19, 20],
      want: [
        { tmax: 10, points: [3, 5, 9] },
        { tmax: 20, points: [10, 19] },
      ],
    },
    {
      name: 'overlapping windows (period > every)',
      props: { period: s(4), every: s(2) },
      input: range(0, 6),
      want: [
        { tmax: 2, points: [0, 1] },
        { tmax: 4, points: [0, 1, 2, 3] },
        { tmax: 6, points: [2, 3, 4, 5] },
      ],
    },
    {
      name: 'a gap restarts the schedule from the arriving point (no catch-up windows)',
      props: { period: s(10), every: s(10) },
      input: [0, 5, 25, 35],
      want: [
        { tmax: 10, points: [0, 5] },
        { tmax: 35, points: [25] },
      ],
    },
    {
      name: 'windows may be empty',
      props: { period: s(5), every: s(10) },
      input: [0, 25, 40],
      want: [
        { tmax: 10, points: [] },
        { tmax: 35, points: [] },
      ],
    },
    {
      name: 'fillPeriod waits for one full period',
      props: { period: s(10), every: s(5), fillPeriod: true },
      input: range(0, 15),
      want: [
        { tmax: 10, points: range(0, 9) },
        { tmax: 15, points: range(5, 14) },
      ],
    },
    {
      name: 'without fillPeriod the first window is partial',
      props: { period: s(10), every: s(5) },
      input: range(0, 10),
      want: [
        { tmax: 5, points: range(0, 4) },
        { tmax: 10, points: range(0, 9) },
      ],
    },
    {
      name: 'fillPeriod with align starts strictly after first + period',
      props: { period: s(10), every: s(5), fillPeriod: true, align: true },
      input: [3, 10, 14, 15],
      want: [{ tmax: 15, points: [10, 14] }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(windows(c.props, c.input).map(({ tmax, points }) => ({ tmax, points }))).toEqual(
        c.want,
      );
    });
  }

  it('keeps an independent window per group', () => {
    const got = windows(
      { period: s(2), every: s(2) },
      [
        { t: 0, host: 'a' },
        { t: 1, host: 'b' },
        { t: 2, host: 'a' },
        { t: 3, host: 'b' },
      ],
      ['host'],
    );
    expect(got).toEqual([
      { tmax: 2, group: 'host=a', points: [0] },
      { tmax: 3, group: 'host=b', points: [1] },
    ]);
  });

  it('gives the batch the group tags, with empty values for absent dimensions', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ groupBy: ['host', 'dc'] }));
    const { task, out } = run(b, b.add(f, 'window', windowProps({ period: s(1) })));
    task.write(point({ tags: { host: 'a', other: 'x' }, fields: { v: 1 }, time: s(1) }));
    const [batch] = batches(out);
    expect(batch).toMatchObject({ name: 'cpu', group: 'dc=,host=a', tags: { dc: '', host: 'a' } });
    expect(batch!.points[0]!.tags).toEqual({ host: 'a', other: 'x' });
  });

  it('refuses to start without a period or period count', () => {
    const b = new PipelineBuilder();
    b.add(b.add(b.stream, 'from', fromProps()), 'window', windowProps());
    expect(() => run(b)).toThrow(
      'window node must have either a non zero period or non zero period count',
    );
  });
});

describe('window() by count', () => {
  const cases: Array<{
    name: string;
    props: Partial<NodePropsByType['window']>;
    want: Array<{ tmax: number; points: number[] }>;
  }> = [
    {
      name: 'periodCount 3, everyCount 1',
      props: { periodCount: 3, everyCount: 1 },
      want: [
        { tmax: 1, points: [1] },
        { tmax: 2, points: [1, 2] },
        { tmax: 3, points: [1, 2, 3] },
        { tmax: 4, points: [2, 3, 4] },
        { tmax: 5, points: [3, 4, 5] },
      ],
    },
    {
      name: 'periodCount 3, everyCount 2',
      props: { periodCount: 3, everyCount: 2 },
      want: [
        { tmax: 2, points: [1, 2] },
        { tmax: 4, points: [2, 3, 4] },
      ],
    },
    {
      name: 'fillPeriod waits for periodCount points',
      props: { periodCount: 3, everyCount: 1, fillPeriod: true },
      want: [
        { tmax: 3, points: [1, 2, 3] },
        { tmax: 4, points: [2, 3, 4] },
        { tmax: 5, points: [3, 4, 5] },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(windows(c.props, range(1, 5)).map(({ tmax, points }) => ({ tmax, points }))).toEqual(
        c.want,
      );
    });
  }
});
