import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/task/point.js';
import { startTask } from '../../src/task/runtime.js';
import {
  PipelineBuilder,
  captureFactory,
  fromProps,
  lambda,
  point,
  run,
  s,
  taskContext,
} from './helpers.js';

describe('startTask', () => {
  it('wires children in order and delivers each point to every from()', () => {
    const b = new PipelineBuilder();
    const f1 = b.add(b.stream, 'from', fromProps({ measurement: 'cpu' }));
    const f2 = b.add(b.stream, 'from', fromProps());
    b.add(f1, 'noop', {});
    b.add(f2, 'noop', {});
    const { task, out } = run(b);
    task.write(point({ name: 'cpu', fields: { v: 1 }, time: s(1) }));
    task.write(point({ name: 'mem', fields: { v: 2 }, time: s(2) }));
    expect(out.map((m) => (m.kind === 'point' ? `${m.point.name}` : ''))).toEqual([
      'cpu',
      'cpu',
      'mem',
    ]);
  });

  it('counts collected, emitted and errors per node', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ measurement: 'cpu' }));
    const w = b.add(f, 'where', { expression: lambda('"v" > 1') });
    const { task } = run(b, w);
    task.write(point({ fields: { v: 1 }, time: s(1) }));
    task.write(point({ fields: { v: 2 }, time: s(2) }));
    task.write(point({ fields: { other: 2 }, time: s(3) }));
    task.write(point({ name: 'mem', fields: { v: 2 }, time: s(4) }));
    const stats = task.stats();
    expect(Object.keys(stats)).toEqual(['stream0', 'from1', 'where2', 'noop3']);
    expect(stats.stream0).toMatchObject({ collected: 4, emitted: 4, errors: 0 });
    expect(stats.from1).toMatchObject({ collected: 4, emitted: 3, errors: 0 });
    expect(stats.where2).toMatchObject({ collected: 3, emitted: 1, errors: 1 });
    expect(stats.noop3).toMatchObject({ collected: 1 });
  });

  it('uses the factories it is given and rejects node types without one', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps());
    b.add(f, 'alert', {} as never);
    expect(() => startTask(b.build(), taskContext(), { alert: undefined })).toThrow(
      'unsupported node: alert (alert2)',
    );

    const seen: Message[] = [];
    const task = startTask(b.build(), taskContext(), { alert: captureFactory(seen) as never });
    task.write(point({ fields: { v: 1 }, time: s(1) }));
    expect(seen).toHaveLength(1);
  });

  it('fails to start on a lambda compile error', () => {
    const b = new PipelineBuilder();
    b.add(b.stream, 'from', fromProps({ where: [lambda('1 + 1.5 > 2')] }));
    expect(() => run(b)).toThrow(/mismatched type/);
  });

  it('keeps running when a node throws', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps());
    b.add(f, 'noop', {});
    let calls = 0;
    const { task, logs } = run(b, undefined, {
      factories: {
        noop: () => ({
          receive: () => {
            calls++;
            throw new Error('boom');
          },
        }),
      },
    });
    task.write(point({ fields: { v: 1 }, time: s(1) }));
    task.write(point({ fields: { v: 1 }, time: s(2) }));
    expect(calls).toBe(2);
    expect(logs.filter((l) => l.level === 'error').map((l) => l.err)).toEqual(['boom', 'boom']);
  });
});
