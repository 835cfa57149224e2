import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../../src/alert/event.js';
import type { DerivativeProps } from '../../src/pipeline/model.js';
import { MS, batch, batches, lambda, nodeHarness, pointMsg, points, s } from './helpers.js';

describe('stateCount / stateDuration (upstream TestStream_StateCount)', () => {
  const values = [97.1, 96.6, 83.6, 99.1];
  it('counts consecutive true points', () => {
    const h = nodeHarness('stateCount', { expression: lambda('"value" > 95'), as: '' });
    values.forEach((value, i) =>
      h.receive(pointMsg({ tags: { host: 'serverA' }, fields: { value }, time: s(i) })),
    );
    expect(points(h.out).map((p) => p.fields.state_count)).toEqual([1n, 2n, -1n, 1n]);
  });

  it('measures the true run in units', () => {
    const h = nodeHarness('stateDuration', {
      expression: lambda('"value" > 95'),
      as: '',
      unit: MS,
    });
    values.forEach((value, i) =>
      h.receive(pointMsg({ tags: { host: 'serverA' }, fields: { value }, time: s(i) })),
    );
    expect(points(h.out).map((p) => p.fields.state_duration)).toEqual([0, 1000, -1, 0]);
  });

  it('uses .as(), keeps other fields, tracks per group', () => {
    const h = nodeHarness('stateCount', { expression: lambda('"value" > 95'), as: 'n' });
    const dims = { tagNames: ['host'], byMeasurement: false };
    for (const host of ['a', 'b', 'a'])
      h.receive(pointMsg({ tags: { host }, fields: { value: 99 }, time: s(1), dims }));
    expect(points(h.out).map((p) => p.fields)).toEqual([
      { value: 99, n: 1n },
      { value: 99, n: 1n },
      { value: 99, n: 2n },
    ]);
  });

  it('drops a point whose predicate fails and leaves the state alone', () => {
    const h = nodeHarness('stateCount', { expression: lambda('"value" > 95'), as: '' });
    h.receive(pointMsg({ fields: { value: 99 }, time: s(1) }));
    h.receive(pointMsg({ fields: { other: 1 }, time: s(2) }));
    h.receive(pointMsg({ fields: { value: 99 }, time: s(3) }));
    expect(points(h.out).map((p) => p.fields.state_count)).toEqual([1n, 2n]);
    expect(h.stats.errors).toBe(1);
  });

  it('resets at each batch', () => {
    const h = nodeHarness('stateCount', { expression: lambda('"value" > 95'), as: '' });
    const b = batch({
      tmax: s(2),
      points: [
        { time: s(1), fields: { value: 99 } },
        { time: s(2), fields: { value: 99 } },
      ],
    });
    h.receive(b);
    h.receive(b);
    expect(batches(h.out).map((x) => x.points.map((p) => p.fields.state_count))).toEqual([
      [1n, 2n],
      [1n, 2n],
    ]);
  });
});

describe('derivative()', () => {
  const props = (over: Partial<DerivativeProps> = {}): DerivativeProps => ({
    field: 'value',
    as: 'value',
    unit: s(1),
    nonNegative: false,
    ...over,
  });
  const cases: Array<{
    name: string;
    props: DerivativeProps;
    input: Array<[number, FieldValue]>;
    want: number[];
    errors?: number;
  }> = [
    {
      name: 'drops the first point, then rate per second',
      props: props(),
      input: [
        [0, 0],
        [2, 10],
        [3, 4],
      ],
      want: [5, -6],
    },
    {
      name: 'unit scales the rate',
      props: props({ unit: s(60) }),
      input: [
        [0, 0],
        [2, 10],
      ],
      want: [300],
    },
    {
      name: 'int fields',
      props: props(),
      input: [
        [0, 0n],
        [1, 10n],
      ],
      want: [10],
    },
    {
      name: 'nonNegative drops negative results but still moves "previous"',
      props: props({ nonNegative: true }),
      input: [
        [0, 0],
        [1, 10],
        [2, 5],
        [3, 7],
      ],
      want: [10, 2],
    },
    {
      name: 'zero elapsed time is an error, the point still becomes previous',
      props: props(),
      input: [
        [0, 0],
        [0, 5],
        [1, 10],
      ],
      want: [5],
      errors: 1,
    },
    {
      name: 'a non-numeric field is an error and does not become previous',
      props: props(),
      input: [
        [0, 0],
        [1, 'x'],
        [2, 10],
      ],
      want: [5],
      errors: 1,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const h = nodeHarness('derivative', c.props);
      for (const [t, value] of c.input)
        h.receive(pointMsg({ fields: { value, other: 'kept' }, time: s(t) }));
      expect(points(h.out).map((p) => p.fields.value)).toEqual(c.want);
      expect(h.stats.errors).toBe(c.errors ?? 0);
    });
  }

  it('writes .as() and keeps the other fields', () => {
    const h = nodeHarness('derivative', props({ as: 'rate' }));
    h.receive(pointMsg({ fields: { value: 0 }, time: s(0) }));
    h.receive(pointMsg({ fields: { value: 1 }, time: s(1) }));
    expect(points(h.out)[0]!.fields).toEqual({ value: 1, rate: 1 });
  });

  it('resets "previous" at each batch', () => {
    const h = nodeHarness('derivative', props());
    const b = batch({
      tmax: s(2),
      points: [
        { time: s(1), fields: { value: 1 } },
        { time: s(2), fields: { value: 3 } },
      ],
    });
    h.receive(b);
    h.receive(b);
    expect(batches(h.out).map((x) => x.points.map((p) => p.fields.value))).toEqual([[2], [2]]);
  });
});

describe('changeDetect()', () => {
  it('forwards a point only when a watched field changed since the last forwarded one', () => {
    const h = nodeHarness('changeDetect', { fields: ['a', 'b'] });
    const input: Array<Record<string, FieldValue>> = [
      { a: 1, b: 'x' }, // first: always
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1n, b: 'y' }, // int 1 differs from float 1
      { a: 1n, b: 'y', c: 5 },
    ];
    input.forEach((fields, i) => h.receive(pointMsg({ fields, time: s(i) })));
    expect(points(h.out).map((p) => p.time)).toEqual([s(0), s(2), s(3)]);
  });

  it('logs and ignores a missing field; tracks groups separately', () => {
    const h = nodeHarness('changeDetect', { fields: ['a'] });
    const dims = { tagNames: ['host'], byMeasurement: false };
    h.receive(pointMsg({ tags: { host: 'a' }, fields: { a: 1 }, time: s(0), dims }));
    h.receive(pointMsg({ tags: { host: 'b' }, fields: { a: 1 }, time: s(1), dims }));
    h.receive(pointMsg({ tags: { host: 'a' }, fields: { other: 1 }, time: s(2), dims }));
    expect(points(h.out).map((p) => p.time)).toEqual([s(0), s(1)]);
    expect(h.stats.errors).toBe(1);
  });

  it('starts fresh at each batch', () => {
    const h = nodeHarness('changeDetect', { fields: ['a'] });
    const b = batch({
      tmax: s(2),
      points: [
        { time: s(1), fields: { a: 1 } },
        { time: s(2), fields: { a: 1 } },
      ],
    });
    h.receive(b);
    h.receive(b);
    expect(batches(h.out).map((x) => x.points.length)).toEqual([1, 1]);
  });
});
