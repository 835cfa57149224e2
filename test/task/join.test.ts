// shift and join at run time, from TICKscript: matching by group and time (with tolerance),
// prefixes, fill for sets a parent never completes, one-to-many .on() joins, and the
// Chronograf relative shape (a stream joined with its own shifted past).

import { describe, expect, it } from 'vitest';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import type { Message } from '../../src/task/point.js';
import { startTask } from '../../src/task/runtime.js';
import { point, points, s, taskContext } from './helpers.js';

function start(script: string): {
  write: (p: Parameters<typeof point>[0]) => void;
  out: Message[];
} {
  const pipeline = evaluateScript(`dbrp "db"."rp"\n${script}`, { taskId: 't' });
  const out: Message[] = [];
  const task = startTask(pipeline, taskContext(), {
    httpOut: () => ({ receive: (m) => void out.push(m) }),
  });
  return { write: (p) => task.write(point(p)), out };
}

const summary = (out: Message[]) =>
  points(out).map((p) => ({
    name: p.name,
    group: p.group,
    time: p.time,
    fields: p.fields,
    tags: p.tags,
  }));

describe('join', () => {
  it('joins points of the same group and time, prefixing fields; unmatched ones are dropped', () => {
    const t = start(`
var a = stream|from().measurement('a').groupBy('host')
var b = stream|from().measurement('b').groupBy('host')
a|join(b).as('a', 'b')|httpOut('out')`);
    t.write({ name: 'a', tags: { host: 'x', other: '1' }, fields: { v: 1 }, time: s(1) });
    t.write({ name: 'b', tags: { host: 'y' }, fields: { v: 9 }, time: s(1) });
    t.write({ name: 'b', tags: { host: 'x' }, fields: { v: 2, w: 'z' }, time: s(1) });
    t.write({ name: 'a', tags: { host: 'x' }, fields: { v: 3 }, time: s(2) });
    t.write({ name: 'b', tags: { host: 'x' }, fields: { v: 4 }, time: s(3) });
    expect(summary(t.out)).toEqual([
      {
        name: 'a',
        group: 'host=x',
        time: s(1),
        fields: { 'a.v': 1, 'b.v': 2, 'b.w': 'z' },
        tags: { host: 'x' },
      },
    ]);
  });

  it('rounds times to the tolerance, names the stream and fills what a parent never sent', () => {
    const t = start(`
var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('a', 'b').tolerance(1s).streamName('ab').fill(0.0)|httpOut('out')`);
    t.write({ name: 'a', fields: { v: 1 }, time: s(10) + 400_000_000n });
    t.write({ name: 'b', fields: { v: 2 }, time: s(10) - 300_000_000n });
    t.write({ name: 'a', fields: { v: 5 }, time: s(11) });
    // b moves past 11 s: the set at 11 s can no longer complete and is filled.
    t.write({ name: 'b', fields: { v: 6 }, time: s(12) });
    t.write({ name: 'a', fields: { v: 7 }, time: s(13) });
    t.write({ name: 'b', fields: { v: 8 }, time: s(14) });
    expect(summary(t.out).map((p) => [p.name, p.time, p.fields])).toEqual([
      ['ab', s(10), { 'a.v': 1, 'b.v': 2 }],
      ['ab', s(11), { 'a.v': 5, 'b.v': 0 }],
      ['ab', s(12), { 'a.v': 0, 'b.v': 6 }],
    ]);
  });

  it("fill('null') leaves a missing parent's fields out", () => {
    const t = start(`
var a = stream|from().measurement('a')
var b = stream|from().measurement('b')
a|join(b).as('a', 'b').fill('null')|httpOut('out')`);
    t.write({ name: 'a', fields: { v: 1 }, time: s(1) });
    t.write({ name: 'a', fields: { v: 2 }, time: s(2) });
    t.write({ name: 'b', fields: { v: 3 }, time: s(3) });
    t.write({ name: 'a', fields: { v: 4 }, time: s(4) });
    expect(summary(t.out).map((p) => [p.time, p.fields])).toEqual([
      [s(1), { 'a.v': 1 }],
      [s(2), { 'a.v': 2 }],
    ]);
  });

  it('.on() joins one point of the coarser parent with every finer group', () => {
    const t = start(`
var cpu = stream|from().measurement('cpu').groupBy('host', 'cpu')
var total = stream|from().measurement('total').groupBy('host')
cpu|join(total).as('cpu', 'total').on('host')|httpOut('out')`);
    t.write({ name: 'cpu', tags: { host: 'h', cpu: 'cpu0' }, fields: { v: 1 }, time: s(1) });
    t.write({ name: 'cpu', tags: { host: 'h', cpu: 'cpu1' }, fields: { v: 2 }, time: s(1) });
    t.write({ name: 'total', tags: { host: 'h' }, fields: { v: 3 }, time: s(1) });
    t.write({ name: 'cpu', tags: { host: 'h', cpu: 'cpu2' }, fields: { v: 4 }, time: s(1) });
    expect(summary(t.out).map((p) => [p.group, p.fields])).toEqual([
      ['cpu=cpu0,host=h', { 'cpu.v': 1, 'total.v': 3 }],
      ['cpu=cpu1,host=h', { 'cpu.v': 2, 'total.v': 3 }],
      ['cpu=cpu2,host=h', { 'cpu.v': 4, 'total.v': 3 }],
    ]);
  });

  it('a stream joined with its shifted self compares each window with the one before', () => {
    const t = start(`
var data = stream|from().measurement('cpu').groupBy('host')
var past = data|shift(10s)
past|join(data).as('past', 'current')
  |eval(lambda: "current.v" - "past.v").as('diff')
  |httpOut('out')`);
    for (const [time, v] of [
      [0, 1],
      [10, 4],
      [20, 9],
    ] as const)
      t.write({ name: 'cpu', tags: { host: 'a' }, fields: { v }, time: s(time) });
    expect(summary(t.out).map((p) => [p.time, p.fields])).toEqual([
      [s(10), { diff: 3 }],
      [s(20), { diff: 5 }],
    ]);
  });
});

describe('shift', () => {
  it('moves points and batches forward', () => {
    const t = start(`
stream|from().measurement('m')|shift(1h)|httpOut('out')`);
    t.write({ name: 'm', fields: { v: 1 }, time: s(5) });
    expect(points(t.out)[0]!.time).toBe(s(3605));
    const b = start(`
stream|from().measurement('m')|window().period(10s).every(10s)|shift(1m)|httpOut('out')`);
    for (const time of [0, 5, 10]) b.write({ name: 'm', fields: { v: 1 }, time: s(time) });
    const batch = b.out[0]!;
    expect(
      batch.kind === 'batch' && [batch.batch.tmax, batch.batch.points.map((p) => p.time)],
    ).toEqual([s(70), [s(60), s(65)]]);
  });
});
