import { describe, expect, it } from 'vitest';
import { GoTime } from '../../src/common/gotime.js';
import { goRound, goTruncate } from '../../src/task/gotime-math.js';
import {
  PipelineBuilder,
  fromProps,
  lambda,
  point,
  points,
  run,
  s,
  SECOND,
  MS,
} from './helpers.js';

describe('from()', () => {
  const cases: Array<{ name: string; props: Parameters<typeof fromProps>[0]; pass: boolean[] }> = [
    { name: 'no filter', props: {}, pass: [true, true, true, true] },
    { name: 'measurement', props: { measurement: 'cpu' }, pass: [true, false, true, true] },
    { name: 'database', props: { database: 'db' }, pass: [true, true, false, true] },
    { name: 'retention policy', props: { retentionPolicy: 'rp' }, pass: [true, true, true, false] },
    {
      name: 'all three',
      props: { measurement: 'cpu', database: 'db', retentionPolicy: 'rp' },
      pass: [true, false, false, false],
    },
  ];
  for (const c of cases) {
    it(`filters by ${c.name}`, () => {
      const b = new PipelineBuilder();
      const { task, out } = run(b, b.add(b.stream, 'from', fromProps(c.props)));
      const input = [
        point({ name: 'cpu', fields: { v: 0 }, time: s(0) }),
        point({ name: 'mem', fields: { v: 1 }, time: s(1) }),
        point({ name: 'cpu', db: 'other', fields: { v: 2 }, time: s(2) }),
        point({ name: 'cpu', rp: 'other', fields: { v: 3 }, time: s(3) }),
      ];
      for (const p of input) task.write(p);
      expect(points(out).map((p) => p.fields.v)).toEqual(
        input.filter((_, i) => c.pass[i]).map((p) => p.fields.v),
      );
    });
  }

  it('ANDs where() lambdas in call order and forwards unchanged points as the same message', () => {
    const b = new PipelineBuilder();
    const f = b.add(
      b.stream,
      'from',
      fromProps({ where: [lambda('"v" > 1'), lambda('"host" == \'a\'')] }),
    );
    const { task, out } = run(b, f);
    const ok = point({ tags: { host: 'a' }, fields: { v: 2 }, time: s(1) });
    task.write(ok);
    task.write(point({ tags: { host: 'b' }, fields: { v: 2 }, time: s(2) }));
    task.write(point({ tags: { host: 'a' }, fields: { v: 1 }, time: s(3) }));
    expect(points(out)).toEqual([ok]);
    expect(points(out)[0]).toBe(ok);
  });

  it('shares where() state across groups', () => {
    // count() is 1, 2, 3 across all points, not per group.
    const b = new PipelineBuilder();
    const f = b.add(
      b.stream,
      'from',
      fromProps({ where: [lambda('count() > 1')], groupBy: ['host'] }),
    );
    const { task, out } = run(b, f);
    task.write(point({ tags: { host: 'a' }, fields: { v: 1 }, time: s(1) }));
    task.write(point({ tags: { host: 'b' }, fields: { v: 2 }, time: s(2) }));
    expect(points(out).map((p) => p.fields.v)).toEqual([2]);
  });

  it('logs, counts and drops on a where() evaluation error', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ where: [lambda('"missing" > 1')] }));
    const { task, out, logs } = run(b, f);
    task.write(point({ fields: { v: 1 }, time: s(1) }));
    expect(out).toEqual([]);
    expect(task.stats().from1!.errors).toBe(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'error', node: 'from1' });
    expect(String(logs[0]!.err)).toContain('missing');
  });

  it('reports a field and a tag with the same name', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ where: [lambda('"x" == \'a\'')] }));
    const { task, logs } = run(b, f);
    task.write(point({ tags: { x: 'a' }, fields: { x: 1 }, time: s(1) }));
    expect(logs[0]!.err).toBe('cannot have field and tags with same name "x"');
  });

  it('does not log errors with quiet()', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ where: [lambda('"missing" > 1')] }), true);
    const { task, logs } = run(b, f);
    task.write(point({ fields: { v: 1 }, time: s(1) }));
    expect(logs).toEqual([]);
    expect(task.stats().from1!.errors).toBe(1);
  });

  it('gives "time" the point time', () => {
    const b = new PipelineBuilder();
    const f = b.add(
      b.stream,
      'from',
      fromProps({ where: [lambda('unixNano("time") == 5000000000')] }),
    );
    const { task, out } = run(b, f);
    task.write(point({ fields: { v: 1 }, time: s(4) }));
    task.write(point({ fields: { v: 2 }, time: s(5) }));
    expect(points(out).map((p) => p.fields.v)).toEqual([2]);
  });

  it('truncates, then rounds, the time', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ truncate: s(10), round: s(20) }));
    const { task, out } = run(b, f);
    task.write(point({ fields: { v: 1 }, time: s(19) })); // truncate → 10, round → 20
    task.write(point({ fields: { v: 1 }, time: s(9) })); // truncate → 0, round → 0
    expect(points(out).map((p) => p.time)).toEqual([s(20), s(0)]);
  });

  it('sets sorted dimensions, by measurement and with *', () => {
    const tags = { region: 'eu', host: 'a', dc: 'x' };
    const cases = [
      { props: fromProps({ groupBy: ['region', 'host'] }), group: 'host=a,region=eu' },
      { props: fromProps({ groupBy: ['missing'] }), group: 'missing=' },
      { props: fromProps({ groupBy: ['host'], groupByMeasurement: true }), group: 'cpu\nhost=a' },
      { props: fromProps({ groupByMeasurement: true }), group: 'cpu' },
      { props: fromProps({ groupByStar: true }), group: 'dc=x,host=a,region=eu' },
    ];
    for (const c of cases) {
      const b = new PipelineBuilder();
      const { task, out } = run(b, b.add(b.stream, 'from', c.props));
      task.write(point({ tags, fields: { v: 1 }, time: s(1) }));
      const p = points(out)[0]!;
      expect(p.group).toBe(c.group);
      expect(p.tags).toEqual(tags); // grouping keeps the other tags
    }
  });
});

describe('Go time truncation and rounding', () => {
  const at = (iso: string): bigint => BigInt(Date.parse(iso)) * MS;
  it('is relative to the zero time, not the epoch', () => {
    const week = 7n * 86_400n * SECOND;
    // 1970-01-01 is a Thursday; weeks since 0001-01-01 start on Mondays.
    expect(new GoTime(goTruncate(at('1970-01-01T12:00:00Z'), week)).toRFC3339Nano()).toBe(
      '1969-12-29T00:00:00Z',
    );
    expect(goTruncate(at('2024-05-01T10:07:31Z'), 60n * SECOND)).toBe(at('2024-05-01T10:07:00Z'));
    // 62135596800 s between the zero time and the epoch: 62135596800 mod 7 = 4.
    expect(goTruncate(0n, s(7))).toBe(-s(4));
  });

  it('rounds halfway values up and leaves d <= 0 alone', () => {
    expect(goRound(1_500n * MS, SECOND)).toBe(s(2));
    expect(goRound(1_499n * MS, SECOND)).toBe(s(1));
    expect(goRound(-1_500n * MS, SECOND)).toBe(-s(1));
    expect(goRound(123n, 0n)).toBe(123n);
    expect(goTruncate(123n, 0n)).toBe(123n);
  });
});
