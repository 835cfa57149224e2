import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateScript } from '../../src/pipeline/evaluate.js';
import type { Message } from '../../src/task/point.js';
import { startTask } from '../../src/task/runtime.js';
import {
  PipelineBuilder,
  captureFactory,
  fromProps,
  point,
  points,
  run,
  s,
  taskContext,
} from './helpers.js';

const START_MS = 1_003_000; // 3 s past a multiple of 10 s

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
});
afterEach(() => {
  vi.useRealTimers();
});

const msToNs = (ms: number): bigint => BigInt(ms) * 1_000_000n;

function statsPipeline(align: boolean) {
  const b = new PipelineBuilder();
  const f = b.add(b.stream, 'from', fromProps({ groupBy: ['host'] }));
  const stats = b.add(undefined, 'stats', { interval: s(10), align, sourceId: f.id });
  return { b, stats };
}

describe('stats()', () => {
  it('emits the observed node’s cumulative emitted count per group every interval', async () => {
    const { b, stats } = statsPipeline(false);
    const { task, out } = run(b, stats);
    task.write(point({ tags: { host: 'a' }, fields: { v: 1 }, time: s(1) }));
    task.write(point({ tags: { host: 'b' }, fields: { v: 1 }, time: s(1) }));
    task.write(point({ tags: { host: 'a' }, fields: { v: 1 }, time: s(2) }));
    await vi.advanceTimersByTimeAsync(10_000);
    task.write(point({ tags: { host: 'a' }, fields: { v: 1 }, time: s(3) }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(points(out).map((p) => [p.name, p.group, p.tags, p.fields.emitted, p.time])).toEqual([
      ['stats', 'host=a', { host: 'a' }, 2n, msToNs(START_MS + 10_000)],
      ['stats', 'host=b', { host: 'b' }, 1n, msToNs(START_MS + 10_000)],
      ['stats', 'host=a', { host: 'a' }, 3n, msToNs(START_MS + 20_000)],
      ['stats', 'host=b', { host: 'b' }, 1n, msToNs(START_MS + 20_000)],
    ]);
    await task.stop();
  });

  it('emits a nil-group zero before the observed node has emitted anything', async () => {
    const { b, stats } = statsPipeline(false);
    const { task, out } = run(b, stats);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(points(out).map((p) => [p.group, p.fields.emitted])).toEqual([['', 0n]]);
    await task.stop();
  });

  it('with align starts on a multiple of the interval and rounds the times', async () => {
    const { b, stats } = statsPipeline(true);
    const { task, out } = run(b, stats);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(out).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(points(out).map((p) => p.time)).toEqual([msToNs(1_010_000), msToNs(1_020_000)]);
    await task.stop();
  });

  it('stops ticking when the task stops', async () => {
    const { b, stats } = statsPipeline(false);
    const { task, out } = run(b, stats);
    await task.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(out).toEqual([]);
  });
});

describe('deadman() from a script', () => {
  it('feeds stats → derivative(emitted) per interval into the alert node', async () => {
    const pipeline = evaluateScript(
      `dbrp "db"."rp"\nstream|from().measurement('cpu')|deadman(2.0, 10s)`,
      { taskId: 't' },
    );
    const seen: Message[] = [];
    const task = startTask(pipeline, taskContext(), { alert: captureFactory(seen) as never });
    // Aligned: ticks at 1_010_000 and 1_020_000 ms. 5 points, then 3 more.
    for (let i = 0; i < 5; i++) task.write(point({ fields: { v: i }, time: s(i) }));
    await vi.advanceTimersByTimeAsync(7_000);
    for (let i = 0; i < 3; i++) task.write(point({ fields: { v: i }, time: s(10 + i) }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(points(seen).map((p) => [p.name, p.fields.emitted, p.time])).toEqual([
      ['stats', 3, msToNs(1_020_000)],
    ]);
    await task.stop();
  });
});
